"""shenzhen: every route that can end in a claim lists the full materials for its type of care (seed 004);
someone who paid and is back in Shenzhen claims there."""

from __future__ import annotations

import pytest
from support.scenarios import (
    all_text, assert_absent, assert_consistent, assert_present, by_id, case_items, certain_entries, cites, do_now_ids, run,
)

OUTPATIENT = ("sz-mat-out-receipts", "sz-mat-out-list")
HOSPITAL = ("sz-mat-in-discharge", "sz-mat-in-list", "sz-mat-in-receipt")
AWAY = ("filed=no", "paid_home=no")


@pytest.mark.parametrize(
    ("networked", "province"),
    [("not_networked", "guangdong"), ("not_networked", "other_province"), ("networked", "other_province")],
)
@pytest.mark.parametrize("care", ["outpatient", "hospitalisation"])
def test_a_route_that_can_end_in_a_claim_lists_every_material(networked: str, province: str, care: str) -> None:
    data = run("shenzhen", *AWAY, f"networked={networked}", f"care={care}", f"province={province}")
    assert_consistent(data)
    if care == "hospitalisation":
        assert_present(data, *HOSPITAL)
        assert_absent(data, *OUTPATIENT)
    else:
        assert_present(data, *OUTPATIENT)
        assert_absent(data, *HOSPITAL)
    assert_present(data, "sz-result")


def test_networked_within_guangdong_needs_no_claim_materials() -> None:
    data = run("shenzhen", *AWAY, "networked=networked", "care=hospitalisation", "province=guangdong")
    assert_absent(data, *HOSPITAL, *OUTPATIENT, "sz-file-national")
    assert [e["id"] for e in data["steps"]][0] == "sz-file"


@pytest.mark.parametrize("care", ["outpatient", "hospitalisation"])
def test_not_sure_if_networked_lists_the_claim_materials_under_if_no(care: str) -> None:
    data = run("shenzhen", *AWAY, "networked=unsure", f"care={care}", "province=guangdong")
    assert_consistent(data)
    materials = HOSPITAL if care == "hospitalisation" else OUTPATIENT
    if_no = case_items(data, "networked", "If No")
    assert set(materials) <= set(if_no) and "sz-advance" in if_no and "sz-result" in if_no
    assert "sz-swipe" in case_items(data, "networked", "If Yes")
    assert not set(materials) & {e["id"] for e in data["materials"]}, "claim materials are not certain"
    (found,) = data["do_now"]["find_out"]
    assert found["question"] == "networked" and found["sources"] == ["domain-notes"] and found["cases"] == []
    assert found["text"].startswith("Find out whether the institution is networked on the national platform: look the institution up")
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "National Medical Insurance Service Platform" in how["text"] and how["sources"] == ["domain-notes"]


def test_the_card_line_says_which_card_and_the_claim_lines_name_the_papers() -> None:
    """Fix 3.8: no "only with one" beside the e-credential; no pointer to a section that may not hold the papers."""
    data = run("shenzhen", *AWAY, "networked=not_networked", "care=outpatient", "province=guangdong")
    card = by_id(data)["sz-mat-card"]["text"]
    assert "must be the national universal social security card" in card and "only with one" not in card
    assert "Materials to bring" not in all_text(data)
    assert "original fee receipts and the itemised cost list, each with the hospital seal" in by_id(data)["sz-reimburse"]["text"]
    zh = run("shenzhen", *AWAY, "networked=unsure", "care=outpatient", "province=other_province", lang="zh")
    text = all_text(zh)
    assert "“需带材料”" not in text
    assert by_id(zh)["sz-reimburse"]["text"].startswith("带上加盖医院公章的原始收费票据和费用明细清单，到深圳医保经办机构申请报销")


def test_paid_and_back_in_shenzhen_claims_there() -> None:
    """Route 4.1 for Shenzhen (seed 004: cash advance, then the Shenzhen window)."""
    data = run("shenzhen", "filed=yes", "paid_home=yes", "care=hospitalisation", "province=guangdong")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert do_now_ids(data) == ["sz-reimburse-stay"]
    assert_present(data, *HOSPITAL)
    assert_absent(data, "sz-file", "sz-advance", "sz-swipe")
    late = run("shenzhen", "filed=no", "paid_home=yes", "care=outpatient", "province=other_province")
    assert do_now_ids(late)[0] == "sz-file-after"


@pytest.mark.parametrize("care, step, papers, not_papers", [
    ("outpatient", "sz-reimburse", "original fee receipts and the itemised cost list", "discharge"),
    ("hospitalisation", "sz-reimburse-stay", "discharge record or summary, the detailed expense list and the original receipt", "itemised cost list"),
])
def test_the_claim_names_the_papers_for_its_care_and_says_the_sources_give_no_period(care: str, step: str, papers: str, not_papers: str) -> None:
    """M5: one claim step (no separate claim-period line), its papers as seed 004 lists them for outpatient or hospital care."""
    data = run("shenzhen", "filed=yes", "paid_home=yes", f"care={care}", "province=guangdong")
    assert_consistent(data)
    assert_absent(data, "sz-claim-period")
    assert do_now_ids(data) == [step]
    text = by_id(data)[step]["text"]
    assert papers in text and not_papers not in text
    assert "The sources don't say how long you have to claim: ask the Shenzhen medical insurance agency (or 12393) soon." in text
    zh = run("shenzhen", "filed=yes", "paid_home=yes", f"care={care}", "province=guangdong", lang="zh")
    assert "报销时限以深圳的规定为准（资料未写明）" in by_id(zh)[step]["text"]


@pytest.mark.parametrize("care, step", [("outpatient", "sz-cross-fallback"), ("hospitalisation", "sz-cross-fallback-stay")])
def test_the_cross_province_fallback_names_one_agency_in_both_languages(care: str, step: str) -> None:
    """M5: seed 004 says "the social security window in Shenzhen" for this case: so do both languages."""
    data = run("shenzhen", *AWAY, "networked=networked", f"care={care}", "province=other_province")
    assert "at the social security window in Shenzhen" in by_id(data)[step]["text"]
    zh = run("shenzhen", *AWAY, "networked=networked", f"care={care}", "province=other_province", lang="zh")
    assert "回深圳的社保窗口报销" in by_id(zh)[step]["text"] and "医保经办机构" not in by_id(zh)[step]["text"]


def test_filed_already_is_ticked() -> None:
    data = run("shenzhen", "filed=yes", "paid_home=no", "networked=networked", "care=outpatient", "province=other_province")
    assert by_id(data)["sz-file"]["done"] and "sz-file" not in do_now_ids(data)
    assert_absent(data, "sz-file-national")


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("shenzhen")
    assert not problems, "\n".join(problems)


def test_home_again_within_guangdong_without_a_filing_asks_whether_the_claim_is_accepted() -> None:
    """Review 2, item 2: seed 004 recommends filing first; for treatment within Guangdong no source (and not the 2022
    notice, which is cross-province) gives a rule for filing afterwards: ask. Across provinces, file afterwards."""
    near = run("shenzhen", "filed=no", "paid_home=yes", "care=outpatient", "province=guangdong")
    assert_consistent(near)
    ask = by_id(near)["sz-no-filing"]
    assert do_now_ids(near)[0] == "sz-no-filing" and ask["sources"] == ["editors-late", "seed-004"]
    assert ask["text"].startswith("You did not file, so ask the Shenzhen medical insurance agency whether it accepts your claim")
    assert not any("nhsa-2022-22" in cites(e) for e in certain_entries(near)) and "sz-file-after" not in do_now_ids(near)
    away = run("shenzhen", "filed=no", "paid_home=yes", "care=outpatient", "province=other_province")
    assert do_now_ids(away)[0] == "sz-file-after" and "sz-no-filing" not in do_now_ids(away)
    zh = run("shenzhen", "filed=no", "paid_home=yes", "care=outpatient", "province=other_province", lang="zh")
    assert by_id(zh)["sz-file-after"]["text"].startswith("您未办理异地就医备案，请")

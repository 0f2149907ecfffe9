"""shenzhen: every route that can end in a claim lists the full materials for its type of care (seed 004);
someone who paid and is back in Shenzhen claims there."""

from __future__ import annotations

import pytest
from support.scenarios import all_text, assert_absent, assert_consistent, assert_present, by_id, case_items, do_now_ids, run

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
    assert data["do_now"]["find_out"] == [{"question": "networked", "text": "Find out: " + data["answers"]["networked"]["question"]}]
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "National Medical Insurance Service Platform" in how["text"] and how["sources"] == ["domain-notes"]


def test_the_card_line_says_which_card_and_the_claim_lines_name_the_papers() -> None:
    """Fix 3.8: no "only with one" beside the e-credential; no pointer to a section that may not hold the papers."""
    data = run("shenzhen", *AWAY, "networked=not_networked", "care=outpatient", "province=guangdong")
    card = by_id(data)["sz-mat-card"]["text"]
    assert "must be the national universal social security card" in card and "only with one" not in card
    assert "Materials to bring" not in all_text(data)
    assert "hospital-sealed receipts" in by_id(data)["sz-reimburse"]["text"]
    zh = run("shenzhen", *AWAY, "networked=unsure", "care=outpatient", "province=other_province", lang="zh")
    text = all_text(zh)
    assert "“需带材料”" not in text
    assert "带齐报销材料（加盖医院公章的票据和费用明细清单" in by_id(zh)["sz-reimburse"]["text"]


def test_paid_and_back_in_shenzhen_claims_there() -> None:
    """Route 4.1 for Shenzhen (seed 004: cash advance, then the Shenzhen window)."""
    data = run("shenzhen", "filed=yes", "paid_home=yes", "care=hospitalisation", "province=guangdong")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert do_now_ids(data) == ["sz-claim-period", "sz-reimburse"]
    assert_present(data, *HOSPITAL)
    assert_absent(data, "sz-file", "sz-advance", "sz-swipe")
    late = run("shenzhen", "filed=no", "paid_home=yes", "care=outpatient", "province=other_province")
    assert do_now_ids(late)[0] == "sz-file-after"


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

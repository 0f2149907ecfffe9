"""emergency: a referred patient files and settles directly before any claim; an emergency patient reports it, once."""

from __future__ import annotations

import re

import pytest
from support.scenarios import (
    all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, assert_present, by_id,
    do_now_ids, run, step_ids,
)

EMERGENCY_AWAY = ("situation=emergency", "destination=other_province", "emergency_on=2026-11-21", "reported=no", "costs=unpaid")
# A referred patient at the start: no certificate yet, nothing filed, nothing paid.
REFERRAL_START = ("certificate=no", "filed=no", "costs=unpaid")
REFERRAL_AWAY = ("situation=referral", "destination=other_province", *REFERRAL_START, "networked=networked")
REFERRAL_NEAR = ("situation=referral", "destination=same_province", *REFERRAL_START)


def test_referral_is_labelled_with_the_official_term() -> None:
    """Fix 3.6: an emergency patient cannot pick the referral by mistake."""
    data = run("emergency", *REFERRAL_AWAY)
    label = data["answers"]["situation"]["label"]
    assert label.startswith("Referred patient (异地转诊人员)") and "refers me" in label and "Emergency transfer" not in label
    zh = run("emergency", *REFERRAL_AWAY, lang="zh")
    assert zh["answers"]["situation"]["label"] == "异地转诊人员（病情严重，经医院转诊到医疗条件更好的地区就医）"
    emergency = run("emergency", *EMERGENCY_AWAY, "networked=networked")
    assert "(急诊抢救)" in emergency["answers"]["situation"]["label"]


def test_referral_settles_directly_before_the_manual_claim() -> None:
    data = run("emergency", *REFERRAL_AWAY)
    assert_consistent(data)
    steps = step_ids(data)
    assert steps.index("ref-direct") < steps.index("ref-seal") < steps.index("ref-reimburse")
    assert_current_rule(by_id(data)["ref-direct"], "settle your costs directly")
    assert_current_rule(by_id(data)["ref-register"], "temporarily seeking treatment off-site")
    rate = by_id(data)["ref-rate"]
    assert_current_rule(rate, "10 percentage points")
    assert "30% to 50%" in rate["earlier"]["text"]


def test_a_referral_claims_the_costs_back_only_if_not_settled_directly() -> None:
    """Fix 3.4: reimbursement is for what could not be settled directly (seed 001), in both languages."""
    data = run("emergency", *REFERRAL_NEAR)
    assert by_id(data)["ref-reimburse"]["text"].startswith("If you paid yourself")
    zh = run("emergency", *REFERRAL_NEAR, lang="zh")
    assert by_id(zh)["ref-reimburse"]["text"].startswith("自行垫付费用的")
    not_networked = run("emergency", "situation=referral", "destination=other_province", *REFERRAL_START, "networked=not_networked")
    assert_absent(not_networked, "ref-direct")


def test_referral_paperwork_is_the_insured_places_across_provinces_and_the_seeds_within_one() -> None:
    """Fix 3.9: each line cites what says it; the 2022 point leads only for cross-province treatment."""
    away = by_id(run("emergency", *REFERRAL_AWAY))["ref-certificate"]
    assert_current_rule(away, "as your insured place requires")
    assert "county-level" in away["earlier"]["text"]
    near = by_id(run("emergency", *REFERRAL_NEAR))["ref-certificate"]
    assert near["earlier"] is None and "domain-notes" not in near["sources"]


def test_seal_and_registration_are_actions_not_materials() -> None:
    data = run("emergency", *REFERRAL_NEAR)
    materials = " ".join(e["text"] for e in data["materials"])
    assert "registration" not in materials
    assert not any(e["text"].startswith("The seal") for e in data["materials"])
    assert_present(data, "ref-seal", "ref-register")
    assert {"ref-seal", "ref-register"} <= set(step_ids(data))


def test_emergency_across_provinces_is_deemed_filed_and_told_so_not_told_to_do_it() -> None:
    data = run("emergency", *EMERGENCY_AWAY, "networked=networked")
    assert_consistent(data)
    deemed = by_id(data)["em-deemed-filed"]
    assert step_ids(data)[0] == "em-deemed-filed" and deemed["info"] and "deemed filed" in deemed["text"]
    assert deemed["sources"] == ["nhsa-2022-22"] and deemed["text"].endswith("you do not need to file.")
    assert "em-deemed-filed" not in do_now_ids(data), "information is never numbered as an action"
    deadline = by_id(data)["em-deadline"]
    assert_current_rule(deadline, "promptly", "some places still ask within three days")
    assert "10 percentage points" in by_id(data)["em-rate"]["text"]
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"
    assert do_now_ids(data)[0] == "em-deadline"
    # Across provinces the date is worded softly, under its own item.
    assert data["do_now"]["actions"][0]["note"] == "Some places ask by 2026-11-24 (3 days after emergency treatment on 2026-11-21)"


def test_same_province_reports_within_three_days_in_one_action() -> None:
    """Fix 3.3: "within three days … by telephone in special circumstances" and "call … by telephone" are one action."""
    data = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-11-21", "reported=no", "costs=unpaid")
    assert_consistent(data)
    assert_absent(data, "em-deemed-filed")
    deadline = by_id(data)["em-deadline"]
    assert deadline["text"].startswith("Within three days after the emergency treatment") and "telephone" in deadline["text"]
    assert set(deadline["sources"]) == {"seed-000", "seed-001"}
    telephone = [e["id"] for e in data["steps"] + data["deadlines"] if "telephone" in e["text"]]
    assert telephone == ["em-deadline"], telephone
    assert do_now_ids(data).count("em-deadline") == 1


def test_a_passed_window_becomes_what_still_helps_first() -> None:
    """Section 2: the 3-day window has passed on --today: tell the agency now, ask about a late report, keep receipts."""
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=no",
               "costs=unpaid", "networked=networked", today="2026-12-07")
    assert_consistent(data)
    first = data["do_now"]["actions"][0]
    assert first["id"] == "em-deadline" and first["why"] == "overdue" and first["date"] == "2026-12-04"
    # H1: across provinces emergency treatment is deemed filed: no missed binding deadline, what still helps instead;
    # but the date some places ask for is said to have passed, on the first line (a review: "(by 2026-11-30)" alone
    # left the person to work out that it was gone).
    assert first["text"] == (
        "Emergency treatment in another province is deemed filed. Some places ask to be told within three days"
        " (by 2026-12-04); that date has passed. Tell your insured place's medical insurance agency now, ask whether"
        " it needs anything more, and keep every receipt and paper for a manual claim (手工报销)."
    )
    assert "late" not in first["text"] and "lost" not in first["text"]
    assert set(first["sources"]) == {"nhsa-2022-22", "seed-001", "editors-late"}
    assert data["do_now"]["act_by"] is None
    zh = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=no",
             "costs=unpaid", "networked=networked", today="2026-12-07", lang="zh")
    assert zh["do_now"]["actions"][0]["text"] == (
        "跨省急诊抢救视同已备案。部分地区要求在三日内（2026年12月4日前）告知参保地，这一日期已过。"
        "请尽快告知参保地医保经办机构，问清是否还需补办手续，并保留好全部票据和材料，以备手工报销。"
    )


def test_a_passed_window_within_the_province_keeps_the_seeds_three_days_and_says_what_still_helps() -> None:
    """H1: within the province seed 001's three days stand; once gone, the domain notes' late-case action."""
    data = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-12-01", "reported=no",
               "costs=unpaid", today="2026-12-07")
    assert_consistent(data)
    first = data["do_now"]["actions"][0]
    assert first["text"].startswith("2026-12-04 has passed (3 days after emergency treatment on 2026-12-01). Tell your insured place")
    assert "ask whether a late report or a late filing is accepted" in first["text"] and "lost" not in first["text"]
    assert "nhsa-2022-22" not in first["sources"]


def test_an_emergency_already_reported_is_ticked_and_gone_from_do_this_now() -> None:
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=yes",
               "costs=unpaid", "networked=networked", today="2026-12-07")
    assert by_id(data)["em-deadline"]["done"]
    assert "em-deadline" not in do_now_ids(data) and data["do_now"]["actions"][0]["why"] == "step"


@pytest.mark.parametrize("lang, past", [("en", "already past"), ("zh", "已过")])
def test_a_deadline_met_is_not_called_past(lang: str, past: str) -> None:
    """A review: "✓ Some places ask by 2026-11-30 (…; already past)" read as a missed task. Done, its date was met."""
    sets = ("situation=emergency", "destination=other_province", "emergency_on=2026-11-27", "reported=yes", "costs=unpaid", "networked=networked")
    data = run("emergency", *sets, today="2026-12-07", lang=lang)
    deadline = by_id(data)["em-deadline"]
    assert deadline["done"] and deadline["deadline"]["past"]  # the JSON keeps the fact: the date is behind us
    assert past not in deadline["deadline"]["summary"], deadline["deadline"]["summary"]
    for fmt in ("text", "markdown"):
        shown = run("emergency", *sets, today="2026-12-07", lang=lang, fmt=fmt)
        assert past not in shown, fmt
    not_done = by_id(run("emergency", *sets[:3], "reported=no", *sets[4:], today="2026-12-07", lang=lang))["em-deadline"]
    assert past in not_done["deadline"]["summary"]


def test_telling_the_agency_within_the_province_still_completes_the_filing() -> None:
    """Review (low): seed 001 treats a telephone call as temporary: complete the filing as the agency says."""
    data = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-12-05", "reported=yes",
               "costs=unpaid", today="2026-12-07")
    assert_consistent(data)
    assert by_id(data)["em-deadline"]["done"]
    assert do_now_ids(data)[0] == "em-complete-filing"
    assert "complete the off-site treatment filing as it tells you" in by_id(data)["em-complete-filing"]["text"]
    away = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-05", "reported=yes",
               "costs=unpaid", "networked=networked", today="2026-12-07")
    assert_absent(away, "em-complete-filing")


def test_paid_yourself_claims_the_costs_back() -> None:
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=yes",
               "costs=paid", today="2026-12-07")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert by_id(data)["em-advance-pay"]["done"]
    assert_absent(data, "em-direct", "em-reimburse-later")
    assert do_now_ids(data) == ["em-reimburse"]
    reimburse = by_id(data)["em-reimburse"]["text"]
    # The answers say you paid: no "If you paid yourself"; no claim period the sources do not give.
    assert reimburse.startswith("Claim the costs back") and "If you paid" not in reimburse
    assert "The sources don't say how long you have to claim; your insured place decides. Ask it soon." in reimburse
    assert_present(data, "mat-em-receipts", "mat-em-discharge")
    assert not any(e["text"].startswith("If you paid") for e in data["materials"])


def test_costs_settled_directly_are_not_paid_again_or_claimed() -> None:
    """M3: "settled directly", "paid myself" and "not paid yet" are three answers; settled: no card to show, nothing to claim."""
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-05", "reported=yes",
               "costs=settled", today="2026-12-07")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert by_id(data)["em-direct"]["done"]
    assert_absent(data, "em-advance-pay", "em-reimburse", "em-reimburse-later", "mat-em-receipts", "mat-em-discharge")
    assert data["do_now"]["actions"] == [] and data["do_now"]["nothing_left"]
    unpaid = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-05", "reported=yes",
                 "costs=unpaid", "networked=networked", today="2026-12-07")
    assert not by_id(unpaid)["em-direct"]["done"] and "em-direct" in do_now_ids(unpaid)
    assert by_id(unpaid)["em-reimburse-later"]["text"].startswith("If you pay yourself")


def test_not_sure_if_the_hospital_is_networked_finds_out() -> None:
    data = run("emergency", *EMERGENCY_AWAY, "networked=unsure")
    assert_consistent(data)
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["networked"]
    assert data["do_now"]["find_out"][0]["text"].startswith("Find out whether the hospital is a networked designated institution: look")
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "12393" in how["text"] and how["sources"] == ["domain-notes"]


@pytest.mark.parametrize("situation", ["referral", "emergency"])
def test_same_province_shows_no_cross_province_update(situation: str) -> None:
    sets = ["emergency_on=2026-11-21", "reported=no", "costs=unpaid"] if situation == "emergency" else list(REFERRAL_START)
    data = run("emergency", f"situation={situation}", "destination=same_province", *sets)
    assert_consistent(data)
    assert_no_notice(data)
    assert_absent(data, "em-rate")


def test_chinese_rate_wording() -> None:
    data = run("emergency", *REFERRAL_NEAR, lang="zh")
    assert "报销比例一般降低30%至50%" in by_id(data)["ref-rate"]["text"]
    assert "医疗保障经办机构" not in all_text(data)


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("emergency")
    assert not problems, "\n".join(problems)


def test_the_date_to_act_by_sits_under_its_own_item_in_every_format() -> None:
    """H2: "Act by …" is printed under the item it belongs to, never after the whole list (where it read as the last
    item's); across provinces it is worded softly."""
    sets = ("situation=emergency", "destination=other_province", "emergency_on=2026-12-07", "reported=no", "costs=paid")
    text = run("emergency", *sets, today="2026-12-07", fmt="text")
    block = text.split("Do this now\n", 1)[1].split("\n\n", 1)[0].splitlines()
    first_item_end = next(n for n, line in enumerate(block) if line.startswith("2. "))
    assert any(line.strip().startswith("Some places ask by 2026-12-10") for line in block[:first_item_end]), block
    assert not any("Act by" in line or "Some places ask" in line for line in block[first_item_end:]), block
    md = run("emergency", *sets, today="2026-12-07", fmt="markdown")
    lines = md.split("## Do this now", 1)[1].split("\n## ", 1)[0].strip().splitlines()
    assert lines[0].startswith("1. ") and lines[1].strip() == "_Some places ask by 2026-12-10 (3 days after emergency treatment on 2026-12-07)_"
    assert lines[2].startswith("2. ") and len(lines) == 3
    data = run("emergency", *sets, today="2026-12-07")
    assert data["do_now"]["act_by"]["id"] == data["do_now"]["actions"][0]["id"] == "em-deadline"
    assert data["do_now"]["actions"][0]["note"] == data["do_now"]["act_by"]["text"]
    zh = run("emergency", *sets, today="2026-12-07", lang="zh")
    assert zh["do_now"]["act_by"]["text"] == "部分地区要求在2026年12月10日前告知（2026年12月7日急诊抢救满3天后）"
    near = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-12-07", "reported=no",
               "costs=paid", today="2026-12-07")
    assert near["do_now"]["act_by"]["text"].startswith("Act by 2026-12-10")


def test_chinese_wording_of_the_review() -> None:
    data = run("emergency", *REFERRAL_NEAR, lang="zh")
    assert by_id(data)["ref-seal"]["text"] == "未能直接结算、自行垫付费用的，请就医医院的社保窗口在报销材料上盖章。"
    away = run("emergency", *EMERGENCY_AWAY, "networked=networked", lang="zh")
    assert by_id(away)["em-deemed-filed"]["text"] == "跨省异地急诊抢救视同已备案，无需另行办理备案。"
    en = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-11-21", "reported=no",
             "costs=unpaid")
    assert "(the sources say 'the social security bureau')" in by_id(en)["em-deadline"]["text"]


# ------------------------------------------------------------------ second content review


def test_the_referral_certificate_material_follows_the_current_rule_across_provinces() -> None:
    """Review 2, item 1: the 2022 notice leaves referral paperwork to the insured place; "county-level or above" is
    the seeds' wording, kept as the earlier practice. Within the province the seeds' wording stands alone."""
    away = by_id(run("emergency", *REFERRAL_AWAY))["mat-ref-certificate"]
    assert_current_rule(away, "in the form your insured place requires")
    assert "county" not in away["text"] and "county-level" in away["earlier"]["text"]
    assert away["earlier"]["text"].startswith("Referral certificate from the hospital (the sources say")
    near = by_id(run("emergency", *REFERRAL_NEAR))["mat-ref-certificate"]
    assert near["earlier"] is None and "nhsa-2022-22" not in near["sources"]


def test_the_emergency_note_cites_the_page_that_quotes_article_28() -> None:
    """Review 2, item 3: Social Insurance Law Art. 28 is quoted on seed 003's page, Implementation Rules Art. 8 on seed 001's."""
    data = run("emergency", *EMERGENCY_AWAY, "networked=networked")
    assert set(by_id(data)["em-non-agreement"]["sources"]) == {"law-impl-8", "law-sil-28", "seed-001", "seed-003"}
    titles = {s["id"]: s["title"] for s in data["sources"]}
    assert titles["seed-003"] == "“Is the medical insurance card common throughout the province?”"


@pytest.mark.parametrize("destination", ["other_province", "same_province"])
def test_a_passed_window_with_costs_settled_directly_asks_for_no_receipts(destination: str) -> None:
    """Review 2, item 5: the hospital settled the costs: once the window has gone, tell the agency, no manual claim."""
    data = run("emergency", "situation=emergency", f"destination={destination}", "emergency_on=2026-12-01", "reported=no",
               "costs=settled", today="2026-12-07")
    assert_consistent(data)
    first = data["do_now"]["actions"][0]
    assert first["id"] == "em-deadline-settled" and first["why"] == "overdue"
    assert "receipt" not in first["text"] and "claim" not in first["text"] and "Tell your insured place's" in first["text"]
    assert_absent(data, "em-deadline")
    zh = run("emergency", "situation=emergency", f"destination={destination}", "emergency_on=2026-12-01", "reported=no",
             "costs=settled", today="2026-12-07", lang="zh")["do_now"]["actions"][0]["text"]
    assert "票据" not in zh and "报销" not in zh
    paid = run("emergency", "situation=emergency", f"destination={destination}", "emergency_on=2026-12-01", "reported=no",
               "costs=paid", today="2026-12-07")["do_now"]["actions"][0]
    assert paid["id"] == "em-deadline" and "receipt" in paid["text"]


def test_the_deadlines_line_words_the_cross_province_window_softly() -> None:
    """Review 2, item 7: under Deadlines too, "Some places ask by …", never a hard "by …" for the deemed-filed case."""
    data = run("emergency", *EMERGENCY_AWAY, "networked=networked")
    (deadline,) = data["deadlines"]
    assert deadline["deadline"]["summary"] == "Some places ask by 2026-11-24 (3 days after emergency treatment on 2026-11-21)"
    late = run("emergency", *EMERGENCY_AWAY, "networked=networked", today="2026-12-07")
    assert late["deadlines"][0]["deadline"]["summary"].startswith("Some places ask by 2026-11-24 (") and "already past" in late["deadlines"][0]["deadline"]["summary"]
    text = run("emergency", *EMERGENCY_AWAY, "networked=networked", fmt="text")
    assert "• by 2026-11-24" not in text and "• Some places ask by 2026-11-24" in text
    near = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-11-21", "reported=no", "costs=unpaid")
    assert near["deadlines"][0]["deadline"]["summary"].startswith("by 2026-11-24 ("), "within the province seed 001's three days stand"


def test_a_hospital_not_networked_is_told_to_pay_and_claim_without_an_if() -> None:
    """Review 2, item 12: the answer says the hospital is not networked, so paying in advance and claiming are the way."""
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-11-21", "reported=yes",
               "costs=unpaid", "networked=not_networked")
    assert_consistent(data)
    assert_absent(data, "em-advance-pay", "em-reimburse-later", "em-direct")
    pay, claim = by_id(data)["em-advance-pay-not-networked"], by_id(data)["em-reimburse-not-networked"]
    assert pay["text"].startswith("The hospital is not networked") and not claim["text"].startswith("If")
    assert do_now_ids(data)[:2] == ["em-advance-pay-not-networked", "em-reimburse-not-networked"]
    networked = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-11-21", "reported=yes",
                    "costs=unpaid", "networked=networked")
    assert by_id(networked)["em-advance-pay"]["text"].startswith("If the costs cannot be settled directly")
    assert_absent(networked, "em-advance-pay-not-networked", "em-reimburse-not-networked")


# ------------------------------------------------------------------ the referral route knows where a person is


def do_now_block(text: str, heading: str) -> str:
    """The Do this now block of a text checklist, up to the next blank line, its wrapped lines joined."""
    block = text.split(f"{heading}\n", 1)[1].split("\n\n", 1)[0]
    return re.sub(r"\n +", "" if heading == "现在就办" else " ", block)


@pytest.mark.parametrize("lang, heading, certificate, filing", [
    ("en", "Do this now", "Get a referral certificate", "File the referral"),
    ("zh", "现在就办", "开具转诊证明", "办理转诊备案，"),
])
def test_a_referral_step_said_done_is_ticked_and_not_in_do_this_now(lang: str, heading: str, certificate: str, filing: str) -> None:
    """A fresh-eyes review: someone who has the certificate and has filed was told, first, to get the certificate and file."""
    sets = ("situation=referral", "destination=other_province", "certificate=yes", "filed=yes", "costs=unpaid", "networked=networked")
    data = run("emergency", *sets, lang=lang)
    assert_consistent(data)
    assert by_id(data)["ref-certificate"]["done"] and by_id(data)["ref-register"]["done"]
    assert do_now_ids(data)[0] == "ref-direct" and not {"ref-certificate", "ref-register"} & set(do_now_ids(data))
    block = do_now_block(run("emergency", *sets, lang=lang, fmt="text"), heading)
    assert certificate not in block and filing not in block, block
    assert not by_id(run("emergency", *REFERRAL_AWAY, lang=lang))["ref-certificate"]["done"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("destination, first", [
    ("other_province", {"en": "1. File the referral with your insured place's medical insurance agency as a person",
                        "zh": "1. 以临时外出就医人员身份向参保地医保经办机构办理转诊备案"}),
    ("same_province", {"en": "1. Register the out-of-area treatment with your insured place's medical insurance",
                       "zh": "1. 到参保地医保经办机构（资料称社保系统）办理异地就医登记。"}),
])
def test_with_the_certificate_but_not_filed_the_first_line_is_the_filing(lang: str, destination: str, first: dict[str, str]) -> None:
    sets = ["situation=referral", f"destination={destination}", "certificate=yes", "filed=no", "costs=unpaid"]
    sets += ["networked=networked"] if destination == "other_province" else []
    data = run("emergency", *sets, lang=lang)
    assert_consistent(data)
    assert do_now_ids(data)[0] == "ref-register"
    text = run("emergency", *sets, lang=lang, fmt="text")
    assert do_now_block(text, "Do this now" if lang == "en" else "现在就办").startswith(first[lang])


@pytest.mark.parametrize("destination", ["other_province", "same_province"])
def test_not_sure_of_the_certificate_finds_out_from_the_hospital(destination: str) -> None:
    """Seeds 000 and 001: the hospital issues the certificate; across provinces the insured place sets the paperwork (2022)."""
    sets = ["situation=referral", f"destination={destination}", "certificate=unsure", "filed=no", "costs=unpaid"]
    sets += ["networked=networked"] if destination == "other_province" else []
    data = run("emergency", *sets)
    assert_consistent(data)
    (found,) = data["do_now"]["find_out"]
    assert found["question"] == "certificate"
    assert found["text"].startswith("Find out whether the hospital has issued your referral certificate: ask the hospital that refers you")
    assert "ref-certificate" not in do_now_ids(data) and do_now_ids(data)[0] == "ref-register"
    zh = run("emergency", *sets, lang="zh")["do_now"]["find_out"][0]["text"]
    assert zh.startswith("请查明医院是否已开具转诊证明。可向为您办理转诊的医院询问")
    if destination == "other_province":
        assert "12393" in found["text"] and set(found["sources"]) == {"domain-notes", "nhsa-2022-22", "seed-000"}
    else:
        assert "12393" not in found["text"] and set(found["sources"]) == {"seed-000", "seed-001"}
        assert_no_notice(data)


@pytest.mark.parametrize("destination, what, what_zh", [
    ("other_province", "filed the referral", "办理转诊备案"),
    ("same_province", "registered the out-of-area treatment", "办理异地就医登记"),  # the step's own words within the province
])
def test_not_sure_of_the_filing_finds_out_from_the_insured_place(destination: str, what: str, what_zh: str) -> None:
    sets = ["situation=referral", f"destination={destination}", "certificate=yes", "filed=unsure", "costs=unpaid"]
    sets += ["networked=networked"] if destination == "other_province" else []
    data = run("emergency", *sets)
    assert_consistent(data)
    (found,) = data["do_now"]["find_out"]
    assert found["question"] == "filed" and found["sources"] == ["domain-notes"]
    assert found["text"] == (
        f"Find out whether you have already {what}: ask your insured place's medical insurance agency,"
        " or call 12393, the national medical insurance service hotline."
    )
    assert "ref-register" not in do_now_ids(data)
    zh = run("emergency", *sets, lang="zh")["do_now"]["find_out"][0]["text"]
    assert zh == f"请查明是否已{what_zh}。可向参保地医保经办机构询问，或拨打全国医疗保障服务热线12393。"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_referred_patient_who_paid_gets_the_seal_then_claims_without_an_if(lang: str) -> None:
    """Seed 001: the seal of the hospital's social security window, then the claim at the insured place; the answer says
    they paid, so no "only if" and no "if you paid"; once the window has sealed the papers the claim comes first."""
    sets = ("situation=referral", "destination=other_province", "certificate=yes", "filed=yes", "costs=paid")
    data = run("emergency", *sets, "sealed=no", lang=lang)
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert_absent(data, "ref-direct", "ref-seal", "ref-reimburse", "mat-ref-claim")
    assert do_now_ids(data) == ["ref-seal-paid", "ref-reimburse-paid"]
    seal, claim = by_id(data)["ref-seal-paid"]["text"], by_id(data)["ref-reimburse-paid"]["text"]
    if lang == "en":
        assert seal.startswith("You paid yourself: at the treating hospital, get the seal") and claim.startswith("After treatment, bring")
        assert "The sources don't say how long you have to claim" in claim
        assert not any(e["text"].startswith("If you paid") for e in data["materials"])
    else:
        assert seal == "您已自行垫付费用，请到就医医院的社保窗口在报销材料上盖章。" and claim.startswith("治疗结束后，带转诊证明")
        assert "资料未写明报销时限" in claim
        assert not any(e["text"].startswith("自行垫付的") for e in data["materials"])
    sealed = run("emergency", *sets, "sealed=yes", lang=lang)
    assert by_id(sealed)["ref-seal-paid"]["done"] and do_now_ids(sealed) == ["ref-reimburse-paid"]


def test_not_sure_of_the_seal_asks_the_hospitals_social_security_window() -> None:
    sets = ("situation=referral", "destination=same_province", "certificate=yes", "filed=yes", "costs=paid", "sealed=unsure")
    data = run("emergency", *sets)
    assert_consistent(data)
    (found,) = data["do_now"]["find_out"]
    assert found["question"] == "sealed" and found["sources"] == ["seed-001"]
    assert found["text"].startswith("Find out whether your claim papers are sealed: ask the social security window of the hospital that treats you")
    zh = run("emergency", *sets, lang="zh")["do_now"]["find_out"][0]["text"]
    assert zh == "请查明报销材料是否已盖章。可向就医医院的社保窗口询问。"


def test_a_referral_settled_directly_has_nothing_to_claim() -> None:
    """The hospital settled the costs by card: the settlement ticked, no seal, no claim, no claim papers."""
    data = run("emergency", "situation=referral", "destination=other_province", "certificate=yes", "filed=yes", "costs=settled")
    assert_consistent(data)
    assert "networked" not in data["answers"] and by_id(data)["ref-direct"]["done"]
    assert_absent(data, "ref-seal", "ref-seal-paid", "ref-seal-not-networked", "ref-reimburse", "ref-reimburse-paid",
                  "ref-reimburse-not-networked", "mat-ref-claim", "mat-ref-claim-paid")
    assert data["do_now"]["actions"] == [] and data["do_now"]["nothing_left"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_referral_to_a_hospital_not_networked_pays_and_claims_without_an_if(lang: str) -> None:
    """As em-advance-pay-not-networked: the answer says the hospital is not networked, so paying in advance, the seal and
    the claim are the way (seed 001), with no "only if" and no "if you paid"."""
    sets = ("situation=referral", "destination=other_province", "certificate=yes", "filed=yes", "costs=unpaid", "networked=not_networked")
    data = run("emergency", *sets, lang=lang)
    assert_consistent(data)
    assert_absent(data, "ref-direct", "ref-seal", "ref-reimburse", "mat-ref-claim", "ref-seal-paid", "ref-reimburse-paid")
    assert do_now_ids(data) == ["ref-seal-not-networked", "ref-reimburse-not-networked"]
    pay, claim = by_id(data)["ref-seal-not-networked"]["text"], by_id(data)["ref-reimburse-not-networked"]["text"]
    if lang == "en":
        assert pay.startswith("The hospital is not networked for direct settlement, so pay the costs yourself")
        assert "seal of the hospital's social security window" in pay and not claim.startswith("If")
    else:
        assert pay.startswith("就医医院未联网，无法直接结算，请先自行垫付费用") and "社保窗口" in pay
        assert not claim.startswith("自行垫付费用的")


def test_paid_without_filing_across_provinces_files_afterwards_and_within_the_province_registers() -> None:
    """Domain notes (2022 notice, as restated): someone who paid in full may file afterwards and claim manually; the
    insured place sets how. Cross-province only: within the province seed 001's registration stands."""
    away = run("emergency", "situation=referral", "destination=other_province", "certificate=yes", "filed=no", "costs=paid", "sealed=no")
    assert_consistent(away)
    register = by_id(away)["ref-register"]
    assert_current_rule(register, "file the referral afterwards (补办备案)", "your insured place sets how")
    assert set(register["sources"]) == {"editors-late", "nhsa-2022-22"} and register["earlier"]["text"].startswith("Register the out-of-area")
    assert do_now_ids(away)[0] == "ref-register"
    zh = by_id(run("emergency", "situation=referral", "destination=other_province", "certificate=yes", "filed=no", "costs=paid",
                   "sealed=no", lang="zh"))["ref-register"]["text"]
    assert zh.startswith("您已自行垫付但尚未备案，请向参保地医保经办机构补办转诊备案")
    near = run("emergency", "situation=referral", "destination=same_province", "certificate=yes", "filed=no", "costs=paid", "sealed=no")
    assert_no_notice(near)
    assert by_id(near)["ref-register"]["text"].startswith("Register the out-of-area treatment")
    filed = run("emergency", "situation=referral", "destination=other_province", "certificate=yes", "filed=yes", "costs=paid", "sealed=no")
    assert "afterwards" not in by_id(filed)["ref-register"]["text"] and by_id(filed)["ref-register"]["done"]

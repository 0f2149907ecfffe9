"""emergency: a referred patient files and settles directly before any claim; an emergency patient reports it, once."""

from __future__ import annotations

import pytest
from support.scenarios import (
    all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, assert_present, by_id,
    do_now_ids, run, step_ids,
)

EMERGENCY_AWAY = ("situation=emergency", "destination=other_province", "emergency_on=2026-11-21", "reported=no", "paid=no")


def test_referral_is_labelled_with_the_official_term() -> None:
    """Fix 3.6: an emergency patient cannot pick the referral by mistake."""
    data = run("emergency", "situation=referral", "destination=other_province", "networked=networked")
    label = data["answers"]["situation"]["label"]
    assert label.startswith("Referred patient (异地转诊人员)") and "refers me" in label and "Emergency transfer" not in label
    zh = run("emergency", "situation=referral", "destination=other_province", "networked=networked", lang="zh")
    assert zh["answers"]["situation"]["label"].startswith("异地转诊人员：")
    emergency = run("emergency", *EMERGENCY_AWAY, "networked=networked")
    assert "(急诊抢救)" in emergency["answers"]["situation"]["label"]


def test_referral_settles_directly_before_the_manual_claim() -> None:
    data = run("emergency", "situation=referral", "destination=other_province", "networked=networked")
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
    data = run("emergency", "situation=referral", "destination=same_province")
    assert by_id(data)["ref-reimburse"]["text"].startswith("If you paid yourself")
    zh = run("emergency", "situation=referral", "destination=same_province", lang="zh")
    assert by_id(zh)["ref-reimburse"]["text"].startswith("自行垫付费用的")
    not_networked = run("emergency", "situation=referral", "destination=other_province", "networked=not_networked")
    assert_absent(not_networked, "ref-direct")


def test_referral_paperwork_is_the_insured_places_across_provinces_and_the_seeds_within_one() -> None:
    """Fix 3.9: each line cites what says it; the 2022 point leads only for cross-province treatment."""
    away = by_id(run("emergency", "situation=referral", "destination=other_province", "networked=networked"))["ref-certificate"]
    assert_current_rule(away, "as your insured place requires")
    assert "county-level" in away["earlier"]["text"]
    near = by_id(run("emergency", "situation=referral", "destination=same_province"))["ref-certificate"]
    assert near["earlier"] is None and "domain-notes" not in near["sources"]


def test_seal_and_registration_are_actions_not_materials() -> None:
    data = run("emergency", "situation=referral", "destination=same_province")
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
    assert deemed["sources"] == ["nhsa-2022-22"]
    assert "em-deemed-filed" not in do_now_ids(data), "information is never numbered as an action"
    deadline = by_id(data)["em-deadline"]
    assert_current_rule(deadline, "promptly", "some places still ask within three days")
    assert "10 percentage points" in by_id(data)["em-rate"]["text"]
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"
    assert do_now_ids(data)[0] == "em-deadline"


def test_same_province_reports_within_three_days_in_one_action() -> None:
    """Fix 3.3: "within three days … by telephone in special circumstances" and "call … by telephone" are one action."""
    data = run("emergency", "situation=emergency", "destination=same_province", "emergency_on=2026-11-21", "reported=no", "paid=no")
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
               "paid=no", "networked=networked", today="2026-12-07")
    assert_consistent(data)
    first = data["do_now"]["actions"][0]
    assert first["id"] == "em-deadline" and first["why"] == "overdue" and first["date"] == "2026-12-04"
    assert first["text"].startswith("2026-12-04 has passed (3 days after emergency treatment on 2026-12-01). Tell your insured place")
    for words in ("ask whether a late report is accepted", "keep every receipt", "manual claim"):
        assert words in first["text"]
    assert "editors-late" in first["sources"] and "lost" not in first["text"]
    assert data["do_now"]["act_by"] is None
    zh = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=no",
             "paid=no", "networked=networked", today="2026-12-07", lang="zh")
    assert zh["do_now"]["actions"][0]["text"].startswith("2026年12月4日已过（2026年12月1日急诊抢救后3天）。请尽快告知参保地医保经办机构")


def test_an_emergency_already_reported_is_ticked_and_gone_from_do_this_now() -> None:
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=yes",
               "paid=no", "networked=networked", today="2026-12-07")
    assert by_id(data)["em-deadline"]["done"]
    assert "em-deadline" not in do_now_ids(data) and data["do_now"]["actions"][0]["why"] == "step"


def test_paid_yourself_claims_the_costs_back() -> None:
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "reported=yes",
               "paid=yes", today="2026-12-07")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert by_id(data)["em-advance-pay"]["done"]
    assert_absent(data, "em-direct")
    assert do_now_ids(data) == ["em-reimburse"]
    assert "How long a claim stays open" in by_id(data)["em-reimburse"]["text"]
    assert_present(data, "mat-em-receipts", "mat-em-discharge")


def test_not_sure_if_the_hospital_is_networked_finds_out() -> None:
    data = run("emergency", *EMERGENCY_AWAY, "networked=unsure")
    assert_consistent(data)
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["networked"]
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "12393" in how["text"] and how["sources"] == ["domain-notes"]


@pytest.mark.parametrize("situation", ["referral", "emergency"])
def test_same_province_shows_no_cross_province_update(situation: str) -> None:
    sets = ["emergency_on=2026-11-21", "reported=no", "paid=no"] if situation == "emergency" else []
    data = run("emergency", f"situation={situation}", "destination=same_province", *sets)
    assert_consistent(data)
    assert_no_notice(data)
    assert_absent(data, "em-rate")


def test_chinese_rate_wording() -> None:
    data = run("emergency", "situation=referral", "destination=same_province", lang="zh")
    assert "报销比例一般降低30%至50%" in by_id(data)["ref-rate"]["text"]
    assert "医疗保障经办机构" not in all_text(data)


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("emergency")
    assert not problems, "\n".join(problems)

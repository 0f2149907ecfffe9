"""offsite: every off-site patient files first, unless filed already; the 2022 notice only for cross-province treatment;
routes for those who are home again, who move, and for a child living away."""

from __future__ import annotations

import pytest
from support.scenarios import (
    NOTICE, all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, assert_present, by_id,
    cites, do_now_ids, run, step_ids,
)

SHORT_NO_EMERGENCY = ("stay=short_trip", "emergency_happened=no", "filed=no", "paid_home=no", "networked=networked")
SHORT_EMERGENCY = (
    "stay=short_trip", "emergency_happened=yes", "emergency_on=2026-11-21", "reported=no", "paid_home=no", "networked=not_networked",
)
HOME_WITHOUT_FILING = ("stay=short_trip", "emergency_happened=no", "filed=no", "paid_home=yes")
RETIREE = ("stay=long_term", "destination=other_province", "filed=yes")


def test_short_trip_without_emergency_files_first_and_has_no_emergency_deadline() -> None:
    data = run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province")
    assert_consistent(data)
    assert step_ids(data)[0] == "st-file"
    assert data["do_now"]["actions"][0]["id"] == "st-file"
    assert "File your off-site treatment first" in data["steps"][0]["text"]
    assert data["deadlines"] == [] and data["do_now"]["act_by"] is None
    assert_absent(data, "st-emergency-deadline", "st-emergency-filed", "st-rate-emergency")
    assert "emergency treatment" not in data["steps"][0]["text"]
    # Already in hospital without a filing: the 2022 notice allows filing before the discharge settlement.
    assert_present(data, "st-file-before-discharge")


def test_short_trip_without_emergency_across_provinces_is_told_the_20_point_rule() -> None:
    items = by_id(run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province"))
    rate = items["st-rate-not-emergency"]
    assert rate["kind"] == "warning" and rate["sources"] == [NOTICE]
    assert "neither an emergency nor a referral" in rate["text"] and "20 percentage points" in rate["text"]
    assert_current_rule(items["st-file"], "temporarily seeking treatment off-site", "at least six months")
    assert "st-rate-emergency" not in items


def test_short_trip_with_emergency_is_deemed_filed_first_and_told_the_10_point_rule() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=other_province")
    assert_consistent(data)
    items = by_id(data)
    assert step_ids(data)[0] == "st-emergency-filed"
    deemed = items["st-emergency-filed"]
    assert "deemed filed (视同已备案)" in deemed["text"] and deemed["info"] and deemed["sources"] == [NOTICE]
    assert_absent(data, "st-file", "filing-channels", "st-rate-not-emergency")
    assert "six months" not in all_text(data), "an emergency patient is not told to file as their own group"
    assert "10 percentage points" in items["st-rate-emergency"]["text"]
    deadline = items["st-emergency-deadline"]
    assert deadline["sources"] == [NOTICE, "seed-001"] and "promptly" in deadline["text"]
    assert "some places still ask within three days" in deadline["text"] and "three days" in deadline["earlier"]["text"]
    assert deadline["deadline"]["date"] == "2026-11-24"
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"
    assert data["do_now"]["actions"][0]["id"] == "st-emergency-deadline"


def test_same_province_shows_no_cross_province_update() -> None:
    for sets in (SHORT_NO_EMERGENCY, SHORT_EMERGENCY, ("stay=long_term", "filed=no", "networked=unsure")):
        data = run("offsite", *sets, "destination=same_province")
        assert_consistent(data)
        assert_no_notice(data)
        assert all(e["earlier"] is None for e in data["steps"] + data["deadlines"])


def test_same_province_emergency_reports_within_three_days_in_one_action() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=same_province")
    items = by_id(data)
    assert_absent(data, "st-emergency-filed")
    deadline = items["st-emergency-deadline"]
    assert deadline["text"].startswith("Within three days after the emergency treatment") and "by telephone" in deadline["text"]
    assert [e["id"] for e in data["steps"] + data["deadlines"] if "telephone" in e["text"]] == ["st-emergency-deadline"]


def test_same_province_says_what_the_sources_say_and_what_to_check() -> None:
    """Fix 3.5: no hedge that contradicts "file first"; the card works province-wide; ask how to file for the city."""
    data = run("offsite", *SHORT_NO_EMERGENCY, "destination=same_province")
    assert do_now_ids(data)[0] == "st-file"
    note = by_id(data)["same-province"]
    assert "throughout your province" in note["text"] and "Ask your insured place's medical insurance agency how to file" in note["text"]
    assert "still needs a filing" not in all_text(data)
    assert set(note["sources"]) == {"seed-000", "seed-003"}
    assert_absent(data, "file-online")


@pytest.mark.parametrize("destination", ["same_province", "other_province"])
def test_long_term_files_first(destination: str) -> None:
    data = run("offsite", "stay=long_term", f"destination={destination}", "filed=no", "networked=networked")
    assert_consistent(data)
    assert step_ids(data)[0] == "lt-register"
    assert_absent(data, "st-file", "st-emergency-filed", "st-emergency-deadline", "st-rate-not-emergency")
    choose = by_id(data)["lt-choose-institutions"]
    if destination == "other_province":
        assert_current_rule(choose, "networked designated institution", "valid until you change it")
        assert "1 to 3" in choose["earlier"]["text"] and "1 to 3" not in choose["text"]
    else:
        assert "1 to 3" in choose["text"] and choose["earlier"] is None


def test_treated_elsewhere_without_filing_and_home_again_files_afterwards_and_claims() -> None:
    """Route 4.1: paid yourself, now home: what to bring, by when (the sources give no period), whom to ask."""
    data = run("offsite", *HOME_WITHOUT_FILING, "destination=other_province")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert do_now_ids(data) == ["ph-file-after", "ph-claim"]
    after = by_id(data)["ph-file-after"]
    assert set(after["sources"]) == {"editors-late", NOTICE} and "your insured place sets how" in after["text"]
    claim = by_id(data)["ph-claim"]["text"]
    assert "How long a claim stays open is set by your insured place" in claim and "ask it soon" in claim
    assert_present(data, "mat-claim-receipts", "mat-claim-discharge", "mat-vouchers", "mat-card")
    assert_absent(data, "st-file", "advance-pay", "reimburse", "direct-settlement")
    near = run("offsite", *HOME_WITHOUT_FILING, "destination=same_province")
    assert do_now_ids(near) == ["ph-claim"]
    filed = run("offsite", "stay=short_trip", "emergency_happened=no", "filed=yes", "paid_home=yes", "destination=other_province")
    assert do_now_ids(filed) == ["ph-claim"]


def test_a_retiree_who_filed_and_moves_back_changes_or_cancels_the_filing() -> None:
    """Route 4.2: moving back; the filing is done, nothing says to file first; never a fixed period."""
    data = run("offsite", *RETIREE, "moving=moving_back")
    assert_consistent(data)
    assert by_id(data)["lt-register"]["done"] and by_id(data)["lt-choose-institutions"]["done"]
    assert do_now_ids(data) == ["lt-move-back"]
    back = by_id(data)["lt-move-back"]["text"]
    assert "change or cancel your off-site filing" in back and "ask whether yours can be changed now" in back
    assert "six months" not in back
    assert_present(data, "lt-back-treated")
    assert "networked" not in data["answers"]


def test_someone_who_filed_and_moves_files_again() -> None:
    away = run("offsite", *RETIREE, "moving=moving_elsewhere")
    assert do_now_ids(away) == ["lt-move"]
    assert_current_rule(by_id(away)["lt-move"], "change your filing (变更备案)", "valid until changed")
    near = run("offsite", "stay=long_term", "destination=same_province", "filed=yes", "moving=moving_elsewhere")
    assert by_id(near)["lt-move"]["earlier"] is None and "file again" in by_id(near)["lt-move"]["text"]


def test_someone_who_filed_and_stays_is_not_told_to_file() -> None:
    data = run("offsite", *RETIREE, "moving=staying", "networked=networked")
    assert_consistent(data)
    assert "lt-register" not in do_now_ids(data) and do_now_ids(data)[0] == "direct-settlement"
    assert by_id(data)["filing-channels"]["done"]
    assert_present(data, "lt-refile")


def test_not_sure_whether_filed_finds_out_before_what_follows_from_a_filing() -> None:
    data = run("offsite", "stay=long_term", "destination=other_province", "filed=unsure", "networked=networked")
    assert_consistent(data)
    assert "moving" not in data["answers"]
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["filed"]
    assert "lt-register" not in do_now_ids(data)


def test_a_child_living_away_is_registered_at_the_insured_place() -> None:
    """Route 4.3: the child's card is handled at home; a long absence means registering there first."""
    data = run("offsite", "stay=child_away", "destination=other_province", "filed=no", "networked=networked")
    assert_consistent(data)
    assert do_now_ids(data)[0] == "child-register"
    register = by_id(data)["child-register"]
    assert register["sources"] == ["seed-000"] and "handled at home" in register["text"]
    assert by_id(data)["child-student"]["sources"] == ["editors-away"]
    assert_absent(data, "lt-register", "st-file", "lt-choose-institutions")
    zh = run("offsite", "stay=child_away", "destination=other_province", "filed=no", "networked=networked", lang="zh")
    assert "少儿医保卡在参保地" in by_id(zh)["child-register"]["text"]


def test_card_across_provinces_cites_seed_003_only_for_the_art_29_quote() -> None:
    data = run("offsite", "stay=long_term", "destination=other_province", "filed=no", "networked=networked")
    note = by_id(data)["other-province"]
    assert "seed-003" not in cites(note), "seed 003 says cross-province use is still a difficult problem"
    assert "law-sil-29" in note["sources"] and "Art. 29" in note["text"]
    law = next(s for s in data["sources"] if s["id"] == "law-sil-29")
    assert "Article 29" in law["title"]


def test_chinese_uses_one_agency_term_and_the_reviewed_wording() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=other_province", lang="zh")
    text = all_text(data)
    assert "异地急诊抢救人员视同已备案" in by_id(data)["st-emergency-filed"]["text"]
    assert "医疗保障经办机构" not in text and "参保地医保经办机构" in text
    assert "社保局" not in text.replace("（资料称社保局）", "")


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("offsite")
    assert not problems, "\n".join(problems)

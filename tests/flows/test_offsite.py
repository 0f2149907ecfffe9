"""offsite: every off-site patient files first; the 2022 notice only for cross-province treatment."""

from __future__ import annotations

import pytest
from support.scenarios import (
    NOTICE, all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, by_id,
    cites, run, step_ids,
)

SHORT_NO_EMERGENCY = ("stay=short_trip", "emergency_happened=no", "networked=networked")
SHORT_EMERGENCY = ("stay=short_trip", "emergency_happened=yes", "emergency_on=2026-11-21", "networked=not_networked")


def test_short_trip_without_emergency_files_first_and_has_no_emergency_deadline() -> None:
    data = run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province")
    assert_consistent(data)
    assert step_ids(data)[0] == "st-file"
    assert data["do_now"]["actions"][0]["id"] == "st-file"
    assert "File your off-site treatment first" in data["steps"][0]["text"]
    assert data["deadlines"] == [] and data["do_now"]["act_by"] is None
    assert_absent(data, "st-emergency-deadline", "st-emergency-filed", "st-rate-emergency")
    assert "emergency treatment" not in data["steps"][0]["text"]


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
    assert_current_rule(items["st-emergency-filed"], "deemed filed (视同已备案)")
    assert_absent(data, "st-file", "filing-channels", "st-rate-not-emergency")
    assert "six months" not in all_text(data), "an emergency patient is not told to file as their own group"
    assert "10 percentage points" in items["st-rate-emergency"]["text"]
    deadline = items["st-emergency-deadline"]
    assert deadline["sources"] == [NOTICE, "seed-001"] and "promptly" in deadline["text"]
    assert "3 days" in deadline["text"] and "three days" in deadline["earlier"]["text"]
    assert deadline["deadline"]["date"] == "2026-11-24"
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"
    assert data["do_now"]["actions"][0]["id"] == "st-emergency-deadline"


def test_same_province_shows_no_cross_province_update() -> None:
    for sets in (SHORT_NO_EMERGENCY, SHORT_EMERGENCY, ("stay=long_term", "networked=unsure")):
        data = run("offsite", *sets, "destination=same_province")
        assert_consistent(data)
        assert_no_notice(data)
        assert all(e["earlier"] is None for e in data["steps"] + data["deadlines"])


def test_same_province_emergency_keeps_the_sources_3_day_filing() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=same_province")
    items = by_id(data)
    assert "file the emergency treatment temporarily by telephone" in items["st-emergency-filed"]["text"]
    assert items["st-emergency-deadline"]["text"].startswith("Within three days after emergency treatment")


@pytest.mark.parametrize("destination", ["same_province", "other_province"])
def test_long_term_files_first(destination: str) -> None:
    data = run("offsite", "stay=long_term", f"destination={destination}", "networked=networked")
    assert_consistent(data)
    assert step_ids(data)[0] == "lt-register"
    assert_absent(data, "st-file", "st-emergency-filed", "st-emergency-deadline", "st-rate-not-emergency")
    choose = by_id(data)["lt-choose-institutions"]
    if destination == "other_province":
        assert_current_rule(choose, "networked designated institution", "valid until you change it")
        assert "1 to 3" in choose["earlier"]["text"] and "1 to 3" not in choose["text"]
    else:
        assert "1 to 3" in choose["text"] and choose["earlier"] is None


def test_card_across_provinces_cites_seed_003_only_for_the_art_29_quote() -> None:
    data = run("offsite", "stay=long_term", "destination=other_province", "networked=networked")
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

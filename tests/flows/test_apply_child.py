"""apply-child: poor families (school route excluded) and low-income families (Art. 25) are separate facts."""

from __future__ import annotations

import pytest
from support.scenarios import all_text, assert_absent, assert_consistent, assert_present, by_id, run, step_ids

SCHOOL = ("school-get-materials", "school-fill-declare", "school-review", "school-card-issued")
HOME = ("home-get-materials", "home-fill-declare", "home-card-making", "home-card-collect")


@pytest.mark.parametrize("poor", ["no", "yes"])
def test_low_income_family_at_school_gets_steps_not_a_dead_end(poor: str) -> None:
    data = run("apply-child", "route=school", "low_income=yes", f"poor_family={poor}", "card_accepted=no")
    assert_consistent(data)
    assert len(data["steps"]) >= 5
    assert_present(data, "ask-subsidy", "subsidy-art25")
    if poor == "no":
        assert step_ids(data)[0] == "school-get-materials"
        assert_absent(data, *HOME, "poor-family-excluded")
    else:
        assert step_ids(data)[:2] == ["poor-family-excluded", "home-get-materials"]
        assert_present(data, *HOME)
        assert_absent(data, *SCHOOL)
        assert "domain-notes" in by_id(data)["poor-family-excluded"]["sources"]


def test_poor_family_is_asked_only_on_the_school_route() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=no", "card_accepted=no")
    assert list(data["answers"]) == ["route", "low_income", "card_accepted"]
    assert_absent(data, "ask-subsidy", "subsidy-art25")


def test_the_card_is_something_to_wait_for_not_a_deadline() -> None:
    data = run("apply-child", "route=school", "low_income=no", "poor_family=no", "card_accepted=yes", "accepted_on=2026-10-01")
    assert data["deadlines"] == [] and data["do_now"]["act_by"] is None
    (expect,) = data["expect"]
    assert expect["id"] == "school-card-deadline" and expect["deadline"]["past"] is False
    assert expect["deadline"]["summary"].startswith("expected by ")


def test_settled_outside_the_city_is_labelled_as_the_source_says() -> None:
    data = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no")
    assert "settled outside the city" in data["answers"]["route"]["label"]
    assert "household registered outside" not in data["answers"]["route"]["label"]


def test_cover_is_the_sources_very_low_and_the_agency_note_cites_the_domain_notes() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=no", "card_accepted=no")
    items = by_id(data)
    assert "very low" in items["commercial-insurance"]["text"]
    assert "domain-notes" in items["older-procedure"]["sources"]


def test_chinese_says_少儿医保卡_and_制卡完成后() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=yes", "card_accepted=no", lang="zh")
    text = all_text(data)
    assert "少儿社保卡" not in text and "少儿医保卡" in text
    assert "制卡完成后" in by_id(data)["home-card-collect"]["text"]

"""emergency: an emergency transfer files and settles directly before any manual claim."""

from __future__ import annotations

import pytest
from support.scenarios import (
    all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, assert_present, by_id,
    run, step_ids,
)


def test_referral_label_is_the_sources_emergency_transfer() -> None:
    data = run("emergency", "situation=referral", "destination=other_province")
    label = data["answers"]["situation"]["label"]
    assert label.startswith("Emergency transfer") and "planned" not in label


def test_referral_settles_directly_before_the_manual_claim() -> None:
    data = run("emergency", "situation=referral", "destination=other_province")
    assert_consistent(data)
    steps = step_ids(data)
    assert steps.index("ref-direct") < steps.index("ref-seal") < steps.index("ref-reimburse")
    assert_current_rule(by_id(data)["ref-direct"], "settle your costs directly")
    assert_current_rule(by_id(data)["ref-register"], "temporarily seeking treatment off-site")
    rate = by_id(data)["ref-rate"]
    assert_current_rule(rate, "10 percentage points")
    assert "30% to 50%" in rate["earlier"]["text"]


def test_seal_and_registration_are_actions_not_materials() -> None:
    data = run("emergency", "situation=referral", "destination=same_province")
    materials = " ".join(e["text"] for e in data["materials"])
    assert "registration" not in materials
    assert not any(e["text"].startswith("The seal") for e in data["materials"])
    assert_present(data, "ref-seal", "ref-register")
    assert {"ref-seal", "ref-register"} <= set(step_ids(data))


def test_emergency_across_provinces_is_deemed_filed_first() -> None:
    data = run("emergency", "situation=emergency", "destination=other_province", "emergency_on=2026-11-21")
    assert_consistent(data)
    assert step_ids(data)[0] == "em-filed"
    assert_current_rule(by_id(data)["em-filed"], "deemed filed")
    assert "10 percentage points" in by_id(data)["em-rate"]["text"]
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"


@pytest.mark.parametrize("situation", ["referral", "emergency"])
def test_same_province_shows_no_cross_province_update(situation: str) -> None:
    sets = ["emergency_on=2026-11-21"] if situation == "emergency" else []
    data = run("emergency", f"situation={situation}", "destination=same_province", *sets)
    assert_consistent(data)
    assert_no_notice(data)
    assert_absent(data, "em-rate")


def test_chinese_rate_wording() -> None:
    data = run("emergency", "situation=referral", "destination=same_province", lang="zh")
    assert "报销比例一般降低30%至50%" in by_id(data)["ref-rate"]["text"]
    assert "医疗保障经办机构" not in all_text(data)

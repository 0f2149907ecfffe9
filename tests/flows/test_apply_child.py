"""apply-child: poor families (school route excluded) and low-income families (Art. 25) are separate facts."""

from __future__ import annotations

import pytest
from support.scenarios import all_text, assert_absent, assert_consistent, assert_present, by_id, do_now_ids, run, step_ids

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


# ---------------------------------------------------------------- progress: card-making accepted (fixes 3.1, 3.2)

SCHOOL = ("route=school", "low_income=no", "poor_family=no")
GUARDIAN = ("route=not_in_school", "low_income=no")


def test_school_card_accepted_waits_for_the_card_never_collects_the_forms() -> None:
    """Fix 3.1, school route, the date still to come: nothing to do but wait, with the date and whom to ask then."""
    data = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07")
    assert_consistent(data)
    now = data["do_now"]
    assert now["actions"] == [] and now["find_out"] == []
    assert now["waiting"]["id"] == "school-card-deadline" and now["waiting"]["date"] == "2026-12-28"
    assert now["waiting"]["text"].startswith("Nothing to do now but wait until 2026-12-28")
    assert "If that date passes: Ask the school about your child's card" in now["waiting"]["text"]
    done = {e["id"] for e in data["steps"] if e["done"]}
    assert {"school-get-materials", "school-fill-declare", "school-card-making"} <= done
    assert not by_id(data)["school-card-issued"]["done"] and by_id(data)["school-card-issued"]["info"]


def test_school_card_late_asks_the_school() -> None:
    """Fix 3.1 and section 2: the expected date has passed: ask the school (seed 000: the school receives the card)."""
    data = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-02", today="2026-12-07")
    assert_consistent(data)
    (action,) = data["do_now"]["actions"]
    assert action["id"] == "school-card-deadline" and action["why"] == "ask" and action["sources"] == ["seed-000"]
    assert action["text"].startswith("Was expected by 2026-11-30 (20 working days after card-making procedure accepted on 2026-11-02). Ask the school")
    assert "school-get-materials" not in do_now_ids(data)


def test_guardian_card_accepted_collects_it_once_ready() -> None:
    """Fix 3.1, guardian route (seed 002 step 5): wait until 20 working days after acceptance, then collect the card."""
    early = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07")
    assert_consistent(early)
    assert early["do_now"]["actions"] == []
    waiting = early["do_now"]["waiting"]
    assert waiting["id"] == "home-card-deadline" and waiting["then"] == "home-card-collect" and waiting["date"] == "2026-12-28"
    assert "From then: Once the card is made, collect it" in waiting["text"]
    ready = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-02", today="2026-12-07")
    (action,) = ready["do_now"]["actions"]
    assert action["id"] == "home-card-collect" and action["why"] == "ready" and action["date"] == "2026-11-30"
    assert action["note"].startswith("Ready from 2026-11-30")
    assert "home-get-materials" not in do_now_ids(ready)


def test_card_not_yet_accepted_starts_at_the_beginning() -> None:
    data = run("apply-child", *SCHOOL, "card_accepted=no")
    assert do_now_ids(data) == ["school-get-materials", "school-fill-declare"]
    assert not any(e["done"] for e in data["steps"])
    # The school's and the agency's own work is information, never an action of the family.
    assert [e["id"] for e in data["steps"] if e["info"]] == ["school-review", "school-agency-collect", "school-card-making", "school-card-issued"]


def test_not_sure_whether_card_making_was_accepted_finds_that_out_and_asks_no_date() -> None:
    """Fix 3.2: "not sure" leads to "Find out: has card-making been accepted?", never to the date question."""
    data = run("apply-child", *SCHOOL, "card_accepted=unsure")
    assert_consistent(data)
    assert list(data["answers"]) == ["route", "low_income", "poor_family", "card_accepted"]
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["card_accepted"]
    assert do_now_ids(data) == [], "every step before the card hangs on the answer, and the card's date is unknown"
    assert data["do_now"]["order"] == [{"find_out": "card_accepted"}] and data["do_now"]["waiting"] is None
    how = data["depends_on"][0]["how_to_find_out"][0]["text"]
    assert "ask the school" in how and "social security agency" in how


def test_settled_outside_the_city_is_told_which_agency_in_plain_words() -> None:
    """Route 4.4 (seed 000 route 2): the agency of the place where the household is registered."""
    data = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no")
    assert_consistent(data)
    assert do_now_ids(data)[0] == "home-get-materials-elsewhere"
    text = by_id(data)["home-get-materials-elsewhere"]["text"]
    assert "registered outside this city" in text and "social security agency of the place where it is registered" in text
    assert_absent(data, "home-get-materials")
    zh = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no", lang="zh")
    assert "户籍所在地的社保经办机构" in by_id(zh)["home-get-materials-elsewhere"]["text"]


def test_the_art_25_note_shows_the_wording_it_refers_to() -> None:
    """Fix 3.9: the note names the urban residents' insurance as Art. 25 does before it says that was merged."""
    note = by_id(run("apply-child", "route=school", "low_income=yes", "poor_family=no", "card_accepted=no"))["subsidy-art25"]
    assert "basic medical insurance for urban residents" in note["text"] and "That urban residents' insurance was merged" in note["text"]
    assert "it names" not in note["text"]


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("apply-child")
    assert not problems, "\n".join(problems)


def test_paths_lists_what_each_outcome_marks_done() -> None:
    """paths knows progress: an outcome with card-making accepted lists the steps it marks done, in text and JSON."""
    import json

    from support.cli import invoke

    listed = invoke("paths", "apply-child", "--format", "json", "--today", "2026-12-07")
    assert listed.returncode == 0, listed.stderr
    outcomes = json.loads(listed.stdout)["outcomes"]
    accepted = [o for o in outcomes if o["answers"].get("card_accepted") is True]
    assert accepted and all("school-get-materials" in o["done"] or "home-get-materials" in o["done"]
                            or "home-get-materials-elsewhere" in o["done"] for o in accepted)
    assert all(o["done"] == [] for o in outcomes if o["answers"].get("card_accepted") is False)
    text = invoke("paths", "apply-child", "--today", "2026-12-07")
    assert "     done already: school-mat-forms, school-mat-online, school-mat-other, school-get-materials," in text.stdout

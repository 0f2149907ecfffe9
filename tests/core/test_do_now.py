"""Do this now: derived from the checklist model by a pure function, never written per flow.

For every outcome of every bundled flow, and for dates before, on and after
today, the checklist opens with something to do, find out or wait for; a
step the answers say is done, or an item that is information, is never in
it; a date that has passed is never dropped but turned into what still
helps; the date to act by is the earliest must-do date not yet past. What
the user waits for ("What to expect") never sets that date. Small flows
below pin each rule on its own.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ssguide.authoring.analysis import analyse
from ssguide.core.checklist import build, do_this_now
from ssguide.core.loader import load_flow, parse_flow
from ssguide.shell.registry import bundled_flows

TODAY = date(2026, 11, 23)
FLOWS = {info.id: load_flow(info.path) for info in bundled_flows()}


def outcomes(flow_id: str) -> list[dict]:
    analysis = analyse(FLOWS[flow_id], TODAY)
    assert analysis.complete
    return [o.answer_dict() for o in analysis.outcomes]


def with_dates_shifted(answers: dict, days: int) -> dict:
    """The same answers with every date moved, so deadlines land before, on or after today."""
    return {k: (v + timedelta(days=days) if isinstance(v, date) else v) for k, v in answers.items()}


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
@pytest.mark.parametrize("shift", [-30, -3, 0])
def test_every_outcome_opens_with_what_to_do_and_never_with_what_is_done(flow_id: str, shift: int) -> None:
    flow = FLOWS[flow_id]
    for answers in outcomes(flow_id):
        checklist = build(flow, with_dates_shifted(answers, shift), TODAY)
        now = do_this_now(checklist)
        where = (flow_id, answers)
        assert now.actions or now.find_out or now.waiting is not None, where
        assert len(now.actions) <= 3 or all(a.why in ("overdue", "ask") for a in now.actions[3:]), where
        for action in now.actions:
            assert action.entry in checklist.entries, where
            assert not action.entry.done and not action.entry.info, where
        ids = [a.entry.item.id for a in now.actions]
        assert len(ids) == len(set(ids)) and len({a.text for a in now.actions}) == len(ids), where
        # Nothing overdue disappears: each passed must-do date is an action, and comes first.
        overdue = [e.item.id for e in checklist.deadlines if e.due and e.due.past and not e.done]
        assert ids[: len(overdue)] == overdue, where
        must_do = sorted(
            e.due.date for e in checklist.entries
            if e.due is not None and e.due.date is not None and e.due.must_act and not e.due.past and not e.done
        )
        if now.act_by is not None:
            assert must_do and now.act_by.due.date == must_do[0], where
            assert any(a.entry is now.act_by and a.why == "act_by" for a in now.actions), where
        elif must_do:
            assert len(now.actions) >= 3, f"the date to act by was crowded out only by more pressing lines: {where}"
        assert all(not e.due.past for e in checklist.expectations if e.due is not None)


def test_a_deadline_today_is_acted_on_and_one_already_past_is_turned_into_what_still_helps() -> None:
    flow = FLOWS["offsite"]
    base = {"stay": "short_trip", "destination": "other_province", "emergency_happened": True, "paid_home": False, "networked": "networked"}
    today_due = build(flow, {**base, "emergency_on": TODAY - timedelta(days=3)}, TODAY)
    assert do_this_now(today_due).act_by is not None
    past = build(flow, {**base, "emergency_on": TODAY - timedelta(days=4)}, TODAY)
    now = do_this_now(past)
    assert now.act_by is None
    assert past.deadlines[0].due.past
    first = now.actions[0]
    assert first.why == "overdue" and first.entry.item.id == "st-emergency-deadline"
    assert first.text == first.entry.item.overdue.text and first.source_ids == first.entry.item.overdue.sources


TOY = """\
id: toy
title: Toy
sources:
  - {id: s1, title: Source one, citation: one}
questions:
  - id: filed
    type: yesno
    text: Have you filed?
    unsure: true
    how_to_find_out: {source: s1, text: Ask.}
    next: filed_on
  - id: filed_on
    type: date
    text: When?
    max: today
items:
  - {id: file, kind: step, order: 10, text: File., source: s1, done_when: {filed: true}}
  - {id: told, kind: step, order: 15, info: true, text: You are deemed filed., source: s1}
  - {id: pay, kind: step, order: 20, text: Pay., source: s1}
  - {id: pay-again, kind: step, order: 25, text: Pay., source: s1}
  - id: collect
    kind: step
    order: 30
    text: Collect it.
    source: s1
    waits_for: ready
  - id: ready
    kind: deadline
    text: Ready.
    source: s1
    deadline: {from: {question: filed_on}, after: {days: 10}, meaning: ready_from}
  - id: report
    kind: deadline
    text: Report within 3 days.
    source: s1
    deadline: {from: {question: filed_on}, after: {days: 3}}
    overdue: {source: s1, text: Report now and ask whether a late report is accepted.}
  - {id: a-note, kind: note, text: A note., source: s1}
"""


def toy(answers: dict, today: date = TODAY):
    return build(parse_flow(TOY, "toy.yaml"), answers, today)


def test_a_done_step_and_an_information_step_are_never_actions_and_one_wording_is_listed_once() -> None:
    now = do_this_now(toy({"filed": True, "filed_on": TODAY}))
    assert [(a.entry.item.id, a.why) for a in now.actions] == [("report", "act_by"), ("pay", "step")]
    undone = do_this_now(toy({"filed": False, "filed_on": TODAY}))
    assert [a.entry.item.id for a in undone.actions] == ["report", "file", "pay"]


def test_a_step_waiting_for_a_date_is_not_doable_before_it_and_is_on_the_day() -> None:
    early = do_this_now(toy({"filed": True, "filed_on": TODAY - timedelta(days=9)}))
    assert "collect" not in [a.entry.item.id for a in early.actions]
    ready = do_this_now(toy({"filed": True, "filed_on": TODAY - timedelta(days=10)}))
    collect = next(a for a in ready.actions if a.entry.item.id == "collect")
    assert collect.why == "ready" and collect.gate.item.id == "ready" and collect.due.date == TODAY


def test_a_passed_must_do_date_without_overdue_text_keeps_its_own() -> None:
    flow = TOY.replace("    overdue: {source: s1, text: Report now and ask whether a late report is accepted.}\n", "")
    now = do_this_now(build(parse_flow(flow, "toy.yaml"), {"filed": True, "filed_on": TODAY - timedelta(days=4)}, TODAY))
    assert now.actions[0].why == "overdue" and now.actions[0].text == now.actions[0].entry.text


def test_nothing_left_but_waiting_is_one_line_with_the_date_and_the_step_after_it() -> None:
    flow = TOY.replace("  - {id: pay, kind: step, order: 20, text: Pay., source: s1}\n", "").replace(
        "  - {id: pay-again, kind: step, order: 25, text: Pay., source: s1}\n", ""
    ).replace("deadline: {from: {question: filed_on}, after: {days: 3}}", "deadline: {from: {question: filed_on}, after: {days: 3}}\n    done_when: {filed: true}")
    now = do_this_now(build(parse_flow(flow, "toy.yaml"), {"filed": True, "filed_on": TODAY}, TODAY))
    assert now.actions == () and now.find_out == ()
    assert now.waiting.item.id == "ready" and now.then.item.id == "collect"
    assert not now.nothing_left


def test_notes_never_stand_in_for_an_action() -> None:
    checklist = build(FLOWS["card"], {"reason": "new"}, TODAY)
    bare = type(checklist)(checklist.flow, checklist.answers, tuple(e for e in checklist.entries if e.kind == "note"), TODAY)
    now = do_this_now(bare)
    assert now.actions == () and now.waiting is None and now.nothing_left


def test_finding_out_comes_before_the_steps_that_hang_on_it() -> None:
    from ssguide.core.qtypes import UNSURE

    now = do_this_now(toy({"filed": UNSURE, "filed_on": TODAY}))
    assert [q.id for q in now.find_out] == ["filed"]
    # "file" is done or not depending on the answer, and comes before "pay": finding out is the first line.
    assert [a.entry.item.id for a in now.actions] == ["report", "pay"]
    assert now.find_out_first
    # The date to act by leads; then what to find out, before the step after the one that hangs on it.
    assert [getattr(line, "id", None) or line.entry.item.id for line in now.lines] == ["report", "filed", "pay"]

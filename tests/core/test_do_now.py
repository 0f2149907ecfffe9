"""Do this now: derived from the checklist model by a pure function, never written per flow.

For every outcome of every bundled flow, and for deadlines before, on and after
today, the checklist opens with one to three actions, and its date to act by is
the earliest must-do date not yet past (None when there is none). What the user
waits for ("What to expect") never sets that date and is never overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ssguide.authoring.analysis import analyse
from ssguide.core.checklist import build, do_this_now
from ssguide.shell.registry import load_flow
from ssguide.shell.registry import bundled_flows
from support.context import context

TODAY = date(2026, 11, 23)
FLOWS = {info.id: load_flow(info.path) for info in bundled_flows()}


def outcomes(flow_id: str) -> list[dict]:
    analysis = analyse(FLOWS[flow_id], context(TODAY))
    assert analysis.complete
    return [o.answer_dict() for o in analysis.outcomes]


def with_dates_shifted(answers: dict, days: int) -> dict:
    """The same answers with every date moved, so deadlines land before, on or after today."""
    return {k: (v + timedelta(days=days) if isinstance(v, date) else v) for k, v in answers.items()}


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
@pytest.mark.parametrize("shift", [-30, -3, 0])
def test_every_outcome_opens_with_actions_and_the_earliest_future_must_do_date(flow_id: str, shift: int) -> None:
    flow = FLOWS[flow_id]
    for answers in outcomes(flow_id):
        checklist = build(flow, with_dates_shifted(answers, shift), context(TODAY))
        now = do_this_now(checklist)
        assert 1 <= len(now.actions) <= 3, (flow_id, answers)
        assert now.actions[0] in checklist.entries
        must_do = sorted(
            e.due.date for e in checklist.entries
            if e.due is not None and e.due.date is not None and e.due.must_act and e.due.date >= TODAY
        )
        if must_do:
            assert now.act_by is not None and now.act_by.due.date == must_do[0], (flow_id, answers)
            assert now.actions[0] is now.act_by, "the dated action comes first"
        else:
            assert now.act_by is None, (flow_id, answers)
        assert all(not e.due.past for e in checklist.expectations if e.due is not None)


def test_a_deadline_today_is_acted_on_and_one_already_past_is_not() -> None:
    flow = FLOWS["offsite"]
    base = {"stay": "short_trip", "destination": "other_province", "emergency_happened": True, "networked": "networked"}
    today_due = build(flow, {**base, "emergency_on": TODAY - timedelta(days=3)}, context(TODAY))
    assert do_this_now(today_due).act_by is not None
    past = build(flow, {**base, "emergency_on": TODAY - timedelta(days=4)}, context(TODAY))
    assert do_this_now(past).act_by is None
    assert past.deadlines[0].due.past
    assert do_this_now(past).actions[0].item.id == "st-emergency-filed"


def test_without_steps_or_dates_the_first_note_stands_in() -> None:
    flow = FLOWS["card"]
    checklist = build(flow, {"reason": "new"}, context(TODAY))
    bare = type(checklist)(checklist.flow, checklist.answers, tuple(e for e in checklist.entries if e.kind == "note"), TODAY)
    assert [e.item.id for e in do_this_now(bare).actions] == [bare.notes[0].item.id]

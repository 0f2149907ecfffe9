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
from ssguide.core.loader import parse_flow
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
def test_every_outcome_opens_with_what_to_do_and_never_with_what_is_done(flow_id: str, shift: int) -> None:
    flow = FLOWS[flow_id]
    for answers in outcomes(flow_id):
        checklist = build(flow, with_dates_shifted(answers, shift), context(TODAY))
        now = do_this_now(checklist)
        where = (flow_id, answers)
        # Something to do, find out or wait for; or, when every step is done, the one line saying nothing is left.
        finished = now.nothing_left and all(e.done or e.info for e in checklist.steps)
        assert now.actions or now.find_out or now.waiting is not None or finished, where
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
    today_due = build(flow, {**base, "emergency_on": TODAY - timedelta(days=3)}, context(TODAY))
    assert do_this_now(today_due).act_by is not None
    past = build(flow, {**base, "emergency_on": TODAY - timedelta(days=4)}, context(TODAY))
    now = do_this_now(past)
    assert now.act_by is None
    assert past.deadlines[0].due.past
    first = now.actions[0]
    assert first.why == "overdue" and first.entry.item.id == "st-emergency-deadline"
    # Across provinces the current rule's own words for what still helps (deemed filed; some places ask within 3 days).
    assert first.entry.update is not None and first.overdue is first.entry.update.overdue
    assert first.text == first.overdue.text and first.source_ids == first.overdue.sources


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
    return build(parse_flow(TOY, "toy.yaml"), answers, context(today))


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
    now = do_this_now(build(parse_flow(flow, "toy.yaml"), {"filed": True, "filed_on": TODAY - timedelta(days=4)}, context(TODAY)))
    assert now.actions[0].why == "overdue" and now.actions[0].text == now.actions[0].entry.text


def test_nothing_left_but_waiting_is_one_line_with_the_date_and_the_step_after_it() -> None:
    flow = TOY.replace("  - {id: pay, kind: step, order: 20, text: Pay., source: s1}\n", "").replace(
        "  - {id: pay-again, kind: step, order: 25, text: Pay., source: s1}\n", ""
    ).replace("deadline: {from: {question: filed_on}, after: {days: 3}}", "deadline: {from: {question: filed_on}, after: {days: 3}}\n    done_when: {filed: true}")
    now = do_this_now(build(parse_flow(flow, "toy.yaml"), {"filed": True, "filed_on": TODAY}, context(TODAY)))
    assert now.actions == () and now.find_out == ()
    assert now.waiting.item.id == "ready" and now.then.item.id == "collect"
    assert not now.nothing_left


def test_notes_never_stand_in_for_an_action() -> None:
    checklist = build(FLOWS["card"], {"reason": "new", "urgent": False}, context(TODAY))
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


# ---------------------------------------------------------------- content review of 2026-12-07: the mechanism

DATED = """\
id: dated
title: Dated
sources:
  - {id: s1, title: Source one, citation: one}
  - {id: s2, title: Source two, citation: two}
questions:
  - id: where
    type: choice
    text: Where?
    choices: [{value: near, label: Near}, {value: far, label: Far}]
    next: told_on
  - id: told_on
    type: date
    text: When?
    event: the event
    max: today
items:
  - id: tell
    kind: deadline
    text: Tell them within 3 days.
    source: s1
    deadline: {from: {question: told_on}, after: {days: 3}}
    overdue: {source: s1, text: Tell them now.}
    updates:
      - source: s2
        when: {where: far}
        text: Tell them promptly; some ask within 3 days.
        act_by: "Some ask by {date} ({how})"
        overdue:
          source: s2
          passed: "You are covered anyway. Some ask by {date}."
          text: Tell them now and ask what else they need.
  - {id: pay, kind: step, order: 20, text: Pay., source: s1}
"""


def dated(answers: dict, today: date = TODAY):
    from ssguide.render import action_note, action_text
    from ssguide.render.context import RenderContext

    built = build(parse_flow(DATED, "dated.yaml"), answers, context(today))
    ctx = RenderContext.of("en", today)
    now = do_this_now(built)
    return [(a.entry.item.id, action_text(a, ctx), action_note(a, ctx)) for a in now.actions]


def test_the_current_rule_says_how_its_date_reads_and_what_still_helps_in_its_own_words() -> None:
    """H1, H2: an update's own act_by and overdue (with its sentence for the passed date) replace the program's words."""
    near_soon = dated({"where": "near", "told_on": TODAY})
    assert near_soon[0] == ("tell", "Tell them within 3 days.", "Act by 2026-11-26 (3 days after the event on 2026-11-23)")
    far_soon = dated({"where": "far", "told_on": TODAY})
    assert far_soon[0] == ("tell", "Tell them promptly; some ask within 3 days.", "Some ask by 2026-11-26 (3 days after the event on 2026-11-23)")
    near_late = dated({"where": "near", "told_on": TODAY - timedelta(days=5)})
    assert near_late[0][1] == "2026-11-21 has passed (3 days after the event on 2026-11-18). Tell them now."
    far_late = dated({"where": "far", "told_on": TODAY - timedelta(days=5)})
    assert far_late[0][1] == "You are covered anyway. Some ask by 2026-11-21. Tell them now and ask what else they need."


@pytest.mark.parametrize("template, message", [
    ("Some ask by {dates}", "unknown placeholder dates"),
    ("Some ask soon", "does not name the date"),
])
def test_a_dated_text_names_its_date_with_the_placeholders_it_may_use(template: str, message: str) -> None:
    from ssguide.errors import FlowError

    flow = DATED.replace('act_by: "Some ask by {date} ({how})"', f'act_by: "{template}"')
    with pytest.raises(FlowError) as raised:
        parse_flow(flow, "dated.yaml")
    assert message in str(raised.value) and "dated.yaml:" in str(raised.value)


def test_a_date_waited_for_stays_beside_other_lines_and_a_date_never_asked_for_does_not() -> None:
    """H5: the nearest date waited for is a line of its own beside the actions, when its date is known; a date
    counted from a question never asked (card-making not accepted) is not something to wait for."""
    from ssguide.core.qtypes import UNSURE

    flow = FLOWS["apply-child"]
    base = {"route": "school", "low_income": True, "poor_family": False}
    # Beside another line: still to find out on what date card-making was accepted (the wait has no date yet).
    unsure_date = {**base, "card_accepted": True, "accepted_on": UNSURE}
    now = do_this_now(build(flow, unsure_date, context(TODAY)))
    assert now.actions == () and [q.id for q in now.find_out] == ["accepted_on"]
    assert now.waiting is not None and now.waiting.item.id == "school-card-deadline" and not now.alone
    # Not sure of the subsidy, but the asking is behind the family (card-making accepted): nothing to find out,
    # only the wait (a review: "Find out whether your family counts" beside the asking ticked done).
    unsure_income = {**base, "low_income": UNSURE, "card_accepted": True, "accepted_on": date(2026, 11, 20)}
    moot = do_this_now(build(flow, unsure_income, context(TODAY)))
    assert moot.actions == () and moot.find_out == () and moot.waiting is not None and moot.alone
    # Review 2, item 6: the subsidy question comes before the forms go in, so card-making accepted means it is
    # behind the family too: nothing but the wait is left.
    alone = do_this_now(build(flow, {**base, "card_accepted": True, "accepted_on": date(2026, 11, 20)}, context(TODAY)))
    assert alone.actions == () and alone.waiting is not None and alone.alone
    not_yet = do_this_now(build(flow, {**base, "card_accepted": False}, context(TODAY)))
    assert not_yet.waiting is None
    date_unsure = do_this_now(build(flow, {**base, "card_accepted": True, "accepted_on": UNSURE}, context(TODAY)))
    assert date_unsure.waiting is not None and date_unsure.waiting.due.date is None


def test_the_dated_lines_of_each_way_a_not_sure_answer_could_turn_out_are_kept() -> None:
    """H5: no date gone by drops off because the item it sits on hangs on a "not sure" answer."""
    from ssguide.core.qtypes import UNSURE

    flow = FLOWS["apply-child"]
    answers = {"route": "school", "low_income": False, "poor_family": UNSURE, "card_accepted": True,
               "accepted_on": date(2026, 10, 1)}
    now = do_this_now(build(flow, answers, context(date(2026, 12, 7))))
    assert [q.id for q in now.find_out] == ["poor_family"] and now.actions == ()
    found = {dict((q.id, v) for q, v in c.case.answers)["poor_family"]: c for c in now.cases_of(now.find_out[0])}
    assert [(a.entry.item.id, a.why) for a in found[True].actions] == [("home-card-collect", "ready")]
    assert [(a.entry.item.id, a.why) for a in found[False].actions] == [("school-card-deadline", "ask")]


def test_what_to_find_out_goes_before_the_first_step_after_the_one_that_hangs_on_it() -> None:
    """M8: not at the end when a step hanging on it comes between two steps listed."""
    from ssguide.core.qtypes import UNSURE

    flow = FLOWS["apply-child"]
    now = do_this_now(build(flow, {"route": "school", "low_income": UNSURE, "poor_family": False, "card_accepted": False}, context(TODAY)))
    order = [getattr(line, "id", None) or line.entry.item.id for line in now.lines]
    assert order == ["school-get-materials", "low_income", "school-fill-declare"]


BY_ROUTE = """\
id: routes
title: Routes
sources:
  - {id: s1, title: Source one, citation: one}
  - {id: s2, title: Source two, citation: two}
  - {id: s3, title: Source three, citation: three}
questions:
  - id: route
    type: choice
    text: Which route?
    unsure: true
    how_to_find_out: {source: s1, text: Look at the letter.}
    choices: [{value: school, label: School}, {value: agency, label: Agency}]
    next: accepted
  - id: accepted
    type: yesno
    text: Was it accepted?
    unsure: true
    how_to_find_out:
      - when: {route: school}
        source: s2
        what: whether it was accepted
        text: Ask the school.
      - when: {route: agency}
        source: s3
        what: whether it was accepted
        text: Ask the agency.
items:
  - {id: apply, kind: step, text: Apply., source: s1, done_when: {accepted: true}}
  - {id: school-step, kind: step, text: Go to school., source: s1, when: {route: school}}
"""


@pytest.mark.parametrize(
    ("route", "line", "cited", "not_cited"),
    [
        ("school", "Find out whether it was accepted: ask the school.", "s2", "s3"),
        ("agency", "Find out whether it was accepted: ask the agency.", "s3", "s2"),
    ],
)
def test_whom_to_ask_is_the_how_to_find_out_that_holds_for_the_other_answers(route: str, line: str, cited: str, not_cited: str) -> None:
    from ssguide.core.qtypes import UNSURE
    from ssguide.render import find_out_action, find_out_sources

    ctx = context(TODAY)
    checklist = build(parse_flow(BY_ROUTE, "routes.yaml"), {"route": route, "accepted": UNSURE}, ctx)
    (question,) = do_this_now(checklist).find_out
    assert find_out_action(checklist, question, ctx) == line
    assert find_out_sources(checklist, question) == (cited,)
    sources = [s.id for s in checklist.sources]
    assert cited in sources and not_cited not in sources


def test_a_how_to_find_out_that_hangs_on_another_not_sure_answer_does_not_hold() -> None:
    """Not sure of the route either: neither route's channel is named (nor cited); the line asks the question itself."""
    from ssguide.core.qtypes import UNSURE
    from ssguide.render import find_out_action, find_out_sources

    ctx = context(TODAY)
    checklist = build(parse_flow(BY_ROUTE, "routes.yaml"), {"route": UNSURE, "accepted": UNSURE}, ctx)
    by_id = {q.id: q for q in do_this_now(checklist).find_out}
    assert checklist.find_out(by_id["accepted"]) is None
    assert find_out_action(checklist, by_id["accepted"], ctx) == "Find out: Was it accepted?"
    assert find_out_sources(checklist, by_id["accepted"]) == ()
    assert checklist.find_out(by_id["route"]).text.get("en") == "Look at the letter."
    assert {s.id for s in checklist.sources} == {"s1"}

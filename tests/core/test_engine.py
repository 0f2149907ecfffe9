"""The pure core: routing (engine), the checklist model, and the wizard loop with Back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ssguide.core import checklist, engine
from ssguide.core.dates import Offset, apply_offset
from ssguide.core.loader import parse_flow
from ssguide.shell.registry import load_flow
from ssguide.core.context import Context
from ssguide.render import due_summary
from ssguide.shell.wizard import interview

from support.cli import FLOWS
from support.context import context

TODAY = date(2026, 11, 23)
ENGLISH = Context.of("en", TODAY)  # how due_summary words a date

FLOW = parse_flow(
    """\
id: t
title: T
sources:
  - {id: s1, title: S1, citation: c1}
  - {id: s2, title: S2, citation: c2}
questions:
  - id: kind
    type: choice
    text: Which kind?
    choices:
      - {value: a, label: Kind A}
      - {value: b, label: Kind B}
      - {value: c, label: Kind C}
    next:
      - when: {kind: a}
        goto: qa
      - when: {kind: b}
        goto: qb
      - goto: end
  - id: qa
    type: yesno
    text: Question A?
    next: day
  - id: qb
    type: number
    text: Question B?
    default: 3
    next:
      - when: {qa: true}
        goto: day
      - goto: end
  - id: day
    type: date
    text: On what day?
    event: the event
items:
  - id: late
    kind: step
    order: 20
    text: Late step
    when: {kind: a}
    source: s1
  - id: early
    kind: step
    order: 10
    text: Early step
    when: {kind: a}
    source: [s1, s2]
  - id: always
    kind: note
    text: Always here
    source: s2
  - id: step-b
    kind: step
    order: 5
    text: B step
    when: {kind: b, qb: {gt: 2}}
    source: s1
  - id: step-qa
    kind: step
    order: 30
    text: Only when qa is yes
    when: {qa: true}
    source: s1
  - id: dl2
    kind: deadline
    text: Five days after the first deadline
    source: s1
    deadline:
      from: {item: dl}
      after: {days: 5}
  - id: dl
    kind: deadline
    text: Twenty working days after the event
    source: s2
    deadline:
      from: {question: day}
      after: {working_days: 20}
  - id: warn
    kind: warning
    text: Careful
    source: s1
""",
    "t.yaml",
)


def ids(entries: list[checklist.Entry]) -> list[str]:
    return [e.item.id for e in entries]


# ---------------------------------------------------------------- engine


def test_walk_starts_at_the_start_question() -> None:
    route = engine.walk(FLOW, {}, context(TODAY))
    assert route.next is not None and route.next.id == "kind"
    assert route.answered == ()
    assert not route.done


@pytest.mark.parametrize(
    ("answers", "expected_next"),
    [
        ({"kind": "a"}, "qa"),
        ({"kind": "b"}, "qb"),
        ({"kind": "c"}, None),  # the `goto: end` rule
        ({"kind": "a", "qa": False}, "day"),
        ({"kind": "a", "qa": True, "day": date(2026, 11, 2)}, None),  # no next: end
        ({"kind": "b", "qb": 1}, None),
    ],
)
def test_routing_by_condition(answers: dict[str, Any], expected_next: str | None) -> None:
    question = engine.next_question(FLOW, answers, context(TODAY))
    assert (question.id if question else None) == expected_next


def test_walk_lists_the_answered_route_in_order() -> None:
    route = engine.walk(FLOW, {"day": date(2026, 1, 1), "qa": True, "kind": "a"}, context(TODAY))
    assert [q.id for q in route.answered] == ["kind", "qa", "day"]
    assert route.done


def test_stale_answers_off_the_route_are_ignored() -> None:
    # qa was answered on an earlier route (kind a); now kind is b, so qa is off the route.
    answers = {"kind": "b", "qa": True, "qb": 5, "day": date(2026, 11, 2)}
    # It does not steer: qb's rule `when: {qa: true} -> day` must not fire.
    assert engine.next_question(FLOW, answers, context(TODAY)) is None
    assert engine.relevant_answers(FLOW, answers, context(TODAY)) == {"kind": "b", "qb": 5}
    built = checklist.build(FLOW, answers, context(TODAY))
    assert dict(built.answers) == {"kind": "b", "qb": 5}
    # ...and does not select items.
    assert "step-qa" not in ids(list(built.entries))
    assert "step-b" in ids(list(built.entries))
    # The deadline's anchor `day` is off the route, so its date is unknown.
    (dl,) = [e for e in built.entries if e.item.id == "dl"]
    assert dl.due is not None and dl.due.date is None


def test_relevant_answers_are_in_asked_order() -> None:
    answers = {"day": date(2026, 1, 1), "qa": False, "kind": "a"}
    assert list(engine.relevant_answers(FLOW, answers, context(TODAY))) == ["kind", "qa", "day"]


def test_missing_questions_stop_where_the_route_is_unknown() -> None:
    assert [q.id for q in engine.missing_questions(FLOW, {}, context(TODAY))] == ["kind"]
    assert [q.id for q in engine.missing_questions(FLOW, {"kind": "a"}, context(TODAY))] == ["qa"]
    assert [q.id for q in engine.missing_questions(FLOW, {"kind": "a", "qa": True}, context(TODAY))] == ["day"]
    assert engine.missing_questions(FLOW, {"kind": "c"}, context(TODAY)) == []


def test_missing_questions_with_defaults() -> None:
    # qb has a default: without --defaults it is still missing; with it, nothing is.
    assert [q.id for q in engine.missing_questions(FLOW, {"kind": "b"}, context(TODAY))] == ["qb"]
    assert engine.missing_questions(FLOW, {"kind": "b"}, context(TODAY), defaults=True) == []


def test_total_range() -> None:
    # Nothing known: kind=c ends at once, kind=a asks qa and day: one to three questions.
    assert engine.total_range(FLOW, {}, context(TODAY)) == (1, 3)
    # Once kind is known the route is: an exact count.
    assert engine.total_range(FLOW, {"kind": "b"}, context(TODAY)) == (2, 2)
    assert engine.total_range(FLOW, {"kind": "c"}, context(TODAY)) == (1, 1)
    assert engine.total_range(FLOW, {"kind": "a"}, context(TODAY)) == (3, 3)
    assert engine.total_range(FLOW, {"kind": "a", "qa": True, "day": TODAY}, context(TODAY)) == (3, 3)


# ---------------------------------------------------------------- checklist


def test_items_are_chosen_by_condition_and_sorted_by_order_then_file_order() -> None:
    built = checklist.build(FLOW, {"kind": "a", "qa": False, "day": date(2026, 11, 2)}, context(TODAY))
    # late (order 20) comes before early (order 10) in the file; order wins.
    assert ids(built.steps) == ["early", "late"]
    assert "step-b" not in ids(list(built.entries))
    assert "step-qa" not in ids(list(built.entries))  # qa is no
    # Items without `when` are always there; warnings come before notes.
    assert ids(built.notes) == ["warn", "always"]
    # Equal order keeps file order: always (index 2) before dl2 (5), dl (6), warn (7).
    assert ids(list(built.entries)) == ["always", "dl2", "dl", "warn", "early", "late"]


def test_item_reasons_are_the_answers_its_condition_reads() -> None:
    built = checklist.build(FLOW, {"kind": "b", "qb": 7}, context(TODAY))
    (entry,) = built.steps
    assert entry.item.id == "step-b"
    assert [(r.question.id, r.value) for r in entry.reasons] == [("kind", "b"), ("qb", 7)]
    (always,) = [e for e in built.entries if e.item.id == "always"]
    assert always.reasons == ()


def test_entries_carry_their_sources() -> None:
    built = checklist.build(FLOW, {"kind": "a", "qa": True, "day": TODAY}, context(TODAY))
    (early,) = [e for e in built.entries if e.item.id == "early"]
    assert [s.id for s in early.sources] == ["s1", "s2"]
    assert {s.id for s in built.sources} == {"s1", "s2"}


def test_deadlines_resolve_to_dates_counting_china_working_days() -> None:
    built = checklist.build(FLOW, {"kind": "a", "qa": True, "day": date(2026, 11, 2)}, context(TODAY))
    by_id = {e.item.id: e for e in built.deadlines}
    # 2026-11-02 is a Monday and November has no holidays: 20 working days = 4 weeks.
    assert by_id["dl"].due.date == date(2026, 11, 30)
    assert by_id["dl"].due.date == apply_offset(date(2026, 11, 2), Offset(20, "working_days")).date
    assert by_id["dl"].due.anchor_date == date(2026, 11, 2)
    assert by_id["dl"].due.estimate is False
    # An item anchored to another item's date: 5 calendar days later.
    assert by_id["dl2"].due.date == date(2026, 12, 5)
    # Dated deadlines sort soonest first, whatever the file order.
    assert ids(built.deadlines) == ["dl", "dl2"]
    assert not by_id["dl"].due.past and not by_id["dl2"].due.past
    assert "2026-11-30" in due_summary(by_id["dl"].due, ENGLISH)
    assert "2026-11-02" in due_summary(by_id["dl"].due, ENGLISH)


def test_working_days_skip_the_national_day_holiday() -> None:
    built = checklist.build(FLOW, {"kind": "a", "qa": True, "day": date(2026, 9, 28)}, context(TODAY))
    (dl,) = [e for e in built.deadlines if e.item.id == "dl"]
    # Oct 1-7 off, Sat Oct 10 a make-up working day.
    assert dl.due.date == date(2026, 10, 30)


def test_past_deadlines_are_flagged() -> None:
    answers = {"kind": "a", "qa": True, "day": date(2026, 11, 2)}
    built = checklist.build(FLOW, answers, context(date(2026, 12, 1)))
    by_id = {e.item.id: e for e in built.deadlines}
    assert by_id["dl"].due.past is True  # 11-30 < 12-01
    assert by_id["dl2"].due.past is False  # 12-05
    assert "already past" in due_summary(by_id["dl"].due, ENGLISH)
    # The day itself is not past.
    on_the_day = checklist.build(FLOW, answers, context(date(2026, 11, 30)))
    assert not any(e.due.past for e in on_the_day.deadlines)


def test_deadline_is_relative_when_the_anchor_is_unanswered() -> None:
    built = checklist.build(FLOW, {"kind": "c"}, context(TODAY))
    by_id = {e.item.id: e for e in built.deadlines}
    assert by_id["dl"].due.date is None and by_id["dl"].due.anchor_date is None
    assert by_id["dl2"].due.date is None  # its anchor item has no date either
    assert not by_id["dl"].due.past
    assert due_summary(by_id["dl"].due, ENGLISH) == "20 working days after the event"
    assert built.dated_deadlines() == []
    # File order among undated deadlines.
    assert ids(built.deadlines) == ["dl2", "dl"]


# ---------------------------------------------------------------- apply-child


@pytest.fixture(scope="module")
def child():
    return load_flow(FLOWS / "apply-child.yaml")


def test_apply_child_routes(child) -> None:
    nxt = lambda answers: (q.id if (q := engine.next_question(child, answers, context(TODAY))) else None)  # noqa: E731
    assert nxt({}) == "route"
    assert nxt({"route": "school"}) == "low_income"
    assert nxt({"route": "school", "low_income": True}) == "poor_family"  # poor families: school route only
    assert nxt({"route": "school", "low_income": False}) == "poor_family"
    assert nxt({"route": "school", "low_income": True, "poor_family": True}) == "card_accepted"
    assert nxt({"route": "not_in_school", "low_income": True}) == "card_accepted"
    assert nxt({"route": "registered_elsewhere", "low_income": False, "card_accepted": False}) is None
    assert nxt({"route": "school", "low_income": False, "poor_family": False, "card_accepted": True}) == "accepted_on"
    full = {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True, "accepted_on": date(2026, 11, 2)}
    assert nxt(full) is None
    assert engine.total_range(child, {}, context(TODAY)) == (3, 5)
    after_accepted = {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True}
    assert engine.total_range(child, after_accepted, context(TODAY)) == (5, 5)


def test_apply_child_school_checklist(child) -> None:
    answers = {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True, "accepted_on": date(2026, 11, 2)}
    built = checklist.build(child, answers, context(TODAY))
    assert ids(built.steps)[0] == "school-get-materials"
    assert all(i.startswith("school-") for i in ids(built.steps))
    assert not any(i.startswith("home-") for i in ids(list(built.entries)))
    first = built.steps[0]
    # The answers that put it there, then the one that says it is done already.
    assert [(r.question.id, r.value) for r in first.reasons] == [("route", "school"), ("poor_family", False), ("card_accepted", True)]
    assert first.done
    assert built.deadlines == []  # the card is waited for: What to expect
    (deadline,) = built.expectations
    assert deadline.item.id == "school-card-deadline"
    assert deadline.due.date == date(2026, 11, 30)


def test_apply_child_stale_date_is_ignored(child) -> None:
    # An accepted_on left over from a "yes" that was changed to "no" gives no date.
    answers = {"route": "not_in_school", "low_income": False, "card_accepted": False, "accepted_on": date(2026, 11, 2)}
    built = checklist.build(child, answers, context(TODAY))
    assert "accepted_on" not in built.answers
    (deadline,) = built.expectations
    assert deadline.item.id == "home-card-deadline"
    assert deadline.due.date is None
    assert "20 working days after" in due_summary(deadline.due, ENGLISH)


def test_apply_child_poor_family_at_school_asks_the_agency_of_the_household_registration(child) -> None:
    built = checklist.build(child, {"route": "school", "low_income": True, "poor_family": True, "card_accepted": False}, context(TODAY))
    # The subsidy is asked about before the forms go in: it changes what the family pays.
    assert ids(built.steps)[:4] == ["poor-family-excluded", "home-get-materials", "ask-subsidy", "home-fill-declare"]
    assert "ask-subsidy" in ids(built.steps)
    assert not any(i.startswith("school-") for i in ids(list(built.entries)))


# ---------------------------------------------------------------- wizard


BACK = object()


class Script:
    """A scripted asker: replies in order, and remembers what it was asked."""

    def __init__(self, replies: list[Any]) -> None:
        self.replies = list(replies)
        self.calls: list[tuple[str, Any, bool, str]] = []

    def __call__(self, question, default, can_go_back, progress):
        self.calls.append((question.id, default, can_go_back, progress))
        assert self.replies, f"asked {question.id} after the script ended"
        return self.replies.pop(0)


def run_interview(flow, replies, answers=None, fixed=frozenset()):
    script = Script(replies)
    answers = {} if answers is None else answers
    result = interview(flow, answers, context(TODAY), script, BACK, lambda pos, total: f"{pos}/{total[0]}-{total[1]}", fixed=fixed)
    assert script.replies == [], "the interview ended before the script"
    return result, script.calls


def test_interview_asks_until_the_route_ends(child) -> None:
    answers, calls = run_interview(child, ["school", False, False, True, date(2026, 11, 2)])
    assert answers == {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True, "accepted_on": date(2026, 11, 2)}
    assert [c[0] for c in calls] == ["route", "low_income", "poor_family", "card_accepted", "accepted_on"]
    assert [c[2] for c in calls] == [False, True, True, True, True]  # no Back on the first question
    # Until the card is accepted, the route may end without the date; the date makes 5.
    assert [c[3] for c in calls] == ["1/3-5", "2/4-5", "3/4-5", "4/4-5", "5/5-5"]


def test_back_pops_the_previous_answer_and_offers_it_as_default(child) -> None:
    answers, calls = run_interview(
        child,
        ["school", BACK, "not_in_school", False, True, BACK, False],
    )
    assert [(c[0], c[1]) for c in calls] == [
        ("route", None),
        ("low_income", None),
        ("route", "school"),  # Back: asked again with the old answer as default
        ("low_income", None),
        ("card_accepted", None),
        ("accepted_on", None),
        ("card_accepted", True),  # Back again: the popped answer is the default
    ]
    assert answers == {"route": "not_in_school", "low_income": False, "card_accepted": False}
    assert checklist.build(child, answers, context(TODAY)).steps[0].item.id == "home-get-materials"


def test_back_skips_fixed_answers(child) -> None:
    answers, calls = run_interview(
        child,
        ["school", BACK, "registered_elsewhere", False],
        answers={"low_income": False},
        fixed=frozenset({"low_income"}),
    )
    asked = [c[0] for c in calls]
    assert "low_income" not in asked  # given on the command line: never asked
    assert [(c[0], c[1], c[2]) for c in calls] == [
        ("route", None, False),
        ("poor_family", None, True),
        ("route", "school", False),  # Back from poor_family went past low_income
        ("card_accepted", None, True),
    ]
    assert answers == {"low_income": False, "route": "registered_elsewhere", "card_accepted": False}


def test_no_back_when_every_earlier_answer_is_fixed(child) -> None:
    answers, calls = run_interview(child, [False, False, False], answers={"route": "school"}, fixed=frozenset({"route"}))
    assert [(c[0], c[2]) for c in calls] == [("low_income", False), ("poor_family", True), ("card_accepted", True)]
    assert answers == {"route": "school", "low_income": False, "poor_family": False, "card_accepted": False}


def test_interview_after_not_sure_asks_what_either_answer_needs_and_back_offers_not_sure(child) -> None:
    from ssguide.core.qtypes import UNSURE

    answers, calls = run_interview(child, ["not_in_school", UNSURE, BACK, UNSURE, UNSURE])
    # Not sure of the family's income: both answers lead on to card-making, which is asked once.
    # Not sure whether card-making was accepted: that is what to find out first, so its date is not asked
    # (issue 20, fix 3.2; it was asked before, for the "yes" route).
    assert [(c[0], c[1]) for c in calls] == [
        ("route", None),
        ("low_income", None),
        ("card_accepted", None),
        ("low_income", UNSURE),  # Back: "not sure" is offered again as the default
        ("card_accepted", None),
    ]
    assert answers == {"route": "not_in_school", "low_income": UNSURE, "card_accepted": UNSURE}
    built = checklist.build(child, answers, context(TODAY))
    assert [q.id for q in built.do_this_now().find_out] == ["low_income", "card_accepted"]


ACCEPTED_TEXT = """\
id: accepted
title: T
sources:
  - {id: s1, title: S1, citation: c1}
questions:
  - id: accepted
    type: yesno
    text: Accepted?
    unsure: true
    how_to_find_out: {source: s1, text: Ask.}
    next:
      - when: {accepted: {unsure: true}}
        goto: end
      - when: {accepted: true}
        goto: accepted_on
  - id: accepted_on
    type: date
    text: On what date?
    max: today
items:
  - {id: apply, kind: step, text: Apply., source: s1, done_when: {accepted: true}}
  - {id: wait, kind: step, text: Wait., source: s1}
"""
ACCEPTED = parse_flow(ACCEPTED_TEXT, "accepted.yaml")
UNSURE_RULE = """      - when: {accepted: {unsure: true}}
        goto: end
"""


def test_a_rule_on_not_sure_itself_settles_the_route_and_no_question_of_a_stand_in_is_asked() -> None:
    from ssguide.core.qtypes import UNSURE

    answers = {"accepted": UNSURE}
    assert engine.next_question(ACCEPTED, answers, context(TODAY)) is None
    assert engine.missing_questions(ACCEPTED, answers, context(TODAY)) == []
    assert engine.total_range(ACCEPTED, answers, context(TODAY)) == (1, 1)
    # The ways it may turn out still decide the items: done or not is what the user must find out. The step is
    # one line, where it is still to do; its ticked copy under "yes" would say it twice (review 2, item 13).
    built = checklist.build(ACCEPTED, answers, context(TODAY))
    assert [q.id for q in built.unsure_questions] == ["accepted"]
    (group,) = built.depends
    assert {(c.answers[0][1], tuple((e.item.id, e.done) for e in c.entries)) for c in group.cases} == {
        (True, ()),
        (False, (("apply", False),)),
    }
    # Without that rule, "not sure" would ask the date a "yes" needs.
    assert UNSURE_RULE in ACCEPTED_TEXT
    plain = parse_flow(ACCEPTED_TEXT.replace(UNSURE_RULE, ""), "plain.yaml")
    assert engine.next_question(plain, answers, context(TODAY)).id == "accepted_on"


def test_done_items_stay_on_the_checklist_marked_done() -> None:
    built = checklist.build(ACCEPTED, {"accepted": True, "accepted_on": TODAY}, context(TODAY))
    assert [(e.item.id, e.done) for e in built.steps] == [("apply", True), ("wait", False)]
    assert [r.question.id for r in built.steps[0].reasons] == ["accepted"]

"""The personal checklist's types: entries with their sources and dates, "not sure" groups, and Do this now.

Pure data and derivations (no I/O); ``checklist.build`` makes them from a
flow and answers, and every renderer reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
import datetime
from datetime import date
from typing import Any

from ..lang.i18n import LocalText
from ..record import Record, remembered
from .model import MUST_ACT_MEANINGS, DeadlineRule, FindOut, Flow, Item, Overdue, Question, Source, Update


NOT_ASKED = "\x00not asked"  # in a case: the route this case takes does not ask that question


class Reason(Record):
    """One answer that put an item on the checklist."""

    question: Question
    value: Any


class DueDate(Record):
    """A deadline resolved against the answers.

    ``date`` is None when the anchor is not known (the user was not asked, or
    the anchored item has no date); the rule is then shown relatively.
    """

    rule: DeadlineRule
    date: datetime.date | None  # (the field's name hides the type's in this class)
    estimate: bool
    past: bool  # a must-do date gone by: overdue
    anchor_date: datetime.date | None
    anchor_event: Question | Item | None
    passed: bool = False  # any date gone by ("ready from" one: reached), overdue or not

    @property
    def must_act(self) -> bool:
        """A date the user must act by, not one they wait for."""
        return self.rule.meaning in MUST_ACT_MEANINGS


class Entry(Record):
    item: Item
    reasons: tuple[Reason, ...]
    due: DueDate | None
    sources: tuple[Source, ...]  # the sources of the item's own text
    update: Update | None = None  # the current rule, when one of the item's updates applies
    done: bool = False  # the answers say the user has done this already (the item's done_when holds)

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def info(self) -> bool:
        """Information, not something to do: never numbered, never in Do this now."""
        return self.item.info or self.kind in ("note", "warning")

    @property
    def overdue(self) -> Overdue | None:
        """What still helps once its date has passed: the current rule's own, else the item's."""
        if self.update is not None and self.update.overdue is not None:
            return self.update.overdue
        return self.item.overdue

    @property
    def act_by(self) -> LocalText | None:
        """How its date to act by reads ({date}, {how}): the current rule's own, else the item's, else None (the program's)."""
        if self.update is not None and self.update.act_by is not None:
            return self.update.act_by
        return self.item.act_by

    @property
    def overdue_shown(self) -> bool:
        """Its date has gone by and its ``overdue`` text says what still helps (a must-do date, or one waited for in vain)."""
        due = self.due
        return (
            self.overdue is not None and not self.done and due is not None
            and (due.past or (due.passed and due.rule.meaning == "expected_by"))
        )

    @property
    def short(self) -> LocalText | None:
        """A few words for a calendar title: the current rule's own, else the item's."""
        return self.update.short if self.update is not None and self.update.short is not None else self.item.short

    @property
    def text(self) -> LocalText:
        """The first line: the current rule if policy moved on, else the item's text."""
        return self.update.text if self.update else self.item.text

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources of ``text``."""
        return self.update.sources if self.update else self.item.sources

    @property
    def earlier(self) -> LocalText | None:
        """The source's older wording, shown as a secondary line, when an update leads."""
        return self.item.text if self.update else None

    @property
    def earlier_source_ids(self) -> tuple[str, ...]:
        return self.item.sources if self.update else ()


class Case(Record):
    """One way the "not sure" answers of a group could turn out, and the items it brings.

    ``answers`` pairs each question of the group with the answer this case
    stands for (a stand-in of its class, or ``NOT_ASKED``).
    """

    answers: tuple[tuple[Question, Any], ...]
    entries: tuple[Entry, ...]


class Depends(Record):
    """Items that hang on "not sure" answers: "Depends on: Q — If yes: … If no: …".

    No cases: a date the user is not sure of, which deadlines count from.
    """

    questions: tuple[Question, ...]
    cases: tuple[Case, ...]


class Action(Record):
    """One line of Do this now: an item to act on, and why it is there.

    ``why`` is one of ``ACTION_REASONS``: "overdue" (a must-do date has
    passed: the item's ``overdue`` text says what still helps), "ask" (a date
    waited for has passed: whom to ask), "act_by" (the nearest must-do date),
    "ready" (a step whose waiting date has come: ``gate`` is that date's item)
    and "step" (the next thing to do).
    """

    entry: Entry
    why: str
    gate: Entry | None = None

    @property
    def overdue(self) -> Overdue | None:
        """What still helps, when this line is about a date gone by and its item says."""
        return self.entry.overdue if self.why in ("overdue", "ask") else None

    @property
    def text(self) -> LocalText:
        overdue = self.overdue
        return overdue.text if overdue is not None else self.entry.text

    @property
    def source_ids(self) -> tuple[str, ...]:
        overdue = self.overdue
        return overdue.sources if overdue is not None else self.entry.source_ids

    @property
    def due(self) -> DueDate | None:
        """The date this line is about: the gate's for a step that waited, else the item's own."""
        return self.gate.due if self.gate is not None else self.entry.due


ACTION_REASONS = ("overdue", "ask", "act_by", "ready", "step")


class Wait(Record):
    """A date the user waits for (``entry``, under What to expect) and the step that follows it (``then``), if any.

    Its date may be unknown when it counts from a date the user is not sure of.
    """

    entry: Entry
    then: Entry | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The line's sources: the date's item, and what follows it (the step, else what to do if the date passes)."""
        if self.then is not None:
            return (*self.entry.source_ids, *self.then.source_ids)
        overdue = self.entry.overdue
        return (*self.entry.source_ids, *(overdue.sources if overdue is not None else ()))


class CaseLines(Record):
    """What one way a "not sure" answer could turn out brings to Do this now: its dates gone by with what still
    helps, its steps whose date has come, or the date it waits for. Shown under the question to find out."""

    group: Depends
    case: Case
    actions: tuple[Action, ...] = ()
    wait: Wait | None = None


class DoNow(Record):
    """The first actions of a checklist, the nearest date to act by, what to find out, and what is left to wait for.

    Only items certain whatever the "not sure" answers turn out count as
    actions; ``find_out`` lists the "not sure" questions that something
    depends on, ``find_out_at`` where each goes among the steps, and
    ``cases`` the dated lines that hang on them (a date gone by is never
    cut, whichever way the answer turns out). ``wait`` is the nearest date
    waited for and the step that follows it: the one line left when there
    is nothing to do or find out (``alone``), else a line beside them.
    """

    actions: tuple[Action, ...]
    act_by: Entry | None  # the must-do deadline with the earliest date not yet past
    find_out: tuple[Question, ...] = ()
    wait: Wait | None = None
    # Per question of ``find_out``: the (order, index) of the first step that hangs on it, or None.
    find_out_at: tuple[tuple[int, int] | None, ...] = ()
    cases: tuple[CaseLines, ...] = ()

    @property
    def waiting(self) -> Entry | None:
        return self.wait.entry if self.wait is not None else None

    @property
    def then(self) -> Entry | None:
        return self.wait.then if self.wait is not None else None

    @property
    def alone(self) -> bool:
        """Nothing to do and nothing to find out: the wait is all there is."""
        return not self.actions and not self.find_out

    @property
    def nothing_left(self) -> bool:
        return not self.actions and not self.find_out and self.wait is None

    @property
    def find_out_first(self) -> bool:
        """What to find out comes before every step listed (after the dates)."""
        undated = [line for line in self.lines if isinstance(line, Question) or line.why not in ("overdue", "ask", "act_by")]
        return bool(undated) and isinstance(undated[0], Question) and any(not isinstance(line, Question) for line in undated)

    def cases_of(self, question: Question) -> tuple[CaseLines, ...]:
        """The dated lines of the cases whose group this question leads (shown under its find-out line)."""
        return tuple(c for c in self.cases if c.group.questions[0].id == question.id)

    @property
    def lines(self) -> tuple[Action | Question, ...]:
        """Every numbered line in order: dates gone by and the date to act by, then the steps, each question to
        find out just before the first step listed that comes after the first step that hangs on it (at the end
        when none does); a date still to find out comes just before a question whose cases count from it."""
        dated = tuple(a for a in self.actions if a.why in ("overdue", "ask", "act_by"))
        steps = [a for a in self.actions if a.why not in ("overdue", "ask", "act_by")]
        at = dict(zip((q.id for q in self.find_out), self.find_out_at)) if self.find_out_at else {}
        merged: list[Action | Question] = []
        pending = list(self.find_out)

        def place(question: Question) -> None:
            # A date still to find out that this question's cases count from comes first: what each
            # way of it brings ("wait until 20 working days after …") needs that date.
            for date_question in self._dates_needed_by(question):
                if date_question in pending:
                    pending.remove(date_question)
                    merged.append(date_question)
            if question in pending:
                pending.remove(question)
                merged.append(question)

        for step in steps:
            key = (step.entry.item.order, step.entry.item.index)
            for question in [q for q in pending if at.get(q.id) is not None and at[q.id] < key]:  # type: ignore[operator]
                place(question)
            merged.append(step)
        for question in list(pending):
            place(question)
        return dated + tuple(merged)

    def _dates_needed_by(self, question: Question) -> list[Question]:
        """The questions to find out whose date the items of ``question``'s cases count from, that date not known."""
        needed: list[Question] = []
        for group in {id(c.group): c.group for c in self.cases if c.group.questions[0].id == question.id}.values():
            for case in group.cases:
                for entry in case.entries:
                    anchor = entry.due.anchor_event if entry.due is not None and entry.due.date is None else None
                    if isinstance(anchor, Question) and anchor.id != question.id and anchor in self.find_out and anchor not in needed:
                        needed.append(anchor)
        return needed


class Checklist(Record):
    flow: Flow
    answers: Mapping[str, Any]  # only the answers on the route, in asked order
    entries: tuple[Entry, ...]  # the items certain on every way the "not sure" answers turn out
    today: date
    depends: tuple[Depends, ...] = ()  # the items that depend on "not sure" answers
    find_outs: tuple[tuple[str, FindOut], ...] = ()  # each "not sure" question's how-to-find-out that holds for the answers

    def find_out(self, question: Question) -> FindOut | None:
        """How to find the answer to ``question`` out, on this checklist; None when the flow says nothing that holds."""
        return next((found for qid, found in self.find_outs if qid == question.id), None)

    @property
    def unsure_questions(self) -> list[Question]:
        """The "not sure" questions something left to do depends on, in the order asked: what to find out.

        Not one on which only done steps and information hang (a review: "Find out whether your family
        counts for the subsidy" beside the asking ticked as done, its moment past): its "Depends on"
        still shows what hangs on it, and how to find out, but Do this now does not send anyone to ask.
        A date not known that deadlines count from (a group without cases) is always worth finding out.
        """
        named = {q.id for group in self.depends if _something_to_do(group) for q in group.questions}
        return [q for q in self.questions if q.id in named]

    @property
    def depends_questions(self) -> list[Question]:
        """Every "not sure" question something depends on, in the order asked: each "Depends on" names them."""
        named = {q.id for group in self.depends for q in group.questions}
        return [q for q in self.questions if q.id in named]

    @property
    def questions(self) -> list[Question]:
        return [self.flow.questions[qid] for qid in self.answers]

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]

    @property
    def steps(self) -> list[Entry]:
        return self.of_kind("step")

    @property
    def materials(self) -> list[Entry]:
        return self.of_kind("material")

    @staticmethod
    def _by_date(entries: list[Entry]) -> list[Entry]:
        """Dated entries first, soonest first; undated ones after, in flow order."""
        dated = [e for e in entries if e.due and e.due.date]
        undated = [e for e in entries if not (e.due and e.due.date)]
        return sorted(dated, key=_due_on) + undated

    @property
    def deadlines(self) -> list[Entry]:
        """What the user must do by a date."""
        return list(remembered(self, "deadlines", lambda: self._by_date([e for e in self.of_kind("deadline") if e.due is None or e.due.must_act])))

    @property
    def expectations(self) -> list[Entry]:
        """What the user waits for ("What to expect"): a card ready from, received within."""
        return list(remembered(self, "expectations", lambda: self._by_date([e for e in self.of_kind("deadline") if e.due is not None and not e.due.must_act])))

    @property
    def notes(self) -> list[Entry]:
        """Warnings before notes: a user in a hurry reads the top of the list."""
        return self.of_kind("warning") + self.of_kind("note")

    @property
    def sources(self) -> list[Source]:
        """Every source cited by an item or an update, in order of first citation."""
        return list(remembered(self, "sources", self._sources))

    def _sources(self) -> list[Source]:
        cited: dict[str, Source] = {}
        for entry in self.ordered_entries():
            for sid in list(entry.source_ids) + list(entry.earlier_source_ids):
                cited.setdefault(sid, self.flow.sources[sid])
        for entry in self.ordered_entries():
            overdue = entry.overdue
            for sid in overdue.sources if overdue is not None and entry.overdue_shown else ():
                cited.setdefault(sid, self.flow.sources[sid])
        now = self.do_this_now()
        if now.wait is not None:  # "if that date passes: …"
            for sid in now.wait.source_ids:
                cited.setdefault(sid, self.flow.sources[sid])
        for question in self.depends_questions:
            found = self.find_out(question)
            for sid in found.sources if found is not None else ():
                cited.setdefault(sid, self.flow.sources[sid])
        for group in self.depends:
            for case in group.cases:
                for entry in case.entries:
                    helps = entry.overdue.sources if entry.overdue is not None and entry.overdue_shown else ()
                    for sid in list(entry.source_ids) + list(entry.earlier_source_ids) + list(helps):
                        cited.setdefault(sid, self.flow.sources[sid])
        for lines in now.cases:
            for sid in [s for a in lines.actions for s in a.source_ids] + list(lines.wait.source_ids if lines.wait else ()):
                cited.setdefault(sid, self.flow.sources[sid])
        return list(cited.values())

    def ordered_entries(self) -> list[Entry]:
        """Entries in the order the sections show them."""
        return self.steps + self.materials + self.deadlines + self.expectations + self.notes

    def dated_deadlines(self) -> list[Entry]:
        """Deadlines and expectations with a known date and not done (the calendar's events)."""
        return [e for e in self.deadlines + self.expectations if e.due is not None and e.due.date is not None and not e.done]

    @property
    def judged_by_today(self) -> bool:
        """Whether a date on the checklist was weighed against today (past, reached, still to come)."""
        shown = list(self.entries) + [e for group in self.depends for case in group.cases for e in case.entries]
        return any(e.due is not None and e.due.date is not None for e in shown)

    def do_this_now(self) -> DoNow:
        return remembered(self, "do_this_now", lambda: do_this_now(self))  # every format asks, and sources too


MAX_FIRST_ACTIONS = 3


def _something_to_do(group: Depends) -> bool:
    """Whether some way a "not sure" answer turns out leaves a step, a material or a date to act on (not done, not information)."""
    if not group.cases:  # a date not known that deadlines count from
        return True
    return any(e.kind in ("step", "material", "deadline") and not e.done and not e.info for case in group.cases for e in case.entries)


def do_this_now(checklist: Checklist) -> DoNow:
    """What to do first, derived from the checklist model alone.

    In order: every must-do date that has passed, with what still helps (the
    item's ``overdue``); every date waited for that has passed with no step
    waiting on it, as something to ask about; the nearest must-do date not
    yet past; then the steps not done, in order. Information and done items
    never count; a step waiting for a date still to come (or not known) is
    not yet doable, and one whose date has come is. What to find out goes
    before the first step listed after the first step that hangs on it
    (``DoNow.lines``), with the dated lines each way its answer could turn
    out brings (``DoNow.cases``). Passed dates are never cut; the others
    fill up to three actions, each item once, each wording once. The nearest
    date waited for is a line of its own: all there is with nothing to do or
    find out, else beside them when its date is known (or counts from a date
    the user is not sure of).
    """
    pending = [e for e in checklist.entries if not e.done]
    overdue, asks, ready = _dated_actions(checklist.entries, checklist.entries)
    upcoming = [e for e in checklist.deadlines if not e.done and _dated(e) and not e.due.past]  # type: ignore[union-attr]
    act_by = upcoming[0] if upcoming else None
    later: list[Action] = [Action(act_by, "act_by")] if act_by is not None else []
    unsure_entries = [e for group in checklist.depends for case in group.cases for e in case.entries]
    unsure_ids = {e.item.id for e in unsure_entries}
    by_id = {e.item.id: e for e in checklist.entries}
    ready_by_id = {a.entry.item.id: a for a in ready}
    for entry in pending:
        if entry.kind != "step" or entry.info:
            continue
        gate_id = entry.item.waits_for
        gate = by_id.get(gate_id) if gate_id else None
        if gate_id is None or (gate is None and gate_id not in unsure_ids) or (gate is not None and gate.done):
            later.append(Action(entry, "step"))  # nothing to wait for
        elif entry.item.id in ready_by_id:
            later.append(ready_by_id[entry.item.id])
        # else: its date is still to come, or not known: not yet doable
    fixed = overdue + asks
    actions: list[Action] = []
    seen_items: set[str] = set()
    seen_texts: set[Any] = set()
    for action in fixed + later:
        if action.entry.item.id in seen_items or action.text in seen_texts:
            continue  # one line per item, and one per wording (two items saying the same thing)
        if action not in fixed and len(actions) >= MAX_FIRST_ACTIONS:
            break
        seen_items.add(action.entry.item.id)
        seen_texts.add(action.text)
        actions.append(action)
    if not any(a.why == "act_by" for a in actions):
        act_by = None
    find_out = tuple(checklist.unsure_questions)
    # Where each question to find out goes: before the first step listed after the first step that hangs on it.
    find_out_at = tuple(
        min(
            ((e.item.order, e.item.index) for group in checklist.depends if q in group.questions
             for case in group.cases for e in case.entries if e.kind == "step"),
            default=None,
        )
        for q in find_out
    )
    alone = not actions and not find_out
    wait = _wait(checklist, checklist.entries, checklist.entries, alone)
    cases = []
    for group in checklist.depends:
        for case in group.cases:
            shown = list(checklist.entries) + list(case.entries)
            c_overdue, c_asks, c_ready = _dated_actions(case.entries, shown)
            c_wait = _wait(checklist, case.entries, shown, alone=False)
            if c_overdue or c_asks or c_ready or c_wait is not None:
                cases.append(CaseLines(group, case, tuple(c_overdue + c_asks + c_ready), c_wait))
    return DoNow(tuple(actions), act_by, find_out, wait, find_out_at, tuple(cases))


def _dated(entry: Entry) -> bool:
    return entry.due is not None and entry.due.date is not None


def _dated_actions(entries: tuple[Entry, ...] | list[Entry], shown: tuple[Entry, ...] | list[Entry]) -> tuple[list[Action], list[Action], list[Action]]:
    """Of ``entries``, the lines a date brings: must-do dates gone by, dates waited for in vain (no step waits on them),
    and steps whose date has come; ``shown`` is everything on the checklist they sit in (the steps and their dates)."""
    pending = [e for e in shown if not e.done]
    waited = {e.item.waits_for for e in pending if e.kind == "step" and e.item.waits_for}
    gates = {e.item.id: e for e in shown}
    dated = [e for e in entries if e.kind == "deadline" and not e.done and _dated(e)]
    overdue = [Action(e, "overdue") for e in Checklist._by_date([e for e in dated if e.due.must_act and e.due.past])]  # type: ignore[union-attr]
    asks = [
        Action(e, "ask")
        for e in Checklist._by_date([e for e in dated if not e.due.must_act and e.due.passed and e.item.id not in waited])  # type: ignore[union-attr]
    ]
    ready = []
    for entry in entries:
        if entry.kind != "step" or entry.info or entry.done or not entry.item.waits_for:
            continue
        gate = gates.get(entry.item.waits_for)
        if gate is not None and not gate.done and _dated(gate) and gate.due.passed:  # type: ignore[union-attr]
            ready.append(Action(entry, "ready", gate))
    return overdue, asks, ready


def _wait(checklist: Checklist, entries: tuple[Entry, ...] | list[Entry], shown: tuple[Entry, ...] | list[Entry], alone: bool) -> Wait | None:
    """The soonest date waited for among ``entries`` that has not come, and the step that follows it.

    Beside other lines, only a date that is known or counts from a date the
    user is not sure of (not one counted from a question never asked); alone,
    any.
    """
    def counts(entry: Entry) -> bool:
        due = entry.due
        if due is None or due.must_act or entry.done or (due.date is not None and due.passed):
            return False
        if due.date is not None or alone:
            return True
        anchor = due.anchor_event
        return isinstance(anchor, Question) and anchor.id in checklist.answers

    ahead = Checklist._by_date([e for e in entries if e.kind == "deadline" and counts(e)])
    if not ahead:
        return None
    entry = ahead[0]
    then = next((e for e in shown if e.kind == "step" and not e.done and e.item.waits_for == entry.item.id), None)
    return Wait(entry, then)


def _due_on(entry: Entry) -> datetime.date:
    """The date of a dated entry (``Checklist._by_date`` sorts those alone)."""
    assert entry.due is not None and entry.due.date is not None
    return entry.due.date

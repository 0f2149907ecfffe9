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
from .model import MUST_ACT_MEANINGS, DeadlineRule, Flow, Item, Question, Source, Update


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
    def overdue_shown(self) -> bool:
        """Its date has gone by and its ``overdue`` text says what still helps (a must-do date, or one waited for in vain)."""
        due = self.due
        return (
            self.item.overdue is not None and not self.done and due is not None
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
    def text(self) -> LocalText:
        overdue = self.entry.item.overdue
        if self.why in ("overdue", "ask") and overdue is not None:
            return overdue.text
        return self.entry.text

    @property
    def source_ids(self) -> tuple[str, ...]:
        overdue = self.entry.item.overdue
        if self.why in ("overdue", "ask") and overdue is not None:
            return overdue.sources
        return self.entry.source_ids

    @property
    def due(self) -> DueDate | None:
        """The date this line is about: the gate's for a step that waited, else the item's own."""
        return self.gate.due if self.gate is not None else self.entry.due


ACTION_REASONS = ("overdue", "ask", "act_by", "ready", "step")


class DoNow(Record):
    """The first actions of a checklist, the nearest date to act by, and what to find out; or what is left to wait for.

    Only items certain whatever the "not sure" answers turn out count;
    ``find_out`` lists the "not sure" questions that something depends on.
    With nothing to do and nothing to find out, ``waiting`` is what the
    user waits for (the nearest date) and ``then`` the step that follows it,
    if any; with neither, nothing is left (``nothing_left``).
    """

    actions: tuple[Action, ...]
    act_by: Entry | None  # the must-do deadline with the earliest date not yet past
    find_out: tuple[Question, ...] = ()
    waiting: Entry | None = None
    then: Entry | None = None
    find_out_first: bool = False  # a step that hangs on a "not sure" answer comes before the first step to do

    @property
    def nothing_left(self) -> bool:
        return not self.actions and not self.find_out and self.waiting is None

    @property
    def lines(self) -> tuple[Action | Question, ...]:
        """Every numbered line in order: dates gone by, the date to act by, then the steps, with what to find out
        before them when a step that hangs on it would come first, else after them."""
        dated = tuple(a for a in self.actions if a.why in ("overdue", "ask", "act_by"))
        steps = tuple(a for a in self.actions if a.why not in ("overdue", "ask", "act_by"))
        if self.find_out_first:
            return dated + self.find_out + steps
        return dated + steps + self.find_out


class Checklist(Record):
    flow: Flow
    answers: Mapping[str, Any]  # only the answers on the route, in asked order
    entries: tuple[Entry, ...]  # the items certain on every way the "not sure" answers turn out
    today: date
    depends: tuple[Depends, ...] = ()  # the items that depend on "not sure" answers

    @property
    def unsure_questions(self) -> list[Question]:
        """The "not sure" questions something depends on, in the order asked: what to find out."""
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
            for sid in entry.item.overdue.sources if entry.item.overdue and entry.overdue_shown else ():
                cited.setdefault(sid, self.flow.sources[sid])
        now = self.do_this_now()
        if now.waiting is not None and now.then is None and now.waiting.item.overdue is not None:  # "if that date passes: …"
            for sid in now.waiting.item.overdue.sources:
                cited.setdefault(sid, self.flow.sources[sid])
        for question in self.unsure_questions:
            for sid in question.how_to_find_out.sources if question.how_to_find_out else ():
                cited.setdefault(sid, self.flow.sources[sid])
        for group in self.depends:
            for case in group.cases:
                for entry in case.entries:
                    overdue = entry.item.overdue.sources if entry.item.overdue and entry.overdue_shown else ()
                    for sid in list(entry.source_ids) + list(entry.earlier_source_ids) + list(overdue):
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


def do_this_now(checklist: Checklist) -> DoNow:
    """What to do first, derived from the checklist model alone.

    In order: every must-do date that has passed, with what still helps (the
    item's ``overdue``); every date waited for that has passed with no step
    waiting on it, as something to ask about; the nearest must-do date not
    yet past; then the steps not done, in order. Information and done items
    never count; a step waiting for a date still to come (or not known) is
    not yet doable, and one whose date has come is. What to find out comes
    before the steps when a step that hangs on it would come first
    (``DoNow.lines``). Passed dates are never cut; the others fill up to
    three actions, each item once, each wording once. With nothing to do or
    find out, the nearest date waited for is the one line left.
    """
    pending = [e for e in checklist.entries if not e.done]
    by_id = {e.item.id: e for e in checklist.entries}
    waited = {e.item.waits_for for e in pending if e.kind == "step" and e.item.waits_for}

    def dated(entry: Entry) -> bool:
        return entry.due is not None and entry.due.date is not None

    overdue = [Action(e, "overdue") for e in checklist.deadlines if not e.done and dated(e) and e.due.past]  # type: ignore[union-attr]
    asks = [
        Action(e, "ask")
        for e in checklist.expectations
        if not e.done and dated(e) and e.due.passed and e.item.id not in waited  # type: ignore[union-attr]
    ]
    upcoming = [e for e in checklist.deadlines if not e.done and dated(e) and not e.due.past]  # type: ignore[union-attr]
    act_by = upcoming[0] if upcoming else None
    later: list[Action] = [Action(act_by, "act_by")] if act_by is not None else []
    unsure_entries = [e for group in checklist.depends for case in group.cases for e in case.entries]
    unsure_ids = {e.item.id for e in unsure_entries}
    first_unsure = min(((e.item.order, e.item.index) for e in unsure_entries if e.kind == "step"), default=None)
    for entry in pending:
        if entry.kind != "step" or entry.info:
            continue
        wait = entry.item.waits_for
        gate = by_id.get(wait) if wait else None
        if wait is None or (gate is None and wait not in unsure_ids) or (gate is not None and gate.done):
            later.append(Action(entry, "step"))  # nothing to wait for
        elif gate is not None and dated(gate) and gate.due.passed:  # type: ignore[union-attr]
            later.append(Action(entry, "ready", gate))
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
    # Finding out comes first when a step that hangs on it would come before the first step listed.
    first_step = min(((a.entry.item.order, a.entry.item.index) for a in actions if a.why in ("step", "ready")), default=None)
    find_out_first = first_unsure is not None and first_step is not None and first_unsure < first_step
    waiting = then = None
    if not actions and not find_out:
        ahead = [e for e in checklist.expectations if not e.done and not (dated(e) and e.due.passed)]  # type: ignore[union-attr]
        if ahead:
            waiting = ahead[0]  # the soonest: expectations are sorted by date
            then = next((e for e in pending if e.kind == "step" and e.item.waits_for == waiting.item.id), None)
    return DoNow(tuple(actions), act_by, find_out, waiting, then, find_out_first)


def _due_on(entry: Entry) -> datetime.date:
    """The date of a dated entry (``_by_date`` sorts those alone)."""
    assert entry.due is not None and entry.due.date is not None
    return entry.due.date

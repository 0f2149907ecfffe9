"""From final answers to the personal checklist: the model every renderer draws from.

Pure: no I/O. Each entry keeps its sources, the current rule where policy
moved on (the item's own text then becomes the "earlier practice"), the
answers that selected it ("why") and, for dated items, the computed date.
``do_this_now`` derives the first actions and the date to act by. Renderers
(terminal, Markdown, JSON, iCalendar) only format this model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .conditions import evaluate, questions_in
from .dates import apply_offset
from .engine import walk
from .model import MUST_ACT_MEANINGS, DeadlineRule, Flow, Item, Question, Source, Update
from .i18n import LocalText


@dataclass(frozen=True)
class Reason:
    """One answer that put an item on the checklist."""

    question: Question
    value: Any


@dataclass(frozen=True)
class DueDate:
    """A deadline resolved against the answers.

    ``date`` is None when the anchor is not known (the user was not asked, or
    the anchored item has no date); the rule is then shown relatively.
    """

    rule: DeadlineRule
    date: date | None
    estimate: bool
    past: bool
    anchor_date: date | None
    anchor_event: Question | Item | None

    @property
    def must_act(self) -> bool:
        """A date the user must act by, not one they wait for."""
        return self.rule.meaning in MUST_ACT_MEANINGS


@dataclass(frozen=True)
class Entry:
    item: Item
    reasons: tuple[Reason, ...]
    due: DueDate | None
    sources: tuple[Source, ...]  # the sources of the item's own text
    update: Update | None = None  # the current rule, when one of the item's updates applies

    @property
    def kind(self) -> str:
        return self.item.kind

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


@dataclass(frozen=True)
class DoNow:
    """The first actions of a checklist and the nearest date the user must act by."""

    actions: tuple[Entry, ...]
    act_by: Entry | None  # the must-do deadline with the earliest date not yet past


@dataclass(frozen=True)
class Checklist:
    flow: Flow
    answers: Mapping[str, Any]  # only the answers on the route, in asked order
    entries: tuple[Entry, ...]
    today: date

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
        return sorted(dated, key=lambda e: e.due.date) + undated  # type: ignore[union-attr,return-value]

    @property
    def deadlines(self) -> list[Entry]:
        """What the user must do by a date."""
        return self._by_date([e for e in self.of_kind("deadline") if e.due is None or e.due.must_act])

    @property
    def expectations(self) -> list[Entry]:
        """What the user waits for ("What to expect"): a card ready from, received within."""
        return self._by_date([e for e in self.of_kind("deadline") if e.due is not None and not e.due.must_act])

    @property
    def notes(self) -> list[Entry]:
        """Warnings before notes: a user in a hurry reads the top of the list."""
        return self.of_kind("warning") + self.of_kind("note")

    @property
    def sources(self) -> list[Source]:
        """Every source cited by an item or an update, in order of first citation."""
        cited: dict[str, Source] = {}
        for entry in self.ordered_entries():
            for sid in list(entry.source_ids) + list(entry.earlier_source_ids):
                cited.setdefault(sid, self.flow.sources[sid])
        return list(cited.values())

    def ordered_entries(self) -> list[Entry]:
        """Entries in the order the sections show them."""
        return self.steps + self.materials + self.deadlines + self.expectations + self.notes

    def dated_deadlines(self) -> list[Entry]:
        """Deadlines and expectations with a known date (the calendar's events)."""
        return [e for e in self.deadlines + self.expectations if e.due is not None and e.due.date is not None]

    def do_this_now(self) -> DoNow:
        return do_this_now(self)


MAX_FIRST_ACTIONS = 3
MAX_FIRST_STEPS = 2  # later steps are often the agency's or the school's work, not the user's


def do_this_now(checklist: Checklist) -> DoNow:
    """The one to three actions to take first, and the nearest date to act by.

    The must-do deadline with the earliest date that is not past comes first
    (it is what the user may miss), then the first steps in order, at most
    three actions in all. When there is neither, the first warning or note
    stands in, so no checklist starts empty-handed.
    """
    upcoming = [e for e in checklist.deadlines if e.due is not None and e.due.date is not None and not e.due.past]
    act_by = upcoming[0] if upcoming else None
    actions: list[Entry] = [act_by] if act_by is not None else []
    actions += checklist.steps[:MAX_FIRST_STEPS]
    if not actions:
        actions = (checklist.deadlines + checklist.notes)[:1]
    return DoNow(tuple(actions[:MAX_FIRST_ACTIONS]), act_by)


def build(flow: Flow, answers: Mapping[str, Any], today: date) -> Checklist:
    """The checklist for these answers (only answers on the route count)."""
    route = walk(flow, answers, today)
    relevant = {q.id: answers[q.id] for q in route.answered}
    chosen = [it for it in flow.items if evaluate(it.when, relevant, today)]
    chosen.sort(key=lambda it: (it.order, it.index))
    dues: dict[str, DueDate | None] = {}
    entries = []
    for item in chosen:
        reasons = tuple(
            Reason(flow.questions[qid], relevant[qid]) for qid in questions_in(item.when) if qid in relevant
        )
        due = _resolve_due(flow, item, relevant, today, dues)
        sources = tuple(flow.sources[sid] for sid in item.sources)
        # The first update whose condition holds is the current rule (like routing rules: first match wins).
        update = next((u for u in item.updates if evaluate(u.when, relevant, today)), None)
        if update is not None and update.when is not None:
            reasons += tuple(
                Reason(flow.questions[qid], relevant[qid])
                for qid in questions_in(update.when)
                if qid in relevant and all(r.question.id != qid for r in reasons)
            )
        entries.append(Entry(item, reasons, due, sources, update))
    return Checklist(flow, relevant, tuple(entries), today)


def _resolve_due(
    flow: Flow, item: Item, answers: Mapping[str, Any], today: date, memo: dict[str, DueDate | None]
) -> DueDate | None:
    if item.deadline is None:
        return None
    if item.id in memo:
        return memo[item.id]
    rule = item.deadline
    anchor_date: date | None = None
    estimate = False
    anchor_event: Question | Item | None = None
    if rule.anchor_question is not None:
        anchor_event = flow.questions[rule.anchor_question]
        value = answers.get(rule.anchor_question)
        anchor_date = value if isinstance(value, date) else None
    else:
        anchor_item = flow.item(rule.anchor_item or "")
        anchor_event = anchor_item
        if anchor_item is not None:
            anchored = _resolve_due(flow, anchor_item, answers, today, memo)
            if anchored is not None and anchored.date is not None:
                anchor_date = anchored.date
                estimate = anchored.estimate
    due_date = None
    if anchor_date is not None:
        try:
            result = apply_offset(anchor_date, rule.offset)
        except (OverflowError, ValueError):
            result = None  # beyond the calendar (a huge offset): shown without a date
        if result is not None:
            due_date = result.date
            estimate = estimate or result.estimate
    due = DueDate(
        rule=rule,
        date=due_date,
        estimate=estimate,
        # Only something you must do by a date can be overdue; "ready from" cannot.
        past=due_date is not None and due_date < today and rule.meaning in MUST_ACT_MEANINGS,
        anchor_date=anchor_date,
        anchor_event=anchor_event,
    )
    memo[item.id] = due
    return due

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
from ..record import Record
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
    past: bool
    anchor_date: datetime.date | None
    anchor_event: Question | Item | None

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


class DoNow(Record):
    """The first actions of a checklist and the nearest date the user must act by.

    Only items certain whatever the "not sure" answers turn out count;
    ``find_out`` lists the "not sure" questions that something depends on.
    """

    actions: tuple[Entry, ...]
    act_by: Entry | None  # the must-do deadline with the earliest date not yet past
    find_out: tuple[Question, ...] = ()


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
        for question in self.unsure_questions:
            for sid in question.how_to_find_out.sources if question.how_to_find_out else ():
                cited.setdefault(sid, self.flow.sources[sid])
        for group in self.depends:
            for case in group.cases:
                for entry in case.entries:
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
    three actions in all. When there is neither, finding out what the user
    is not sure of comes first, or else the first warning or note stands in,
    so no checklist starts empty-handed.
    """
    upcoming = [e for e in checklist.deadlines if e.due is not None and e.due.date is not None and not e.due.past]
    act_by = upcoming[0] if upcoming else None
    actions: list[Entry] = [act_by] if act_by is not None else []
    actions += checklist.steps[:MAX_FIRST_STEPS]
    find_out = tuple(checklist.unsure_questions)
    if not actions and not find_out:  # finding out is the first action when nothing certain is
        actions = (checklist.deadlines + checklist.notes)[:1]
    return DoNow(tuple(actions[:MAX_FIRST_ACTIONS]), act_by, find_out)


def _due_on(entry: Entry) -> datetime.date:
    """The date of a dated entry (``_by_date`` sorts those alone)."""
    assert entry.due is not None and entry.due.date is not None
    return entry.due.date

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

from ..lang.i18n import LocalText
from .conditions import evaluate, evaluate3, questions_in
from .dates import apply_offset
from .engine import Completion, completions, has_unsure, walk
from .model import MUST_ACT_MEANINGS, DeadlineRule, Flow, Item, Question, Source, Update
from .qtypes import UNSURE

NOT_ASKED = "\x00not asked"  # in a case: the route this case takes does not ask that question


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
class Case:
    """One way the "not sure" answers of a group could turn out, and the items it brings.

    ``answers`` pairs each question of the group with the answer this case
    stands for (a stand-in of its class, or ``NOT_ASKED``).
    """

    answers: tuple[tuple[Question, Any], ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Depends:
    """Items that hang on "not sure" answers: "Depends on: Q — If yes: … If no: …".

    No cases: a date the user is not sure of, which deadlines count from.
    """

    questions: tuple[Question, ...]
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class DoNow:
    """The first actions of a checklist and the nearest date the user must act by.

    Only items certain whatever the "not sure" answers turn out count;
    ``find_out`` lists the "not sure" questions that something depends on.
    """

    actions: tuple[Entry, ...]
    act_by: Entry | None  # the must-do deadline with the earliest date not yet past
    find_out: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Checklist:
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


def build(flow: Flow, answers: Mapping[str, Any], today: date) -> Checklist:
    """The checklist for these answers (only answers on the route count).

    With "not sure" answers, the checklist of every way they could turn out
    is built with the two-valued rules; what all of them share is certain,
    the rest is grouped under the "not sure" questions it depends on.
    """
    route = walk(flow, answers, today)
    relevant = {q.id: answers[q.id] for q in route.answered}
    if not has_unsure(relevant):
        return Checklist(flow, relevant, tuple(_entries(flow, relevant, today, frozenset())), today)
    return _build_unsure(flow, relevant, today, completions(flow, relevant, today))


def _entries(
    flow: Flow, relevant: Mapping[str, Any], today: date, unknown: frozenset[str], maybe: set[str] | None = None
) -> list[Entry]:
    """The entries for one set of answers; dates counted from an ``unknown`` answer stay open.

    Three-valued: beyond MAX_COMPLETIONS an answer may stay "not sure"; an
    item that may apply is listed (never hidden) and its id added to ``maybe``.
    """
    holds = evaluate3 if maybe is not None else evaluate  # two-valued when no answer is "not sure"
    held = {it.id: holds(it.when, relevant, today) for it in flow.items}
    if maybe is not None:
        maybe.update(iid for iid, holds in held.items() if holds is None)
    chosen = [it for it in flow.items if held[it.id] is not False]
    chosen.sort(key=lambda it: (it.order, it.index))
    dues: dict[str, DueDate | None] = {}
    entries = []
    for item in chosen:
        reasons = tuple(_reason(flow, qid, relevant, unknown) for qid in questions_in(item.when) if qid in relevant)
        due = _resolve_due(flow, item, relevant, today, dues, unknown)
        sources = tuple(flow.sources[sid] for sid in item.sources)
        # The first update whose condition holds is the current rule (like routing rules: first match wins).
        # Three-valued, each update that may hold before it is a candidate too, each listed.
        candidates: list[Update | None] = []
        for u in item.updates:
            update_holds = holds(u.when, relevant, today)
            if update_holds is not False:
                candidates.append(u)
            if update_holds:
                break
        else:
            candidates.append(None)
        if len(candidates) > 1 and maybe is not None:
            maybe.add(item.id)
        for update in candidates:
            why = reasons
            if update is not None and update.when is not None:
                why += tuple(
                    _reason(flow, qid, relevant, unknown)
                    for qid in questions_in(update.when)
                    if qid in relevant and all(r.question.id != qid for r in reasons)
                )
            entries.append(Entry(item, why, due, sources, update))
    return entries


def _reason(flow: Flow, qid: str, relevant: Mapping[str, Any], unknown: frozenset[str]) -> Reason:
    """The answer as the user gave it: "not sure" where a stand-in was assumed."""
    return Reason(flow.questions[qid], UNSURE if qid in unknown else relevant[qid])


def _entry_key(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same line of the checklist: the item, its current rule and its date."""
    update = entry.item.updates.index(entry.update) if entry.update is not None else -1
    return (entry.item.id, update, entry.due.date if entry.due else None)


def _build_unsure(flow: Flow, relevant: dict[str, Any], today: date, found: list[Completion]) -> Checklist:
    unsure_ids = [qid for qid, v in relevant.items() if v is UNSURE]
    per_completion: list[dict[tuple[Any, ...], Entry]] = []
    assumed: list[dict[str, Any]] = []
    maybe: set[str] = set()  # items that only may apply somewhere: never certain
    for completion in found:
        given = dict(completion.assumed)
        # An answer past the limit of completions stays "not sure" in the answers themselves.
        given.update({qid: UNSURE for qid, v in completion.answers.items() if v is UNSURE})
        unknown = frozenset(given)
        assumed.append(given)
        per_completion.append({_entry_key(e): e for e in _entries(flow, completion.answers, today, unknown, maybe)})
    keys: dict[tuple[Any, ...], Entry] = {}
    for entries in per_completion:
        for key, entry in entries.items():
            keys.setdefault(key, entry)
    presence = {k: [k in entries for entries in per_completion] for k in keys}
    certain_keys = {k for k in keys if k[0] not in maybe and all(presence[k])}
    certain = sorted((keys[k] for k in certain_keys), key=lambda e: (e.item.order, e.item.index))
    # Per "not sure" question, each completion's other answers: what _depends_on compares.
    others = {q: [tuple(a.get(o, NOT_ASKED) for o in unsure_ids if o != q) for a in assumed] for q in unsure_ids}
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for key in keys:
        if key in certain_keys:
            continue
        present = presence[key]
        depends_on = tuple(unsure_ids) if key[0] in maybe else _depends_on(present, assumed, unsure_ids, others)
        groups.setdefault(depends_on, []).append(key)
    depends = []
    for qids in sorted(groups, key=lambda g: [unsure_ids.index(q) for q in g]):
        cases: dict[tuple[Any, ...], dict[tuple[Any, ...], Entry]] = {}
        for given, entries in zip(assumed, per_completion):
            projection = tuple(given.get(qid, NOT_ASKED) for qid in qids)
            case = cases.setdefault(projection, {})
            for key in groups[qids]:
                if key in entries and key not in case:
                    entry = entries[key]
                    given_for = {r.question.id for r in entry.reasons}
                    extra = tuple(Reason(flow.questions[q], UNSURE) for q in qids if q not in given_for)
                    case[key] = Entry(entry.item, entry.reasons + extra, entry.due, entry.sources, entry.update)
        depends.append(
            Depends(
                tuple(flow.questions[q] for q in qids),
                tuple(
                    Case(
                        tuple((flow.questions[q], v) for q, v in zip(qids, projection)),
                        tuple(sorted(case.values(), key=_section_order)),
                    )
                    for projection, case in cases.items()
                ),
            )
        )
    # A date the user is not sure of that a deadline counts from: worth finding out even when
    # nothing else hangs on it, so it gets a group of its own without cases.
    grouped = {q for qids in groups for q in qids}
    shown = certain + [e for group in depends for case in group.cases for e in case.entries]
    open_dates = {
        e.due.anchor_event.id
        for e in shown
        if e.due is not None and e.due.date is None and isinstance(e.due.anchor_event, Question)
        and relevant.get(e.due.anchor_event.id) is UNSURE
    }
    depends += [Depends((flow.questions[q],), ()) for q in unsure_ids if q in open_dates and q not in grouped]
    return Checklist(flow, relevant, tuple(certain), today, tuple(depends))


_KIND_ORDER = {"step": 0, "material": 1, "deadline": 2, "warning": 3, "note": 4}


def _section_order(entry: Entry) -> tuple[int, int, int]:
    """Within a case, entries follow the checklist's sections: steps, materials, deadlines, warnings, notes."""
    return (_KIND_ORDER.get(entry.kind, 5), entry.item.order, entry.item.index)


def _depends_on(
    present: list[bool], assumed: list[dict[str, Any]], unsure_ids: list[str], others: dict[str, list[tuple[Any, ...]]]
) -> tuple[str, ...]:
    """The "not sure" questions an item's presence hangs on.

    A question counts when two completions with the same other answers
    (``others``: or the same questions left unasked) disagree on it and on
    the item. If the item is still not decided by those questions alone
    (answers acting only together), every "not sure" question counts: each
    case then names one completion exactly. Linear in the completions.
    """
    if all(present) or not any(present):
        return ()
    named = []
    for qid in unsure_ids:
        seen: dict[tuple[Any, ...], bool] = {}
        for rest, here in zip(others[qid], present):
            if seen.setdefault(rest, here) != here:
                named.append(qid)
                break
    decided: dict[tuple[Any, ...], bool] = {}
    for a, here in zip(assumed, present):
        projection = tuple(a.get(qid, NOT_ASKED) for qid in named)
        if decided.setdefault(projection, here) != here:
            return tuple(unsure_ids)
    return tuple(named)


def _resolve_due(
    flow: Flow, item: Item, answers: Mapping[str, Any], today: date, memo: dict[str, DueDate | None], unknown: frozenset[str] = frozenset()
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
        # A date the user is not sure of: the deadline says what it counts from, without a date.
        anchor_date = value if isinstance(value, date) and rule.anchor_question not in unknown else None
    else:
        anchor_item = flow.item(rule.anchor_item or "")
        anchor_event = anchor_item
        if anchor_item is not None:
            anchored = _resolve_due(flow, anchor_item, answers, today, memo, unknown)
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

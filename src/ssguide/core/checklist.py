"""From final answers to the personal checklist: the model every renderer draws from.

Pure: no I/O. Each entry keeps its sources, the current rule where policy
moved on (the item's own text then becomes the "earlier practice"), the
answers that selected it ("why") and, for dated items, the computed date.
The types, and ``do_this_now`` (the first actions and the date to act by),
are in ``checklist_model``. Renderers (terminal, Markdown, JSON, iCalendar)
only format this model.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .checklist_model import (  # the checklist's types; importers may keep taking them from here
    MAX_FIRST_ACTIONS,
    NOT_ASKED,
    Action,
    Case,
    CaseLines,
    Checklist,
    Depends,
    DoNow,
    DueDate,
    Entry,
    Reason,
    Wait,
    do_this_now,
)
from .conditions import evaluate, evaluate3, questions_in
from .dates import apply_offset
from .engine import Completion, Walk, completions, has_unsure, walk
from .model import MUST_ACT_MEANINGS, Flow, Item, Question, Update
from .qtypes import UNSURE

if TYPE_CHECKING:
    from .context import Context

__all__ = [
    "MAX_FIRST_ACTIONS", "NOT_ASKED", "Action", "Case", "CaseLines", "Checklist", "Depends", "DoNow", "DueDate",
    "Entry", "Reason", "Wait", "build", "do_this_now",
]


def build(flow: Flow, answers: Mapping[str, Any], ctx: Context, route: Walk | None = None) -> Checklist:
    """The checklist for these answers (only answers on the route count).

    With "not sure" answers, the checklist of every way they could turn out
    is built with the two-valued rules; what all of them share is certain,
    the rest is grouped under the "not sure" questions it depends on.
    ``route``: ``walk(flow, answers, today)``, when the caller has it already.
    """
    if route is None:
        route = walk(flow, answers, ctx)
    relevant = {q.id: answers[q.id] for q in route.answered}
    if not has_unsure(relevant):
        return Checklist(flow, relevant, tuple(_entries(flow, relevant, ctx, frozenset())), ctx.today)
    return _build_unsure(flow, relevant, ctx, completions(flow, relevant, ctx))


def _entries(
    flow: Flow, relevant: Mapping[str, Any], ctx: Context, unknown: frozenset[str], maybe: set[str] | None = None
) -> list[Entry]:
    """The entries for one set of answers; dates counted from an ``unknown`` answer stay open.

    Three-valued: beyond MAX_COMPLETIONS an answer may stay "not sure"; an
    item that may apply is listed (never hidden) and its id added to ``maybe``.
    """
    holds = evaluate3 if maybe is not None else evaluate  # two-valued when no answer is "not sure"
    held = {it.id: holds(it.when, relevant, ctx) for it in flow.items}
    if maybe is not None:
        maybe.update(iid for iid, holds in held.items() if holds is None)
    chosen = [it for it in flow.items if held[it.id] is not False]
    chosen.sort(key=lambda it: (it.order, it.index))
    dues: dict[str, DueDate | None] = {}
    entries = []
    for item in chosen:
        reasons = tuple(_reason(flow, qid, relevant, unknown) for qid in questions_in(item.when) if qid in relevant)
        due = _resolve_due(flow, item, relevant, ctx, dues, unknown)
        sources = tuple(flow.sources[sid] for sid in item.sources)
        # The first update whose condition holds is the current rule (like routing rules: first match wins).
        # Three-valued, each update that may hold before it is a candidate too, each listed.
        candidates: list[Update | None] = []
        for u in item.updates:
            update_holds = holds(u.when, relevant, ctx)
            if update_holds is not False:
                candidates.append(u)
            if update_holds:
                break
        else:
            candidates.append(None)
        if len(candidates) > 1 and maybe is not None:
            maybe.add(item.id)
        done = False
        if item.done_when is not None:
            done_holds = holds(item.done_when, relevant, ctx)
            if done_holds is None and maybe is not None:
                maybe.add(item.id)  # done or not hangs on a "not sure" beyond the limit: never certain
            done = bool(done_holds)
            if done_holds is not False:  # the answers that say it is done (or may be) explain it too
                reasons += tuple(
                    _reason(flow, qid, relevant, unknown)
                    for qid in questions_in(item.done_when)
                    if qid in relevant and all(r.question.id != qid for r in reasons)
                )
        for update in candidates:
            why = reasons
            if update is not None and update.when is not None:
                why += tuple(
                    _reason(flow, qid, relevant, unknown)
                    for qid in questions_in(update.when)
                    if qid in relevant and all(r.question.id != qid for r in reasons)
                )
            entries.append(Entry(item, why, due, sources, update, done))
    return entries


def _reason(flow: Flow, qid: str, relevant: Mapping[str, Any], unknown: frozenset[str]) -> Reason:
    """The answer as the user gave it: "not sure" where a stand-in was assumed."""
    return Reason(flow.questions[qid], UNSURE if qid in unknown else relevant[qid])


def _entry_key(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same line of the checklist: the item, its current rule, its date and whether it is done."""
    update = entry.item.updates.index(entry.update) if entry.update is not None else -1
    return (entry.item.id, update, entry.due.date if entry.due else None, entry.done)


def _build_unsure(flow: Flow, relevant: dict[str, Any], ctx: Context, found: list[Completion]) -> Checklist:
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
        per_completion.append({_entry_key(e): e for e in _entries(flow, completion.answers, ctx, unknown, maybe)})
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
                    case[key] = Entry(entry.item, entry.reasons + extra, entry.due, entry.sources, entry.update, entry.done)
        # An item done one way and still to do another is one line, where it is to do: its ticked copy
        # would say the same thing twice ("If Yes: ✓ Report the card lost" beside "If No: Report the card lost").
        to_do = {e.item.id for case in cases.values() for e in case.values() if not e.done}
        depends.append(
            Depends(
                tuple(flow.questions[q] for q in qids),
                tuple(
                    Case(
                        tuple((flow.questions[q], v) for q, v in zip(qids, projection)),
                        tuple(sorted((e for e in case.values() if not (e.done and e.item.id in to_do)), key=_section_order)),
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
    # How to find each "not sure" answer out, as the other answers say (whom to ask differs by route).
    find_outs = tuple((q, how) for q in unsure_ids if (how := flow.questions[q].find_out_for(relevant, ctx)) is not None)
    return Checklist(flow, relevant, tuple(certain), ctx.today, tuple(depends), find_outs)


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
    flow: Flow, item: Item, answers: Mapping[str, Any], ctx: Context, memo: dict[str, DueDate | None], unknown: frozenset[str] = frozenset()
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
            anchored = _resolve_due(flow, anchor_item, answers, ctx, memo, unknown)
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
        past=due_date is not None and due_date < ctx.today and rule.meaning in MUST_ACT_MEANINGS,
        anchor_date=anchor_date,
        anchor_event=anchor_event,
        # A date waited for has passed the day after it; a "ready from" date is reached on the day.
        passed=due_date is not None and (due_date <= ctx.today if rule.meaning == "ready_from" else due_date < ctx.today),
    )
    memo[item.id] = due
    return due

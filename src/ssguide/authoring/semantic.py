"""What ``ssguide validate`` reports beyond the loader: the flow's meaning, not its form.

Questions no route reaches or whose conditions never hold, a help that reads a question
asked after its own, items never on any
checklist, updates that never apply, items never done (``done_when``), deadlines counted from a question that
is not asked, defaults outside bounds that depend on the day (``max: today``,
against ``--today``), and empty checklists. Built on the route analysis in
``analysis``; each problem at its file:line:col.

Pure: no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core import conditions as cond
from ..core.model import Flow, Problem
from ..core.qtypes import AnswerError
from ..lang.messages import Message, big_number
from .analysis import (
    Analysis,
    DEFAULT_ENUMERATION_BUDGET,
    MAX_STATES,
    UNASKED,
    _show,
    _successors,
    _topological_order,
    analyse,
    reachable_questions,
)

if TYPE_CHECKING:
    from ..core.context import Context

ITEM_CHECK_BUDGET = 2_000_000
# Items whose conditions read several questions: combinations of those
# questions' possible answers tried before assuming the condition can hold.
MAX_ITEM_COMBINATIONS = 4096


def problems(flow: Flow, ctx: Context, budget: int = DEFAULT_ENUMERATION_BUDGET) -> list[Problem]:
    """Semantic problems beyond what the loader checks."""
    found: list[Problem] = []
    reachable = reachable_questions(flow)
    for q in flow.questions.values():
        if q.id not in reachable:
            found.append(Problem(q.pos, Message("question_unreachable", qid=q.id, start=flow.start)))
    for q in flow.questions.values():
        if q.unsure and not q.how_to_find_out:
            found.append(Problem(q.pos, Message("find_out_missing", qid=q.id), "warning"))
    found += _default_problems(flow, ctx)
    found += _help_reading_later(flow)
    analysis = analyse(flow, ctx, budget)
    if not analysis.statuses:
        found.append(Problem(flow.pos, Message("too_many_states", limit=MAX_STATES), "warning"))
        return found
    for q in flow.questions.values():
        if q.id in reachable and q.id not in analysis.reached:
            found.append(Problem(q.pos, Message("question_never_asked", qid=q.id), "warning"))
    if analysis.complete:
        found += _problems_from_outcomes(flow, analysis)
    else:
        found += _problems_from_statuses(flow, analysis, ctx)
    return found


def _help_reading_later(flow: Flow) -> list[Problem]:
    """A help's ``when`` on a question asked after its own: it never has an answer there (a help shows with the answers
    given before its question), so the entry shows for everyone or no one. Routing only moves forward: a question
    after this one in a topological order never comes before it on any route."""
    order: dict[str, int] = {}
    found: list[Problem] = []
    for q in flow.questions.values():
        for shown in q.help:
            if shown.when is None:
                continue
            if not order:
                order = {qid: n for n, qid in enumerate(_topological_order(flow, _successors(flow)))}
            for compared in cond.walk(shown.when):
                later = compared.question
                if later != q.id and order.get(later, -1) > order.get(q.id, len(order)):
                    found.append(Problem(compared.pos, Message("help_when_reads_later", qid=q.id, later=later), "warning"))
    return found


def _default_problems(flow: Flow, ctx: Context) -> list[Problem]:
    """Defaults outside bounds that depend on the day (``max: today``): the loader cannot know the day."""
    found = []
    for q in flow.questions.values():
        if q.default is not None and "today" in (q.min, q.max):
            try:
                q.qtype.coerce(q, q.default, ctx)
            except AnswerError as exc:
                found.append(Problem(q.pos, Message("default_invalid", qid=q.id, value=q.qtype.to_plain(q.default), problem=exc.msg)))
    return found


def _problems_from_outcomes(flow: Flow, analysis: Analysis) -> list[Problem]:
    """Exact checks over every route's checklist."""
    found: list[Problem] = []
    used = {iid for outcome in analysis.outcomes for iid in outcome.items}
    applied = {pair for outcome in analysis.outcomes for pair in outcome.updates}
    done_somewhere = {iid for outcome in analysis.outcomes for iid in outcome.done}
    for item in flow.items:
        if item.id not in used:
            found.append(Problem(item.pos, Message("item_never_used", iid=item.id)))
            continue
        for index, update in enumerate(item.updates):
            if (item.id, index) not in applied:
                found.append(Problem(update.pos, Message("update_never_applies", iid=item.id, sid=update.source), "warning"))
        if item.done_when is not None and item.id not in done_somewhere:
            found.append(Problem(item.done_when.pos, Message("done_never_holds", iid=item.id), "warning"))
    for outcome in analysis.outcomes:
        if not outcome.items:
            answers = ", ".join(f"{k}={_show(v)}" for k, v in outcome.answers) or Message("no_answers")
            found.append(Problem(flow.pos, Message("empty_checklist", answers=answers)))
    # Items whose deadline counts from a question, and those shown on some route that asks it: one
    # pass over the outcomes (a search of every outcome for every item took 0.5 s at 10,000 items).
    anchors = {it.id: it.deadline.anchor_question for it in flow.items if it.deadline is not None and it.deadline.anchor_question}
    asked: set[str] = set()
    for outcome in analysis.outcomes:
        answered = {qid for qid, _ in outcome.answers}
        asked.update(iid for iid in outcome.items if anchors.get(iid) in answered)
    for item in flow.items:
        dl = item.deadline
        if dl is None or dl.anchor_question is None or item.id not in used:
            continue
        if item.id not in asked:
            found.append(Problem(dl.pos, _anchor_message(item.id, dl.anchor_question)))
    return found


def _anchor_message(item_id: str, question_id: str) -> Message:
    return Message("deadline_anchor_not_asked", iid=item_id, qid=question_id)


def _problems_from_statuses(flow: Flow, analysis: Analysis, ctx: Context) -> list[Problem]:
    """Checks per item from each question's possible answers, for flows with too many routes to list.

    Treating the questions as independent can only make a condition look
    satisfiable when it is not, so every problem found here is real; for
    conditions reading one question nothing is missed either, for conditions
    reading several a problem may go unnoticed.
    """
    found: list[Problem] = []
    statuses = analysis.statuses
    if analysis.route_count == 0:
        return found
    budget = [ITEM_CHECK_BUDGET]
    for item in flow.items:
        if not _can_hold(item.when, statuses, ctx, {}, budget):
            found.append(Problem(item.pos, Message("item_never_used", iid=item.id)))
            continue
        dl = item.deadline
        if dl is None or dl.anchor_question is None:
            continue
        asked = tuple(v for v in statuses.get(dl.anchor_question, ()) if v is not UNASKED)
        if not asked or not _can_hold(item.when, statuses, ctx, {dl.anchor_question: asked}, budget):
            found.append(Problem(dl.pos, _anchor_message(item.id, dl.anchor_question)))
    if not any(item.when is None for item in flow.items):
        found.append(Problem(flow.pos, Message("too_many_routes", count=big_number(analysis.route_count)), "warning"))
    return found


def _can_hold(
    when: cond.Condition | None,
    statuses: dict[str, tuple[Any, ...]],
    ctx: Context,
    restrict: dict[str, tuple[Any, ...]],
    budget: list[int],
) -> bool:
    """Can the condition hold for some combination of the questions' possible answers?

    ``restrict`` narrows some questions' possible answers (e.g. "asked").
    ``budget`` (one number in a list, shared by all the items) is the work
    left: once spent, conditions are assumed to hold.
    """
    if when is None:
        return True
    questions = cond.questions_in(when)
    options = [restrict.get(q, statuses.get(q, (UNASKED,))) for q in questions]
    combinations = 1
    for opts in options:
        combinations *= max(len(opts), 1)
    work = combinations * cond.size(when)
    if combinations > MAX_ITEM_COMBINATIONS or work > budget[0]:
        return True  # too many to try: assume it can (never report a problem we did not find)
    budget[0] -= work
    return _try(when, questions, options, 0, {}, ctx)


def _try(when: cond.Condition, questions: list[str], options: list[tuple[Any, ...]], i: int, trial: dict[str, Any], ctx: Context) -> bool:
    if i == len(questions):
        answers = {k: v for k, v in trial.items() if v is not UNASKED}
        return cond.evaluate(when, answers, ctx)
    for value in options[i]:
        trial[questions[i]] = value
        if _try(when, questions, options, i + 1, trial, ctx):
            return True
    return False

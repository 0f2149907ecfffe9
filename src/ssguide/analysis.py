"""Static analysis of a loaded flow: reachability, outcomes, never-used items.

Conditions are data, so each question's answers fall into a few *classes*
that every condition in the flow treats alike (for a choice question: each
value some condition names, plus one class for all the others; for a number:
the intervals between the thresholds compared against). Walking the routing
with one representative per class visits every distinct outcome without the
exponential product of answers that change nothing.

Pure: no I/O. Used by ``ssguide validate``, ``graph`` and ``paths``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import conditions as cond
from .checklist import build
from .engine import route
from .flow import Flow, Problem, Question

# Beyond this many walk steps the exhaustive outcome analysis stops and says so,
# so validating a 20,000-question flow stays linear.
DEFAULT_STEP_BUDGET = 50_000
MAX_MULTI_COMBINATIONS = 64


@dataclass(frozen=True)
class Outcome:
    """One distinct result: a representative set of answers and the items it selects."""

    answers: tuple[tuple[str, Any], ...]
    items: tuple[str, ...]

    def answer_dict(self) -> dict[str, Any]:
        return dict(self.answers)


@dataclass(frozen=True)
class Analysis:
    outcomes: tuple[Outcome, ...]
    complete: bool  # False when the step budget ran out before every path was walked
    reached: frozenset[str]  # questions some walked route asked


def _compares_by_question(flow: Flow) -> dict[str, list[cond.Compare]]:
    found: dict[str, list[cond.Compare]] = {}
    conditions = [r.when for q in flow.questions.values() for r in q.next if r.when is not None]
    conditions += [it.when for it in flow.items if it.when is not None]
    for c in conditions:
        for cmp in cond.walk(c):
            found.setdefault(cmp.question, []).append(cmp)
    return found


def answer_classes(question: Question, compares: list[cond.Compare], today: date) -> list[Any]:
    """One representative answer per class of answers the flow's conditions cannot tell apart."""
    named: list[Any] = []
    for cmp in compares:
        if cmp.op == "answered":
            continue
        values = cmp.value if cmp.op in ("in", "not_in") else (cmp.value,)
        for v in values:
            v = today if v == cond.TODAY else v
            if v not in named:
                named.append(v)
    qtype = question.type
    if qtype == "choice":
        reps = [v for v in question.choice_values if v in named]
        rest = [v for v in question.choice_values if v not in named]
        return reps + rest[:1]
    if qtype == "yesno":
        return [True, False] if named else [question.default if question.default is not None else True]
    if qtype == "multi":
        relevant = [v for v in question.choice_values if v in named][:6]
        combos: list[tuple[str, ...]] = [()]
        for v in relevant:
            combos += [c + (v,) for c in combos]
        return [tuple(x for x in question.choice_values if x in c) for c in combos[:MAX_MULTI_COMBINATIONS]]
    if qtype in ("number", "date"):
        points = sorted({v for v in named if isinstance(v, (int, float, date)) and not isinstance(v, bool)})
        if not points:
            return [question.default if question.default is not None else (today if qtype == "date" else (question.min or 0))]
        step: Any = timedelta(days=1) if qtype == "date" else 1
        candidates = [points[0] - step] + [p for p in points] + [p + step for p in points]
        low = today if question.min == "today" else question.min
        high = today if question.max == "today" else question.max
        reps = []
        for c in sorted(set(candidates)):
            if (low is not None and c < low) or (high is not None and c > high):
                continue
            reps.append(c)
        return reps or [low if low is not None else high]
    # text
    return [v for v in named if isinstance(v, str)] + ["other answer"]


def reachable_questions(flow: Flow) -> set[str]:
    """Questions some route can reach, ignoring whether conditions can hold (cheap, linear)."""
    if flow.start is None:
        return set()
    seen = {flow.start}
    queue = deque([flow.start])
    while queue:
        q = flow.questions[queue.popleft()]
        for target in q.targets():
            if target is not None and target in flow.questions and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def analyse(flow: Flow, today: date, budget: int = DEFAULT_STEP_BUDGET) -> Analysis:
    """Walk every route with one answer per class; collect the distinct outcomes."""
    compares = _compares_by_question(flow)
    classes = {qid: answer_classes(q, compares.get(qid, []), today) for qid, q in flow.questions.items()}
    outcomes: dict[tuple[str, ...], Outcome] = {}
    reached: set[str] = set()
    steps = 0
    complete = True
    # Iterative DFS over (question, answers so far).
    stack: list[tuple[str | None, dict[str, Any]]] = [(flow.start, {})]
    while stack:
        qid, answers = stack.pop()
        # Each step copies the answers so far: count that work, so the budget
        # bounds time (linear in flow size), not just the number of steps.
        steps += 1 + len(answers) // 64
        if steps > budget:
            complete = False
            break
        if qid is None:
            checklist = build(flow, answers, today)
            key = tuple(e.item.id for e in checklist.entries)
            if key not in outcomes:
                outcomes[key] = Outcome(tuple(checklist.answers.items()), key)
            continue
        reached.add(qid)
        question = flow.questions[qid]
        for value in reversed(classes[qid]):
            trial = dict(answers)
            trial[qid] = value
            nxt = route(question, trial, today)
            if nxt in answers or nxt == qid:  # a cycle; the loader reports it
                continue
            stack.append((nxt, trial))
    return Analysis(tuple(outcomes.values()), complete, frozenset(reached))


def problems(flow: Flow, today: date, budget: int = DEFAULT_STEP_BUDGET) -> list[Problem]:
    """Semantic problems beyond what the loader checks, errors first."""
    found: list[Problem] = []
    reachable = reachable_questions(flow)
    for q in flow.questions.values():
        if q.id not in reachable:
            found.append(Problem(q.pos, f"question '{q.id}' is never asked: no route from '{flow.start}' reaches it"))
    analysis = analyse(flow, today, budget)
    if not analysis.complete:
        found.append(
            Problem(flow.pos, f"too many routes to check every outcome within {budget} steps; item and empty-checklist checks skipped", "warning")
        )
        return found
    for q in flow.questions.values():
        if q.id in reachable and q.id not in analysis.reached:
            found.append(Problem(q.pos, f"question '{q.id}' is never asked: the conditions leading to it never hold", "warning"))
    used = {iid for outcome in analysis.outcomes for iid in outcome.items}
    for item in flow.items:
        if item.id not in used:
            found.append(Problem(item.pos, f"item '{item.id}' is never on any checklist: its condition cannot hold on any route"))
    for outcome in analysis.outcomes:
        if not outcome.items:
            answers = ", ".join(f"{k}={_show(v)}" for k, v in outcome.answers) or "no answers"
            found.append(Problem(flow.pos, f"a route ends with an empty checklist ({answers})"))
    for item in flow.items:
        dl = item.deadline
        if dl is None or dl.anchor_question is None or item.id not in used:
            continue
        asked = any(item.id in o.items and dl.anchor_question in o.answer_dict() for o in analysis.outcomes)
        if not asked:
            found.append(
                Problem(dl.pos, f"item '{item.id}': deadline is anchored to '{dl.anchor_question}', which is never asked on a route where the item appears")
            )
    return found


def _show(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value) or "(none)"
    return str(value)

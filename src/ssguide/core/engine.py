"""The routing engine: given a flow and the answers so far, what to ask next.

Pure: no I/O, no terminal. The engine walks from the start question along the
routing rules through the questions already answered. The first question on
that walk without an answer is the next one to ask; a walk that runs off the
end means the questions are done. Answers to questions off the walk (left over
from a changed answer, or extra keys in an answers file) do not count.

A "not sure" answer (``UNSURE``) forks the walk: each way it could turn out is
followed (``completions``), and the next question is the first, in file order,
that some of those routes still need.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..record import Record
from .conditions import evaluate, evaluate3, questions_in
from .dates import offset_cost
from .model import Flow, Question
from .qtypes import UNSURE

if TYPE_CHECKING:
    from .context import Context

# Ways the "not sure" answers may turn out that are followed one by one; beyond
# this, further "not sure" answers stay unknown and three-valued logic decides
# (which can only make an item look possible, never hide one that applies).
MAX_COMPLETIONS = 256
# ...and fewer for a big flow, so that a checklist with "not sure" answers costs at
# most about this many item and rule evaluations, whatever flow it comes from, and
# lists about as many lines: at 50,000, a flow at the dated-item limit under a
# 20-way "not sure" answer listed 19,000 case lines, 6 s of layout as text.
COMPLETION_WORK = 10_000


def checklist_work(flow: Flow) -> int:
    """What one checklist of this flow costs to build, in steps: each question and item, and each deadline's date."""
    deadlines = sum(offset_cost(item.deadline.offset) for item in flow.items if item.deadline is not None)
    return len(flow.items) + len(flow.questions) + deadlines + 1


def completion_limit(flow: Flow) -> int:
    return max(2, min(MAX_COMPLETIONS, COMPLETION_WORK // checklist_work(flow)))


class Walk(Record):
    """The questions on the route so far and the next one to ask (None when done)."""

    answered: tuple[Question, ...]
    next: Question | None

    @property
    def done(self) -> bool:
        return self.next is None


def route(question: Question, answers: Mapping[str, Any], ctx: Context) -> str | None:
    """Where the first rule that holds leads; None ends the questions."""
    for rule in question.next:
        if evaluate(rule.when, answers, ctx):
            return rule.goto
    return None


def has_unsure(answers: Mapping[str, Any]) -> bool:
    return any(v is UNSURE for v in answers.values())


def targets(question: Question, answers: Mapping[str, Any], ctx: Context) -> list[str | None]:
    """Every place routing can go from here given these answers: one, unless a rule hangs on "not sure"."""
    found: list[str | None] = []
    for rule in question.next:
        holds = evaluate3(rule.when, answers, ctx)
        if holds is None:
            found.append(rule.goto)
        elif holds:
            found.append(rule.goto)
            return found
    found.append(None)
    return found


class Completion(Record):
    """One way the "not sure" answers could turn out, and the route it takes.

    ``assumed`` gives a stand-in for each "not sure" answer on this route (in
    route order); ``answers`` are the route's answers with those stand-ins,
    which the two-valued rules read as if the user had given them.
    """

    assumed: tuple[tuple[str, Any], ...]
    route: tuple[Question, ...]
    answers: Mapping[str, Any]
    next: Question | None


def completions(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> list[Completion]:
    """Every route the answers allow, in a stable order (the first stand-in's route first)."""
    from .answerclasses import compares_by_question, stand_ins

    compares: dict[str, Any] | None = None
    limit = completion_limit(flow)
    found: list[Completion] = []
    # (question to visit, answers on the route so far, stand-ins so far, route so far)
    stack: list[tuple[str | None, dict[str, Any], tuple[tuple[str, Any], ...], tuple[Question, ...]]] = [
        (flow.start, {}, (), ())
    ]
    while stack:
        current, on_route, assumed, path = stack.pop()
        if current is None:
            found.append(Completion(assumed, path, on_route, None))
            continue
        if current in on_route:  # the loader refuses cycles; never loop even so
            raise RuntimeError(f"routing cycle at '{current}' in {flow.path}")
        question = flow.questions[current]
        value = answers.get(current)
        if value is None:
            found.append(Completion(assumed, path, on_route, question))
            continue
        branches: list[tuple[Any, tuple[tuple[str, Any], ...]]] = [(value, assumed)]
        if value is UNSURE:
            if compares is None:
                compares = compares_by_question(flow)
            values = stand_ins(question, compares.get(current, []), ctx)
            if len(found) + len(stack) + len(values) <= limit:
                branches = [(v, assumed + ((current, v),)) for v in values]
        # Routing that the "not sure" answer itself settles ({q: {unsure: true}}, or rules that do not
        # read it) goes one way for every stand-in; the stand-ins still tell the items apart.
        settled = _settled_targets(question, {**on_route, current: value}, ctx) if value is UNSURE else None
        children: list[tuple[str | None, dict[str, Any], tuple[tuple[str, Any], ...], tuple[Question, ...]]] = []
        for given, given_assumed in branches:
            branch = {**on_route, current: given}
            for target in settled if settled is not None else targets(question, branch, ctx):
                children.append((target, branch, given_assumed, path + (question,)))
        stack.extend(reversed(children))
    return found


def _settled_targets(question: Question, answers: Mapping[str, Any], ctx: Context) -> list[str | None] | None:
    """``[where routing goes]`` with the "not sure" answer as it is, or None when that depends on how it turns out.

    Three-valued logic is sound: a target it settles on is the one every
    stand-in would route to, unless a rule asks about "not sure" itself.
    """
    found = targets(question, answers, ctx)
    return found[:1] if len(set(found)) == 1 else None


def _look_ahead(
    flow: Flow, answers: Mapping[str, Any], ctx: Context, guess: Callable[[Question], Any]
) -> tuple[list[Question], list[Question]]:
    """One pass along the route: the questions answered and those still to ask.

    For a question without an answer, ``guess`` gives a stand-in to follow the
    route further, or None to stop there (that question is still listed).
    Conditions only see answers on the route so far (and stand-ins), so stale
    answers to questions off the route never steer it. One dict grows as the
    pass goes, so the pass is linear in the route's length.
    """
    answered: list[Question] = []
    ahead: list[Question] = []
    on_route: dict[str, Any] = {}
    current = flow.start
    while current is not None:
        if current in on_route:  # the loader refuses cycles; never loop even so
            raise RuntimeError(f"routing cycle at '{current}' in {flow.path}")
        question = flow.questions[current]
        value = answers.get(current)
        if value is UNSURE:  # looking ahead, follow the likeliest route: the first rule that may hold
            answered.append(question)
            on_route[current] = value
            current = targets(question, on_route, ctx)[0]
            continue
        if value is None:
            ahead.append(question)
            value = guess(question)
            if value is None:
                break
        else:
            answered.append(question)
        on_route[current] = value
        current = route(question, on_route, ctx)
    return answered, ahead


def walk(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> Walk:
    """The route so far and the next question.

    With "not sure" answers there may be several routes: ``answered`` is every
    answered question on any of them (in order of first appearance), and the
    next question is the one, among those some route still needs, that comes
    first in the flow file, so the order is stable and nothing needless is asked.
    """
    if not has_unsure(answers):
        answered, ahead = _look_ahead(flow, answers, ctx, lambda q: None)
        return Walk(tuple(answered), ahead[0] if ahead else None)
    found = completions(flow, answers, ctx)
    seen: dict[str, Question] = {}
    for completion in found:
        for question in completion.route:
            seen.setdefault(question.id, question)
    pending = {c.next.id: c.next for c in found if c.next is not None}
    order = {qid: n for n, qid in enumerate(flow.questions)}
    following = min(pending.values(), key=lambda q: order[q.id]) if pending else None
    return Walk(tuple(seen.values()), following)


def next_question(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> Question | None:
    return walk(flow, answers, ctx).next


def relevant_answers(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    """The answers on the route, in the order they are asked."""
    return {q.id: answers[q.id] for q in walk(flow, answers, ctx).answered}


def missing_questions(flow: Flow, answers: Mapping[str, Any], ctx: Context, defaults: bool = False) -> list[Question]:
    """Questions still to ask, following defaults to look ahead along the route.

    With ``defaults`` the questions that have a default are treated as answered
    by it. The list stops where the route cannot be known without an answer.
    """
    if not has_unsure(answers):
        _, ahead = _look_ahead(flow, answers, ctx, lambda q: q.default)
    else:  # every route the "not sure" answers allow, each followed ahead
        found: dict[str, Question] = {}
        for completion in completions(flow, answers, ctx):
            if completion.next is not None:
                assumed = {**answers, **dict(completion.assumed)}
                for q in _look_ahead(flow, assumed, ctx, lambda q: q.default)[1]:
                    found.setdefault(q.id, q)
        ahead = list(found.values())
    return [q for q in ahead if not (defaults and q.default is not None)]


def _guess(question: Question, ctx: Context) -> Any:
    """A stand-in answer for looking ahead: the default, else the type's likely answer."""
    if question.default is not None:
        return question.default
    return question.qtype.guess(question, ctx)


def questions_ahead(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> list[Question]:
    """The unanswered questions along the likely route (guessing each answer), for hints."""
    return _look_ahead(flow, answers, ctx, lambda q: _guess(q, ctx))[1]


_UNKNOWN = object()  # an answer still to be given, on a route looked at ahead of time
_RANGE_BUDGET = 5000  # look-ahead steps before giving up on an exact range (huge flows only)


def total_range(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> tuple[int, int] | None:
    """The fewest and the most questions this route can have in all, given the answers so far.

    Counts every question on the route, answered or not, so "Question 2 of
    3–5" reads right: (5, 5) when the route ahead is known. A rule whose
    condition reads an answer not given yet may or may not hold, so both it
    and the rules after it are followed. None when a flow is too large to
    look through quickly (the caller then shows no total).
    """
    if has_unsure(answers):
        return _unsure_total_range(flow, answers, ctx)
    answered, ahead = _look_ahead(flow, answers, ctx, lambda q: None)
    if not ahead:
        return (len(answered), len(answered))
    on_route = {q.id: answers[q.id] for q in answered}
    budget = [_RANGE_BUDGET]
    memo: dict[tuple[str, frozenset[tuple[str, Any]]], tuple[int, int] | None] = {}

    def rest(question_id: str, known: dict[str, Any]) -> tuple[int, int] | None:
        key = (question_id, frozenset((k, id(v) if v is _UNKNOWN else v) for k, v in known.items()))
        if key in memo:
            return memo[key]
        budget[0] -= 1
        if budget[0] < 0 or question_id in known:  # out of budget, or a cycle the loader would refuse
            return None
        question = flow.questions[question_id]
        value = answers.get(question_id)
        here = {**known, question_id: _UNKNOWN if value is None else value}
        counts = []
        for target in _possible_next(question, here, ctx):
            if target is None:
                counts.append((1, 1))
                continue
            found = rest(target, here)
            if found is None:
                return None
            counts.append((found[0] + 1, found[1] + 1))
        result = (min(c[0] for c in counts), max(c[1] for c in counts))
        memo[key] = result
        return result

    try:
        found = rest(ahead[0].id, on_route)
    except (TypeError, RecursionError):  # unhashable answers or an absurdly deep flow: no range
        return None
    if found is None:
        return None
    return (len(answered) + found[0], len(answered) + found[1])


def _unsure_total_range(flow: Flow, answers: Mapping[str, Any], ctx: Context) -> tuple[int, int] | None:
    """``total_range`` after a "not sure": the questions of every route it allows are asked.

    At least what any one of those routes still needs, at most what all of
    them need together, on top of every question already answered on any.
    """
    answered = len(walk(flow, answers, ctx).answered)
    fewest, most = 0, 0
    for completion in completions(flow, answers, ctx):
        here = len(completion.route)
        if completion.next is None:  # this way is done (a "not sure" may end it where a stand-in would go on)
            continue
        assumed = {**answers, **dict(completion.assumed)}
        found = total_range(flow, assumed, ctx) if not has_unsure(assumed) else None
        if found is None:
            return None
        fewest, most = max(fewest, found[0] - here), most + found[1] - here
    return (answered + fewest, min(answered + most, len(flow.questions)))


def _possible_next(question: Question, known: Mapping[str, Any], ctx: Context) -> list[str | None]:
    """Where the route may go from ``question``: every rule that may hold, up to the first that surely does."""
    targets: list[str | None] = []
    for rule in question.next:
        reads = questions_in(rule.when)
        if any(known.get(q) is _UNKNOWN for q in reads):
            targets.append(rule.goto)
            continue
        if evaluate(rule.when, {k: v for k, v in known.items() if v is not _UNKNOWN}, ctx):
            targets.append(rule.goto)
            return targets
    targets.append(None)  # no rule holds: the questions end here
    return targets

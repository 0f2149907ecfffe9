"""Static analysis of a loaded flow: reachability, outcomes, never-used items.

Conditions are data, so each question's answers fall into a few *classes*
that every condition in the flow treats alike (for a choice question: each
value some condition names, plus one class for all the others; for a number:
the intervals between the thresholds compared against).

Two passes, both linear in the size of the flow for ordinary flows:

1. The *state graph*: a walk through the routing where a state is a question
   plus only those earlier answers that some later routing rule still reads.
   It says exactly which questions can be asked, with which answers, and
   whether a question can be skipped, and it counts the routes (by summing,
   not by listing them), so a flow with 3^10000 routes costs 10,000 states.
2. When the routes are few enough, every route is walked with one answer per
   class and its checklist computed: the distinct outcomes that ``paths``
   lists and the golden files keep. When they are too many, the item checks
   use the per-question facts from the first pass instead: exact for items
   whose condition reads one question (the usual case), and a safe
   approximation (it may miss a problem, never invents one) otherwise.

Pure: no I/O. Used by ``paths``, ``graph`` and, through ``semantic``, ``ssguide validate``.
"""

from __future__ import annotations

from collections import deque
from datetime import date
from typing import TYPE_CHECKING, Any

from ..core import conditions as cond
from ..core.answerclasses import answer_classes, compares_by_question as _compares_by_question
from ..core.checklist import build
from ..core.dates import apply_offset
from ..core.engine import checklist_work, has_unsure, route, walk
from ..core.model import Flow
from ..core.qtypes import UNSURE
from ..core.yamlsafe import paused_gc
from ..record import Factory, Record

if TYPE_CHECKING:
    from ..core.context import Context

# Routes are listed one by one only while routes x (questions + items +
# comparisons in conditions) stays under this much work; beyond it the
# per-question facts are used instead. The state graph and the per-item checks
# have budgets of the same size, so that any flow the loader accepts is
# analysed in seconds.
DEFAULT_ENUMERATION_BUDGET = 2_000_000
STATE_GRAPH_BUDGET = 2_000_000
# A flow whose routing rules read so many earlier answers that the state graph
# grows past this is checked for plain reachability only (with a warning).
MAX_STATES = 500_000


class Outcome(Record):
    """One distinct result: a representative set of answers and the items it selects."""

    answers: tuple[tuple[str, Any], ...]
    items: tuple[str, ...]
    updates: tuple[tuple[str, int], ...] = ()  # (item id, index of the update that leads it)
    done: tuple[str, ...] = ()  # items the answers say are done already

    def answer_dict(self) -> dict[str, Any]:
        return dict(self.answers)


UNASKED = object()  # stands for "this question is not asked on the route"


class Analysis(Record):
    outcomes: tuple[Outcome, ...]
    complete: bool  # True when every route was walked and ``outcomes`` lists them all
    reached: frozenset[str]  # questions some route asks
    route_count: int | None = None  # routes (one answer per class); None if the state graph was too big
    # Per question: the answers (one per class) it can have on a complete
    # route, plus UNASKED when some route skips it. Empty if not computed.
    statuses: dict[str, tuple[Any, ...]] = Factory(dict)
    # The distinct checklists with at least one "not sure" answer (questions with unsure: true).
    unsure_outcomes: tuple[Outcome, ...] = ()
    unsure_complete: bool = True  # False when there were too many to list


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


def _successors(flow: Flow) -> dict[str, list[str | None]]:
    """Each question's possible next questions (None: the end), without repeats."""
    return {qid: list(dict.fromkeys(q.targets())) for qid, q in flow.questions.items()}


def _topological_order(flow: Flow, successors: dict[str, list[str | None]]) -> list[str]:
    """Questions ordered so that routing only moves forward (the loader refuses cycles)."""
    indegree = dict.fromkeys(flow.questions, 0)
    for targets in successors.values():
        for target in targets:
            if target is not None and target in indegree:
                indegree[target] += 1
    ready = deque(qid for qid, n in indegree.items() if n == 0)
    order: list[str] = []
    while ready:
        qid = ready.popleft()
        order.append(qid)
        for target in successors[qid]:
            if target is not None and target in indegree:
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
    return order


def _routing_reads(flow: Flow, order: list[str], successors: dict[str, list[str | None]]) -> dict[str, frozenset[str]]:
    """Per question, the earlier answers its routing still needs here or later.

    A question's own rules read its own answer (given on the spot) and maybe
    earlier ones. Walking backwards from the ends, an earlier answer is
    "carried" into a question when that question or one after it reads it; it
    stops being carried above the question that asks it.
    """
    reads: dict[str, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    for qid in reversed(order):
        carried: set[str] = set()
        for rule in flow.questions[qid].next:
            if rule.when is not None:
                carried.update(cond.questions_in(rule.when))
        for target in successors[qid]:
            if target is not None:
                carried |= reads.get(target, empty)
        carried.discard(qid)
        reads[qid] = frozenset(carried) if carried else empty
    return reads


_END = None
_State = tuple  # (question id or None for the end, ((question id, answer), ...))


def _state_graph(
    flow: Flow, classes: dict[str, list[Any]], ctx: Context, reads: dict[str, frozenset[str]]
) -> dict[_State, list[tuple[Any, _State]]] | None:
    """Every state the routing can be in, with its outgoing (answer, next state) edges.

    None when the graph would exceed MAX_STATES.
    """
    start: _State = (flow.start, ())
    edges: dict[_State, list[tuple[Any, _State]]] = {}
    # What routing one answer costs: its rules' comparisons, at least one step.
    rule_work = {qid: 1 + sum(cond.size(r.when) for r in q.next if r.when is not None) for qid, q in flow.questions.items()}
    work = 0
    stack = [start]
    empty: frozenset[str] = frozenset()
    while stack:
        state = stack.pop()
        if state in edges:
            continue
        qid, carried = state
        if qid is _END:
            edges[state] = []
            continue
        work += len(classes[qid]) * rule_work[qid]
        if len(edges) >= MAX_STATES or work > STATE_GRAPH_BUDGET:
            return None
        question = flow.questions[qid]
        known = dict(carried)
        out: list[tuple[Any, _State]] = []
        for value in classes[qid]:
            known[qid] = value
            nxt = route(question, known, ctx)
            if nxt == qid or nxt in known:  # a cycle; the loader reports it
                continue
            keep = reads.get(nxt, empty) if nxt is not _END else empty
            nxt_state = (nxt, tuple((k, v) for k, v in sorted(known.items()) if k in keep) if keep else ())
            out.append((value, nxt_state))
            if nxt_state not in edges:
                stack.append(nxt_state)
        edges[state] = out
    return edges


# Route counts per question are compared modulo this prime (2**127 - 1), so
# that flows with astronomically many routes stay cheap to count.
_PRIME = 2**127 - 1


def _count_routes(
    flow: Flow, order: list[str], edges: dict[_State, list[tuple[Any, _State]]]
) -> tuple[int, dict[str, tuple[Any, ...]]]:
    """How many routes there are, and per question its possible answers (and UNASKED).

    Routes are counted forwards and backwards over the states in routing
    order. A question can be skipped when fewer routes pass through it than
    there are routes in all (each route asks a question at most once). The
    total is exact, for ``paths``; the per-question sums are taken modulo a
    large prime.
    """
    rank = {qid: i for i, qid in enumerate(order)}
    end_rank = len(rank)
    states = sorted(edges, key=lambda s: end_rank if s[0] is _END else rank[s[0]])
    index = {state: i for i, state in enumerate(states)}
    nexts = [[index[nxt] for _, nxt in edges[state]] for state in states]
    start = index[(flow.start, ())]
    exact = [0] * len(states)
    exact[start] = 1
    forward = [0] * len(states)
    forward[start] = 1
    for i, targets in enumerate(nexts):
        here, here_mod = exact[i], forward[i]
        if not here:
            continue
        for j in targets:
            exact[j] += here
            forward[j] = (forward[j] + here_mod) % _PRIME
    ends = [i for i, state in enumerate(states) if state[0] is _END]
    total = sum(exact[i] for i in ends)
    backward = [0] * len(states)
    for i in ends:
        backward[i] = 1
    for i in range(len(states) - 1, -1, -1):
        if nexts[i]:
            backward[i] = sum(backward[j] for j in nexts[i]) % _PRIME
    through: dict[str, int] = {}
    answers: dict[str, dict[Any, None]] = {}
    for i, state in enumerate(states):
        qid = state[0]
        if qid is _END or not exact[i]:
            continue
        through[qid] = (through.get(qid, 0) + forward[i] * backward[i]) % _PRIME
        seen = answers.setdefault(qid, {})
        for value, _ in edges[state]:
            seen[value] = None
    total_mod = total % _PRIME
    statuses: dict[str, tuple[Any, ...]] = {}
    for qid in flow.questions:
        if qid in through:
            skippable = through[qid] != total_mod
            statuses[qid] = tuple(answers[qid]) + ((UNASKED,) if skippable else ())
        else:
            statuses[qid] = (UNASKED,)
    return total, statuses


def analyse(flow: Flow, ctx: Context, budget: int = DEFAULT_ENUMERATION_BUDGET) -> Analysis:
    """The state graph always; every route's checklist when there are few enough routes."""
    with paused_gc():  # many small acyclic objects, next to a big flow the collector would rescan
        return _analyse(flow, ctx, budget)


def _analyse(flow: Flow, ctx: Context, budget: int) -> Analysis:
    compares = _compares_by_question(flow)
    classes = {qid: answer_classes(q, compares.get(qid, []), ctx) for qid, q in flow.questions.items()}
    if flow.start is None:
        return Analysis((), False, frozenset())
    successors = _successors(flow)
    order = _topological_order(flow, successors)
    edges = _state_graph(flow, classes, ctx, _routing_reads(flow, order, successors))
    if edges is None:
        return Analysis((), False, frozenset(reachable_questions(flow)))
    total, statuses = _count_routes(flow, order, edges)
    reached = frozenset(qid for qid, st in statuses.items() if any(v is not UNASKED for v in st))
    route_work = checklist_work(flow) + _condition_work(flow)  # one route's checklist: items, dates, conditions
    if total * route_work > budget:
        return Analysis((), False, reached, total, statuses)
    # Outcomes also tell a date still to come from one gone by; routing never does, so the counts above stay as
    # they are. Only while the routes, grown by those dates, stay within the budget.
    grown = {qid: classes[qid] + [d for d in extra if d not in classes[qid]] for qid, extra in deadline_classes(flow, ctx).items()}
    factor = 1.0
    for qid, more in grown.items():
        factor *= len(more) / max(len(classes[qid]), 1)
    if total * factor * route_work <= budget:  # route_work counts what each deadline's date costs
        classes.update(grown)
    known = _enumerate_outcomes(flow, classes, ctx)
    unsure: tuple[Outcome, ...] = ()
    unsure_complete = True
    if any(q.unsure for q in flow.questions.values()):
        limit = max(budget // route_work // 16, 1)  # each one builds several checklists
        try:
            unsure = _enumerate_outcomes(flow, classes, ctx, unsure_limit=limit)
        except _TooMany:
            unsure_complete = False
    return Analysis(known, True, reached, total, statuses, unsure, unsure_complete)


# Different deadlines (question, offset) worth an outcome of their own with the date gone by: a working-day
# count costs its length at each step of a binary search, and a hostile flow may hold thousands.
MAX_DEADLINE_CLASSES = 16


def deadline_classes(flow: Flow, ctx: Context) -> dict[str, list[date]]:
    """Per date question that deadlines count from, the latest answer whose deadlines have all passed by ``today``.

    The routes then show each deadline both still to come and gone by, so the
    outcomes (and ``paths``, the golden files) hold the checklists of a
    traveller who missed a window or a parent whose card is late. Only dates
    the question accepts; a date from an item's date is reached through it.
    """
    rules = {}
    for item in flow.items:
        rule = item.deadline
        question = flow.questions.get(rule.anchor_question or "") if rule is not None else None
        if rule is not None and question is not None and question.qtype.dated:
            rules[(question.id, rule.offset, rule.meaning == "ready_from")] = question
    if len(rules) > MAX_DEADLINE_CLASSES:
        return {}  # a flow of many different deadlines: outcomes are told apart by routes only, as before
    latest: dict[str, date] = {}
    for qid, offset, reached_on_the_day in rules:
        day = _latest_anchor_passed(offset, ctx, reached_on_the_day)
        if day is not None:
            latest[qid] = min(day, latest.get(qid, day))  # early enough for every deadline counted from it
    found: dict[str, list[date]] = {}
    for qid, day in latest.items():
        question = flow.questions[qid]
        low = ctx.today if question.min == "today" else question.min
        high = ctx.today if question.max == "today" else question.max
        if (low is None or day >= low) and (high is None or day <= high):
            found[qid] = [day]
    return found


def _latest_anchor_passed(offset: Any, ctx: Context, reached_on_the_day: bool) -> date | None:
    """The latest anchor date whose offset date has passed by ``today``, or None (a binary search: dates grow with the anchor)."""
    from datetime import timedelta

    def passed(anchor: date) -> bool:
        try:
            day = apply_offset(anchor, offset).date
        except (OverflowError, ValueError):
            return False
        return day <= ctx.today if reached_on_the_day else day < ctx.today

    if offset.unit == "working_days" and offset.direction == "after":
        return _latest_anchor_working_days(offset.amount, ctx.today if reached_on_the_day else ctx.today - timedelta(days=1))
    per_unit = {"days": 1, "working_days": 2, "months": 31, "years": 366}[offset.unit]
    span = timedelta(days=offset.amount * per_unit + 40)  # beyond any holiday a working-day count may cross
    try:
        low, high = ctx.today - span, ctx.today + span
    except OverflowError:
        return None
    if not passed(low) or passed(high):
        return None
    while (high - low).days > 1:
        middle = low + timedelta(days=(high - low).days // 2)
        if passed(middle):
            low = middle
        else:
            high = middle
    return low


def _latest_anchor_working_days(amount: int, last: date) -> date | None:
    """The latest anchor whose ``amount``-th working day after it falls on ``last`` or before.

    With w the ``amount``-th working day counted back from ``last`` (``last``
    itself the first if it is one), every anchor before w has that many
    working days after it by ``last``; w itself has one too few. w is counted
    back from the day after ``last`` by the year tables (dates.apply_offset).
    """
    from datetime import timedelta

    from ..core.dates import Offset

    if amount == 0:
        return last
    try:
        return apply_offset(last + timedelta(days=1), Offset(amount, "working_days", "before")).date - timedelta(days=1)
    except (OverflowError, ValueError):
        return None


def _condition_work(flow: Flow) -> int:
    """Comparisons and groups in every condition: the cost of evaluating them all once."""
    conditions = [r.when for q in flow.questions.values() for r in q.next if r.when is not None]
    conditions += [it.when for it in flow.items if it.when is not None]
    conditions += [it.done_when for it in flow.items if it.done_when is not None]
    return sum(cond.size(c) for c in conditions)


class _TooMany(Exception):
    """More routes with "not sure" answers than the budget allows."""


def _outcome_key(checklist: Any) -> tuple[Any, ...]:
    """What tells two checklists apart: the items, each with its current rule, done or not, its date
    passed or not; and what depends on what."""
    def entries(found: Any) -> tuple[Any, ...]:
        return tuple(
            (e.item.id, e.item.updates.index(e.update) if e.update else -1, e.done, bool(e.due and e.due.passed)) for e in found
        )

    depends = tuple(
        (tuple(q.id for q in group.questions), tuple((case.answers and tuple(v for _, v in case.answers), entries(case.entries)) for case in group.cases))
        for group in checklist.depends
    )
    return entries(checklist.entries) + ((depends,) if depends else ())


def _enumerate_outcomes(
    flow: Flow, classes: dict[str, list[Any]], ctx: Context, unsure_limit: int | None = None
) -> tuple[Outcome, ...]:
    """Walk every route with one answer per class; the distinct checklists, first route first.

    With ``unsure_limit``, "not sure" is one more answer to each question that
    allows it, and only the outcomes with at least one "not sure" are kept
    (the routes after it are those the engine asks on: every route it allows).
    """
    outcomes: dict[tuple[Any, ...], Outcome] = {}
    leaves = 0
    answers: dict[str, Any] = {}
    path: list[str] = []
    # Depth-first with one mutable dict of answers: a stack entry is (question
    # to visit, the answer that leads there, how many answers precede it);
    # backtracking removes answers instead of copying them at every step.
    stack: list[tuple[str | None, tuple[str, Any] | None, int]] = [(flow.start, None, 0)]
    while stack:
        qid, given, depth = stack.pop()
        while len(path) > depth:
            del answers[path.pop()]
        if given is not None:
            answers[given[0]] = given[1]
            path.append(given[0])
        if qid is None:
            unsure = has_unsure(answers)
            if unsure_limit is not None:
                leaves += 1
                if leaves > unsure_limit:
                    raise _TooMany
                if not unsure:
                    continue
            checklist = build(flow, answers, ctx)
            # The same items with a different current rule (a conditional update) are another outcome.
            key = _outcome_key(checklist)
            if key not in outcomes:
                every = list(checklist.entries) + [e for g in checklist.depends for c in g.cases for e in c.entries]
                applied = tuple(dict.fromkeys((e.item.id, e.item.updates.index(e.update)) for e in every if e.update))
                items = tuple(dict.fromkeys(e.item.id for e in every))
                done = tuple(dict.fromkeys(e.item.id for e in checklist.entries if e.done))
                outcomes[key] = Outcome(tuple(checklist.answers.items()), items, applied, done)
            continue
        question = flow.questions[qid]
        children = []
        values = classes[qid] + ([UNSURE] if unsure_limit is not None and question.unsure else [])
        for value in values:
            answers[qid] = value
            if has_unsure(answers):
                following = walk(flow, answers, ctx).next
                nxt = following.id if following is not None else None
            else:
                nxt = route(question, answers, ctx)
            if nxt != qid and nxt not in answers:  # a cycle otherwise; the loader reports it
                children.append((nxt, (qid, value), len(path)))
        del answers[qid]
        stack.extend(reversed(children))
    return tuple(outcomes.values())


def _show(value: Any) -> str:
    if value is UNSURE:
        return "unsure"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value) or "(none)"
    return str(value)

"""Classes of answers: one stand-in answer for each group of answers the flow's conditions treat alike.

For a choice question, each value some condition names plus one for all the
others; for a number or a date, the thresholds compared against and the
intervals around them. Static analysis walks one route per class; the engine
uses the same stand-ins to follow every way a "not sure" answer could turn out.

Pure: no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import conditions as cond
from ..record import remembered
from .model import Flow, Question

if TYPE_CHECKING:
    from .context import Context


def compares_by_question(flow: Flow) -> dict[str, list[cond.Compare]]:
    """Each question's comparisons in the flow's conditions, worked out once per flow (shared: read-only)."""
    return remembered(flow, "compares_by_question", lambda: _compares_by_question(flow))


def _compares_by_question(flow: Flow) -> dict[str, list[cond.Compare]]:
    found: dict[str, list[cond.Compare]] = {}
    conditions = [r.when for q in flow.questions.values() for r in q.next if r.when is not None]
    conditions += [it.when for it in flow.items if it.when is not None]
    conditions += [up.when for it in flow.items for up in it.updates if up.when is not None]
    conditions += [it.done_when for it in flow.items if it.done_when is not None]
    for c in conditions:
        for cmp in cond.walk(c):
            found.setdefault(cmp.question, []).append(cmp)
    return found


def answer_classes(question: Question, compares: list[cond.Compare], ctx: Context) -> list[Any]:
    """One representative answer per class of answers the flow's conditions cannot tell apart."""
    return question.qtype.answer_classes(question, _named_points(compares, ctx), ctx)


def stand_ins(question: Question, compares: list[cond.Compare], ctx: Context) -> list[Any]:
    """Every way a "not sure" answer could turn out, one stand-in per class (the question's type decides)."""
    return question.qtype.stand_ins(question, _named_points(compares, ctx), ctx)


def _named_points(compares: list[cond.Compare], ctx: Context) -> list[Any]:
    """The values the conditions compare an answer with, each once, in order."""
    points: list[Any] = []
    for cmp in compares:
        if cmp.op == "answered":
            continue
        for v in cmp.value if cmp.op in ("in", "not_in") else (cmp.value,):
            v = ctx.today if v == cond.TODAY else v
            if v not in points:
                points.append(v)
    return points


def stand_in_label(question: Question, value: Any, compares: list[cond.Compare], ctx: Context) -> str:
    """What a stand-in stands for, in words: "Yes", "before 2026-01-01", "another answer"."""
    return question.qtype.stand_in_label(question, value, _named_points(compares, ctx), ctx)

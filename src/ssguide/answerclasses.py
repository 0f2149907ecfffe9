"""Classes of answers: one stand-in answer for each group of answers the flow's conditions treat alike.

For a choice question, each value some condition names plus one for all the
others; for a number or a date, the thresholds compared against and the
intervals around them. Static analysis walks one route per class; the engine
uses the same stand-ins to follow every way a "not sure" answer could turn out.

Pure: no I/O.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from . import conditions as cond
from .flow import Flow, Question

MAX_MULTI_COMBINATIONS = 64


def compares_by_question(flow: Flow) -> dict[str, list[cond.Compare]]:
    found: dict[str, list[cond.Compare]] = {}
    conditions = [r.when for q in flow.questions.values() for r in q.next if r.when is not None]
    conditions += [it.when for it in flow.items if it.when is not None]
    conditions += [up.when for it in flow.items for up in it.updates if up.when is not None]
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




def stand_ins(question: Question, compares: list[cond.Compare], today: date) -> list[Any]:
    """Every way a "not sure" answer could turn out, one stand-in per class.

    Choice and yes/no questions use every value, so each case of the
    checklist names a real answer; the others use their classes.
    """
    if question.type == "choice":
        return list(question.choice_values)
    if question.type == "yesno":
        return [True, False]
    return answer_classes(question, compares, today)


def _named_points(compares: list[cond.Compare], today: date) -> list[Any]:
    points: list[Any] = []
    for cmp in compares:
        if cmp.op == "answered":
            continue
        for v in cmp.value if cmp.op in ("in", "not_in") else (cmp.value,):
            v = today if v == cond.TODAY else v
            if v not in points:
                points.append(v)
    return points


def stand_in_label(question: Question, value: Any, compares: list[cond.Compare], today: date, lang: str) -> str:
    """What a stand-in stands for, in words: "Yes", "before 2026-01-01", "another answer"."""
    from .i18n import t

    show = question.qtype.display
    if question.type in ("choice", "yesno", "multi"):
        return show(question, value, lang)
    points = _named_points(compares, today)
    if question.type == "text":
        return value if value in points else t("answer_other", lang)
    ordered = sorted(p for p in points if isinstance(p, type(value)) and not isinstance(p, bool))
    if not ordered or value in ordered:
        return show(question, value, lang)
    lower = [p for p in ordered if p < value]
    higher = [p for p in ordered if p > value]
    if not lower:
        return t("answer_before", lang, value=show(question, higher[0], lang))
    if not higher:
        return t("answer_after", lang, value=show(question, lower[-1], lang))
    return t("answer_between", lang, low=show(question, lower[-1], lang), high=show(question, higher[0], lang))

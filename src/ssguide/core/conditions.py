"""Declarative conditions: parsed from flow data, evaluated on answers, checked statically.

A condition is a small tree of records — never an expression string, never
code. That keeps flows safe to load from anywhere and lets the validator check
every comparison against the values a question can actually take.

Forms accepted in YAML::

    {route: school}                 equality (membership for multi-choice answers)
    {route: [school, other]}        one of
    {age: {lt: 18, ge: 6}}          comparisons: eq ne lt le gt ge in not_in answered
    {route: school, poor: false}    several keys: all hold
    {all: [...]} {any: [...]} {not: ...}
    {accepted: {unsure: true}}      the answer is "not sure" (routing rules only)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Union

from ..errors import ConditionError
from ..lang.messages import Message
from ..record import Record, remembered
from .qtypes import UNSURE
from ..position import Pos
from .yamlsafe import pos_of

if TYPE_CHECKING:
    from .context import Context

OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "answered", "unsure")
# Operators about the answer itself rather than its value: they hold or not even on "not sure".
ABOUT_THE_ANSWER = ("answered", "unsure")
COMBINATORS = ("all", "any", "not")
TODAY = "today"
# Comparisons and groups in one condition. The analysis evaluates conditions
# once per route and per combination of answers, so their size multiplies its
# work; the bundled flows need at most a handful.
MAX_CONDITION_SIZE = 64


class Compare(Record):
    question: str
    op: str
    value: Any
    pos: Pos


class All(Record):
    parts: tuple[Condition, ...]
    pos: Pos


class AnyOf(Record):
    parts: tuple[Condition, ...]
    pos: Pos


class Not(Record):
    part: Condition
    pos: Pos


Condition = Union[Compare, All, AnyOf, Not]


def parse(raw: Any, pos: Pos) -> Condition:
    """Turn the YAML form into a condition tree; errors carry the offending value's position."""
    condition = _parse(raw, pos)
    count = size(condition)
    if count > MAX_CONDITION_SIZE:
        raise ConditionError(pos, Message("condition_too_large", count=count, limit=MAX_CONDITION_SIZE))
    return condition


def size(cond: Condition) -> int:
    """Comparisons and groups in the tree: what evaluating it once costs."""
    count, stack = 0, [cond]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, (All, AnyOf)):
            stack.extend(node.parts)
        elif isinstance(node, Not):
            stack.append(node.part)
    return count


def _parse(raw: Any, pos: Pos) -> Condition:
    if not isinstance(raw, Mapping) or not raw:
        raise ConditionError(pos, Message("condition_not_mapping"))
    parts: list[Condition] = []
    for key, value in raw.items():
        vpos = pos_of(raw, key, pos)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(vpos, Message("condition_needs_list", key=key))
            subs = tuple(_parse(v, pos_of(value, i, vpos)) for i, v in enumerate(value))
            parts.append(All(subs, vpos) if key == "all" else AnyOf(subs, vpos))
        elif key == "not":
            parts.append(Not(_parse(value, vpos), vpos))
        elif not isinstance(key, str):
            raise ConditionError(pos, Message("condition_key_invalid", key=key))
        elif isinstance(value, Mapping):
            if not value:
                raise ConditionError(vpos, Message("comparison_empty", key=key))
            for op, operand in value.items():
                opos = pos_of(value, op, vpos)
                if op not in OPERATORS:
                    raise ConditionError(opos, Message("operator_unknown", op=op, key=key, operators=", ".join(OPERATORS)))
                if op in ("in", "not_in") and not isinstance(operand, list):
                    raise ConditionError(opos, Message("operator_needs_list", op=op, key=key))
                if op in ("in", "not_in") and not operand:
                    raise ConditionError(opos, Message("operator_needs_values", op=op, key=key))
                if op in ABOUT_THE_ANSWER and not isinstance(operand, bool):
                    raise ConditionError(opos, Message("answered_needs_bool", op=op, key=key))
                parts.append(Compare(key, op, _plain(operand), opos))
        elif isinstance(value, list):
            if not value:
                raise ConditionError(vpos, Message("condition_values_empty", key=key))
            parts.append(Compare(key, "in", _plain(value), vpos))
        else:
            parts.append(Compare(key, "eq", value, vpos))
    return parts[0] if len(parts) == 1 else All(tuple(parts), pos)


def _plain(value: Any) -> Any:
    """Freeze lists so conditions are hashable and immutable."""
    if isinstance(value, list):
        return tuple(value)
    return value


def walk(cond: Condition) -> Iterator[Compare]:
    """Every comparison in the tree."""
    if isinstance(cond, Compare):
        yield cond
    elif isinstance(cond, (All, AnyOf)):
        for part in cond.parts:
            yield from walk(part)
    else:
        yield from walk(cond.part)


def questions_in(cond: Condition | None) -> list[str]:
    """Question ids a condition reads, in order of first mention (for "why" lines)."""
    if cond is None:
        return []
    return list(remembered(cond, "questions_in", lambda: tuple(dict.fromkeys(cmp.question for cmp in walk(cond)))))


def evaluate(cond: Condition | None, answers: Mapping[str, Any], ctx: Context) -> bool:
    """Does the condition hold for these answers? ``None`` always holds."""
    if cond is None:
        return True
    if isinstance(cond, All):
        return all(evaluate(p, answers, ctx) for p in cond.parts)
    if isinstance(cond, AnyOf):
        return any(evaluate(p, answers, ctx) for p in cond.parts)
    if isinstance(cond, Not):
        return not evaluate(cond.part, answers, ctx)
    return _compare(cond, answers, ctx)


def evaluate3(cond: Condition | None, answers: Mapping[str, Any], ctx: Context) -> bool | None:
    """Three-valued (Kleene) evaluation: None when the outcome hangs on a "not sure" answer.

    A comparison over an ``UNSURE`` answer is unknown (except ``answered``:
    "not sure" is an answer; and ``unsure``, which asks just that). ``all`` is false if any part is false, else
    unknown if any part is unknown; ``any`` dually; ``not`` keeps unknown.
    With no ``UNSURE`` answers this is exactly ``evaluate``.
    """
    if cond is None:
        return True
    if isinstance(cond, (All, AnyOf)):
        decisive = isinstance(cond, AnyOf)  # the value that settles it: true for any, false for all
        unknown = False
        for part in cond.parts:
            result = evaluate3(part, answers, ctx)
            if result is decisive:
                return decisive
            unknown = unknown or result is None
        return None if unknown else not decisive
    if isinstance(cond, Not):
        result = evaluate3(cond.part, answers, ctx)
        return None if result is None else not result
    if answers.get(cond.question) is UNSURE and cond.op not in ABOUT_THE_ANSWER:
        return None
    return _compare(cond, answers, ctx)


def _resolve(value: Any, ctx: Context) -> Any:
    if value == TODAY:
        return ctx.today
    if isinstance(value, tuple):
        return tuple(_resolve(v, ctx) for v in value)
    return value


def _compare(cmp: Compare, answers: Mapping[str, Any], ctx: Context) -> bool:
    answered = cmp.question in answers and answers[cmp.question] is not None
    if cmp.op == "answered":
        return bool(answered == cmp.value)
    if cmp.op == "unsure":
        return bool((answered and answers[cmp.question] is UNSURE) == cmp.value)
    if not answered or answers[cmp.question] is UNSURE:  # evaluate3 says "unknown" here; two-valued, it does not hold
        return False
    answer = answers[cmp.question]
    operand = _resolve(cmp.value, ctx)
    if isinstance(answer, (list, tuple, frozenset, set)):
        chosen = set(answer)
        if cmp.op == "eq":
            return bool(operand in chosen)
        if cmp.op == "ne":
            return bool(operand not in chosen)
        if cmp.op == "in":
            return bool(chosen & set(operand))
        if cmp.op == "not_in":
            return not (chosen & set(operand))
        return False
    try:
        if cmp.op == "eq":
            return bool(answer == operand)
        if cmp.op == "ne":
            return bool(answer != operand)
        if cmp.op == "in":
            return bool(answer in operand)
        if cmp.op == "not_in":
            return bool(answer not in operand)
        if cmp.op == "lt":
            return bool(answer < operand)
        if cmp.op == "le":
            return bool(answer <= operand)
        if cmp.op == "gt":
            return bool(answer > operand)
        if cmp.op == "ge":
            return bool(answer >= operand)
    except TypeError:
        # The static checks make this unreachable for validated flows; a
        # mismatched comparison simply does not hold.
        return False
    return False


def check(cond: Condition, questions: Mapping[str, Any]) -> list[ConditionError]:
    """Static check: every question exists and every value is one it can take.

    ``questions`` maps id → a question object with a ``qtype`` that offers
    ``condition_problem(question, op, value)``.
    """
    problems: list[ConditionError] = []
    for cmp in walk(cond):
        question = questions.get(cmp.question)
        if question is None:
            known = ", ".join(sorted(questions)) or Message("no_questions")
            problems.append(ConditionError(cmp.pos, Message("condition_unknown_question", qid=cmp.question, known=known)))
            continue
        if cmp.op == "unsure" and not getattr(question, "unsure", False):
            problems.append(ConditionError(cmp.pos, Message("condition_unsure_not_allowed", qid=cmp.question)))
            continue
        if cmp.op in ABOUT_THE_ANSWER:
            continue
        values = cmp.value if cmp.op in ("in", "not_in") else (cmp.value,)
        for value in values:
            problem = question.qtype.condition_problem(question, cmp.op, value)
            if problem:
                problems.append(ConditionError(cmp.pos, Message("condition_value", qid=cmp.question, problem=problem)))
    return problems


__all__ = [
    "All",
    "AnyOf",
    "Compare",
    "Condition",
    "ConditionError",
    "Not",
    "check",
    "evaluate",
    "evaluate3",
    "parse",
    "questions_in",
    "walk",
]


_SYMBOLS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}

# The words ``describe`` uses when no language layer passes its own (i18n.Locale.condition_words).
ENGLISH_WORDS: Mapping[str, Any] = {
    "answered": "answered", "unanswered": "unanswered", "not": "not ({})", "group": "({})",
    "and": " and ", "or": " or ", "yes": "yes", "no": "no", "in": "in", "not_in": "not in",
    "unsure": "not sure", "not_unsure": "not 'not sure'",
}


def describe(c: Condition, words: Mapping[str, Any] = ENGLISH_WORDS) -> str:
    """A compact human reading of a condition, for graph edge labels, in the given ``words``.

    ``words`` may carry ``tighten``: (old, new) replacements applied to each
    and/or group, e.g. no spaces next to full-width brackets.
    """
    if isinstance(c, Compare):
        if c.op == "answered":
            return f"{c.question} {words['answered'] if c.value else words['unanswered']}"
        if c.op == "unsure":
            return f"{c.question} {words['unsure'] if c.value else words['not_unsure']}"
        value = c.value
        if isinstance(value, tuple):
            shown = "{" + ", ".join(_show(v, words) for v in value) + "}"
        else:
            shown = _show(value, words)
        return f"{c.question} {_SYMBOLS.get(c.op) or words[c.op]} {shown}"
    if isinstance(c, Not):
        return str(words["not"]).format(describe(c.part, words))
    joiner = str(words["and"] if isinstance(c, All) else words["or"])
    text = joiner.join(describe(p, words) if isinstance(p, Compare) else words["group"].format(describe(p, words)) for p in c.parts)
    for old, new in words.get("tighten", ()):
        text = text.replace(old, new)
    return text


def _show(value: Any, words: Mapping[str, Any] = ENGLISH_WORDS) -> str:
    if isinstance(value, bool):
        return str(words["yes"] if value else words["no"])
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

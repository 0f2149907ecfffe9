"""Question types: everything that depends on what kind of answer a question takes.

One class per type owns all of it: how an answer is read from a file, ``--set``
or the prompt (and what is allowed when it is wrong), how it is shown, how it
is stored in JSON, which bounds and values a flow may give it, which values a
condition may compare it to, the stand-in answers used to look ahead and to
analyse routes, the prompt widget and its example text, and its part of the
JSON Schema. No other module switches on a type's name: adding a question
type means adding a class here and listing it in ``QUESTION_TYPES`` (the
recipe: docs/question-types.md; only a new kind of widget also needs a case
in ``prompts``).

Wrong answers raise ``AnswerError``, whose message is a ``messages.Message``
(a key of ``i18n.MESSAGES`` plus values) that the command line words in the
user's language; the other user-facing errors (``answers.InputProblem``,
``registry.UnknownFlow``) share its base, ``LocalizedError``, defined here as
the lowest layer that raises them.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from .i18n import t
from .messages import Message
from .safetext import control_at

MAX_TEXT_LENGTH = 500
# Combinations of a multiple-choice answer that route analysis tries at most.
MAX_MULTI_COMBINATIONS = 64

_YES = {"yes", "y", "true", "1", "是", "on"}
_NO = {"no", "n", "false", "0", "否", "off"}


class LocalizedError(Exception):
    """An error whose message is a ``messages.Message``; ``str(exc)`` is English, ``exc.render(lang)`` any language."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.msg = Message(key, **values)
        super().__init__(key)

    def render(self, lang: str) -> str:
        return self.msg.render(lang)

    def __str__(self) -> str:
        return self.msg.render("en")


class AnswerError(LocalizedError, ValueError):
    """An answer a question cannot take; the message says what is allowed.

    Worded to follow "VALUE is ..." in English (the flow loader writes
    ``f"default {value!r} is {exc}"``), and as a predicate in Chinese.
    """


def parse_iso_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise AnswerError("answer_not_iso_date")


class UnknownQuestionType(LookupError):
    """A question whose type no class handles: never guessed around, always an error."""


class QuestionType:
    name = ""
    widget = "text"  # select | checkbox | confirm | text
    has_choices = False
    min_choices = 0  # how many choices a flow must list, when ``has_choices``
    ordered = False  # whether lt/le/gt/ge make sense
    dated = False  # answers are days: the question may name an ``event`` and anchor deadlines
    # The answer reads as its label alone in the one-line situation summary
    # (when the question has no ``short`` text): "Shenzhen", not "City: Shenzhen".
    label_alone = False
    # Answers files hand over the text as written, before YAML reads 0123 as a number.
    as_written = False
    # What to type, shown under a text prompt, by language.
    example: dict[str, str] = {"en": "your answer", "zh": "回答"}
    # The JSON Schema of ``min`` and ``max``; None when the type takes no bounds.
    bound_schema: dict[str, Any] | None = None

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        """The answer ``raw`` stands for, or ``AnswerError``.

        ``today`` is the day bounds such as ``max: today`` mean; None (when a
        flow is read, on no particular day) leaves those bounds unchecked.
        """
        raise NotImplementedError

    def allowed(self, question: Any) -> Message:
        """What a valid answer looks like, for error messages (``str()`` of it is English)."""
        raise NotImplementedError

    def display(self, question: Any, value: Any, lang: str) -> str:
        return str(value)

    def to_plain(self, value: Any) -> Any:
        """A JSON/YAML-safe form that ``coerce`` reads back to the same value."""
        return value

    def bound_problem(self, question_id: str, key: str, bound: Any) -> Message | None:
        """Why ``min``/``max`` (``key``) cannot be ``bound`` for this type, or None if it can."""
        return Message("bound_wrong_type", qid=question_id, key=key)

    def condition_problem(self, question: Any, op: str, value: Any) -> Message | None:
        """Why ``question <op> value`` can never be meaningful (for ``validate``), or None if it can."""
        if op in ("lt", "le", "gt", "ge") and not self.ordered:
            return Message("cond_unordered", op=op, type=self.name)
        return self.value_problem(question, value)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        return None

    def guess(self, question: Any, today: date) -> Any:
        """A likely answer, to look ahead along the route when the question has no default."""
        raise NotImplementedError

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        """One answer per class of answers that conditions naming ``named`` values cannot tell apart."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """What the JSON Schema requires of a question of this type, beyond what every question takes."""
        refused = False  # a key this type never takes
        properties: dict[str, Any] = {
            "choices": {"minItems": self.min_choices} if self.has_choices else refused,
            "min": self.bound_schema if self.bound_schema is not None else refused,
            "max": self.bound_schema if self.bound_schema is not None else refused,
        }
        if not self.dated:
            properties["event"] = refused
        return {"required": ["choices"], "properties": properties} if self.has_choices else {"properties": properties}

    def example_text(self, lang: str) -> str:
        return self.example.get(lang, self.example["en"])


class ChoiceType(QuestionType):
    name = "choice"
    widget = "select"
    has_choices = True
    min_choices = 2  # a single choice is no question at all
    label_alone = True

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            value = str(raw).strip()
            if value in question.choice_values:
                return value
        raise AnswerError("answer_not_choice", allowed=self.allowed(question))

    def allowed(self, question: Any) -> Message:
        return Message("allowed_choice", values=", ".join(question.choice_values))

    def display(self, question: Any, value: Any, lang: str) -> str:
        choice = question.choice(value)
        return choice.label.get(lang) if choice else str(value)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, str) or value not in question.choice_values:
            return Message("cond_not_choice", value=repr(value), choices=", ".join(question.choice_values))
        return None

    def guess(self, question: Any, today: date) -> Any:
        return question.choices[0].value

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        """Each value a condition names, and one value for all the others."""
        reps = [v for v in question.choice_values if v in named]
        rest = [v for v in question.choice_values if v not in named]
        return reps + rest[:1]


class MultiType(ChoiceType):
    name = "multi"
    widget = "checkbox"
    min_choices = 1
    label_alone = False

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        if isinstance(raw, str):
            items = [part.strip() for part in raw.split(",") if part.strip()]
        elif isinstance(raw, (list, tuple)):
            items = [str(part).strip() for part in raw if not isinstance(part, (dict, list))]
            if len(items) != len(raw):
                raise AnswerError("answer_not_choice_list", allowed=self.allowed(question))
        else:
            raise AnswerError("answer_not_choice_list", allowed=self.allowed(question))
        wrong = [item for item in items if item not in question.choice_values]
        if wrong:
            raise AnswerError("answer_not_among_choices", wrong=", ".join(map(repr, wrong)), allowed=self.allowed(question))
        # Keep the flow's order so saved answers and output are stable.
        return tuple(v for v in question.choice_values if v in items)

    def allowed(self, question: Any) -> Message:
        return Message("allowed_multi", values=", ".join(question.choice_values))

    def display(self, question: Any, value: Any, lang: str) -> str:
        if not value:
            return t("none", lang)
        sep = "、" if lang == "zh" else ", "
        return sep.join(ChoiceType.display(self, question, v, lang) for v in value)

    def to_plain(self, value: Any) -> Any:
        return list(value)

    def guess(self, question: Any, today: date) -> Any:
        return ()

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        """Every combination of the values conditions name (at most ``MAX_MULTI_COMBINATIONS``)."""
        relevant = [v for v in question.choice_values if v in named][:6]
        combos: list[tuple[str, ...]] = [()]
        for v in relevant:
            combos += [c + (v,) for c in combos]
        return [tuple(x for x in question.choice_values if x in c) for c in combos[:MAX_MULTI_COMBINATIONS]]


class YesNoType(QuestionType):
    name = "yesno"
    widget = "confirm"

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            word = raw.strip().lower()
            if word in _YES:
                return True
            if word in _NO:
                return False
        raise AnswerError("answer_not_yes_no", allowed=self.allowed(question))

    def allowed(self, question: Any) -> Message:
        return Message("allowed_yes_no")

    def display(self, question: Any, value: Any, lang: str) -> str:
        return t("yes" if value else "no", lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, bool):
            return Message("cond_not_bool", value=repr(value))
        return None

    def guess(self, question: Any, today: date) -> Any:
        return False

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        return [True, False] if named else [question.default if question.default is not None else True]


class _OrderedType(QuestionType):
    """Numbers and dates: answers split into the intervals around the values conditions compare with."""

    ordered = True
    step: Any = 1

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        points = sorted({v for v in named if isinstance(v, (int, float, date)) and not isinstance(v, bool)})
        if not points:
            return [question.default if question.default is not None else self.guess(question, today)]
        candidates = [points[0] - self.step] + [p for p in points] + [p + self.step for p in points]
        low = today if question.min == "today" else question.min
        high = today if question.max == "today" else question.max
        reps = []
        for c in sorted(set(candidates)):
            if (low is not None and c < low) or (high is not None and c > high):
                continue
            reps.append(c)
        return reps or [low if low is not None else high]


class DateType(_OrderedType):
    name = "date"
    dated = True
    step = timedelta(days=1)
    example = {"en": "a date as YYYY-MM-DD", "zh": "日期，格式 YYYY-MM-DD"}
    bound_schema = {"anyOf": [{"const": "today"}, {"type": "string", "format": "date"}]}

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        try:
            day = parse_iso_date(raw)
        except AnswerError:
            raise AnswerError("answer_not_date", allowed=self.allowed(question)) from None
        from .dates import EARLIEST_DATE, LATEST_DATE

        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise AnswerError("answer_date_out_of_range", low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat())
        low = _resolve_date_bound(question.min, today)
        high = _resolve_date_bound(question.max, today)
        if low and day < low:
            raise AnswerError("answer_date_too_early", date=low.isoformat())
        if high and day > high:
            raise AnswerError("answer_date_too_late", date=high.isoformat())
        return day

    def allowed(self, question: Any) -> Message:
        return Message("allowed_date")

    def to_plain(self, value: Any) -> Any:
        return value.isoformat()

    def display(self, question: Any, value: Any, lang: str) -> str:
        from .i18n import format_date

        return format_date(value, lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if value == "today" or (isinstance(value, date) and not isinstance(value, datetime)):
            return None
        return Message("cond_not_date", value=repr(value))

    def bound_problem(self, question_id: str, key: str, bound: Any) -> Message | None:
        if bound == "today" or isinstance(bound, date):
            return None
        return Message("bound_not_date", qid=question_id, key=key)

    def guess(self, question: Any, today: date) -> Any:
        return today


def _resolve_date_bound(bound: Any, today: date | None) -> date | None:
    if bound is None:
        return None
    return today if bound == "today" else bound  # None: the day is not known, so neither is this bound


class NumberType(_OrderedType):
    name = "number"
    example = {"en": "a number", "zh": "数字"}
    bound_schema = {"type": "number"}

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        number: int | float
        if isinstance(raw, bool):
            raise AnswerError("answer_not_number", allowed=self.allowed(question))
        if isinstance(raw, (int, float)):
            number = raw
        elif isinstance(raw, str):
            text = raw.strip()
            try:
                number = int(text)
            except ValueError:
                try:
                    number = float(text)
                except ValueError:
                    raise AnswerError("answer_not_number", allowed=self.allowed(question)) from None
        else:
            raise AnswerError("answer_not_number", allowed=self.allowed(question))
        if isinstance(number, float) and not math.isfinite(number):
            raise AnswerError("answer_not_finite")
        if question.min is not None and number < question.min:
            raise AnswerError("answer_too_small", min=question.min)
        if question.max is not None and number > question.max:
            raise AnswerError("answer_too_large", max=question.max)
        return number

    def allowed(self, question: Any) -> Message:
        bounds = []
        if question.min is not None:
            bounds.append(f">= {question.min}")
        if question.max is not None:
            bounds.append(f"<= {question.max}")
        return Message("allowed_number_range", bounds=", ".join(bounds)) if bounds else Message("allowed_number")

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return Message("cond_not_number", value=repr(value))
        return None

    def bound_problem(self, question_id: str, key: str, bound: Any) -> Message | None:
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            return Message("bound_not_number", qid=question_id, key=key)
        return None

    def guess(self, question: Any, today: date) -> Any:
        return question.min if question.min is not None else 0


class TextType(QuestionType):
    name = "text"
    as_written = True

    def coerce(self, question: Any, raw: Any, today: date | None) -> Any:
        if isinstance(raw, (dict, list)) or raw is None:
            raise AnswerError("answer_not_text", allowed=self.allowed(question))
        value = raw.isoformat() if isinstance(raw, date) else str(raw)
        if len(value) > MAX_TEXT_LENGTH:
            raise AnswerError("answer_too_long", n=MAX_TEXT_LENGTH)
        if any(ord(ch) < 32 and ch not in "\t" for ch in value) or control_at(value) >= 0:  # C0, DEL, C1
            raise AnswerError("answer_control_characters")
        return value

    def allowed(self, question: Any) -> Message:
        return Message("allowed_text", n=MAX_TEXT_LENGTH)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, str):
            return Message("cond_not_text", value=repr(value))
        return None

    def guess(self, question: Any, today: date) -> Any:
        return ""

    def answer_classes(self, question: Any, named: list[Any], today: date) -> list[Any]:
        return [v for v in named if isinstance(v, str)] + ["other answer"]


QUESTION_TYPES: dict[str, QuestionType] = {
    qt.name: qt for qt in (ChoiceType(), MultiType(), YesNoType(), DateType(), NumberType(), TextType())
}


def question_type(name: str) -> QuestionType:
    """The class that handles questions of type ``name``; an unknown type is an error, never a fallback."""
    try:
        return QUESTION_TYPES[name]
    except (KeyError, TypeError):
        raise UnknownQuestionType(f"no question type {name!r}; known: {', '.join(QUESTION_TYPES)}") from None

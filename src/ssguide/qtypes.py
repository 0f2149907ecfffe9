"""Question types: everything that depends on what kind of answer a question takes.

One class per type says how an answer is read from a file or ``--set`` (and
what is allowed when it is wrong), how it is shown, how it is stored in JSON,
which values a condition may compare it to, and which prompt widget asks it.
Adding a question type means adding a class here (and, only for a new kind of
widget, a case in ``prompts``).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from .i18n import t

MAX_TEXT_LENGTH = 500

_YES = {"yes", "y", "true", "1", "是", "on"}
_NO = {"no", "n", "false", "0", "否", "off"}


class AnswerError(ValueError):
    """An answer a question cannot take; the message says what is allowed."""


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
    raise AnswerError("not a date in the form YYYY-MM-DD")


class QuestionType:
    name = ""
    widget = "text"  # select | checkbox | confirm | text
    has_choices = False
    ordered = False  # whether lt/le/gt/ge make sense

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        raise NotImplementedError

    def allowed(self, question: Any) -> str:
        """What a valid answer looks like, for error messages."""
        raise NotImplementedError

    def display(self, question: Any, value: Any, lang: str) -> str:
        return str(value)

    def to_plain(self, value: Any) -> Any:
        """A JSON/YAML-safe form that ``coerce`` reads back to the same value."""
        return value

    def condition_problem(self, question: Any, op: str, value: Any) -> str | None:
        """Why ``question <op> value`` can never be meaningful, or None if it can."""
        if op in ("lt", "le", "gt", "ge") and not self.ordered:
            return f"'{op}' compares order, but a {self.name} answer has none"
        return self.value_problem(question, value)

    def value_problem(self, question: Any, value: Any) -> str | None:
        return None


class ChoiceType(QuestionType):
    name = "choice"
    widget = "select"
    has_choices = True

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            value = str(raw).strip()
            if value in question.choice_values:
                return value
        raise AnswerError(f"not one of the choices ({self.allowed(question)})")

    def allowed(self, question: Any) -> str:
        return "one of: " + ", ".join(question.choice_values)

    def display(self, question: Any, value: Any, lang: str) -> str:
        choice = question.choice(value)
        return choice.label.get(lang) if choice else str(value)

    def value_problem(self, question: Any, value: Any) -> str | None:
        if not isinstance(value, str) or value not in question.choice_values:
            return f"{value!r} is not one of its choices ({', '.join(question.choice_values)})"
        return None


class MultiType(ChoiceType):
    name = "multi"
    widget = "checkbox"

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        if isinstance(raw, str):
            items = [part.strip() for part in raw.split(",") if part.strip()]
        elif isinstance(raw, (list, tuple)):
            items = [str(part).strip() for part in raw if not isinstance(part, (dict, list))]
            if len(items) != len(raw):
                raise AnswerError(f"a list of choices ({self.allowed(question)})")
        else:
            raise AnswerError(f"a list of choices ({self.allowed(question)})")
        wrong = [item for item in items if item not in question.choice_values]
        if wrong:
            raise AnswerError(f"{', '.join(map(repr, wrong))} not among the choices ({self.allowed(question)})")
        # Keep the flow's order so saved answers and output are stable.
        return tuple(v for v in question.choice_values if v in items)

    def allowed(self, question: Any) -> str:
        return "any of: " + ", ".join(question.choice_values) + " (comma-separated)"

    def display(self, question: Any, value: Any, lang: str) -> str:
        if not value:
            return t("none", lang)
        sep = "、" if lang == "zh" else ", "
        return sep.join(ChoiceType.display(self, question, v, lang) for v in value)

    def to_plain(self, value: Any) -> Any:
        return list(value)


class YesNoType(QuestionType):
    name = "yesno"
    widget = "confirm"

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            word = raw.strip().lower()
            if word in _YES:
                return True
            if word in _NO:
                return False
        raise AnswerError(f"not yes or no ({self.allowed(question)})")

    def allowed(self, question: Any) -> str:
        return "yes or no"

    def display(self, question: Any, value: Any, lang: str) -> str:
        return t("yes" if value else "no", lang)

    def value_problem(self, question: Any, value: Any) -> str | None:
        if not isinstance(value, bool):
            return f"{value!r} is not true or false"
        return None


class DateType(QuestionType):
    name = "date"
    ordered = True

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        try:
            day = parse_iso_date(raw)
        except AnswerError:
            raise AnswerError(f"not a date ({self.allowed(question)})") from None
        low = _resolve_date_bound(question.min, today)
        high = _resolve_date_bound(question.max, today)
        if low and day < low:
            raise AnswerError(f"before the earliest allowed date {low.isoformat()}")
        if high and day > high:
            raise AnswerError(f"after the latest allowed date {high.isoformat()}")
        return day

    def allowed(self, question: Any) -> str:
        return "a date as YYYY-MM-DD"

    def to_plain(self, value: Any) -> Any:
        return value.isoformat()

    def display(self, question: Any, value: Any, lang: str) -> str:
        from .i18n import format_date

        return format_date(value, lang)

    def value_problem(self, question: Any, value: Any) -> str | None:
        if value == "today" or (isinstance(value, date) and not isinstance(value, datetime)):
            return None
        return f"{value!r} is not a date (write YYYY-MM-DD or 'today')"


def _resolve_date_bound(bound: Any, today: date) -> date | None:
    if bound is None:
        return None
    return today if bound == "today" else bound


class NumberType(QuestionType):
    name = "number"
    ordered = True

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        number: int | float
        if isinstance(raw, bool):
            raise AnswerError(f"not a number ({self.allowed(question)})")
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
                    raise AnswerError(f"not a number ({self.allowed(question)})") from None
        else:
            raise AnswerError(f"not a number ({self.allowed(question)})")
        if isinstance(number, float) and not math.isfinite(number):
            raise AnswerError("not a finite number")
        if question.min is not None and number < question.min:
            raise AnswerError(f"smaller than the minimum {question.min}")
        if question.max is not None and number > question.max:
            raise AnswerError(f"larger than the maximum {question.max}")
        return number

    def allowed(self, question: Any) -> str:
        bounds = []
        if question.min is not None:
            bounds.append(f">= {question.min}")
        if question.max is not None:
            bounds.append(f"<= {question.max}")
        return "a number" + (f" ({', '.join(bounds)})" if bounds else "")

    def value_problem(self, question: Any, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{value!r} is not a number"
        return None


class TextType(QuestionType):
    name = "text"

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        if isinstance(raw, (dict, list)) or raw is None:
            raise AnswerError(f"not text ({self.allowed(question)})")
        value = raw.isoformat() if isinstance(raw, date) else str(raw)
        if len(value) > MAX_TEXT_LENGTH:
            raise AnswerError(f"longer than {MAX_TEXT_LENGTH} characters")
        if any(ord(ch) < 32 and ch not in "\t" for ch in value):
            raise AnswerError("contains control characters")
        return value

    def allowed(self, question: Any) -> str:
        return f"text up to {MAX_TEXT_LENGTH} characters"

    def value_problem(self, question: Any, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"{value!r} is not text"
        return None


QUESTION_TYPES: dict[str, QuestionType] = {
    qt.name: qt for qt in (ChoiceType(), MultiType(), YesNoType(), DateType(), NumberType(), TextType())
}

"""Question types: everything that depends on what kind of answer a question takes.

One class per type says how an answer is read from a file or ``--set`` (and
what is allowed when it is wrong), how it is shown, how it is stored in JSON,
which values a condition may compare it to, and which prompt widget asks it.
Adding a question type means adding a class here (and, only for a new kind of
widget, a case in ``prompts``).

Wrong answers raise ``AnswerError``, whose message is a ``messages.Message``
(a key of the program catalog plus values) that the command line words in the
user's language; it and the other errors live in ``errors``.
"""

from __future__ import annotations

import functools
import math
from datetime import date, datetime
from enum import Enum
from typing import Any

from .errors import AnswerError
from .i18n import LOCALES, locale, t
from .messages import Message
from .safetext import control_at

MAX_TEXT_LENGTH = 500

# A yes/no answer is read in every language at once (answers files are shared).
_YES = {"yes", "y", "true", "1", "on", *(word for entry in LOCALES.values() for word in entry.yes_words)}
_NO = {"no", "n", "false", "0", "off", *(word for entry in LOCALES.values() for word in entry.no_words)}


class Unsure(Enum):
    """The answer "not sure": a value of its own, never mistaken for any real answer."""

    UNSURE = "unsure"

    def __repr__(self) -> str:
        return "UNSURE"


UNSURE = Unsure.UNSURE
UNSURE_WORD = "unsure"  # how answer files and --set write it
# Every way to say "not sure" on the command line or in a file (compared case-insensitively).
# Plus the wizard's own "Not sure" in every language (不确定), from the catalogs.
UNSURE_WORDS = frozenset({"unsure", "not sure", "not_sure", "notsure"})


@functools.lru_cache(maxsize=1)
def _unsure_words() -> frozenset[str]:
    return UNSURE_WORDS | {t("unsure", code).strip().lower() for code in LOCALES}


def is_unsure_word(raw: Any) -> bool:
    return raw is UNSURE or (isinstance(raw, str) and " ".join(raw.strip().lower().split()) in _unsure_words())


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


def fixed_date(raw: Any) -> date:
    """A date written as YYYY-MM-DD (in a flow file), not as people type one at the prompt."""
    try:
        return parse_iso_date(raw)
    except AnswerError:
        raise AnswerError("answer_not_fixed_date", allowed=Message("allowed_date_iso")) from None


class QuestionType:
    name = ""
    widget = "text"  # select | checkbox | confirm | text
    has_choices = False
    ordered = False  # whether lt/le/gt/ge make sense

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
        raise NotImplementedError

    def allowed(self, question: Any) -> Message:
        """What a valid answer looks like, for error messages (``str()`` of it is English)."""
        raise NotImplementedError

    def coerce(self, question: Any, raw: Any, today: date) -> Any:
        """The typed answer for ``raw``: ``UNSURE`` for "not sure" where the question allows it."""
        if getattr(question, "unsure", False) and is_unsure_word(raw):
            return UNSURE
        return self._coerce(question, raw, today)

    def display(self, question: Any, value: Any, lang: str) -> str:
        if value is UNSURE:
            return t("unsure", lang)
        return self._display(question, value, lang)

    def to_plain(self, value: Any) -> Any:
        """A JSON/YAML-safe form that ``coerce`` reads back to the same value."""
        if value is UNSURE:
            return UNSURE_WORD
        return self._to_plain(value)

    def _display(self, question: Any, value: Any, lang: str) -> str:
        return str(value)

    def _to_plain(self, value: Any) -> Any:
        return value

    def condition_problem(self, question: Any, op: str, value: Any) -> Message | None:
        """Why ``question <op> value`` can never be meaningful (for ``validate``), or None if it can."""
        if op in ("lt", "le", "gt", "ge") and not self.ordered:
            return Message("cond_unordered", op=op, type=self.name)
        return self.value_problem(question, value)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        return None


class ChoiceType(QuestionType):
    name = "choice"
    widget = "select"
    has_choices = True

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
        value = _choice_value(question, raw)
        if value is None:
            raise AnswerError("answer_not_choice", allowed=self.allowed(question))
        return value

    def allowed(self, question: Any) -> Message:
        return Message("allowed_choice", values=_ChoiceListing(question))

    def _display(self, question: Any, value: Any, lang: str) -> str:
        choice = question.choice(value)
        return choice.label.get(lang) if choice else str(value)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, str) or value not in question.choice_values:
            return Message("cond_not_choice", value=repr(value), choices=", ".join(question.choice_values))
        return None


def _choice_value(question: Any, raw: Any) -> str | None:
    """The choice ``raw`` names: its value, or its label in any language (any case); None if none.

    People copy what the screen shows ("Yes", "不确定"), so labels are as good as
    values. yes/no words (YAML reads ``yes`` as True) name a choice labelled Yes or No.
    """
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    if not isinstance(raw, (str, int, float)):
        return None
    text = str(raw).strip()
    if text in question.choice_values:
        return text
    wanted = text.casefold()
    choices = getattr(question, "choices", ())
    for choice in choices:
        if wanted in {label.strip().casefold() for _, label in choice.label.values}:
            return choice.value
    synonym = "yes" if wanted in _YES else "no" if wanted in _NO else None
    if synonym is not None:
        for choice in choices:
            if synonym in {label.strip().casefold() for _, label in choice.label.values}:
                return choice.value
    return None


class _ChoiceListing:
    """The choices for an error message: each value with its label in the message's language."""

    def __init__(self, question: Any) -> None:
        self.question = question

    def render(self, lang: str) -> str:
        choices = getattr(self.question, "choices", None)
        if not choices:
            return ", ".join(self.question.choice_values)
        shown = []
        for choice in choices:
            label = choice.label.get(lang)
            if label.casefold() == choice.value.casefold():
                shown.append(choice.value)
            else:
                shown.append(locale(lang).after(choice.value, label))
        if getattr(self.question, "unsure", False):
            shown.append(locale(lang).after(UNSURE_WORD, t("unsure", lang)))
        return ", ".join(shown)

    def __str__(self) -> str:
        return self.render("en")


class MultiType(ChoiceType):
    name = "multi"
    widget = "checkbox"

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
        if isinstance(raw, str) and _choice_value(question, raw) is not None:
            items = [raw]  # one label that itself holds a comma
        elif isinstance(raw, str):
            items = [part.strip() for part in raw.split(",") if part.strip()]
        elif isinstance(raw, (list, tuple)):
            items = [str(part).strip() for part in raw if not isinstance(part, (dict, list))]
            if len(items) != len(raw):
                raise AnswerError("answer_not_choice_list", allowed=self.allowed(question))
        else:
            raise AnswerError("answer_not_choice_list", allowed=self.allowed(question))
        values = [_choice_value(question, item) for item in items]
        wrong = [item for item, value in zip(items, values) if value is None]
        if wrong:
            raise AnswerError("answer_not_among_choices", wrong=", ".join(map(repr, wrong)), allowed=self.allowed(question))
        # Keep the flow's order so saved answers and output are stable.
        return tuple(v for v in question.choice_values if v in values)

    def allowed(self, question: Any) -> Message:
        return Message("allowed_multi", values=_ChoiceListing(question))

    def _display(self, question: Any, value: Any, lang: str) -> str:
        if not value:
            return t("none", lang)
        return locale(lang).list_separator.join(ChoiceType._display(self, question, v, lang) for v in value)

    def _to_plain(self, value: Any) -> Any:
        return list(value)


class YesNoType(QuestionType):
    name = "yesno"
    widget = "confirm"

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
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

    def _display(self, question: Any, value: Any, lang: str) -> str:
        return t("yes" if value else "no", lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, bool):
            return Message("cond_not_bool", value=repr(value))
        return None


class DateType(QuestionType):
    name = "date"
    ordered = True

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
        from .dates import EARLIEST_DATE, LATEST_DATE, read_user_date

        low = _resolve_date_bound(question.min, today)
        high = _resolve_date_bound(question.max, today)
        try:
            day = parse_iso_date(raw)
        except AnswerError:
            day = read_user_date(raw, today, past_only=high is not None and high <= today) if isinstance(raw, str) else None
            if day is None:
                raise AnswerError("answer_not_date", allowed=self.allowed(question)) from None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise AnswerError("answer_date_out_of_range", low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat())
        if low and day < low:
            raise AnswerError("answer_date_too_early", date=low.isoformat())
        if high and day > high:
            raise AnswerError("answer_date_too_late", date=high.isoformat())
        return day

    def allowed(self, question: Any) -> Message:
        return Message("allowed_date")

    def _to_plain(self, value: Any) -> Any:
        return value.isoformat()

    def _display(self, question: Any, value: Any, lang: str) -> str:
        from .i18n import format_date

        return format_date(value, lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if value == "today" or (isinstance(value, date) and not isinstance(value, datetime)):
            return None
        return Message("cond_not_date", value=repr(value))


def _resolve_date_bound(bound: Any, today: date) -> date | None:
    if bound is None:
        return None
    return today if bound == "today" else bound


class NumberType(QuestionType):
    name = "number"
    ordered = True

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
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


class TextType(QuestionType):
    name = "text"

    def _coerce(self, question: Any, raw: Any, today: date) -> Any:
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


QUESTION_TYPES: dict[str, QuestionType] = {
    qt.name: qt for qt in (ChoiceType(), MultiType(), YesNoType(), DateType(), NumberType(), TextType())
}

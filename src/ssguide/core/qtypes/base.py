"""The base of every question type (the errors an answer can raise live in ``errors``)."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from ...errors import AnswerError
from ...lang.i18n import LOCALES, t
from ...lang.messages import Message

if TYPE_CHECKING:
    from ..context import Context


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


# Every C0 control (tab and line breaks too: an answer is one line), DEL and C1, and Unicode's line
# and paragraph separators (line breaks as much as U+0085). Refused, never stripped: str.strip(),
# int(), float() and the date readers take U+001C-U+001F, U+0085, U+2028, U+2029 and tabs for
# spaces, so "5\x1c" read as 5 and "not\x1csure" as "not sure".
_ANSWER_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Lone surrogates: how Python hands over bytes that are not UTF-8 (an argument typed in another
# encoding, keystrokes the prompt could not decode, "\udcff" in a JSON session). No text holds
# them: printed, they are those raw bytes again, and no file can be written with them in it.
_UNDECODED_RE = re.compile("[\ud800-\udfff]")


def _holds(pattern: re.Pattern[str], raw: Any) -> bool:
    """Whether a typed answer (a text, or each text of a list of choices) matches ``pattern`` somewhere."""
    if isinstance(raw, str):
        return pattern.search(raw) is not None
    if isinstance(raw, (list, tuple)):
        return any(isinstance(part, str) and pattern.search(part) is not None for part in raw)
    return False


def has_control_character(raw: Any) -> bool:
    """Whether a typed answer (a text, or each text of a list of choices) holds a control character."""
    return _holds(_ANSWER_CONTROL_RE, raw)


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
    min_choices = 0  # how many choices a flow must list, when ``has_choices``
    ordered = False  # whether lt/le/gt/ge make sense
    dated = False  # answers are days: the question may name an ``event`` and anchor deadlines
    # The answer reads as its label alone in the one-line situation summary
    # (when the question has no ``short`` text): "Shenzhen", not "City: Shenzhen".
    label_alone = False
    # Answers files hand over the text as written, before YAML reads 0123 as a number.
    as_written = False
    # What to type, shown under a text prompt: a key of the message catalogs.
    example_key = "prompt_example_text"
    # The JSON Schema of ``min`` and ``max``; None when the type takes no bounds.
    bound_schema: ClassVar[dict[str, Any] | None] = None

    def coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        """The typed answer for ``raw``: ``UNSURE`` for "not sure" where the question allows it.

        Every type, in every face (``--set``, an answers file, the prompt, a saved session, the web
        form), refuses a control character here first, before any reading takes it for a space, and
        bytes that are not UTF-8 text.
        """
        if has_control_character(raw):
            raise AnswerError("answer_control_characters")
        if _holds(_UNDECODED_RE, raw):
            raise AnswerError("answer_not_utf8")
        if getattr(question, "unsure", False) and is_unsure_word(raw):
            return UNSURE
        return self._coerce(question, raw, ctx)

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        """The answer ``raw`` stands for, or ``AnswerError``.

        ``today`` is the day bounds such as ``max: today`` mean; None (when a
        flow is read, on no particular day) leaves those bounds unchecked.
        """
        raise NotImplementedError

    def coerce_default(self, question: Any, raw: Any) -> Any:
        """A flow's ``default``, read on no particular day: bounds such as ``max: today``
        are checked by ``semantic.problems`` against the day it is given (``--today``)."""
        return self.coerce(question, raw, None)

    def allowed(self, question: Any) -> Message:
        """What a valid answer looks like, for error messages (``str()`` of it is English)."""
        raise NotImplementedError

    def display(self, question: Any, value: Any, ctx: Context) -> str:
        if value is UNSURE:
            return t("unsure", ctx.lang)
        return self._display(question, value, ctx)

    def to_plain(self, value: Any) -> Any:
        """A JSON/YAML-safe form that ``coerce`` reads back to the same value."""
        if value is UNSURE:
            return UNSURE_WORD
        return self._to_plain(value)

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        return str(value)

    def _to_plain(self, value: Any) -> Any:
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

    def guess(self, question: Any, ctx: Context) -> Any:
        """A likely answer, to look ahead along the route when the question has no default."""
        raise NotImplementedError

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        """One answer per class of answers that conditions naming ``named`` values cannot tell apart."""
        raise NotImplementedError

    def stand_ins(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        """Every way a "not sure" answer could turn out: one stand-in per class of answers."""
        return self.answer_classes(question, named, ctx)

    def stand_in_label(self, question: Any, value: Any, named: list[Any], ctx: Context) -> str:
        """What a stand-in stands for, in words: "Yes", "before 2026-01-01", "another answer"."""
        return self.display(question, value, ctx)

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

"""Question types whose answer is a value typed in: date, number, text."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from ...lang.i18n import t
from ...lang.messages import Message
from ...errors import AnswerError
from .base import QuestionType, fixed_date, parse_iso_date

if TYPE_CHECKING:
    from ..context import Context


MAX_TEXT_LENGTH = 500


class _OrderedType(QuestionType):
    """Numbers and dates: answers split into the intervals around the values conditions compare with."""

    ordered = True
    step: Any = 1

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        points = sorted({v for v in named if isinstance(v, (int, float, date)) and not isinstance(v, bool)})
        if not points:
            return [question.default if question.default is not None else self.guess(question, ctx)]
        candidates = [points[0] - self.step] + [p for p in points] + [p + self.step for p in points]
        low = ctx.today if question.min == "today" else question.min
        high = ctx.today if question.max == "today" else question.max
        reps = []
        for c in sorted(set(candidates)):
            if (low is not None and c < low) or (high is not None and c > high):
                continue
            reps.append(c)
        return reps or [low if low is not None else high]

    def stand_in_label(self, question: Any, value: Any, named: list[Any], ctx: Context) -> str:
        """A value a condition names as itself; any other as the interval between the named values around it."""
        show = self.display
        ordered = sorted(p for p in named if isinstance(p, type(value)) and not isinstance(p, bool))
        if not ordered or value in ordered:
            return show(question, value, ctx)
        lower = [p for p in ordered if p < value]
        higher = [p for p in ordered if p > value]
        if not lower:
            return ctx.t("answer_before", value=show(question, higher[0], ctx))
        if not higher:
            return ctx.t("answer_after", value=show(question, lower[-1], ctx))
        return ctx.t("answer_between", low=show(question, lower[-1], ctx), high=show(question, higher[0], ctx))


class DateType(_OrderedType):
    name = "date"
    dated = True
    step = timedelta(days=1)
    example_key = "prompt_example_date"
    bound_schema: ClassVar[dict[str, Any] | None] = {"anyOf": [{"const": "today"}, {"type": "string", "format": "date"}]}

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        from ..dates import EARLIEST_DATE, LATEST_DATE, read_user_date

        low = _resolve_date_bound(question.min, ctx)
        high = _resolve_date_bound(question.max, ctx)
        try:
            day = parse_iso_date(raw)
        except AnswerError:
            # People's forms ("11-20", "yesterday") need the day; a flow's default is read without one.
            read = read_user_date(raw, ctx, past_only=high is not None and high <= ctx.today) if isinstance(raw, str) and ctx is not None else None
            if read is None:
                raise AnswerError("answer_not_date", allowed=self.allowed(question)) from None
            day = read
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise AnswerError("answer_date_out_of_range", low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat())
        if low and day < low:
            raise AnswerError("answer_date_too_early", date=low.isoformat())
        if high and day > high:
            raise AnswerError("answer_date_too_late", date=high.isoformat())
        return day

    def coerce_default(self, question: Any, raw: Any) -> Any:
        # A flow is read on any day: its default is a fixed date, never "today" or "11-20".
        return self.coerce(question, fixed_date(raw), None)

    def allowed(self, question: Any) -> Message:
        return Message("allowed_date")

    def _to_plain(self, value: Any) -> Any:
        return value.isoformat()

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        from ...lang.i18n import format_date

        return format_date(value, ctx.lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if value == "today":
            return None
        if not isinstance(value, date) or isinstance(value, datetime):  # a YAML timestamp with a time is no day
            return Message("cond_not_date", value=repr(value))
        if not _answerable(value):
            return Message("cond_date_out_of_range", value=value.isoformat(), **_date_range())
        return None

    def bound_problem(self, question_id: str, key: str, bound: Any) -> Message | None:
        if bound == "today":
            return None
        if not isinstance(bound, date) or isinstance(bound, datetime):
            return Message("bound_not_date", qid=question_id, key=key)
        if not _answerable(bound):
            return Message("bound_date_out_of_range", qid=question_id, key=key, value=bound.isoformat(), **_date_range())
        return None

    def guess(self, question: Any, ctx: Context) -> Any:
        return ctx.today


def _answerable(day: date) -> bool:
    """Whether answers may take this day: a flow's date beyond them can never be reached, and
    the day either side of it (which route analysis looks at) may not exist."""
    from ..dates import EARLIEST_DATE, LATEST_DATE

    return EARLIEST_DATE <= day <= LATEST_DATE


def _date_range() -> dict[str, str]:
    from ..dates import EARLIEST_DATE, LATEST_DATE

    return {"low": EARLIEST_DATE.isoformat(), "high": LATEST_DATE.isoformat()}


def _resolve_date_bound(bound: Any, ctx: Context | None) -> date | None:
    if bound is None:
        return None
    if bound == "today":
        return None if ctx is None else ctx.today  # None: the day is not known, so neither is this bound
    return bound if isinstance(bound, date) else None


class NumberType(_OrderedType):
    name = "number"
    example_key = "prompt_example_number"
    bound_schema: ClassVar[dict[str, Any] | None] = {"type": "number"}

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
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
        if isinstance(bound, bool) or not isinstance(bound, (int, float)) or math.isnan(bound):
            return Message("bound_not_number", qid=question_id, key=key)
        return None

    def guess(self, question: Any, ctx: Context) -> Any:
        return question.min if question.min is not None else 0


class TextType(QuestionType):
    name = "text"
    as_written = True

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        if isinstance(raw, (dict, list)) or raw is None:
            raise AnswerError("answer_not_text", allowed=self.allowed(question))
        value = raw.isoformat() if isinstance(raw, date) else str(raw)
        if len(value) > MAX_TEXT_LENGTH:
            raise AnswerError("answer_too_long", n=MAX_TEXT_LENGTH)
        return value

    def allowed(self, question: Any) -> Message:
        return Message("allowed_text", n=MAX_TEXT_LENGTH)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, str):
            return Message("cond_not_text", value=repr(value))
        return None

    def guess(self, question: Any, ctx: Context) -> Any:
        return ""

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        return [v for v in named if isinstance(v, str)] + ["other answer"]

    def stand_in_label(self, question: Any, value: Any, named: list[Any], ctx: Context) -> str:
        return value if value in named else t("answer_other", ctx.lang)

"""Question types whose answer is among values the flow lists: choice, multi, yesno."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang.i18n import LOCALES, locale, t
from ...lang.messages import Message
from ...errors import AnswerError
from .base import UNSURE_WORD, QuestionType

if TYPE_CHECKING:
    from ..context import Context


# Combinations of a multiple-choice answer that route analysis tries at most.
MAX_MULTI_COMBINATIONS = 64


# A yes/no answer is read in every language at once (answers files are shared).
_YES = {"yes", "y", "true", "1", "on", *(word for entry in LOCALES.values() for word in entry.yes_words)}
_NO = {"no", "n", "false", "0", "off", *(word for entry in LOCALES.values() for word in entry.no_words)}


class ChoiceType(QuestionType):
    name = "choice"
    widget = "select"
    has_choices = True
    min_choices = 2  # a single choice is no question at all
    label_alone = True

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        value = _choice_value(question, raw)
        if value is None:
            raise AnswerError("answer_not_choice", allowed=self.allowed(question))
        return value

    def allowed(self, question: Any) -> Message:
        return Message("allowed_choice", values=_ChoiceListing(question))

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        choice = question.choice(value)
        return choice.label.get(ctx.lang) if choice else str(value)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, str) or value not in question.choice_values:
            return Message("cond_not_choice", value=repr(value), choices=", ".join(question.choice_values))
        return None

    def guess(self, question: Any, ctx: Context) -> Any:
        return question.choices[0].value

    def stand_ins(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        """Every value, so that each case of the checklist names a real answer."""
        return list(question.choice_values)

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        """Each value a condition names, and one value for all the others."""
        reps = [v for v in question.choice_values if v in named]
        rest = [v for v in question.choice_values if v not in named]
        return reps + rest[:1]


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
            return str(choice.value)
    synonym = "yes" if wanted in _YES else "no" if wanted in _NO else None
    if synonym is not None:
        for choice in choices:
            if synonym in {label.strip().casefold() for _, label in choice.label.values}:
                return str(choice.value)
    return None


class _ChoiceListing:
    """The choices for an error message: each value with its label in the message's language."""

    def __init__(self, question: Any) -> None:
        self.question = question

    def render(self, lang: str) -> str:
        choices = getattr(self.question, "choices", None)
        if not choices:
            return locale(lang).list_separator.join(self.question.choice_values)
        shown = []
        for choice in choices:
            label = choice.label.get(lang)
            if label.casefold() == choice.value.casefold():
                shown.append(choice.value)
            else:
                shown.append(locale(lang).after(choice.value, label))
        if getattr(self.question, "unsure", False):
            shown.append(locale(lang).after(UNSURE_WORD, t("unsure", lang)))
        return locale(lang).list_separator.join(shown)

    def __str__(self) -> str:
        return self.render("en")


class MultiType(ChoiceType):
    name = "multi"
    widget = "checkbox"
    min_choices = 1
    label_alone = False

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
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

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        if not value:
            return t("none", ctx.lang)
        return locale(ctx.lang).list_separator.join(ChoiceType._display(self, question, v, ctx) for v in value)

    def _to_plain(self, value: Any) -> Any:
        return list(value)

    def guess(self, question: Any, ctx: Context) -> Any:
        return ()

    def stand_ins(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        return self.answer_classes(question, named, ctx)

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        """Every combination of the values conditions name (at most ``MAX_MULTI_COMBINATIONS``)."""
        relevant = [v for v in question.choice_values if v in named][:6]
        combos: list[tuple[str, ...]] = [()]
        for v in relevant:
            combos += [c + (v,) for c in combos]
        return [tuple(x for x in question.choice_values if x in c) for c in combos[:MAX_MULTI_COMBINATIONS]]


class YesNoType(QuestionType):
    name = "yesno"
    widget = "confirm"

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
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

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        return t("yes" if value else "no", ctx.lang)

    def value_problem(self, question: Any, value: Any) -> Message | None:
        if not isinstance(value, bool):
            return Message("cond_not_bool", value=repr(value))
        return None

    def guess(self, question: Any, ctx: Context) -> Any:
        return False

    def stand_ins(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        return [True, False]

    def answer_classes(self, question: Any, named: list[Any], ctx: Context) -> list[Any]:
        return [True, False] if named else [question.default if question.default is not None else True]

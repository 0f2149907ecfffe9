"""The interactive wizard's prompts: the only module that imports questionary.

questionary (and prompt_toolkit under it) is imported inside ``ask`` so that
``ssguide --help``, ``list`` and every non-interactive run stay fast and work
without a terminal. ``unsafe_ask`` is used on purpose: ``ask`` swallows
Ctrl-C and returns None, which would look like an answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .flow import Question
from .i18n import t
from .qtypes import AnswerError

BACK = object()
"""Returned by ``ask`` when the user chose to go back to the previous question."""

BACK_KEY = "<"

_BACK_LABEL = {"en": "← Back", "zh": "← 返回上一题"}
_TEXT_HINT = {
    "en": "type {example}; '<' goes back",
    "zh": "请输入 {example}；输入 < 返回上一题",
}
_TEXT_HINT_FIRST = {"en": "type {example}", "zh": "请输入 {example}"}
_EXAMPLES = {
    "date": {"en": "a date as YYYY-MM-DD", "zh": "日期，格式 YYYY-MM-DD"},
    "number": {"en": "a number", "zh": "数字"},
    "text": {"en": "your answer", "zh": "回答"},
}


def progress_text(position: int, total: int, lang: str) -> str:
    if lang == "zh":
        return f"第 {position} 题，共约 {total} 题"
    return f"Question {position} of about {total}"


def ask(question: Question, lang: str, default: Any, can_go_back: bool, today: date, progress: str = "") -> Any:
    """Ask one question; returns the typed answer or ``BACK``.

    Raises KeyboardInterrupt on Ctrl-C and EOFError on Ctrl-D; the caller
    handles both once, at the top.
    """
    import questionary

    message = question.text.get(lang)
    if progress:
        message = f"[{progress}] {message}"
    help_text = question.help.get(lang) if question.help else None
    if help_text:
        message = f"{message}\n  {help_text}\n "
    back_label = _BACK_LABEL.get(lang, _BACK_LABEL["en"])
    widget = question.qtype.widget

    if widget in ("select", "confirm"):
        if widget == "confirm":
            options = [(True, t("yes", lang)), (False, t("no", lang))]
        else:
            options = [(c.value, c.label.get(lang)) for c in question.choices]
        choices = [questionary.Choice(title=label, value=value) for value, label in options]
        if can_go_back:
            choices.append(questionary.Choice(title=back_label, value=BACK))
        selected = default if default in [v for v, _ in options] else None
        answer = questionary.select(message, choices=choices, default=selected, qmark="?").unsafe_ask()
        return answer

    if widget == "checkbox":
        chosen = set(default or ())
        choices = [
            questionary.Choice(title=c.label.get(lang), value=c.value, checked=c.value in chosen)
            for c in question.choices
        ]
        if can_go_back:
            choices.append(questionary.Choice(title=back_label, value=BACK))
        picked = questionary.checkbox(message, choices=choices, qmark="?").unsafe_ask()
        if BACK in picked:
            return BACK
        return question.qtype.coerce(question, picked, today)

    example = _EXAMPLES.get(question.type, _EXAMPLES["text"]).get(lang, "")
    hint = (_TEXT_HINT if can_go_back else _TEXT_HINT_FIRST)[lang if lang in _TEXT_HINT else "en"].format(example=example)

    def validate(text: str) -> bool | str:
        if can_go_back and text.strip() == BACK_KEY:
            return True
        try:
            question.qtype.coerce(question, text, today)
        except AnswerError as exc:
            return str(exc)
        return True

    initial = question.qtype.to_plain(default) if default is not None else ""
    text = questionary.text(
        message, default=str(initial), validate=validate, instruction=f"({hint})", qmark="?"
    ).unsafe_ask()
    if can_go_back and text.strip() == BACK_KEY:
        return BACK
    return question.qtype.coerce(question, text, today)

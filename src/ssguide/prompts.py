"""The interactive wizard's prompts: the only module that imports questionary.

questionary (and prompt_toolkit under it) is imported inside ``ask`` so that
``ssguide --help``, ``list`` and every non-interactive run stay fast and work
without a terminal. ``unsafe_ask`` is used on purpose: ``ask`` swallows
Ctrl-C and returns None, which would look like an answer.
"""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date
from typing import Any

from .flow import Question
from .i18n import t
from .qtypes import AnswerError

BACK = object()
"""Returned by ``ask`` when the user chose to go back to the previous question."""

BACK_KEY = "<"
_CONFIRM = "\x00confirm"  # not a valid question id, so never mistaken for one

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


_SELECT_HINT = {"en": "(arrow keys, Enter to choose)", "zh": "（方向键选择，回车确认）"}
_CHECKBOX_HINT = {"en": "(arrow keys, Space to tick, Enter when done)", "zh": "（方向键移动，空格勾选，回车确认）"}


def _hint(table: dict[str, str], lang: str) -> str:
    return table.get(lang, table["en"])


def _cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap to a terminal width counted in cells: CJK characters take two.

    prompt_toolkit cuts long prompt lines instead of wrapping them, and
    ``textwrap`` counts characters, which breaks Chinese text at twice the width.
    Breaks at a space when there is one, anywhere between CJK characters.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used, last_space = "", 0, -1
        for ch in paragraph:
            w = _cells(ch)
            if used + w > width and line:
                if ch != " " and last_space > 0:
                    lines.append(line[:last_space].rstrip())
                    line = line[last_space + 1 :]
                else:
                    lines.append(line.rstrip())
                    line = ""
                used = sum(_cells(c) for c in line)
                last_space = -1
                if ch == " " and not line:
                    continue
            if ch == " ":
                last_space = len(line)
            line += ch
            used += w
        lines.append(line.rstrip())
    return lines


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

    width = max(shutil.get_terminal_size((80, 24)).columns - 4, 20)
    message = question.text.get(lang)
    if progress:
        message = f"[{progress}] {message}"
    message = "\n  ".join(wrap_cells(message, width))
    help_text = question.help.get(lang) if question.help else None
    if help_text:
        message += "\n" + "\n".join("  " + line for line in wrap_cells(help_text, width - 2)) + "\n "
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
        answer = questionary.select(
            message, choices=choices, default=selected, qmark="?", instruction=_hint(_SELECT_HINT, lang)
        ).unsafe_ask()
        return answer

    if widget == "checkbox":
        chosen = set(default or ())
        choices = [
            questionary.Choice(title=c.label.get(lang), value=c.value, checked=c.value in chosen)
            for c in question.choices
        ]
        if can_go_back:
            choices.append(questionary.Choice(title=back_label, value=BACK))
        picked = questionary.checkbox(
            message, choices=choices, qmark="?", instruction=_hint(_CHECKBOX_HINT, lang)
        ).unsafe_ask()
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
    text = questionary.text(f"{message}\n  ({hint})\n ", default=str(initial), validate=validate, qmark="?").unsafe_ask()
    if can_go_back and text.strip() == BACK_KEY:
        return BACK
    return question.qtype.coerce(question, text, today)


def ask_resume(lang: str, count: int) -> bool:
    """Offer saved progress: True to resume, False to start over."""
    import questionary

    if lang == "zh":
        message, resume, fresh = f"上次还有未完成的回答（{count} 题）。", "继续上次的回答", "重新开始"
    else:
        message, resume, fresh = f"You have saved answers from last time ({count}).", "Resume where I left off", "Start over"
    choices = [questionary.Choice(title=resume, value=True), questionary.Choice(title=fresh, value=False)]
    return bool(
        questionary.select(message, choices=choices, qmark="?", instruction=_hint(_SELECT_HINT, lang)).unsafe_ask()
    )


def review(questions: list[Question], labels: list[str], lang: str) -> str | None:
    """Show the answers; None to confirm them, or the id of a question to change."""
    import questionary

    if lang == "zh":
        message, confirm, change = "请核对您的回答：", "✓ 回答无误，生成清单", "修改"
    else:
        message, confirm, change = "Review your answers:", "✓ These are right: show my checklist", "Change"
    # questionary replaces a None value by the title, so confirming needs a real token.
    choices = [questionary.Choice(title=confirm, value=_CONFIRM)]
    for question, label in zip(questions, labels):
        title = f"{change}: {(question.short or question.text).get(lang)} → {label}"
        choices.append(questionary.Choice(title=title, value=question.id))
    picked = questionary.select(message, choices=choices, qmark="?", instruction=_hint(_SELECT_HINT, lang)).unsafe_ask()
    return None if picked == _CONFIRM else picked


def choose_flow(options: list[tuple[str, str]], lang: str) -> str:
    """The menu shown by a bare ``ssguide`` in a terminal: returns a command name."""
    import questionary

    message = "您要办理哪项事务？" if lang == "zh" else "Which procedure do you need?"
    choices = [questionary.Choice(title=title, value=command) for command, title in options]
    return questionary.select(message, choices=choices, qmark="?", instruction=_hint(_SELECT_HINT, lang)).unsafe_ask()

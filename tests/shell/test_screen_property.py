"""A property of the wizard's screen (issue #19): for every bundled flow and language, a walk never shows ``<U+``.

Each walk answers whatever the wizard asks on an emulated terminal
(``support/screen.py``), reading the question's kind from its hint: a menu
gets Enter or Down and Enter (the first or second choice, alternating from
question to question), a date prompt "today". The runs vary the way the
command is started (directly, piped, redirected), the three ways the
questions are drawn. Nothing the terminal received may hold ``<U+`` (so no
screen along the way showed it), the screen left at the end must be
readable, and what went through the pipe or to the file is the checklist
alone. One walk per flow and language: exhaustive over what is bundled,
cheap enough for every run of the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from ssguide.shell.registry import bundled_flows
from support.cli import TODAY
from support.screen import Terminal, assert_readable
from support.terminal import DOWN, ENTER

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

MARKER = {"en": "[Question {n} of", "zh": "[第 {n} 题"}
REVIEW = {"en": "Review your answers", "zh": "请核对您的回答"}
MENU_HINTS = {"en": ["(arrow keys, Enter to choose)", "(arrow keys, Space to tick"], "zh": ["（方向键选择，回车确认）", "（方向键移动，空格勾选"]}
TYPED_HINT = {"en": "(type ", "zh": "（请输入"}
MODES = ["", " | tee out.txt", " > out.txt"]  # tee: a pipe (printed as cat would) whose content is read here too
WALKS = [(info.command, lang) for info in bundled_flows() for lang in ("en", "zh")]


@pytest.mark.parametrize(("command", "lang"), WALKS, ids=[f"{c}-{lang}" for c, lang in WALKS])
def test_a_walk_never_shows_code_points_on_screen(tmp_path: Path, command: str, lang: str) -> None:
    number = WALKS.index((command, lang))
    mode = MODES[number % len(MODES)]
    term = Terminal.shell(tmp_path, f"ssguide {command} --lang {lang} --today {TODAY}{mode}")
    n = 1
    while True:
        found = term.child.expect_exact([MARKER[lang].format(n=n), REVIEW[lang], pexpect.EOF])
        if found == 2:
            pytest.fail(f"{command} ended before its review:\n" + "\n".join(term.lines()))
        if found == 1:
            break
        if term.child.expect_exact([*MENU_HINTS[lang], TYPED_HINT[lang]]) == len(MENU_HINTS[lang]):
            term.send("today", ENTER)  # the bundled flows type dates only
        else:
            term.send(*([DOWN] if (n + number) % 2 else []), ENTER)
        n += 1
    term.expect(MENU_HINTS[lang][0])
    term.send(ENTER)
    assert term.end() == 0
    assert "<U+" not in term.received()
    assert_readable(term.lines())
    if mode:
        out = (tmp_path / "out.txt").read_text(encoding="utf-8")
        title = next(info.title.get(lang) for info in bundled_flows() if info.command == command)
        assert out.startswith(title + "\n"), out[:300]
        assert "<U+" not in out and "\x1b" not in out and "\r" not in out
        assert MARKER[lang].format(n=1) not in out and REVIEW[lang] not in out and not any(hint in out for hint in MENU_HINTS[lang])

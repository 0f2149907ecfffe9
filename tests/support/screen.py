"""What a person sees: a program in a pseudo-terminal, drawn on an emulated terminal screen.

pexpect runs the program on a pseudo-terminal; everything it writes is fed,
as it is read, to pyte, a VT100 emulator, which keeps the screen a person
would be looking at. The emulator also answers what the program asks the
terminal (prompt_toolkit's cursor-position request, ``ESC [6n``), as a real
terminal does, so the wizard runs as it does for people: no
``PROMPT_TOOLKIT_NO_CPR``, and a reply that never comes would cost each
question a second and print prompt_toolkit's "your terminal doesn't support
cursor position requests (CPR)" warning.

``Terminal`` is the usual way in::

    term = Terminal.ssguide(tmp_path, "card")               # python -m ssguide card --today TODAY
    term = Terminal.shell(tmp_path, "ssguide card > out.md")  # as a person's shell runs it
    term.answer("Why do you need a card?", DOWN, ENTER)       # wait for a text, press keys
    term.wait_for("» My card is lost")                        # wait until the screen shows it
    assert_readable(term.lines())                             # no <U+…>, no escape shown as text
    term.end() == 0

``attach(child)`` gives an existing ``pexpect.spawn`` the same screen (and
CPR replies) as its ``logfile_read``: ``getvalue()`` is still everything the
terminal received.
"""

from __future__ import annotations

import re
import shlex
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest

from .cli import TODAY, cli_env
from .terminal import TIMEOUT

ROWS, COLUMNS = 40, 100

# What must never be on a person's screen: the sanitiser's marks or an escape
# sequence shown as text (the wizard's own drawing made "visible"), and
# prompt_toolkit's complaint when its cursor-position request goes unanswered.
UNREADABLE = ("<U+", "\x1b", "^[", "[?25", "[6n", "cursor position requests", "Traceback")


def _row_text(row: Any, columns: int) -> str:
    """One row of the emulated screen as text: a wide (CJK) character's second cell is not a space."""
    out = []
    skip = False
    for x in range(columns):
        if skip:
            skip = False
            continue
        data = row[x].data
        out.append(data)
        skip = bool(data) and pyte.screens.wcwidth(data[0]) == 2
    return "".join(out).rstrip()


class _Screen(pyte.Screen):
    """A pyte screen that keeps the rows scrolled off its top, and answers the program through ``reply``."""

    def __init__(self, columns: int, lines: int, reply: Callable[[str], object]) -> None:
        super().__init__(columns, lines)
        self.scrolled: list[str] = []
        self._reply = reply

    def index(self) -> None:
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        if self.cursor.y == bottom and top == 0:  # the top row leaves the screen: keep its text
            self.scrolled.append(_row_text(self.buffer[0], self.columns))
        super().index()

    def write_process_input(self, data: str) -> None:
        self._reply(data)  # a reply to the program's request, typed back as a terminal does


class Screen:
    """A terminal's screen, fed with what the program writes (a pexpect ``logfile_read``)."""

    def __init__(self, rows: int, columns: int, reply: Callable[[str], object]) -> None:
        self._screen = _Screen(columns, rows, reply)
        self._stream = pyte.Stream(self._screen)
        self._received: list[str] = []

    # pexpect's logfile protocol
    def write(self, data: str) -> None:
        self._received.append(data)
        self._stream.feed(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        """Everything the terminal received, escape sequences and all (as an ``io.StringIO`` log would)."""
        return "".join(self._received)

    def display(self) -> list[str]:
        """The rows on screen now, trailing spaces gone."""
        return [_row_text(self._screen.buffer[y], self._screen.columns) for y in range(self._screen.lines)]

    def lines(self) -> list[str]:
        """Every row the terminal has shown, top to bottom: those scrolled away, then the screen (empty rows at the end dropped)."""
        rows = self._screen.scrolled + self.display()
        while rows and not rows[-1]:
            rows.pop()
        return rows

    def cursor(self) -> tuple[int, int]:
        """(row, column) of the cursor on screen, from 0."""
        return self._screen.cursor.y, self._screen.cursor.x


def flat(rows: Iterable[str]) -> str:
    """Rows as one line of words: text wrapped over rows reads as one, as ``terminal.plain`` does."""
    return " ".join(" ".join(rows).split())


def shows(rows: Iterable[str], text: str) -> bool:
    """Whether ``text`` is on these rows: within a row, or wrapped over several (Chinese wraps without spaces)."""
    rows = list(rows)
    if any(text in row for row in rows):
        return True
    joined = flat(rows)
    return text in joined or "".join(text.split()) in "".join(joined.split())


def assert_readable(rows: Iterable[str]) -> None:
    """Nothing on these rows that a person could not read: no ``<U+…>`` marks, no escape sequences shown as text."""
    text = "\n".join(rows)
    for bad in UNREADABLE:
        assert bad not in text, f"{bad!r} on the screen:\n{text}"


def sgr_colours(raw: str) -> list[int]:
    """The colour parameters of the SGR sequences in ``raw`` (bold, dim, underline are not colours)."""
    found = []
    for sequence in re.findall(r"\x1b\[([0-9;]*)m", raw):
        params = [int(p) for p in sequence.split(";") if p]
        i = 0
        while i < len(params):
            p = params[i]
            if p in (38, 48):  # 256-colour or true colour: 38;5;n or 38;2;r;g;b
                found.append(p)
                i += 3 if params[i + 1 : i + 2] == [5] else 5
                continue
            if 30 <= p <= 37 or 40 <= p <= 47 or 90 <= p <= 97 or 100 <= p <= 107:
                found.append(p)
            i += 1
    return found


def terminal_env(tmp_path: Path | None = None, lang: str = "C.UTF-8", **extra: str | None) -> dict[str, str]:
    """A person's environment (``cli_env``) in an xterm-like terminal: their own data folder, the pty's size (None removes a variable)."""
    env: dict[str, str | None] = {**cli_env(lang), "TERM": "xterm", "COLUMNS": None, "LINES": None}  # the pty's own size decides
    if tmp_path is not None:
        env["SSGUIDE_DATA_DIR"] = str(tmp_path / "data")  # saved progress from other runs must not add a "resume?" question
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


# "ssguide" where sh runs it as a command: first on the line or after | ; & ( ` $(, past any
# VAR=value before it; not as an argument ("ssguide.yaml", "cat ssguide").
_COMMAND_WORD = re.compile(r"(^|[|;&(`]|\$\()(\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)ssguide(?=\s|$|[|;&)`])")


def shell_command(command: str) -> str:
    """``command`` with every ``ssguide`` that sh would run as a command standing for this Python's ssguide."""
    ssguide = f"{shlex.quote(sys.executable)} -m ssguide"
    return _COMMAND_WORD.sub(lambda match: match.group(1) + match.group(2) + ssguide, command)


def attach(child: pexpect.spawn) -> Screen:
    """Draw everything ``child`` writes on a screen of its pty's size, and answer its terminal requests."""
    rows, columns = child.getwinsize()
    screen = Screen(rows, columns, child.send)
    child.logfile_read = screen
    return screen


class Terminal:
    """A program on a pseudo-terminal of ``rows`` x ``columns``, as a person sees it."""

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict[str, str],
        rows: int = ROWS,
        columns: int = COLUMNS,
        cwd: Path | str | None = None,
        timeout: float = TIMEOUT,
    ) -> None:
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=env, dimensions=(rows, columns), encoding="utf-8", codec_errors="replace", timeout=timeout,
            cwd=str(cwd) if cwd is not None else None,
        )
        self.screen = attach(self.child)

    @classmethod
    def ssguide(
        cls, tmp_path: Path, *args: str, today: str | None = TODAY, lang: str = "C.UTF-8", rows: int = ROWS, columns: int = COLUMNS, **env: str
    ) -> Terminal:
        """``python -m ssguide ARGS --today TODAY`` on the terminal, started in ``tmp_path``."""
        argv = [sys.executable, "-m", "ssguide", *args, *(["--today", today] if today else [])]
        return cls(argv, env=terminal_env(tmp_path, lang, **env), rows=rows, columns=columns, cwd=tmp_path)

    @classmethod
    def shell(cls, tmp_path: Path, command: str, *, lang: str = "C.UTF-8", rows: int = ROWS, columns: int = COLUMNS, **env: str) -> Terminal:
        """``command`` run by sh on the terminal, as a person's shell would (``ssguide`` is this Python's ssguide)."""
        return cls(["/bin/sh", "-c", shell_command(command)], env=terminal_env(tmp_path, lang, **env), rows=rows, columns=columns, cwd=tmp_path)

    # ------------------------------------------------------------ what is on screen

    def display(self) -> list[str]:
        return self.screen.display()

    def lines(self) -> list[str]:
        return self.screen.lines()

    def since(self, mark: int) -> list[str]:
        """The rows shown from row ``mark`` of ``lines()`` on (a mark taken with ``len(term.lines())``)."""
        return self.lines()[mark:]

    def received(self) -> str:
        return self.screen.getvalue()

    def _fail(self, why: str) -> None:
        screen = "\n".join(self.lines()[-60:])
        self.child.close(force=True)
        pytest.fail(f"{why}; the screen:\n{screen}")

    # ------------------------------------------------------------ waiting and typing

    def expect(self, text: str) -> None:
        """Wait until ``text`` arrives (after the last text waited for), as pexpect's ``expect_exact``."""
        try:
            self.child.expect_exact(text)
            return
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            why = f"{type(exc).__name__} waiting for {text!r}"
        self._fail(why)  # outside the except: pexpect's own report would bury the screen

    def wait_for(self, text: str, since: int = 0, timeout: float | None = None) -> list[str]:
        """Wait until the screen shows ``text`` (rows from ``since`` on); those rows."""
        self.wait_until(lambda: shows(self.since(since), text), repr(text), timeout)
        return self.since(since)

    def wait_until(self, check: Callable[[], object], what: str, timeout: float | None = None) -> object:
        """Read until ``check()`` holds (it looks at the screen); what it returned."""
        deadline = time.monotonic() + (self.child.timeout if timeout is None else timeout)
        while not (found := check()):
            if time.monotonic() > deadline:
                self._fail(f"timed out waiting for {what} on the screen")
            self.read()
        return found

    def read(self, seconds: float = 0.05) -> None:
        """Read whatever arrives in ``seconds`` (it is drawn on the screen, and kept for ``expect``)."""
        try:
            self.child.expect(pexpect.TIMEOUT, timeout=seconds)
        except pexpect.EOF:
            pass

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def answer(self, text: str, *keys: str) -> None:
        """Wait until ``text`` arrives, then press ``keys``."""
        self.expect(text)
        self.send(*keys)

    def end(self) -> int:
        """Wait for the program to end (reading all it writes); its exit status, or 128 + the signal that ended it."""
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            timed_out = True
        else:
            timed_out = False
        if timed_out:
            self._fail("timed out waiting for the program to end")
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + (self.child.signalstatus or 0)

"""What a run reads from the world around it, in one injectable object.

The core never looks at the terminal, the clock or the environment; the
shell does, only through ``current()``. Tests swap in a double with ``use``
(see ``tests/environment_double.py``) to run terminal-only paths in-process,
the way httpie's ``Environment`` and its ``MockEnvironment`` work.

Streams are looked up at each use, not kept: click's test runner and
``safetext.install`` replace ``sys.stdout`` after start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Optional, TextIO


class Environment:
    """The real process: its streams, environment variables, clock, terminal and command line."""

    def __init__(self, argv: Optional[Sequence[str]] = None) -> None:
        self._argv = None if argv is None else list(argv)

    @property
    def stdin(self) -> TextIO:
        return sys.stdin

    @property
    def stdout(self) -> TextIO:
        return sys.stdout

    @property
    def stderr(self) -> TextIO:
        return sys.stderr

    @property
    def environ(self) -> Mapping[str, str]:
        return os.environ

    @property
    def argv(self) -> list[str]:
        """The words after the program's name (``argv``, when this environment was given one)."""
        return sys.argv[1:] if self._argv is None else self._argv

    def stdin_isatty(self) -> bool:
        return self.stdin.isatty()

    def stdout_isatty(self) -> bool:
        return self.stdout.isatty()

    def interactive(self) -> bool:
        """Whether questions can be asked: a terminal on both ends."""
        return self.stdin_isatty() and self.stdout_isatty()

    def today(self) -> date:
        return date.today()

    def terminal_size(self) -> os.terminal_size:
        """The terminal's real size (rich assumes 80x25 on TERM=dumb), 80x24 when there is none."""
        import shutil

        return shutil.get_terminal_size((80, 24))

    def output_styles(self) -> tuple[bool, bool]:
        """Whether standard output takes escape codes for styles (bold, dim), and for colours too.

        Styles on a terminal, unless it is dumb (TERM=dumb or unknown) or
        TTY_COMPATIBLE=0 says it cannot show them; colours unless NO_COLOR is
        set (no-color.org). The conventions rich follows, decided here so that
        the renderers never read the environment.
        """
        environ = self.environ
        styles = self.stdout_isatty() and environ.get("TTY_COMPATIBLE", "") != "0" and not self.dumb_terminal()
        return styles, styles and environ.get("NO_COLOR", "") == ""

    def prompt_screen(self) -> Optional[TextIO]:
        """Where the wizard can draw its questions, or None when there is no terminal to ask in.

        Keys come from standard input, so it must be a terminal. Like git and fzf,
        prompts go to standard error (or /dev/tty) when standard output is piped
        or redirected, so that it carries the checklist alone. The stream is the
        terminal's own, not the ``CleanWriter`` around standard error: the
        prompts' escape sequences are the program's drawing, not untrusted text.
        """
        if not self.stdin_isatty():
            return None
        from ..core.safetext import unwrapped

        for stream in (self.stdout, self.stderr):
            if stream is not None and stream.isatty():
                return unwrapped(stream)
        try:
            return open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - open for the rest of the run
        except OSError:
            return None

    def dumb_terminal(self) -> bool:
        """TERM=dumb (or unknown), as Emacs' shell sets it: a terminal that shows text and cannot move the cursor."""
        return self.environ.get("TERM", "").lower() in ("dumb", "unknown")

    def timezone(self) -> Optional[str]:
        """The user's time zone for calendar reminders: $TZ when it names one (e.g. Europe/Berlin), else None."""
        name = self.environ.get("TZ", "").lstrip(":")
        if not name or name.startswith("/") or ".." in name:
            return None
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(name)
        except (ValueError, OSError, LookupError):  # not a zone name (TZ=CST-8 style), or no such zone
            return None
        return name

    def debug(self) -> bool:
        """SSGUIDE_DEBUG: let a bug's traceback through instead of the one-line report."""
        return bool(self.environ.get("SSGUIDE_DEBUG"))


_current: Optional[Environment] = None


def current() -> Environment:
    global _current
    if _current is None:
        _current = Environment()
    return _current


@contextmanager
def use(env: Environment) -> Iterator[Environment]:
    """Run with ``env`` as the environment, then put the previous one back."""
    global _current
    previous, _current = _current, env
    try:
        yield env
    finally:
        _current = previous


def write_err(line: Any) -> None:
    """One line on standard error."""
    current().stderr.write(f"{line}\n")

"""What a run takes from the world around it, in one object that ``main`` makes and passes down.

The core never looks at the terminal, the clock or the environment; the
shell does, only through the ``Environment`` it is given: standard streams,
environment variables, the clock, the terminal's size, where files go.
``main`` makes the process's own (``Environment.of_process``) once; tests
pass a double (``tests/support/environment_double.py``) to run terminal-only
paths in-process, the way httpie's ``Environment`` and ``MockEnvironment``
work.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional, TextIO


class Environment:
    """Standard streams, environment variables, the clock, the terminal and where files go."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO,
        environ: Mapping[str, str],
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.environ = environ
        self._clock = clock

    @classmethod
    def of_process(cls) -> Environment:
        """The process's own: its standard streams as they are now (``main`` has wrapped them), os.environ, the clock."""
        return cls(sys.stdin, sys.stdout, sys.stderr, os.environ)

    def stdin_isatty(self) -> bool:
        return _isatty(self.stdin)

    def stdout_isatty(self) -> bool:
        return _isatty(self.stdout)

    def interactive(self) -> bool:
        """Whether questions can be asked: a terminal on both ends."""
        return self.stdin_isatty() and self.stdout_isatty()

    def today(self) -> date:
        return self._clock().date()

    def now(self) -> datetime:
        """The local time, for a saved session's stamp."""
        return self._clock()

    def terminal_size(self) -> os.terminal_size:
        """$COLUMNS and $LINES, else standard output's terminal, else 80x24 (as ``shutil.get_terminal_size``).

        The terminal's real size: rich assumes 80x25 on TERM=dumb.
        """
        sizes = []
        for name in ("COLUMNS", "LINES"):
            try:
                sizes.append(int(self.environ.get(name, "")))
            except ValueError:
                sizes.append(0)
        columns, lines = sizes
        if columns <= 0 or lines <= 0:
            try:
                real = os.get_terminal_size(self.stdout.fileno())
            except (AttributeError, ValueError, OSError):
                real = os.terminal_size((0, 0))
            columns = columns if columns > 0 else real.columns or 80
            lines = lines if lines > 0 else real.lines or 24
        return os.terminal_size((columns, lines))

    def screen_columns(self, screen: TextIO) -> int:
        """How wide the terminal the wizard draws on is (``screen``: standard output, standard error or /dev/tty)."""
        try:
            return os.get_terminal_size(screen.fileno()).columns
        except (OSError, ValueError, AttributeError):
            return self.terminal_size().columns

    def write_out(self, line: Any) -> None:
        """One line on standard output."""
        self.stdout.write(f"{line}\n")

    def write_err(self, line: Any) -> None:
        """One line on standard error."""
        self.stderr.write(f"{line}\n")

    def cache_dir(self) -> Path:
        """Where ssguide keeps throw-away data: $SSGUIDE_CACHE_DIR, else the platform's cache folder."""
        override = self.environ.get("SSGUIDE_CACHE_DIR")
        if override:
            return Path(override)
        if sys.platform.startswith(("win", "darwin")):
            import platformdirs  # slow to import; the XDG rule below covers Linux and the BSDs

            return Path(platformdirs.user_cache_dir("ssguide", appauthor=False))
        home = self.environ.get("HOME") or os.path.expanduser("~")
        return Path(self.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")) / "ssguide"

    def data_dir(self) -> Path:
        """Where saved progress goes: $SSGUIDE_DATA_DIR, else the platform's data folder."""
        override = self.environ.get("SSGUIDE_DATA_DIR")
        if override:
            return Path(override)
        from platformdirs import user_data_dir

        return Path(user_data_dir("ssguide", appauthor=False))

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
        from .streams import unwrapped

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


def _isatty(stream: Any) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False

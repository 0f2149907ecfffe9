"""A stand-in for ``shell.environment.Environment``: streams in memory, a terminal, a clock and a screen size on demand.

With it, paths that need a terminal run in-process through ``main`` (which
the process's own streams can only ever call "not a terminal").
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Optional

from ssguide.shell.environment import Environment


class FakeEnvironment(Environment):
    def __init__(
        self,
        *,
        stdin_tty: bool = False,
        stdout_tty: bool = False,
        today: date = date(2026, 11, 23),
        size: tuple[int, int] = (80, 24),
        environ: Optional[Mapping[str, str]] = None,
        styles: bool = False,
        stdin: str = "",
    ) -> None:
        # os.environ as the test runner set it (throw-away data and cache folders), unless given.
        super().__init__(io.StringIO(stdin), io.StringIO(), io.StringIO(), dict(os.environ) if environ is None else environ, clock=self._clock)
        self._today = today  # a test may turn the day over (midnight): the clock reads it each time
        self._stdin_tty = stdin_tty
        self._stdout_tty = stdout_tty
        self._size = os.terminal_size(size)
        # In-memory streams are no terminal, whatever stdout_tty says: escape codes stay off unless asked for.
        self._styles = styles

    def _clock(self) -> datetime:
        return datetime.combine(self._today, time(9))

    def stdin_isatty(self) -> bool:
        return self._stdin_tty

    def stdout_isatty(self) -> bool:
        return self._stdout_tty

    def output_styles(self) -> tuple[bool, bool]:
        return self._styles, self._styles

    def terminal_size(self) -> os.terminal_size:
        return self._size

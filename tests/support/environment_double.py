"""A stand-in for ``shell.environment.Environment``: a terminal, a clock and a screen size on demand.

With it, paths that need a terminal run in-process under click's test runner
(which replaces the streams but can only ever say "not a terminal").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
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
        argv: tuple[str, ...] = (),
        styles: bool = False,
    ) -> None:
        self._stdin_tty = stdin_tty
        self._stdout_tty = stdout_tty
        self._today = today
        self._size = os.terminal_size(size)
        self._environ = environ
        self._argv = list(argv)
        # The test runner's streams are no terminal, whatever stdout_tty says: escape codes stay off unless asked for.
        self._styles = styles

    @property
    def environ(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    @property
    def argv(self) -> list[str]:
        return self._argv

    def stdin_isatty(self) -> bool:
        return self._stdin_tty

    def stdout_isatty(self) -> bool:
        return self._stdout_tty

    def output_styles(self) -> tuple[bool, bool]:
        return self._styles, self._styles

    def today(self) -> date:
        return self._today

    def terminal_size(self) -> os.terminal_size:
        return self._size

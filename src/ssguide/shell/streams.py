"""The process's standard streams, cleaned: what ``main`` wraps them in before anything is written.

``CleanWriter`` wraps standard output and error so that nothing written
through them carries a control character, whatever forgot to clean it
(``core.safetext.cleaned`` is the cleaning). Only rich's own colour codes
(SGR) may pass, and only to a terminal. The wizard's own drawing
(prompt_toolkit's cursor moves and its questions to the terminal) goes to
the stream under it, ``unwrapped``: every untrusted text in a prompt is made
``visible`` where the prompt is built. ``fit_encoding`` lets a stream in a
non-UTF-8 locale take any text.
"""

from __future__ import annotations

import io
from typing import Any, TextIO

from ..core.safetext import cleaned, encodes_everything, fallback_errors


class CleanWriter(io.TextIOBase):
    """A text stream that shows control characters visibly before passing text on.

    ``keep_sgr`` lets rich's colour codes through (for a terminal); prompt
    toolkit's screen control never goes through here (see ``unwrapped``).
    """

    def __init__(self, stream: TextIO, keep_sgr: bool, best_effort: bool = False) -> None:
        self.stream = stream
        self.keep_sgr = keep_sgr
        # Standard error is best effort: when it cannot be written (a full
        # disk), a notice is lost, but a run that succeeded still exits 0.
        self.best_effort = best_effort

    def write(self, text: str) -> int:
        try:
            self.stream.write(cleaned(text, self.keep_sgr))
        except OSError:
            if not self.best_effort:
                raise
        return len(text)

    def flush(self) -> None:
        if getattr(self.stream, "closed", False):
            return  # closed under us (a test runner's capture, or at exit): nothing left to flush
        try:
            self.stream.flush()
        except OSError:
            if not self.best_effort:
                raise

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def errors(self) -> Any:  # type: ignore[override]
        return getattr(self.stream, "errors", "strict")


def unwrapped(stream: TextIO) -> TextIO:
    """The stream itself, or the one a ``CleanWriter`` passes its text on to.

    For the wizard's own drawing on a terminal: made visible, prompt
    toolkit's escape sequences would show as text (``<U+001B>[6n``) and its
    cursor-position request would never reach the terminal.
    """
    return stream.stream if isinstance(stream, CleanWriter) else stream


def fit_encoding(stream: Any) -> None:
    """Let a standard stream in a non-UTF-8 locale (zh_CN.GBK, ISO-8859-1, PYTHONIOENCODING=ascii)
    write any text: what it cannot encode becomes an ASCII look-alike or "?" instead of a crash.
    Files are written as UTF-8 bytes and never go through here."""
    if not encodes_everything(getattr(stream, "encoding", None)) and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=fallback_errors())


def install() -> None:
    """Route standard output and standard error through ``CleanWriter``: every line any command prints.

    On a terminal rich's colour codes pass; the wizard draws its prompts, the
    program's own escape sequences, on the stream inside (``unwrapped``).
    Both take any text whatever their encoding (``fit_encoding``).
    """
    import sys

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, CleanWriter):
            continue
        fit_encoding(stream)
        try:
            tty = stream.isatty()
        except (ValueError, OSError):
            tty = False
        setattr(sys, name, CleanWriter(stream, keep_sgr=tty, best_effort=name == "stderr"))

"""The checklist as plain text: what a pipe, a script or a .txt file gets — no escape codes."""

from __future__ import annotations

from ..core.checklist import Checklist


def to_text(checklist: Checklist, lang: str, why: bool = False, width: int = 80) -> str:
    """The terminal layout at ``width`` columns (at least 40), without styles or trailing spaces."""
    import io

    from rich.console import Console

    from .terminal import print_checklist

    buffer = io.StringIO()
    console = Console(file=buffer, width=max(width, 40), color_system=None, force_terminal=False, highlight=False, emoji=False)
    print_checklist(checklist, console, lang, why=why)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"

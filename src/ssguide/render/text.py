"""The checklist as plain text: what a pipe, a script or a .txt file gets — no escape codes."""

from __future__ import annotations

from ..core.checklist import Checklist
from ..record import replace
from .context import RenderContext


def render(checklist: Checklist, ctx: RenderContext) -> str:
    """The terminal's layout at ``ctx.width`` columns (at least 40), without styles or trailing spaces."""
    from .terminal import layout

    plain = replace(ctx, width=max(ctx.width, 40), styles=False, colour=False)
    return "\n".join(line.rstrip() for line in layout(checklist, plain).splitlines()) + "\n"

"""What every renderer takes besides the checklist, and the one signature they share.

The shell builds one ``RenderContext`` per run; each format in ``render/`` is a
module with ``render(checklist, ctx) -> str | bytes`` (``Renderer``), listed in
``shell.exporters.EXPORTERS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Union

from ..core.context import Context

if TYPE_CHECKING:
    from ..core.checklist_model import Checklist

# The procedures are Chinese: their days are China's days.
DEFAULT_TIMEZONE = "Asia/Shanghai"


class RenderContext(Context):
    """The run's language and day, and how its output is laid out."""

    width: int = 80  # columns of the terminal, or of plain text (at least 40)
    styles: bool = False  # escape codes for bold, dim and underline: standard output is a terminal
    colour: bool = False  # and for colours (not with NO_COLOR)
    why: bool = False  # --why: under each item, the answers that put it there
    timezone: str = DEFAULT_TIMEZONE  # calendar reminders ring at 09:00 here ($TZ when it names a zone)


class Renderer(Protocol):
    """A format: the checklist as text, or as bytes (a calendar)."""

    def __call__(self, checklist: Checklist, ctx: RenderContext) -> Union[str, bytes]: ...

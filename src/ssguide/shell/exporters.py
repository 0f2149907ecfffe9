"""Every format a checklist can be printed or exported in, in one table.

The table gives ``--format`` its choices, ``--export`` its file suffixes and
the error for an unknown one, and the web its downloads' media types. Each row names its renderer: a module of
``render/`` whose ``render(checklist, ctx)`` makes the text or bytes
(``render.context.Renderer``), imported only when used. A new format is a
renderer module and a row here.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ..errors import InputProblem
from ..lang.messages import Message
from ..record import Record

if TYPE_CHECKING:
    from ..render.context import RenderContext


class Exporter(Record):
    name: str  # as --format and messages say it
    suffixes: tuple[str, ...]  # file names --export takes for it; the first is the one help shows
    printable: bool  # a --format choice: printed to standard output
    renderer: str  # its module in render/
    # Printed on a terminal (standard output is one), this renderer instead: the styled checklist.
    on_terminal: Optional[str] = None
    # What the web says a download of it is (Content-Type).
    media_type: str = "application/octet-stream"

    def render(self, checklist: Any, ctx: RenderContext, terminal: bool = False) -> Union[str, bytes]:
        """The checklist in this format; with ``terminal``, as it is printed on one."""
        from importlib import import_module

        module = self.on_terminal if terminal and self.on_terminal else self.renderer
        renderer = import_module(f"..render.{module}", __package__).render
        return renderer(checklist, ctx)

    def data(self, checklist: Any, ctx: RenderContext) -> bytes:
        """The bytes of an exported file."""
        rendered = self.render(checklist, ctx)
        return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("markdown", (".md", ".markdown"), printable=True, renderer="markdown", media_type="text/markdown; charset=utf-8"),
    Exporter("json", (".json",), printable=True, renderer="json", media_type="application/json"),
    Exporter("ics", (".ics",), printable=False, renderer="ics", media_type="text/calendar; charset=utf-8"),
    Exporter("text", (".txt",), printable=True, renderer="text", on_terminal="terminal", media_type="text/plain; charset=utf-8"),
)

BY_NAME = {e.name: e for e in EXPORTERS}
DEFAULT_FORMAT = "text"

# --format's choices: the default first.
OutputFormat = Enum(  # type: ignore[misc]
    "OutputFormat",
    {name: name for name in [DEFAULT_FORMAT, *(e.name for e in EXPORTERS if e.printable and e.name != DEFAULT_FORMAT)]},
    type=str,
)
DEFAULT_OUTPUT = OutputFormat(DEFAULT_FORMAT)

# What `list` and `paths` print: text (the default) or json; not the checklist formats.
LISTING_FORMATS = (DEFAULT_FORMAT, "json")
ListingFormat = Enum("ListingFormat", {name: name for name in LISTING_FORMATS}, type=str)  # type: ignore[misc]
DEFAULT_LISTING = ListingFormat(DEFAULT_FORMAT)


class ExportSuffixes:
    """The suffixes ``--export`` takes, one per format, said as alternatives in a message's language."""

    def render(self, lang: str) -> str:
        from ..lang.i18n import locale

        return locale(lang).either([e.suffixes[0] for e in EXPORTERS])

    def __str__(self) -> str:
        return self.render("en")


def exporter_for(path: Path) -> Exporter:
    """The exporter a file name asks for, by its suffix."""
    suffix = path.suffix.lower()
    for exporter in EXPORTERS:
        if suffix in exporter.suffixes:
            return exporter
    raise InputProblem("err_export_type", path=str(path), suffix=suffix or Message("none"), suffixes=ExportSuffixes())


def shown_suffixes(separator: str) -> str:
    """".md, .json, .ics, .txt": one suffix per format, for help texts."""
    return separator.join(e.suffixes[0] for e in EXPORTERS)


def format_choices() -> list[str]:
    return [member.value for member in OutputFormat]

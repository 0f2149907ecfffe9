"""Every format a checklist can be printed or exported in, in one table.

The table gives ``--format`` its choices, ``--export`` its file suffixes and
the error for an unknown one; each entry names its renderer (imported only
when used). A new format is a renderer in ``render/`` and a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputProblem
from ..lang.messages import Message
from ..record import Record

class ExportContext(Record):
    """What a renderer may need besides the checklist: the language, --why, the width of plain text, the time zone."""

    lang: str
    why: bool = False
    width: int = 80
    timezone: Optional[str] = None  # calendar reminders ring at 09:00 here (None: China's, render.ics)


# render(checklist, context) -> text or bytes
Renderer = Callable[[Any, ExportContext], Union[str, bytes]]


class Exporter(Record):
    name: str  # as --format and messages say it
    suffixes: tuple[str, ...]  # file names --export takes for it; the first is the one help shows
    printable: bool  # a --format choice: printed to standard output
    render: Renderer

    def data(self, checklist: Any, context: ExportContext) -> bytes:
        """The bytes of an exported file."""
        rendered = self.render(checklist, context)
        return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


def _markdown(checklist: Any, context: ExportContext) -> str:
    from ..render.markdown import to_markdown

    return to_markdown(checklist, context.lang)


def _json(checklist: Any, context: ExportContext) -> str:
    from ..render.json import to_json

    return to_json(checklist, context.lang)


def _ics(checklist: Any, context: ExportContext) -> bytes:
    from ..render.ics import to_ics

    if context.timezone is None:
        return to_ics(checklist, context.lang)
    return to_ics(checklist, context.lang, timezone=context.timezone)


def _text(checklist: Any, context: ExportContext) -> str:
    from ..render.text import to_text

    return to_text(checklist, context.lang, context.why, context.width)


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("markdown", (".md", ".markdown"), printable=True, render=_markdown),
    Exporter("json", (".json",), printable=True, render=_json),
    Exporter("ics", (".ics",), printable=False, render=_ics),
    Exporter("text", (".txt",), printable=True, render=_text),
)

BY_NAME = {e.name: e for e in EXPORTERS}
DEFAULT_FORMAT = "text"  # on a terminal, the styled checklist (render.terminal)

# --format's choices: the default first.
OutputFormat = Enum(  # type: ignore[misc]
    "OutputFormat",
    {name: name for name in [DEFAULT_FORMAT, *(e.name for e in EXPORTERS if e.printable and e.name != DEFAULT_FORMAT)]},
    type=str,
)


def exporter_for(path: Path) -> Exporter:
    """The exporter a file name asks for, by its suffix."""
    suffix = path.suffix.lower()
    for exporter in EXPORTERS:
        if suffix in exporter.suffixes:
            return exporter
    raise InputProblem("err_export_type", path=str(path), suffix=suffix or Message("none"))


def shown_suffixes(separator: str) -> str:
    """".md, .json, .ics, .txt": one suffix per format, for help texts."""
    return separator.join(e.suffixes[0] for e in EXPORTERS)


def format_choices() -> list[str]:
    return [member.value for member in OutputFormat]

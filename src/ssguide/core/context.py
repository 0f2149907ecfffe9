"""``Context``: the language a run speaks and the day it counts from, in one value.

The shell makes one per run; the core, the authoring tools and every renderer
take it instead of a language and a date each. ``render.context.RenderContext``
adds what output needs (width, styles, --why, time zone).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from ..lang.i18n import LocalText, Locale, format_date, locale, plural, t
from ..record import Record
from .flowrefs import FLOW_REF, FLOW_REF_START

C = TypeVar("C", bound="Context")


class Context(Record):
    locale: Locale  # the language: its words (catalogs), punctuation, dates, line breaking
    today: date  # --today, or the clock's: deadlines and relative dates count from it
    # A flow text's {flow:ID} (a pointer at another flow) left as it is, for a face that links it
    # (the web); else worded as the terminal says it: "run `ssguide ID`".
    flow_links: bool = False

    @classmethod
    def of(cls: type[C], lang: str, today: date, **more: Any) -> C:
        """The context of the language whose code is ``lang``."""
        return cls(locale(lang), today, **more)

    @property
    def lang(self) -> str:
        """The language's code (en, zh), as catalogs, flow texts and JSON name it."""
        return self.locale.code

    def t(self, key: str, **values: object) -> str:
        """The program's message ``key`` in this language, its ``{name}`` values filled in."""
        return t(key, self.locale.code, **values)

    def plural(self, key: str, n: int) -> str:
        """``"{n} day|{n} days"`` style messages: the form for ``n``."""
        return plural(key, self.locale.code, n)

    def text(self, text: LocalText) -> str:
        """A flow's text in this language (else English, else what there is), each pointer at another flow worded."""
        found = text.get(self.locale.code)
        if FLOW_REF_START not in found or self.flow_links:
            return found
        return FLOW_REF.sub(lambda match: self.t("flow_ref", command=match.group("ref")), found)

    def format_date(self, day: date) -> str:
        """A date as this language writes it: 2026-11-02, 2026年11月2日."""
        return format_date(day, self.locale.code)

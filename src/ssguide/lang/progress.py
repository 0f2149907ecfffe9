"""How far along the questions are, in words: one wording for the wizard and the web.

A module of its own, importing nothing but the catalogs, so that the
terminal's first question does not wait for anything more.
"""

from __future__ import annotations

from .i18n import t


def progress_text(position: int, total: tuple[int, int] | None, lang: str) -> str:
    """ "Question 2 of 5" when the route is known, "Question 2 of 3–5" when answers still decide it."""
    if total is None:
        return t("progress_open", lang, position=position)
    low, high = max(total[0], position), max(total[1], position)
    count = str(low) if low == high else f"{low}–{high}"
    return t("progress", lang, position=position, total=count)

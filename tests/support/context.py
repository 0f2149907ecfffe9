"""The ``Context`` a test runs the core in: a language and a day (by default English, on the suite's Monday)."""

from __future__ import annotations

from datetime import date

from ssguide.core.context import Context

DAY = date(2026, 11, 23)  # a Monday: the suite's --today


def context(today: date | str = DAY, lang: str = "en") -> Context:
    """A context of ``lang`` on ``today`` (a date or its ISO text)."""
    return Context.of(lang, date.fromisoformat(today) if isinstance(today, str) else today)

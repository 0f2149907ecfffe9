"""Renderers: the checklist model as terminal text, plain text, Markdown, JSON and iCalendar.

One module per format (``terminal``, ``text``, ``markdown``, ``json``, ``ics``);
this one holds the wording they share. Every format is built from
``checklist.Checklist`` directly — never by scraping another format — so they
cannot drift apart. Sources are numbered in order of first citation and every
line points at its number. ``shell.exporters`` lists the formats.
"""

from __future__ import annotations

from typing import Any

from ..checklist import Checklist, DueDate, Entry
from ..flow import Question
from ..i18n import format_date, locale, plural, t
from ..safetext import visible


# ---------------------------------------------------------------- shared wording


def answer_label(question: Question, value: Any, lang: str) -> str:
    return visible(question.qtype.display(question, value, lang))  # a typed answer may hold a bidi override


def situation_line(checklist: Checklist, lang: str) -> str:
    """The user's situation in one line: the answers that shape the route."""
    parts = []
    same_as_heading = t("situation_names", lang).casefold().split()
    for question in checklist.questions:
        value = checklist.answers[question.id]
        label = answer_label(question, value, lang)
        name = (question.short or question.text).get(lang)
        # A choice speaks for itself without a short name, or when its name is the heading's own word
        # ("Your situation: Situation: …" would say it twice).
        if question.type == "choice" and (question.short is None or name.casefold() in same_as_heading):
            parts.append(label)
        else:
            parts.append(f"{name}{colon(lang)}{label}")
    return " · ".join(parts)


def source_numbers(checklist: Checklist) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(checklist.sources, start=1)}


def cite(entry_sources: Any, numbers: dict[str, int]) -> str:
    """"[1][3]": the item's sources by number, sorted."""
    return "".join(f"[{n}]" for n in sorted({numbers[sid] for sid in entry_sources if sid in numbers}))


def _event_name(due: DueDate, lang: str) -> str:
    event = due.anchor_event
    if isinstance(event, Question):
        return (event.event or event.short or event.text).get(lang)
    if event is not None:
        return event.text.get(lang)
    return ""


def _amount(due: DueDate, lang: str) -> str:
    offset = due.rule.offset
    return plural(f"unit_{offset.unit}", lang, offset.amount)


def due_headline(due: DueDate, lang: str) -> str | None:
    """"by 2026-12-06" / "valid until …", or None when the date is not known."""
    if due.date is None:
        return None
    key = {"valid_until": "valid_until", "ready_from": "ready_from", "expected_by": "expected_by"}.get(due.rule.meaning, "by_date")
    return t(key, lang, date=format_date(due.date, lang))


def due_explanation(due: DueDate, lang: str) -> str:
    """How the date comes about: "3 days after emergency treatment on 2026-12-03"."""
    direction = due.rule.offset.direction
    values = {"amount": _amount(due, lang), "event": _event_name(due, lang)}
    if due.anchor_date is not None:
        return t(f"offset_{direction}_on", lang, date=format_date(due.anchor_date, lang), **values)
    return t(f"offset_{direction}", lang, **values)


def due_flags(due: DueDate, lang: str) -> list[str]:
    flags = []
    if due.past:
        flags.append(t("past", lang))
    if due.estimate:
        flags.append(t("estimate", lang))
    return flags


def due_summary(due: DueDate, lang: str) -> str:
    """One phrase: "by 2026-12-06 (3 days after … on 2026-12-03; already past)"."""
    headline = due_headline(due, lang)
    inner = [due_explanation(due, lang), *due_flags(due, lang)]
    sep = locale(lang).clause_separator
    if headline:
        return locale(lang).after(headline, sep.join(inner))
    return sep.join(inner)


def why_text(entry: Entry, lang: str) -> str:
    parts = []
    for reason in entry.reasons:
        q = reason.question
        parts.append(f"{(q.short or q.text).get(lang)} → {answer_label(q, reason.value, lang)}")
    return locale(lang).clause_separator.join(parts)


def colon(lang: str) -> str:
    return locale(lang).colon


def earlier_text(entry: Entry, numbers: dict[str, int], lang: str) -> str | None:
    """The secondary line under a current rule: "Earlier practice (source [1]): …", or None."""
    if entry.earlier is None:
        return None
    label = t("earlier_label", lang, sources=cite(entry.earlier_source_ids, numbers))
    return f"{label}{colon(lang)}{entry.earlier.get(lang)}"


def act_by_text(entry: Entry, lang: str) -> str:
    """"Act by 2026-11-24 (3 days after emergency treatment on 2026-11-21)"."""
    assert entry.due is not None and entry.due.date is not None
    return t("act_by", lang, date=format_date(entry.due.date, lang), how=due_explanation(entry.due, lang))


def shown_citation(source: Any, lang: str) -> str:
    """A source's citation after its title, or "" when the title already says it (a law cited by name)."""
    citation = source.citation.get(lang)
    return "" if citation in source.title.get(lang) else citation

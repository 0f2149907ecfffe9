"""The checklist's dated deadlines as an iCalendar file (RFC 5545): one all-day event each.

Written here rather than through the icalendar package: the file uses eight
properties, and icalendar folded every line a character at a time (10,000
deadlines took 12 s). The tests read the calendar of every bundled outcome,
and hostile ones, back with icalendar and check it writes the same bytes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .. import __version__
from ..core.checklist import Checklist, Entry
from ..core.safetext import visible
from .context import RenderContext
from . import case_label, cite, colon, depends_title, due_headline, due_summary, earlier_text, overdue_text, shown_citation, source_numbers


def _escaped(text: str) -> str:
    """TEXT as RFC 5545 wants it: backslash, semicolon, comma and line breaks escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_line(text: str) -> str:
    """One line of calendar text: controls shown, every kind of line break a space, escaped."""
    return _escaped(" ".join(visible(text).split()))


def _ics_lines(text: str) -> str:
    """Calendar text that keeps its line breaks (escaped as "\\n", as the format wants)."""
    return _escaped("\n".join(" ".join(line.split()) for line in visible(text).split("\n")))


_LINE_OCTETS = 74  # of content before each fold; with the leading space a folded line is 75 octets


def _folded(line: str) -> str:
    """A content line folded as RFC 5545 says: at most 75 octets a line, never inside a UTF-8
    character, and never just after a backslash (some readers do not join an escape split in two)."""
    data = line.encode("utf-8")
    if len(data) <= _LINE_OCTETS:
        return line
    pieces = []
    start = 0
    while len(data) - start > _LINE_OCTETS:
        end = start + _LINE_OCTETS
        while data[end] & 0xC0 == 0x80:  # the middle of a character: cut before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start = end
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


REMINDER_HOUR = 9  # reminders ring at 09:00 local time, not at midnight


def event_summary(entry: Entry, ctx: RenderContext) -> str:
    """A calendar event's title: the ``short`` text of what to do (what still helps, once its date has passed;
    else the current rule's or the item's), else its first sentence, cut to fit."""
    overdue = entry.overdue
    if overdue is not None and entry.overdue_shown:
        short, text = overdue.short, ctx.text(overdue.text)
    else:
        short, text = entry.short, ctx.text(entry.text)
    if short is not None:
        return ctx.text(short)
    first = re.split(r"(?<=[.!?])\s|[。！？]", text, maxsplit=1)[0].rstrip(".")
    return first if len(first) <= 60 else first[:59].rstrip() + "…"


def reminder_day(due_on: date, ctx: RenderContext) -> date | None:
    """When to remind of a deadline: the day before, or its morning once the day before has passed (today); None once past."""
    if due_on < ctx.today:
        return None
    return max(due_on - timedelta(days=1), ctx.today)


def render(checklist: Checklist, ctx: RenderContext) -> bytes:
    """One all-day event per dated deadline or expectation; reminders at 09:00 in ``ctx.timezone`` for what the user must do.

    A deadline to meet (``must_act``: the Deadlines section) reminds the day
    before, or on its morning when the day before has passed, and never once
    past. What the user waits for (What to expect: a card ready to collect) is
    an event without a reminder. What the user has done has no event; a date
    gone by is titled with what still helps. Triggers are absolute times in UTC (RFC 5545 wants
    UTC there), worked out from 09:00 in ``ctx.timezone``, which the calendar
    names in X-WR-TIMEZONE.

    Every text goes through ``_ics_line``/``_ics_lines``: a folded YAML title
    ends in a newline, and no break of any kind may reach a content line raw.
    Properties come in icalendar's order (its canonical ones first, then by name).
    """
    from datetime import time
    from datetime import timezone as dt_timezone
    from zoneinfo import ZoneInfo

    flow = checklist.flow
    zone = ZoneInfo(ctx.timezone)
    created = _utc(datetime.combine(checklist.today, datetime.min.time(), tzinfo=dt_timezone.utc))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_escaped(f'-//ssguide//{__version__}//{ctx.lang.upper()}')}",
        f"X-WR-CALNAME:{_ics_line(ctx.text(flow.title))}",
        f"X-WR-TIMEZONE:{_escaped(ctx.timezone)}",
    ]
    numbers = source_numbers(checklist)
    # Certain dates, then those that hang on a "not sure" answer, each saying on what.
    dated: list[tuple[Entry, str, str]] = [(entry, "", "") for entry in checklist.dated_deadlines()]
    for g, group in enumerate(checklist.depends, start=1):
        for c, case in enumerate(group.cases, start=1):
            condition = f"{depends_title(group, ctx)} — {case_label(checklist, case, ctx)}"
            dated += [(e, condition, f"-if{g}.{c}") for e in case.entries if e.due is not None and e.due.date is not None and not e.done]
    for entry, condition, case_id in dated:
        assert entry.due is not None and entry.due.date is not None
        due_on = entry.due.date
        summary = event_summary(entry, ctx)
        depends = f"{condition}\n\n" if condition else ""
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_ics_line(summary if not condition else f'({condition}) {summary}')}",
            f"DTSTART;VALUE=DATE:{due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due_on + timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{created}",
            f"UID:{_escaped(f'{flow.id}-{entry.item.id}-{due_on.isoformat()}{case_id}@ssguide')}",
            f"DESCRIPTION:{_ics_lines(depends + event_description(entry, checklist, numbers, ctx))}",
        ]
        remind_on = reminder_day(due_on, ctx)
        # Reminders only for what the user must do (not what they wait for), and never for a day gone.
        if remind_on is not None and entry.due.must_act:
            ring_at = datetime.combine(remind_on, time(REMINDER_HOUR), tzinfo=zone).astimezone(dt_timezone.utc)
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_ics_line(f'{summary}{colon(ctx)}{due_headline(entry.due, ctx)}')}",
                f"TRIGGER;VALUE=DATE-TIME:{_utc(ring_at)}",  # RFC 5545: an absolute trigger says so
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines).encode("utf-8")


def event_description(entry: Entry, checklist: Checklist, numbers: dict[str, int], ctx: RenderContext) -> str:
    """What a calendar event says: the date and its rule, the rule as it is now, the earlier wording, sources, the disclaimer."""
    assert entry.due is not None
    lines = [due_summary(entry.due, ctx, entry.act_by), "", f"{ctx.text(entry.text)} {cite(entry.source_ids, numbers)}"]
    earlier = earlier_text(entry, numbers, ctx)
    if earlier:
        lines.append(earlier)
    still = overdue_text(entry, numbers, ctx)
    if still:
        lines.append(f"{ctx.t('overdue_label')}{colon(ctx)}{still}")
    overdue_sources = entry.overdue.sources if still and entry.overdue is not None else ()
    cited = sorted({*entry.source_ids, *entry.earlier_source_ids, *overdue_sources}, key=lambda sid: numbers[sid])
    lines += ["", f"{ctx.t('sources')}{colon(ctx).rstrip()}"]
    for sid in cited:
        source = checklist.flow.sources[sid]
        citation = shown_citation(source, ctx)
        lines.append(f"[{numbers[sid]}] {ctx.text(source.title)}" + (f" — {citation}" if citation else ""))
    lines += ["", ctx.t("disclaimer")]
    return "\n".join(lines)

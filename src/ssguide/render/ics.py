"""The checklist's dated deadlines as an iCalendar file (RFC 5545): one all-day event each.

Written with the icalendar package, which escapes, folds and orders the
content lines. icalendar is imported only here, when a calendar is written.
Each event is built once from icalendar's own value types and the calendar is
serialised once; what that costs per event (~0.3 ms) is why a flow holds at
most ``MAX_DATED_ITEMS`` dated items (core/structure.py, benchmarks/ics.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .. import __version__
from ..core.checklist import Checklist, Entry
from ..core.safetext import visible
from .context import RenderContext
from . import case_label, cite, colon, depends_title, due_headline, due_summary, earlier_text, overdue_text, shown_citation, source_numbers

if TYPE_CHECKING:  # icalendar itself is imported only when a calendar is written
    from icalendar import vText


def _ics_line(text: str) -> vText:
    """One line of calendar text: controls shown, every kind of line break a space (icalendar escapes it)."""
    from icalendar import vText

    line: vText = vText(" ".join(visible(text).split()))  # (icalendar's constructors read as Any to mypy)
    return line


def _ics_lines(text: str) -> vText:
    """Calendar text that keeps its line breaks ("\n", escaped by icalendar as the format wants)."""
    from icalendar import vText

    lines: vText = vText("\n".join(" ".join(line.split()) for line in visible(text).split("\n")))
    return lines


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
    """
    from datetime import time
    from datetime import timezone as dt_timezone
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Calendar, Event, vDDDTypes, vText

    flow = checklist.flow
    zone = ZoneInfo(ctx.timezone)
    calendar = Calendar()
    calendar["PRODID"] = vText(f"-//ssguide//{__version__}//{ctx.lang.upper()}")
    calendar["VERSION"] = vText("2.0")
    calendar["X-WR-CALNAME"] = _ics_line(ctx.text(flow.title))
    calendar["X-WR-TIMEZONE"] = vText(ctx.timezone)
    # Values every event shares are made once; each event's own are made as icalendar types
    # and set directly (Component.add would look the type up again for every value).
    created = vDDDTypes(datetime.combine(checklist.today, datetime.min.time(), tzinfo=dt_timezone.utc))
    display = vText("DISPLAY")
    numbers = source_numbers(checklist)
    # Certain dates, then those that hang on a "not sure" answer, each saying on what.
    # One event per item and date: an entry that several cases share is one event naming them all, so a
    # flow's events are bounded by its dated items (MAX_DATED_ITEMS), whatever its "not sure" questions.
    events: dict[tuple[str, date], tuple[Entry, dict[str, list[str]], str]] = {}
    for entry in checklist.dated_deadlines():
        assert entry.due is not None and entry.due.date is not None
        events.setdefault((entry.item.id, entry.due.date), (entry, {}, ""))
    for g, group in enumerate(checklist.depends, start=1):
        for c, case in enumerate(group.cases, start=1):
            for e in case.entries:
                if e.due is None or e.due.date is None or e.done:
                    continue
                entry, conditions, case_id = events.setdefault((e.item.id, e.due.date), (e, {}, f"-if{g}.{c}"))
                if case_id:  # a certain date needs no condition
                    conditions.setdefault(depends_title(group, ctx), []).append(case_label(checklist, case, ctx))
    dated = [
        (entry, "; ".join(f"{title} — {' / '.join(cases)}" for title, cases in conditions.items()), case_id)
        for entry, conditions, case_id in events.values()
    ]
    for entry, condition, case_id in dated:
        assert entry.due is not None and entry.due.date is not None
        due_on = entry.due.date
        summary = event_summary(entry, ctx)
        depends = f"{condition}\n\n" if condition else ""
        event = Event()
        event["SUMMARY"] = _ics_line(summary if not condition else f"({condition}) {summary}")
        event["DTSTART"] = vDDDTypes(due_on)
        event["DTEND"] = vDDDTypes(due_on + timedelta(days=1))
        event["DTSTAMP"] = created
        event["UID"] = vText(f"{flow.id}-{entry.item.id}-{due_on.isoformat()}{case_id}@ssguide")
        event["DESCRIPTION"] = _ics_lines(depends + event_description(entry, checklist, numbers, ctx))
        remind_on = reminder_day(due_on, ctx)
        # Reminders only for what the user must do (not what they wait for), and never for a day gone.
        if remind_on is not None and entry.due.must_act:
            ring_at = datetime.combine(remind_on, time(REMINDER_HOUR), tzinfo=zone).astimezone(dt_timezone.utc)
            alarm = Alarm()
            alarm["ACTION"] = display
            alarm["DESCRIPTION"] = _ics_line(f"{summary}{colon(ctx)}{due_headline(entry.due, ctx)}")
            trigger = vDDDTypes(ring_at)
            trigger.params["VALUE"] = "DATE-TIME"  # RFC 5545: an absolute trigger says so
            alarm["TRIGGER"] = trigger
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


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

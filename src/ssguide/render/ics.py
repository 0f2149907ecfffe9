"""The checklist's dated deadlines as an iCalendar file: one all-day event each."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import __version__
from ..checklist import Checklist
from ..i18n import t
from ..safetext import visible
from . import colon, due_summary, shown_citation, source_numbers


def _ics_line(text: str) -> Any:
    """One line of calendar text: controls shown, every kind of line break a space, escaped by icalendar."""
    from icalendar import vText

    return vText(" ".join(visible(text).split()))


def _ics_lines(text: str) -> Any:
    """Calendar text that keeps its line breaks ("\n", escaped by icalendar as the format wants)."""
    from icalendar import vText

    return vText("\n".join(" ".join(line.split()) for line in visible(text).split("\n")))


def to_ics(checklist: Checklist, lang: str, stamp: date | None = None) -> bytes:
    """One all-day event per dated deadline or expectation; a reminder the day before only for a must-do date not yet past.

    Every text goes through ``_ics_line``/``_ics_lines``: a folded YAML title
    ends in a newline, and no break of any kind may reach a content line raw.
    """
    from datetime import datetime, timedelta, timezone

    from icalendar import Alarm, Calendar, Event

    flow = checklist.flow
    cal = Calendar()
    cal.add("prodid", f"-//ssguide//{__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _ics_line(flow.title.get(lang)))
    created = datetime.combine(stamp or checklist.today, datetime.min.time(), tzinfo=timezone.utc)
    numbers = source_numbers(checklist)
    for entry in checklist.dated_deadlines():
        assert entry.due is not None and entry.due.date is not None
        event = Event()
        event.add("uid", f"{flow.id}-{entry.item.id}-{entry.due.date.isoformat()}@ssguide")
        event.add("dtstamp", created)
        event.add("summary", _ics_line(entry.text.get(lang)))
        event.add("dtstart", entry.due.date)
        event.add("dtend", entry.due.date + timedelta(days=1))
        cited = sorted((checklist.flow.sources[sid] for sid in entry.source_ids), key=lambda s: numbers[s.id])
        sources = "; ".join(
            f"[{numbers[s.id]}] {s.title.get(lang)}" + (f" — {c}" if (c := shown_citation(s, lang)) else "") for s in cited
        )
        description = f"{due_summary(entry.due, lang)}\n{t('source_label', lang)}{colon(lang)}{sources}\n\n{t('disclaimer', lang)}"
        event.add("description", _ics_lines(description))
        # Reminders only for what the user must do; one for a day already gone would only confuse.
        if entry.due.must_act and not entry.due.past:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _ics_line(entry.text.get(lang)))
            alarm.add("trigger", timedelta(days=-1))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()

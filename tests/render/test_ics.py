"""Calendar and Markdown exports: written together in one run, and in agreement.

Each run is a real process (``python -m ssguide``) that prints JSON on stdout
and writes ``--export out.ics --export out.md``, so the three outputs of one
run can be compared: one all-day VEVENT per dated deadline of the JSON, on the
same date, with a reminder at 09:00 China time the day before; the Markdown shows
the same dates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from support.context import context

SHANGHAI = ZoneInfo("Asia/Shanghai")

TODAY = "2026-11-23"


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "TZ"}
    e.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", **extra)
    return e


def export_run(
    tmp_path: Path, flow: str, sets: list[str], today: str = TODAY, lang: str = "en", **environ: str
) -> tuple[dict[str, Any], Path, Path, str]:
    ics, md = tmp_path / "out.ics", tmp_path / "out.md"  # relative names, run in tmp_path
    argv = [sys.executable, "-m", "ssguide", flow]
    for value in sets:
        argv += ["--set", value]
    argv += ["--no-input", "--format", "json", "--today", today, "--lang", lang, "--export", "out.ics", "--export", "out.md"]
    result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env(**environ), cwd=tmp_path, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), ics, md, result.stderr


def dated(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Dated deadlines (must do) and dated expectations (waited for): each is a calendar event."""
    return [e for e in data["deadlines"] + data["expect"] if e["deadline"]["date"] is not None]


# Not yet told the agency, not paid, at a networked hospital: the emergency checklist before anything is done.
NOT_YET = ("reported=no", "costs=unpaid", "networked=networked")
DATED_CASES = {
    "offsite-short-trip-emergency": (
        "offsite",
        ["stay=short_trip", "destination=other_province", "emergency_happened=yes", "emergency_on=2026-12-03", "reported=no",
         "paid_home=no", "networked=networked"],
        "2026-12-04",
        ["2026-12-06"],
    ),
    "emergency-treatment": (
        "emergency", ["situation=emergency", "destination=other_province", "emergency_on=2026-11-21", *NOT_YET], TODAY, ["2026-11-24"]
    ),
    "emergency-past": (
        "emergency", ["situation=emergency", "destination=same_province", "emergency_on=2026-11-01", "reported=no", "costs=unpaid"], TODAY,
        ["2026-11-04"],
    ),
    "apply-child-school-working-days": (
        "apply-child",
        ["route=school", "low_income=no", "poor_family=no", "card_accepted=yes", "accepted_on=2026-11-02"],
        TODAY,
        None,  # working days: the date is the JSON's, checked against the calendar below
    ),
}


@pytest.mark.parametrize("case", list(DATED_CASES))
def test_ics_and_markdown_written_in_one_run(tmp_path: Path, case: str) -> None:
    flow, sets, today, expected_dates = DATED_CASES[case]
    data, ics, md, stderr = export_run(tmp_path, flow, sets, today)

    assert ics.is_file() and md.is_file(), "both exports must be written by one run"
    assert "out.ics" in stderr and "out.md" in stderr, "each written file is confirmed on stderr"

    deadlines = dated(data)
    assert deadlines, "this case has a dated deadline"
    if expected_dates is not None:
        assert [e["deadline"]["date"] for e in deadlines] == expected_dates

    raw = ics.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.rstrip().endswith(b"END:VCALENDAR")
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0"
    assert "ssguide" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert len(events) == len(deadlines), "one VEVENT per dated deadline"
    uids = [str(ev["UID"]) for ev in events]
    assert len(set(uids)) == len(uids)

    by_item = {str(ev["UID"]).split("@")[0]: ev for ev in events}
    markdown = md.read_text(encoding="utf-8")
    for entry in deadlines:
        event = by_item[f"{flow}-{entry['id']}-{entry['deadline']['date']}"]
        start = event["DTSTART"].dt
        assert isinstance(start, date) and not isinstance(start, datetime), "an all-day event has a DATE start"
        assert start.isoformat() == entry["deadline"]["date"]
        end = event["DTEND"].dt
        assert not isinstance(end, datetime) and end == start + timedelta(days=1)
        assert len(str(event["SUMMARY"])) <= 60, "the title is short; the description has the whole text"
        description = str(event["DESCRIPTION"])
        assert entry["deadline"]["summary"] in description
        assert entry["text"] in description
        if entry["earlier"] is not None:
            assert entry["earlier"]["text"] in description, "the source's earlier wording under the rule as it is now"
        for sid in entry["sources"]:
            citation = next(s["citation"] for s in data["sources"] if s["id"] == sid)
            assert citation in description, f"the event names its source {sid}"
        assert "guidance, not legal advice" in description

        alarms = event.walk("VALARM")
        if entry["deadline"]["past"]:
            assert alarms == [], "no reminder of a day already gone"
        elif not entry["deadline"]["must_act"]:
            assert alarms == [], "no reminder for what the user only waits for"
        else:
            assert len(alarms) == 1
            rings = alarms[0]["TRIGGER"].dt.astimezone(SHANGHAI)
            assert rings.replace(tzinfo=None) == datetime.combine(start - timedelta(days=1), datetime.min.time()).replace(hour=9)
            assert str(alarms[0]["ACTION"]) == "DISPLAY"

        assert entry["deadline"]["date"] in markdown, "the Markdown shows the same date"
        assert entry["deadline"]["summary"] in markdown
    if case == "emergency-past":
        assert "already past" in markdown


def test_chinese_export_keeps_calendar_dates(tmp_path: Path) -> None:
    data, ics, md, _ = export_run(
        tmp_path,
        "offsite",
        ["stay=short_trip", "destination=other_province", "emergency_happened=yes", "emergency_on=2026-12-03", "reported=no",
         "paid_home=no", "networked=not_networked"],
        today="2026-12-04",
        lang="zh",
    )
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [ev["DTSTART"].dt for ev in events] == [date(2026, 12, 6)]
    assert [e["deadline"]["date"] for e in dated(data)] == ["2026-12-06"]
    markdown = md.read_text(encoding="utf-8")
    assert "2026年12月6日" in markdown
    # Across provinces the title is the soft wording of the current rule (issue 20): tell promptly, some places ask within 3 days.
    assert str(events[0]["SUMMARY"]) == "及时告知参保地（部分地区要求三日内）"
    assert "急诊抢救后三日内" in str(events[0]["DESCRIPTION"]) and "仅供参考" in str(events[0]["DESCRIPTION"])


@pytest.mark.parametrize(
    ("flow", "sets"),
    [
        ("card", ["reason=lost", "reported=no", "urgent=yes"]),
        ("offsite", ["stay=long_term", "destination=same_province", "filed=no", "networked=networked"]),
        # A deadline item whose anchor was never asked: shown relatively, not in the calendar.
        ("offsite", ["stay=short_trip", "destination=other_province", "emergency_happened=no", "filed=no", "paid_home=no", "networked=networked"]),
        ("apply-child", ["route=not_in_school", "low_income=no", "card_accepted=no"]),
    ],
)
def test_no_dated_deadline_gives_an_empty_valid_calendar(tmp_path: Path, flow: str, sets: list[str]) -> None:
    data, ics, md, _ = export_run(tmp_path, flow, sets)
    assert dated(data) == []
    cal = Calendar.from_ical(ics.read_bytes())
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert cal.walk("VEVENT") == []
    assert cal.walk("VALARM") == []
    assert md.read_text(encoding="utf-8").startswith("# ")


def alarm_times(ics: Path) -> list[datetime]:
    return [alarm["TRIGGER"].dt for alarm in Calendar.from_ical(ics.read_bytes()).walk("VALARM")]


@pytest.mark.parametrize(
    ("emergency_on", "rings_at"),
    [
        ("2026-11-22", datetime(2026, 11, 24, 9, 0)),  # due 25 Nov: 09:00 the day before
        ("2026-11-21", datetime(2026, 11, 23, 9, 0)),  # due tomorrow: the day before is today
        ("2026-11-20", datetime(2026, 11, 23, 9, 0)),  # due today: the day before has passed, so its morning
        ("2026-11-19", None),  # past: no reminder at all
    ],
)
def test_reminders_ring_at_nine_in_the_morning_china_time(tmp_path: Path, emergency_on: str, rings_at: datetime | None) -> None:
    _, ics, _, _ = export_run(tmp_path, "emergency", ["situation=emergency", "destination=other_province", f"emergency_on={emergency_on}", *NOT_YET])
    times = alarm_times(ics)
    if rings_at is None:
        assert times == []
        assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 1, "the past deadline is still an event"
    else:
        assert [t.astimezone(SHANGHAI).replace(tzinfo=None) for t in times] == [rings_at]
        assert times[0].utcoffset() == timedelta(0), "an absolute trigger is in UTC (RFC 5545)"


def test_reminders_follow_the_users_time_zone_when_known(tmp_path: Path) -> None:
    _, ics, _, _ = export_run(tmp_path, "emergency", ["situation=emergency", "destination=other_province", "emergency_on=2026-11-22", *NOT_YET], TZ="Europe/Berlin")
    (rings,) = alarm_times(ics)
    assert rings.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None) == datetime(2026, 11, 24, 9, 0)
    assert "X-WR-TIMEZONE:Europe/Berlin" in ics.read_text(encoding="utf-8")


def test_an_unknown_tz_falls_back_to_china_time(tmp_path: Path) -> None:
    _, ics, _, _ = export_run(tmp_path, "emergency", ["situation=emergency", "destination=other_province", "emergency_on=2026-11-22", *NOT_YET], TZ="CST-8")
    (rings,) = alarm_times(ics)
    assert rings.astimezone(SHANGHAI).hour == 9


def test_what_the_user_waits_for_is_an_event_without_a_reminder(tmp_path: Path) -> None:
    data, ics, _, _ = export_run(tmp_path, "apply-child", ["route=not_in_school", "low_income=no", "card_accepted=yes", "accepted_on=2026-11-20"])
    (entry,) = dated(data)
    assert entry["deadline"]["meaning"] == "ready_from"
    (event,) = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Child's card ready to collect"
    assert event.walk("VALARM") == []


def test_every_bundled_outcome_reads_back_to_the_same_bytes() -> None:
    """Every calendar a bundled outcome gives reads back (icalendar parses it and writes the same bytes again)."""
    from ssguide.authoring.analysis import analyse
    from ssguide.core.checklist import build
    from ssguide.render.context import RenderContext
    from ssguide.render.ics import render
    from ssguide.shell.registry import bundled_flows, resolve

    today = date.fromisoformat(TODAY)
    written = 0
    for info in bundled_flows():
        flow = resolve(info.id)
        analysis = analyse(flow, context(today))
        for outcome in analysis.outcomes + analysis.unsure_outcomes:
            checklist = build(flow, outcome.answer_dict(), context(today))
            for lang in ("en", "zh"):
                data = render(checklist, RenderContext.of(lang, today))
                assert Calendar.from_ical(data).to_ical() == data, (info.id, outcome.answers, lang)
                written += b"BEGIN:VEVENT" in data
    assert written > 50  # most outcomes have a dated deadline


def test_a_done_item_has_no_event_and_a_date_gone_by_is_titled_with_what_still_helps(tmp_path: Path) -> None:
    """Issue 20: nothing in the calendar for what is done; a missed window's event says what still helps, softly."""
    sets = ["situation=emergency", "destination=other_province", "emergency_on=2026-12-01", "costs=unpaid", "networked=networked"]
    (tmp_path / "done").mkdir()
    (tmp_path / "late").mkdir()
    _, done, _, _ = export_run(tmp_path / "done", "emergency", [*sets, "reported=yes"], today="2026-12-07")
    assert Calendar.from_ical(done.read_bytes()).walk("VEVENT") == []
    data, late, md, _ = export_run(tmp_path / "late", "emergency", [*sets, "reported=no"], today="2026-12-07")
    (event,) = Calendar.from_ical(late.read_bytes()).walk("VEVENT")
    # Across provinces the current rule's own words: deemed filed, so no "late report" but what else the place needs.
    assert str(event["SUMMARY"]) == "Tell your insured place now; ask what else it needs"
    description = str(event["DESCRIPTION"])
    assert "What still helps: Tell your insured place's medical insurance agency now, ask whether it needs anything more" in description
    assert "ssguide editors' note" in description, "the source of what still helps is named"
    assert event.walk("VALARM") == []
    assert "What still helps" in md.read_text(encoding="utf-8")

"""Calendar and Markdown exports: written together in one run, and in agreement.

Each run is a real process (``python -m ssguide``) that prints JSON on stdout
and writes ``--export out.ics --export out.md``, so the three outputs of one
run can be compared: one all-day VEVENT per dated deadline of the JSON, on the
same date, with a reminder one day before; the Markdown shows the same dates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

TODAY = "2026-11-23"


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    e.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    return e


def export_run(tmp_path: Path, flow: str, sets: list[str], today: str = TODAY, lang: str = "en") -> tuple[dict[str, Any], Path, Path, str]:
    ics, md = tmp_path / "out.ics", tmp_path / "out.md"  # relative names, run in tmp_path
    argv = [sys.executable, "-m", "ssguide", flow]
    for value in sets:
        argv += ["--set", value]
    argv += ["--no-input", "--format", "json", "--today", today, "--lang", lang, "--export", "out.ics", "--export", "out.md"]
    result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env(), cwd=tmp_path, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), ics, md, result.stderr


def dated(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Dated deadlines (must do) and dated expectations (waited for): each is a calendar event."""
    return [e for e in data["deadlines"] + data["expect"] if e["deadline"]["date"] is not None]


DATED_CASES = {
    "offsite-short-trip-emergency": (
        "offsite",
        ["stay=short_trip", "destination=other_province", "emergency_happened=yes", "emergency_on=2026-12-03", "networked=networked"],
        "2026-12-04",
        ["2026-12-06"],
    ),
    "emergency-treatment": (
        "emergency", ["situation=emergency", "destination=other_province", "emergency_on=2026-11-21"], TODAY, ["2026-11-24"]
    ),
    "emergency-past": (
        "emergency", ["situation=emergency", "destination=same_province", "emergency_on=2026-11-01"], TODAY, ["2026-11-04"]
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

    by_summary = {str(ev["SUMMARY"]): ev for ev in events}
    markdown = md.read_text(encoding="utf-8")
    for entry in deadlines:
        event = by_summary[entry["text"]]
        start = event["DTSTART"].dt
        assert isinstance(start, date) and not isinstance(start, datetime), "an all-day event has a DATE start"
        assert start.isoformat() == entry["deadline"]["date"]
        end = event["DTEND"].dt
        assert not isinstance(end, datetime) and end == start + timedelta(days=1)
        description = str(event["DESCRIPTION"])
        assert entry["deadline"]["summary"] in description
        for sid in entry["sources"]:
            citation = next(s["citation"] for s in data["sources"] if s["id"] == sid)
            assert citation in description, f"the event names its source {sid}"

        alarms = event.walk("VALARM")
        if entry["deadline"]["past"]:
            assert alarms == [], "no reminder of a day already gone"
        elif not entry["deadline"]["must_act"]:
            assert alarms == [], "no reminder for what the user only waits for"
        else:
            assert len(alarms) == 1
            trigger = alarms[0]["TRIGGER"].dt
            assert trigger == timedelta(days=-1)
            assert str(alarms[0]["ACTION"]) == "DISPLAY"

        assert entry["deadline"]["date"] in markdown, "the Markdown shows the same date"
        assert entry["deadline"]["summary"] in markdown
    if case == "emergency-past":
        assert "already past" in markdown


def test_chinese_export_keeps_calendar_dates(tmp_path: Path) -> None:
    data, ics, md, _ = export_run(
        tmp_path,
        "offsite",
        ["stay=short_trip", "destination=other_province", "emergency_happened=yes", "emergency_on=2026-12-03", "networked=not_networked"],
        today="2026-12-04",
        lang="zh",
    )
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [ev["DTSTART"].dt for ev in events] == [date(2026, 12, 6)]
    assert [e["deadline"]["date"] for e in dated(data)] == ["2026-12-06"]
    markdown = md.read_text(encoding="utf-8")
    assert "2026年12月6日" in markdown
    assert "急诊抢救" in str(events[0]["SUMMARY"])


@pytest.mark.parametrize(
    ("flow", "sets"),
    [
        ("card", ["reason=lost", "urgent=yes"]),
        ("offsite", ["stay=long_term", "destination=same_province", "networked=networked"]),
        # A deadline item whose anchor was never asked: shown relatively, not in the calendar.
        ("offsite", ["stay=short_trip", "destination=other_province", "emergency_happened=no", "networked=networked"]),
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

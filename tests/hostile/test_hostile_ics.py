"""The calendar export takes whatever text a flow holds, and as many deadlines as a flow may have: escaped and
folded as RFC 5545 says (icalendar reads it back to the same bytes), never a broken or injected line, never
minutes; a flow with more dated items than that is refused at load."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from icalendar import Calendar

from support.cli import TINY_FLOW, cli_env, invoke
from support.context import context

from ssguide.core.structure import MAX_DATED_ITEMS as MAX_DATED

HEAD = "id: r\ntitle: R\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"


def export(tmp_path: Path, flow_text: str) -> tuple[object, bytes]:
    flow = tmp_path / "f.yaml"
    flow.write_text(flow_text, encoding="utf-8")
    out = tmp_path / "out.ics"
    result = invoke("run", str(flow), "--no-input", "--set", "route=school", "--set", "treated=2026-11-20",
                    "--export", str(out), "--save-answers", str(tmp_path / "a.yaml"))
    return result, out.read_bytes() if out.exists() else b""


def test_a_folded_title_with_its_trailing_newline_is_exported(tmp_path: Path) -> None:
    result, data = export(tmp_path, TINY_FLOW.replace("title: Demo\n", "title: >\n  Demo\n  calendar\n"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.yaml").exists()  # the answers are not lost either
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Demo calendar"


def test_line_breaks_of_every_kind_never_break_a_content_line(tmp_path: Path) -> None:
    text = '"Claim\\vnow\\fplease\\x1c\\x1d\\x1e\\N\\L\\Pend\\e[31m"'
    # The loader refuses the controls; the Unicode separators it lets through are shown, not applied.
    result, _ = export(tmp_path, TINY_FLOW.replace("    text: Claim.", f"    text: {text}"))
    assert result.returncode == 1 and "control character" in result.stderr
    result, data = export(tmp_path, TINY_FLOW.replace("    text: Claim.", '    text: "Claim\\L\\Pnow"').replace("title: Demo", "title: |\n  Demo\n  two"))
    assert result.returncode == 0, result.stderr
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b""))
    assert "\u2028".encode() not in data and "\u2029".encode() not in data and b"\xc2\x85" not in data
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Claim<U+2028><U+2029>now"
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "Demo two"


def calls_while(work) -> tuple[object, int]:
    """What ``work()`` returns and how many Python and C functions it called: a cost no busy machine changes."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        return work(), calls
    finally:
        sys.setprofile(None)


def many_deadlines(n: int) -> str:
    items = "".join(
        f"  - {{id: dl{i}, kind: deadline, text: 'Deadline {i}, with a comma; a semicolon \\\\ and 中文的长句子，一直写到需要折行为止。', "
        f"source: s1, deadline: {{from: {{question: d}}, after: {{days: {i % 300}}}}}}}\n"
        for i in range(n)
    )
    return HEAD + f"questions:\n  - {{id: d, type: date, text: When?}}\nitems:\n{items}"


def test_as_many_deadlines_as_a_flow_may_have_cost_a_few_thousand_calls_each_and_read_back_the_same() -> None:
    from ssguide.core.checklist import build
    from ssguide.core.loader import parse_flow
    from ssguide.core.structure import MAX_DATED_ITEMS
    from ssguide.render.context import RenderContext
    from ssguide.render.ics import render

    n = MAX_DATED_ITEMS
    flow = parse_flow(many_deadlines(n), "many.yaml")
    checklist = build(flow, {"d": date(2026, 11, 20)}, context(date(2026, 11, 23)))
    ctx = RenderContext.of("zh", date(2026, 11, 23))
    render(checklist, ctx)  # icalendar imported and its tables built before counting
    data, calls = calls_while(lambda: render(checklist, ctx))
    # icalendar 7 folds a character at a time: ~3,300 calls an event of this text. Each event built once and the
    # calendar serialised once; serialising each event again, or building it twice, passes 5,000.
    assert calls < 5_000 * n, f"{calls / n:.0f} calls an event"
    calendar = Calendar.from_ical(data)
    assert len(calendar.walk("VEVENT")) == n
    assert calendar.to_ical() == data
    summaries = {str(event["UID"]): str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries["r-dl5-2026-11-25@ssguide"].startswith("Deadline 5, with a comma; a semicolon \\\\ and 中文")
    assert b"SUMMARY:Deadline 5\\, with a comma\\; a semicolon \\\\\\\\ and" in data  # escaped as RFC 5545 says
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character cut in two


def test_a_flow_with_more_dated_items_than_the_calendar_can_write_in_time_is_refused_at_load(tmp_path: Path) -> None:
    from ssguide.core.structure import MAX_DATED_ITEMS

    (tmp_path / "many.yaml").write_text(many_deadlines(MAX_DATED_ITEMS + 1), encoding="utf-8")
    result = invoke("validate", str(tmp_path / "many.yaml"))
    assert result.returncode == 1
    # The first dated item too many, where its deadline is: line 8 holds the first item.
    line = 8 + MAX_DATED_ITEMS
    assert f"many.yaml:{line}:132: {MAX_DATED_ITEMS + 1} items with a deadline, more than the {MAX_DATED_ITEMS}" in result.stderr, result.stderr
    (tmp_path / "many.yaml").write_text(many_deadlines(MAX_DATED_ITEMS), encoding="utf-8")
    assert invoke("validate", str(tmp_path / "many.yaml")).returncode == 0


def test_too_many_dated_items_are_refused_before_any_item_is_read(tmp_path: Path) -> None:
    """As many items as a flow may have, each with a deadline, and the last of a kind there is not: the one
    error is the count (reading 20,000 items on to find more took as long again as reading the file)."""
    from ssguide.core.structure import MAX_DATED_ITEMS, MAX_ITEMS

    text = many_deadlines(MAX_ITEMS)
    last = f"  - {{id: dl{MAX_ITEMS - 1}, kind: deadline,"
    assert text.count(last) == 1
    (tmp_path / "many.yaml").write_text(text.replace(last, last.replace("kind: deadline", "kind: dedline")), encoding="utf-8")
    result = invoke("validate", str(tmp_path / "many.yaml"))
    assert result.returncode == 1
    problems = result.stderr.splitlines()[:-1]
    assert problems == [f"{tmp_path / 'many.yaml'}:{8 + MAX_DATED_ITEMS}:132: {MAX_ITEMS} items with a deadline, more than the {MAX_DATED_ITEMS} "
                        "a flow may have (each is a calendar event); split it into several flows"], result.stderr[-500:]


def twenty_cases(n: int) -> str:
    """``n`` dated items that hold in 19 of the 20 answers to a "not sure" question asked after the date."""
    choices = ", ".join(f"{{value: v{k}, label: V{k}}}" for k in range(20))
    return many_deadlines(n).replace("text: When?}", "text: When?, next: c}").replace(
        "items:\n", f"  - {{id: c, type: choice, text: Which?, unsure: true, choices: [{choices}],\n"
        "     how_to_find_out: {source: s1, text: Ask.}}\nitems:\n  - {id: always, kind: step, text: Go., source: s1}\n",
    ).replace("source: s1, deadline:", "source: s1, when: {c: {ne: v0}}, deadline:")


def test_deadlines_under_a_not_sure_answer_are_one_event_each_whatever_the_number_of_cases() -> None:
    """Review: each case of a "not sure" group listed its dated entries again, so 1,000 dated items under a
    20-choice question made 19,000 events (10 s, 13 MB) from a flow within the limits. An item and its date
    are one event, naming every case it belongs to: the events stay bounded by the dated items. (200 items
    here: few enough that all 20 cases are followed one by one; see the next test for 1,000.)"""
    from ssguide.core.checklist import build
    from ssguide.core.loader import parse_flow
    from ssguide.core.qtypes import UNSURE
    from ssguide.render.context import RenderContext
    from ssguide.render.ics import render

    n = 200
    flow = parse_flow(twenty_cases(n), "many.yaml")
    checklist = build(flow, {"c": UNSURE, "d": date(2026, 11, 20)}, context(date(2026, 11, 23)))
    assert sum(len(case.entries) for group in checklist.depends for case in group.cases) >= 19 * n  # as the review had it
    calendar = Calendar.from_ical(render(checklist, RenderContext.of("en", date(2026, 11, 23))))
    events = calendar.walk("VEVENT")
    assert len(events) == n
    summary = str(events[0]["SUMMARY"])
    assert summary.count(" — ") == 1 and summary.count(" / ") == 18 and "V1 /" in summary and "V19)" in summary and "V0" not in summary


def test_a_flow_at_the_dated_item_limit_under_a_twenty_way_not_sure_answer_is_printed_in_a_few_seconds(tmp_path: Path) -> None:
    """1,000 dated items under a 20-choice "not sure" question: every case followed one by one listed 19,000
    lines, 6.4 s of rich's layout for `--format text`. The completions a checklist follows are bounded by the
    work they cost (engine.COMPLETION_WORK), past which the answer stays "not sure" and an item that may apply
    is listed once: the whole run, text and calendar, within 3 s of CPU."""
    from support.budget import children_cpu

    flow = tmp_path / "big.yaml"
    flow.write_text(twenty_cases(MAX_DATED), encoding="utf-8")
    with children_cpu() as spent:
        result = subprocess.run(
            [sys.executable, "-m", "ssguide", "run", str(flow), "--set", "d=2026-12-01", "--set", "c=unsure", "--no-input",
             "--format", "text", "--export", str(tmp_path / "x.ics"), "--today", "2026-11-23"],
            capture_output=True, text=True, env=cli_env(), timeout=120,
        )
    assert result.returncode == 0, result.stderr
    assert spent() < 3.0, f"{spent():.1f} s of CPU"
    assert (tmp_path / "x.ics").read_bytes().count(b"BEGIN:VEVENT") == MAX_DATED

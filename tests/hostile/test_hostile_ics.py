"""The calendar export takes whatever text a flow holds: escaped by icalendar, never a broken or injected line."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar

from support.cli import TINY_FLOW, invoke


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

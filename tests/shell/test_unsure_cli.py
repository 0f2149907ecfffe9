""""Not sure" from the command line: --set, answers files, --no-input, and every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import invoke
from support.context import context

OFFSITE_LONG = ("--set", "stay=long_term", "--set", "destination=other_province", "--set", "filed=no")


def checklist_json(*args: str) -> dict:
    result = invoke(*args, "--no-input", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("word", ["unsure", "not sure", "Not Sure", "不确定"])
def test_every_way_to_say_not_sure_is_the_same_answer(word: str) -> None:
    data = checklist_json("offsite", *OFFSITE_LONG, "--set", f"networked={word}")
    assert data["answers"]["networked"]["value"] == "unsure"
    assert data["answers"]["networked"]["label"] == "Not sure"
    assert [g["questions"] for g in data["depends_on"]] == [["networked"]]


def test_not_sure_where_the_flow_does_not_allow_it_is_refused_in_one_line() -> None:
    result = invoke("offsite", "--set", "stay=unsure", "--no-input")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "'unsure' is not" in result.stderr and "Traceback" not in result.stderr


def test_answers_files_read_and_write_not_sure(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("stay: long_term\ndestination: other_province\nfiled: no\nnetworked: 不确定\n", encoding="utf-8")
    saved = tmp_path / "saved.yaml"
    result = invoke("offsite", "--answers", str(answers), "--no-input", "--save-answers", str(saved))
    assert result.returncode == 0, result.stderr
    assert "networked: unsure" in saved.read_text(encoding="utf-8")
    again = checklist_json("offsite", "--answers", str(saved))
    assert again["answers"]["networked"]["value"] == "unsure"


def test_a_not_sure_card_date_gives_the_deadline_without_a_date_and_what_it_counts_from() -> None:
    data = checklist_json(
        "apply-child", "--set", "route=not_in_school", "--set", "low_income=no", "--set", "card_accepted=yes", "--set", "accepted_on=unsure"
    )
    deadline = next(e for e in data["expect"] if e["id"] == "home-card-deadline")
    assert deadline["deadline"]["date"] is None
    assert deadline["deadline"]["summary"] == "20 working days after card-making was accepted"
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["accepted_on"]
    assert data["depends_on"][0]["cases"] == [] and data["depends_on"][0]["how_to_find_out"][0]["sources"] == ["seed-000", "seed-002"]


def test_not_sure_of_card_making_finds_that_out_and_asks_no_date() -> None:
    """Issue 20, fix 3.2 (it asked the date the "yes" route needs before): finding out comes first."""
    data = checklist_json("apply-child", "--set", "route=not_in_school", "--set", "low_income=no", "--set", "card_accepted=unsure")
    assert "accepted_on" not in data["answers"]
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["card_accepted"]


def test_markdown_groups_what_depends_on_the_answer() -> None:
    result = invoke("offsite", *OFFSITE_LONG, "--set", "networked=unsure", "--no-input", "--format", "markdown")
    out = result.stdout
    # One heading for what depends on the answer, the question itself (it was under a second, umbrella one).
    assert "## Depends on: Is the hospital a networked designated institution" in out
    assert "not sure of" not in out and "###" not in out
    assert "_How to find out: Look the hospital up in the list of networked designated institutions" in out
    assert out.index("**If Yes:**") < out.index("At a networked designated institution, show") < out.index("**If No:**")
    assert "2. **Find out whether the hospital is a networked designated institution: look the hospital up" in out
    steps = out[out.index("## Steps"):out.index("## Sources")]
    assert "At a networked designated institution, show" not in steps


def test_markdown_in_chinese() -> None:
    result = invoke("offsite", *OFFSITE_LONG, "--set", "networked=unsure", "--no-input", "--format", "markdown", "--lang", "zh")
    out = result.stdout
    assert "## 取决于：就医的医院是否为" in out and "**如果是：**" in out and "**如果否：**" in out
    assert "取决于您不确定的回答" not in out
    assert "_如何查明：在国家医保服务平台App或网站的联网定点医疗机构名单中查询该医院" in out


def test_why_names_the_not_sure_answer() -> None:
    result = invoke("offsite", *OFFSITE_LONG, "--set", "networked=unsure", "--no-input", "--why")
    assert "Because: Networked hospital → Not sure" in " ".join(result.stdout.split())


def test_calendar_events_that_depend_on_an_answer_say_on_what(tmp_path: Path) -> None:
    from icalendar import Calendar

    ics = tmp_path / "cal.ics"
    # Not sure whether the school counts the child as from a poor family: which card date applies depends on it.
    result = invoke(
        "apply-child", "--set", "route=school", "--set", "low_income=no", "--set", "poor_family=unsure", "--set", "card_accepted=yes",
        "--set", "accepted_on=2026-11-02", "--no-input", "--export", str(ics),
    )
    assert result.returncode == 0, result.stderr
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert len(events) == 2
    question = "Does the school count your child as from a poor family?"
    assert sorted(str(e["SUMMARY"]).split(") ")[0] for e in events) == [f"(Depends on: {question} — If No", f"(Depends on: {question} — If Yes"]
    assert all("If " in str(e["DESCRIPTION"]) for e in events)
    assert {e["DTSTART"].dt.isoformat() for e in events} == {"2026-11-30"}


def test_progress_counts_the_questions_of_every_route_a_not_sure_answer_allows() -> None:
    from datetime import date

    from ssguide.core.engine import total_range
    from ssguide.core.loader import parse_flow
    from ssguide.core.qtypes import UNSURE

    flow = parse_flow(
        """
id: p
title: P
sources: [{id: s, title: S, citation: s}]
questions:
  - {id: moved, type: yesno, text: Moved?, unsure: true, next: [{when: {moved: false}, goto: end}, {goto: where}]}
  - {id: where, type: text, text: Where?, next: when}
  - {id: when, type: date, text: When?}
items: [{id: i, kind: step, text: Do., source: s}]
""",
        "p.yaml",
    )
    day = date(2026, 11, 23)
    assert total_range(flow, {}, context(day)) == (1, 3)
    assert total_range(flow, {"moved": False}, context(day)) == (1, 1)
    assert total_range(flow, {"moved": True}, context(day)) == (3, 3)
    assert total_range(flow, {"moved": UNSURE}, context(day)) == (3, 3)  # the "yes" route's questions are asked too


@pytest.mark.parametrize(
    ("lang", "heading", "how"),
    [("en", "Depends on: ", "How to find out: "), ("zh", "取决于：", "如何查明：")],
)
def test_each_thing_that_depends_on_an_answer_has_one_heading_and_no_stray_glyph(lang: str, heading: str, how: str) -> None:
    """The terminal's layout as plain text: "Depends on: …" once, and "How to find out" as a line of text."""
    result = invoke(
        "apply-child", "--set", "route=not_in_school", "--set", "low_income=unsure", "--set", "card_accepted=yes", "--set", "accepted_on=unsure",
        "--no-input", "--lang", lang,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    starts = [line for line in lines if line.startswith(heading)]
    assert len(starts) == 2, lines  # low income, and the date the card was accepted: one heading each
    assert not any("not sure of" in line or "不确定的回答" in line for line in lines)
    hows = [n for n, line in enumerate(lines) if how in line]
    assert len(hows) == 2, lines
    for n in hows:
        assert lines[n].startswith(how), lines[n]  # no "?" (or any glyph) before it
        assert lines[n - 1].startswith(heading) or lines[n - 2].startswith(heading), lines[n - 2 : n + 1]

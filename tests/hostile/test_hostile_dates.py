"""Dates in a flow that passed validate and crashed later are refused at load, each with its file:line:col.

A YAML timestamp with a time as a date bound (exit 70 on the first answer
compared with it), condition dates at the ends of Python's calendar (exit 70
in validate: the route analysis looks a day either side) and bounds the
wrong way round (a question nobody can answer).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import invoke

FLOW = """\
id: r
title: R
sources:
  - {id: s1, title: S, citation: s.txt}
questions:
  - {id: d, type: date, text: When?%s}
items:
  - {id: a, kind: step, text: A., source: s1%s}
"""


@pytest.mark.parametrize(
    ("bound", "when", "problem"),
    [
        (", max: 2026-12-01 10:00:00", "", "6:43: question 'd': max must be a date or 'today'"),
        ("", ", when: {d: {lt: 0001-01-01}}", "8:62: condition on 'd': 0001-01-01 is outside the years ssguide can compute deadlines for (1900-01-01 to 2199-12-31)"),
        ("", ", when: {d: {eq: 9999-12-31}}", "8:62: condition on 'd': 9999-12-31 is outside the years"),
        ("", ", when: {d: {ge: 2026-11-01 08:30:00}}", "8:62: condition on 'd': datetime.datetime(2026, 11, 1, 8, 30) is not a date"),
        (", min: 1899-12-31", "", "6:43: question 'd': min 1899-12-31 is outside the years ssguide can compute deadlines for"),
        (", min: 2026-12-01, max: 2026-11-01", "", "6:60: question 'd': min 2026-12-01 comes after max 2026-11-01, so no answer fits"),
    ],
)
def test_a_date_no_answer_can_meet_is_refused_at_load(tmp_path: Path, bound: str, when: str, problem: str) -> None:
    flow = tmp_path / "dates.yaml"
    flow.write_text(FLOW % (bound, when), encoding="utf-8")
    for argv in (["validate", str(flow)], ["run", str(flow), "--no-input", "--set", "d=2026-11-20"]):
        result = invoke(*argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert f"dates.yaml:{problem}" in result.stderr


def test_number_bounds_the_wrong_way_round_are_refused(tmp_path: Path) -> None:
    flow = tmp_path / "n.yaml"
    flow.write_text(FLOW.replace("type: date", "type: number") % (", min: 10, max: 2", ""), encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1
    assert "n.yaml:6:54: question 'd': min 10 comes after max 2" in result.stderr


def test_dates_at_the_ends_of_the_years_answers_take_still_work(tmp_path: Path) -> None:
    flow = tmp_path / "ends.yaml"
    flow.write_text(FLOW % (", min: 1900-01-01, max: 2199-12-31", "}\n  - {id: b, kind: step, text: B., source: s1, when: {d: {lt: 2199-12-31}}"),
                    encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 0, result.stderr
    result = invoke("run", str(flow), "--no-input", "--set", "d=1900-01-01")
    assert result.returncode == 0, result.stderr

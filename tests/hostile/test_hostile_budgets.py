"""A small file cannot take gigabytes or minutes: values are counted as they are read, dates cost a few look-ups.

Found by a hostile flow author: 750 KB of "{a}," took 500 MiB before any
limit acted (8 MiB took 5.5 GB), a flow of 500,000 unknown keys printed
500,006 lines, and ten deadlines of 3,650 working days behind six "not sure"
questions took validate over a minute. Each test counts what the work is
made of (values, memory allocated, days examined, lines printed), never
the wall clock, so that a busy machine cannot make it fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.cli import invoke, run_measured

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

HEAD = "id: r\ntitle: R\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"


@linux_only
@pytest.mark.parametrize("alias_marker", ["# *\n", ""])
def test_a_small_file_of_many_values_is_refused_before_it_fills_memory(tmp_path: Path, alias_marker: str) -> None:
    from ssguide.core.yamlsafe import MAX_VALUES

    flow = tmp_path / "many.yaml"
    flow.write_text(alias_marker + "[" + "{a}," * 190_000 + "]\n", encoding="utf-8")  # 760 KB, 570,000 values
    result, peak = run_measured("validate", str(flow))
    assert result.returncode == 1
    # The value past the limit: after the list, "{a}" is 3 values in 4 characters; the (MAX_VALUES)th is a key.
    line = f"{len(alias_marker.splitlines()) + 1}:{2 + (MAX_VALUES - 1) // 3 * 4 + 1}"
    assert f"many.yaml:{line}: more than {MAX_VALUES:,} values" in result.stderr
    assert peak < 150, f"{peak:.0f} MiB"  # 500 MiB before


@linux_only
def test_an_answers_file_of_many_values_is_refused_with_its_position(tmp_path: Path) -> None:
    from ssguide.shell.answers import MAX_ANSWERS_VALUES

    answers = tmp_path / "a.yaml"
    answers.write_text("reason: [" + "{a}," * 250_000 + "]\n", encoding="utf-8")  # 1 MB
    result, peak = run_measured("card", "--no-input", "--answers", str(answers))
    assert result.returncode == 2
    # After the mapping, its key and the list, "{a}" is 3 values in 4 characters, from column 10.
    assert f"a.yaml:1:{10 + (MAX_ANSWERS_VALUES - 3) // 3 * 4 + 1}: more than {MAX_ANSWERS_VALUES:,} values" in result.stderr
    assert peak < 60, f"{peak:.0f} MiB"  # 510 MiB before


def test_aliases_count_what_they_stand_for() -> None:
    from ssguide.core.yamlsafe import YamlInputError, load_located

    text = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n"
    assert load_located(text, "t.yaml", max_values=420)["c"][2][9] == ["x"] * 9  # keys 3, lists 11 + 101 + 1, aliases 3 x 101: 419 ...
    with pytest.raises(YamlInputError) as refused:
        load_located(text, "t.yaml", max_values=300)  # ... so the second *b passes 300
    assert str(refused.value.pos) == "t.yaml:3:9" and "alias" in str(refused.value.message)


def test_a_flow_of_many_unknown_keys_prints_fifty_lines_and_a_count(tmp_path: Path) -> None:
    flow = tmp_path / "keys.yaml"
    flow.write_text(HEAD + "".join(f"k{i}: 0\n" for i in range(100_000)), encoding="utf-8")
    for argv in (["validate", str(flow)], ["run", str(flow), "--no-input"]):
        result = invoke(*argv)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 52, lines[:3] + lines[-3:]
        assert lines[0] == f"{flow}:5:1: unknown key 'k0' in the flow file (allowed: command, description, id, items, " \
            "languages, questions, reviewed, sources, start, title, version)"
        # The 50 shown, then all the others counted: 100,000 keys, questions and items missing.
        assert lines[50] == "… and 99,952 more"
        assert "100002" in lines[51]


def test_working_day_deadlines_cost_a_few_year_tables_not_a_step_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssguide.core import dates

    questions = "".join(f"  - {{id: u{i}, type: yesno, text: U{i}?, unsure: true, next: {f'u{i + 1}' if i < 5 else 'd'}}}\n" for i in range(6))
    questions += "  - {id: d, type: date, text: When?}\n"
    items = "".join(
        f"  - {{id: dl{i}, kind: deadline, text: D{i}., source: s1, when: {{u{i % 6}: yes}}, "
        "deadline: {from: {question: d}, after: {working_days: 3650}}}\n"
        for i in range(10)
    )
    flow = tmp_path / "workdays.yaml"
    flow.write_text(HEAD + f"questions:\n{questions}items:\n  - {{id: a, kind: step, text: A., source: s1}}\n{items}", encoding="utf-8")
    examined = 0
    day_by_day = dates.is_china_working_day

    def counted(day):  # a day examined: the day-by-day walk examined 36,500 per deadline, per checklist
        nonlocal examined
        examined += 1
        assert examined < 100_000, "working days are counted a day at a time"
        return day_by_day(day)

    monkeypatch.setattr(dates, "is_china_working_day", counted)  # (years already cached cost nothing)
    result = invoke("validate", str(flow))
    assert result.returncode == 0, result.stderr
    result = invoke("run", str(flow), "--no-input", *[f"--set=u{i}=unsure" for i in range(6)], "--set", "d=2026-11-20", "--format", "json")
    assert result.returncode == 0, result.stderr
    # One table for each year a count crosses: 2026 to 2041 forward from the answer, and back to 2012 from
    # today for the date whose deadlines have all passed (route analysis shows that case too).
    assert examined <= 31 * 366


def test_the_route_budget_counts_what_working_day_deadlines_cost() -> None:
    from ssguide.core.dates import Offset, offset_cost
    from ssguide.core.engine import checklist_work
    from ssguide.core.loader import parse_flow

    def flow(unit: str, amount: int):
        return parse_flow(HEAD + "questions:\n  - {id: d, type: date, text: When?}\nitems:\n"
                          f"  - {{id: a, kind: deadline, text: A., source: s1, deadline: {{from: {{question: d}}, after: {{{unit}: {amount}}}}}}}\n",
                          "t.yaml")

    assert offset_cost(Offset(3650, "working_days")) == 15 and offset_cost(Offset(3650, "days")) == 1
    assert checklist_work(flow("working_days", 3650)) == checklist_work(flow("days", 3650)) + 14

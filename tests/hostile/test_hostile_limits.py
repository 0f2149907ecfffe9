"""The property: a flow or answers file within the limits docs/flow-format.md states is loaded, validated and
run in seconds and under 300 MB; one beyond them is refused at once, with its file:line:col.

Shapes at the limits (20,000 questions and 10,000 items, 420,000 values, 3,650 working days behind "not
sure" answers) and just beyond them (500,002 values, 8 MiB, an answers file of 1 MB). Each run is a
real process: its own peak memory is asserted, and its CPU time (never the wall clock, which a busy
machine stretches) against bounds four and five times the documented ones: the refusals cost about
1 s, the largest run 4 s, and the 33 s, 41 s and 74 s runs found before are what these catch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.budget import children_cpu
from support.cli import run_measured

from ssguide.core.structure import MAX_DATED_ITEMS, MAX_ITEMS, MAX_QUESTIONS

if not sys.platform.startswith("linux"):  # pragma: no cover
    pytest.skip("reads /proc/self/status", allow_module_level=True)

HEAD = "id: p\ntitle: P\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
ACCEPTED_SECONDS, REFUSED_SECONDS, MAX_MIB = 20, 5, 300


def measured(*args: str, cwd: Path) -> tuple[object, float, float]:
    """``ssguide ARGS``, its peak memory (MiB) and its CPU seconds."""
    with children_cpu() as cpu:
        result, peak = run_measured(*args, "--today", "2026-11-23", cwd=cwd, timeout=120)
    return result, peak, cpu()


def largest_counts(folder: Path) -> None:
    """20,000 yes/no questions in a chain behind a date, 10,000 items, every tenth a 3,650-working-day deadline
    (1,000: as many dated items as a flow may have), each item a long line of mixed Chinese and English to lay out."""
    assert (MAX_QUESTIONS, MAX_ITEMS, MAX_DATED_ITEMS) == (20_000, 10_000, 1_000)  # the shapes below are built for these
    questions = ["  - {id: d, type: date, text: D?, next: q0}"]
    questions += [f"  - {{id: q{i}, type: yesno, text: Q{i}?{f', next: q{i + 1}' if i < 19_998 else ''}}}" for i in range(19_999)]
    items = [
        f"  - {{id: i{i}, kind: {'deadline' if i % 10 == 0 else 'step'}, text: 'T{i}: 中文的长句子，一直写到需要折行为止，再写一些 English words to wrap.', source: s1"
        + (f", when: {{q{i % 19_999}: yes}}" if i % 2 else "")
        + (", deadline: {from: {question: d}, after: {working_days: 3650}}}" if i % 10 == 0 else "}")
        for i in range(10_000)
    ]
    (folder / "largest.yaml").write_text(HEAD + "questions:\n" + "\n".join(questions) + "\nitems:\n" + "\n".join(items) + "\n", encoding="utf-8")
    (folder / "answers.yaml").write_text("d: 2026-11-20\n" + "".join(f"q{i}: {'yes' if i % 3 else 'no'}\n" for i in range(19_999)), encoding="utf-8")


def test_the_largest_flow_the_limits_allow_validates_and_runs(tmp_path: Path) -> None:
    largest_counts(tmp_path)
    for argv in (["validate", "largest.yaml"],
                 ["run", "largest.yaml", "--answers", "answers.yaml", "--no-input", "--format", "json", "--export", "out.ics"],
                 ["run", "largest.yaml", "--answers", "answers.yaml", "--no-input", "--format", "text", "--lang", "zh"]):
        result, peak, cpu = measured(*argv, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-500:]
        assert peak < MAX_MIB and cpu < ACCEPTED_SECONDS, (argv, peak, cpu)
    assert (tmp_path / "out.ics").read_bytes().count(b"BEGIN:VEVENT") == 1_000


def test_not_sure_answers_and_long_working_day_counts_validate_in_seconds(tmp_path: Path) -> None:
    questions = "".join(f"  - {{id: u{i}, type: yesno, text: U{i}?, unsure: true, next: {f'u{i + 1}' if i < 5 else 'd'}}}\n" for i in range(6))
    items = "".join(f"  - {{id: dl{i}, kind: deadline, text: D{i}., source: s1, when: {{u{i % 6}: yes}}, "
                    "deadline: {from: {question: d}, after: {working_days: 3650}}}\n" for i in range(10))
    (tmp_path / "unsure.yaml").write_text(HEAD + f"questions:\n{questions}  - {{id: d, type: date, text: When?}}\nitems:\n"
                                          f"  - {{id: a, kind: step, text: A., source: s1}}\n{items}", encoding="utf-8")
    result, peak, cpu = measured("validate", "unsure.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert peak < MAX_MIB and cpu < ACCEPTED_SECONDS, (peak, cpu)


@pytest.mark.parametrize(
    ("name", "content", "argv", "problem"),
    [
        ("values.yaml", "[" + "{a}," * 166_667 + "]\n", ["validate"], "values.yaml:1:666667: more than 500,000 values"),
        ("big.yaml", "# " + "x" * (8 * 1024 * 1024) + "\n", ["validate"], "big.yaml:1:1: file is larger than 8 MiB"),
        ("answers.yaml", "reason: [" + "{a}," * 250_000 + "]\n", ["card", "--no-input", "--answers"], "answers.yaml:1:133339: more than 100,000 values"),
    ],
)
def test_a_file_beyond_the_limits_is_refused_at_once(tmp_path: Path, name: str, content: str, argv: list[str], problem: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result, peak, cpu = measured(*argv, name, cwd=tmp_path)
    assert result.returncode in (1, 2) and problem in result.stderr, result.stderr
    assert peak < MAX_MIB and cpu < REFUSED_SECONDS, (peak, cpu)

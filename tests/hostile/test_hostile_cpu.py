"""Any flow the loader accepts validates, analyses and runs in seconds of CPU time.

Found by a hostile-input campaign: a condition of thousands of comparisons
multiplied by every route (160 s), and Chinese wrapping that re-scanned the
whole text for every line (62 s for one long item). The bounds are CPU time of
this process (support.budget), many times what each run costs, so a busy
machine cannot break them and those blow-ups still do.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from support.budget import OverBudget, cpu_budget
from support.cli import invoke

CHAINED = 15


def chained_flow(compares: str, extra_items: str = "") -> str:
    questions = "".join(
        f"  - id: q{i}\n    type: yesno\n    text: Question {i}?\n" + (f"    next: q{i + 1}\n" if i + 1 < CHAINED else "")
        for i in range(CHAINED)
    )
    return (
        "id: big\ntitle: Big\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
        f"questions:\n{questions}items:\n  - {{id: always, kind: step, text: Do it., source: s1}}\n"
        f"  - id: heavy\n    kind: note\n    text: Heavy.\n    source: s1\n    when:\n      all: [{compares}]\n{extra_items}"
    )


def bounded(seconds: float, *args: str, columns: int = 100):  # type: ignore[no-untyped-def]
    """``ssguide ARGS`` in-process, stopped (a failure) once it has spent ``seconds`` of CPU time."""
    with cpu_budget(seconds, f"ssguide {args[0]}"):
        return invoke(*args, columns=columns)


def test_a_huge_condition_is_refused_or_cheap(tmp_path: Path) -> None:
    # Always true, so every comparison is evaluated on every route.
    compares = ", ".join(f"{{q{i % CHAINED}: [yes, no]}}" for i in range(8000))
    flow = tmp_path / "big.yaml"
    flow.write_text(chained_flow(compares), encoding="utf-8")
    result = bounded(5, "validate", str(flow))
    assert result.returncode == 1  # refused: too many comparisons in one condition
    assert "big.yaml:" in result.stderr and "comparisons" in result.stderr


def test_many_conditions_of_the_largest_size_allowed_stay_cheap(tmp_path: Path) -> None:
    from ssguide.core.conditions import MAX_CONDITION_SIZE

    def condition(k: int) -> str:
        return ", ".join(f"{{q{(i + k) % CHAINED}: {'yes' if (i + k) % 3 else 'no'}}}" for i in range(MAX_CONDITION_SIZE - 1))

    items = "".join(
        f"  - id: heavy{k}\n    kind: note\n    text: Heavy {k}.\n    source: s1\n    when:\n      any: [{condition(k)}]\n"
        for k in range(200)
    )
    flow = tmp_path / "many.yaml"
    flow.write_text(chained_flow(condition(0), items), encoding="utf-8")
    result = bounded(10, "validate", str(flow))
    assert result.returncode in (0, 1), result.stderr
    bounded(10, "paths", str(flow))
    result = bounded(10, "run", str(flow), "--no-input", "--set", "q0=yes", "--defaults", *[f"--set=q{i}=no" for i in range(1, CHAINED)])
    assert result.returncode == 0, result.stderr


def long_chinese_flow(path: Path, chars: int, items: int) -> Path:
    text = ("请携带身份证原件和复印件，到参保地医保经办机构办理。" * (chars // 25 + 1))[:chars]
    steps = "".join(f"  - id: it{i}\n    kind: step\n    text: {text}\n    source: s1\n" for i in range(items))
    path.write_text(
        "id: long\ntitle: 长\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
        f"questions:\n  - {{id: q, type: yesno, text: 问?}}\nitems:\n{steps}",
        encoding="utf-8",
    )
    return path


def test_chinese_wrapping_is_linear(tmp_path: Path) -> None:
    from ssguide.core.structure import MAX_TEXT_CHARS

    flow = long_chinese_flow(tmp_path / "long.yaml", MAX_TEXT_CHARS, 20)  # 100,000 characters
    # ~0.25 s at 40 columns (the narrowest: the most lines); a slice of the whole text for every line took 2.7 s.
    result = bounded(1.0, "run", str(flow), "--no-input", "--set", "q=yes", "--lang", "zh", columns=40)
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 40


def test_a_text_over_the_limit_is_refused_with_its_position(tmp_path: Path) -> None:
    from ssguide.core.structure import MAX_TEXT_CHARS

    result = invoke("validate", str(long_chinese_flow(tmp_path / "long.yaml", MAX_TEXT_CHARS + 1, 1)))
    assert result.returncode == 1
    assert f"long.yaml:10:11: item 'it0' text has {MAX_TEXT_CHARS + 1} characters" in result.stderr


def test_the_bound_is_cpu_time_and_stops_a_runaway() -> None:
    """What the bounds above rest on: a busy loop is stopped once it has spent its budget, even if it
    catches the first stop; waiting (a busy machine, a sleep) spends none of it."""

    def spin() -> None:
        while True:
            pass

    def spin_and_swallow() -> None:
        try:
            spin()
        except Exception:  # noqa: BLE001 - as code under test might
            spin()

    for runaway in (spin, spin_and_swallow):
        with pytest.raises(OverBudget, match="spent more than 0.2 s of CPU time"), cpu_budget(0.2, "the loop"):
            runaway()
    with cpu_budget(0.2, "sleeping"):
        time.sleep(0.4)

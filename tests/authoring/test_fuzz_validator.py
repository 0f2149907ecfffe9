"""Fuzzing the loader and validator: whatever a flow file holds, they answer, never crash.

Random edits of the bundled flows (a key deleted, a value replaced by an odd
YAML value, an id renamed, two entries swapped, a question duplicated) and
random text and bytes must either load — and then pass through the static
analysis and the graph renderers without raising — or be refused with a
FlowError whose every problem points at a real line (>= 1).
"""

from __future__ import annotations

import copy
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssguide.authoring import semantic
from ssguide.core.model import Flow, FlowError
from ssguide.core.loader import parse_flow
from ssguide.shell.registry import load_flow
from ssguide.authoring.graph import to_dot, to_mermaid
from support.cli import run_main
from support.mutations import FLOW_DATA, FLOW_TEXTS, Chooser, dump, hypothesis_chooser, mutate
from support.context import context

TODAY = date(2026, 11, 23)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

def check_flow_text(text: str, filename: str = "mutated.yaml") -> Flow | None:
    """The property: load, and either analyse cleanly or report problems at real lines."""
    try:
        flow = parse_flow(text, filename)
    except FlowError as exc:
        assert exc.problems, "FlowError without problems"
        for problem in exc.problems:
            assert problem.pos.line >= 1 and problem.pos.col >= 1, str(problem)
            assert problem.pos.file == filename, str(problem)
            assert str(problem.message).strip(), str(problem)
        return None
    found = semantic.problems(flow, context(TODAY))
    for problem in found:
        assert problem.pos.line >= 1 and problem.pos.col >= 1, str(problem)
    to_mermaid(flow, context())
    to_dot(flow, context(lang="zh"))
    return flow


# ---------------------------------------------------------------- properties


def test_bundled_flows_load_unmutated() -> None:
    for flow_id in FLOW_TEXTS:
        assert check_flow_text(dump(FLOW_DATA[flow_id])) is not None, flow_id


@FUZZ
@given(flow_id=st.sampled_from(sorted(FLOW_DATA)), data=st.data(), edits=st.integers(1, 3))
def test_mutated_flows_never_crash_the_validator(flow_id: str, data: st.DataObject, edits: int) -> None:
    flow = copy.deepcopy(FLOW_DATA[flow_id])
    chooser = hypothesis_chooser(data)
    done = [mutate(flow, chooser) for _ in range(edits)]
    data.draw(st.just(done), label="edits")
    check_flow_text(dump(flow))


@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_never_crashes_the_loader(text: str) -> None:
    check_flow_text(text)


YAML_TOKENS = [
    "id: ", "title: ", "questions:", "items:", "sources:", "next:", "when: ", "goto: ", "- ", "  ", "    ", "\n",
    "{", "}", "[", "]", ", ", ": ", "&a ", "*a", "!!str ", "!!binary ", "!!python/name:os.system ", "? ", "|", ">",
    "'", '"', "#", "---\n", "...\n", "%YAML 1.1\n", "<<: *a", "2026-11-23", "1e400", "0x10", ".nan", "~", "yes",
    "route", "school", "end", "\t", "\ufeff", "\x85", "\u2028", "é", "字",
]


@FUZZ
@given(parts=st.lists(st.sampled_from(YAML_TOKENS), max_size=60))
def test_yaml_like_token_soup_never_crashes_the_loader(parts: list[str]) -> None:
    check_flow_text("".join(parts))


@FUZZ
@given(flow_id=st.sampled_from(sorted(FLOW_TEXTS)), cut=st.integers(0, 10**6), junk=st.sampled_from(YAML_TOKENS))
def test_truncated_or_spliced_bundled_text_never_crashes(flow_id: str, cut: int, junk: str) -> None:
    text = FLOW_TEXTS[flow_id]
    cut %= len(text) + 1
    check_flow_text(text[:cut])
    check_flow_text(text[:cut] + junk + text[cut:])


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash_load_flow(raw: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("bytes") / "random.yaml"
    path.write_bytes(raw)
    try:
        load_flow(path)
    except FlowError as exc:
        for problem in exc.problems:
            assert problem.pos.line >= 1 and problem.pos.col >= 1, str(problem)
        return


# ---------------------------------------------------------------- the command line


def seeded_mutations(count: int, seed: int = 20261123) -> list[tuple[str, str]]:
    """(description, YAML text) for a handful of reproducible mutated flows."""
    rng = random.Random(seed)
    values = [None, True, 0, -1, 10**30, 1.5, float("inf"), "", "end", "\u202e", "𠀀" * 3, [], [1, "a"], {}, {"lt": 5}, {"en": None}, date(2026, 1, 1)]
    chooser = Chooser(lambda n: rng.randrange(n), lambda: copy.deepcopy(rng.choice(values)))
    out = []
    ids = sorted(FLOW_DATA)
    for n in range(count):
        data = copy.deepcopy(FLOW_DATA[ids[n % len(ids)]])
        done = [mutate(data, chooser) for _ in range(1 + n % 3)]
        out.append(("; ".join(done), dump(data)))
    return out


def test_validate_command_on_mutated_files(tmp_path: Path) -> None:
    files = []
    for n, (what, text) in enumerate(seeded_mutations(15)):
        path = tmp_path / f"mutated-{n:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        result = run_main(["validate", str(path), "--today", "2026-11-23"])
        assert result.exception is None or isinstance(result.exception, SystemExit), f"{what}: {result.exception!r}"
        assert result.exit_code in (0, 1), (what, result.output)
        assert "Traceback" not in result.output, what
        for line in result.stderr.splitlines():
            assert line.startswith((f"{path}:", "ssguide: ")), (what, line)
    # The same files in one real process.
    proc = subprocess.run(
        [sys.executable, "-m", "ssguide", "validate", *map(str, files), "--today", "2026-11-23"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr

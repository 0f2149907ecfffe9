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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ssguide import semantic
from ssguide.cli import app
from ssguide.model import Flow, FlowError
from ssguide.loader import load_flow, parse_flow
from ssguide.graph import to_dot, to_mermaid
from ssguide.registry import bundled_flows

TODAY = date(2026, 11, 23)
FLOW_TEXTS = {info.id: info.path.read_text(encoding="utf-8") for info in bundled_flows()}
FLOW_DATA = {fid: yaml.safe_load(text) for fid, text in FLOW_TEXTS.items()}

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- odd values

ODD_STRINGS = [
    "",
    " ",
    "end",
    "all",
    "today",
    "route",
    "seed-000",
    "\u200b",  # zero-width space
    "\u202eevil",  # right-to-left override
    "e\u0301",  # combining accent
    "\U0001f600",  # emoji
    "𠀀",  # outside the BMP
    "\x00",
    "\x1b[31mred",
    "a" * 300,
    "null",
    "~",
    "yes",
    "2026-02-30",
    "{not: yaml}",
    "- a",
    "*alias",
    "&anchor",
    "!!python/object/apply:os.system",
    "%",
    "#",
    "'\"",
    "\ufeff",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=20),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Mn", "Zs", "Lo", "So"]), max_size=10),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(["id", "when", "goto", "text", "en", "zh", "lt", "in", "all", "not"])), children, max_size=4),
    ),
    max_leaves=12,
)


# ---------------------------------------------------------------- mutations


class Chooser:
    """Where randomness comes from: hypothesis (shrinkable) or a seeded Random."""

    def __init__(self, pick: Callable[[int], int], value: Callable[[], Any]) -> None:
        self.pick = pick  # an index below n
        self.value = value  # a random YAML value

    def one(self, options: list[Any]) -> Any:
        return options[self.pick(len(options))]


def _containers(node: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every dict and list in the tree with its path."""
    found = []
    if isinstance(node, (dict, list)):
        found.append((path, node))
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            found += _containers(child, path + (key,))
    return found


def _ids(node: Any) -> list[dict]:
    return [c for _, c in _containers(node) if isinstance(c, dict) and "id" in c]


# Keys whose values the loader looks up, compares or hashes: the likeliest to trip it.
STRUCTURAL_KEYS = {"id", "type", "kind", "start", "goto", "next", "when", "source", "from", "question", "item",
                   "meaning", "languages", "value", "default", "min", "max", "order", "after", "before", "command"}


def mutate(data: dict[str, Any], chooser: Chooser) -> str:
    """Apply one random edit in place; return what was done (for failure reports)."""
    containers = _containers(data)
    operation = chooser.one(["replace-structural"] * 4 + ["delete", "replace", "rename-id", "swap", "duplicate-question", "duplicate"])
    if operation == "replace-structural":
        spots = [(path, node, key) for path, node in containers if isinstance(node, dict) for key in node if key in STRUCTURAL_KEYS]
        # First the kind of key, then one place with it: rare keys ('start') get their turn.
        name = chooser.one(sorted({key for _, _, key in spots}))
        path, node, key = chooser.one([spot for spot in spots if spot[2] == name])
        new = chooser.value()
        node[key] = new
        return f"replace {path + (key,)} with {new!r}"[:300]
    if operation == "rename-id":
        holders = _ids(data)
        holder = chooser.one(holders)
        others = [h["id"] for h in holders if h is not holder] + ["end", "all", "Bad Id", "x" * 100, ""]
        new = chooser.one(others) if chooser.pick(2) else chooser.value()
        old, holder["id"] = holder.get("id"), new
        return f"rename id {old!r} -> {new!r}"
    if operation == "duplicate-question":
        questions = data.get("questions")
        if isinstance(questions, list) and questions:
            i = chooser.pick(len(questions))
            questions.insert(chooser.pick(len(questions) + 1), copy.deepcopy(questions[i]))
            return f"duplicate question {i}"
        operation = "replace"
    path, node = chooser.one(containers)
    if isinstance(node, dict):
        if not node:
            node["id"] = chooser.value()
            return f"add id at {path}"
        key = chooser.one(list(node))
        if operation == "delete":
            del node[key]
            return f"delete {path + (key,)}"
        new = chooser.value()
        node[key] = new
        return f"replace {path + (key,)} with {new!r}"[:300]
    if not node:
        node.append(chooser.value())
        return f"append to {path}"
    i = chooser.pick(len(node))
    if operation == "swap" and len(node) > 1:
        j = chooser.pick(len(node))
        node[i], node[j] = node[j], node[i]
        return f"swap {path} [{i}] and [{j}]"
    if operation == "duplicate":
        node.insert(chooser.pick(len(node) + 1), copy.deepcopy(node[i]))
        return f"duplicate {path + (i,)}"
    if operation == "delete":
        del node[i]
        return f"delete {path + (i,)}"
    new = chooser.value()
    node[i] = new
    return f"replace {path + (i,)} with {new!r}"[:300]


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


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
    found = semantic.problems(flow, TODAY)
    for problem in found:
        assert problem.pos.line >= 1 and problem.pos.col >= 1, str(problem)
    to_mermaid(flow)
    to_dot(flow, "zh")
    return flow


def hypothesis_chooser(draw_data: st.DataObject) -> Chooser:
    # Places are picked with a Random that hypothesis seeds (uniform: small indexes are
    # not favoured, so every key gets its turn); values come from the shrinkable strategy.
    rnd = draw_data.draw(st.randoms(use_true_random=True), label="places")
    return Chooser(rnd.randrange, lambda: draw_data.draw(yaml_values))


# ---------------------------------------------------------------- properties


def test_bundled_flows_load_unmutated() -> None:
    for flow_id, text in FLOW_TEXTS.items():
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
        result = CliRunner().invoke(app, ["validate", str(path), "--today", "2026-11-23"])
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

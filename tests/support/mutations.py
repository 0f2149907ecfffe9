"""Random edits of the bundled flows and random YAML values: what the fuzzing tests share."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import yaml
from hypothesis import strategies as st

from ssguide.shell.registry import bundled_flows

FLOW_TEXTS = {info.id: info.path.read_text(encoding="utf-8") for info in bundled_flows()}
FLOW_DATA = {fid: yaml.safe_load(text) for fid, text in FLOW_TEXTS.items()}

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


def hypothesis_chooser(draw_data: st.DataObject) -> Chooser:
    # Places are picked with a Random that hypothesis seeds (uniform: small indexes are
    # not favoured, so every key gets its turn); values come from the shrinkable strategy.
    rnd = draw_data.draw(st.randoms(use_true_random=True), label="places")
    return Chooser(rnd.randrange, lambda: draw_data.draw(yaml_values))

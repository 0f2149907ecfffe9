"""Random routing conditions for the property tests that build random flows (hypothesis)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

CHOICES = ("a", "b", "c")


def random_condition(draw: st.DrawFn, kinds: list[str], upto: int, max_parts: int = 2, negate_groups: bool = False) -> dict[str, Any]:
    """A `when` condition reading one to ``max_parts`` of the questions q0..q<upto>, whose types are ``kinds``.

    Each part compares one question as flows do (a value, a list of values,
    ``ne``, ``answered``; a date with ``lt``); parts combine under ``all`` or
    ``any``, one part may be negated, and with ``negate_groups`` a group too.
    """

    def atom(i: int) -> dict[str, Any]:
        if kinds[i] == "date":
            return {f"q{i}": {"lt": date(2026, 11, 1)}}
        if kinds[i] == "yesno":
            return {f"q{i}": draw(st.booleans())}
        op = draw(st.sampled_from(["eq", "in", "ne", "answered"]))
        if op == "eq":
            return {f"q{i}": draw(st.sampled_from(CHOICES))}
        if op == "answered":
            return {f"q{i}": {"answered": draw(st.booleans())}}
        if op == "ne":
            return {f"q{i}": {"ne": draw(st.sampled_from(CHOICES))}}
        return {f"q{i}": list(draw(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=2, unique=True)))}

    picked = draw(st.lists(st.integers(0, upto), min_size=1, max_size=max_parts, unique=True))
    parts = [atom(i) for i in picked]
    shape = draw(st.sampled_from(["plain", "all", "any", "not"]))
    if len(parts) == 1:
        return {"not": parts[0]} if shape == "not" else parts[0]
    combined = {"any" if shape == "any" else "all": parts}
    return {"not": combined} if negate_groups and draw(st.booleans()) else combined

"""The limits docs/flow-format.md states are the ones the code enforces: each number read from the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssguide.core.conditions import MAX_CONDITION_SIZE
from ssguide.core.dates import EARLIEST_DATE, LATEST_DATE
from ssguide.core.structure import MAX_DATED_ITEMS, MAX_DEADLINE_AMOUNT, MAX_ITEMS, MAX_QUESTIONS, MAX_TEXT_CHARS
from ssguide.core.qtypes.values import MAX_TEXT_LENGTH
from ssguide.core.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
from ssguide.errors import MAX_PRINTED_PROBLEMS
from ssguide.shell.answers import MAX_ANSWERS_BYTES, MAX_ANSWERS_VALUES

DOC = " ".join((Path(__file__).resolve().parents[2] / "docs" / "flow-format.md").read_text(encoding="utf-8").split())


def number(text: str) -> int:
    return int(text.replace(",", ""))


@pytest.mark.parametrize(
    ("pattern", "enforced"),
    [
        (r"files over (\d+) MiB", [MAX_FILE_BYTES // 2**20]),
        (r"nested more than (\d+) levels deep", [MAX_DEPTH]),
        (r"more than ([\d,]+) values in all", [MAX_VALUES]),
        (r"at most ([\d,]+) questions and ([\d,]+) items", [MAX_QUESTIONS, MAX_ITEMS]),
        (r"at most ([\d,]+) of them with a `deadline`", [MAX_DATED_ITEMS]),
        (r"one text at most ([\d,]+) characters", [MAX_TEXT_CHARS]),
        (r"one condition at most (\d+) comparisons and groups", [MAX_CONDITION_SIZE]),
        (r"a deadline counts at most ([\d,]+) units", [MAX_DEADLINE_AMOUNT]),
        (r"lies between (\d{4})-01-01 and (\d{4})-12-31", [EARLIEST_DATE.year, LATEST_DATE.year]),
        (r"An answers file \(`--answers`\) has at most (\d+) MiB and ([\d,]+) values", [MAX_ANSWERS_BYTES // 2**20, MAX_ANSWERS_VALUES]),
        (r"the first (\d+) are listed", [MAX_PRINTED_PROBLEMS]),
        (r"\| `text` \| any string up to (\d+) characters \|", [MAX_TEXT_LENGTH]),
    ],
)
def test_a_documented_limit_is_the_enforced_one(pattern: str, enforced: list[int]) -> None:
    found = re.search(pattern, DOC)
    assert found, f"docs/flow-format.md no longer says /{pattern}/"
    assert [number(n) for n in found.groups()] == enforced
    assert (EARLIEST_DATE.month, EARLIEST_DATE.day, LATEST_DATE.month, LATEST_DATE.day) == (1, 1, 12, 31)

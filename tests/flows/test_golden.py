"""Golden checklists: every outcome of every bundled flow, in English and Chinese.

The expected Markdown lives in tests/golden/<flow-id>.md, written by
``python tests/refresh_golden.py`` with the very functions used here. A change
to a flow, a renderer or a message shows up as a failing test here; regenerate
and read the diff to decide whether the change is the one you meant.
"""

from __future__ import annotations

import difflib

import pytest
import refresh_golden

REFRESH = "run `python tests/refresh_golden.py` and review the diff (git diff tests/golden)"

# Names come from the cheap registry scan, so a broken flow fails its own tests, not collection.
NAMES = sorted(f"{info.id}.md" for info in refresh_golden.bundled_flows())


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    return refresh_golden.golden_files()


def test_every_bundled_flow_has_a_golden_file(expected: dict[str, str]) -> None:
    present = {p.name for p in refresh_golden.GOLDEN_DIR.glob("*.md")}
    missing = sorted(set(expected) - present)
    stale = sorted(present - set(expected))
    assert not missing and not stale, f"golden files missing {missing} / for no bundled flow {stale}: {REFRESH}"


@pytest.mark.parametrize("name", NAMES)
def test_golden_checklists_match(name: str, expected: dict[str, str]) -> None:
    path = refresh_golden.GOLDEN_DIR / name
    if not path.exists():
        pytest.fail(f"{path} does not exist: {REFRESH}")
    actual = path.read_text(encoding="utf-8")
    wanted = expected[name]
    if actual != wanted:
        diff = "".join(
            list(
                difflib.unified_diff(
                    actual.splitlines(keepends=True),
                    wanted.splitlines(keepends=True),
                    fromfile=f"tests/golden/{name}",
                    tofile="generated now",
                    n=2,
                )
            )[:80]
        )
        pytest.fail(f"tests/golden/{name} is out of date: {REFRESH}\n{diff}")


@pytest.mark.parametrize("name", NAMES)
def test_golden_file_covers_every_outcome_in_both_languages(name: str, expected: dict[str, str]) -> None:
    """A sanity check on the generator itself: one section per outcome, each in en and zh."""
    text = expected[name]
    headings = [line for line in text.splitlines() if line.startswith(("# Outcome ", "# Not-sure outcome "))]
    assert headings, f"{name}: no outcomes"
    assert text.count("language: en -->") == len(headings)
    assert text.count("language: zh -->") == len(headings)
    # The outcomes with "not sure" answers come after the others, each showing one.
    unsure = [h for h in headings if h.startswith("# Not-sure outcome ")]
    assert headings[len(headings) - len(unsure):] == unsure and all("=unsure" in h for h in unsure), unsure
    # Every outcome's heading shows its answers.
    assert all(":" in h and "=" in h for h in headings), headings


def test_the_outcomes_book_is_up_to_date() -> None:
    """docs/outcomes/<flow>.md: every outcome's first screen in both languages, kept as the flows and renderers are."""
    expected = refresh_golden.outcomes_files()
    present = {p.name for p in refresh_golden.OUTCOMES_DIR.glob("*.md")}
    assert present == set(expected), f"docs/outcomes holds {sorted(present)}, the flows give {sorted(expected)}: {REFRESH}"
    stale = [name for name, text in expected.items() if (refresh_golden.OUTCOMES_DIR / name).read_text(encoding="utf-8") != text]
    assert not stale, f"docs/outcomes/{stale} out of date: {REFRESH}"
    book = expected["apply-child.md"]
    assert book.count("```text\n") == 2 * book.count("\n## "), "each outcome in English and Chinese"
    assert "Do this now" in book and "现在就办" in book


@pytest.mark.parametrize("name", NAMES)
def test_no_colon_is_doubled_or_chained_under_earlier_practice(name: str, expected: dict[str, str]) -> None:
    """Review 2, item 8: no "：：" or "::" anywhere in any outcome, and the earlier wording after its label
    ("Earlier practice (source [1]): …") is a sentence with no colon of its own, so no two colons chain."""
    text = expected[name]
    assert "：：" not in text and "::" not in text.replace("://", "")
    labels = ("_Earlier practice (source", "_以往做法（依据")
    chained = []
    for line in text.splitlines():
        body = line.strip().removeprefix("- ")
        if body.startswith(labels):
            after = body.split("): ", 1)[-1] if body.startswith("_Earlier") else body.split("）：", 1)[-1]
            if ": " in after or "：" in after:
                chained.append(line.strip())
    assert not chained, "\n".join(chained)

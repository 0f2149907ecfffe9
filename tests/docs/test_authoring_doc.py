"""docs/authoring.md tells the truth: its example flow and the transcripts shown for it.

The tutorial's "whole file" is written out and run through the commands the
tutorial shows; each line the program prints must appear in the document as it
is, so the tutorial cannot drift from what a newcomer will see.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import REPO, cli_env

DOC = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")


def whole_file() -> str:
    after = DOC.index("Here is the whole file:")
    match = re.compile(r"```yaml\n(.*?)```", re.S).search(DOC, after)
    assert match, "no YAML block after 'Here is the whole file:'"
    return match.group(1)


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssguide", *args], cwd=folder, env=cli_env(), capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "example-reminder.yaml").write_text(whole_file(), encoding="utf-8")
    (tmp_path / "flow.schema.json").write_text(run(tmp_path, "schema").stdout, encoding="utf-8")
    return tmp_path


def edit_line(folder: Path, number: int, old: str, new: str) -> None:
    path = folder / "example-reminder.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], f"line {number} of the whole file is {lines[number - 1]!r}, the tutorial edits {old!r}"
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def assert_in_doc(output: str) -> None:
    for line in output.strip().splitlines():
        assert line in DOC, f"the program prints a line the tutorial does not show:\n{line}"


def test_the_whole_file_validates(folder: Path) -> None:
    result = run(folder, "validate", "example-reminder.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "example-reminder.yaml: ok\n"
    assert "$ ssguide validate example-reminder.yaml\nexample-reminder.yaml: ok" in DOC


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_misspelt_target_on_line_40(folder: Path, lang: str) -> None:
    edit_line(folder, 40, "goto: start_on", "goto: strat_on")
    result = run(folder, "validate", "--lang", lang, "example-reminder.yaml")
    assert result.returncode == 1
    assert_in_doc(result.stderr)


def test_the_misspelt_condition_value_on_line_66(folder: Path) -> None:
    edit_line(folder, 66, "{has_date: undated}", "{has_date: undate}")
    result = run(folder, "validate", "example-reminder.yaml")
    assert result.returncode == 1
    assert_in_doc(result.stderr)


def test_graph_and_paths_print_what_the_tutorial_shows(folder: Path) -> None:
    graph = run(folder, "graph", "example-reminder.yaml")
    assert graph.returncode == 0 and graph.stdout in DOC
    (folder / "answers").mkdir()
    paths = run(folder, "paths", "example-reminder.yaml", "--write-answers", "answers", "--today", "2026-11-23")
    assert paths.returncode == 0
    assert_in_doc(paths.stdout)
    assert_in_doc((folder / "answers" / "example-reminder-01.yaml").read_text(encoding="utf-8"))


def test_a_missing_chinese_text(folder: Path) -> None:
    path = folder / "example-reminder.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("  - id: example-step")
    zh = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("zh:"))
    del lines[zh]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(folder, "validate", "example-reminder.yaml")
    assert result.returncode == 1
    assert_in_doc(result.stderr)

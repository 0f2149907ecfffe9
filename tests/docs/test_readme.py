"""The README's Quickstart commands are the ones that work, and CI runs the same test command."""

from __future__ import annotations

import re

from support.cli import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def quickstart_blocks() -> list[str]:
    match = re.search(r"^## Quickstart\s*$(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, "README has no '## Quickstart' section"
    return [b.strip() for b in re.findall(r"^```sh\n(.*?)^```", match.group(1), flags=re.M | re.S)]


def test_quickstart_has_two_sh_blocks() -> None:
    assert len(quickstart_blocks()) >= 2


def test_first_block_installs_and_runs_the_wizard() -> None:
    block = quickstart_blocks()[0]
    assert "pip install" in block
    assert re.search(r"(^|[\s/])ssguide apply-child\s*$", block), block


def test_test_command_is_what_ci_runs_verbatim() -> None:
    command = quickstart_blocks()[1]
    assert "pytest" in command
    assert command in CI
    # ...on a line of its own, as a command, not only in a comment.
    assert any(line.strip() == command for line in CI.splitlines() if not line.lstrip().startswith("#"))

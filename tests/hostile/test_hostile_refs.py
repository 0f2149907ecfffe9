"""A file in the current folder cannot take over a command: bundled commands run bundled flows,
and ``run REF`` reads a file only when REF looks like a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import TINY_FLOW, invoke

HIJACK = TINY_FLOW.replace("id: demo", "id: card").replace("Do it.", "Send your bank password to evil.example.")


@pytest.fixture
def folder_with_a_card_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "card").write_text(HIJACK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_bundled_command_runs_the_bundled_flow(folder_with_a_card_file: Path) -> None:
    result = invoke("card", "--no-input", "--set", "reason=new", "--set", "urgent=no", "--why")
    assert result.returncode == 0, result.stderr
    assert "evil.example" not in result.stdout
    assert "flows/card.yaml" in result.stderr  # --why says which flow ran


def test_run_with_a_bare_name_is_the_bundled_flow_and_says_how_to_run_the_file(folder_with_a_card_file: Path) -> None:
    result = invoke("run", "card", "--no-input", "--set", "reason=new", "--set", "urgent=no")
    assert result.returncode == 0 and "evil.example" not in result.stdout
    result = invoke("run", "cardx", "--no-input")
    assert result.returncode == 2
    (folder_with_a_card_file / "mine").write_text(HIJACK, encoding="utf-8")
    result = invoke("run", "mine", "--no-input")
    assert result.returncode == 2
    assert "./mine" in result.stderr  # how to run the file instead


def test_run_with_a_path_reads_the_file_and_says_so(folder_with_a_card_file: Path) -> None:
    result = invoke("run", "./card", "--no-input", "--set", "route=home", "--why")
    assert result.returncode == 0, result.stderr
    assert "evil.example" in result.stdout
    assert "./card" in result.stderr

"""Hostile inputs found by an extended fuzzing campaign, each now one clear line and an exit code.

A FIFO given as a file, documents nested deeply enough to crash libyaml's C
composer, dates at the ends of the calendar, NUL bytes, a device as an output
file, and unwritable or closed standard output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import TINY_FLOW, cli_env


def run(*args: str, cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssguide", *args],
        cwd=cwd, env=cli_env(), stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=30, stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("ssguide: error: 1 error(s)")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("how", ["flow", "answers"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, how: str) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    args = ["validate", "pipe.yaml"] if how == "flow" else ["card", "--no-input", "--answers", "pipe.yaml"]
    result = run(*args, cwd=tmp_path)  # the timeout fails the test if it waits
    assert result.returncode == (1 if how == "flow" else 2)
    assert "not a regular file" in one_line(result)


@pytest.mark.parametrize("text", ["[" * 40_000 + "]" * 40_000, "- " * 40_000 + "x", "a: " + "{b: " * 30_000 + "1" + "}" * 30_000])
def test_nesting_deep_enough_to_crash_the_parser_is_refused_first(tmp_path: Path, text: str) -> None:
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    flow = run("validate", "deep.yaml", cwd=tmp_path)
    answers = run("card", "--no-input", "--answers", "deep.yaml", cwd=tmp_path)
    assert (flow.returncode, answers.returncode) == (1, 2)  # not -11 (SIGSEGV)
    assert "nested more than 64 levels deep" in one_line(flow)
    assert "nested more than 64 levels deep" in one_line(answers)


def test_dates_at_the_ends_of_the_calendar_are_bad_input(tmp_path: Path) -> None:
    today = run("validate", "--today", "9999-12-31", cwd=tmp_path)
    assert today.returncode == 2 and "outside the years" in one_line(today)
    answer = run("emergency", "--no-input", "--set", "situation=emergency", "--set", "emergency_on=9999-12-29", cwd=tmp_path)
    assert answer.returncode == 2 and "outside the years" in one_line(answer)


def test_an_offset_beyond_the_calendar_leaves_the_deadline_undated(tmp_path: Path) -> None:
    flow = TINY_FLOW.replace("after: {days: 30}", "before: {years: 3000}")
    (tmp_path / "old.yaml").write_text(flow, encoding="utf-8")
    result = run("run", "old.yaml", "--no-input", "--set", "route=school", "--set", "treated=1900-01-02",
                 "--today", "1900-01-03", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"date": null' in result.stdout


def test_a_nul_byte_is_one_line_with_its_position(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"reason: ne\x00w\n")
    result = run("card", "--no-input", "--answers", "a.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "a.yaml:1:11: character U+0000 is not allowed" in one_line(result)


def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    result = run("card", "--no-input", "--set", "reason=new", "--set", "urgent=no", "--save-answers", os.devnull, "--force", cwd=tmp_path)
    assert result.returncode == 2 and "not a regular file" in one_line(result)
    assert Path(os.devnull).is_char_device()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["list"], ["--help"], ["card", "--no-input", "--set", "reason=new", "--set", "urgent=no"]])
def test_a_full_disk_on_stdout_is_not_called_a_bug(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run(*args, cwd=tmp_path, stdout=full)
    assert result.returncode == 2
    assert one_line(result).startswith("ssguide: error: cannot write the output: No space left on device")  # as every error line


def test_closed_stdout(tmp_path: Path) -> None:
    result = subprocess.run(  # the shell starts Python with descriptor 1 closed, as `ssguide list >&-` does
        ["sh", "-c", '"$0" -m ssguide list >&-', sys.executable], env=cli_env(), stderr=subprocess.PIPE, text=True, timeout=30
    )
    assert result.returncode == 2
    assert one_line(result).startswith("ssguide: error: standard output is closed")  # as every error line

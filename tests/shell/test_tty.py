"""The wizard in a real terminal (a pseudo-terminal driven by pexpect), and without one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pexpect  # a test dependency: if it is missing these tests must fail, not skip
import pytest

from support.cli import TODAY, cli_env
from support.screen import assert_readable, attach
from support.terminal import (
    CTRL_C, DOWN, ELSEWHERE_NOTE, ENTER, HOME_FIRST, Q_ACCEPTED, Q_DATE, Q_LOW, Q_POOR, Q_ROUTE, REVIEW, SCHOOL_FIRST, TIMEOUT, UP, plain,
)

TITLE = "Apply for a child's medical insurance card"


# ---------------------------------------------------------------- no terminal


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, subprocess.PIPE], ids=["devnull", "pipe"])
def test_no_terminal_and_answers_missing_exits_2_at_once(stdin: int) -> None:
    """Without a terminal it exits at once: it never waits for input. The pipe is left open and empty,
    so that reading it would wait for good (the timeout is only there to end such a wait; a busy machine
    may take seconds to start Python, and that is not what this tests)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ssguide", "apply-child", "--today", TODAY],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
    )
    try:
        proc.wait(timeout=60)  # not communicate(), which would close stdin; the one line it prints fits the pipes
        assert proc.stdout is not None and proc.stderr is not None
        result = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.read(), proc.stderr.read())
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "--answers" in lines[0] and "--no-input" in lines[0]
    assert "route" in lines[0]


def test_no_terminal_with_some_answers_names_the_missing_one() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssguide", "apply-child", "--today", TODAY, "--set", "route=school"],
        input="school\n",  # typing into a pipe is not answering
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "low_income" in result.stderr and "--answers" in result.stderr


# ---------------------------------------------------------------- a real terminal


def spawn(tmp_path: Path, *args: str):
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(tmp_path / "data"))
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ssguide", "apply-child", "--today", TODAY, *args],
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=TIMEOUT,
    )
    attach(child)  # everything the terminal showed, drawn on an emulated screen that answers its requests
    return child


def answer(child, question: str, *keys: str) -> None:
    """Wait until ``question`` is on screen, then press ``keys``."""
    child.expect_exact(question)
    for key in keys:
        child.send(key)


def finish(child) -> str:
    """Confirm the review (if offered), wait for the end, and return all the terminal showed (its screen readable)."""
    if child.expect_exact([REVIEW, pexpect.EOF]) == 0:
        child.send(ENTER)
        child.expect(pexpect.EOF)
    child.close()
    assert_readable(child.logfile_read.lines())
    return child.logfile_read.getvalue()


def checklist_part(text: str) -> str:
    """The printed checklist: from its title (printed after the questions) on."""
    flat = plain(text)
    assert TITLE in flat, flat[-2000:]
    return flat[flat.rindex(TITLE):]


def test_walk_the_school_route(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer(child, Q_ROUTE, ENTER)  # the first option: school
    answer(child, Q_LOW, DOWN, ENTER)  # No
    answer(child, Q_POOR, DOWN, ENTER)  # No
    answer(child, Q_ACCEPTED, ENTER)  # Yes
    answer(child, Q_DATE, "2026-11-02", ENTER)
    out = checklist_part(finish(child))
    assert child.exitstatus == 0, out[-2000:]
    assert f"✓ {SCHOOL_FIRST}" in out  # card-making accepted: the first step is done (issue 20)
    assert HOME_FIRST not in out
    assert "2026-11-30" in out  # 20 working days after 2026-11-02
    assert "Sources" in out and "guidance, not legal advice" in out
    assert "Traceback" not in out


def test_walk_the_guardian_route(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer(child, Q_ROUTE, DOWN, ENTER)  # not in school
    answer(child, Q_LOW, ENTER)  # Yes
    answer(child, Q_ACCEPTED, DOWN, ENTER)  # No
    out = checklist_part(finish(child))
    assert child.exitstatus == 0, out[-2000:]
    assert f"1. {HOME_FIRST}" in out
    assert "whether the government pays your child's individual contribution" in out  # low income
    assert SCHOOL_FIRST not in out
    assert ELSEWHERE_NOTE not in out
    assert "Route: Under 18 and not in school" in out
    assert "Sources" in out


def test_walk_a_poor_family_at_school_gets_the_guardians_steps(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer(child, Q_ROUTE, ENTER)  # school
    answer(child, Q_LOW, ENTER)  # Yes
    answer(child, Q_POOR, ENTER)  # Yes: the school route excludes the child
    answer(child, Q_ACCEPTED, DOWN, ENTER)  # No
    out = checklist_part(finish(child))
    assert child.exitstatus == 0
    assert "1. The school route excludes children from poor families" in out
    assert f"2. {HOME_FIRST}" in out and SCHOOL_FIRST not in out


def test_back_returns_to_the_first_question_with_its_answer(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--export", str(tmp_path / "out.json"))
    answer(child, Q_ROUTE, DOWN, DOWN, ENTER)  # registered elsewhere
    answer(child, Q_LOW, DOWN, DOWN, DOWN, ENTER)  # Yes, No, Not sure, ← Back
    # The first question again, its cursor on the earlier answer: one Up is "not in school"
    # (without the remembered default, Up from the first option would wrap to "registered elsewhere").
    answer(child, Q_ROUTE, UP, ENTER)
    answer(child, Q_LOW, DOWN, ENTER)  # No
    answer(child, Q_ACCEPTED, DOWN, ENTER)  # No
    raw = finish(child)
    assert "← Back" in raw
    out = checklist_part(raw)
    assert child.exitstatus == 0, out[-2000:]
    assert f"1. {HOME_FIRST}" in out
    assert ELSEWHERE_NOTE not in out  # the changed answer counts, not the first one
    assert "Route: Under 18 and not in school" in out
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {k: v["value"] for k, v in data["answers"].items()} == {
        "route": "not_in_school",
        "low_income": False,
        "card_accepted": False,
    }


def test_ctrl_c_at_the_first_question(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact(Q_ROUTE)
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    out = plain(child.logfile_read.getvalue())
    assert child.exitstatus == 130, out[-1000:]
    assert "interrupted" in out.lower()
    assert "Traceback" not in out
    assert TITLE not in out  # no checklist

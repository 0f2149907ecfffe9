"""The shell's terminal-only paths, run in-process with an injected environment.

click's test runner can only say "not a terminal"; ``FakeEnvironment`` says
otherwise, fixes the clock and the screen size, so these run in milliseconds
instead of in a pseudo-terminal.
"""

from __future__ import annotations

import json
from datetime import date

from support.cli import run_main
from support.environment_double import FakeEnvironment

from ssguide.errors import ExitStatus


def run(env: FakeEnvironment, *argv: str):
    return run_main(argv, environment=env, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})


def test_without_today_the_environments_clock_dates_the_checklist() -> None:
    result = run(FakeEnvironment(today=date(2026, 1, 5)), "card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["today"] == "2026-01-05"


def test_list_on_a_terminal_is_a_table_and_in_a_pipe_one_line_per_flow() -> None:
    piped = run(FakeEnvironment(), "list")
    on_terminal = run(FakeEnvironment(stdout_tty=True), "list")
    assert piped.exit_code == on_terminal.exit_code == 0
    assert piped.stdout.splitlines()[0].split() == ["command", "procedure"]
    assert "ssguide card" in on_terminal.stdout
    assert on_terminal.stdout != piped.stdout  # rich's table, not the plain columns


def test_a_checklist_on_a_terminal_fits_its_width() -> None:
    result = run(FakeEnvironment(stdout_tty=True, size=(60, 20)), "card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\n")  # a blank line before the checklist, as on a real terminal
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_missing_answers_without_a_terminal_name_the_questions_and_exit_2() -> None:
    result = run(FakeEnvironment(stdin_tty=False, stdout_tty=True), "card", "--today", "2026-11-23")
    assert result.exit_code == ExitStatus.BAD_INPUT
    assert "reason" in result.stderr


def test_no_command_and_no_terminal_prints_the_help() -> None:
    result = run(FakeEnvironment())
    assert result.exit_code == 0
    assert "Procedures" in result.stdout and "ssguide [OPTIONS] COMMAND" in result.stdout

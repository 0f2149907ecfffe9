"""Issue #12 in a real terminal: dates typed as people write them, ＜ for Back,
progress counts, the checklist piped while the questions stay on the terminal,
and the pager.

Each test drives ``python -m ssguide`` in a pseudo-terminal (pexpect). PAGER is
``cat`` for every test (conftest) unless a test sets its own.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from ssguide.shell.registry import bundled_flows  # noqa: E402
from support.screen import Screen, Terminal, assert_readable  # noqa: E402
from support.terminal import ANSI, CTRL_C, DOWN, ENTER, plain  # noqa: E402

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

TODAY = "2026-11-23"  # a Monday
DATE_QUESTION = "On what date was"
REVIEW = re.compile(r"Review your answers|请核对您的回答")
SCHOOL_CARD_ACCEPTED = ["--set", "route=school", "--set", "low_income=no", "--set", "poor_family=no", "--set", "card_accepted=yes"]
OFFSITE_ALL = ["--set", "stay=long_term", "--set", "destination=same_province", "--set", "filed=no", "--set", "networked=yes"]


def title(flow_id: str, lang: str) -> str:
    return next(f.title.get(lang) for f in bundled_flows() if f.id == flow_id)


def spawn(tmp_path: Path, args: list[str], rows: int = 50, columns: int = 100, **env: str) -> tuple[pexpect.spawn, Screen]:
    """``ssguide ARGS --today TODAY`` in a pseudo-terminal of ``rows`` x ``columns``, drawn on an emulated screen that keeps all it received."""
    term = Terminal.ssguide(tmp_path, *args, today=TODAY, rows=rows, columns=columns, **env)
    return term.child, term.screen


def finish(child: pexpect.spawn, log: Screen) -> str:
    """Confirm the review if it comes, wait for the end; the whole screen as plain text (it must be readable)."""
    try:
        if child.expect([REVIEW, pexpect.EOF]) == 0:
            child.send(ENTER)
            child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, plain(log.getvalue())[-1500:]
    assert_readable(log.lines())
    return plain(log.getvalue())


PROMPT_DATES = [
    ("2026/11/20", "Fri 20 Nov 2026", "2026-11-20"),
    ("2026.11.20", "Fri 20 Nov 2026", "2026-11-20"),
    ("2026-11-2", "Mon 2 Nov 2026", "2026-11-02"),
    ("2026年11月20日", "Fri 20 Nov 2026", "2026-11-20"),
    ("11月20日", "Fri 20 Nov 2026", "2026-11-20"),
    ("11-20", "Fri 20 Nov 2026", "2026-11-20"),
    ("12-20", "Sat 20 Dec 2025", "2025-12-20"),  # no future dates here: last year's
    ("today", "Mon 23 Nov 2026", "2026-11-23"),
    ("yesterday", "Sun 22 Nov 2026", "2026-11-22"),
    ("今天", "Mon 23 Nov 2026", "2026-11-23"),
    ("昨天", "Sun 22 Nov 2026", "2026-11-22"),
    ("前天", "Sat 21 Nov 2026", "2026-11-21"),
    ("２０２６－１１－２０", "Fri 20 Nov 2026", "2026-11-20"),
]


@pytest.mark.parametrize(("typed", "echo", "iso"), PROMPT_DATES, ids=[p[0] for p in PROMPT_DATES])
def test_a_date_typed_as_people_write_it_is_echoed_and_used(tmp_path: Path, typed: str, echo: str, iso: str) -> None:
    child, log = spawn(tmp_path, ["apply-child", *SCHOOL_CARD_ACCEPTED])
    child.expect_exact(DATE_QUESTION)
    child.send(typed + ENTER)
    child.expect_exact(f"→ {echo}")  # the date understood, before moving on
    screen = finish(child, log)
    assert f"Accepted on: {iso}" in screen[screen.rindex("Apply for a child"):]


def test_a_date_typed_in_chinese_is_echoed_in_chinese(tmp_path: Path) -> None:
    child, log = spawn(tmp_path, ["apply-child", *SCHOOL_CARD_ACCEPTED, "--lang", "zh"])
    child.expect_exact("制卡手续是哪天受理的")
    child.send("2026年11月20日" + ENTER)
    child.expect_exact("→ 2026年11月20日（周五）")
    screen = finish(child, log)
    assert "受理日期：2026年11月20日" in screen or "2026年11月20日" in screen[screen.rindex("申领少儿医保卡"):]


def test_a_full_width_less_than_goes_back(tmp_path: Path) -> None:
    child, log = spawn(tmp_path, ["apply-child", "--set", "route=school", "--set", "low_income=no", "--set", "poor_family=no"])
    try:
        child.expect_exact("Has the card-making procedure")
        child.send(ENTER)  # yes
        child.expect_exact(DATE_QUESTION)
        child.send("＜" + ENTER)  # typed with a Chinese input method
        child.expect_exact("Has the card-making procedure")
        child.send(CTRL_C)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "not a date" not in plain(log.getvalue())


def test_progress_is_a_range_until_the_route_is_known_then_exact(tmp_path: Path) -> None:
    child, log = spawn(tmp_path, ["apply-child"])
    try:
        child.expect_exact("[Question 1 of 3–5]")  # no card accepted yet stops at 3 or 4, a dated card goes to 5
        child.send(ENTER)  # school
        child.expect_exact("[Question 2 of 4–5]")
        child.send(DOWN + ENTER)  # not low-income
        child.expect_exact("[Question 3 of 4–5]")
        child.send(DOWN + ENTER)  # not a poor family
        child.expect_exact("[Question 4 of 4–5]")
        child.send(ENTER)  # accepted
        child.expect_exact("[Question 5 of 5]")
        child.send("2026-11-02" + ENTER)
    except pexpect.TIMEOUT:
        child.close(force=True)
        pytest.fail(plain(log.getvalue())[-1500:])
    finish(child, log)


# ---------------------------------------------------------------- piping


def shell(tmp_path: Path, command: str, rows: int = 50, **env: str) -> tuple[pexpect.spawn, Screen]:
    """``command`` run by sh in the pseudo-terminal (``Terminal.shell``: ``ssguide`` is this Python's ssguide)."""
    term = Terminal.shell(tmp_path, command, rows=rows, **env)
    return term.child, term.screen


def walk_card(child: pexpect.spawn, log: Screen) -> str:
    child.expect_exact("Why do you need a card?")
    child.send(DOWN + ENTER)  # replace a lost card
    child.expect_exact("Have you already reported the card lost")
    child.send(ENTER)  # yes
    child.expect_exact("Do you urgently need")
    child.send(ENTER)  # yes
    return finish(child, log)


@pytest.mark.parametrize(
    "command",
    [
        f"ssguide card --today {TODAY} | cat > out.txt",  # prompts on stderr, the terminal
        f"ssguide card --today {TODAY} > out.txt 2> err.txt",  # neither is a terminal: prompts on /dev/tty
    ],
    ids=["pipe", "redirect-both"],
)
def test_piped_checklist_with_the_questions_on_the_terminal(tmp_path: Path, command: str) -> None:
    child, log = shell(tmp_path, command)
    screen = walk_card(child, log)
    assert "Review your answers" in screen  # the wizard ran on the terminal
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.startswith(title("card", "en") + "\n"), out[:300]
    assert not ANSI.search(out)
    for prompt_text in ("Why do you need a card?", "Review your answers", "Question 1", "arrow keys"):
        assert prompt_text not in out, prompt_text
    assert "Sources" in out and "not legal advice" in out


def test_without_a_terminal_to_read_keys_from_it_still_stops_with_the_hint(tmp_path: Path) -> None:
    # Output on the terminal, but keys would come from a pipe: nothing to ask with.
    child, log = shell(tmp_path, f"echo | ssguide card --today {TODAY}; echo exit=$?")
    child.expect(pexpect.EOF)
    child.close()
    screen = plain(log.getvalue())
    assert "answers missing (reason) and there is no terminal to ask in" in screen
    assert "exit=2" in screen


# ---------------------------------------------------------------- pager

MARK_PAGER = "sed s/^/PAGED:/"  # a "pager" that shows it was used


def test_a_checklist_taller_than_the_terminal_opens_the_pager(tmp_path: Path) -> None:
    child, log = spawn(tmp_path, ["offsite", *OFFSITE_ALL], rows=20, PAGER=MARK_PAGER)
    screen = finish(child, log)
    assert "PAGED:Use your medical insurance away" in screen.replace("PAGED: ", "PAGED:")


@pytest.mark.parametrize(
    ("rows", "extra", "pager"),
    [(20, ["--no-pager"], MARK_PAGER), (400, [], MARK_PAGER), (20, [], "no-such-pager-program -R")],
    ids=["no-pager-option", "fits-the-terminal", "pager-missing"],
)
def test_no_pager_when_asked_not_to_when_it_fits_or_when_missing(tmp_path: Path, rows: int, extra: list[str], pager: str) -> None:
    child, log = spawn(tmp_path, ["offsite", *OFFSITE_ALL, *extra], rows=rows, PAGER=pager)
    screen = finish(child, log)
    assert "PAGED:" not in screen
    assert "Use your medical insurance away from your insured place" in screen and "not legal advice" in screen


def test_never_a_pager_when_piped(tmp_path: Path) -> None:
    child, log = shell(tmp_path, f"ssguide offsite {' '.join(OFFSITE_ALL)} --today {TODAY} | cat", rows=20, PAGER=MARK_PAGER)
    screen = finish(child, log)
    assert "PAGED:" not in screen and "not legal advice" in screen


def test_less_shows_a_long_checklist_and_q_quits(tmp_path: Path) -> None:
    if not any(os.access(os.path.join(d, "less"), os.X_OK) for d in os.environ.get("PATH", "").split(os.pathsep)):
        pytest.skip("less is not installed")
    child, log = spawn(tmp_path, ["offsite", *OFFSITE_ALL], rows=20, PAGER="less -R")
    child.expect_exact("Use your medical insurance")
    child.send("q")
    finish(child, log)

"""A wizard that forgives, in a real terminal: Back, change, Ctrl-C/Ctrl-D and resume.

Each test drives ``ssguide apply-child`` in a pseudo-terminal as a user
would: it waits for a question's text before pressing keys, and checks what
the terminal showed. Runs that belong together (interrupt, then resume)
share one data folder, as they would share the user's.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pexpect  # a test dependency: if it is missing these tests must fail, not skip
import pytest

from support.cli import TODAY, cli_env
from support.screen import assert_readable, attach

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

from support.terminal import (  # noqa: E402
    CTRL_C, CTRL_D, DOWN, ELSEWHERE_NOTE, ENTER, HOME_FIRST, Q_ACCEPTED, Q_DATE, Q_LOW, Q_POOR, Q_ROUTE, REVIEW,
    SCHOOL_FIRST,
    TIMEOUT, plain,
)

TITLE = "Apply for a child's medical insurance card"
OFFER = "Resume where I left off"
SUBSIDY = "whether the government pays your child's individual contribution"


class Run:
    """One ``ssguide apply-child`` in a pseudo-terminal, stderr kept apart to count its lines."""

    def __init__(self, tmp_path: Path, *args: str, lang: str = "C.UTF-8", name: str = "run") -> None:
        self.data = tmp_path / "data"
        self.stderr_file = tmp_path / f"{name}.stderr"
        env = cli_env(lang, TERM="xterm", SSGUIDE_DATA_DIR=str(self.data))
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        argv = [sys.executable, "-m", "ssguide", "apply-child", "--today", TODAY, *args]
        # The shell only sends stderr to a file (then becomes the program): everything else is the terminal.
        self.child = pexpect.spawn(
            "/bin/sh",
            ["-c", 'exec "$@" 2>"$SSGUIDE_TEST_STDERR"', "sh", *argv],
            env={**env, "SSGUIDE_TEST_STDERR": str(self.stderr_file)},
            dimensions=(40, 120),
            encoding="utf-8",
            codec_errors="replace",
            timeout=TIMEOUT,
            cwd=str(tmp_path),
        )
        self.log = attach(self.child)  # drawn on an emulated screen, which answers the terminal requests

    def screen(self) -> str:
        """Everything the terminal received."""
        return self.log.getvalue()

    def answer(self, text: str, *keys: str) -> None:
        """Wait until ``text`` is on screen, then press ``keys``."""
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            self.child.close(force=True)
            pytest.fail(f"{type(exc).__name__} waiting for {text!r}; screen so far:\n{plain(self.screen())[-2000:]}")
        for key in keys:
            self.child.send(key)

    def wait_plain(self, text: str, since: int = 0) -> str:
        """Wait until ``text`` shows in the plain screen after ``since`` (a menu may still be drawing); that screen."""
        deadline = time.monotonic() + TIMEOUT
        while text not in (shown := plain(self.screen()[since:])):
            if time.monotonic() > deadline:
                self.child.close(force=True)
                pytest.fail(f"timed out waiting for {text!r}; screen so far:\n{shown[-2000:]}")
            try:
                self.child.expect(pexpect.TIMEOUT, timeout=0.05)  # reads whatever has arrived
            except pexpect.EOF:
                pass
        return shown

    def end(self) -> int:
        """Wait for the program to end; its exit status. What it left on the screen must be readable."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert_readable(self.log.lines())
        return self.child.exitstatus

    def finish(self, review_shown: bool = False) -> str:
        """Confirm the review, wait for the end; the printed checklist as plain text."""
        if review_shown:
            self.child.send(ENTER)
        else:
            self.answer(REVIEW, ENTER)
        status = self.end()
        flat = plain(self.screen())
        assert status == 0, flat[-2000:]
        assert TITLE in flat, flat[-2000:]
        return flat[flat.rindex(TITLE) :]

    @property
    def stderr(self) -> str:
        return self.stderr_file.read_text(encoding="utf-8")

    @property
    def session(self) -> Path:
        return self.data / "sessions" / "apply-child.json"


def assert_interrupted(run: Run, *, resume_hint: str) -> None:
    """Exit 130, exactly one line on stderr saying how to resume (or start again), no traceback, no checklist."""
    status = run.end()
    screen = plain(run.screen())
    assert status == 130, screen[-1000:]
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("ssguide: Interrupted"), lines
    assert "'ssguide apply-child'" in lines[0]
    assert resume_hint in lines[0]
    assert "Traceback" not in screen and "Traceback" not in run.stderr
    assert TITLE not in screen  # no checklist printed


# ---------------------------------------------------------------- (a) back and change


def test_back_twice_change_the_first_answer_keeps_the_later_one_as_default(tmp_path: Path) -> None:
    export = tmp_path / "out.json"
    run = Run(tmp_path, "--export", str(export))
    run.answer(Q_ROUTE, ENTER)  # School-age and at school
    run.answer(Q_LOW, DOWN, ENTER)  # No
    run.answer(Q_POOR, DOWN, DOWN, DOWN, ENTER)  # Yes, No, Not sure, ← Back
    # Back at the second question, its cursor on "No": Down twice is "← Back" (after "Not sure").
    run.answer(Q_LOW, DOWN, DOWN, ENTER)
    run.answer(Q_ROUTE, DOWN, ENTER)  # change the first answer: Under 18 and not in school
    mark = len(run.screen())
    # The second question again: its earlier answer is preselected, so Enter alone keeps it.
    run.answer(Q_LOW)
    run.child.expect_exact("← Back")  # the whole menu is drawn
    assert "» No" in plain(run.screen()[mark:]), plain(run.screen()[mark:])
    run.child.send(ENTER)
    run.answer(Q_ACCEPTED, DOWN, ENTER)  # No
    out = run.finish()
    assert HOME_FIRST in out  # the checklist follows the changed first answer
    assert SCHOOL_FIRST not in out
    assert "Route: Under 18 and not in school" in out
    assert "Low-income family: No" in out  # the later answer kept
    assert SUBSIDY not in out
    data = json.loads(export.read_text(encoding="utf-8"))
    assert {k: v["value"] for k, v in data["answers"].items()} == {
        "route": "not_in_school",
        "low_income": False,
        "card_accepted": False,
    }
    assert not run.session.exists()  # a finished run leaves no saved progress


def test_change_the_first_answer_at_review_keeps_later_answers_without_asking(tmp_path: Path) -> None:
    run = Run(tmp_path)
    run.answer(Q_ROUTE, DOWN, ENTER)  # Under 18 and not in school
    run.answer(Q_LOW, DOWN, ENTER)  # No
    run.answer(Q_ACCEPTED, DOWN, ENTER)  # No
    run.answer(REVIEW, DOWN, ENTER)  # "Change: Route → …"
    mark = len(run.screen())
    run.answer(Q_ROUTE, DOWN, ENTER)  # cursor on "not in school": Down is "registered elsewhere"
    out = run.finish()
    asked_after_change = plain(run.screen()[mark:])
    assert Q_LOW not in asked_after_change and Q_ACCEPTED not in asked_after_change  # still valid: kept
    assert ELSEWHERE_NOTE in out
    assert "Route: Under 18, household registered outside the city" in out
    assert "Low-income family: No" in out and "Card-making accepted: No" in out


# ---------------------------------------------------------------- (b) Ctrl-C at the first question


def test_ctrl_c_at_the_first_question_then_the_next_run_starts_there_and_finishes(tmp_path: Path) -> None:
    export = tmp_path / "checklist.md"
    first = Run(tmp_path, "--export", str(export), name="first")
    first.answer(Q_ROUTE, CTRL_C)
    assert_interrupted(first, resume_hint="question 1; no answers were kept, so there is nothing to resume")
    assert not export.exists()  # no partial export
    saved = json.loads(first.session.read_text(encoding="utf-8"))
    assert saved["flow"] == "apply-child" and saved["at"] == "route" and saved["answers"] == {}
    assert saved["saved"]  # when

    # Nothing was answered, so nothing is offered (issue #19): the run starts at question 1, where it stopped.
    second = Run(tmp_path, name="second")
    second.answer(Q_ROUTE, ENTER)  # school
    assert OFFER not in plain(second.screen()) and "Start over" not in plain(second.screen())
    second.answer(Q_LOW, DOWN, ENTER)  # No
    second.answer(Q_POOR, DOWN, ENTER)  # No
    second.answer(Q_ACCEPTED, DOWN, ENTER)  # No
    out = second.finish()
    assert f"1. {SCHOOL_FIRST}" in out
    assert "Sources" in out
    assert second.stderr == ""
    assert not second.session.exists()  # finished: cleared

    third = Run(tmp_path, name="third")
    third.answer(Q_ROUTE, CTRL_C)  # the first thing shown is the question, no offer
    assert OFFER not in plain(third.screen())
    third.end()


def test_ctrl_c_at_the_offer_keeps_the_saved_answers(tmp_path: Path) -> None:
    first = Run(tmp_path, name="first")
    first.answer(Q_ROUTE, DOWN, ENTER)  # not in school
    first.answer(Q_LOW, CTRL_C)
    assert_interrupted(first, resume_hint="again to resume (--fresh starts over)")
    before = first.session.read_text(encoding="utf-8")

    second = Run(tmp_path, name="second")
    second.answer(OFFER, CTRL_C)
    assert_interrupted(second, resume_hint="again to resume (--fresh starts over)")
    assert second.session.read_text(encoding="utf-8") == before

    third = Run(tmp_path, name="third")
    third.answer(OFFER)
    assert "you stopped at question 2 (Low-income family), with 1 answer saved" in plain(third.screen())
    third.child.send(ENTER)
    third.answer(Q_LOW, ENTER)  # Yes
    third.answer(Q_ACCEPTED, DOWN, ENTER)  # No
    out = third.finish()
    assert "Route: Under 18 and not in school" in out and SUBSIDY in out


# ---------------------------------------------------------------- (c) Ctrl-D at a later question


def test_ctrl_d_at_the_date_question_then_resume_restores_the_answers(tmp_path: Path) -> None:
    first = Run(tmp_path, name="first")
    first.answer(Q_ROUTE, DOWN, ENTER)  # not in school
    first.answer(Q_LOW, ENTER)  # Yes
    first.answer(Q_ACCEPTED, ENTER)  # Yes
    first.answer(Q_DATE, CTRL_D)  # end of input at an empty text prompt
    assert_interrupted(first, resume_hint="again to resume (--fresh starts over)")
    saved = json.loads(first.session.read_text(encoding="utf-8"))
    assert saved["at"] == "accepted_on"
    assert saved["answers"] == {"route": "not_in_school", "low_income": True, "card_accepted": True}

    second = Run(tmp_path, name="second")
    second.answer(OFFER)
    assert "you stopped at question 4 (Accepted on), with 3 answers saved" in plain(second.screen())
    second.child.send(ENTER)
    mark = len(second.screen())
    second.answer(Q_DATE, "2026-11-02", ENTER)
    assert Q_ROUTE not in plain(second.screen()[mark:])  # the earlier questions are not asked again
    second.answer(REVIEW)
    review = second.wait_plain("Change: Accepted on → 2026-11-02", since=mark)  # the review's last line
    assert "Change: Route → Under 18 and not in school" in review
    assert "Change: Low-income family → Yes" in review
    assert "Change: Accepted on → 2026-11-02" in review
    out = second.finish(review_shown=True)
    # Card-making accepted: the first step is ticked, the subsidy question is what is left (issue 20).
    assert f"✓ {HOME_FIRST}" in out and SUBSIDY in out
    assert "2026-11-30" in out  # 20 working days after 2026-11-02
    assert not second.session.exists()


def test_ctrl_d_in_a_menu_also_saves_and_exits_130(tmp_path: Path) -> None:
    run = Run(tmp_path)
    run.answer(Q_ROUTE, DOWN, DOWN, ENTER)  # registered elsewhere
    run.answer(Q_LOW, CTRL_D)
    assert_interrupted(run, resume_hint="again to resume (--fresh starts over)")
    saved = json.loads(run.session.read_text(encoding="utf-8"))
    assert saved["at"] == "low_income" and saved["answers"] == {"route": "registered_elsewhere"}


# ---------------------------------------------------------------- (d) --fresh


def test_fresh_skips_the_offer_and_its_finish_clears_the_session(tmp_path: Path) -> None:
    first = Run(tmp_path, name="first")
    first.answer(Q_ROUTE, DOWN, DOWN, ENTER)  # registered elsewhere
    first.answer(Q_LOW, CTRL_C)
    assert_interrupted(first, resume_hint="again to resume (--fresh starts over)")
    assert first.session.exists()

    fresh = Run(tmp_path, "--fresh", name="fresh")
    fresh.answer(Q_ROUTE)
    assert OFFER not in plain(fresh.screen())
    fresh.child.send(ENTER)  # the cursor starts on the first option again: school
    fresh.answer(Q_LOW, DOWN, ENTER)  # No
    fresh.answer(Q_POOR, DOWN, ENTER)  # No
    fresh.answer(Q_ACCEPTED, DOWN, ENTER)  # No
    out = fresh.finish()
    assert f"1. {SCHOOL_FIRST}" in out and ELSEWHERE_NOTE not in out
    assert not fresh.session.exists()


# ---------------------------------------------------------------- a flow that changed under a session


def test_saved_answers_that_no_longer_fit_are_dropped_with_a_note(tmp_path: Path) -> None:
    session = tmp_path / "data" / "sessions" / "apply-child.json"
    session.parent.mkdir(parents=True)
    session.write_text(
        json.dumps(
            {
                "flow": "apply-child",
                "saved": "2026-11-20T09:30:00",
                "at": "card_accepted",
                # "kindergarten" is no longer a choice; "age" no longer a question.
                "answers": {"route": "kindergarten", "age": 4, "low_income": False},
            }
        ),
        encoding="utf-8",
    )
    run = Run(tmp_path)
    run.answer(OFFER)
    assert "Last time (2026-11-20 09:30) you stopped at question 1 (Route), with 1 answer saved" in plain(run.screen())
    run.child.send(ENTER)
    run.answer(Q_ROUTE, DOWN, ENTER)  # not in school; low_income comes from the session
    run.answer(Q_ACCEPTED, DOWN, ENTER)
    out = run.finish()
    assert "Low-income family: No" in out
    assert run.stderr == "ssguide: Saved answers that no longer fit this flow were dropped: route, age.\n"


def test_a_dropped_answer_s_id_stays_on_the_note_s_line(tmp_path: Path) -> None:
    """The note listed a session file's ids as they were: an id holding a line break (a hand-edited or
    planted file) printed a line of its own, 'ssguide: error: …', that ssguide never wrote."""
    session = tmp_path / "data" / "sessions" / "apply-child.json"
    session.parent.mkdir(parents=True)
    forged = "age\nssguide: error: your card is cancelled, call 555-0100"
    session.write_text(json.dumps({"flow": "apply-child", "saved": "2026-11-20T09:30:00", "at": "card_accepted",
                                   "answers": {forged: 4, "low_income": False}}), encoding="utf-8")
    run = Run(tmp_path)
    run.answer(OFFER)
    run.child.send(ENTER)
    run.answer(Q_ROUTE, DOWN, ENTER)
    run.answer(Q_ACCEPTED, DOWN, ENTER)
    run.finish()
    assert run.stderr == ("ssguide: Saved answers that no longer fit this flow were dropped: "
                          "age<U+000A>ssguide: error: your card is cancelled, call 555-0100.\n")


def test_a_session_with_nothing_left_that_fits_is_dropped_and_the_run_starts_over(tmp_path: Path) -> None:
    session = tmp_path / "data" / "sessions" / "apply-child.json"
    session.parent.mkdir(parents=True)
    session.write_text(
        json.dumps({"flow": "apply-child", "saved": "2026-11-20T09:30:00", "at": "age", "answers": {"age": 4}}),
        encoding="utf-8",
    )
    run = Run(tmp_path)
    run.answer(Q_ROUTE)
    assert OFFER not in plain(run.screen())
    assert not session.exists()
    run.child.send(CTRL_C)
    assert run.end() == 130
    assert run.stderr.splitlines() == [
        "ssguide: Saved progress no longer fits this flow (it has changed since); starting over.",
        "ssguide: Interrupted at question 1; no answers were kept, so there is nothing to resume. Run 'ssguide apply-child' to start again.",
    ]
    assert json.loads(session.read_text(encoding="utf-8"))["at"] == "route"  # a new, fitting session


def test_ctrl_c_and_the_offer_in_chinese(tmp_path: Path) -> None:
    first = Run(tmp_path, "--lang", "zh", name="first")
    first.answer("孩子属于哪种情况", CTRL_C)
    assert first.end() == 130
    # --lang is repeated in the hint, so the resumed run is in Chinese too
    assert first.stderr == "ssguide: 已中断于第 1 题；尚未保留任何回答，没有可继续的进度。再次运行 'ssguide apply-child --lang zh' 即可重新开始。\n"
    assert "Traceback" not in first.screen()

    # Nothing answered, nothing offered (issue #19): one answer this time, then stop.
    again = Run(tmp_path, "--lang", "zh", name="again")
    again.answer("孩子属于哪种情况", ENTER)  # 学龄
    again.answer("家庭是否享受最低生活保障", CTRL_C)
    assert again.end() == 130
    assert again.stderr == "ssguide: 已中断，已保存目前的回答。再次运行 'ssguide apply-child --lang zh' 即可继续（加 --fresh 重新开始）。\n"

    second = Run(tmp_path, lang="zh_CN.UTF-8", name="second")
    second.answer("重新开始")
    offer = plain(second.screen())
    assert re.search(r"上次（\d{4}-\d\d-\d\d \d\d:\d\d）您停在第 2 ?题（低保或低收入家庭），已保存 1 个回答。", offer), offer
    assert "从上次停下的地方继续" in offer
    second.child.send(DOWN + ENTER)  # start over
    second.answer("孩子属于哪种情况")
    assert not second.session.exists()  # starting over forgets the old session at once
    second.child.send(CTRL_C)
    assert second.end() == 130

"""Signals mid-wizard, in a real terminal: progress saved, the terminal restored, the conventional exit code.

SIGTERM and SIGHUP used to kill the run mid-prompt with nothing saved and the
terminal left without echo; ``kill -INT`` was ignored at a prompt.
"""

from __future__ import annotations

import json
import signal
import sys
import termios
from pathlib import Path

import pexpect
import pytest

from support.cli import TINY_FLOW, TODAY, cli_env

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

from support.screen import attach  # noqa: E402
from support.terminal import CTRL_C, ENTER, Q_LOW, Q_ROUTE, TIMEOUT  # noqa: E402


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_mid_wizard_saves_and_restores_the_terminal(tmp_path: Path, signum: int, code: int) -> None:
    data = tmp_path / "data"
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(data))
    child = pexpect.spawn(sys.executable, ["-m", "ssguide", "apply-child", "--today", TODAY], env=env,
                          dimensions=(40, 120), encoding="utf-8", codec_errors="replace", timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)  # an emulated screen answers prompt_toolkit's cursor-position requests
    try:
        child.expect(Q_ROUTE)
        child.send(ENTER)  # the first route
        child.expect(Q_LOW)
        child.kill(signum)
        child.expect(pexpect.EOF)
        modes = termios.tcgetattr(child.child_fd)
        child.close()
        assert child.exitstatus == code, (child.exitstatus, child.signalstatus, child.before)
        assert modes[3] & termios.ECHO and modes[3] & termios.ICANON  # echo and line editing are back
        saved = json.loads((data / "sessions" / "apply-child.json").read_text(encoding="utf-8"))
        assert saved["answers"] and saved["at"]
        assert "--resume" not in child.before and "ssguide apply-child" in child.before
    finally:
        child.close(force=True)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_at_a_typed_answer_saves_too(tmp_path: Path, signum: int) -> None:
    data = tmp_path / "data"
    (tmp_path / "demo.yaml").write_text(TINY_FLOW, encoding="utf-8")
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(data))
    argv = ["-m", "ssguide", "run", "demo.yaml", "--today", TODAY, "--set", "route=school"]
    child = pexpect.spawn(sys.executable, argv, env=env, dimensions=(40, 120), encoding="utf-8", codec_errors="replace",
                          timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)
    try:
        child.expect_exact("a date such as")  # the date prompt's hint
        child.send("2026-11")
        child.kill(signum)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 128 + signum
        assert len(list((data / "sessions").glob("demo-*.json"))) == 1  # a flow file's own session
    finally:
        child.close(force=True)


def test_sigterm_at_the_menu_of_procedures_restores_the_terminal(tmp_path: Path) -> None:
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(tmp_path / "data"))
    child = pexpect.spawn(sys.executable, ["-m", "ssguide"], env=env, dimensions=(40, 120), encoding="utf-8",
                          codec_errors="replace", timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)
    try:
        child.expect("Apply for a child")
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF)
        modes = termios.tcgetattr(child.child_fd)
        child.close()
        assert child.exitstatus == 143
        assert modes[3] & termios.ECHO and modes[3] & termios.ICANON
    finally:
        child.close(force=True)


def test_a_sessions_folder_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir()
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    (elsewhere / "apply-child.json").write_text("someone else's file\n", encoding="utf-8")
    (data / "sessions").symlink_to(elsewhere)
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(data))
    child = pexpect.spawn(sys.executable, ["-m", "ssguide", "apply-child", "--today", TODAY], env=env,
                          dimensions=(40, 200), encoding="utf-8", codec_errors="replace", timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)
    try:
        child.expect(Q_ROUTE)  # a saved session is not read through the link either: no resume offer
        child.send(ENTER)
        child.expect(Q_LOW)
        child.kill(signal.SIGINT)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 130
        assert f"{data / 'sessions'} is a symbolic link" in " ".join(child.before.split())
    finally:
        child.close(force=True)
    assert (elsewhere.stat().st_mode & 0o777) == 0o755
    assert [p.name for p in elsewhere.iterdir()] == ["apply-child.json"]
    assert (elsewhere / "apply-child.json").read_text(encoding="utf-8") == "someone else's file\n"


def test_a_storm_of_window_resizes_prints_nothing_but_the_wizard(tmp_path: Path) -> None:
    """1,000 resizes 2 ms apart filled asyncio's wakeup socket: Python printed 'Exception ignored … BlockingIOError' 31 times."""
    import io
    import time

    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(tmp_path / "data"))
    child = pexpect.spawn(sys.executable, ["-m", "ssguide", "apply-child", "--today", TODAY], env=env, dimensions=(30, 100),
                          encoding="utf-8", codec_errors="replace", timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)
    seen = io.StringIO()
    child.logfile_read = seen
    try:
        child.expect(Q_ROUTE)
        for i in range(1000):
            child.setwinsize(30 + i % 5, 100 - i % 7)  # each one a SIGWINCH
            time.sleep(0.002)
        child.send(CTRL_C)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 130
    finally:
        child.close(force=True)
    assert "Exception ignored" not in seen.getvalue() and "Traceback" not in seen.getvalue()


def test_a_terminal_that_hangs_up_keeps_the_answers(tmp_path: Path) -> None:
    """The window closed at the review: one SIGHUP, and the terminal gone. Putting its modes back failed
    (termios.error, which is no OSError) before the answers were saved: exit 70, and the answers lost."""
    data = tmp_path / "data"
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(data))
    child = pexpect.spawn(sys.executable, ["-m", "ssguide", "card", "--today", TODAY], env=env, dimensions=(30, 100),
                          encoding="utf-8", codec_errors="replace", timeout=TIMEOUT, cwd=str(tmp_path))
    attach(child)
    try:
        child.expect("Why do you need a card")
        child.send(ENTER)  # a first card
        child.expect("Do you urgently need")
        child.send(ENTER)  # yes
        child.expect("Review your answers")
        child.ptyproc.fileobj.close()  # as a terminal window closes: the kernel hangs the terminal up
        assert child.ptyproc.wait() == 129
    finally:
        child.close(force=True)
    saved = json.loads((data / "sessions" / "card.json").read_text(encoding="utf-8"))
    assert saved["answers"] == {"reason": "new", "urgent": True}

"""Walking the wizard in a pseudo-terminal (pexpect), key by key: what the pty tests share."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from ssguide.shell.registry import bundled_flows

from .screen import assert_readable, attach, terminal_env
from .terminal import ENTER, TIMEOUT, plain

TODAY = "2026-11-23"
REVIEW = re.compile(r"Review your answers|请核对您的回答")


def title(flow_id: str, lang: str) -> str:
    return next(f.title.get(lang) for f in bundled_flows() if f.id == flow_id)


def walk_raw(
    tmp_path: Path,
    flow: str,
    steps: list[tuple[str, list[str]]],
    *,
    today: str = TODAY,
    lang: str | None = None,
    columns: int = 120,
) -> str:
    """Answer each question in a ``columns``-wide pty, confirm the review; everything the terminal received.

    The screen (``support.screen``) must stay readable all the way: no ``<U+…>``, no escape shown as text.
    """
    env = terminal_env(tmp_path, XDG_DATA_HOME=str(tmp_path / "xdg"))  # its own saved progress: no "resume?" question
    args = ["-m", "ssguide", flow, "--today", today]
    if lang:
        args += ["--lang", lang]
    child = pexpect.spawn(
        sys.executable, args, env=env, dimensions=(50, columns), encoding="utf-8", timeout=TIMEOUT, cwd=str(tmp_path)
    )
    log = attach(child)  # drawn on an emulated screen, which answers prompt_toolkit's cursor-position requests
    try:
        for question, keys in steps:
            child.expect_exact(question)
            for key in keys:
                child.send(key)
        if child.expect([REVIEW, pexpect.EOF]) == 0:
            child.send(ENTER)  # the first choice confirms the answers
            child.expect(pexpect.EOF)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        child.close(force=True)
        pytest.fail(f"{type(exc).__name__} in the {flow} walk; screen so far:\n{plain(log.getvalue())[-2000:]}")
    child.close()
    assert child.exitstatus == 0, f"exit status {child.exitstatus} / signal {child.signalstatus}:\n{plain(log.getvalue())[-2000:]}"
    assert_readable(log.lines())
    return log.getvalue()


def walk(
    tmp_path: Path,
    flow: str,
    steps: list[tuple[str, list[str]]],
    *,
    today: str = TODAY,
    lang: str | None = None,
) -> str:
    """Answer each question in a pty; return the printed checklist as plain text."""
    output = plain(walk_raw(tmp_path, flow, steps, today=today, lang=lang))
    heading = title(flow, lang or "en")
    assert heading in output, f"checklist title {heading!r} not printed:\n{output[-2000:]}"
    # Only what follows the checklist's title: the prompts' own texts do not count.
    return output[output.rindex(heading):]


def assert_shows(out: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} not in the printed checklist:\n{out}"


def assert_hides(out: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment not in out, f"{fragment!r} (another branch) printed:\n{out}"


OFFSITE_STAY = "Why are you away from your insured place?"
OFFSITE_WHERE = "Where are you being treated?"
OFFSITE_EMERGENCY = "Have you already had emergency treatment"
OFFSITE_DATE = "On what date was the emergency treatment?"
OFFSITE_NETWORKED = "Is the hospital a networked"
OFFSITE_FILED = "Have you already filed this off-site treatment"
OFFSITE_REPORTED = "Have you already told your insured place"
OFFSITE_PAID_HOME = "Have you already been treated, paid the costs yourself"

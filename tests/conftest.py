"""Shared fixtures: how the tests run the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FLOWS = REPO / "flows"
TODAY = "2026-11-23"


def cli_env(lang: str = "C.UTF-8", **extra: str) -> dict[str, str]:
    """The environment of a user whose locale is ``lang`` (English by default).

    LC_ALL and LC_MESSAGES win over LANG, so they are removed: the test's LANG decides.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=lang, PROMPT_TOOLKIT_NO_CPR="1", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONWARNINGS", None)
    env.update(extra)
    return env


def run_cli(
    *args: str,
    today: str | None = TODAY,
    env: dict[str, str] | None = None,
    cwd: Path | str | None = None,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = 30,
) -> subprocess.CompletedProcess[str]:
    """``python -m ssguide ARGS --today TODAY`` as a real process, stdin not a terminal."""
    argv = [sys.executable, "-m", "ssguide", *args]
    if today is not None:
        argv += ["--today", today]
    return subprocess.run(
        argv,
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env if env is not None else cli_env(),
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture
def ssguide() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli

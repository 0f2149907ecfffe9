"""The test command runs the type checker and the linter: mypy (strict on core/ and render/) and ruff, zero findings.

Their settings are in pyproject.toml. The last test proves mypy really checks
records' constructors (``Record``'s ``@dataclass_transform``): a misspelt
keyword is an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.cli import REPO


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(REPO / "src")}  # the checkout's package, however it is installed
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_mypy_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_checks_a_records_constructor(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from ssguide.shell.run import RunOptions\n\nRunOptions(no_inptu=True)\n", encoding="utf-8")
    result = run("mypy", "--config-file", str(REPO / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"), str(probe), cwd=tmp_path)
    assert result.returncode == 1
    assert 'Unexpected keyword argument "no_inptu" for "RunOptions"' in result.stdout, result.stdout

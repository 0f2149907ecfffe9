"""The installed command answers at all: version and list."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ssguide", *args], capture_output=True, text=True, timeout=60)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("ssguide ")


def test_list_names_apply_child() -> None:
    result = run("list")
    assert result.returncode == 0
    assert "ssguide apply-child" in result.stdout

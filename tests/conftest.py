"""Shared fixtures and settings: throw-away folders for every test worker, bounded hypothesis.

What tests import (running the CLI, terminals, fakes, random flows) lives in ``support/``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from support.cli import run_cli

# The suite runs the CLI in hundreds of child processes: let the first ones write
# ssguide's bytecode so the rest don't each compile every module again (some
# machines, this one and CI among them, set PYTHONDONTWRITEBYTECODE).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Hypothesis: bounded and sharing nothing between test workers (no example database in the checkout).
settings.register_profile("ssguide", max_examples=100, deadline=None, database=None)
settings.load_profile("ssguide")

_SAVED_ENV = pytest.StashKey[tuple]()
_PRIVATE_FOLDERS = {
    "SSGUIDE_DATA_DIR": "ssguide-data",
    "SSGUIDE_CACHE_DIR": "ssguide-cache",
    # Nothing a test starts may write to the user's home either.
    "HOME": "home",
    "XDG_CACHE_HOME": "xdg-cache",
    "XDG_DATA_HOME": "xdg-data",
    "XDG_CONFIG_HOME": "xdg-config",
    "XDG_STATE_HOME": "xdg-state",
}


def pytest_configure(config: pytest.Config) -> None:
    """Saved wizard progress, caches and home go to throw-away folders, never the user's own.

    Set here, before any test module is imported: importing the CLI already
    reads (and may write) the flow-header index. Each test worker (pytest -n)
    configures itself, so workers share none of these folders.
    """
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="ssguide-tests-"))
    config.stash[_SAVED_ENV] = (root, {name: os.environ.get(name) for name in [*_PRIVATE_FOLDERS, "PAGER"]})
    for name, folder in _PRIVATE_FOLDERS.items():
        (root / folder).mkdir()
        os.environ[name] = str(root / folder)
    # A checklist taller than a test's pseudo-terminal would open a pager that
    # waits for keys: cat prints it instead (the pager's own tests set PAGER).
    os.environ["PAGER"] = "cat"


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    saved = config.stash.get(_SAVED_ENV, None)
    if saved is None:
        return
    root, old = saved
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def ssguide() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli

"""Fixtures of the web tests: one in-process client per module; one server and one browser per test worker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.web import CHROMIUM_ARGS, browser_problem, chromium, client, in_ci, serving


@pytest.fixture(scope="module")
def web() -> Any:
    with client() as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """A real ``ssguide serve`` on a free port, as on the tests' day."""
    with serving("--today", "2026-11-23") as (base, _):
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per test worker. Missing: CI fails, elsewhere the tests skip."""
    problem = browser_problem()
    if problem is not None:
        if in_ci():
            pytest.fail(f"CI needs the browser tests: {problem}")
        pytest.skip(f"browser tests skipped: {problem}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()

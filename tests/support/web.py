"""What the web tests share: the site on the tests' day, page text, real servers, the browser."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from support.cli import REPO, cli_env

DAY = date(2026, 11, 23)
SCREENSHOTS = REPO / "test-output" / "screenshots"  # gitignored: look at them, never commit them
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, as the tests launch it: no sandbox (root in CI), nothing fetched in the background.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOW_TO_GET_A_BROWSER = "apt-get install -y chromium fonts-noto-cjk (the playwright package is in the test extra)"


def client(today: date = DAY, folder: Path | None = None) -> Any:
    """An in-process client of the app serving the bundled flows (or ``folder``'s) as on ``today`` (``--today``)."""
    from starlette.testclient import TestClient
    from support.environment_double import FakeEnvironment

    from ssguide.web.app import create_app
    from ssguide.web.site import load_site

    return TestClient(create_app(load_site(folder, today, FakeEnvironment(today=today))), follow_redirects=False)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.glue = False  # the next text continues the last one: a date's <span> adds no space
        self.in_date = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skip += tag in ("head", "script", "style")
        self.glue = self.in_date = tag == "span" and ("class", "date") in attrs

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("head", "script", "style")
        self.glue, self.in_date = tag == "span" and self.in_date, False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            if self.glue and self.parts:
                self.parts[-1] += data
            else:
                self.parts.append(data)
            self.glue = self.in_date


def page_text(html: str) -> str:
    """What a page says, as a person reads it: tags gone, entities decoded, each run of whitespace one space."""
    parser = _Text()
    parser.feed(html)
    return squash(" ".join(parser.parts))


def squash(text: str) -> str:
    return " ".join(text.split())


def attribute_values(html: str, name: str) -> list[str]:
    return re.findall(rf'{name}="([^"]*)"', html)


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``ssguide serve --port 0 ARGS`` as a real process: its address, once it listens; stopped with Ctrl-C after."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ssguide", "serve", "--port", "0", *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env=env or cli_env(),
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        found = re.search(r"http://\S+/", line)
        assert found, f"no address in {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        yield found.group(0).rstrip("/"), proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover - a hung server must not outlive the tests
                proc.kill()
                proc.wait()


def chromium() -> str | None:
    """Debian's Chromium, where it is installed."""
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"the playwright package is missing: {HOW_TO_GET_A_BROWSER}"
    if chromium() is None:
        return f"no Chromium at {CHROMIUM} or on PATH: {HOW_TO_GET_A_BROWSER}"
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"

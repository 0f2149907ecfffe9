"""The world is passed in: the whole command line runs in-process on an ``Environment`` double alone.

While it runs, the process's own standard streams, its environment variables
and its terminal size raise when touched: everything a run reads or writes
goes through the ``Environment`` that ``main`` is given. Each command runs
once before the check, so that what a library does when it is first imported
is not counted as the run's.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest

from support.cli import TINY_FLOW
from support.environment_double import FakeEnvironment

from ssguide.shell.cli import main


class Touched(AssertionError):
    pass


class RaisingStream:
    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attribute: str) -> object:
        raise Touched(f"the run used the process's {self.name}.{attribute}")


class RaisingEnviron(Mapping[str, str]):
    def __getitem__(self, key: str) -> str:
        raise Touched(f"the run read os.environ[{key!r}]")

    def __iter__(self) -> Iterator[str]:
        raise Touched("the run listed os.environ")

    def __len__(self) -> int:
        raise Touched("the run counted os.environ")

    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        raise Touched(f"the run read os.environ.get({key!r})")


def raising_terminal_size(*args: object) -> os.terminal_size:
    raise Touched("the run asked os.get_terminal_size")


def run(argv: list[str], tmp_path: Path, **fake: object) -> FakeEnvironment:
    environ = {"SSGUIDE_DEBUG": "1", "LANG": "C.UTF-8", "HOME": str(tmp_path), "SSGUIDE_CACHE_DIR": str(tmp_path / "cache"), "SSGUIDE_DATA_DIR": str(tmp_path / "data")}
    env = FakeEnvironment(environ=environ, today=date(2026, 3, 4), **fake)  # type: ignore[arg-type]
    env.status = main(argv, env)  # type: ignore[attr-defined]
    return env


COMMANDS = {
    "json": (["card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--format", "json"], {}),
    "terminal": (["card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--why"], {"stdout_tty": True, "styles": True, "size": (60, 20)}),
    "export": (["card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--format", "markdown", "--export", "{tmp}/out.ics", "--export", "{tmp}/out.txt"], {}),
    "list-terminal": (["list"], {"stdout_tty": True, "styles": True}),
    "list-zh": (["list", "--lang", "zh"], {}),
    "help": (["card", "--help"], {}),
    "help-zh": (["--lang", "zh", "--help"], {}),
    "version": (["--version"], {}),
    "usage-error": (["card", "--no-such-option"], {}),
    "usage-error-zh": (["card", "--no-such-option", "--lang", "zh"], {}),
    "unknown-command": (["cardd"], {}),  # typer's own words for it went through gettext, which reads os.environ
    "help-graph": (["graph", "--help"], {}),  # a command not of a flow: its help too on the Environment's stdout
    "missing-answers": (["card", "--no-input"], {}),
    "no-terminal": (["card"], {"stdout_tty": True}),
    "validate": (["validate", "{tmp}/flow.yaml"], {}),
    "graph": (["graph", "{tmp}/flow.yaml"], {}),
    "paths": (["paths", "card", "--format", "json"], {}),
    "schema": (["schema"], {}),
    "menu-without-terminal": ([], {}),
}
# The runs that end in a checklist, a list or a help text: they must succeed, or the
# comparison above would only ever compare two error messages.
SUCCEEDS = {"json", "terminal", "export", "list-terminal", "list-zh", "help", "help-zh", "help-graph", "version", "validate", "graph", "paths", "schema", "menu-without-terminal"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_run_touches_nothing_of_the_process(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "flow.yaml").write_text(TINY_FLOW, encoding="utf-8")
    argv, fake = COMMANDS[name]
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    expected = run(argv, tmp_path, **fake)  # imports and caches: not the run's business
    assert (expected.status == 0) == (name in SUCCEEDS), expected.stderr.getvalue()  # type: ignore[attr-defined]
    for leftover in tmp_path.glob("out.*"):
        leftover.unlink()

    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdin", RaisingStream("stdin"))
        patched.setattr(sys, "stdout", RaisingStream("stdout"))
        patched.setattr(sys, "stderr", RaisingStream("stderr"))
        patched.setattr(os, "environ", RaisingEnviron())
        patched.setattr(os, "get_terminal_size", raising_terminal_size)
        env = run(argv, tmp_path, **fake)

    assert env.status == expected.status  # type: ignore[attr-defined]
    assert env.stdout.getvalue() == expected.stdout.getvalue() and env.stderr.getvalue() == expected.stderr.getvalue()
    assert env.stdout.getvalue() or env.stderr.getvalue()  # the run said something, to the Environment


def test_the_environments_clock_dates_the_checklist_and_its_streams_carry_it(tmp_path: Path) -> None:
    env = run(["card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--format", "json"], tmp_path)
    assert env.status == 0  # type: ignore[attr-defined]
    assert json.loads(env.stdout.getvalue())["today"] == "2026-03-04"
    assert env.stderr.getvalue() == ""

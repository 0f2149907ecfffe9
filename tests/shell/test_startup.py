"""`ssguide --help` and `ssguide list` start without importing the prompt libraries.

questionary and prompt_toolkit are only needed to ask questions; importing them
slows every start-up and can fail without a terminal.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from support.cli import cli_env
from support.context import context

PROBE = """
import sys
sys.argv = ['ssguide', *{args!r}]
import ssguide.shell.cli as cli
code = cli.main()
loaded = sorted(m for m in sys.modules if m.startswith(('questionary', 'prompt_toolkit')))
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'rich') or m == 'ssguide.lang.cells')
from ssguide.lang import i18n
heavy += [f'catalog {{lang}}' for lang in sorted(i18n._TRANSLATIONS) if lang != 'en']
print('HEAVY', heavy[:5], file=sys.stderr)
print('EXIT', code)
print('PROMPT-MODULES', any(loaded), loaded[:5])
"""


def probe(*args: str) -> tuple[str, str, str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    lines = result.stdout.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert lines[-2].startswith("EXIT"), result.stdout
    return result.stdout, lines[-2], lines[-1]


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["--help"], "apply-child"),
        (["list"], "ssguide apply-child"),
        (["apply-child", "--help"], "--answers"),
    ],
    ids=["help", "list", "apply-child-help"],
)
def test_no_prompt_libraries_loaded(args: list[str], expect: str) -> None:
    out, exit_line, modules_line = probe(*args)
    assert exit_line == "EXIT 0", out
    assert expect in out  # the command really ran
    assert modules_line.startswith("PROMPT-MODULES False"), modules_line


def test_the_probe_can_see_the_prompt_libraries() -> None:
    # The same probe after importing the prompts for real must say True,
    # or the tests above prove nothing.
    result = subprocess.run(
        [sys.executable, "-c", "import sys, questionary; print(any(m.startswith('prompt_toolkit') for m in sys.modules))"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.strip() == "True"


def test_english_help_with_a_current_header_index_loads_no_yaml_rich_or_chinese_click() -> None:
    """--help needs the flow headers (from the cache's index once written), not PyYAML, rich or the Chinese help.

    clickwords words every language's help, English from english.py; what only
    another language needs (a catalog, wrapping by terminal cells) stays unloaded.
    """
    probe("--help")  # writes the index if this test runs first
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["--help"])],
        capture_output=True, text=True, env=cli_env(), stdin=subprocess.DEVNULL, timeout=30,
    )
    assert "HEAVY []" in result.stderr, result.stderr


# typer 0.29 imports pydantic and builds a validator for every option (~85 ms and
# ~13 MiB of each start), hence the pin in pyproject.toml. pydantic may well be
# installed (here it is in the base Python), so these look at sys.modules.
PYDANTIC_PROBE = """
import atexit, sys
atexit.register(lambda: print('PYDANTIC', sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')[:3], file=sys.stderr))
if {fake_pydantic!r}:
    import json  # stands in for pydantic: the probe must be able to see it
    sys.modules['pydantic'] = json
sys.argv = ['ssguide', *{args!r}]
from ssguide.shell.cli import main
sys.exit(main())
"""

def apply_child_answers() -> str:
    """Answers for apply-child's outcome with the most answers, which has a working-day deadline."""
    from datetime import date

    from ssguide.authoring import analysis
    from ssguide.shell.answers import dump_answers
    from ssguide.shell.registry import resolve

    flow = resolve("apply-child")
    outcome = max(analysis.analyse(flow, context(date(2026, 11, 23))).outcomes, key=lambda o: len(o.answers))
    return dump_answers(flow, outcome.answer_dict())


def pydantic_line(args: list[str], fake_pydantic: bool = False, **run: object) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PYDANTIC_PROBE.format(args=args, fake_pydantic=fake_pydantic)],
        capture_output=True, text=True, env=cli_env(), stdin=subprocess.DEVNULL, timeout=30, **run,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["list"], ["apply-child", "--answers", "answers.yaml", "--no-input", "--today", "2026-11-23", "--format", "markdown"]],
    ids=["help", "list", "full-run"],
)
def test_no_pydantic_is_imported(args: list[str], tmp_path) -> None:
    (tmp_path / "answers.yaml").write_text(apply_child_answers(), encoding="utf-8")
    assert pydantic_line(args, cwd=tmp_path) == "PYDANTIC []"


def test_the_pydantic_probe_can_see_pydantic() -> None:
    assert pydantic_line(["--help"], fake_pydantic=True) == "PYDANTIC ['pydantic']"


def test_the_wizard_asks_its_first_question_without_pydantic(tmp_path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from support.screen import attach
    from support.terminal import CTRL_C, Q_ROUTE, TIMEOUT, plain

    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(tmp_path / "data"))
    child = pexpect.spawn(
        sys.executable, ["-c", PYDANTIC_PROBE.format(args=["apply-child", "--today", "2026-11-23"], fake_pydantic=False)],
        env=env, dimensions=(30, 100), encoding="utf-8", timeout=TIMEOUT,
    )
    attach(child)  # an emulated screen answers prompt_toolkit's cursor-position requests
    child.expect_exact(Q_ROUTE)
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert "PYDANTIC []" in plain(child.before), plain(child.before)


# `ssguide serve`'s libraries (the web extra): imported when serve runs, never by another command.
WEB_MODULES = ("starlette", "jinja2", "uvicorn", "ssguide.web")
WEB_PROBE = """
import atexit, sys
atexit.register(lambda: print('WEB', sorted(m for m in sys.modules if m.startswith({watched!r}))[:3], file=sys.stderr))
if {fake!r}:
    import json  # stands in for a web module: the probe must be able to see it
    sys.modules['jinja2'] = json
sys.argv = ['ssguide', *{args!r}]
from ssguide.shell.cli import main
main()
"""


def web_line(args: list[str], fake: bool = False, **run: object) -> str:
    result = subprocess.run(
        [sys.executable, "-c", WEB_PROBE.format(args=args, fake=fake, watched=WEB_MODULES)],
        capture_output=True, text=True, env=cli_env(), stdin=subprocess.DEVNULL, timeout=30, **run,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["list"], ["serve", "--help"], ["apply-child", "--answers", "answers.yaml", "--no-input", "--today", "2026-11-23", "--format", "json"]],
    ids=["help", "list", "serve-help", "full-run"],
)
def test_nothing_of_the_web_is_imported_unless_serve_runs(args: list[str], tmp_path) -> None:
    (tmp_path / "answers.yaml").write_text(apply_child_answers(), encoding="utf-8")
    assert web_line(args, cwd=tmp_path) == "WEB []"


def test_the_web_probe_can_see_a_web_module() -> None:
    assert web_line(["--help"], fake=True) == "WEB ['jinja2']"


# Costly at start-up and not needed by the first question: dataclasses compile
# code for every class (our value types are Records instead), hashlib loads
# OpenSSL (only a user's own flow file needs a digest), and so does ssl, which
# asyncio would import for network connections (the wizard opens none); nor
# does anything of the web.
NOT_BEFORE_THE_FIRST_QUESTION = ("dataclasses", "hashlib", "ssl", *WEB_MODULES)
MODULES_PROBE = """
import signal, sys
watched = {watched!r}
# Asked while the first question waits for a key.
signal.signal(signal.SIGUSR1, lambda *_: print('LOADED', sorted(m for m in watched if m in sys.modules), file=sys.stderr, flush=True))
sys.argv = ['ssguide', 'apply-child', '--today', '2026-11-23']
from ssguide.shell.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize(
    ("watched", "expected"),
    [(NOT_BEFORE_THE_FIRST_QUESTION, "LOADED []"), (("prompt_toolkit", *NOT_BEFORE_THE_FIRST_QUESTION), "LOADED ['prompt_toolkit']")],
    ids=["wizard", "probe-sees-a-loaded-module"],
)
def test_the_first_question_comes_without_modules_it_does_not_need(watched: tuple[str, ...], expected: str, tmp_path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from support.screen import attach
    from support.terminal import CTRL_C, Q_ROUTE, TIMEOUT

    # An empty cache, as on the first run after installing: the flow is read from YAML and cached.
    env = cli_env(TERM="xterm", SSGUIDE_DATA_DIR=str(tmp_path / "data"), SSGUIDE_CACHE_DIR=str(tmp_path / "cache"))
    child = pexpect.spawn(
        sys.executable, ["-c", MODULES_PROBE.format(watched=watched)],
        env=env, dimensions=(30, 100), encoding="utf-8", timeout=TIMEOUT,
    )
    attach(child)  # an emulated screen answers prompt_toolkit's cursor-position requests
    child.expect_exact(Q_ROUTE)
    child.kill(signal.SIGUSR1)
    child.expect(r"LOADED \[[^\]\n]*\]")
    loaded = child.after
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert loaded == expected

"""`ssguide --help` and `ssguide list` start without importing the prompt libraries.

questionary and prompt_toolkit are only needed to ask questions; importing them
slows every start-up and can fail without a terminal.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import cli_env

PROBE = """
import sys
sys.argv = ['ssguide', *{args!r}]
import ssguide.cli as cli
try:
    cli.main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
loaded = sorted(m for m in sys.modules if m.startswith(('questionary', 'prompt_toolkit')))
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'rich') or m == 'ssguide.zhclick')
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
    assert exit_line in ("EXIT 0", "EXIT None"), out
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
    """--help needs the flow headers (from the cache's index once written), not PyYAML, rich or zhclick."""
    probe("--help")  # writes the index if this test runs first
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["--help"])],
        capture_output=True, text=True, env=cli_env(), stdin=subprocess.DEVNULL, timeout=30,
    )
    assert "HEAVY []" in result.stderr, result.stderr

"""Output that fits where it goes: plain text in pipes and dumb terminals, lines within the width.

Widths are counted in terminal cells (a CJK character takes two) with
``rich.cells``. Piped runs are real processes with their own environment;
terminal runs use a 60-column pseudo-terminal and replay what was written
to it, cursor moves included, to find any character written past column 60.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect  # a test dependency: if it is missing these tests must fail, not skip
import pytest
from rich.cells import cell_len, get_character_cell_size

from support.cli import TODAY, cli_env, invoke

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

WIDTH = 60
from support.screen import assert_readable, attach, sgr_colours  # noqa: E402
from support.terminal import DOWN, ENTER, TIMEOUT  # noqa: E402
from support.context import context

# Every distinct outcome of apply-child (`ssguide paths apply-child`); the last ones print the most.
OUTCOMES = [
    ["route=school", "low_income=yes", "poor_family=yes", "card_accepted=no"],
    ["route=school", "low_income=yes", "poor_family=no", "card_accepted=no"],
    ["route=school", "low_income=no", "poor_family=no", "card_accepted=yes", "accepted_on=2026-11-02"],
    ["route=not_in_school", "low_income=yes", "card_accepted=no"],
    ["route=not_in_school", "low_income=no", "card_accepted=yes", "accepted_on=2026-11-02"],
    ["route=registered_elsewhere", "low_income=no", "card_accepted=no"],
    ["route=registered_elsewhere", "low_income=yes", "card_accepted=yes", "accepted_on=2026-11-02"],
]
LONGEST = OUTCOMES[-1]

TITLES = {"en": "Apply for a child's medical insurance card", "zh": "申领少儿医保卡"}
LAST_LINE = {"en": "check with it before you act.", "zh": "办理前请先向其确认。"}


def set_args(outcome: list[str]) -> list[str]:
    return [arg for answer in outcome for arg in ("--set", answer)]


def run_piped(lang: str, outcome: list[str], *extra: str, **env: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "ssguide", "apply-child", "--no-input", "--today", TODAY, "--lang", lang]
    environ = cli_env(COLUMNS=str(WIDTH), **env)
    return subprocess.run(
        [*argv, *set_args(outcome), *extra],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=30,
    )


def too_wide(text: str, width: int = WIDTH) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > width]


# ---------------------------------------------------------------- piped


ENVIRONMENTS = {
    "piped": {"TERM": "xterm-256color"},
    "no-color": {"TERM": "xterm-256color", "NO_COLOR": "1"},
    "dumb": {"TERM": "dumb"},
    # Asking for colour must not put escape codes into a pipe either.
    "force-color-asked": {"TERM": "xterm-256color", "CLICOLOR_FORCE": "1", "COLORTERM": "truecolor"},
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
def test_piped_checklist_has_no_escape_codes_and_fits_60_columns(lang: str, environment: str) -> None:
    result = run_piped(lang, LONGEST, "--why", **ENVIRONMENTS[environment])
    assert result.returncode == 0, result.stderr
    assert TITLES[lang] in result.stdout and LAST_LINE[lang] in result.stdout
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert too_wide(result.stdout) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_outcome_fits_60_columns_when_piped(lang: str) -> None:
    # In-process (output captured, as in a pipe): the real processes above cover each environment.
    for outcome in OUTCOMES:
        result = invoke("apply-child", "--no-input", "--lang", lang, *set_args(outcome), columns=WIDTH)
        assert result.returncode == 0, (outcome, result.stderr)
        assert "\x1b" not in result.stdout
        assert too_wide(result.stdout) == [], outcome


def test_export_text_file_is_plain_whatever_the_terminal(tmp_path: Path) -> None:
    target = tmp_path / "checklist.txt"
    result = run_piped("zh", LONGEST, "--export", str(target), TERM="xterm-256color")
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and TITLES["zh"] in text
    assert too_wide(text) == []


# ---------------------------------------------------------------- a 60-column terminal

_TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: cursor moves matter, the rest (colours, modes) do not
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (titles)
    r"|\x1b[()][0-9A-Za-z]|\x1b[\s\S]"  # charsets and other two-byte escapes
    r"|[\s\S]",  # one character
)


def written_past(raw: str, width: int = WIDTH) -> list[str]:
    """Characters the program wrote past the last column, each with the text before it on its line.

    Follows the cursor through carriage returns, new lines, backspaces and
    the CSI cursor moves terminals and prompt_toolkit use (C, D, G, H).
    """
    column, line, found = 0, "", []
    for match in _TOKEN.finditer(raw):
        token, final = match.group(0), match.group(2)
        if final:
            params = match.group(1)
            n = int(params) if params.isdigit() else 1
            if final == "C":
                column += n
            elif final == "D":
                column = max(column - n, 0)
            elif final == "G":
                column = n - 1
            elif final in "Hf":
                parts = params.split(";")
                column = int(parts[1]) - 1 if len(parts) > 1 and parts[1].isdigit() else 0
            continue
        if token.startswith("\x1b"):
            continue
        if token in "\r\n":
            column, line = 0, ""
        elif token == "\b":
            column = max(column - 1, 0)
        elif token == "\t":
            column = (column // 8 + 1) * 8
        elif ord(token) >= 32:
            cells = get_character_cell_size(token)
            line += token
            if column + cells > width:
                found.append(line[-50:])
            column += cells
    return found


def test_the_overflow_check_sees_an_overflow() -> None:
    assert written_past("a" * 60 + "\r\n" + "中" * 30) == []
    assert written_past("a" * 61) == ["a" * 50]
    assert written_past("中" * 30 + "\x1b[3D" + "ab" + "\x1b[5C" + "c") == ["中" * 30 + "abc"]
    assert written_past("x" * 59 + "中") != []  # half of a wide character would not fit


def spawn(args: list[str], lang: str, term: str = "xterm", **env: str) -> pexpect.spawn:
    environ = cli_env(TERM=term, **env)
    environ.pop("COLUMNS", None)
    environ.pop("LINES", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ssguide", "apply-child", "--today", TODAY, "--lang", lang, *args],
        env=environ,
        dimensions=(40, WIDTH),
        encoding="utf-8",
        codec_errors="replace",
        timeout=TIMEOUT,
    )
    attach(child)  # everything it writes, on an emulated screen that answers the terminal requests
    return child


def plain(raw: str) -> str:
    return " ".join(re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", raw).split())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "term, env, escapes",
    [
        ("xterm", {}, "colour"),
        ("xterm", {"NO_COLOR": "1"}, "no colour"),
        ("dumb", {}, "none"),
    ],
    ids=["xterm", "no-color", "dumb"],
)
def test_checklist_in_a_60_column_terminal(lang: str, term: str, env: dict[str, str], escapes: str) -> None:
    child = spawn(["--no-input", "--why", *set_args(LONGEST)], lang, term, **env)
    child.expect(pexpect.EOF)
    child.close()
    raw = child.logfile_read.getvalue()
    assert child.exitstatus == 0, raw[-1000:]
    assert LAST_LINE[lang] in plain(raw)
    assert written_past(raw) == []
    if escapes == "none":  # TERM=dumb: nothing but text
        assert "\x1b" not in raw
    elif escapes == "no colour":  # NO_COLOR (no-color.org) forbids colour; bold, dim and underline may stay
        assert sgr_colours(raw) == []
    else:
        assert sgr_colours(raw)  # a colour terminal still gets its colours


WALK = {
    "en": [
        ("Which describes your child", [DOWN, DOWN, ENTER]),  # settled outside the city: the longest route
        ("Is your family on the", [ENTER]),
        ("Has the card-making procedure", [ENTER]),
        ("On what date was", ["2026-11-02", ENTER]),
    ],
    "zh": [
        ("第 1 题", [DOWN, DOWN, ENTER]),  # 户籍在市外
        ("第 2 题", [ENTER]),
        ("第 3 题", [ENTER]),
        ("第 4 题", ["2026-11-02", ENTER]),
    ],
}
REVIEW = {"en": "Review your answers", "zh": "请核对您的回答"}
SEEN = {
    "en": [
        "apply through their guardian at the social security agency of the household registration.",
        "Change: Route → Under 18, household registered outside the city",
        "✓ These are right: show my checklist",
    ],
    "zh": [
        "由监护人到户籍所在地社保经办机构办理。",
        "修改：办理途径 → 未满18周岁，户籍在市外",
        "✓ 回答无误，生成清单",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_wizard_and_its_checklist_fit_a_60_column_terminal(tmp_path: Path, lang: str) -> None:
    child = spawn([], lang, SSGUIDE_DATA_DIR=str(tmp_path / "data"))
    try:
        for question, keys in WALK[lang]:
            child.expect_exact(question)
            for key in keys:
                child.send(key)
        child.expect_exact(REVIEW[lang])
        child.expect_exact("→ 2026")  # the whole review menu is drawn
        child.send(ENTER)
        child.expect(pexpect.EOF)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        child.close(force=True)
        pytest.fail(f"{type(exc).__name__}; screen so far:\n{plain(child.logfile_read.getvalue())[-2000:]}")
    child.close()
    raw = child.logfile_read.getvalue()
    assert child.exitstatus == 0, plain(raw)[-1000:]
    assert_readable(child.logfile_read.lines())
    assert written_past(raw) == []  # nothing wraps on its own or breaks a layout
    shown = plain(raw)
    flat = shown.replace(" ", "") if lang == "zh" else shown  # CJK lines are wrapped without spaces
    for text in SEEN[lang]:  # nothing cut off at the edge either: wrapped, every word there
        assert (text.replace(" ", "") if lang == "zh" else text) in flat, text
    assert LAST_LINE[lang] in flat


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_list_piped_is_one_unpadded_line_per_flow(lang: str) -> None:
    from ssguide.shell.registry import bundled_flows

    result = subprocess.run([sys.executable, "-m", "ssguide", "list", "--lang", lang], capture_output=True, text=True, env={**os.environ, "COLUMNS": "40"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(bundled_flows())  # the header, then no wrapped titles even at 40 columns
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("width", [60, 80])
def test_chinese_checklists_never_start_a_line_with_closing_punctuation(width: int) -> None:
    """Every outcome of every bundled flow, printed in Chinese: Chinese line-breaking rules, within the width."""
    from datetime import date

    from ssguide.authoring import analysis
    from ssguide.core.checklist import build
    from ssguide.render.context import RenderContext
    from ssguide.render.terminal import layout
    from ssguide.shell.registry import bundled_flows, resolve

    today = date(2026, 11, 23)
    checked = 0
    for info in bundled_flows():
        flow = resolve(info.id)
        for outcome in analysis.analyse(flow, context(today)).outcomes:
            text = layout(build(flow, outcome.answer_dict(), context(today)), RenderContext.of("zh", today, width=width))
            for line in text.splitlines():
                assert cell_len(line) <= width, line
                assert line.lstrip()[:1] not in set("，。、；：？！）》」』】"), line
            checked += 1
    assert checked >= 30

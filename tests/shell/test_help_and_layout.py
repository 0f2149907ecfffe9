"""Issue #12: --help in the order a user needs it, and small layout faults seen by new users."""

from __future__ import annotations

import pytest

from support.cli import cli_env, run_cli
from ssguide.lang.cells import wrap_cells

SECTIONS = {
    "C.UTF-8": ["Procedures:", "Other commands:", "For flow authors:"],
    "zh_CN.UTF-8": ["办理事项：", "其他命令：", "流程作者工具："],
}


@pytest.mark.parametrize("lang", list(SECTIONS))
def test_help_lists_the_procedures_first_and_the_authoring_tools_apart(lang: str) -> None:
    result = run_cli("--help", today=None, env=cli_env(lang))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line in SECTIONS[lang]]
    assert headings == SECTIONS[lang]
    procedures, authors = lines.index(SECTIONS[lang][0]), lines.index(SECTIONS[lang][2])
    assert lines[procedures + 1].split()[0] == "apply-child"
    tools = [line.split()[0] for line in lines[authors + 1:] if line.startswith("  ") and not line.startswith("    ")]
    assert tools == ["validate", "graph", "paths", "schema"]
    assert "Commands:" not in lines and "命令：" not in lines


def command_entry(lines: list[str], command: str, column: int) -> list[str]:
    """A command's lines in the help's list: its own, then those continuing its summary (which starts at ``column``)."""
    start = next(n for n, line in enumerate(lines) if line.startswith(f"  {command} "))
    entry = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" " * column):
            break
        entry.append(line)
    return entry


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [40, 60, 80, 120, 200])
def test_help_shows_every_command_summary_whole_and_on_one_line_where_it_fits(lang: str, columns: int) -> None:
    """click cut English summaries at the first full stop or at 45-odd characters ("and..."); never now."""
    from ssguide.lang.cells import cell_width
    from ssguide.lang.i18n import locale, wording
    from ssguide.shell.registry import bundled_flows

    result = run_cli("--help", "--lang", lang, today=None, env=cli_env(COLUMNS=str(columns)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    summaries = {f.command: f.title.get(lang) + locale(lang).full_stop for f in bundled_flows()}
    for command in ("list", "run", "validate", "graph", "paths", "schema"):
        summaries[command] = " ".join(wording(f"help_{command}", lang).split())
    column = 2 + max(len(command) for command in summaries) + 2  # the widest command name sets the summaries' column
    for command, summary in summaries.items():
        entry = command_entry(lines, command, column)
        shown = " ".join(" ".join(entry).split()[1:])
        if lang == "zh":  # Chinese wraps without spaces
            shown, summary = shown.replace(" ", ""), summary.replace(" ", "")
        assert shown == summary, entry
        if column + cell_width(summary) <= columns - 2:  # the line fits the terminal: it is one line
            assert len(entry) == 1, entry
        assert all(cell_width(line) <= columns for line in entry), entry


def test_a_latin_word_inside_chinese_is_not_cut() -> None:
    text = "全国范围内，可在参保地经办机构窗口、国家医保服务平台App或“国家异地就医备案”小程序办理备案。"
    for width in range(10, 60):
        lines = wrap_cells(text, width)
        assert "".join(lines) == text
        assert any("App" in line for line in lines), (width, lines)


def test_the_chinese_checklist_at_50_columns_keeps_app_whole() -> None:
    result = run_cli(
        "offsite", "--set", "stay=long_term", "--set", "destination=same_province", "--set", "filed=no", "--set", "networked=not_sure",
        "--lang", "zh",
        env=cli_env(COLUMNS="50"),
    )
    assert result.returncode == 0, result.stderr
    assert "平台App" in result.stdout.replace("\n", "") and "App" in result.stdout
    assert not any(line.rstrip().endswith(("A", "Ap")) for line in result.stdout.splitlines())


def test_the_situation_line_does_not_repeat_its_heading() -> None:
    sets = ("--set", "situation=referral", "--set", "destination=other_province", "--set", "certificate=no", "--set", "filed=no",
            "--set", "costs=unpaid", "--set", "networked=networked")
    result = run_cli("emergency", *sets, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "**Your situation**: Referred patient (异地转诊人员): a hospital refers me" in result.stdout  # the official term (issue 20)
    assert "Situation: " not in result.stdout
    chinese = run_cli("emergency", *sets, "--format", "markdown", "--lang", "zh")
    # One colon at most in a row: the heading in 【】, the referral's description in brackets (content review).
    assert "【**您的情况**】异地转诊人员（病情严重" in chinese.stdout and "情形：" not in chinese.stdout  # the brackets outside the bold (CommonMark)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [40, 80])
@pytest.mark.parametrize("command", ["", "card", "run", "serve", "validate"])
def test_every_line_of_the_help_fits_the_terminal(lang: str, columns: int, command: str) -> None:
    """Usage, description, commands and options: at 40 columns the terminal broke words ("e" / "xit") at click's 50-column floor."""
    from ssguide.lang.cells import cell_width
    from support.cli import invoke

    result = invoke(*command.split(), "--help", "--lang", lang, today=None, columns=columns)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 8 and any(line.lstrip().startswith("-h, --help") for line in lines), result.stdout
    too_wide = [line for line in lines if cell_width(line) > columns]
    assert not too_wide, "\n".join(too_wide)

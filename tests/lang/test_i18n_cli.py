"""Issue #5: click/typer's own words in --help and usage errors, and graph labels, in Chinese.

The help language is decided when the program starts (--lang anywhere on the
command line, else the locale), so these run real processes. In English the
output must stay click's own, byte for byte.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from rich.cells import cell_len

from ssguide.lang.i18n import SUPPORTED_LANGUAGES
from ssguide.shell.exporters import format_choices
from support.cli import cli_env, run_cli
from support.language import english_left

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# What click and typer write in English around help pages and usage errors.
CLICK_ENGLISH = (
    "Usage:", "Options", "Commands", "Arguments", "Show this message", "Error", "Try '", "for help",
    "No such option", "No such command", "Did you mean", "Missing argument", "Missing option", "Invalid value",
    "requires an argument", "unexpected extra", "default:", "required", "Possible options", "Aborted",
)

HELP_PAGES = [["--help"], ["apply-child", "--help"], ["validate", "--help"], ["run", "--help"], ["graph", "--help"], ["offsite", "-h"]]
USAGE_ERRORS = [
    (["apply-child", "--bogus"], "没有这个选项：--bogus"),
    (["apply-child", "--fresh=1"], "不接受值"),
    (["graph"], "缺少参数 'FLOW'"),
    (["lis"], "没有名为 'lis' 的命令。您是不是想用 'list'？"),
    (["nosuch"], "没有名为 'nosuch' 的命令。"),
    (["apply-child", "--format", "xx"], "'--format' 的值无效：'xx' 不是可选的值"),
    (["apply-child", "--set"], "选项 '--set' 后面需要一个值。"),
    (["apply-child", "extra"], "多余的参数：extra"),
]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command as a user types it: click names the program after ``python -m``."""
    result = run_cli(*args, today=None, env=env)
    result.stdout = result.stdout.replace("python -m ssguide", "ssguide")
    result.stderr = result.stderr.replace("python -m ssguide", "ssguide")
    return result


def chinese_run(args: list[str], how: str) -> subprocess.CompletedProcess[str]:
    """``how``: "locale" (LANG=zh_CN.UTF-8) or "option" (--lang zh under an English locale)."""
    if how == "locale":
        return run(args, cli_env("zh_CN.UTF-8", COLUMNS="80"))
    return run(["--lang", "zh", *args], cli_env("C.UTF-8", COLUMNS="80"))


def assert_fits(text: str, width: int = 80) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, f"{cell_len(line)} cells: {line!r}"


@pytest.mark.parametrize("how", ["locale", "option"])
@pytest.mark.parametrize("args", HELP_PAGES, ids=" ".join)
def test_help_page_in_chinese(args: list[str], how: str) -> None:
    result = chinese_run(args, how)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("用法：ssguide"), out
    assert "选项：" in out and "显示本帮助后退出。" in out, out
    for word in CLICK_ENGLISH:
        assert word not in out, f"{word!r} in:\n{out}"
    assert "[选项]" in out.splitlines()[0]
    assert_fits(out)


def test_help_page_in_chinese_translates_defaults_and_required() -> None:
    out = chinese_run(["run", "--help"], "locale").stdout
    assert "[默认：text]" in out and "[必填]" in out and "参数：" in out, out
    root = chinese_run(["--help"], "locale").stdout
    assert "命令：" in root and "用法：ssguide [选项] 命令 [参数]..." in root, root


@pytest.mark.parametrize("how", ["locale", "option"])
@pytest.mark.parametrize(("args", "expected"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_error_in_chinese(args: list[str], expected: str, how: str) -> None:
    result = chinese_run(args, how)
    assert result.returncode == 2, result.stderr
    err = result.stderr
    assert expected.replace(" ", "") in re.sub(r"\s+", "", err), err  # wherever a long one is continued
    for word in CLICK_ENGLISH:
        assert word not in err, f"{word!r} in:\n{err}"
    lines = [line for line in err.splitlines() if line]
    error = next(n for n, line in enumerate(lines) if line.startswith("错误："))
    assert all(line.startswith("  ") for line in lines[error + 1 :]), err  # the error last, a long one continued under it
    if len(lines) > 1:
        assert lines[0].startswith("用法：ssguide") and lines[1].startswith("运行 'ssguide"), err
    for line in lines[1:]:
        # Names, not words: the command lines' own, and the formats and languages of the tables.
        assert not english_left(line, {"list", "lis", "nosuch", "extra", "xx", "FLOW", *format_choices(), *SUPPORTED_LANGUAGES}), line
    assert_fits(err)


def test_english_usage_error_is_clicks_own() -> None:
    result = run(["apply-child", "--bogus"], cli_env("C.UTF-8", COLUMNS="80"))
    assert result.returncode == 2
    assert result.stderr == (
        "Usage: ssguide apply-child [OPTIONS]\nTry 'ssguide apply-child -h' for help.\n\nError: No such option: --bogus\n"
    )


def test_english_help_is_clicks_own() -> None:
    result = run(["graph", "--help"], cli_env("C.UTF-8", COLUMNS="80"))
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("Usage: ssguide graph [OPTIONS]")
    assert "\nArguments:\n" in out and "\nOptions:\n" in out and "Show this message and exit." in out
    assert "[default: mermaid]" in out and "[required]" in out
    assert not CHINESE.search(out)


def test_bare_ssguide_without_a_terminal_prints_the_chinese_help() -> None:
    result = chinese_run([], "option")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：ssguide [选项] 命令 [参数]..."), result.stdout


# ---------------------------------------------------------------- graph labels


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_graph_labels_follow_lang(fmt: str) -> None:
    zh = run_cli("graph", "apply-child", "--format", fmt, "--lang", "zh", today=None)
    assert zh.returncode == 0, zh.stderr
    out = zh.stdout
    assert "开始" in out and "结束" in out and "其他情况" in out, out
    assert "route = school" in out and "card_accepted = 是" in out, out
    for word in ('"Start"', '"End', "otherwise", " and ", " or ", "answered", "= yes", "= no"):
        assert word not in out, f"{word!r} in:\n{out}"
    en = run_cli("graph", "apply-child", "--format", fmt, today=None)
    assert "Start" in en.stdout and "otherwise" in en.stdout and "card_accepted = yes" in en.stdout
    assert not CHINESE.search(en.stdout)


def test_graph_chinese_condition_words() -> None:
    from ssguide.core import conditions
    from ssguide.authoring.graph import _condition_label
    from ssguide.core.yamlsafe import load_located
    from support.context import context

    raw = load_located("when: {any: [{a: [x, y]}, {not: {b: {answered: true}, c: {ne: false}}}]}\n", "c.yaml")
    condition = conditions.parse(raw["when"], raw.pos_of("when"))
    assert _condition_label(condition, context(lang="en")) == "a in {x, y} or (not (b answered and c ≠ no))"
    assert _condition_label(condition, context(lang="zh")) == "a 属于 {x, y} 或（非（b 已回答 且 c ≠ 否））"

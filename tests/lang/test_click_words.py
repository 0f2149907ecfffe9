"""click's own words — help layout and usage errors — in the person's language, pinned kind by kind.

click words its help and its usage errors in English; ssguide words them
from the catalogs by the kind of error and what it carries (the option, its
choices, the command), never by reading click's English. These run the whole
command line in-process (``main(argv, env)``) on an ``Environment`` double:
the language comes from LANG or ``--lang``, as for a person.
"""

from __future__ import annotations

import os
import re

import pytest

from rich.cells import cell_len

from ssguide.lang.cells import wrap_cells
from ssguide.lang.i18n import SUPPORTED_LANGUAGES
from ssguide.shell.cli import main
from ssguide.shell.exporters import format_choices
from support.environment_double import FakeEnvironment
from support.language import CHINESE, english_left

LOCALE = {"en": "C.UTF-8", "zh": "zh_CN.UTF-8"}

# The choices come from the tables (a new format or language is one row there); how each
# language words a list of them is pinned here.
FORMATS = format_choices()
LANGUAGES = list(SUPPORTED_LANGUAGES)


def one_of(names: list[str], lang: str) -> str:
    """How click's "is not one of" lists the choices: 'a', 'b' in English, a、b in Chinese."""
    return ", ".join(f"'{name}'" for name in names) if lang == "en" else "、".join(names)


def either(names: list[str], lang: str) -> str:
    """Choices offered in a help text: "a, b or c", "a、b 或 c"."""
    separator, last = (", ", " or ") if lang == "en" else ("、", " 或 ")
    return separator.join(names[:-1]) + last + names[-1] if len(names) > 1 else names[0]


def error_line(message: str, width: int = 78) -> str:
    """A usage error's last line as a language other than English shows it: within the help's
    width (80 columns less two), continued under it; the English is click's own, one line.

    Only an error that lists a table's choices can grow past one line.
    """
    first, *more = wrap_cells(message, width)
    rest = wrap_cells(message[len(first):].lstrip(), width - 2) if more else []
    return "\n  ".join([first, *rest]) + "\n"


def option_entry(term: str, text: str, bracket: str, column: int, width: int = 78) -> str:
    """An option's lines in a help page (78 cells: 80 columns less two): its term, then its help
    from ``column`` on, wrapped, and the bracket ("[默认：text]") whole after it, on its last line if
    both fit there, else on a line of its own.
    """
    margin = " " * column
    head = f"  {term}" + (" " * (column - 2 - cell_len(term)) if cell_len(term) <= column - 4 else "\n" + margin)
    lines = wrap_cells(text, width - column)
    if cell_len(lines[-1]) + 2 + cell_len(bracket) <= width - column:
        lines[-1] += f"  {bracket}"
    else:
        lines.append(bracket)
    return head + f"\n{margin}".join(lines) + "\n"


def help_column(*terms: str) -> int:
    """Where option help starts: click's first column (the widest term, at most 30 cells) plus its indent and spacing."""
    return min(max(cell_len(term) for term in terms), 30) + 4


def ssguide(*args: str, lang: str = "zh", columns: int = 80) -> tuple[int, str, str]:
    """``ssguide ARGS`` for a person whose locale is ``lang``'s: exit status, stdout, stderr."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    env = FakeEnvironment(environ={**environ, "LANG": LOCALE[lang]}, size=(columns, 24))
    status = main(list(args), env)
    return status, env.stdout.getvalue(), env.stderr.getvalue()


CARD_USAGE = {
    "en": "Usage: ssguide card [OPTIONS]\nTry 'ssguide card -h' for help.\n\n",
    "zh": "用法：ssguide card [选项]\n运行 'ssguide card -h' 查看帮助。\n\n",
}
APP_USAGE = {
    "en": "Usage: ssguide [OPTIONS] COMMAND [ARGS]...\nTry 'ssguide -h' for help.\n\n",
    "zh": "用法：ssguide [选项] 命令 [参数]...\n运行 'ssguide -h' 查看帮助。\n\n",
}

# Every kind of usage error a person can meet: the command line, then what stderr says in each language.
USAGE_ERRORS: dict[str, tuple[list[str], dict[str, str]]] = {
    "unknown-option-suggested": (["card", "--frmat", "md"], {
        "en": CARD_USAGE["en"] + "Error: No such option: --frmat (Possible options: --format)\n",
        "zh": CARD_USAGE["zh"] + "错误：没有这个选项：--frmat。您是不是想用 --format？\n",
    }),
    "unknown-option-several": (["card", "--frma", "md"], {
        "en": CARD_USAGE["en"] + "Error: No such option: --frma (Possible options: --force, --format, --fresh)\n",
        "zh": CARD_USAGE["zh"] + "错误：没有这个选项：--frma（可用的选项：--force、--format、--fresh）\n",
    }),
    "unknown-option": (["card", "--bogus"], {
        "en": CARD_USAGE["en"] + "Error: No such option: --bogus\n",
        "zh": CARD_USAGE["zh"] + "错误：没有这个选项：--bogus\n",
    }),
    "unknown-short-option": (["card", "-x"], {
        "en": CARD_USAGE["en"] + "Error: No such option: -x\n",
        "zh": CARD_USAGE["zh"] + "错误：没有这个选项：-x\n",
    }),
    "unknown-app-option": (["--bogus"], {
        "en": APP_USAGE["en"] + "Error: No such option: --bogus\n",
        "zh": APP_USAGE["zh"] + "错误：没有这个选项：--bogus\n",
    }),
    "option-value-missing": (["card", "--format"], {
        "en": "Error: Option '--format' requires an argument.\n",
        "zh": "错误：选项 '--format' 后面需要一个值。\n",
    }),
    "app-option-value-missing": (["--lang"], {
        "en": "Error: Option '--lang' requires an argument.\n",
        "zh": "错误：选项 '--lang' 后面需要一个值。\n",
    }),
    "flag-given-a-value": (["card", "--fresh=1"], {
        "en": "Error: Option '--fresh' does not take a value.\n",
        "zh": "错误：选项 '--fresh' 不接受值。\n",
    }),
    "bad-format": (["card", "--format", "xx"], {
        "en": CARD_USAGE["en"] + f"Error: Invalid value for '--format': 'xx' is not one of {one_of(FORMATS, 'en')}.\n",
        "zh": CARD_USAGE["zh"] + error_line(f"错误：'--format' 的值无效：'xx' 不是可选的值（可选：{one_of(FORMATS, 'zh')}）"),
    }),
    "bad-lang": (["card", "--lang", "xx"], {
        "en": CARD_USAGE["en"] + f"Error: Invalid value for '--lang': 'xx' is not one of {one_of(LANGUAGES, 'en')}.\n",
        "zh": CARD_USAGE["zh"] + error_line(f"错误：'--lang' 的值无效：'xx' 不是可选的值（可选：{one_of(LANGUAGES, 'zh')}）"),
    }),
    "bad-app-lang": (["--lang", "xx"], {
        "en": APP_USAGE["en"] + f"Error: Invalid value for '--lang': 'xx' is not one of {one_of(LANGUAGES, 'en')}.\n",
        "zh": APP_USAGE["zh"] + error_line(f"错误：'--lang' 的值无效：'xx' 不是可选的值（可选：{one_of(LANGUAGES, 'zh')}）"),
    }),
    "bad-port": (["serve", "--port", "abc"], {
        "en": "Usage: ssguide serve [OPTIONS]\nTry 'ssguide serve -h' for help.\n\n"
        "Error: Invalid value for '--port': 'abc' is not a valid int range.\n",
        "zh": "用法：ssguide serve [选项]\n运行 'ssguide serve -h' 查看帮助。\n\n"
        "错误：'--port' 的值无效：'abc' 不是 0 到 65535 之间的整数\n",
    }),
    "port-out-of-range": (["serve", "--port", "99999"], {
        "en": "Usage: ssguide serve [OPTIONS]\nTry 'ssguide serve -h' for help.\n\n"
        "Error: Invalid value for '--port': 99999 is not in the range 0<=x<=65535.\n",
        "zh": "用法：ssguide serve [选项]\n运行 'ssguide serve -h' 查看帮助。\n\n"
        "错误：'--port' 的值无效：'99999' 不是 0 到 65535 之间的整数\n",
    }),
    "unknown-command-suggested": (["cardd"], {
        "en": APP_USAGE["en"] + "Error: No such command 'cardd'. Did you mean 'card'?\n",
        "zh": APP_USAGE["zh"] + "错误：没有名为 'cardd' 的命令。您是不是想用 'card'？\n",
    }),
    "unknown-command": (["nosuch"], {
        "en": APP_USAGE["en"] + "Error: No such command 'nosuch'.\n",
        "zh": APP_USAGE["zh"] + "错误：没有名为 'nosuch' 的命令。\n",
    }),
    "extra-argument": (["card", "stray"], {
        "en": CARD_USAGE["en"] + "Error: Got unexpected extra argument(s) (stray)\n",
        "zh": CARD_USAGE["zh"] + "错误：多余的参数：stray\n",
    }),
    "extra-arguments": (["card", "one", "two"], {
        "en": CARD_USAGE["en"] + "Error: Got unexpected extra argument(s) (one two)\n",
        "zh": CARD_USAGE["zh"] + "错误：多余的参数：one two\n",
    }),
    "missing-argument": (["graph"], {
        "en": "Usage: ssguide graph [OPTIONS] {FLOW}\nTry 'ssguide graph -h' for help.\n\nError: Missing argument 'FLOW'.\n",
        "zh": "用法：ssguide graph [选项] {FLOW}\n运行 'ssguide graph -h' 查看帮助。\n\n错误：缺少参数 'FLOW'。\n",
    }),
    "bad-date": (["card", "--today", "2026-13-01", "--no-input"], {  # ssguide's own check, not click's
        "en": "ssguide: error: --today '2026-13-01' is not a date; write it as YYYY-MM-DD\n",
        "zh": "ssguide: 错误：--today '2026-13-01' 不是日期；请写成 YYYY-MM-DD\n",
    }),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(USAGE_ERRORS))
def test_usage_error_reads_as_pinned(kind: str, lang: str) -> None:
    args, expected = USAGE_ERRORS[kind]
    status, out, err = ssguide(*args, lang=lang)
    assert (status, out, err) == (2, "", expected[lang])


# What click writes in English around help and usage errors; none of it may reach a Chinese reader.
CLICK_ENGLISH_WORDS = (
    "Usage", "Error", "Try", "help", "option", "Option", "Missing", "argument", "Invalid", "value", "Did you mean",
    "Possible", "No such", "command", "extra", "requires", "not", "valid", "range", "Choose", "default", "required",
    "Show this message", "Options", "Arguments", "Commands", "Aborted",
)
# Names and typed values, not words: the command lines' own, and every format and language the tables offer.
NAMES = {"card", "cardd", "nosuch", "stray", "graph", "serve", "one", "two", "xx", "abc", "md", "FLOW", "x", *FORMATS, *LANGUAGES}


def click_english_in(line: str) -> list[str]:
    """English words in a line of a Chinese usage error, once names and typed values are set aside."""
    bare = re.sub(r"'[^']*'|\{FLOW\}|--[\w-]+|\b(?:ssguide|card|serve|graph)\b", " ", line)
    return [*english_left(line, NAMES), *(word for word in CLICK_ENGLISH_WORDS if word in bare)]


@pytest.mark.parametrize("kind", [k for k in USAGE_ERRORS if k != "bad-date"])
def test_the_check_sees_clicks_english(kind: str) -> None:
    """The check below would prove nothing if it let click's own English through: each English error is caught."""
    _, expected = USAGE_ERRORS[kind]
    assert any(click_english_in(line) for line in expected["en"].splitlines()), expected["en"]


@pytest.mark.parametrize("how", ["locale", "option"])
@pytest.mark.parametrize("kind", [k for k in USAGE_ERRORS if k != "bad-date"])
def test_no_english_from_click_reaches_a_chinese_reader(kind: str, how: str) -> None:
    """Every kind of usage error, in Chinese by LANG or by --lang zh under an English locale."""
    args, _ = USAGE_ERRORS[kind]
    if how == "locale":
        status, out, err = ssguide(*args, lang="zh")
    else:
        status, out, err = ssguide("--lang", "zh", *args, lang="en")
    assert status == 2
    assert err and CHINESE.search(err), err
    for line in err.splitlines():
        assert not click_english_in(line), f"English from click in {line!r}: {click_english_in(line)}"


@pytest.mark.parametrize("args", [["--help"], ["card", "--help"], ["serve", "--help"], ["graph", "--help"], ["list", "-h"]], ids=" ".join)
def test_help_pages_have_no_english_layout_words_in_chinese(args: list[str]) -> None:
    status, out, err = ssguide(*args, lang="zh")
    assert status == 0 and not err
    out = re.sub(r"--[\w-]+", " ", out)  # option names (--defaults) are names, not words
    for word in ("Usage", "Options", "Arguments", "Commands", "Show this message", "default", "required"):
        assert word not in out, f"{word!r} in:\n{out}"


def test_app_help_layout_words() -> None:
    _, zh, _ = ssguide("--help", lang="zh")
    _, en, _ = ssguide("--help", lang="en")
    assert zh.splitlines()[0] == "用法：ssguide [选项] 命令 [参数]..."
    assert en.splitlines()[0] == "Usage: ssguide [OPTIONS] COMMAND [ARGS]..."
    assert "\n选项：\n" in zh and "\nOptions:\n" in en
    column = help_column("--version", f"--lang <{'|'.join(LANGUAGES)}>", "-h, --help")
    assert "\n" + "  -h, --help".ljust(column) + "显示本帮助后退出。\n" in zh
    assert "\n" + "  -h, --help".ljust(column) + "Show this message and exit.\n" in en
    assert "\n办理事项：\n" in zh and "\nProcedures:\n" in en


def test_command_help_layout_words() -> None:
    _, zh, _ = ssguide("card", "--help", "--lang", "zh", lang="en")
    _, en, _ = ssguide("card", "--help", lang="en")
    assert zh.splitlines()[0] == "用法：ssguide card [选项]"
    assert en.splitlines()[0] == "Usage: ssguide card [OPTIONS]"
    term = f"--format <{'|'.join(FORMATS)}>"
    # The widest of card's other options is --save-answers FILE.
    column = help_column(term, f"--lang <{'|'.join(LANGUAGES)}>", "--save-answers FILE")
    assert option_entry(term, f"输出格式：{either(FORMATS, 'zh')}。", f"[默认：{FORMATS[0]}]", column) in zh
    assert option_entry(term, f"What to print: {either(FORMATS, 'en')}.", f"[default: {FORMATS[0]}]", column) in en
    assert zh.rstrip().endswith("\n" + "  -h, --help".ljust(column) + "显示本帮助后退出。")
    assert en.rstrip().endswith("\n" + "  -h, --help".ljust(column) + "Show this message and exit.")


def test_argument_required_and_range_in_help() -> None:
    _, zh, _ = ssguide("graph", "--help", lang="zh")
    _, en, _ = ssguide("graph", "--help", lang="en")
    assert "\n参数：\n  FLOW  内置流程的名称，或流程文件路径。  [必填]\n" in zh
    assert "\nArguments:\n  FLOW  A bundled flow id or a flow file.  [required]\n" in en
    assert "--format <mermaid|dot>  mermaid（默认）或 dot。  [默认：mermaid]" in zh
    _, serve_zh, _ = ssguide("serve", "--help", lang="zh")
    _, serve_en, _ = ssguide("serve", "--help", lang="en")
    assert "[默认：8000; 0<=x<=65535]" in serve_zh and "[默认：127.0.0.1]" in serve_zh
    # Where click wraps it depends on the widest option (--timeout-keep-alive SECONDS): read it as one line.
    assert "[default: 8000; 0<=x<=65535]" in " ".join(serve_en.split())


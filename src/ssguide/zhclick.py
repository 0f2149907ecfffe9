"""click's own words in Chinese, for ``--help`` and usage errors when the language is zh.

typer carries its own copy of click (typer._click). Its words ("Usage:", "Show
this message and exit.", "Error:", "No such option", ...) are plain English
strings; only typer.core asks gettext's ``_`` (for "Options", "Commands",
"Arguments", "default:", "required", "No such command"). When the help
language is Chinese, and only then, the cli imports this module and installs:

- a gettext-style ``_`` in typer.core that looks words up in ``_CLICK_ZH``;
- ``ZhGroup`` as the app's group: its contexts format help with
  ``_ZhHelpFormatter`` ("用法：", click's help-option text, wrapping by terminal
  cells, since click counts a Chinese character as one column), and it words
  usage errors itself (``_click_error_zh``) instead of click's English ``show()``.

In English this module is never imported: click's output stays exactly its own.
"""

from __future__ import annotations

import sys
from typing import Any, Optional

import typer
from typer.core import TyperGroup

try:  # typer carries its own copy of click
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover - older typer, on the click package
    from click.exceptions import ClickException as _ClickException

from .cells import cell_width, wrap_cells

_CLICK_ZH = {
    # typer.core's gettext words
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有名为 {name!r} 的命令。",
    "Aborted!": "已中止。",
    # click's help option
    "Show this message and exit.": "显示本帮助后退出。",
}

def _no_such_option(g: dict[str, str | None]) -> str:
    text = f"没有这个选项：{g['name']}"
    if g["one"]:
        text += f"。您是不是想用 {g['one']}？"
    if g["many"]:
        text += f"（可用的选项：{g['many']}）"
    return text


def _no_such_command(g: dict[str, str | None]) -> str:
    return f"没有名为 '{g['name']}' 的命令。" + (f"您是不是想用 {g['one']}？" if g["one"] else "")


def _missing(g: dict[str, str | None]) -> str:
    what = {"argument": "参数", "option": "选项"}.get(g["kind"] or "", "参数")
    more = (g["more"] or "").replace("Choose from:", "可选：")
    return f"缺少{what} {g['name'] or ''}".rstrip() + "。" + (f" {more}" if more else "")


# Usage errors: click's English message → its Chinese, after "错误：". A template
# is filled with the pattern's groups; the few messages with optional parts
# have a function instead.
_CLICK_ERRORS_ZH: tuple[tuple[str, Any], ...] = (
    (r"No such option: (?P<name>\S+)(?: Did you mean (?P<one>\S+)\?)?(?: \(Possible options: (?P<many>.*)\))?", _no_such_option),
    (r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<one>.*)\?)?", _no_such_command),
    (r"没有名为 '(?P<name>.*)' 的命令。(?:\. Did you mean (?P<one>.*)\?)?", _no_such_command),
    (r"Missing (?P<kind>argument|option|parameter) ?(?P<name>'.*?')?\.(?: (?P<more>.*))?", _missing),
    (r"Missing command\.|缺少命令。", "缺少命令。"),
    (r"Invalid value for (?P<name>.*?): (?:Value error, )?(?P<value>.*) is not one of (?P<choices>.*)\.", "{name} 的值无效：{value} 不是可选的值（可选：{choices}）"),
    (r"Invalid value for (?P<name>.*?): (?P<detail>.*)", "{name} 的值无效：{detail}"),
    (r"Option '(?P<name>.*)' requires an argument\.", "选项 '{name}' 后面需要一个值。"),
    (r"Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.", "选项 '{name}' 后面需要 {n} 个值。"),
    (r"Option '(?P<name>.*)' does not take a value\.", "选项 '{name}' 不接受值。"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)", "多余的参数：{extra}"),
)


def _click_message_zh(message: str) -> str:
    """One of click's usage-error messages in Chinese; anything unknown is left as click wrote it."""
    import re

    for pattern, wording in _CLICK_ERRORS_ZH:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            groups = match.groupdict()
            return wording(groups) if callable(wording) else wording.format(**groups)
    return message


def _click_error_zh(exc: Any) -> str:
    """What click's ``exc.show()`` prints, in Chinese: usage, where to get help, the error."""
    ctx = getattr(exc, "ctx", None)
    text = ""
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"运行 '{ctx.command_path} {ctx.help_option_names[0]}' 查看帮助。\n"
        text += f"{ctx.get_usage()}\n{hint}\n"
    return text + f"错误：{_click_message_zh(exc.format_message())}\n"


def _zh_gettext(message: str) -> str:
    return _CLICK_ZH.get(message, message)


class _ZhHelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,name-defined]
    """click's help formatter with Chinese words, counting terminal cells."""

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        head = f"{' ' * self.current_indent}{'用法：' if prefix is None else prefix}{prog} "
        indent = " " * cell_width(head)
        lines = wrap_cells(args, max(self.width - cell_width(head), 20))
        self.write(head + f"\n{indent}".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{heading}：\n")

    def write_text(self, text: str) -> None:
        import re

        indent = " " * self.current_indent
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        wrapped = ["\n".join(indent + line for line in wrap_cells(p, self.width - self.current_indent)) for p in paragraphs]
        self.write("\n\n".join(wrapped) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, _zh_gettext(second)) for first, second in rows]
        if not rows:
            return
        first_col = min(max(cell_width(first) for first, _ in rows), col_max) + col_spacing
        text_width = max(self.width - first_col - 2, 10)
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{' ' * self.current_indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_width(first)))
            else:
                self.write("\n" + margin)
            lines = wrap_cells(second, text_width)
            self.write(lines[0] + "\n" + "".join(f"{margin}{line}\n" for line in lines[1:]))


class _ZhContext(typer.Context):
    formatter_class = _ZhHelpFormatter


class ZhGroup(TyperGroup):
    """The app's group when the help language is Chinese: Chinese help and usage errors."""

    context_class = _ZhContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():
            command.context_class = _ZhContext

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        # What click does in standalone mode, with the messages in Chinese.
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()
            else:
                sys.stderr.write(_click_error_zh(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write(_CLICK_ZH["Aborted!"] + "\n")
            sys.exit(1)
        # Not standalone, click returns the command's result or the code of an Exit.
        sys.exit(result if isinstance(result, int) else 0)


def install_zh_click_words() -> None:
    import typer.core

    if hasattr(typer.core, "_"):
        typer.core._ = _zh_gettext  # type: ignore[attr-defined]

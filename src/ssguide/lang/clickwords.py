"""click's own words in the language of ``--help``, from the message catalogs (lang/english.py's CLICK, translated).

typer carries its own copy of click (typer._click). Its words ("Usage:", "Show
this message and exit.", "Error:", "No such option", ...) are plain English
strings; only typer.core asks gettext's ``_`` (for "Options", "Commands",
"Arguments", "default:", "required", "No such command"). When the help
language is not English, and only then, the cli imports this module and installs:

- a gettext ``_`` in typer.core that looks click's English up in the click
  catalog (msgid: click's English, as gettext does);
- ``LocalizedGroup`` as the app's group: its contexts format help with
  ``_LocalizedHelpFormatter`` (the catalog's "Usage:", wrapping by terminal
  cells, since click counts a wide character as one column), and it words
  usage errors itself (``_click_error``) instead of click's English ``show()``.
  click builds those errors as English text with no hook to translate them, so
  ``_USAGE_ERRORS`` recognises click's (language-independent) English and names
  the catalog entry that words it.

In English this module is never imported: click's output stays exactly its own.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

import typer
from typer.core import TyperGroup

HelpFormatter: Any = typer.Context.formatter_class  # click's, in typer's copy of click

from .cells import cell_width, wrap_cells
from .i18n import wording

_lang = "en"  # the help language, set by install_click_words


def gettext(message: str) -> str:
    """click's English ``message`` (or a usage error's key) in the help language; as it is when no message has that key."""
    from .english import CLICK

    return wording(message, _lang) if message in CLICK else message


def _w(key: str, **values: Any) -> str:
    """One of the catalog's usage-error entries, filled in."""
    return gettext(key).format(**values)


def _no_such_option(g: dict[str, str | None]) -> str:
    text = _w("click_no_such_option", name=g["name"])
    if g["one"]:
        text += _w("click_did_you_mean_option", one=g["one"])
    if g["many"]:
        text += _w("click_possible_options", many=g["many"])
    return text


def _no_such_command(g: dict[str, str | None]) -> str:
    return _w("click_no_such_command", name=g["name"]) + (_w("click_did_you_mean_command", one=g["one"]) if g["one"] else "")


def _missing(g: dict[str, str | None]) -> str:
    what = gettext("click_option" if g["kind"] == "option" else "click_argument")
    more = (g["more"] or "").replace("Choose from:", gettext("Choose from:"))
    text = _w("click_missing", what=what, name=g["name"] or "").rstrip() + gettext("click_missing_end")
    return text + (_w("click_missing_more", more=more) if more else "")


def _worded(key: str) -> Callable[[dict[str, str | None]], str]:
    return lambda groups: _w(key, **groups)


def _usage_errors() -> tuple[tuple[str, Callable[[dict[str, str | None]], str]], ...]:
    """Usage errors: a pattern over click's message → its wording from the catalog.

    typer.core words "No such command" and "Missing command." through ``_``, so
    those two are recognised in the catalog's wording as well as in English.
    """
    no_such_command = re.escape(gettext("No such command {name!r}.")).replace(re.escape("{name!r}"), "'(?P<name>.*)'")
    return (
        (r"No such option: (?P<name>\S+)(?: Did you mean (?P<one>\S+)\?)?(?: \(Possible options: (?P<many>.*)\))?", _no_such_option),
        (r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<one>.*)\?)?", _no_such_command),
        (no_such_command + r"(?:\. Did you mean (?P<one>.*)\?)?", _no_such_command),
        (r"Missing (?P<kind>argument|option|parameter) ?(?P<name>'.*?')?\.(?: (?P<more>.*))?", _missing),
        (r"Missing command\.|" + re.escape(gettext("Missing command.")), lambda _: gettext("Missing command.")),
        (r"Invalid value for (?P<name>.*?): (?:Value error, )?(?P<value>.*) is not one of (?P<choices>.*)\.", _worded("click_invalid_choice")),
        (r"Invalid value for (?P<name>.*?): (?P<detail>.*)", _worded("click_invalid_value")),
        (r"Option '(?P<name>.*)' requires an argument\.", _worded("click_requires_argument")),
        (r"Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.", _worded("click_requires_arguments")),
        (r"Option '(?P<name>.*)' does not take a value\.", _worded("click_takes_no_value")),
        (r"Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)", _worded("click_extra_arguments")),
    )


def _click_message(message: str) -> str:
    """One of click's usage-error messages in the help language; anything unknown is left as click wrote it."""
    for pattern, worded in _usage_errors():
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return worded(match.groupdict())
    return message


def _click_error(exc: Any) -> str:
    """What click's ``exc.show()`` prints, in the help language: usage, where to get help, the error."""
    ctx = getattr(exc, "ctx", None)
    text = ""
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _w("click_try_help", command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        text += f"{ctx.get_usage()}\n{hint}\n"
    error = _w("click_error", message=_click_message(exc.format_message()))
    width = (ctx.terminal_width if ctx is not None else None) or 80
    # Within the terminal's width in cells, as the help is; continued lines indented under the message.
    first, *more = wrap_cells(error, width)
    rest = wrap_cells(error[len(first):].lstrip(), width - 2) if more else []
    return text + "\n  ".join([first, *rest]) + "\n"


class _LocalizedHelpFormatter(HelpFormatter):
    """click's help formatter with the catalog's words, counting terminal cells."""

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        args = args.replace("[OPTIONS]", gettext("[OPTIONS]")).replace("COMMAND [ARGS]...", gettext("COMMAND [ARGS]..."))
        head = f"{' ' * self.current_indent}{gettext('Usage: ') if prefix is None else prefix}{prog} "
        indent = " " * cell_width(head)
        lines = wrap_cells(args, max(self.width - cell_width(head), 20))
        self.write(head + f"\n{indent}".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{_w('click_heading', heading=heading)}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        wrapped = ["\n".join(indent + line for line in wrap_cells(p, self.width - self.current_indent)) for p in paragraphs]
        self.write("\n\n".join(wrapped) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, gettext(second)) for first, second in rows]
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
            lines = _wrap_help(second, text_width)
            self.write(lines[0] + "\n" + "".join(f"{margin}{line}\n" for line in lines[1:]))


def _wrap_help(text: str, width: int) -> list[str]:
    """An option's help in lines of ``width`` cells, the "[默认：text]" or "[必填]" typer appends kept whole."""
    main, bracket, extra = text.rpartition("  [")
    if not bracket or not extra.endswith("]"):
        return wrap_cells(text, width)
    extra = "[" + extra
    lines = wrap_cells(main, width)
    if cell_width(lines[-1]) + 2 + cell_width(extra) <= width:
        lines[-1] += "  " + extra
    else:
        lines += wrap_cells(extra, width)  # on a line of its own; split only if no line holds it
    return lines


class _LocalizedContext(typer.Context):
    formatter_class = _LocalizedHelpFormatter


class LocalizedGroup(TyperGroup):
    """The app's group when the help language is not English: help and usage errors in that language."""

    context_class = _LocalizedContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():  # the group's context class: GuideGroup's fits the terminal
            command.context_class = self.context_class

    def show_error(self, exc: Any, stream: Any) -> None:
        """A usage error in the help language (``main`` calls this instead of click's English ``show()``)."""
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show(file=stream)
        else:
            stream.write(_click_error(exc))

    def show_abort(self, stream: Any) -> None:
        stream.write(gettext("Aborted!") + "\n")


def install_click_words(lang: str) -> None:
    global _lang
    _lang = lang
    import typer.core

    if hasattr(typer.core, "_"):
        typer.core._ = gettext

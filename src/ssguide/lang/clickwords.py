"""click's own words in the language of ``--help``, through click's extension points: no regexes, no patching.

click (typer ≥ 0.26 carries a copy of it without gettext) words its help and
usage errors in English. The shell builds the app's group and commands from
the classes here (``shell/helpgroup.py``), each holding the run's ``Words``;
the words come from the catalogs (lang/english.py's CLICK, whose English is
click's own, so that English help and errors read exactly as click writes
them). Help is written by click's formatter (the app has no rich markup).

In every language (``WordedCommand``, ``WordedGroup``):

- **help layout** — ``options_metavar`` and ``subcommand_metavar`` ("[OPTIONS]",
  "COMMAND [ARGS]..."); ``get_help_option`` (its "Show this message and
  exit."); ``format_options``, which writes the "Arguments" and "Options"
  sections with each parameter's help and its "[default: …; required]"
  worded from the parameter (its default, range, whether it is required);
- **usage errors that carry only English text in click** — the command raises
  its own subclass instead: ``parse_args`` (``ExtraArguments``; an option
  given a value it does not take, or none when it needs one:
  ``OptionValueUsage``) and ``resolve_command`` (``NoSuchCommand``, with the
  close names). In English their message is click's.

Outside English too (``LocalizedCommand``, ``LocalizedGroup``):

- the contexts' ``formatter_class``: "Usage: " and each heading's colon from
  the catalog, wrapped by terminal cells (click counts a wide character as
  one column);
- **parameter errors** — each parameter's type is wrapped in ``WordedType``,
  whose ``convert`` words a failure from the type it wraps (its choices, its
  range), and whose ``get_missing_message`` lists the choices;
- **showing a usage error** — ``describe`` words each of click's
  ``UsageError`` subclasses from what it carries (``NoSuchOption.option_name``
  and ``possibilities``, ``MissingParameter.param``, ``BadParameter.param``,
  and the three above); the group's ``show_error``, which ``main`` calls,
  lays it out as click does. A usage error of a kind not listed here (none
  that ssguide's options can raise) shows click's own text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import Any, NoReturn, Optional

import typer

from .i18n import locale, wording

# typer carries its own copy of click (typer._click, pyproject.toml says which typer): its public classes, by their module.
from typer._click import exceptions as click_errors
from typer._click import formatting as click_formatting
from typer._click import types as click_types

HelpFormatter: Any = typer.Context.formatter_class  # click's


class Words:
    """click's words in one language: ``words(key, **values)``, and a list as that language writes one."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        return wording(key, self.lang).format(**values)

    def join(self, items: Sequence[str]) -> str:
        return locale(self.lang).list_separator.join(items)


# ---------------------------------------------------------------- usage errors ssguide raises where click carries only text


class ExtraArguments(click_errors.UsageError):
    """Arguments a command does not take (click: ``ctx.fail("Got unexpected extra argument(s) …")``)."""

    def __init__(self, arguments: Sequence[str], ctx: Any) -> None:
        super().__init__(f"Got unexpected extra argument(s) ({' '.join(arguments)})", ctx)
        self.arguments = list(arguments)


class NoSuchCommand(click_errors.UsageError):
    """A command the group does not have, with the close ones (typer: ``ctx.fail("No such command …")``)."""

    def __init__(self, name: str, possibilities: Sequence[str], ctx: Any) -> None:
        did_you_mean = f" Did you mean {', '.join(repr(p) for p in possibilities)}?" if possibilities else ""
        super().__init__(f"No such command {name!r}.{did_you_mean}", ctx)  # what click shows in English, as typer words it
        self.name = name
        self.possibilities = list(possibilities)


class OptionValueUsage(click_errors.BadOptionUsage):
    """An option given a value it does not take (``nargs`` 0), or too few (click: ``BadOptionUsage`` with text only)."""

    def __init__(self, option_name: str, nargs: int, message: str) -> None:
        super().__init__(option_name, message)
        self.nargs = nargs


def describe(exc: Any, words: Words) -> str:
    """A usage error in ``words``' language, from its type and what it carries; one ssguide does not know, as click words it."""
    if isinstance(exc, NoSuchCommand):
        text = words("click_no_such_command", name=exc.name)
        if exc.possibilities:
            text += words("click_did_you_mean_command", one=words.join([repr(p) for p in exc.possibilities]))
        return text
    if isinstance(exc, ExtraArguments):
        return words("click_extra_arguments", extra=" ".join(exc.arguments))
    if isinstance(exc, OptionValueUsage):
        if exc.nargs == 0:
            return words("click_takes_no_value", name=exc.option_name)
        if exc.nargs == 1:
            return words("click_requires_argument", name=exc.option_name)
        return words("click_requires_arguments", name=exc.option_name, n=exc.nargs)
    if isinstance(exc, click_errors.NoSuchOption):
        text = words("click_no_such_option", name=exc.option_name)
        possible = sorted(exc.possibilities or ())
        if len(possible) == 1:
            text += words("click_did_you_mean_option", one=possible[0])
        elif possible:
            text += words("click_possible_options", many=words.join(possible))
        return text
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        kind = exc.param_type or exc.param.param_type_name
        what = words("click_option" if kind == "option" else "click_argument")
        text = words("click_missing", what=what, name=_hint(exc)) + words("click_missing_end")
        more = exc.param.type.get_missing_message(exc.param, exc.ctx) if isinstance(exc.param.type, WordedType) else None
        return text + (words("click_missing_more", more=more) if more else "")
    if isinstance(exc, click_errors.BadParameter) and (exc.param is not None or exc.param_hint is not None):
        return words("click_invalid_value", name=_hint(exc), detail=exc.message)
    return str(exc.format_message())


def _hint(exc: Any) -> str:
    """The parameter as click names it in an error ('--format', 'FLOW')."""
    hint = exc.param_hint if exc.param_hint is not None else exc.param.get_error_hint(exc.ctx)
    return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)


def error_text(exc: Any, words: Words) -> str:
    """What click's ``exc.show()`` prints, in ``words``' language: usage, where to get help, the error."""
    ctx = getattr(exc, "ctx", None)
    text = ""
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = words("click_try_help", command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        text += f"{ctx.get_usage()}\n{hint}\n"
    from .cells import wrap_cells

    error = words("click_error", message=describe(exc, words))
    width = (ctx.terminal_width if ctx is not None else None) or 80
    # Within the terminal's width in cells, as the help is; continued lines indented under the message.
    first, *more = wrap_cells(error, width)
    rest = wrap_cells(error[len(first):].lstrip(), width - 2) if more else []
    return text + "\n  ".join([first, *rest]) + "\n"


# ---------------------------------------------------------------- parameter types


class WordedType(click_types.ParamType):
    """A parameter's type, its failures worded: the type it wraps converts; this one says what was wrong."""

    def __init__(self, inner: Any, words: Words) -> None:
        self.inner = inner
        self.words = words
        self.name = inner.name

    def choices(self) -> Optional[list[str]]:
        """The values a choice type accepts, as they are typed; None for other types."""
        choices = getattr(self.inner, "choices", None)
        return None if choices is None else [str(c.value if isinstance(c, Enum) else c) for c in choices]

    def get_metavar(self, param: Any, ctx: Any) -> Optional[str]:
        return self.inner.get_metavar(param, ctx)

    def get_missing_message(self, param: Any, ctx: Any) -> Optional[str]:
        choices = self.choices()
        return None if choices is None else self.words("click_choose_from", choices=self.words.join(choices))

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.inner.convert(value, param, ctx)
        except click_errors.BadParameter:
            self.fail(self.what_is_wrong(value), param, ctx)

    def what_is_wrong(self, value: Any) -> str:
        typed = repr(str(value))
        choices = self.choices()
        if choices is not None:
            return self.words("click_not_a_choice", value=typed, choices=self.words.join(choices))
        low, high = getattr(self.inner, "min", None), getattr(self.inner, "max", None)
        if isinstance(self.inner, click_types.IntRange) and low is not None and high is not None:
            return self.words("click_not_a_whole_number_between", value=typed, low=low, high=high)
        return self.words("click_not_valid", value=typed)

    def fail(self, message: str, param: Any = None, ctx: Any = None) -> NoReturn:
        raise click_errors.BadParameter(message, ctx=ctx, param=param)


def _range(param: Any) -> str:
    """An option's range, as click writes it in the help (``0<=x<=65535``): symbols, no words."""
    kind = param.type.inner if isinstance(param.type, WordedType) else param.type
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if param.param_type_name != "option" or (low is None and high is None):
        return ""
    below = "<" if getattr(kind, "min_open", False) else "<="
    above = "<" if getattr(kind, "max_open", False) else "<="
    if low is None:
        text = f"x{above}{high}"
    elif high is None:
        text = f"x{'>' if getattr(kind, 'min_open', False) else '>='}{low}"
    else:
        text = f"{low}{below}x{above}{high}"
    return text + (" clamped" if getattr(kind, "clamp", False) else "")


def _default_text(param: Any, default: Any, words: Words) -> str:
    """A default as typer shows it: an enum's value, a list's items, nothing for an unset flag or an empty value."""
    if isinstance(default, Enum):
        return str(default.value)
    if isinstance(default, (list, tuple)):
        return ", ".join(part for part in (_default_text(param, d, words) for d in default) if part)
    if callable(default):
        return words("(dynamic)")
    if isinstance(default, bool):
        return param.opts[0].lstrip("-") if default and param.opts else ""
    return "" if default is None else str(default)


def help_extra(param: Any, ctx: Any, words: Words) -> str:
    """What click and typer add after a parameter's help, ``[default: …; required]``, in ``words``' language."""
    extra = []
    envvar = getattr(param, "envvar", None)
    if getattr(param, "show_envvar", False) and envvar:
        extra.append(words("env var: {var}", var=envvar if isinstance(envvar, str) else ", ".join(envvar)))
    show = getattr(param, "show_default", None)
    if isinstance(show, str):
        extra.append(words("default: {default}", default=f"({show})"))
    elif show or (show is None and ctx.show_default):
        default = _default_text(param, param.get_default(ctx, call=False), words)
        if default:
            extra.append(words("default: {default}", default=default))
    if _range(param):
        extra.append(_range(param))
    if param.required:
        extra.append(words("required"))
    return f"[{'; '.join(extra)}]" if extra else ""


# ---------------------------------------------------------------- help layout


class LocalizedHelpFormatter(HelpFormatter):
    """click's help formatter with the catalog's words, counting terminal cells."""

    words: Words  # set on the subclass made for each run (``formatter_class``)

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        from .cells import cell_width, wrap_cells

        head = f"{' ' * self.current_indent}{self.words('Usage: ') if prefix is None else prefix}{prog} "
        indent = " " * cell_width(head)
        lines = wrap_cells(args, max(self.width - cell_width(head), 20))
        self.write(head + f"\n{indent}".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{self.words('click_heading', heading=heading)}\n")

    def write_text(self, text: str) -> None:
        from .cells import wrap_cells

        indent = " " * self.current_indent
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        wrapped = ["\n".join(indent + line for line in wrap_cells(p, self.width - self.current_indent)) for p in paragraphs]
        self.write("\n\n".join(wrapped) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        from .cells import cell_width

        rows = list(rows)
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


def formatter_class(words: Words) -> type:
    return type("LocalizedHelpFormatter", (LocalizedHelpFormatter,), {"words": words})


def _wrap_help(text: str, width: int) -> list[str]:
    """An option's help in lines of ``width`` cells, the "[默认：text]" or "[必填]" after it kept whole."""
    from .cells import cell_width, wrap_cells

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


# ---------------------------------------------------------------- the command and the group


class WordedCommand:
    """A command (mixed in before typer's) whose help layout words are the catalog's, and whose usage errors say what they are about.

    In every language: in English the catalog's words are click's own, and
    the help reads exactly as click writes it (tests/lang/test_click_words.py).
    """

    words: Words  # set on the class made for each run (shell/helpgroup.py)
    options_metavar: Optional[str]

    def __init__(self, *args: Any, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        if self.options_metavar:
            self.options_metavar = self.words("[OPTIONS]")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = self.words("Show this message and exit.")
        return option

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, as typer writes them, their words the catalog's."""
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if getattr(param, "hidden", False) or param.param_type_name not in sections:
                continue
            extra = help_extra(param, ctx, self.words)
            text = f"{param.help}  {extra}" if param.help and extra else param.help or extra
            sections[param.param_type_name].append((_names(param, ctx), text))
        for kind, heading in (("argument", "Arguments"), ("option", "Options")):
            if sections[kind]:
                with formatter.section(self.words(heading)):
                    formatter.write_dl(sections[kind])

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """click's parsing, its errors given what click's text alone says: which option, which arguments."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # extra arguments are kept in ctx.args and reported below, by name
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except click_errors.BadOptionUsage as exc:
            option = next((p for p in self.get_params(ctx) if exc.option_name in (*p.opts, *p.secondary_opts)), None)  # type: ignore[attr-defined]
            if option is None or isinstance(exc, OptionValueUsage):
                raise
            nargs = 0 if getattr(option, "is_flag", False) or getattr(option, "count", False) else option.nargs
            raise OptionValueUsage(exc.option_name, nargs, exc.message) from None
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest


class WordedGroup(WordedCommand):
    """The app's group: a command's words, and a command that does not exist is a ``NoSuchCommand``."""

    subcommand_metavar: str
    commands: dict[str, Any]

    def __init__(self, *args: Any, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.subcommand_metavar = self.words("COMMAND [ARGS]...")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)  # type: ignore[attr-defined]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A command that does not exist is a ``NoSuchCommand``, with the names close to it (as typer finds them)."""
        import difflib

        name = args[0]
        known = self.get_command(ctx, name) is not None  # type: ignore[attr-defined]
        if not known and ctx.token_normalize_func is not None:
            known = self.get_command(ctx, ctx.token_normalize_func(name)) is not None  # type: ignore[attr-defined]
        if not known and not ctx.resilient_parsing:
            if not name[:1].isalnum():  # as click does: it may be an option given after the command's place
                self.parse_args(ctx, args)
            raise NoSuchCommand(name, difflib.get_close_matches(name, list(self.commands)), ctx)
        return super().resolve_command(ctx, args)  # type: ignore[misc]


class LocalizedCommand(WordedCommand):
    """A command outside English: its parameters' types word their failures too."""

    def __init__(self, *args: Any, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        for param in self.params:  # type: ignore[attr-defined]
            if param.type is not None and not param.type.is_composite and not isinstance(param.type, WordedType):  # one value each
                param.type = WordedType(param.type, self.words)


class LocalizedGroup(LocalizedCommand, WordedGroup):
    """The app's group outside English: it shows usage errors in the help language (click shows them in English)."""

    def show_error(self, exc: Any, stream: Any) -> None:
        """A usage error in the help language (``main`` calls this instead of click's English ``show()``)."""
        if isinstance(exc, click_errors.NoArgsIsHelpError):
            exc.show(file=stream)
        else:
            stream.write(error_text(exc, self.words))

    def show_abort(self, stream: Any) -> None:
        stream.write(self.words("Aborted!") + "\n")


def _names(param: Any, ctx: Any) -> str:
    """A parameter's names in the help's first column ("--format <text|markdown|json>", "FLOW"), as typer writes them."""
    if param.param_type_name == "argument":
        return str(param.make_metavar(ctx))
    slashes = False

    def names(opts: Sequence[str]) -> str:
        nonlocal slashes
        text, any_slashes = click_formatting.join_options(opts)
        slashes = slashes or any_slashes
        if not param.is_flag and not param.count:
            text += f" {param.make_metavar(ctx)}"
        return str(text)

    written = [names(param.opts)] + ([names(param.secondary_opts)] if param.secondary_opts else [])
    return ("; " if slashes else " / ").join(written)

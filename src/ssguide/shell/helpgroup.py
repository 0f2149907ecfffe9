"""``ssguide --help`` in sections: the procedures first, then the other commands, then the authoring tools."""

from typing import Any, Callable, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from ..lang.i18n import SOURCE_LANGUAGE
from .environment import Environment

# Commands for people who write flows, listed apart so that users see the procedures first.
AUTHOR_COMMANDS = ("validate", "graph", "paths", "schema")
GENERAL_COMMANDS = ("run", "list", "serve")


MIN_TEXT = 20  # columns beside an option or command name, at least


class FitsTheTerminal:
    """What a click help formatter adds to fit the terminal: its whole width, however narrow or wide.

    click caps the help at 80 columns and never goes below 50: on a terminal
    narrower than that, the terminal broke words ("e" / "xit"); on a wide one,
    a command's summary was cut over lines for nothing. So the width is the
    terminal's (less two columns, as click leaves them) for all of the help,
    and the names' column of a list narrows on a narrow terminal so that the
    texts beside it keep ``MIN_TEXT`` columns (a longer name is on its own line).
    """

    width: int

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        # ``width`` is the context's ``terminal_width``, which main sets (``help_width``); without
        # it click would ask the process's own terminal.
        super().__init__(indent_increment, width or 78, max_width)  # type: ignore[call-arg]

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        col_max = max(min(col_max, self.width - col_spacing - 2 - MIN_TEXT), 8)
        super().write_dl(rows, col_max, col_spacing)  # type: ignore[misc]


def help_width(columns: int) -> int:
    """The help's width on a terminal ``columns`` wide: all of it but two columns, as click leaves them."""
    return max(columns - 2, MIN_TEXT + 10)


def context_class(formatter: type) -> type:
    """A click context whose help is written by ``formatter`` fitted to the terminal."""
    return type("GuideContext", (typer.Context,), {"formatter_class": type("GuideFormatter", (FitsTheTerminal, formatter), {})})



def _show_help(ctx: Any, param: Any, value: bool) -> None:
    """--help: the help on the run's standard output (the ``Environment`` main gave), not the process's."""
    if value and not ctx.resilient_parsing:
        ctx.find_root().obj.write_out(ctx.get_help())
        ctx.exit()


class _HelpToEnvironment:
    """A command whose --help writes to the ``Environment``'s standard output."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and isinstance(ctx.find_root().obj, Environment):
            option.callback = _show_help
        return option

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        """No shell completion (the app is built without it): nothing to look up in os.environ."""

    def show_error(self, exc: Any, stream: Any) -> None:
        """A usage error as click words it."""
        exc.show(file=stream)

    def show_abort(self, stream: Any) -> None:
        stream.write("Aborted!\n")


class GuideCommand(_HelpToEnvironment, TyperCommand):
    """Every command of the app: its --help on the run's standard output."""


class GuideGroup(_HelpToEnvironment, TyperGroup):
    """The app's group: ``--help`` lists the procedures, then other commands, then the authoring tools."""

    headings = ("Procedures", "Other commands", "For flow authors")
    context_class = context_class(typer.Context.formatter_class)

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():  # each command's --help fits the terminal too
            command.context_class = self.context_class

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = [(name, command) for name in self.list_commands(ctx) if (command := self.get_command(ctx, name)) and not command.hidden]
        if commands:
            self._format_sections(formatter, commands, max(len(name) for name, _ in commands))

    def _format_sections(self, formatter: Any, commands: list[tuple[str, Any]], widest: int) -> None:
        procedures, others, authoring = self.headings
        sections = [
            (procedures, [c for c in commands if c[0] not in AUTHOR_COMMANDS + GENERAL_COMMANDS]),
            (others, [c for c in commands if c[0] in GENERAL_COMMANDS]),
            (authoring, [c for c in commands if c[0] in AUTHOR_COMMANDS]),
        ]
        for heading, members in sections:
            if members:
                with formatter.section(heading):
                    # Names padded to the widest, so that every section's texts start in one column.
                    formatter.write_dl([(name.ljust(widest), summary(command)) for name, command in members])


def summary(command: Any) -> str:
    """A command's whole first paragraph, as one line that the help wraps to its width.

    click's own short help cuts it at the first full stop, or at the width
    left beside the name ("Get a social security card, or report a lost
    card and..."); Chinese, without spaces, was never cut.
    """
    text = command.short_help or command.help or ""
    return " ".join(text.split("\n\n", 1)[0].split())


def group_class(run: Any, h: Callable[[str], str]) -> type:
    """The app's group class in the language of ``run`` (a ``Context``): its headings, and click's own words (lang/clickwords.py)."""
    from ..lang.clickwords import LocalizedGroup, Words, WordedGroup, formatter_class

    words = Words(run.lang)
    attributes: dict[str, Any] = {
        "headings": (h("help_section_procedures"), h("help_section_other"), h("help_section_authors")),
        "words": words,
    }
    if run.lang == SOURCE_LANGUAGE:  # click's words are English: its formatter and its error messages as they are
        return type("LocalGuideGroup", (WordedGroup, GuideGroup), attributes)
    attributes["context_class"] = context_class(formatter_class(words))  # wrapping by terminal cells
    return type("LocalGuideGroup", (LocalizedGroup, GuideGroup), attributes)


def command_class(run: Any) -> type:
    """The class of every command of the app in the language of ``run``: its --help on the run's stdout, click's words."""
    from ..lang.clickwords import LocalizedCommand, Words, WordedCommand

    worded = WordedCommand if run.lang == SOURCE_LANGUAGE else LocalizedCommand
    return type("LocalGuideCommand", (worded, GuideCommand), {"words": Words(run.lang)})


def click_failure(command: Any, exc: BaseException, stream: Any) -> Optional[int]:
    """Show click's usage error or Abort on ``stream`` as the app's group words it; its status, or None for anything else."""
    from typer import Abort

    from ..lang.clickwords import click_errors

    if isinstance(exc, click_errors.ClickException) and isinstance(command, _HelpToEnvironment):
        command.show_error(exc, stream)
        return exc.exit_code
    if isinstance(exc, Abort) and isinstance(command, _HelpToEnvironment):
        command.show_abort(stream)
        return 1
    return None

"""``ssguide --help`` in sections: the procedures first, then the other commands, then the authoring tools."""

import sys
from typing import Any, Callable

import typer
from typer.core import TyperGroup

from ..lang.i18n import SOURCE_LANGUAGE

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
        from .environment import current

        if width is None:
            width = max(current().terminal_size().columns - 2, MIN_TEXT + 10)
        super().__init__(indent_increment, width, max_width)  # type: ignore[call-arg]

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        col_max = max(min(col_max, self.width - col_spacing - 2 - MIN_TEXT), 8)
        super().write_dl(rows, col_max, col_spacing)  # type: ignore[misc]


def context_class(formatter: type) -> type:
    """A click context whose help is written by ``formatter`` fitted to the terminal."""
    return type("GuideContext", (typer.Context,), {"formatter_class": type("GuideFormatter", (FitsTheTerminal, formatter), {})})


class GuideGroup(TyperGroup):
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


def group_class(help_lang: str, h: Callable[[str], str]) -> type:
    """The app's group class for ``help_lang``: its headings, and outside English click's own words too."""
    headings = (h("help_section_procedures"), h("help_section_other"), h("help_section_authors"))
    attributes: dict[str, Any] = {"headings": headings}
    bases: tuple[type, ...] = (GuideGroup,)
    if help_lang != SOURCE_LANGUAGE:  # English never loads this
        from ..lang.clickwords import LocalizedGroup, install_click_words

        install_click_words(help_lang)
        bases = (GuideGroup, LocalizedGroup)  # help and usage errors in the help language (see clickwords)
        attributes["context_class"] = context_class(LocalizedGroup.context_class.formatter_class)
    elif "ssguide.lang.clickwords" in sys.modules:  # an earlier run in this process (a test's) installed another language
        sys.modules["ssguide.lang.clickwords"].install_click_words(help_lang)
    return type("LocalGuideGroup", bases, attributes)

"""``ssguide --help`` in sections: the procedures first, then the other commands, then the authoring tools."""

import sys
from typing import Any, Callable

from typer.core import TyperGroup

from ..lang.i18n import SOURCE_LANGUAGE

# Commands for people who write flows, listed apart so that users see the procedures first.
AUTHOR_COMMANDS = ("validate", "graph", "paths", "schema")
GENERAL_COMMANDS = ("run", "list", "serve")


class GuideGroup(TyperGroup):
    """The app's group: ``--help`` lists the procedures, then other commands, then the authoring tools."""

    headings = ("Procedures", "Other commands", "For flow authors")

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = [(name, command) for name in self.list_commands(ctx) if (command := self.get_command(ctx, name)) and not command.hidden]
        if not commands:
            return
        widest = max(len(name) for name, _ in commands)
        # The whole terminal for this list, not click's 80-column cap (nor its 50-column floor):
        # a summary is one line wherever the terminal is wide enough for it.
        from .environment import current

        previous, formatter.width = formatter.width, max(current().terminal_size().columns - 2, widest + 20)
        try:
            self._format_sections(formatter, commands, widest)
        finally:
            formatter.width = previous

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
    bases: tuple[type, ...] = (GuideGroup,)
    if help_lang != SOURCE_LANGUAGE:  # English never loads this
        from ..lang.clickwords import LocalizedGroup, install_click_words

        install_click_words(help_lang)
        bases = (GuideGroup, LocalizedGroup)  # help and usage errors in the help language (see clickwords)
    elif "ssguide.lang.clickwords" in sys.modules:  # an earlier run in this process (a test's) installed another language
        sys.modules["ssguide.lang.clickwords"].install_click_words(help_lang)
    return type("LocalGuideGroup", bases, {"headings": headings})

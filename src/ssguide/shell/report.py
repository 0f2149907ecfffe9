"""The language of a run: --lang on the command line, else the locale's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional

from ..lang.i18n import SUPPORTED_LANGUAGES, detect_language

if TYPE_CHECKING:
    from .environment import Environment


# --lang's choices: the languages with a locale (i18n.LOCALES).
Language = Enum("Language", {code: code for code in SUPPORTED_LANGUAGES}, type=str)  # type: ignore[misc]


def argv_lang(argv: Sequence[str]) -> Optional[str]:
    """--lang from the command line, read before typer parses it so that --help texts follow it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in SUPPORTED_LANGUAGES else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in SUPPORTED_LANGUAGES else None
    return None


def run_lang(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of a run before it is parsed (--help, errors): --lang anywhere on the command line, else the locale."""
    return detect_language(argv_lang(argv), environ)


def environment(ctx: Any) -> Environment:
    """The ``Environment`` ``main`` gave this run, from a command's click context."""
    return ctx.find_root().obj


def explicit_lang(ctx: Any) -> Optional[str]:
    """The --lang a command was given: its own, else the one before the command (``ssguide --lang zh card``)."""
    chosen = ctx.params.get("lang") or ctx.find_root().params.get("lang")  # a Language, or the group's as typed
    return None if chosen is None else Language(chosen).value


def command_lang(ctx: Any) -> str:
    """A command's language: its --lang (``explicit_lang``), else the locale's."""
    return detect_language(explicit_lang(ctx), environment(ctx).environ)

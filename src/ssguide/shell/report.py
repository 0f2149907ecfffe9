"""The language of a run, as the command line gives it before and around a flow."""

from enum import Enum
from typing import Optional

from ..lang.i18n import SUPPORTED_LANGUAGES, detect_language
from .environment import current


# --lang's choices: the languages with a locale (i18n.LOCALES).
Language = Enum("Language", {code: code for code in SUPPORTED_LANGUAGES}, type=str)  # type: ignore[misc]


def argv_lang() -> Optional[str]:
    """--lang from the command line, read before typer parses it so that --help texts follow it."""
    argv = current().argv
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in SUPPORTED_LANGUAGES else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in SUPPORTED_LANGUAGES else None
    return None


def run_lang(explicit: Optional[str] = None) -> str:
    """The language of this run: ``explicit``, else --lang anywhere on the command line, else the locale."""
    return detect_language(explicit or argv_lang(), current().environ)

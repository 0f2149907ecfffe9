"""How the command line speaks before and around a flow: the run's language, and the one-line error."""

from enum import Enum
from typing import Any, NoReturn, Optional

from ..errors import ExitStatus
from ..lang.i18n import SUPPORTED_LANGUAGES, detect_language, t
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


# Problems of one flow printed at most; the rest are counted in one line.
MAX_PRINTED_PROBLEMS = 50


def write_problems(problems: list[Any], language: str, unlisted: int = 0) -> None:
    """A flow's problems, one ``file:line:col: message`` line each, the first MAX_PRINTED_PROBLEMS of them and then how many more."""
    from .environment import write_err

    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        write_err(problem.render(language))
    more = max(len(problems) - MAX_PRINTED_PROBLEMS, 0) + unlisted
    if more:
        write_err(t("problems_more", language, n=f"{more:,}"))


def fail(message: Any, code: ExitStatus = ExitStatus.BAD_INPUT, lang: Optional[str] = None) -> NoReturn:
    """One line on stderr, then exit: the only way commands report errors.

    ``message`` is a ``messages.Message``, an error that carries one
    (``errors.LocalizedError``), or plain text. It is worded in ``lang``, by
    default the language of this run (--lang, else the locale).
    """
    import typer

    from ..lang.messages import render

    language = lang or run_lang()
    stderr = current().stderr
    stderr.write(t("error_line", language, message=render(message, language)) + "\n")
    stderr.flush()
    raise typer.Exit(int(code))

"""Every error ssguide raises on purpose, and the exit status each one ends a run with.

The command line turns an ``SsguideError`` into one line on stderr and its
``exit_status``; anything else is a bug (``ExitStatus.INTERNAL_ERROR``). Messages
are ``messages.Message`` values (a catalog key and its values), worded in the
user's language only when shown; ``str()`` of an error gives the English.

Kept import-light: the core raises these, and ``--help`` imports the core's
lowest modules.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from .lang.messages import Message

if TYPE_CHECKING:
    from .core.yamlsafe import Pos


class ExitStatus(IntEnum):
    """How a run ends, as the shell sees it."""

    SUCCESS = 0
    INVALID_FLOW = 1  # a flow file has errors (validate, or running your own flow)
    BAD_INPUT = 2  # a wrong or missing answer, an unwritable path, no terminal to ask in
    INTERNAL_ERROR = 70  # a bug: sysexits' EX_SOFTWARE
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it

    @staticmethod
    def for_signal(signum: int) -> int:
        """The status a shell reports for a process ended by this signal: 128 + its number."""
        return 128 + signum


class SsguideError(Exception):
    """An error meant for the user, not a bug."""

    exit_status: ExitStatus = ExitStatus.BAD_INPUT


class LocalizedError(SsguideError):
    """An error whose message is a ``messages.Message``; ``str(exc)`` is English, ``exc.render(lang)`` any language."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.msg = Message(key, **values)
        super().__init__(key)

    def render(self, lang: str) -> str:
        return self.msg.render(lang)

    def __str__(self) -> str:
        return self.msg.render("en")


class AnswerError(LocalizedError, ValueError):
    """An answer a question cannot take; the message says what is allowed.

    Worded to follow "VALUE is ..." in English (the flow loader writes
    ``f"default {value!r} is {exc}"``), and as a predicate in Chinese.
    """


class UnknownQuestionType(LookupError):
    """A question whose type no class handles: never guessed around, always an error.

    The loader refuses such a flow first, so reaching this is a bug (exit 70).
    """


class InputProblem(LocalizedError):
    """Bad input from the user (an answers file, --set, an export path): one line, exit 2."""


class UnknownFlow(LocalizedError, LookupError):
    """The user named a flow that is neither bundled nor a file."""


class LocatedError(SsguideError):
    """A problem at a place in a file: ``pos`` says where, ``message`` (a ``messages.Message``) what."""

    def __init__(self, pos: Pos, message: Message) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message


class YamlInputError(LocatedError):
    """A file that cannot be read as plain YAML data."""


class ConditionError(LocatedError, ValueError):
    """A condition that cannot be used (an unknown question, a value it can never take)."""

    def __init__(self, pos: Pos, message: Message) -> None:
        super().__init__(pos, message)
        self.args = (message,)  # str() is the message alone: the caller adds the position


class FlowError(SsguideError):
    """A flow that cannot be used; ``problems`` lists the errors found (``flow.Problem``).

    ``unlisted`` counts those found beyond what the loader keeps (``structure.MAX_KEPT_PROBLEMS``).
    """

    exit_status = ExitStatus.INVALID_FLOW

    def __init__(self, problems: list[Any], unlisted: int = 0) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.unlisted = unlisted

    @property
    def count(self) -> int:
        return len(self.problems) + self.unlisted

"""Every error ssguide raises on purpose, and the exit status each one ends a run with.

The command line's ``main`` is the one place that catches them: an
``SsguideError`` becomes what its ``report`` says on stderr (one line, or a
flow's problems and then one line) and its ``exit_status``; anything else is a
bug (``ExitStatus.INTERNAL_ERROR``). Code that finds an error raises it. Messages
are ``messages.Message`` values (a catalog key and its values), worded in the
user's language only when shown; ``str()`` of an error gives the English.

Kept import-light: the core raises these, and ``--help`` imports the core's
lowest modules.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from .lang.messages import Message, Plural
from .position import Pos


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

    def lines(self) -> list[Any]:
        """What the user reads on stderr, line by line, not yet worded: "ssguide: error: …" by default."""
        return [Message("error_line", message=self.message_text())]

    def message_text(self) -> Any:
        """The error's message: a ``Message``, or text shown as it is."""
        return str(self)

    def report(self, lang: str) -> str:
        """``lines`` in ``lang``, each ending in a newline: what ``main`` writes on stderr.

        Each stays one line whatever a value in it holds (a file name with a newline: ``inline``).
        """
        from .core.safetext import inline
        from .lang.messages import render

        return "".join(inline(render(line, lang)) + "\n" for line in self.lines())


class Joined:
    """Pieces of one line, each worded (a ``Message``) or shown as it is (text), side by side."""

    def __init__(self, *pieces: Any) -> None:
        self.pieces = pieces

    def render(self, lang: str) -> str:
        from .lang.messages import render

        return "".join(render(piece, lang) for piece in self.pieces)


class LocalizedError(SsguideError):
    """An error whose message is a ``messages.Message``; ``str(exc)`` is English, ``exc.render(lang)`` any language."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.msg = Message(key, **values)
        super().__init__(key)

    def render(self, lang: str) -> str:
        return self.msg.render(lang)

    def message_text(self) -> Any:
        return self.msg

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


class Interrupted(SsguideError):
    """Ctrl-C, Ctrl-D or a signal during the wizard: ``text`` (already worded) says how to pick up again.

    Exit 130, or 128 + the signal's number.
    """

    def __init__(self, text: str, status: int) -> None:
        super().__init__(text)
        self.exit_status = status  # type: ignore[assignment]  # 128 + a signal's number need not be an ExitStatus

    def lines(self) -> list[Any]:
        return [f"ssguide: {self}"]


class InputProblem(LocalizedError):
    """Bad input from the user (an answers file, --set, an export path): one line, exit 2."""


class UnknownFlow(LocalizedError, LookupError):
    """The user named a flow that is neither bundled nor a file."""


class InvalidFlow(LocalizedError):
    """A flow that cannot be used, said in one line (the summary after validate's problems; too many routes): exit 1."""

    exit_status = ExitStatus.INVALID_FLOW


class MissingAnswers(SsguideError):
    """--no-input and answers missing: the questions and what each allows, then those the route may still ask."""

    def __init__(self, flow_id: str, missing: list[tuple[str, Any]], later: list[tuple[str, Any]]) -> None:
        super().__init__(f"{len(missing)} answer(s) missing for {flow_id!r}")
        self.flow_id = flow_id
        self.missing = missing  # (question id, what it allows: a Message)
        self.later = later

    def message_text(self) -> Any:
        return Message("err_missing_answers", n=len(self.missing), flow=self.flow_id)

    def lines(self) -> list[Any]:
        # "id: what is allowed", the way an answers file writes it.
        lines = [*super().lines(), *(Joined(f"  {qid}: ", allowed) for qid, allowed in self.missing)]
        if self.later:
            lines.append(Joined("  ", Message("missing_later")))
            lines += [Joined(f"  {qid}: ", allowed) for qid, allowed in self.later]
        return lines


class LocatedError(SsguideError):
    """A problem at a place in a file: ``pos`` says where, ``message`` (a ``messages.Message``) what."""

    def __init__(self, pos: Pos, message: Message) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message

    def message_text(self) -> Any:
        return Joined(f"{self.pos}: ", self.message)


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

    def lines(self) -> list[Any]:
        """The problems (file:line:col: …, at most MAX_PRINTED_PROBLEMS of them), then how many there were."""
        return [*listed_problems(self.problems, self.unlisted), *super().lines()]

    def message_text(self) -> Any:
        return Message("err_flow_invalid", n=self.count, noun=Plural("err_flow_invalid_noun", self.count))


# Problems of one flow printed at most; the rest are counted in one line.
MAX_PRINTED_PROBLEMS = 50


def listed_problems(problems: list[Any], unlisted: int = 0) -> list[Any]:
    """A flow's problems as printed, a line each: the first MAX_PRINTED_PROBLEMS of them, then
    how many more (``unlisted``: those the loader counted without keeping)."""
    more = max(len(problems) - MAX_PRINTED_PROBLEMS, 0) + unlisted
    # n with thousands separators ("1,234"), the same in every language.
    counted = [Message("problems_more", n=f"{more:,}")] if more else []
    return [*problems[:MAX_PRINTED_PROBLEMS], *counted]

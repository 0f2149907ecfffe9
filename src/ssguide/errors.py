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

from .lang.messages import Message
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

    def report(self, lang: str) -> str:
        """What the user reads on stderr, in ``lang``: "ssguide: error: …" and a newline."""
        return error_line(str(self), lang)


def error_line(message: str, lang: str) -> str:
    """"ssguide: error: …" and a newline: one line, whatever a value in it holds (a file name with a newline)."""
    from .core.safetext import inline
    from .lang.i18n import t

    return t("error_line", lang, message=inline(message)) + "\n"


class LocalizedError(SsguideError):
    """An error whose message is a ``messages.Message``; ``str(exc)`` is English, ``exc.render(lang)`` any language."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.msg = Message(key, **values)
        super().__init__(key)

    def render(self, lang: str) -> str:
        return self.msg.render(lang)

    def report(self, lang: str) -> str:
        return error_line(self.render(lang), lang)

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

    def report(self, lang: str) -> str:
        from .lang.i18n import t

        # "id: what is allowed", the way an answers file writes it.
        lines = [f"  {qid}: {allowed.render(lang)}" for qid, allowed in self.missing]
        if self.later:
            lines.append(f"  {t('missing_later', lang)}")
            lines += [f"  {qid}: {allowed.render(lang)}" for qid, allowed in self.later]
        header = error_line(t("err_missing_answers", lang, n=len(self.missing), flow=self.flow_id), lang)
        return header + "\n".join(lines) + "\n"


class LocatedError(SsguideError):
    """A problem at a place in a file: ``pos`` says where, ``message`` (a ``messages.Message``) what."""

    def __init__(self, pos: Pos, message: Message) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message

    def report(self, lang: str) -> str:
        return error_line(f"{self.pos}: {self.message.render(lang)}", lang)


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

    def report(self, lang: str) -> str:
        """The problems (file:line:col: …, at most MAX_PRINTED_PROBLEMS of them), then how many there were."""
        from .lang.i18n import plural

        count = self.count
        summary = Message("err_flow_invalid", n=count, noun=plural("err_flow_invalid_noun", lang, count))
        return problem_lines(self.problems, lang, self.unlisted) + error_line(summary.render(lang), lang)


# Problems of one flow printed at most; the rest are counted in one line.
MAX_PRINTED_PROBLEMS = 50


def problem_lines(problems: list[Any], lang: str, unlisted: int = 0) -> str:
    """A flow's problems, one ``file:line:col: message`` line each, the first MAX_PRINTED_PROBLEMS
    of them, then how many more (``unlisted``: those the loader counted without keeping)."""
    from .core.safetext import inline
    from .lang.i18n import t

    lines = "".join(inline(problem.render(lang)) + "\n" for problem in problems[:MAX_PRINTED_PROBLEMS])
    more = max(len(problems) - MAX_PRINTED_PROBLEMS, 0) + unlisted
    return lines + (t("problems_more", lang, n=f"{more:,}") + "\n" if more else "")

"""What ``ssguide validate`` tells a flow author, and every other message, in any language.

Every problem the flow loader (``flow``), the YAML reader (``yamlsafe``), the
condition parser (``conditions``) and the analysis (``analysis``) report is a
``Message``: a key of the flow-check catalog plus named values, put into words
when it is shown: ``render(lang)``, or ``str()`` for the English. It is not a
``str``: text is what a message becomes in one language, not what it is.

Values are ids, file names, positions, values from the file and lists of
allowed keys: they are shown as they are in every language. A value that is
itself a ``Message`` (or anything with ``render(lang)``, such as the wizard's
``qtypes.AnswerError``) is worded in the same language.

Messages are only built when something is wrong: the loader passes the
description of what it is reading ("the title", "a choice of 'route'") as a
cheap ``what`` (a key, or a tuple of a key and its values, see ``describe``)
that becomes a ``Message`` only in an error.
"""

from __future__ import annotations

import string
from typing import Any

from .i18n import wording


def _checks() -> dict[str, Any]:
    """The flow checks' English (lang/english.py): the keys a ``what`` may name."""
    from .english import FLOW_CHECKS

    return FLOW_CHECKS


_FORMATTER = string.Formatter()


def fields(template: str) -> list[str]:
    """The named fields of a template, in order of first appearance."""
    names: dict[str, None] = {}
    for _, name, _, _ in _FORMATTER.parse(template):
        if name is not None:
            names.setdefault(name, None)
    return list(names)


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    values = {k: (v.render(lang) if hasattr(v, "render") else v) for k, v in params.items()}
    return template.format(**values)


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def template(key: str, lang: str) -> str:
    """The wording of ``key`` in ``lang`` (else English): a flow check or one of the program's messages."""
    return wording(key, lang)


class Message:
    """A message not yet worded: a key and the values to word it in any language.

    The key is one of the flow-check catalog (what ``validate`` tells flow authors) or
    of the program catalog (the wizard's own words and errors): one type for
    every message the program shows, whichever catalog holds its wording.
    ``str(message)`` is its English.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        """The message in ``lang`` (English when there is no wording in that language)."""
        return _fill(template(self.key, lang), self.params, lang)

    def __str__(self) -> str:
        return self.render("en")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"

    def __reduce__(self) -> Any:
        return _rebuild, (self.key, self.params)


class Plural(Message):
    """A message with a singular and a plural form ("{n} day|{n} days"), worded for ``n``."""

    __slots__ = ()

    def __init__(self, key: str, n: int, /) -> None:
        super().__init__(key, n=n)

    def render(self, lang: str) -> str:
        from .i18n import plural

        return plural(self.key, lang, self.params["n"])


def suggest(word: str, options: Any) -> Message | str:
    """A "did you mean" hint for a mistyped id, key or value ("" when nothing is close)."""
    import difflib

    matches = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.75)
    return Message("did_you_mean", word=matches[0]) if matches else ""


def describe(what: Any) -> Any:
    """A ``what`` as the loader passes it around: a key, or ``(key, value, ...)`` → a Message.

    The values follow the order their fields first appear in the English
    template: ``("what_choice_label", value, qid)`` for "choice '{value}' label of '{qid}'".
    Anything else (plain text) is returned as it is.
    """
    if isinstance(what, tuple):
        key, *values = what
        return Message(key, **dict(zip(fields(_checks()[key]), values)))
    if isinstance(what, str) and what in _checks():
        return Message(what)
    return what


def render(message: Any, lang: str) -> str:
    """Any message in ``lang``: a ``Message`` (or anything with ``render``) or plain text, shown as it is."""
    return message.render(lang) if hasattr(message, "render") else str(message)


def big_number(count: int | None) -> str:
    """A count for people: exact with thousands separators while short, else its order of magnitude.

    Not ``f"{count:,}"`` for every count: Python refuses to format integers of
    over 4,300 digits, and a flow of 15,000 yes/no questions has that many routes.
    """
    if count is None:
        return "?"
    if count < 10**15:
        return f"{count:,}"
    return f"~10^{int((count.bit_length() - 1) * 0.30103)}"

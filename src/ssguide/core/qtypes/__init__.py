"""Question types: everything that depends on what kind of answer a question takes.

One class per type owns all of it: how an answer is read from a file, ``--set``
or the prompt (and what is allowed when it is wrong), how it is shown, how it
is stored in JSON, which bounds and values a flow may give it, which values a
condition may compare it to, the stand-in answers used to look ahead and to
analyse routes, the prompt widget and its example text, and its part of the
JSON Schema. No other module switches on a type's name: adding a question
type means adding a class (a module of this package) and listing it in
``QUESTION_TYPES`` below (the recipe: docs/question-types.md; only a new kind
of widget also needs a case in ``prompts``). ``base`` holds the base class and
the errors, ``choices`` the types answered from listed values, ``values`` the
types answered with a typed value.

Wrong answers raise ``AnswerError``, whose message is a ``messages.Message``
(a key of the program catalog plus values) that the command line words in the
user's language; the other user-facing errors (``answers.InputProblem``,
``registry.UnknownFlow``) share its base, ``LocalizedError``, defined here as
the lowest layer that raises them.
"""

from __future__ import annotations

from ...errors import AnswerError, LocalizedError, UnknownQuestionType
from .base import (
    UNSURE,
    UNSURE_WORD,
    UNSURE_WORDS,
    QuestionType,
    Unsure,
    fixed_date,
    has_control_character,
    is_unsure_word,
    parse_iso_date,
)
from .choices import ChoiceType, MAX_MULTI_COMBINATIONS, MultiType, YesNoType
from .values import DateType, MAX_TEXT_LENGTH, NumberType, TextType

__all__ = [
    "UNSURE",
    "UNSURE_WORD",
    "UNSURE_WORDS",
    "Unsure",
    "is_unsure_word",
    "AnswerError",
    "ChoiceType",
    "DateType",
    "LocalizedError",
    "MAX_MULTI_COMBINATIONS",
    "MAX_TEXT_LENGTH",
    "MultiType",
    "NumberType",
    "QuestionType",
    "TextType",
    "UnknownQuestionType",
    "YesNoType",
    "fixed_date",
    "has_control_character",
    "parse_iso_date",
    "QUESTION_TYPES",
    "question_type",
]


QUESTION_TYPES: dict[str, QuestionType] = {
    qt.name: qt for qt in (ChoiceType(), MultiType(), YesNoType(), DateType(), NumberType(), TextType())
}


def question_type(name: str) -> QuestionType:
    """The class that handles questions of type ``name``; an unknown type is an error, never a fallback."""
    try:
        return QUESTION_TYPES[name]
    except (KeyError, TypeError):
        raise UnknownQuestionType(f"no question type {name!r}; known: {', '.join(QUESTION_TYPES)}") from None

"""Answers in the address: a query string read into answers, and answers written back as one.

The same question types read every answer as the terminal does (the same date
parser: 2026/11/20, 2026年11月20日, 今天…; labels as well as values; "not
sure" in any of its words). A form sends the question it asks as a blank
field first, then what was chosen or typed, so that "nothing chosen" reaches
the server as an answer to say something about rather than as no answer.

Bounded: a query string longer than ``MAX_QUERY_BYTES`` or with more than
``MAX_FIELDS`` fields, or one that is not percent-encoded UTF-8, is refused
before any of it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from ..core.model import Flow, Question
from ..core.qtypes import UNSURE, AnswerError, has_control_character, is_unsure_word
from ..core.safetext import inline
from ..lang.messages import Message
from ..record import Record

if TYPE_CHECKING:
    from ..core.context import Context

# A full route of the bundled flows takes ~300 bytes; a text answer of 500
# Chinese characters ~4.5 KB. 8 KB is also what proxies commonly allow a request line.
MAX_QUERY_BYTES = 8 * 1024
MAX_FIELDS = 200
MAX_SHOWN = 60  # characters of a wrong answer quoted back in an error


class QueryRefused(Exception):
    """A query string that is not read at all: too long (414) or not a query a form makes (400)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


Fields = dict[str, list[str]]  # name → every value given for it, in order


def read_query(raw: bytes) -> Fields:
    """The fields of a raw query string, or ``QueryRefused``."""
    if len(raw) > MAX_QUERY_BYTES:
        raise QueryRefused(414)
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise QueryRefused(400) from None
    fields: Fields = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


class Reading(Record):
    """What a query says: the answers that read, and for each that does not, what was given and why not."""

    answers: Mapping[str, Any]  # question id → typed answer, in the flow's order
    given: Mapping[str, str]  # question id → the text given, for a wrong answer shown again
    problems: Mapping[str, Message]  # question id → what is wrong with its answer
    canonical: bool  # the query is exactly ``query_string(flow, answers)``


def read_answers(flow: Flow, fields: Fields, ctx: Context) -> Reading:
    answers: dict[str, Any] = {}
    given: dict[str, str] = {}
    problems: dict[str, Message] = {}
    for qid, question in flow.questions.items():
        values = fields.get(qid)
        if values is None:
            continue
        # A field of control characters alone is an answer to refuse, not a blank one (str.strip takes them for spaces).
        filled = [v for v in values if v.strip() or has_control_character(v)]
        try:
            answers[qid] = _read_one(question, filled, ctx)
        except _Wrong as wrong:
            given[qid] = filled[0] if filled else ""
            problems[qid] = wrong.message
    canonical = list(fields) == list(answers) and all(fields[q] == query_values(flow.questions[q], v) for q, v in answers.items())
    return Reading(answers, given, problems, canonical)


class _Wrong(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message


def _read_one(question: Question, filled: list[str], ctx: Context) -> Any:
    qtype = question.qtype
    try:
        if qtype.widget == "checkbox":
            if question.unsure and any(is_unsure_word(v) for v in filled):
                return UNSURE  # ticked alone or with others, "not sure" means not knowing which apply
            return qtype.coerce(question, filled if len(filled) != 1 else filled[0], ctx)
        if not filled:
            if qtype.widget == "text":
                return qtype.coerce(question, "", ctx)  # a text question may be left empty
            raise _Wrong(Message("answer_missing_choice"))
        if len(set(filled)) > 1:
            unsure = question.unsure and any(is_unsure_word(v) for v in filled)
            raise _Wrong(Message("answer_unsure_and_value" if unsure else "answer_one_only"))
        return qtype.coerce(question, filled[0], ctx)
    except AnswerError as exc:
        if not filled:
            raise _Wrong(Message("answer_missing_text")) from None
        raise _Wrong(Message("answer_error", value=shown(filled[0]), problem=exc.msg)) from None


def shown(text: str) -> str:
    """A wrong answer as an error quotes it: short, on one line, each control or invisible character as ``<U+XXXX>``.

    The visible form first, then the spaces: ``str.split`` would take U+001C-U+001F and U+0085 for spaces and hide them.
    The page escapes what this returns, as every text (and ``visible_html`` has nothing left to do in it).
    """
    text = " ".join(inline(text).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def query_values(question: Question, value: Any) -> list[str]:
    """How an answer is written in the address: one value, or one per choice ticked (none: one blank)."""
    if value is UNSURE:
        return ["unsure"]
    plain = question.qtype.to_plain(value)
    if isinstance(plain, bool):
        return ["yes" if plain else "no"]
    if isinstance(plain, list):
        return [str(v) for v in plain] or [""]
    return [str(plain)]


def query_pairs(flow: Flow, answers: Mapping[str, Any], leave_out: str | None = None) -> list[tuple[str, str]]:
    """The answers as (name, value) pairs, in the flow's order of questions."""
    return [
        (qid, text)
        for qid in flow.questions
        if qid in answers and qid != leave_out
        for text in query_values(flow.questions[qid], answers[qid])
    ]


def query_string(flow: Flow, answers: Mapping[str, Any]) -> str:
    return urlencode(query_pairs(flow, answers))

"""The structure of a flow file, declared once, and the checks that read the declaration.

``SECTIONS`` lists, for each kind of mapping in a flow file, the keys it may
have, which of them are required and the JSON Schema of each value. The
loader refuses any key it does not declare (``StructureChecker.mapping``);
``schema`` builds docs/flow.schema.json from the same table, and tests feed
both the same flows, each missing a required key, so the two cannot drift.
What JSON Schema cannot say (a ``goto`` to a real question, a condition's
value among the choices) is checked by hand in ``references``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from ..lang.i18n import SUPPORTED_LANGUAGES, LocalText
from ..lang.messages import Message, describe, suggest
from ..record import Record
from . import conditions as cond
from .flowrefs import FLOW_REF_ANY, FLOW_REF_START
from .model import DEADLINE_MEANINGS, END, ITEM_KINDS, SOURCE_KINDS, TEMPLATE_PLACEHOLDERS, Problem
from .qtypes import QUESTION_TYPES, AnswerError
from .safetext import visible
from ..position import Pos
from .yamlsafe import LocatedDict, pos_of

FLOW_ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
QUESTION_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
ITEM_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")  # {date}, {how}: in a text that names a date
# Memory grows with the number of questions and items more than with bytes:
# 58,000 one-line questions fit in 8 MB and took a gigabyte to check.
MAX_QUESTIONS = 20_000
# Items: every one is laid out when the checklist is printed as text (rich wraps each, ~0.25 ms):
# 20,000 long notes took 5.5 s of CPU, 10,000 take under 3 s.
MAX_ITEMS = 10_000
# Items with a deadline: each is a calendar event, which icalendar writes in about
# 0.3 ms (10,000 took 4 s, 20,000 8 s, benchmarks/ics.py): at this many a whole
# `run --export x.ics` stays under 2 s.
MAX_DATED_ITEMS = 1_000
# Problems a flow's check keeps; beyond them it only counts (a file of
# 100,000 unknown keys would otherwise hold 100,000 messages in memory, and
# print them all).
MAX_KEPT_PROBLEMS = 1_000
# Units a deadline counts (days, working days, months or years): ten years of days.
MAX_DEADLINE_AMOUNT = 3_650
# One text (a title, a question, an item): ten times the longest bundled one.
# Wrapping and rendering a text costs more than its bytes suggest.
MAX_TEXT_CHARS = 5_000


class Key(Record):
    """One key of a section: the JSON Schema of its value, and whether a flow must give it."""

    schema: dict[str, Any]
    required: bool = False


_TEXT = {"$ref": "#/$defs/text"}
# A text that may point at another bundled flow ({flow:ID}): what a checklist shows of an item, its updates, what
# still helps once its date has passed, and how to find out a "not sure" answer. The loader reads these with
# refs=True (StructureChecker.text); the schema's linked_text allows well-formed pointers, text allows none.
_LINKED_TEXT = {"$ref": "#/$defs/linked_text"}
_CONDITION = {"$ref": "#/$defs/condition"}
_SOURCE_IDS = {"anyOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]}


_ACT_BY = "How the date to act by reads under its item in Do this now, with {date} (and {how})."


def _list_of(section: str) -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": {"$ref": f"#/$defs/{section}"}}


SECTIONS: dict[str, dict[str, Key]] = {
    "flow": {
        "id": Key({"type": "string", "pattern": FLOW_ID_RE.pattern}, required=True),
        "command": Key({"type": "string", "pattern": FLOW_ID_RE.pattern}),
        "version": Key({"type": ["integer", "string"]}),
        "title": Key(_TEXT, required=True),
        "description": Key(_TEXT),
        "languages": Key({"type": "array", "minItems": 1, "items": {"enum": list(SUPPORTED_LANGUAGES)}}),
        "reviewed": Key({"type": "string", "format": "date"}),
        "start": Key({"type": "string", "pattern": QUESTION_ID_RE.pattern}),
        "sources": Key(_list_of("source"), required=True),
        "questions": Key(_list_of("question"), required=True),
        "items": Key(_list_of("item"), required=True),
    },
    "source": {
        "id": Key({"type": "string", "pattern": ITEM_ID_RE.pattern}, required=True),
        "kind": Key({"enum": list(SOURCE_KINDS)}),
        "title": Key(_TEXT, required=True),
        "citation": Key(_TEXT, required=True),
        "date": Key({"type": ["string", "integer"]}),
        "url": Key({"type": "string"}),
    },
    "choice": {
        "value": Key({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]}, required=True),
        "label": Key(_TEXT, required=True),
        "help": Key(_TEXT),
    },
    "rule": {
        "when": Key(_CONDITION),
        "goto": Key({"type": "string"}, required=True),
    },
    "question": {
        "id": Key(
            {"type": "string", "pattern": QUESTION_ID_RE.pattern, "not": {"enum": [*cond.COMBINATORS, END]}}, required=True
        ),
        "type": Key({"enum": list(QUESTION_TYPES)}, required=True),
        "text": Key(_TEXT, required=True),
        "help": Key({"anyOf": [_TEXT, _list_of("help")]}),
        "short": Key(_TEXT),
        "event": Key(_TEXT),
        # What each type takes (how many choices, which bounds) is its own ``schema()``.
        "choices": Key({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}}),
        "default": Key({}),
        "min": Key({"type": ["number", "string"]}),
        "max": Key({"type": ["number", "string"]}),
        "unsure": Key({"type": "boolean", "description": "'Not sure' is an answer to this question."}),
        "how_to_find_out": Key({"anyOf": [{"$ref": "#/$defs/find_out"}, _list_of("find_out")]}),
        "next": Key({"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/rule"}}]}),
    },
    "help": {
        "when": Key({**_CONDITION, "description": "Shown when this holds for the answers given before the question."}),
        "text": Key(_TEXT, required=True),
    },
    "find_out": {
        "when": Key({**_CONDITION, "description": "Shown when this holds for the checklist's answers."}),
        "text": Key(_LINKED_TEXT, required=True),
        "source": Key(_SOURCE_IDS, required=True),
        "what": Key({**_TEXT, "description": "What to find out, as the end of 'Find out …' (\"whether the card was accepted\")."}),
    },
    "update": {
        "source": Key(_SOURCE_IDS, required=True),
        "text": Key(_LINKED_TEXT, required=True),
        "short": Key(_TEXT),
        "when": Key(_CONDITION),
        "overdue": Key({"$ref": "#/$defs/overdue"}),
        "act_by": Key({**_TEXT, "description": _ACT_BY}),
    },
    "overdue": {
        "text": Key(_LINKED_TEXT, required=True),
        "source": Key(_SOURCE_IDS, required=True),
        "short": Key(_TEXT),
        "passed": Key({**_TEXT, "description": "The sentence that says the date has passed, with {date} (and {how})."}),
    },
    "deadline": {
        "from": Key(
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": False,
                "properties": {"question": {"type": "string"}, "item": {"type": "string"}},
            },
            required=True,
        ),
        "after": Key({"$ref": "#/$defs/offset"}),
        "before": Key({"$ref": "#/$defs/offset"}),
        "meaning": Key({"enum": list(DEADLINE_MEANINGS)}),
    },
    "item": {
        "id": Key({"type": "string", "pattern": ITEM_ID_RE.pattern}, required=True),
        "kind": Key({"enum": list(ITEM_KINDS)}, required=True),
        "text": Key(_LINKED_TEXT, required=True),
        "short": Key(_TEXT),
        "when": Key(_CONDITION),
        "source": Key(_SOURCE_IDS, required=True),
        "order": Key({"type": "integer"}),
        "updates": Key({"type": "array", "items": {"$ref": "#/$defs/update"}}),
        "deadline": Key({"$ref": "#/$defs/deadline"}),
        "done_when": Key({**_CONDITION, "description": "When the answers say this is already done: shown ticked, never in Do this now."}),
        "info": Key({"type": "boolean", "description": "A step that is information, not an action: never numbered, never in Do this now."}),
        "waits_for": Key(
            {"type": "string", "pattern": ITEM_ID_RE.pattern, "description": "The dated item (a card ready from a date) this step cannot be done before."}
        ),
        "overdue": Key({"$ref": "#/$defs/overdue"}),
        "act_by": Key({**_TEXT, "description": _ACT_BY}),
    },
}
KEYS: dict[str, set[str]] = {section: set(keys) for section, keys in SECTIONS.items()}


class StructureChecker:
    """Reads located YAML values against ``SECTIONS``, collecting problems with their file:line:col.

    The loader's builder extends it with one method per section of a flow.
    """

    def __init__(self, filename: str, source: str = "", flows: Collection[str] | None = None) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.unlisted = 0  # problems found beyond MAX_KEPT_PROBLEMS: counted, not kept
        self.languages: tuple[str, ...] = ("en",)
        self.lines = source.splitlines()  # to point at a flow reference inside a text, column and all
        self.flows = flows  # the commands a {flow:…} may name; None: any well-formed one

    def error(self, pos: Pos, message: Message) -> None:
        self.add(Problem(pos, message))

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(problem)
        else:
            self.unlisted += 1

    # ``what`` (the part of the flow being read) is a catalog key, or a tuple of
    # a key and its values (see ``messages.describe``): cheaper to pass around
    # than a formatted string, and put into words only when there is an error.

    def mapping(self, raw: Any, pos: Pos, what: Any, section: str) -> LocatedDict | None:
        """``raw`` when it is a mapping; every key ``SECTIONS[section]`` does not declare is a problem."""
        allowed = KEYS[section]
        if not isinstance(raw, dict):
            self.error(pos, Message("must_be_mapping", what=describe(what), kind=_kind(raw)))
            return None
        for index, key in enumerate(raw):
            if key not in allowed:
                if len(self.problems) >= MAX_KEPT_PROBLEMS:
                    self.unlisted += 1  # counted without the cost of wording it (suggest compares every allowed key)
                    continue
                kpos = raw.key_pos_at(index) if isinstance(raw, LocatedDict) else pos
                hint = suggest(str(key), allowed)
                self.error(kpos, Message("unknown_key", key=key, what=describe(what), hint=hint, allowed=", ".join(sorted(allowed))))
        return raw  # type: ignore[return-value]

    def mappings(self, raw: list[Any], pos: Pos, what: Any, section: str) -> Iterator[tuple[int, Pos, LocatedDict]]:
        """Each entry of the list ``raw`` that is a mapping (checked as ``mapping`` checks it), with its index and position."""
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            data = self.mapping(entry, epos, what, section)
            if data is not None:
                yield i, epos, data

    def required(self, raw: Mapping[str, Any], key: str, pos: Pos, what: Any) -> Any:
        if key not in raw or raw[key] is None:
            self.error(pos, Message("missing_key", what=describe(what), key=key))
            return None
        return raw[key]

    def text(self, raw: Any, pos: Pos, what: Any, required: bool = True, refs: bool = False) -> LocalText | None:
        """A text, in one language or several; ``refs``: it may point at another flow (``{flow:ID}``)."""
        if raw is None:
            if required:
                self.error(pos, Message("text_missing", what=describe(what)))
            return None
        if isinstance(raw, str):
            if not raw.strip():  # an optional text, once written, must say something too
                self.error(pos, Message("text_empty", what=describe(what)))
            self.check_length(raw, pos, what)
            self.check_flow_refs(raw, pos, what, refs)
            return LocalText.plain(visible(raw))
        if isinstance(raw, dict):
            values: dict[str, str] = {}
            for lang, value in raw.items():
                vpos = pos_of(raw, lang, pos)
                if lang not in SUPPORTED_LANGUAGES:
                    self.error(vpos, Message("text_unknown_language", what=describe(what), lang=lang, languages=", ".join(SUPPORTED_LANGUAGES)))
                    continue
                if not isinstance(value, str) or not value.strip():
                    self.error(vpos, Message("text_not_string", what=describe(what), lang=lang))
                    continue
                self.check_length(value, vpos, what)
                self.check_flow_refs(value, vpos, what, refs)
                values[lang] = visible(value)  # bidi overrides are shown, not applied
            for lang in self.languages:
                if lang not in raw:
                    self.error(pos, Message("text_missing_language", what=describe(what), lang=lang, languages=list(self.languages)))
            return LocalText.of(values) if values else None
        self.error(pos, Message("text_wrong_type", what=describe(what), kind=_kind(raw)))
        return None

    def check_flow_refs(self, value: str, pos: Pos, what: Any, allowed: bool) -> None:
        """Each ``{flow:ID}`` names a flow there is (``self.flows``), in a text that may hold one; each problem where it is."""
        if FLOW_REF_START not in value:
            return
        for match in FLOW_REF_ANY.finditer(value):
            where = self._within(pos, match.group(0))
            ref = match.group("ref")
            if ref is None:
                self.error(where, Message("flow_ref_malformed", what=describe(what), text=match.group(0)[:40]))
            elif not allowed:
                self.error(where, Message("flow_ref_not_here", what=describe(what), ref=ref))
            elif not FLOW_ID_RE.fullmatch(ref) or (self.flows is not None and ref not in self.flows):
                self.error(where, Message("flow_ref_unknown", what=describe(what), ref=ref, hint=suggest(ref, self.flows or ())))

    def _within(self, pos: Pos, needle: str) -> Pos:
        """Where ``needle`` is in the file: on the line of ``pos``, from its column on (else ``pos`` itself)."""
        if 0 < pos.line <= len(self.lines):
            found = self.lines[pos.line - 1].find(needle, max(pos.col - 1, 0))
            if found >= 0:
                return Pos(pos.file, pos.line, found + 1)
        return pos
    def template(self, raw: Any, pos: Pos, what: Any) -> LocalText | None:
        """An optional text that names a date: ``{date}`` in every language, and no placeholder but ``{date}`` and ``{how}``."""
        text = self.text(raw, pos, what, required=False)
        if text is None:
            return None
        for lang, value in text.values:
            names = _PLACEHOLDER_RE.findall(value)
            unknown = sorted({n for n in names if n not in TEMPLATE_PLACEHOLDERS})
            if unknown:
                self.error(pos, Message("template_placeholder_unknown", what=describe(what), names=", ".join(unknown)))
            elif "date" not in names:
                self.error(pos, Message("template_needs_date", what=describe(what), lang=lang))
        return text

    def check_length(self, value: str, pos: Pos, what: Any) -> None:
        if len(value) > MAX_TEXT_CHARS:
            self.error(pos, Message("text_too_long", what=describe(what), n=len(value), limit=MAX_TEXT_CHARS))

    def id_field(self, raw: Mapping[str, Any], pos: Pos, what: str, pattern: re.Pattern[str], hint: str) -> str | None:
        value = self.required(raw, "id", pos, what)
        if value is None:
            return None
        if not isinstance(value, str) or not pattern.fullmatch(value):  # fullmatch: "$" would allow a trailing newline
            self.error(pos_of(raw, "id", pos), Message("id_invalid", what=describe(what), value=value, hint=Message(hint)))
            return None
        return value

    def condition(self, raw: Any, pos: Pos, given: bool = False) -> cond.Condition | None:
        """The condition ``raw``, or None: none written, or one with an error (reported).

        ``given``: the key is there, so an empty value (``when: null``, ``when:``) is an error too;
        the entries that skip a condition with an error must not skip it unreported.
        """
        if raw is None and not given:
            return None
        try:
            return cond.parse(raw, pos)
        except cond.ConditionError as exc:
            self.error(exc.pos, exc.message)
            return None


def _kind(value: Any) -> Message | str:
    """What a wrong value is, for "must be ..., not <kind>": a Message, or the value's type and repr as they are."""
    if value is None:
        return Message("kind_nothing")
    if isinstance(value, dict):
        return Message("kind_mapping")
    if isinstance(value, list):
        return Message("kind_list")
    return f"{type(value).__name__} {value!r}"[:60]


def answer_problem(exc: AnswerError) -> Any:
    """Why a default is not a valid answer: the answer error's message (a ``Message`` that words itself), or its text."""
    return getattr(exc, "msg", None) or str(exc)

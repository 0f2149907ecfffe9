"""The flow model (frozen dataclasses) and its loader: YAML → validated ``Flow``.

The loader reports *every* problem it finds, each with the file, line and
column of the offending value, instead of stopping at the first: a flow author
fixes a file in one pass. It never runs anything from the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import conditions as cond
from .dates import Offset
from .messages import Message, describe, render, suggest
from .i18n import SUPPORTED_LANGUAGES, LocalText
from .safetext import visible
from .qtypes import QUESTION_TYPES, AnswerError, QuestionType, question_type
from .yamlsafe import LocatedDict, Pos, YamlInputError, load_located, paused_gc, pos_of, read_limited

ITEM_KINDS = ("step", "material", "deadline", "note", "warning")
SOURCE_KINDS = ("seed", "law", "notice", "other")
DEADLINE_UNITS = ("days", "working_days", "months", "years")
DEADLINE_MEANINGS = ("due", "valid_until", "ready_from", "expected_by")
# Dates the user must act by; the others are things the user waits for ("What to expect").
MUST_ACT_MEANINGS = ("due", "valid_until")
END = "end"

FLOW_ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
QUESTION_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
ITEM_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
# Memory grows with the number of questions and items more than with bytes:
# 58,000 one-line questions fit in 8 MB and took a gigabyte to check.
MAX_QUESTIONS = 20_000
MAX_ITEMS = 20_000
# One text (a title, a question, an item): ten times the longest bundled one.
# Wrapping and rendering a text costs more than its bytes suggest.
MAX_TEXT_CHARS = 5_000


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: LocalText
    citation: LocalText
    date: str | None
    pos: Pos


@dataclass(frozen=True)
class Choice:
    value: str
    label: LocalText
    help: LocalText | None = None


@dataclass(frozen=True)
class Rule:
    """One routing rule: go to ``goto`` (None = end) when ``when`` holds (None = always)."""

    when: cond.Condition | None
    goto: str | None
    pos: Pos


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: LocalText
    help: LocalText | None
    short: LocalText | None
    event: LocalText | None
    choices: tuple[Choice, ...]
    default: Any
    min: Any
    max: Any
    next: tuple[Rule, ...]
    pos: Pos

    @property
    def qtype(self) -> QuestionType:
        return question_type(self.type)

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: Any) -> Choice | None:
        for c in self.choices:
            if c.value == value:
                return c
        return None

    def targets(self) -> list[str | None]:
        """Every place routing can go from here; None is the end."""
        targets: list[str | None] = [r.goto for r in self.next]
        if not self.next or self.next[-1].when is not None:
            targets.append(None)  # no rule holding also ends the flow
        return targets


@dataclass(frozen=True)
class Update:
    """The current rule where policy moved on since the item's source.

    When ``when`` holds (None = always), the update's text leads the item and
    the item's own text becomes the secondary "earlier practice" line.
    """

    sources: tuple[str, ...]
    text: LocalText
    pos: Pos
    when: cond.Condition | None = None

    @property
    def source(self) -> str:
        return self.sources[0]


@dataclass(frozen=True)
class DeadlineRule:
    anchor_question: str | None
    anchor_item: str | None
    offset: Offset
    meaning: str
    pos: Pos


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    text: LocalText
    when: cond.Condition | None
    sources: tuple[str, ...]
    order: int
    index: int
    updates: tuple[Update, ...]
    deadline: DeadlineRule | None
    pos: Pos
    source_pos: Pos | None = None


@dataclass(frozen=True)
class Flow:
    id: str
    command: str
    title: LocalText
    description: LocalText
    languages: tuple[str, ...]
    reviewed: date | None
    sources: Mapping[str, Source]
    questions: Mapping[str, Question]
    start: str | None
    items: tuple[Item, ...]
    path: str
    pos: Pos = field(compare=False)
    # The real path of the file it was read from ("" when parsed from text):
    # what saved sessions are keyed by, so two files with one id never share one.
    file: str = field(default="", compare=False)

    def question(self, qid: str) -> Question:
        return self.questions[qid]

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One problem of a flow file. ``message`` is a ``messages.Message`` (English as a str)."""

    pos: Pos
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.pos}: {prefix}{self.message}"

    def render(self, lang: str) -> str:
        """``file:line:col: message`` with the message (and "warning: ") in ``lang``."""
        prefix = "" if self.severity == "error" else Message("warning_prefix").render(lang)
        return f"{self.pos}: {prefix}{render(self.message, lang)}"


class FlowError(Exception):
    """A flow that cannot be used; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# ---------------------------------------------------------------- loading


def load_flow(path: str | Path, *, display_name: str | None = None) -> Flow:
    """Read, parse and check a flow file. Raises FlowError listing every error."""
    name = display_name or str(path)
    try:
        text = read_limited(Path(path))
    except YamlInputError as exc:
        raise FlowError([Problem(Pos(name, exc.pos.line, exc.pos.col), exc.message)]) from None
    return replace(parse_flow(text, name), file=os.path.realpath(path))


def parse_flow(text: str, filename: str) -> Flow:
    with paused_gc(freeze=True):  # a big flow is many small objects and no cycles
        try:
            raw = load_located(text, filename)
        except YamlInputError as exc:
            raise FlowError([Problem(exc.pos, exc.message)]) from None
        builder = _Builder(filename)
        flow = builder.build(raw)
    errors = sorted((p for p in builder.problems if p.severity == "error"), key=lambda p: (p.pos.line, p.pos.col))
    if errors or flow is None:
        raise FlowError(errors or [Problem(Pos(filename, 1, 1), Message("not_a_flow"))])
    return flow


TOP_KEYS = {"id", "command", "title", "description", "languages", "reviewed", "sources", "start", "questions", "items", "version"}
SOURCE_KEYS = {"id", "kind", "title", "citation", "date", "url"}
QUESTION_KEYS = {"id", "type", "text", "help", "short", "event", "choices", "default", "min", "max", "next"}
CHOICE_KEYS = {"value", "label", "help"}
RULE_KEYS = {"when", "goto"}
ITEM_KEYS = {"id", "kind", "text", "when", "source", "order", "updates", "deadline"}
UPDATE_KEYS = {"source", "text", "when"}
DEADLINE_KEYS = {"from", "after", "before", "meaning"}


class _Builder:
    """Builds a Flow from located YAML values, collecting problems as it goes."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)

    # -- helpers

    def error(self, pos: Pos, message: Message) -> None:
        self.problems.append(Problem(pos, message))

    # ``what`` (the part of the flow being read) is a catalog key, or a tuple of
    # a key and its values (see ``messages.describe``): cheaper to pass around
    # than a formatted string, and put into words only when there is an error.

    def mapping(self, raw: Any, pos: Pos, what: Any, allowed: set[str]) -> LocatedDict | None:
        if not isinstance(raw, dict):
            self.error(pos, Message("must_be_mapping", what=describe(what), kind=_kind(raw)))
            return None
        for key in raw:
            if key not in allowed:
                kpos = raw.key_pos.get(key, pos) if isinstance(raw, LocatedDict) else pos
                hint = suggest(str(key), allowed)
                self.error(kpos, Message("unknown_key", key=key, what=describe(what), hint=hint, allowed=", ".join(sorted(allowed))))
        return raw  # type: ignore[return-value]

    def required(self, raw: Mapping[str, Any], key: str, pos: Pos, what: Any) -> Any:
        if key not in raw or raw[key] is None:
            self.error(pos, Message("missing_key", what=describe(what), key=key))
            return None
        return raw[key]

    def text(self, raw: Any, pos: Pos, what: Any, required: bool = True) -> LocalText | None:
        if raw is None:
            if required:
                self.error(pos, Message("text_missing", what=describe(what)))
            return None
        if isinstance(raw, str):
            if not raw.strip():  # an optional text, once written, must say something too
                self.error(pos, Message("text_empty", what=describe(what)))
            self.check_length(raw, pos, what)
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
                values[lang] = visible(value)  # bidi overrides are shown, not applied
            for lang in self.languages:
                if lang not in raw:
                    self.error(pos, Message("text_missing_language", what=describe(what), lang=lang, languages=list(self.languages)))
            return LocalText.of(values) if values else None
        self.error(pos, Message("text_wrong_type", what=describe(what), kind=_kind(raw)))
        return None

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

    def condition(self, raw: Any, pos: Pos) -> cond.Condition | None:
        if raw is None:
            return None
        try:
            return cond.parse(raw, pos)
        except cond.ConditionError as exc:
            self.error(exc.pos, exc.message)
            return None

    # -- sections

    def build(self, raw: Any) -> Flow | None:
        top_pos = getattr(raw, "pos", Pos(self.filename, 1, 1))
        doc = self.mapping(raw, top_pos, "what_flow_file", TOP_KEYS)
        if doc is None:
            return None
        self.languages = self.parse_languages(doc, top_pos)
        flow_id = self.id_field(doc, top_pos, "what_flow", FLOW_ID_RE, "id_hint_lower")
        command = doc.get("command", flow_id)
        if command is not None and (not isinstance(command, str) or not FLOW_ID_RE.fullmatch(command)):
            self.error(pos_of(doc, "command", top_pos), Message("command_invalid", command=command))
            command = flow_id
        title = self.text(doc.get("title"), pos_of(doc, "title", top_pos), "what_title")
        description = self.text(doc.get("description"), pos_of(doc, "description", top_pos), "what_description", required=False)
        reviewed = doc.get("reviewed")
        if isinstance(reviewed, datetime):
            reviewed = reviewed.date()
        if reviewed is not None and not isinstance(reviewed, date):
            self.error(pos_of(doc, "reviewed", top_pos), Message("reviewed_invalid", value=reviewed))
            reviewed = None
        version = doc.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, (int, str))):
            self.error(pos_of(doc, "version", top_pos), Message("version_invalid", value=version))

        sources = self.parse_sources(doc.get("sources"), pos_of(doc, "sources", top_pos))
        questions = self.parse_questions(doc.get("questions"), pos_of(doc, "questions", top_pos))
        items = self.parse_items(doc.get("items"), pos_of(doc, "items", top_pos))

        start = doc.get("start")
        if start is None and questions:
            start = next(iter(questions))
        elif start is not None and (not isinstance(start, str) or start not in questions):
            self.error(pos_of(doc, "start", top_pos), Message("start_unknown", start=start, hint=suggest(str(start), questions)))

        if flow_id is None or title is None:
            return None
        flow = Flow(
            id=flow_id,
            command=command or flow_id,
            title=title,
            description=description or LocalText.plain(""),
            languages=self.languages,
            reviewed=reviewed,
            sources=sources,
            questions=questions,
            start=start if isinstance(start, str) else None,
            items=tuple(items),
            path=self.filename,
            pos=top_pos,
        )
        self.check_references(flow)
        return flow

    def parse_languages(self, doc: Mapping[str, Any], top: Pos) -> tuple[str, ...]:
        raw = doc.get("languages", ["en"])
        pos = pos_of(doc, "languages", top)
        if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
            self.error(pos, Message("languages_not_list"))
            return ("en",)
        unknown = [x for x in raw if x not in SUPPORTED_LANGUAGES]
        if unknown:
            self.error(pos, Message("languages_unsupported", unknown=unknown, supported=list(SUPPORTED_LANGUAGES)))
        return tuple(x for x in raw if x in SUPPORTED_LANGUAGES) or ("en",)

    def parse_sources(self, raw: Any, pos: Pos) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        if not isinstance(raw, list) or not raw:
            self.error(pos, Message("sources_empty"))
            return sources
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            data = self.mapping(entry, epos, "what_a_source", SOURCE_KEYS)
            if data is None:
                continue
            sid = self.id_field(data, epos, "what_source", ITEM_ID_RE, "id_hint_lower")
            kind = data.get("kind", "other")
            if kind not in SOURCE_KINDS:
                self.error(pos_of(data, "kind", epos), Message("source_kind_invalid", kind=kind, kinds=", ".join(SOURCE_KINDS)))
            title = self.text(data.get("title"), pos_of(data, "title", epos), "what_source_title")
            citation = self.text(data.get("citation"), pos_of(data, "citation", epos), "what_source_citation")
            sdate = data.get("date")
            if sdate is not None and (isinstance(sdate, bool) or not isinstance(sdate, (str, int, date))):
                self.error(pos_of(data, "date", epos), Message("source_date_invalid", value=sdate))
                sdate = None
            if sdate is not None:
                sdate = sdate.isoformat() if isinstance(sdate, date) else visible(str(sdate))  # shown beside updates
            url = data.get("url")
            if url is not None and not isinstance(url, str):
                self.error(pos_of(data, "url", epos), Message("source_url_invalid", value=url))
            if sid is None or title is None or citation is None:
                continue
            if sid in sources:
                self.error(pos_of(data, "id", epos), Message("duplicate_source", id=sid, first=sources[sid].pos))
                continue
            sources[sid] = Source(sid, kind, title, citation, sdate, epos)
        return sources

    def parse_questions(self, raw: Any, pos: Pos) -> dict[str, Question]:
        questions: dict[str, Question] = {}
        if not isinstance(raw, list) or not raw:
            self.error(pos, Message("questions_empty"))
            return questions
        if len(raw) > MAX_QUESTIONS:
            self.error(pos, Message("too_many_questions", count=len(raw), limit=MAX_QUESTIONS))
            return questions
        for i, entry in enumerate(raw):
            q = self.parse_question(entry, pos_of(raw, i, pos))
            if q is None:
                continue
            if q.id in questions:
                self.error(q.pos, Message("duplicate_question", id=q.id, first=questions[q.id].pos))
                continue
            questions[q.id] = q
        return questions

    def parse_question(self, entry: Any, pos: Pos) -> Question | None:
        data = self.mapping(entry, pos, "what_a_question", QUESTION_KEYS)
        if data is None:
            return None
        qid = self.id_field(data, pos, "what_question", QUESTION_ID_RE, "id_hint_question")
        if qid in cond.COMBINATORS or qid == END:
            self.error(pos_of(data, "id", pos), Message("question_id_reserved", id=qid))
        qtype_name = self.required(data, "type", pos, ("what_question_named", qid))
        if qtype_name is not None and (not isinstance(qtype_name, str) or qtype_name not in QUESTION_TYPES):
            hint = suggest(str(qtype_name), QUESTION_TYPES)
            self.error(pos_of(data, "type", pos), Message("question_type_unknown", qid=qid, type=qtype_name, hint=hint, types=", ".join(QUESTION_TYPES)))
            qtype_name = None
        text = self.text(data.get("text"), pos_of(data, "text", pos), ("what_question_text", qid))
        help_ = self.text(data.get("help"), pos_of(data, "help", pos), ("what_question_help", qid), required=False)
        short = self.text(data.get("short"), pos_of(data, "short", pos), ("what_question_short", qid), required=False)
        event = self.text(data.get("event"), pos_of(data, "event", pos), ("what_question_event", qid), required=False)
        choices = self.parse_choices(qid, qtype_name, data, pos)
        rules = self.parse_next(qid, data.get("next"), pos_of(data, "next", pos))
        if qid is None or qtype_name is None or text is None:
            return None
        qtype = QUESTION_TYPES[qtype_name]
        minimum, maximum = data.get("min"), data.get("max")
        for key, bound in (("min", minimum), ("max", maximum)):
            problem = None if bound is None else qtype.bound_problem(qid, key, bound)
            if problem is not None:
                self.error(pos_of(data, key, pos), problem)
        if event is not None and not qtype.dated:
            self.error(pos_of(data, "event", pos), Message("event_wrong_type", qid=qid))
        question = Question(qid, qtype_name, text, help_, short, event, choices, None, minimum, maximum, rules, pos)
        default = data.get("default")
        if default is not None:
            try:
                # Read on no particular day: bounds like ``max: today`` are checked by
                # ``analysis.problems`` against the day it is given (``--today``).
                default = qtype.coerce(question, default, None)
            except AnswerError as exc:
                self.error(pos_of(data, "default", pos), Message("default_invalid", qid=qid, value=default, problem=_answer_problem(exc)))
                default = None
            question = Question(qid, qtype_name, text, help_, short, event, choices, default, minimum, maximum, rules, pos)
        return question

    def parse_choices(self, qid: str | None, qtype_name: str | None, data: Mapping[str, Any], pos: Pos) -> tuple[Choice, ...]:
        raw = data.get("choices")
        qtype = QUESTION_TYPES.get(qtype_name) if isinstance(qtype_name, str) else None
        has_choices = qtype is not None and qtype.has_choices
        cpos = pos_of(data, "choices", pos)
        if not has_choices:
            if raw is not None and qtype_name is not None:
                self.error(cpos, Message("choices_not_allowed", qid=qid, type=qtype_name))
            return ()
        if not isinstance(raw, list) or len(raw) < qtype.min_choices:  # type: ignore[union-attr]
            self.error(cpos, Message("choices_missing", qid=qid, type=qtype_name))
            return ()
        choices: list[Choice] = []
        seen: set[str] = set()
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, cpos)
            c = self.mapping(entry, epos, ("what_choice_of", qid), CHOICE_KEYS)
            if c is None:
                continue
            value = c.get("value")
            if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                self.error(pos_of(c, "value", epos), Message("choice_value_invalid", qid=qid, value=value))
                continue
            value = str(value)
            if value in seen:
                self.error(pos_of(c, "value", epos), Message("choice_value_duplicate", qid=qid, value=value))
                continue
            seen.add(value)
            label = self.text(c.get("label"), pos_of(c, "label", epos), ("what_choice_label", value, qid))
            help_ = self.text(c.get("help"), pos_of(c, "help", epos), ("what_choice_help", value, qid), required=False)
            choices.append(Choice(value, label or LocalText.plain(value), help_))
        return tuple(choices)

    def parse_next(self, qid: str | None, raw: Any, pos: Pos) -> tuple[Rule, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str):
            return (Rule(None, None if raw == END else raw, pos),)
        if not isinstance(raw, list):
            self.error(pos, Message("next_invalid", qid=qid))
            return ()
        rules: list[Rule] = []
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            r = self.mapping(entry, epos, ("what_rule_of", qid), RULE_KEYS)
            if r is None:
                continue
            goto = r.get("goto")
            if not isinstance(goto, str):
                self.error(pos_of(r, "goto", epos), Message("rule_needs_goto", qid=qid))
                continue
            when = self.condition(r.get("when"), pos_of(r, "when", epos))
            if when is None and "when" in r:
                continue  # the condition's own error was reported
            if when is None and i != len(raw) - 1:
                self.error(epos, Message("rule_always_holds", qid=qid))
            rules.append(Rule(when, None if goto == END else goto, pos_of(r, "goto", epos)))
        return tuple(rules)

    def parse_items(self, raw: Any, pos: Pos) -> list[Item]:
        items: list[Item] = []
        if not isinstance(raw, list) or not raw:
            self.error(pos, Message("items_empty"))
            return items
        if len(raw) > MAX_ITEMS:
            self.error(pos, Message("too_many_items", count=len(raw), limit=MAX_ITEMS))
            return items
        seen: dict[str, Pos] = {}
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            data = self.mapping(entry, epos, "what_an_item", ITEM_KEYS)
            if data is None:
                continue
            iid = self.id_field(data, epos, "what_item", ITEM_ID_RE, "id_hint_lower")
            what_item = ("what_item_named", iid)
            kind = self.required(data, "kind", epos, what_item)
            if kind is not None and kind not in ITEM_KINDS:
                hint = suggest(str(kind), ITEM_KINDS)
                self.error(pos_of(data, "kind", epos), Message("item_kind_invalid", iid=iid, kind=kind, kinds=", ".join(ITEM_KINDS), hint=hint))
                kind = None
            text = self.text(data.get("text"), pos_of(data, "text", epos), ("what_item_text", iid))
            when = self.condition(data.get("when"), pos_of(data, "when", epos))
            raw_sources = self.required(data, "source", epos, what_item)
            sources: tuple[str, ...] = ()
            if isinstance(raw_sources, str):
                sources = (raw_sources,)
            elif isinstance(raw_sources, list) and raw_sources and all(isinstance(s, str) for s in raw_sources):
                sources = tuple(raw_sources)
            elif raw_sources is not None:
                self.error(pos_of(data, "source", epos), Message("item_source_invalid", iid=iid))
            order = data.get("order", 0)
            if isinstance(order, bool) or not isinstance(order, int):
                self.error(pos_of(data, "order", epos), Message("item_order_invalid", iid=iid))
                order = 0
            updates = self.parse_updates(iid, data.get("updates"), pos_of(data, "updates", epos))
            deadline = self.parse_deadline(iid, data.get("deadline"), pos_of(data, "deadline", epos))
            if iid is None or kind is None or text is None:
                continue
            if iid in seen:
                self.error(pos_of(data, "id", epos), Message("duplicate_item", id=iid, first=seen[iid]))
                continue
            seen[iid] = epos
            items.append(Item(iid, kind, text, when, sources, order, i, updates, deadline, epos, pos_of(data, "source", epos)))
        return items

    def parse_updates(self, iid: str | None, raw: Any, pos: Pos) -> tuple[Update, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(pos, Message("updates_not_list", iid=iid))
            return ()
        updates = []
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            u = self.mapping(entry, epos, ("what_update_of", iid), UPDATE_KEYS)
            if u is None:
                continue
            source = u.get("source")
            text = self.text(u.get("text"), pos_of(u, "text", epos), ("what_update_text", iid))
            when = self.condition(u.get("when"), pos_of(u, "when", epos))
            if isinstance(source, str):
                sources: tuple[str, ...] = (source,)
            elif isinstance(source, list) and source and all(isinstance(s, str) for s in source):
                sources = tuple(source)
            else:
                self.error(pos_of(u, "source", epos), Message("update_needs_source", iid=iid))
                continue
            if when is None and "when" in u:
                continue  # the condition's own error was reported
            if text is not None:
                updates.append(Update(sources, text, pos_of(u, "source", epos), when))
        return tuple(updates)

    def parse_deadline(self, iid: str | None, raw: Any, pos: Pos) -> DeadlineRule | None:
        if raw is None:
            return None
        d = self.mapping(raw, pos, ("what_deadline_of", iid), DEADLINE_KEYS)
        if d is None:
            return None
        anchor = d.get("from")
        apos = pos_of(d, "from", pos)
        anchor_question = anchor_item = None
        if isinstance(anchor, dict) and len(anchor) == 1 and ("question" in anchor or "item" in anchor):
            anchor_question = anchor.get("question")
            anchor_item = anchor.get("item")
            if not isinstance(anchor_question or anchor_item, str):
                self.error(apos, Message("deadline_from_invalid", iid=iid))
                return None
        else:
            self.error(apos, Message("deadline_from_missing", iid=iid))
            return None
        directions = [k for k in ("after", "before") if k in d]
        if len(directions) != 1:
            self.error(pos, Message("deadline_direction", iid=iid))
            return None
        direction = directions[0]
        amount_raw = d[direction]
        opos = pos_of(d, direction, pos)
        if not isinstance(amount_raw, dict) or len(amount_raw) != 1:
            self.error(opos, Message("deadline_offset_invalid", iid=iid, direction=direction))
            return None
        unit, amount = next(iter(amount_raw.items()))
        if unit not in DEADLINE_UNITS:
            hint = suggest(str(unit), DEADLINE_UNITS)
            self.error(opos, Message("deadline_unit_unknown", iid=iid, unit=unit, hint=hint, units=", ".join(DEADLINE_UNITS)))
            return None
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0 or amount > 3650:
            self.error(pos_of(amount_raw, unit, opos), Message("deadline_amount_invalid", iid=iid))
            return None
        meaning = d.get("meaning", "due")
        if meaning not in DEADLINE_MEANINGS:
            self.error(pos_of(d, "meaning", pos), Message("deadline_meaning_invalid", iid=iid, meanings=", ".join(DEADLINE_MEANINGS)))
            meaning = "due"
        return DeadlineRule(anchor_question, anchor_item, Offset(amount, unit, direction), meaning, apos)

    # -- cross references

    def check_references(self, flow: Flow) -> None:
        questions = flow.questions
        for q in questions.values():
            for rule in q.next:
                if rule.goto is not None and rule.goto not in questions:
                    self.error(rule.pos, Message("next_unknown", qid=q.id, goto=rule.goto, hint=suggest(rule.goto, questions)))
                if rule.when is not None:
                    for p in cond.check(rule.when, questions):
                        self.error(p.pos, p.message)
        item_ids = {it.id: it for it in flow.items}
        for it in flow.items:
            for sid in it.sources:
                if sid not in flow.sources:
                    self.error(it.source_pos or it.pos, Message("item_source_undeclared", iid=it.id, sid=sid, hint=suggest(sid, flow.sources)))
            for up in it.updates:
                for sid in up.sources:
                    if sid not in flow.sources:
                        hint = suggest(sid, flow.sources)
                        self.error(up.pos, Message("update_source_undeclared", iid=it.id, sid=sid, hint=hint))
                if up.when is not None:
                    for p in cond.check(up.when, questions):
                        self.error(p.pos, p.message)
            if it.when is not None:
                for p in cond.check(it.when, questions):
                    self.error(p.pos, p.message)
            dl = it.deadline
            if dl is not None:
                if dl.anchor_question is not None:
                    q = questions.get(dl.anchor_question)
                    if q is None:
                        hint = suggest(dl.anchor_question, questions)
                        self.error(dl.pos, Message("deadline_question_unknown", iid=it.id, qid=dl.anchor_question, hint=hint))
                    elif not q.qtype.dated:
                        self.error(dl.pos, Message("deadline_question_not_date", iid=it.id, qid=q.id, type=q.type))
                elif dl.anchor_item not in item_ids:
                    hint = suggest(str(dl.anchor_item), item_ids)
                    self.error(dl.pos, Message("deadline_item_unknown", iid=it.id, anchor=dl.anchor_item, hint=hint))
                elif item_ids[dl.anchor_item].deadline is None:
                    self.error(dl.pos, Message("deadline_item_no_deadline", iid=it.id, anchor=dl.anchor_item))
        self.check_item_anchor_cycles(flow)
        self.check_routing_cycles(flow)

    def check_item_anchor_cycles(self, flow: Flow) -> None:
        by_id = {it.id: it for it in flow.items}
        for it in flow.items:
            seen = {it.id}
            current = it
            while current.deadline is not None and current.deadline.anchor_item in by_id:
                nxt = by_id[current.deadline.anchor_item]
                if nxt.id in seen:
                    self.error(it.deadline.pos if it.deadline else it.pos, Message("deadline_cycle", iid=it.id))
                    break
                seen.add(nxt.id)
                current = nxt

    def check_routing_cycles(self, flow: Flow) -> None:
        """Routing must only move forward; a cycle would ask the same question forever."""
        white, grey, black = 0, 1, 2
        colour = dict.fromkeys(flow.questions, white)
        for root in flow.questions:
            if colour[root] != white:
                continue
            # Iterative DFS: a 20,000-question flow must not hit the recursion limit.
            stack: list[tuple[str, int]] = [(root, 0)]
            colour[root] = grey
            while stack:
                qid, idx = stack[-1]
                targets = [t for t in flow.questions[qid].targets() if t is not None and t in flow.questions]
                if idx < len(targets):
                    stack[-1] = (qid, idx + 1)
                    nxt = targets[idx]
                    if colour[nxt] == grey:
                        rule = next(r for r in flow.questions[qid].next if r.goto == nxt)
                        self.error(rule.pos, Message("routing_cycle", qid=qid, target=nxt))
                    elif colour[nxt] == white:
                        colour[nxt] = grey
                        stack.append((nxt, 0))
                else:
                    colour[qid] = black
                    stack.pop()


def _kind(value: Any) -> Message | str:
    """What a wrong value is, for "must be ..., not <kind>": a Message, or the value's type and repr as they are."""
    if value is None:
        return Message("kind_nothing")
    if isinstance(value, dict):
        return Message("kind_mapping")
    if isinstance(value, list):
        return Message("kind_list")
    return f"{type(value).__name__} {value!r}"[:60]


def _answer_problem(exc: AnswerError) -> Any:
    """Why a default is not a valid answer: the answer error's message (a ``Message`` that words itself), or its text."""
    return getattr(exc, "msg", None) or str(exc)

"""The flow model (frozen dataclasses) and its loader: YAML → validated ``Flow``.

The loader reports *every* problem it finds, each with the file, line and
column of the offending value, instead of stopping at the first: a flow author
fixes a file in one pass. It never runs anything from the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import conditions as cond
from .dates import Offset
from .i18n import SUPPORTED_LANGUAGES, LocalText
from .qtypes import QUESTION_TYPES, AnswerError, QuestionType
from .yamlsafe import LocatedDict, Pos, YamlInputError, load_located, paused_gc, pos_of, read_limited

ITEM_KINDS = ("step", "material", "deadline", "note", "warning")
SOURCE_KINDS = ("seed", "law", "notice", "other")
DEADLINE_UNITS = ("days", "working_days", "months", "years")
DEADLINE_MEANINGS = ("due", "valid_until", "ready_from")
END = "end"

FLOW_ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
QUESTION_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
ITEM_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


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
        return QUESTION_TYPES[self.type]

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
    """Where policy moved on since the item's source: shown beneath the item, dated."""

    source: str
    text: LocalText
    pos: Pos


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
    pos: Pos
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.pos}: {prefix}{self.message}"


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
    return parse_flow(text, name)


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
        raise FlowError(errors or [Problem(Pos(filename, 1, 1), "not a flow")])
    return flow


TOP_KEYS = {"id", "command", "title", "description", "languages", "reviewed", "sources", "start", "questions", "items", "version"}
SOURCE_KEYS = {"id", "kind", "title", "citation", "date", "url"}
QUESTION_KEYS = {"id", "type", "text", "help", "short", "event", "choices", "default", "min", "max", "next"}
CHOICE_KEYS = {"value", "label", "help"}
RULE_KEYS = {"when", "goto"}
ITEM_KEYS = {"id", "kind", "text", "when", "source", "order", "updates", "deadline"}
UPDATE_KEYS = {"source", "text"}
DEADLINE_KEYS = {"from", "after", "before", "meaning"}


class _Builder:
    """Builds a Flow from located YAML values, collecting problems as it goes."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)

    # -- helpers

    def error(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(pos, message))

    def mapping(self, raw: Any, pos: Pos, what: str, allowed: set[str]) -> LocatedDict | None:
        if not isinstance(raw, dict):
            self.error(pos, f"{what} must be a mapping (key: value), not {_kind(raw)}")
            return None
        for key in raw:
            if key not in allowed:
                kpos = raw.key_pos.get(key, pos) if isinstance(raw, LocatedDict) else pos
                hint = _suggest(str(key), allowed)
                self.error(kpos, f"unknown key '{key}' in {what}{hint} (allowed: {', '.join(sorted(allowed))})")
        return raw  # type: ignore[return-value]

    def required(self, raw: Mapping[str, Any], key: str, pos: Pos, what: str) -> Any:
        if key not in raw or raw[key] is None:
            self.error(pos, f"{what} is missing '{key}'")
            return None
        return raw[key]

    def text(self, raw: Any, pos: Pos, what: str, required: bool = True) -> LocalText | None:
        if raw is None:
            if required:
                self.error(pos, f"{what} is missing")
            return None
        if isinstance(raw, str):
            if required and not raw.strip():
                self.error(pos, f"{what} is empty")
            return LocalText.plain(raw)
        if isinstance(raw, dict):
            values: dict[str, str] = {}
            for lang, value in raw.items():
                vpos = pos_of(raw, lang, pos)
                if lang not in SUPPORTED_LANGUAGES:
                    self.error(vpos, f"{what}: unknown language '{lang}' (use {', '.join(SUPPORTED_LANGUAGES)})")
                    continue
                if not isinstance(value, str) or not value.strip():
                    self.error(vpos, f"{what} ({lang}) must be a non-empty string")
                    continue
                values[lang] = value
            for lang in self.languages:
                if lang not in raw:
                    self.error(pos, f"{what} has no '{lang}' text, but the flow declares languages {list(self.languages)}")
            return LocalText.of(values) if values else None
        self.error(pos, f"{what} must be a string or a mapping of language to string, not {_kind(raw)}")
        return None

    def id_field(self, raw: Mapping[str, Any], pos: Pos, what: str, pattern: re.Pattern[str], hint: str) -> str | None:
        value = self.required(raw, "id", pos, what)
        if value is None:
            return None
        if not isinstance(value, str) or not pattern.match(value):
            self.error(pos_of(raw, "id", pos), f"{what} id {value!r} is not valid: {hint}")
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
        doc = self.mapping(raw, top_pos, "the flow file", TOP_KEYS)
        if doc is None:
            return None
        self.languages = self.parse_languages(doc, top_pos)
        flow_id = self.id_field(doc, top_pos, "flow", FLOW_ID_RE, "use lower-case letters, digits and '-'")
        command = doc.get("command", flow_id)
        if command is not None and (not isinstance(command, str) or not FLOW_ID_RE.match(command)):
            self.error(pos_of(doc, "command", top_pos), f"command {command!r} is not valid: use lower-case letters, digits and '-'")
            command = flow_id
        title = self.text(doc.get("title"), pos_of(doc, "title", top_pos), "title")
        description = self.text(doc.get("description"), pos_of(doc, "description", top_pos), "description", required=False)
        reviewed = doc.get("reviewed")
        if isinstance(reviewed, datetime):
            reviewed = reviewed.date()
        if reviewed is not None and not isinstance(reviewed, date):
            self.error(pos_of(doc, "reviewed", top_pos), f"reviewed must be a date YYYY-MM-DD, not {reviewed!r}")
            reviewed = None

        sources = self.parse_sources(doc.get("sources"), pos_of(doc, "sources", top_pos))
        questions = self.parse_questions(doc.get("questions"), pos_of(doc, "questions", top_pos))
        items = self.parse_items(doc.get("items"), pos_of(doc, "items", top_pos))

        start = doc.get("start")
        if start is None and questions:
            start = next(iter(questions))
        elif start is not None and (not isinstance(start, str) or start not in questions):
            self.error(pos_of(doc, "start", top_pos), f"start names question {start!r}, which does not exist{_suggest(str(start), questions)}")

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
            self.error(pos, "languages must be a list such as [en, zh]")
            return ("en",)
        unknown = [x for x in raw if x not in SUPPORTED_LANGUAGES]
        if unknown:
            self.error(pos, f"unsupported language(s) {unknown}; supported: {list(SUPPORTED_LANGUAGES)}")
        return tuple(x for x in raw if x in SUPPORTED_LANGUAGES) or ("en",)

    def parse_sources(self, raw: Any, pos: Pos) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        if not isinstance(raw, list) or not raw:
            self.error(pos, "sources must be a non-empty list: every item needs a source")
            return sources
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            data = self.mapping(entry, epos, "a source", SOURCE_KEYS)
            if data is None:
                continue
            sid = self.id_field(data, epos, "source", ITEM_ID_RE, "use lower-case letters, digits and '-'")
            kind = data.get("kind", "other")
            if kind not in SOURCE_KINDS:
                self.error(pos_of(data, "kind", epos), f"source kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
            title = self.text(data.get("title"), pos_of(data, "title", epos), "source title")
            citation = self.text(data.get("citation"), pos_of(data, "citation", epos), "source citation")
            sdate = data.get("date")
            if sdate is not None:
                sdate = sdate.isoformat() if isinstance(sdate, date) else str(sdate)
            if sid is None or title is None or citation is None:
                continue
            if sid in sources:
                self.error(pos_of(data, "id", epos), f"duplicate source id '{sid}' (first at {sources[sid].pos})")
                continue
            sources[sid] = Source(sid, kind, title, citation, sdate, epos)
        return sources

    def parse_questions(self, raw: Any, pos: Pos) -> dict[str, Question]:
        questions: dict[str, Question] = {}
        if not isinstance(raw, list) or not raw:
            self.error(pos, "questions must be a non-empty list")
            return questions
        for i, entry in enumerate(raw):
            q = self.parse_question(entry, pos_of(raw, i, pos))
            if q is None:
                continue
            if q.id in questions:
                self.error(q.pos, f"duplicate question id '{q.id}' (first at {questions[q.id].pos})")
                continue
            questions[q.id] = q
        return questions

    def parse_question(self, entry: Any, pos: Pos) -> Question | None:
        data = self.mapping(entry, pos, "a question", QUESTION_KEYS)
        if data is None:
            return None
        qid = self.id_field(data, pos, "question", QUESTION_ID_RE, "start with a letter; use letters, digits and '_'")
        if qid in cond.COMBINATORS or qid == END:
            self.error(pos_of(data, "id", pos), f"'{qid}' is reserved and cannot be a question id")
        qtype_name = self.required(data, "type", pos, f"question '{qid}'")
        if qtype_name is not None and (not isinstance(qtype_name, str) or qtype_name not in QUESTION_TYPES):
            self.error(pos_of(data, "type", pos), f"question '{qid}': unknown type {qtype_name!r}{_suggest(str(qtype_name), QUESTION_TYPES)} (use one of: {', '.join(QUESTION_TYPES)})")
            qtype_name = None
        text = self.text(data.get("text"), pos_of(data, "text", pos), f"question '{qid}' text")
        help_ = self.text(data.get("help"), pos_of(data, "help", pos), f"question '{qid}' help", required=False)
        short = self.text(data.get("short"), pos_of(data, "short", pos), f"question '{qid}' short", required=False)
        event = self.text(data.get("event"), pos_of(data, "event", pos), f"question '{qid}' event", required=False)
        choices = self.parse_choices(qid, qtype_name, data, pos)
        rules = self.parse_next(qid, data.get("next"), pos_of(data, "next", pos))
        if qid is None or qtype_name is None or text is None:
            return None
        qtype = QUESTION_TYPES[qtype_name]
        minimum, maximum = data.get("min"), data.get("max")
        for key, bound in (("min", minimum), ("max", maximum)):
            if bound is None:
                continue
            if qtype_name == "number" and (isinstance(bound, bool) or not isinstance(bound, (int, float))):
                self.error(pos_of(data, key, pos), f"question '{qid}': {key} must be a number")
            elif qtype_name == "date" and not (bound == "today" or isinstance(bound, date)):
                self.error(pos_of(data, key, pos), f"question '{qid}': {key} must be a date or 'today'")
            elif qtype_name not in ("number", "date"):
                self.error(pos_of(data, key, pos), f"question '{qid}': {key} only applies to number and date questions")
        if event is not None and qtype_name != "date":
            self.error(pos_of(data, "event", pos), f"question '{qid}': event only applies to date questions")
        question = Question(qid, qtype_name, text, help_, short, event, choices, None, minimum, maximum, rules, pos)
        default = data.get("default")
        if default is not None:
            try:
                default = qtype.coerce(question, default, date.today())
            except AnswerError as exc:
                self.error(pos_of(data, "default", pos), f"question '{qid}': default {default!r} is {exc}")
                default = None
            question = Question(qid, qtype_name, text, help_, short, event, choices, default, minimum, maximum, rules, pos)
        return question

    def parse_choices(self, qid: str | None, qtype_name: str | None, data: Mapping[str, Any], pos: Pos) -> tuple[Choice, ...]:
        raw = data.get("choices")
        has_choices = isinstance(qtype_name, str) and qtype_name in QUESTION_TYPES and QUESTION_TYPES[qtype_name].has_choices
        cpos = pos_of(data, "choices", pos)
        if not has_choices:
            if raw is not None and qtype_name is not None:
                self.error(cpos, f"question '{qid}': a {qtype_name} question has no choices")
            return ()
        if not isinstance(raw, list) or len(raw) < (1 if qtype_name == "multi" else 2):
            self.error(cpos, f"question '{qid}': a {qtype_name} question needs a list of choices (at least two for choice)")
            return ()
        choices: list[Choice] = []
        seen: set[str] = set()
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, cpos)
            c = self.mapping(entry, epos, f"a choice of '{qid}'", CHOICE_KEYS)
            if c is None:
                continue
            value = c.get("value")
            if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                self.error(pos_of(c, "value", epos), f"question '{qid}': choice value must be a non-empty string (got {value!r})")
                continue
            value = str(value)
            if value in seen:
                self.error(pos_of(c, "value", epos), f"question '{qid}': duplicate choice value '{value}'")
                continue
            seen.add(value)
            label = self.text(c.get("label"), pos_of(c, "label", epos), f"choice '{value}' label of '{qid}'")
            help_ = self.text(c.get("help"), pos_of(c, "help", epos), f"choice '{value}' help of '{qid}'", required=False)
            choices.append(Choice(value, label or LocalText.plain(value), help_))
        return tuple(choices)

    def parse_next(self, qid: str | None, raw: Any, pos: Pos) -> tuple[Rule, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str):
            return (Rule(None, None if raw == END else raw, pos),)
        if not isinstance(raw, list):
            self.error(pos, f"question '{qid}': next must be a question id, 'end', or a list of {{when, goto}} rules")
            return ()
        rules: list[Rule] = []
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            r = self.mapping(entry, epos, f"a routing rule of '{qid}'", RULE_KEYS)
            if r is None:
                continue
            goto = r.get("goto")
            if not isinstance(goto, str):
                self.error(pos_of(r, "goto", epos), f"question '{qid}': every rule needs goto: <question id or end>")
                continue
            when = self.condition(r.get("when"), pos_of(r, "when", epos))
            if when is None and "when" in r:
                continue  # the condition's own error was reported
            if when is None and i != len(raw) - 1:
                self.error(epos, f"question '{qid}': a rule without 'when' always holds, so the rules after it are never used")
            rules.append(Rule(when, None if goto == END else goto, pos_of(r, "goto", epos)))
        return tuple(rules)

    def parse_items(self, raw: Any, pos: Pos) -> list[Item]:
        items: list[Item] = []
        if not isinstance(raw, list) or not raw:
            self.error(pos, "items must be a non-empty list")
            return items
        seen: dict[str, Pos] = {}
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            data = self.mapping(entry, epos, "an item", ITEM_KEYS)
            if data is None:
                continue
            iid = self.id_field(data, epos, "item", ITEM_ID_RE, "use lower-case letters, digits and '-'")
            kind = self.required(data, "kind", epos, f"item '{iid}'")
            if kind is not None and kind not in ITEM_KINDS:
                self.error(pos_of(data, "kind", epos), f"item '{iid}': kind {kind!r} is not one of {', '.join(ITEM_KINDS)}{_suggest(str(kind), ITEM_KINDS)}")
                kind = None
            text = self.text(data.get("text"), pos_of(data, "text", epos), f"item '{iid}' text")
            when = self.condition(data.get("when"), pos_of(data, "when", epos))
            raw_sources = self.required(data, "source", epos, f"item '{iid}'")
            sources: tuple[str, ...] = ()
            if isinstance(raw_sources, str):
                sources = (raw_sources,)
            elif isinstance(raw_sources, list) and raw_sources and all(isinstance(s, str) for s in raw_sources):
                sources = tuple(raw_sources)
            elif raw_sources is not None:
                self.error(pos_of(data, "source", epos), f"item '{iid}': source must be a source id or a list of them")
            order = data.get("order", 0)
            if isinstance(order, bool) or not isinstance(order, int):
                self.error(pos_of(data, "order", epos), f"item '{iid}': order must be a whole number")
                order = 0
            updates = self.parse_updates(iid, data.get("updates"), pos_of(data, "updates", epos))
            deadline = self.parse_deadline(iid, data.get("deadline"), pos_of(data, "deadline", epos))
            if iid is None or kind is None or text is None:
                continue
            if iid in seen:
                self.error(pos_of(data, "id", epos), f"duplicate item id '{iid}' (first at {seen[iid]})")
                continue
            seen[iid] = epos
            items.append(Item(iid, kind, text, when, sources, order, i, updates, deadline, epos, pos_of(data, "source", epos)))
        return items

    def parse_updates(self, iid: str | None, raw: Any, pos: Pos) -> tuple[Update, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(pos, f"item '{iid}': updates must be a list of {{source, text}}")
            return ()
        updates = []
        for i, entry in enumerate(raw):
            epos = pos_of(raw, i, pos)
            u = self.mapping(entry, epos, f"an update of item '{iid}'", UPDATE_KEYS)
            if u is None:
                continue
            source = u.get("source")
            text = self.text(u.get("text"), pos_of(u, "text", epos), f"update text of item '{iid}'")
            if not isinstance(source, str):
                self.error(pos_of(u, "source", epos), f"item '{iid}': an update needs a source id")
                continue
            if text is not None:
                updates.append(Update(source, text, pos_of(u, "source", epos)))
        return tuple(updates)

    def parse_deadline(self, iid: str | None, raw: Any, pos: Pos) -> DeadlineRule | None:
        if raw is None:
            return None
        d = self.mapping(raw, pos, f"the deadline of item '{iid}'", DEADLINE_KEYS)
        if d is None:
            return None
        anchor = d.get("from")
        apos = pos_of(d, "from", pos)
        anchor_question = anchor_item = None
        if isinstance(anchor, dict) and len(anchor) == 1 and ("question" in anchor or "item" in anchor):
            anchor_question = anchor.get("question")
            anchor_item = anchor.get("item")
            if not isinstance(anchor_question or anchor_item, str):
                self.error(apos, f"item '{iid}': deadline 'from' must name a question or an item id")
                return None
        else:
            self.error(apos, f"item '{iid}': deadline needs from: {{question: <date question>}} or from: {{item: <item id>}}")
            return None
        directions = [k for k in ("after", "before") if k in d]
        if len(directions) != 1:
            self.error(pos, f"item '{iid}': deadline needs exactly one of 'after' or 'before'")
            return None
        direction = directions[0]
        amount_raw = d[direction]
        opos = pos_of(d, direction, pos)
        if not isinstance(amount_raw, dict) or len(amount_raw) != 1:
            self.error(opos, f"item '{iid}': deadline {direction} must be one of {{days: N}}, {{working_days: N}}, {{months: N}}, {{years: N}}")
            return None
        unit, amount = next(iter(amount_raw.items()))
        if unit not in DEADLINE_UNITS:
            self.error(opos, f"item '{iid}': unknown deadline unit {unit!r}{_suggest(str(unit), DEADLINE_UNITS)} (use {', '.join(DEADLINE_UNITS)})")
            return None
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0 or amount > 3650:
            self.error(pos_of(amount_raw, unit, opos), f"item '{iid}': deadline amount must be a whole number from 0 to 3650")
            return None
        meaning = d.get("meaning", "due")
        if meaning not in DEADLINE_MEANINGS:
            self.error(pos_of(d, "meaning", pos), f"item '{iid}': meaning must be one of {', '.join(DEADLINE_MEANINGS)}")
            meaning = "due"
        return DeadlineRule(anchor_question, anchor_item, Offset(amount, unit, direction), meaning, apos)

    # -- cross references

    def check_references(self, flow: Flow) -> None:
        questions = flow.questions
        for q in questions.values():
            for rule in q.next:
                if rule.goto is not None and rule.goto not in questions:
                    self.error(rule.pos, f"question '{q.id}': next goes to '{rule.goto}', which is not a question{_suggest(rule.goto, questions)}")
                if rule.when is not None:
                    for p in cond.check(rule.when, questions):
                        self.error(p.pos, p.message)
        item_ids = {it.id: it for it in flow.items}
        for it in flow.items:
            for sid in it.sources:
                if sid not in flow.sources:
                    self.error(it.source_pos or it.pos, f"item '{it.id}': source '{sid}' is not declared in sources{_suggest(sid, flow.sources)}")
            for up in it.updates:
                if up.source not in flow.sources:
                    self.error(up.pos, f"item '{it.id}': update source '{up.source}' is not declared in sources{_suggest(up.source, flow.sources)}")
            if it.when is not None:
                for p in cond.check(it.when, questions):
                    self.error(p.pos, p.message)
            dl = it.deadline
            if dl is not None:
                if dl.anchor_question is not None:
                    q = questions.get(dl.anchor_question)
                    if q is None:
                        self.error(dl.pos, f"item '{it.id}': deadline is anchored to question '{dl.anchor_question}', which does not exist{_suggest(dl.anchor_question, questions)}")
                    elif q.type != "date":
                        self.error(dl.pos, f"item '{it.id}': deadline is anchored to '{q.id}', a {q.type} question; it must be a date question")
                elif dl.anchor_item not in item_ids:
                    self.error(dl.pos, f"item '{it.id}': deadline is anchored to item '{dl.anchor_item}', which does not exist{_suggest(str(dl.anchor_item), item_ids)}")
                elif item_ids[dl.anchor_item].deadline is None:
                    self.error(dl.pos, f"item '{it.id}': deadline is anchored to item '{dl.anchor_item}', which has no deadline of its own")
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
                    self.error(it.deadline.pos if it.deadline else it.pos, f"item '{it.id}': deadlines anchored to each other in a circle")
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
                        self.error(rule.pos, f"routing cycle: '{qid}' goes back to '{nxt}', so the wizard would never end")
                    elif colour[nxt] == white:
                        colour[nxt] = grey
                        stack.append((nxt, 0))
                else:
                    colour[qid] = black
                    stack.pop()


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"[:60]


def _suggest(word: str, options: Any) -> str:
    """A "did you mean" hint for typos in ids and keys."""
    import difflib

    matches = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.75)
    return f" (did you mean '{matches[0]}'?)" if matches else ""

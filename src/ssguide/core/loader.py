"""The loader: a flow file's YAML → a validated ``model.Flow``.

The loader reports *every* problem it finds, each with the file, line and
column of the offending value, instead of stopping at the first: a flow author
fixes a file in one pass. It never runs anything from the file, and it reads a
flow on no particular day (bounds such as ``max: today`` are checked by
``semantic.problems`` against ``--today``). Which keys each part of a flow
may have is declared in ``structure``; cross-references are checked in
``references``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from ..lang.i18n import SUPPORTED_LANGUAGES, LocalText
from ..lang.messages import Message, describe, suggest
from . import conditions as cond
from .model import (
    END,
    SOURCE_KINDS,
    Choice,
    Flow,
    FindOut,
    FlowError,
    Help,
    Problem,
    Question,
    Rule,
    Source,
)
from .qtypes import QUESTION_TYPES, AnswerError
from .loader_items import ItemsBuilder, source_ids
from .references import reference_problems
from .safetext import visible
from .structure import (
    FLOW_ID_RE,
    ITEM_ID_RE,
    MAX_QUESTIONS,
    QUESTION_ID_RE,
    answer_problem,
)
from ..position import Pos
from ..errors import YamlInputError
from .yamlsafe import load_located, paused_gc, pos_of


def parse_flow(text: str, filename: str, flows: Collection[str] | None = None) -> Flow:
    """Parse and check a flow's text (``filename`` names it in problems). Raises FlowError listing every error.

    ``flows``: the commands its texts may point at (``{flow:ID}``): the shell
    passes the bundled flows'; None accepts any well-formed one.
    """
    with paused_gc():  # a big flow is many small objects and no cycles
        try:
            raw = load_located(text, filename)
        except YamlInputError as exc:
            raise FlowError([Problem(exc.pos, exc.message)]) from None
        builder = _Builder(filename, text, flows)
        flow = builder.build(raw)
    errors = sorted((p for p in builder.problems if p.severity == "error"), key=lambda p: (p.pos.line, p.pos.col))
    if errors or flow is None:
        raise FlowError(errors or [Problem(Pos(filename, 1, 1), Message("not_a_flow"))], unlisted=builder.unlisted)
    return flow


def _bound_text(bound: Any) -> str:
    return bound.isoformat() if isinstance(bound, date) else str(bound)


class _Builder(ItemsBuilder):
    """Builds a Flow from located YAML values, one method per section, collecting problems as it goes."""

    def build(self, raw: Any) -> Flow | None:
        top_pos = getattr(raw, "pos", Pos(self.filename, 1, 1))
        doc = self.mapping(raw, top_pos, "what_flow_file", "flow")
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
        for problem in reference_problems(flow):
            self.add(problem)
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
        for _, epos, data in self.mappings(raw, pos, "what_a_source", "source"):
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
        data = self.mapping(entry, pos, "what_a_question", "question")
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
        help_ = self.parse_help(qid, data.get("help"), pos_of(data, "help", pos))
        short = self.text(data.get("short"), pos_of(data, "short", pos), ("what_question_short", qid), required=False)
        event = self.text(data.get("event"), pos_of(data, "event", pos), ("what_question_event", qid), required=False)
        choices = self.parse_choices(qid, qtype_name, data, pos)
        rules = self.parse_next(qid, data.get("next"), pos_of(data, "next", pos))
        if qid is None or qtype_name is None or text is None:
            return None
        qtype = QUESTION_TYPES[qtype_name]
        minimum, maximum = data.get("min"), data.get("max")
        bounds_ok = True
        for key, bound in (("min", minimum), ("max", maximum)):
            problem = None if bound is None else qtype.bound_problem(qid, key, bound)
            if problem is not None:
                self.error(pos_of(data, key, pos), problem)
                bounds_ok = False
        # "today" moves; fixed bounds either way round leave no answer at all.
        if bounds_ok and minimum is not None and maximum is not None and "today" not in (minimum, maximum) and minimum > maximum:
            self.error(pos_of(data, "max", pos), Message("bounds_crossed", qid=qid, min=_bound_text(minimum), max=_bound_text(maximum)))
        if event is not None and not qtype.dated:
            self.error(pos_of(data, "event", pos), Message("event_wrong_type", qid=qid))
        unsure, find_out = self.parse_unsure(qid, data, pos)
        question = Question(qid, qtype_name, text, help_, short, event, choices, None, minimum, maximum, rules, pos, unsure, find_out)
        default = data.get("default")
        if default is not None:
            try:
                default = qtype.coerce_default(question, default)
            except AnswerError as exc:
                self.error(pos_of(data, "default", pos), Message("default_invalid", qid=qid, value=default, problem=answer_problem(exc)))
                default = None
            question = Question(qid, qtype_name, text, help_, short, event, choices, default, minimum, maximum, rules, pos, unsure, find_out)
        return question

    def parse_help(self, qid: str | None, raw: Any, pos: Pos) -> tuple[Help, ...]:
        """``help``: a text, or a list of ``{when, text}`` of which the first that holds is shown."""
        if not isinstance(raw, list):
            text = self.text(raw, pos, ("what_question_help", qid), required=False)
            return (Help(text, pos),) if text is not None else ()
        variants: list[Help] = []
        for epos, entry, when in self.variants(raw, pos, ("what_help_of", qid), "help"):
            text = self.text(entry.get("text"), pos_of(entry, "text", epos), ("what_question_help", qid))
            if text is not None:
                variants.append(Help(text, pos_of(entry, "text", epos), when))
        return tuple(variants)

    def variants(self, raw: list[Any], pos: Pos, what: Any, section: str) -> list[tuple[Pos, Any, cond.Condition | None]]:
        """The entries of a list of variants (each a mapping of ``section`` with an optional ``when``), and their conditions.

        As with routing rules, the first that holds wins: an entry without ``when`` must be the last.
        """
        if not raw:
            self.error(pos, Message("variants_empty", what=describe(what)))
        found = []
        for i, epos, entry in self.mappings(raw, pos, what, section):
            when = self.condition(entry.get("when"), pos_of(entry, "when", epos), given="when" in entry)
            if when is None and "when" in entry:
                continue  # the condition's own error was reported
            if when is None and i != len(raw) - 1:
                self.error(epos, Message("variant_always_holds", what=describe(what)))
            found.append((epos, entry, when))
        return found

    def parse_unsure(self, qid: str | None, data: Mapping[str, Any], pos: Pos) -> tuple[bool, tuple[FindOut, ...]]:
        """``unsure: true`` and its optional ``how_to_find_out: {text, source, what}`` (or a list of them, each with a ``when``)."""
        unsure = data.get("unsure", False)
        upos = pos_of(data, "unsure", pos)
        if not isinstance(unsure, bool):
            self.error(upos, Message("unsure_not_bool", qid=qid))
            unsure = False
        raw = data.get("how_to_find_out")
        if raw is None:
            return unsure, ()
        fpos = pos_of(data, "how_to_find_out", pos)
        if not unsure:
            self.error(fpos, Message("find_out_without_unsure", qid=qid))
        if isinstance(raw, list):
            entries = self.variants(raw, fpos, ("what_find_out_of", qid), "find_out")
        else:
            found = self.mapping(raw, fpos, ("what_find_out_of", qid), "find_out")
            if found is None:
                return unsure, ()
            entries = [(fpos, found, self.condition(found.get("when"), pos_of(found, "when", fpos), given="when" in found))]
            if entries[0][2] is None and "when" in found:
                return unsure, ()  # the condition's own error was reported
        find_outs = []
        for epos, entry, when in entries:
            text = self.text(entry.get("text"), pos_of(entry, "text", epos), ("what_find_out_text", qid), refs=True)
            what = self.text(entry.get("what"), pos_of(entry, "what", epos), ("what_find_out_what", qid), required=False)
            spos = pos_of(entry, "source", epos)
            sources = source_ids(entry.get("source"))
            if sources is None:
                self.error(spos, Message("find_out_needs_source", qid=qid))
                continue
            if text is not None:
                find_outs.append(FindOut(text, sources, spos, what, when))
        return unsure, tuple(find_outs)

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
        label_positions: dict[str, Pos] = {}
        seen: set[str] = set()
        for _, epos, c in self.mappings(raw, cpos, ("what_choice_of", qid), "choice"):
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
            label_positions[value] = pos_of(c, "label", epos)
        # An answer names a choice by its value or by its label (any case): a label that is another
        # choice's value would make '--set q=yes' pick whichever is looked at first.
        values = {choice.value.strip().casefold(): choice.value for choice in choices}
        for choice in choices:
            for _, text in choice.label.values:
                other = values.get(text.strip().casefold())
                if other is not None and other != choice.value:
                    self.error(label_positions[choice.value], Message("choice_label_is_value", qid=qid, value=choice.value, label=text, other=other))
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
        for i, epos, r in self.mappings(raw, pos, ("what_rule_of", qid), "rule"):
            goto = r.get("goto")
            if not isinstance(goto, str):
                self.error(pos_of(r, "goto", epos), Message("rule_needs_goto", qid=qid))
                continue
            when = self.condition(r.get("when"), pos_of(r, "when", epos), given="when" in r)
            if when is None and "when" in r:
                continue  # the condition's own error was reported
            if when is None and i != len(raw) - 1:
                self.error(epos, Message("rule_always_holds", qid=qid))
            rules.append(Rule(when, None if goto == END else goto, pos_of(r, "goto", epos)))
        return tuple(rules)

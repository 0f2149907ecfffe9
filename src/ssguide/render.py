"""Renderers: the checklist model as terminal text, Markdown, JSON and iCalendar.

Every format is built from ``checklist.Checklist`` directly — never by
scraping another format — so they cannot drift apart. Sources are numbered
in order of first citation and every line points at its number.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from . import __version__
from .checklist import NOT_ASKED, Case, Checklist, Depends, DueDate, Entry
from .model import Question
from .i18n import format_date, locale, plural, t
from .qtypes import UNSURE
from .safetext import json_safe, visible

if TYPE_CHECKING:
    from rich.console import Console


# ---------------------------------------------------------------- shared wording


def answer_label(question: Question, value: Any, lang: str) -> str:
    return visible(question.qtype.display(question, value, lang))  # a typed answer may hold a bidi override


def situation_line(checklist: Checklist, lang: str) -> str:
    """The user's situation in one line: the answers that shape the route."""
    parts = []
    same_as_heading = t("situation_names", lang).casefold().split()
    for question in checklist.questions:
        value = checklist.answers[question.id]
        label = answer_label(question, value, lang)
        name = (question.short or question.text).get(lang)
        # A choice speaks for itself without a short name, or when its name is the heading's own word
        # ("Your situation: Situation: …" would say it twice).
        if question.qtype.label_alone and (question.short is None or name.casefold() in same_as_heading):
            parts.append(label)
        else:
            parts.append(f"{name}{colon(lang)}{label}")
    return " · ".join(parts)


def source_numbers(checklist: Checklist) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(checklist.sources, start=1)}


def cite(entry_sources: Any, numbers: dict[str, int]) -> str:
    """"[1][3]": the item's sources by number, sorted."""
    return "".join(f"[{n}]" for n in sorted({numbers[sid] for sid in entry_sources if sid in numbers}))


def _event_name(due: DueDate, lang: str) -> str:
    event = due.anchor_event
    if isinstance(event, Question):
        return (event.event or event.short or event.text).get(lang)
    if event is not None:
        return event.text.get(lang)
    return ""


def _amount(due: DueDate, lang: str) -> str:
    offset = due.rule.offset
    return plural(f"unit_{offset.unit}", lang, offset.amount)


def due_headline(due: DueDate, lang: str) -> str | None:
    """"by 2026-12-06" / "valid until …", or None when the date is not known."""
    if due.date is None:
        return None
    key = {"valid_until": "valid_until", "ready_from": "ready_from", "expected_by": "expected_by"}.get(due.rule.meaning, "by_date")
    return t(key, lang, date=format_date(due.date, lang))


def due_explanation(due: DueDate, lang: str) -> str:
    """How the date comes about: "3 days after emergency treatment on 2026-12-03"."""
    direction = due.rule.offset.direction
    values = {"amount": _amount(due, lang), "event": _event_name(due, lang)}
    if due.anchor_date is not None:
        return t(f"offset_{direction}_on", lang, date=format_date(due.anchor_date, lang), **values)
    return t(f"offset_{direction}", lang, **values)


def due_flags(due: DueDate, lang: str) -> list[str]:
    flags = []
    if due.past:
        flags.append(t("past", lang))
    if due.estimate:
        flags.append(t("estimate", lang))
    return flags


def due_summary(due: DueDate, lang: str) -> str:
    """One phrase: "by 2026-12-06 (3 days after … on 2026-12-03; already past)"."""
    headline = due_headline(due, lang)
    inner = [due_explanation(due, lang), *due_flags(due, lang)]
    sep = locale(lang).clause_separator
    if headline:
        return locale(lang).after(headline, sep.join(inner))
    return sep.join(inner)


def why_text(entry: Entry, lang: str) -> str:
    parts = []
    for reason in entry.reasons:
        q = reason.question
        parts.append(f"{(q.short or q.text).get(lang)} → {answer_label(q, reason.value, lang)}")
    return locale(lang).clause_separator.join(parts)


def question_name(question: Question, lang: str) -> str:
    return (question.short or question.text).get(lang)


def depends_title(group: Depends, lang: str) -> str:
    """"Depends on: Is the hospital networked?" (the full questions, as the user was asked them)."""
    sep = locale(lang).clause_separator
    return t("depends_on", lang, questions=sep.join(q.text.get(lang) for q in group.questions))


def case_answer(checklist: Checklist, question: Question, value: Any, lang: str) -> str:
    """What one answer of a case stands for: "Yes", "before 2026-01-01", "not asked"."""
    from .answerclasses import compares_by_question, stand_in_label

    if value == NOT_ASKED:
        return t("not_asked", lang)
    if value is UNSURE:  # past the limit of ways worked out one by one
        return t("not_worked_out", lang)
    return visible(stand_in_label(question, value, compares_by_question(checklist.flow).get(question.id, []), checklist.today, lang))


def case_label(checklist: Checklist, case: Case, lang: str) -> str:
    """"If Yes" for one question; "If Networked hospital: Yes, Care: Outpatient" for several."""
    if len(case.answers) == 1:
        question, value = case.answers[0]
        return t("if_case", lang, answer=case_answer(checklist, question, value, lang))
    sep = locale(lang).clause_separator
    parts = [f"{question_name(q, lang)}{colon(lang)}{case_answer(checklist, q, v, lang)}" for q, v in case.answers]
    return t("if_case", lang, answer=sep.join(parts))


def find_out_text(question: Question, numbers: dict[str, int], lang: str) -> str | None:
    """"How to find out: … [4]", or None when the flow says nothing."""
    found = question.how_to_find_out
    if found is None:
        return None
    return f"{t('find_out_label', lang)}{colon(lang)}{found.text.get(lang)} {cite(found.sources, numbers)}"


def find_out_action(question: Question, lang: str) -> str:
    return t("find_out_action", lang, question=question.text.get(lang))


def kind_label(entry: Entry, lang: str) -> str:
    if entry.kind == "deadline" and entry.due is not None and not entry.due.must_act:
        return t("kind_expect", lang)  # a date the user waits for, as under "What to expect"
    return t(f"kind_{entry.kind}", lang)


def colon(lang: str) -> str:
    return locale(lang).colon


def earlier_text(entry: Entry, numbers: dict[str, int], lang: str) -> str | None:
    """The secondary line under a current rule: "Earlier practice (source [1]): …", or None."""
    if entry.earlier is None:
        return None
    label = t("earlier_label", lang, sources=cite(entry.earlier_source_ids, numbers))
    return f"{label}{colon(lang)}{entry.earlier.get(lang)}"


def act_by_text(entry: Entry, lang: str) -> str:
    """"Act by 2026-11-24 (3 days after emergency treatment on 2026-11-21)"."""
    assert entry.due is not None and entry.due.date is not None
    return t("act_by", lang, date=format_date(entry.due.date, lang), how=due_explanation(entry.due, lang))


# ---------------------------------------------------------------- terminal


def shown_citation(source: Any, lang: str) -> str:
    """A source's citation after its title, or "" when the title already says it (a law cited by name)."""
    citation = source.citation.get(lang)
    return "" if citation in source.title.get(lang) else citation


def _fit(text: Any, width: int, lang: str) -> Any:
    """Chinese text cut into lines by ``cells.wrap_spans`` instead of rich's folding.

    rich folds a Chinese sentence (no spaces) wherever the line is full, so a
    line can start with "，" or "、". Cutting the styled text ourselves at the
    places ``wrap_spans`` chooses keeps punctuation where Chinese typesetting
    wants it, and the styles with it. Other languages keep rich's word wrap.
    """
    if not locale(lang).breaks_anywhere or width < 8:
        return text
    from rich.text import Text

    from .cells import wrap_spans

    spans = wrap_spans(text.plain, width)
    # One ``divide`` at every cut, not a slice per line: each slice of a rich
    # Text copies the whole of it, which made a long text quadratic.
    cuts = sorted({offset for span in spans for offset in span if offset > 0})
    pieces = text.divide(cuts)
    piece_at = {start: n for n, start in enumerate([0, *cuts])}
    lines = []
    for start, end in spans:
        line = pieces[piece_at[start]] if end > start else Text()  # an empty paragraph
        line.rstrip()
        lines.append(line)
    return Text("\n").join(lines)


def print_checklist(checklist: Checklist, console: Console, lang: str, why: bool = False) -> None:
    """The checklist on a rich console: title, situation, sections, sources, footer.

    Items sit in a two-column grid (marker, text) so wrapped lines keep a
    hanging indent at any width, CJK included.
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    flow = checklist.flow
    numbers = source_numbers(checklist)
    width = console.width
    console.print(_fit(Text(flow.title.get(lang), style="bold"), width, lang))
    situation = situation_line(checklist, lang)
    if situation:
        console.print(_fit(Text(f"{t('situation', lang)}{colon(lang)}{situation}", style="cyan"), width, lang))

    def grid(rows: list[tuple[Text, Text]], indent: int = 0) -> Any:
        from rich.padding import Padding

        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(overflow="fold")
        marker_width = max((cell_len(marker.plain) for marker, _ in rows), default=1)
        for marker, text in rows:
            table.add_row(marker, _fit(text, width - indent - marker_width - 1, lang))
        return Padding(table, (0, 0, 0, indent)) if indent else table

    def body(entry: Entry, style: str = "") -> Text:
        text = Text()
        if entry.kind == "deadline" and entry.due is not None:
            style_due = "bold red" if entry.due.past else ("bold yellow" if entry.due.must_act else "bold cyan")
            text.append(due_summary(entry.due, lang), style=style_due)
            text.append("\n")
        text.append(entry.text.get(lang), style=style)
        text.append(" " + cite(entry.source_ids, numbers), style="dim")
        earlier = earlier_text(entry, numbers, lang)
        if earlier:
            text.append("\n" + earlier, style="dim")
        if why and entry.reasons:
            text.append(f"\n{t('why_label', lang)}{colon(lang)}{why_text(entry, lang)}", style="dim italic")
        return text

    def section(key: str, entries: list[Entry]) -> None:
        if not entries:
            return
        console.print()
        console.print(Text(t(key, lang), style="bold underline"))
        rows = []
        for n, entry in enumerate(entries, start=1):
            if key == "steps":
                rows.append((Text(f"{n}.", style="bold"), body(entry)))
            elif entry.kind == "warning":
                rows.append((Text("!", style="bold red"), body(entry, style="bold")))
            else:
                rows.append((Text("•"), body(entry)))
        console.print(grid(rows))

    do_now = checklist.do_this_now()
    console.print()
    console.print(Text(t("do_now", lang), style="bold underline"))
    rows = []
    for n, entry in enumerate(do_now.actions, start=1):
        line = Text(entry.text.get(lang), style="bold")
        line.append(" " + cite(entry.source_ids, numbers), style="dim")
        rows.append((Text(f"{n}.", style="bold"), line))
    for n, question in enumerate(do_now.find_out, start=len(do_now.actions) + 1):
        rows.append((Text(f"{n}.", style="bold"), Text(find_out_action(question, lang), style="bold magenta")))
    console.print(grid(rows))
    if do_now.act_by is not None:
        console.print(_fit(Text(act_by_text(do_now.act_by, lang), style="bold yellow"), width, lang))

    if checklist.depends:
        console.print()
        console.print(Text(t("unsure_heading", lang), style="bold underline"))
    for group in checklist.depends:
        console.print(_fit(Text(depends_title(group, lang), style="bold magenta"), width, lang))
        rows = [(Text("?", style="bold magenta"), Text(how)) for q in group.questions if (how := find_out_text(q, numbers, lang))]
        if not group.cases:
            rows.append((Text("•"), Text(t("dates_open", lang))))
        if rows:
            console.print(grid(rows))
        for case in group.cases:
            console.print(_fit(Text(f"→ {case_label(checklist, case, lang)}{colon(lang).rstrip()}", style="bold"), width, lang))
            rows = []
            if not case.entries:
                rows.append((Text("•"), Text(t("case_nothing", lang), style="dim")))
            for entry in case.entries:
                text = Text(kind_label(entry, lang) + colon(lang), style="bold red" if entry.kind == "warning" else "bold")
                text.append_text(body(entry, style="bold" if entry.kind == "warning" else ""))
                rows.append((Text("!", style="bold red") if entry.kind == "warning" else Text("•"), text))
            console.print(grid(rows, indent=2))

    section("steps", checklist.steps)
    section("materials", checklist.materials)
    section("deadlines", checklist.deadlines)
    section("expect", checklist.expectations)
    section("notes", checklist.notes)

    console.print()
    console.print(Text(t("sources", lang), style="bold underline"))
    rows = []
    for source in checklist.sources:
        line = Text(source.title.get(lang))
        citation = shown_citation(source, lang)
        if citation:
            line.append(f" — {citation}", style="dim")
        rows.append((Text(f"[{numbers[source.id]}]", style="dim"), line))
    console.print(grid(rows))
    console.print()
    if flow.reviewed:
        console.print(_fit(Text(t("reviewed", lang, date=format_date(flow.reviewed, lang)), style="dim"), width, lang))
    console.print(_fit(Text(t("disclaimer", lang), style="dim"), width, lang))


# ---------------------------------------------------------------- Markdown


def _md_inline(text: str) -> str:
    """Escape what would change meaning inside a Markdown line or table cell."""
    text = " ".join(str(text).split())
    for ch in ("\\", "|", "*", "_", "`", "<", ">", "[", "]", "#"):
        text = text.replace(ch, "\\" + ch)
    # A leading "1." or "-"/"+" would start a nested list inside a list item.
    match = re.match(r"^(\d{1,9})([.)])", text)
    if match:
        text = f"{match.group(1)}\\{match.group(2)}{text[match.end():]}"
    elif text[:1] in ("-", "+", "="):
        text = "\\" + text
    return text


def to_markdown(checklist: Checklist, lang: str) -> str:
    flow = checklist.flow
    numbers = source_numbers(checklist)
    out: list[str] = [f"# {_md_inline(flow.title.get(lang))}", ""]
    out.append(f"_{t('generated', lang, date=format_date(checklist.today, lang))} · ssguide {__version__}_")
    out.append("")
    situation = situation_line(checklist, lang)
    if situation:
        out += [f"**{t('situation', lang)}**{colon(lang)}{_md_inline(situation)}", ""]

    out += [f"## {t('your_answers', lang)}", "", f"| {t('question', lang)} | {t('answer', lang)} |", "|---|---|"]
    for question in checklist.questions:
        value = checklist.answers[question.id]
        out.append(f"| {_md_inline(question.text.get(lang))} | {_md_inline(answer_label(question, value, lang))} |")
    out.append("")

    def refs(entry: Entry) -> str:
        return " " + _md_inline(cite(entry.source_ids, numbers))

    def details(entry: Entry) -> list[str]:
        earlier = earlier_text(entry, numbers, lang)
        lines = [f"  - _{_md_inline(earlier)}_"] if earlier else []
        if entry.reasons:
            lines.append(f"  - _{t('why_label', lang)}{colon(lang)}{_md_inline(why_text(entry, lang))}_")
        return lines

    do_now = checklist.do_this_now()
    out += [f"## {t('do_now', lang)}", ""]
    for n, entry in enumerate(do_now.actions, start=1):
        out.append(f"{n}. **{_md_inline(entry.text.get(lang))}**{refs(entry)}")
    for n, question in enumerate(do_now.find_out, start=len(do_now.actions) + 1):
        out.append(f"{n}. **{_md_inline(find_out_action(question, lang))}**")
    if do_now.act_by is not None:
        out += ["", f"**{_md_inline(act_by_text(do_now.act_by, lang))}**"]
    out.append("")

    if checklist.depends:
        out += [f"## {t('unsure_heading', lang)}", ""]
    for group in checklist.depends:
        out += [f"### {_md_inline(depends_title(group, lang))}", ""]
        for question in group.questions:
            how = find_out_text(question, numbers, lang)
            if how:
                out += [f"_{_md_inline(how)}_", ""]
        if not group.cases:
            out += [f"- {_md_inline(t('dates_open', lang))}", ""]
        for case in group.cases:
            out += [f"**{_md_inline(case_label(checklist, case, lang))}{colon(lang).rstrip()}**", ""]
            if not case.entries:
                out.append(f"- {_md_inline(t('case_nothing', lang))}")
            for entry in case.entries:
                due = f"{_md_inline(due_summary(entry.due, lang))}{colon(lang).rstrip()} " if entry.kind == "deadline" and entry.due else ""
                out.append(f"- [ ] **{_md_inline(kind_label(entry, lang))}{colon(lang).rstrip()}** {due}{_md_inline(entry.text.get(lang))}{refs(entry)}")
                out += details(entry)
            out.append("")

    if checklist.steps:
        out += [f"## {t('steps', lang)}", ""]
        for n, entry in enumerate(checklist.steps, start=1):
            out.append(f"- [ ] **{n}.** {_md_inline(entry.text.get(lang))}{refs(entry)}")
            out += details(entry)
        out.append("")
    if checklist.materials:
        out += [f"## {t('materials', lang)}", ""]
        for entry in checklist.materials:
            out.append(f"- [ ] {_md_inline(entry.text.get(lang))}{refs(entry)}")
            out += details(entry)
        out.append("")
    if checklist.deadlines:
        out += [f"## {t('deadlines', lang)}", ""]
        for entry in checklist.deadlines:
            assert entry.due is not None
            out.append(f"- [ ] **{_md_inline(due_summary(entry.due, lang))}{colon(lang).rstrip()}** {_md_inline(entry.text.get(lang))}{refs(entry)}")
            out += details(entry)
        out.append("")
    if checklist.expectations:
        out += [f"## {t('expect', lang)}", ""]
        for entry in checklist.expectations:
            assert entry.due is not None
            out.append(f"- **{_md_inline(due_summary(entry.due, lang))}{colon(lang).rstrip()}** {_md_inline(entry.text.get(lang))}{refs(entry)}")
            out += details(entry)
        out.append("")
    if checklist.notes:
        out += [f"## {t('notes', lang)}", ""]
        for entry in checklist.notes:
            prefix = f"**{t('warning_label', lang)}{colon(lang).rstrip()}** " if entry.kind == "warning" else ""
            out.append(f"- {prefix}{_md_inline(entry.text.get(lang))}{refs(entry)}")
            out += details(entry)
        out.append("")
    out += [f"## {t('sources', lang)}", ""]
    for source in checklist.sources:
        citation = shown_citation(source, lang)
        out.append(f"{numbers[source.id]}. **{_md_inline(source.title.get(lang))}**" + (f" — {_md_inline(citation)}" if citation else ""))
    out += ["", "---", ""]
    if flow.reviewed:
        out += [f"_{t('reviewed', lang, date=format_date(flow.reviewed, lang))}_", ""]
    out += [f"_{t('disclaimer', lang)}_", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- JSON


def to_data(checklist: Checklist, lang: str) -> dict[str, Any]:
    """A stable, documented JSON shape for scripts and other tools."""
    flow = checklist.flow
    numbers = source_numbers(checklist)
    do_now = checklist.do_this_now()

    def entry_data(entry: Entry) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": entry.item.id,
            "kind": entry.kind,
            "text": entry.text.get(lang),
            "sources": sorted(entry.source_ids, key=lambda sid: numbers.get(sid, 0)),
            "why": [{"question": r.question.id, "value": r.question.qtype.to_plain(r.value)} for r in entry.reasons],
            "earlier": (
                {"text": entry.earlier.get(lang), "sources": sorted(entry.earlier_source_ids, key=lambda sid: numbers.get(sid, 0))}
                if entry.earlier is not None
                else None
            ),
        }
        if entry.due is not None:
            data["deadline"] = {
                "date": entry.due.date.isoformat() if entry.due.date else None,
                "meaning": entry.due.rule.meaning,
                "summary": due_summary(entry.due, lang),
                "past": entry.due.past,
                "must_act": entry.due.must_act,
                "estimate": entry.due.estimate,
                "anchor_date": entry.due.anchor_date.isoformat() if entry.due.anchor_date else None,
            }
        return data

    return {
        "ssguide": __version__,
        "flow": {"id": flow.id, "title": flow.title.get(lang), "reviewed": flow.reviewed.isoformat() if flow.reviewed else None},
        "language": lang,
        "today": checklist.today.isoformat(),
        "situation": situation_line(checklist, lang),
        "answers": {
            q.id: {
                "value": q.qtype.to_plain(checklist.answers[q.id]),
                "label": answer_label(q, checklist.answers[q.id], lang),
                "question": q.text.get(lang),
            }
            for q in checklist.questions
        },
        "do_now": {
            "actions": [{"id": e.item.id, "kind": e.kind, "text": e.text.get(lang)} for e in do_now.actions],
            "act_by": (
                {"id": do_now.act_by.item.id, "date": do_now.act_by.due.date.isoformat(), "text": act_by_text(do_now.act_by, lang)}  # type: ignore[union-attr]
                if do_now.act_by is not None
                else None
            ),
            "find_out": [{"question": q.id, "text": find_out_action(q, lang)} for q in do_now.find_out],
        },
        "depends_on": [
            {
                "questions": [q.id for q in group.questions],
                "title": depends_title(group, lang),
                "how_to_find_out": [
                    {
                        "question": q.id,
                        "text": q.how_to_find_out.text.get(lang),
                        "sources": sorted(q.how_to_find_out.sources, key=lambda sid: numbers.get(sid, 0)),
                    }
                    for q in group.questions
                    if q.how_to_find_out is not None
                ],
                "cases": [
                    {
                        "answers": {q.id: (None if v == NOT_ASKED else q.qtype.to_plain(v)) for q, v in case.answers},
                        "label": case_label(checklist, case, lang),
                        "items": [entry_data(e) for e in case.entries],
                    }
                    for case in group.cases
                ],
            }
            for group in checklist.depends
        ],
        "steps": [entry_data(e) for e in checklist.steps],
        "materials": [entry_data(e) for e in checklist.materials],
        "deadlines": [entry_data(e) for e in checklist.deadlines],
        "expect": [entry_data(e) for e in checklist.expectations],
        "notes": [entry_data(e) for e in checklist.notes],
        "sources": [
            {"id": s.id, "kind": s.kind, "title": s.title.get(lang), "citation": s.citation.get(lang), "date": s.date}
            for s in checklist.sources
        ],
        "disclaimer": t("disclaimer", lang),
    }


def to_json(checklist: Checklist, lang: str) -> str:
    return json_safe(json.dumps(to_data(checklist, lang), ensure_ascii=False, indent=2)) + "\n"


# ---------------------------------------------------------------- iCalendar


def _ics_line(text: str) -> Any:
    """One line of calendar text: controls shown, every kind of line break a space, escaped by icalendar."""
    from icalendar import vText

    return vText(" ".join(visible(text).split()))


def _ics_lines(text: str) -> Any:
    """Calendar text that keeps its line breaks ("\n", escaped by icalendar as the format wants)."""
    from icalendar import vText

    return vText("\n".join(" ".join(line.split()) for line in visible(text).split("\n")))


DEFAULT_TIMEZONE = "Asia/Shanghai"  # the procedures are Chinese: their days are China's days
REMINDER_HOUR = 9  # reminders ring at 09:00 local time, not at midnight


def event_summary(entry: Entry, lang: str) -> str:
    """A calendar event's title: the item's ``short`` text, else its first sentence, cut to fit."""
    if entry.item.short is not None:
        return entry.item.short.get(lang)
    text = entry.text.get(lang)
    first = re.split(r"(?<=[.!?])\s|[。！？]", text, maxsplit=1)[0].rstrip(".")
    return first if len(first) <= 60 else first[:59].rstrip() + "…"


def reminder_day(due_on: date, today: date) -> date | None:
    """When to remind of a deadline: the day before, or its morning once the day before has passed; None once past."""
    if due_on < today:
        return None
    return max(due_on - timedelta(days=1), today)


def to_ics(checklist: Checklist, lang: str, stamp: date | None = None, timezone: str = DEFAULT_TIMEZONE) -> bytes:
    """One all-day event per dated deadline or expectation; reminders at 09:00 in ``timezone`` for what the user must do.

    A deadline to meet (``must_act``: the Deadlines section) reminds the day
    before, or on its morning when the day before has passed, and never once
    past. What the user waits for (What to expect: a card ready to collect) is
    an event without a reminder. Triggers are absolute times in UTC (RFC 5545 wants
    UTC there), worked out from 09:00 in ``timezone``, which the calendar
    names in X-WR-TIMEZONE.

    Every text goes through ``_ics_line``/``_ics_lines``: a folded YAML title
    ends in a newline, and no break of any kind may reach a content line raw.
    """
    from datetime import datetime, time
    from datetime import timezone as dt_timezone
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Calendar, Event

    flow = checklist.flow
    zone = ZoneInfo(timezone)
    cal = Calendar()
    cal.add("prodid", f"-//ssguide//{__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _ics_line(flow.title.get(lang)))
    cal.add("x-wr-timezone", timezone)
    created = datetime.combine(stamp or checklist.today, datetime.min.time(), tzinfo=dt_timezone.utc)
    numbers = source_numbers(checklist)
    # Certain dates, then those that hang on a "not sure" answer, each saying on what.
    dated: list[tuple[Entry, str, str]] = [(entry, "", "") for entry in checklist.dated_deadlines()]
    for g, group in enumerate(checklist.depends, start=1):
        for c, case in enumerate(group.cases, start=1):
            condition = f"{depends_title(group, lang)} — {case_label(checklist, case, lang)}"
            dated += [(e, condition, f"-if{g}.{c}") for e in case.entries if e.due is not None and e.due.date is not None]
    for entry, condition, case_id in dated:
        assert entry.due is not None and entry.due.date is not None
        due_on = entry.due.date
        summary = event_summary(entry, lang)
        event = Event()
        event.add("uid", f"{flow.id}-{entry.item.id}-{due_on.isoformat()}{case_id}@ssguide")
        event.add("dtstamp", created)
        event.add("summary", _ics_line(summary if not condition else f"({condition}) {summary}"))
        event.add("dtstart", due_on)
        event.add("dtend", due_on + timedelta(days=1))
        depends = f"{condition}\n\n" if condition else ""
        event.add("description", _ics_lines(depends + event_description(entry, checklist, numbers, lang)))
        remind_on = reminder_day(due_on, checklist.today)
        # Reminders only for what the user must do (not what they wait for), and never for a day gone.
        if remind_on is not None and entry.due.must_act:
            ring_at = datetime.combine(remind_on, time(REMINDER_HOUR), tzinfo=zone).astimezone(dt_timezone.utc)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _ics_line(f"{summary}{colon(lang)}{due_headline(entry.due, lang)}"))
            alarm.add("trigger", ring_at, parameters={"VALUE": "DATE-TIME"})  # RFC 5545: an absolute trigger says so
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def event_description(entry: Entry, checklist: Checklist, numbers: dict[str, int], lang: str) -> str:
    """What a calendar event says: the date and its rule, the rule as it is now, the earlier wording, sources, the disclaimer."""
    assert entry.due is not None
    lines = [due_summary(entry.due, lang), "", f"{entry.text.get(lang)} {cite(entry.source_ids, numbers)}"]
    earlier = earlier_text(entry, numbers, lang)
    if earlier:
        lines.append(earlier)
    cited = sorted({*entry.source_ids, *entry.earlier_source_ids}, key=lambda sid: numbers[sid])
    lines += ["", f"{t('sources', lang)}{colon(lang).rstrip()}"]
    for sid in cited:
        source = checklist.flow.sources[sid]
        citation = shown_citation(source, lang)
        lines.append(f"[{numbers[sid]}] {source.title.get(lang)}" + (f" — {citation}" if citation else ""))
    lines += ["", t("disclaimer", lang)]
    return "\n".join(lines)

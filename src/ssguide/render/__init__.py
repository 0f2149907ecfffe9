"""Renderers: the checklist model as terminal text, plain text, Markdown, JSON and iCalendar.

One module per format (``terminal``, ``text``, ``markdown``, ``json``, ``ics``);
this one holds the wording they share. Every format is built from
``checklist.Checklist`` directly — never by scraping another format — so they
cannot drift apart. Sources are numbered in order of first citation and every
line points at its number. ``shell.exporters`` lists the formats.
"""

from __future__ import annotations

from typing import Any

from ..core.checklist import NOT_ASKED, Action, Case, Checklist, Depends, DoNow, DueDate, Entry
from ..core.model import Question
from ..core.qtypes import UNSURE
from ..core.safetext import visible
from ..lang.i18n import format_date, locale, plural, t


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
    if due.past or (due.passed and due.rule.meaning == "expected_by"):  # overdue, or waited for in vain
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
    from ..core.answerclasses import compares_by_question, stand_in_label

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


def shown_citation(source: Any, lang: str) -> str:
    """A source's citation after its title, or "" when the title already says it (a law cited by name)."""
    citation = source.citation.get(lang)
    return "" if citation in source.title.get(lang) else citation


# ---------------------------------------------------------------- Do this now


def action_text(action: Action, lang: str) -> str:
    """One line of Do this now as the user reads it.

    A passed date says so before what still helps ("2026-12-04 has passed (3
    days after …): Tell …"); the other lines are the item's own text.
    """
    due = action.due
    if action.why not in ("overdue", "ask") or due is None or due.date is None:
        return action.text.get(lang)
    key = {"expected_by": "overdue_expected", "ready_from": "overdue_ready"}.get(due.rule.meaning, "overdue_due")
    return t(key, lang, date=format_date(due.date, lang), how=due_explanation(due, lang), text=action.text.get(lang))


def action_note(action: Action, lang: str) -> str | None:
    """The line under an action: "Act by …" for the nearest must-do date, "Ready from …" for a step whose wait is over."""
    if action.why == "act_by":
        return act_by_text(action.entry, lang)
    if action.why == "ready" and action.due is not None and action.due.date is not None:
        return t("ready_since", lang, date=format_date(action.due.date, lang), how=due_explanation(action.due, lang))
    return None


def waiting_text(do_now: DoNow, lang: str) -> str | None:
    """The one line when nothing is left but waiting: until when, and what to do then; or that nothing is left."""
    if do_now.nothing_left:
        return t("nothing_left", lang)
    waiting = do_now.waiting
    if waiting is None or waiting.due is None:
        return None
    due = waiting.due
    how = due_explanation(due, lang)
    line = t("waiting", lang, date=format_date(due.date, lang), how=how) if due.date else t("waiting_undated", lang, how=how)
    if do_now.then is not None:
        line += " " + t("waiting_then", lang, then=do_now.then.text.get(lang))
    elif waiting.item.overdue is not None:
        line += " " + t("waiting_if_passes", lang, then=waiting.item.overdue.text.get(lang))
    return line


def waiting_sources(do_now: DoNow) -> tuple[str, ...]:
    """The sources of the waiting line: the date's item, and what follows it."""
    if do_now.waiting is None:
        return ()
    then = do_now.then.source_ids if do_now.then is not None else (
        do_now.waiting.item.overdue.sources if do_now.waiting.item.overdue is not None else ()
    )
    return (*do_now.waiting.source_ids, *then)


def today_line(checklist: Checklist, lang: str) -> str | None:
    """"Today: 2026-12-07" in the header, when a date on the checklist was weighed against it."""
    return t("today_is", lang, date=format_date(checklist.today, lang)) if checklist.judged_by_today else None


def overdue_text(entry: Entry, numbers: dict[str, int], lang: str) -> str | None:
    """Under a date gone by: what still helps, cited, or None."""
    overdue = entry.item.overdue
    if overdue is None or entry.done or entry.due is None or not (entry.due.past or entry.due.passed):
        return None
    if entry.due.rule.meaning == "ready_from":
        return None  # a date reached, not missed
    return f"{overdue.text.get(lang)} {cite(overdue.sources, numbers)}"

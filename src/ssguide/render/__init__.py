"""Renderers: the checklist model as terminal text, plain text, Markdown, JSON and iCalendar.

One module per format (``terminal``, ``text``, ``markdown``, ``json``, ``ics``),
each with ``render(checklist, ctx) -> str | bytes`` (``context.Renderer``);
this one holds the wording they share, in the language of a ``Context``.
Every format is built from ``checklist.Checklist`` directly — never by
scraping another format — so they cannot drift apart. Sources are numbered in
order of first citation and every line points at its number.
``shell.exporters`` lists the formats.
"""

from __future__ import annotations

from typing import Any

from ..core.checklist import NOT_ASKED, Action, Case, Checklist, Depends, DoNow, DueDate, Entry, Wait
from ..core.context import Context
from ..core.model import Question
from ..lang.i18n import LocalText
from ..core.qtypes import UNSURE
from ..core.safetext import visible
from ..record import Record


# ---------------------------------------------------------------- shared wording


def answer_label(question: Question, value: Any, ctx: Context) -> str:
    return visible(question.qtype.display(question, value, ctx))  # a typed answer may hold a bidi override


def situation_line(checklist: Checklist, ctx: Context) -> str:
    """The user's situation in one line: the answers that shape the route."""
    parts = []
    same_as_heading = ctx.t("situation_names").casefold().split()
    for question in checklist.questions:
        value = checklist.answers[question.id]
        label = answer_label(question, value, ctx)
        name = question_name(question, ctx)
        # A choice speaks for itself without a short name, or when its name is the heading's own word
        # ("Your situation: Situation: …" would say it twice).
        if question.qtype.label_alone and (question.short is None or name.casefold() in same_as_heading):
            parts.append(label)
        else:
            parts.append(f"{name}{colon(ctx)}{label}")
    return " · ".join(parts)


def source_numbers(checklist: Checklist) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(checklist.sources, start=1)}


def cite(entry_sources: Any, numbers: dict[str, int]) -> str:
    """"[1][3]": the item's sources by number, sorted."""
    return "".join(f"[{n}]" for n in sorted({numbers[sid] for sid in entry_sources if sid in numbers}))


def _event_name(due: DueDate, ctx: Context) -> str:
    event = due.anchor_event
    if isinstance(event, Question):
        return ctx.text(event.event or event.short or event.text)
    if event is not None:
        return ctx.text(event.text)
    return ""


def _amount(due: DueDate, ctx: Context) -> str:
    offset = due.rule.offset
    return ctx.plural(f"unit_{offset.unit}", offset.amount)


def due_headline(due: DueDate, ctx: Context) -> str | None:
    """"by 2026-12-06" / "valid until …", or None when the date is not known."""
    if due.date is None:
        return None
    key = {"valid_until": "valid_until", "ready_from": "ready_from", "expected_by": "expected_by"}.get(due.rule.meaning, "by_date")
    return ctx.t(key, date=ctx.format_date(due.date))


def due_explanation(due: DueDate, ctx: Context) -> str:
    """How the date comes about: "3 days after emergency treatment on 2026-12-03"."""
    direction = due.rule.offset.direction
    values = {"amount": _amount(due, ctx), "event": _event_name(due, ctx)}
    if due.anchor_date is not None:
        return ctx.t(f"offset_{direction}_on", date=ctx.format_date(due.anchor_date), **values)
    return ctx.t(f"offset_{direction}", **values)


def due_flags(due: DueDate, ctx: Context, done: bool = False) -> list[str]:
    """"already past", "estimate": what to know about a date. A done item's date is not past for it: it was met."""
    flags = []
    if not done and (due.past or (due.passed and due.rule.meaning == "expected_by")):  # overdue, or waited for in vain
        flags.append(ctx.t("past"))
    if due.estimate:
        flags.append(ctx.t("estimate"))
    return flags


def due_summary(due: DueDate, ctx: Context, act_by: LocalText | None = None, done: bool = False) -> str:
    """One phrase: "by 2026-12-06 (3 days after … on 2026-12-03; already past)"; with an item's ``act_by``
    wording, that wording ("Some places ask by 2026-12-06 (3 days after …; already past)"): a date some places
    ask for reads as one, under Deadlines and in the calendar too, never as a hard "by". ``done``: the item is
    done, and its date, met, is not "already past"."""
    headline = due_headline(due, ctx)
    inner = [due_explanation(due, ctx), *due_flags(due, ctx, done)]
    sep = ctx.locale.clause_separator
    if act_by is not None and due.date is not None:
        return fill(ctx.text(act_by), due, ctx, how=sep.join(inner))
    if headline:
        return ctx.locale.after(headline, sep.join(inner))
    return sep.join(inner)


def situation_label_parts(ctx: Context) -> tuple[str, str]:
    """The situation's label, to set in bold, and what follows it: ("Your situation", ": "), ("【您的情况】", "")."""
    label = ctx.t("situation_label")
    core = label.rstrip()
    sep = label[len(core):]
    if core.endswith(":"):
        core, sep = core[:-1], ":" + sep
    return core, sep


def why_text(entry: Entry, ctx: Context) -> str:
    parts = []
    for reason in entry.reasons:
        q = reason.question
        parts.append(f"{question_name(q, ctx)} → {answer_label(q, reason.value, ctx)}")
    return ctx.locale.clause_separator.join(parts)


def question_name(question: Question, ctx: Context) -> str:
    return ctx.text(question.short or question.text)


def depends_title(group: Depends, ctx: Context) -> str:
    """"Depends on: Is the hospital networked?" (the full questions, as the user was asked them)."""
    sep = ctx.locale.clause_separator
    return ctx.t("depends_on", questions=sep.join(ctx.text(q.text) for q in group.questions))


def case_answer(checklist: Checklist, question: Question, value: Any, ctx: Context) -> str:
    """What one answer of a case stands for: "Yes", "before 2026-01-01", "not asked"."""
    from ..core.answerclasses import compares_by_question, stand_in_label

    if value == NOT_ASKED:
        return ctx.t("not_asked")
    if value is UNSURE:  # past the limit of ways worked out one by one
        return ctx.t("not_worked_out")
    return visible(stand_in_label(question, value, compares_by_question(checklist.flow).get(question.id, []), ctx))


def case_label(checklist: Checklist, case: Case, ctx: Context) -> str:
    """"If Yes" for one question; "If Networked hospital: Yes, Care: Outpatient" for several."""
    if len(case.answers) == 1:
        question, value = case.answers[0]
        return ctx.t("if_case", answer=case_answer(checklist, question, value, ctx))
    sep = ctx.locale.clause_separator
    parts = [f"{question_name(q, ctx)}{colon(ctx)}{case_answer(checklist, q, v, ctx)}" for q, v in case.answers]
    return ctx.t("if_case", answer=sep.join(parts))


def find_out_text(checklist: Checklist, question: Question, numbers: dict[str, int], ctx: Context) -> str | None:
    """"How to find out: … [4]", or None when the flow says nothing (that holds for the checklist's answers)."""
    found = checklist.find_out(question)
    if found is None:
        return None
    return f"{ctx.t('find_out_label')}{colon(ctx)}{ctx.text(found.text)} {cite(found.sources, numbers)}"


def find_out_action(checklist: Checklist, question: Question, ctx: Context) -> str:
    """The Do this now line of a question to find out, saying whom to ask: "Find out whether …: ask …"."""
    found = checklist.find_out(question)
    if found is None:
        return ctx.t("find_out_action", question=ctx.text(question.text))
    how = ctx.text(found.text)
    if found.what is not None:
        return ctx.t("find_out_how", what=ctx.text(found.what), how=ctx.locale.continue_sentence(how))
    return ctx.t("find_out_question_how", question=ctx.text(question.text), how=how)


def find_out_sources(checklist: Checklist, question: Question) -> tuple[str, ...]:
    """The sources of a find-out line: those of its how-to-find-out text."""
    found = checklist.find_out(question)
    return found.sources if found is not None else ()


def kind_label(entry: Entry, ctx: Context) -> str:
    if entry.kind == "deadline" and entry.due is not None and not entry.due.must_act:
        return ctx.t("kind_expect")  # a date the user waits for, as under "What to expect"
    return ctx.t(f"kind_{entry.kind}")


def colon(ctx: Context) -> str:
    return ctx.locale.colon


def earlier_text(entry: Entry, numbers: dict[str, int], ctx: Context) -> str | None:
    """The secondary line under a current rule: "Earlier practice (source [1]): …", or None."""
    if entry.earlier is None:
        return None
    return f"{earlier_label(entry, numbers, ctx)}{colon(ctx)}{ctx.text(entry.earlier)}"


def earlier_label(entry: Entry, numbers: dict[str, int], ctx: Context) -> str:
    """"Earlier practice (source [1])", or "(sources [1][2])" when the earlier wording has several."""
    sources = cite(entry.earlier_source_ids, numbers)
    return ctx.t("earlier_label_many" if sources.count("[") > 1 else "earlier_label", sources=sources)


def fill(template: str, due: DueDate, ctx: Context, how: str | None = None) -> str:
    """A flow's dated text with its date and how it comes about (``how``, else ``due_explanation``) in place of ``{date}`` and ``{how}``."""
    when = ctx.format_date(due.date) if due.date is not None else ""
    return template.replace("{date}", when).replace("{how}", due_explanation(due, ctx) if how is None else how)


def act_by_text(entry: Entry, ctx: Context) -> str:
    """"Act by 2026-11-24 (3 days after emergency treatment on 2026-11-21)", or the item's own words for it
    ("Some places ask by …")."""
    assert entry.due is not None and entry.due.date is not None
    if entry.act_by is not None:
        return fill(ctx.text(entry.act_by), entry.due, ctx)
    return ctx.t("act_by", date=ctx.format_date(entry.due.date), how=due_explanation(entry.due, ctx))


def shown_citation(source: Any, ctx: Context) -> str:
    """A source's citation after its title, or "" when the title already says it (a law cited by name)."""
    citation = ctx.text(source.citation)
    return "" if citation in ctx.text(source.title) else citation


# ---------------------------------------------------------------- Do this now


def action_text(action: Action, ctx: Context) -> str:
    """One line of Do this now as the user reads it.

    A passed date says so before what still helps ("2026-12-04 has passed (3
    days after …). Tell …", or the item's own sentence for it); the other
    lines are the item's own text.
    """
    due = action.due
    if action.why not in ("overdue", "ask") or due is None or due.date is None:
        return ctx.text(action.text)
    overdue = action.overdue
    if overdue is not None and overdue.passed is not None:
        return fill(ctx.text(overdue.passed), due, ctx) + ctx.locale.sentence_space + ctx.text(action.text)
    key = {"expected_by": "overdue_expected", "ready_from": "overdue_ready"}.get(due.rule.meaning, "overdue_due")
    return ctx.t(key, date=ctx.format_date(due.date), how=due_explanation(due, ctx), text=ctx.text(action.text))


def action_note(action: Action, ctx: Context) -> str | None:
    """The line under an action: the date to act by under its own item ("Act by …"), "Ready from …" for a step whose wait is over."""
    if action.why == "act_by":
        return act_by_text(action.entry, ctx)
    if action.why == "ready" and action.due is not None and action.due.date is not None:
        values = {"date": ctx.format_date(action.due.date), "how": due_explanation(action.due, ctx)}
        short = action.gate.short if action.gate is not None else None
        if short is not None:
            return ctx.t("ready_since_named", short=ctx.text(short), **values)
        return ctx.t("ready_since", **values)
    return None


def wait_text(wait: Wait, alone: bool, ctx: Context) -> str:
    """The line of a date waited for: until when, and what then (the step that waits for it, or whom to ask if it passes).

    ``alone``: it is all there is to do ("Nothing to do now but wait until …"); else it sits beside other lines ("Wait until …").
    """
    due = wait.entry.due
    assert due is not None
    how = due_explanation(due, ctx)
    until = ctx.locale.after(ctx.format_date(due.date), how) if due.date is not None else how
    side = "alone" if alone else "beside"
    overdue = wait.entry.overdue
    if wait.then is not None:
        return ctx.t(f"waiting_{side}_then", until=until, then=ctx.locale.continue_sentence(ctx.text(wait.then.text)))
    if overdue is not None:
        return ctx.t(f"waiting_{side}_if_passes", until=until, then=ctx.locale.continue_sentence(ctx.text(overdue.text)))
    return ctx.t(f"waiting_{side}", until=until)


def waiting_text(do_now: DoNow, ctx: Context) -> str | None:
    """The unnumbered line of Do this now: the date waited for (alone, or beside the rest), or that nothing is left."""
    if do_now.nothing_left:
        return ctx.t("nothing_left")
    if do_now.wait is None:
        return None
    return wait_text(do_now.wait, do_now.alone, ctx)


def waiting_sources(do_now: DoNow) -> tuple[str, ...]:
    """The sources of the waiting line: the date's item, and what follows it."""
    return do_now.wait.source_ids if do_now.wait is not None else ()


class CaseLine(Record):
    """One dated line that hangs on a "not sure" answer, as Do this now shows it under the question to find out."""

    label: str  # "If No"
    text: str
    note: str | None
    source_ids: tuple[str, ...]
    item_id: str
    why: str  # an action's ``why``, or "wait"
    date: str | None


def case_lines(checklist: Checklist, question: Question, do_now: DoNow, ctx: Context) -> list[CaseLine]:
    """Under a question to find out: each way its answer could turn out, with the dated line that way brings."""
    lines = []
    for found in do_now.cases_of(question):
        label = case_label(checklist, found.case, ctx)
        for action in found.actions:
            day = action.due.date.isoformat() if action.due is not None and action.due.date is not None else None
            lines.append(CaseLine(label, action_text(action, ctx), action_note(action, ctx), action.source_ids,
                                  action.entry.item.id, action.why, day))
        if found.wait is not None:
            due = found.wait.entry.due
            day = due.date.isoformat() if due is not None and due.date is not None else None
            lines.append(CaseLine(label, wait_text(found.wait, False, ctx), None, found.wait.source_ids,
                                  found.wait.entry.item.id, "wait", day))
    return lines


def today_line(checklist: Checklist, ctx: Context) -> str | None:
    """"Today: 2026-12-07" in the header, when a date on the checklist was weighed against it."""
    return ctx.t("today_is", date=ctx.format_date(checklist.today)) if checklist.judged_by_today else None


def overdue_text(entry: Entry, numbers: dict[str, int], ctx: Context) -> str | None:
    """Under a date gone by: what still helps, cited, or None."""
    overdue = entry.overdue
    if overdue is None or not entry.overdue_shown:
        return None
    return f"{ctx.text(overdue.text)} {cite(overdue.sources, numbers)}"

"""The checklist as Markdown: a file to keep, print or share, with tick boxes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from .. import __version__
from ..core.checklist import Checklist, Entry
from ..core.model import Question
from .context import RenderContext
from . import (
    action_note, action_text, answer_label, case_label, case_lines, cite, colon, depends_title, due_summary, earlier_text,
    find_out_action, find_out_sources, find_out_text, kind_label, overdue_text, shown_citation, situation_label_parts, situation_line,
    source_numbers,
    waiting_sources, waiting_text, why_text,
)


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


def _strong(text: str) -> str:
    """``text`` in bold as CommonMark reads it: brackets at either end stay outside the ``**``.

    ``**【您的情况】**在…`` is no bold at all: a ``**`` after punctuation closes only before a space or
    punctuation, and 在 is neither. ``【**您的情况**】在…`` is.
    """
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in ("Ps", "Pi"):
        start += 1
    while end > start and unicodedata.category(text[end - 1]) in ("Pe", "Pf"):
        end -= 1
    return f"{text[:start]}**{text[start:end]}**{text[end:]}"


def render(checklist: Checklist, ctx: RenderContext) -> str:
    flow = checklist.flow
    numbers = source_numbers(checklist)
    out: list[str] = [f"# {_md_inline(ctx.text(flow.title))}", ""]
    out.append(f"_{ctx.t('generated', date=ctx.format_date(checklist.today))} · ssguide {__version__}_")
    out.append("")
    situation = situation_line(checklist, ctx)
    if situation:
        label = situation_label_parts(ctx)
        out += [f"{_strong(label[0])}{label[1]}{_md_inline(situation)}", ""]

    out += [f"## {ctx.t('your_answers')}", "", f"| {ctx.t('question')} | {ctx.t('answer')} |", "|---|---|"]
    for question in checklist.questions:
        value = checklist.answers[question.id]
        out.append(f"| {_md_inline(ctx.text(question.text))} | {_md_inline(answer_label(question, value, ctx))} |")
    out.append("")

    def refs(entry: Entry) -> str:
        return " " + _md_inline(cite(entry.source_ids, numbers))

    def details(entry: Entry) -> list[str]:
        earlier = earlier_text(entry, numbers, ctx)
        lines = [f"  - _{_md_inline(earlier)}_"] if earlier else []
        still = overdue_text(entry, numbers, ctx)
        if still:
            lines.append(f"  - **{_md_inline(ctx.t('overdue_label'))}{colon(ctx).rstrip()}** {_md_inline(still)}")
        if entry.reasons:
            lines.append(f"  - _{ctx.t('why_label')}{colon(ctx)}{_md_inline(why_text(entry, ctx))}_")
        return lines

    do_now = checklist.do_this_now()
    out += [f"## {ctx.t('do_now')}", ""]
    for n, action in enumerate(do_now.lines, start=1):
        if isinstance(action, Question):
            sources = cite(find_out_sources(checklist, action), numbers)
            out.append(f"{n}. **{_md_inline(find_out_action(checklist, action, ctx))}**" + (f" {_md_inline(sources)}" if sources else ""))
            for brought in case_lines(checklist, action, do_now, ctx):  # what each answer would bring, brought
                out.append(f"   - _{_md_inline(brought.label)}{colon(ctx).rstrip()}_ {_md_inline(brought.text)} {_md_inline(cite(brought.source_ids, numbers))}")
                if brought.note:
                    out.append(f"     _{_md_inline(brought.note)}_")
            continue
        out.append(f"{n}. **{_md_inline(action_text(action, ctx))}** {_md_inline(cite(action.source_ids, numbers))}")
        note = action_note(action, ctx)  # the date to act by, or ready from, under its own item
        if note:
            out.append(f"   _{_md_inline(note)}_")
    waiting = waiting_text(do_now, ctx)
    if waiting is not None:
        sources = cite(waiting_sources(do_now), numbers)
        if do_now.lines:
            out.append("")
        out.append(f"**{_md_inline(waiting)}**" + (f" {_md_inline(sources)}" if sources else ""))
    out.append("")

    for group in checklist.depends:  # each "Depends on: …" is a section of its own
        out += [f"## {_md_inline(depends_title(group, ctx))}", ""]
        for question in group.questions:
            how = find_out_text(checklist, question, numbers, ctx)
            if how:
                out += [f"_{_md_inline(how)}_", ""]
        if not group.cases:
            out += [f"- {_md_inline(ctx.t('dates_open'))}", ""]
        for case in group.cases:
            out += [f"**{_md_inline(case_label(checklist, case, ctx))}{colon(ctx).rstrip()}**", ""]
            if not case.entries:
                out.append(f"- {_md_inline(ctx.t('case_nothing'))}")
            for entry in case.entries:
                due = f"{_md_inline(due_summary(entry.due, ctx, entry.act_by, entry.done))}{colon(ctx).rstrip()} " if entry.kind == "deadline" and entry.due else ""
                box = "[x]" if entry.done else "[ ]"
                out.append(f"- {box} **{_md_inline(kind_label(entry, ctx))}{colon(ctx).rstrip()}** {due}{_md_inline(ctx.text(entry.text))}{refs(entry)}")
                out += details(entry)
            out.append("")

    def section(heading_key: str, entries: Sequence[Entry], bullet: Callable[[int, Entry], str]) -> None:
        """One checklist section: its heading, then each entry as ``bullet`` words it, cited, with its details.

        What is done is ticked (``- [x]``); only what is left to do is numbered.
        """
        if not entries:
            return
        out.extend([f"## {ctx.t(heading_key)}", ""])
        n = 0
        for entry in entries:
            if not entry.done and not entry.info:
                n += 1
            out.append(f"{bullet(n, entry)}{_md_inline(ctx.text(entry.text))}{refs(entry)}")
            out.extend(details(entry))
        out.append("")

    def dated(entry: Entry) -> str:
        assert entry.due is not None
        return f"**{_md_inline(due_summary(entry.due, ctx, entry.act_by, entry.done))}{colon(ctx).rstrip()}** "

    def warning(entry: Entry) -> str:
        return f"**{ctx.t('warning_label')}{colon(ctx).rstrip()}** " if entry.kind == "warning" else ""

    def step(n: int, entry: Entry) -> str:
        if entry.done:
            return "- [x] "
        return "- " if entry.info else f"- [ ] **{n}.** "

    section("steps", checklist.steps, step)
    section("materials", checklist.materials, lambda n, entry: "- [x] " if entry.done else "- [ ] ")
    section("deadlines", checklist.deadlines, lambda n, entry: f"- {'[x]' if entry.done else '[ ]'} {dated(entry)}")
    section("expect", checklist.expectations, lambda n, entry: f"- {'[x] ' if entry.done else ''}{dated(entry)}")
    section("notes", checklist.notes, lambda n, entry: f"- {warning(entry)}")
    out += [f"## {ctx.t('sources')}", ""]
    for source in checklist.sources:
        citation = shown_citation(source, ctx)
        out.append(f"{numbers[source.id]}. **{_md_inline(ctx.text(source.title))}**" + (f" — {_md_inline(citation)}" if citation else ""))
    out += ["", "---", ""]
    if flow.reviewed:
        out += [f"_{ctx.t('reviewed', date=ctx.format_date(flow.reviewed))}_", ""]
    out += [f"_{ctx.t('disclaimer')}_", ""]
    return "\n".join(out)

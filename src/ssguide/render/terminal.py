"""The checklist on a terminal, through rich: styles, hanging indents, Chinese line breaking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.checklist import Checklist, Entry
from ..core.model import Question
from ..lang.i18n import format_date, locale, t
from . import (
    act_by_text, action_note, action_text, case_label, cite, colon, depends_title, due_summary, earlier_text, find_out_action,
    find_out_text, kind_label, overdue_text, shown_citation, situation_line, source_numbers, today_line, waiting_sources,
    waiting_text, why_text,
)

if TYPE_CHECKING:
    from rich.console import Console


def _fit(text: Any, width: int, lang: str, always: bool = False) -> Any:
    """Chinese text (any text if ``always``) cut into lines by ``cells.wrap_spans`` instead of rich's folding.

    rich folds a Chinese sentence (no spaces) wherever the line is full, so a
    line can start with "，" or "、". Cutting the styled text ourselves at the
    places ``wrap_spans`` chooses keeps punctuation where Chinese typesetting
    wants it, and the styles with it. Other languages keep rich's word wrap.
    """
    if not (always or locale(lang).breaks_anywhere) or width < 8:
        return text
    from rich.text import Text

    from ..lang.cells import wrap_spans

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


def situation_text(checklist: Checklist, lang: str, width: int) -> Any:
    """"Your situation: …" cut to ``width``, or None when no answer shaped the route.

    Cut by ``cells.wrap_spans`` in every language: rich's word wrap would
    start a line with the " · " between two answers, where it reads as a bullet.
    """
    from rich.text import Text

    situation = situation_line(checklist, lang)
    if not situation:
        return None
    return _fit(Text(f"{t('situation', lang)}{colon(lang)}{situation}", style="cyan"), width, lang, always=True)


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
    situation = situation_text(checklist, lang, width)
    if situation is not None:
        console.print(situation)
    today = today_line(checklist, lang)
    if today is not None:  # the dates below were weighed against it
        console.print(_fit(Text(today, style="dim"), width, lang))

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
            text.append(due_summary(entry.due, lang), style="dim" if entry.done else style_due)
            text.append("\n")
        text.append(entry.text.get(lang), style="dim" if entry.done else style)
        text.append(" " + cite(entry.source_ids, numbers), style="dim")
        earlier = earlier_text(entry, numbers, lang)
        if earlier:
            text.append("\n" + earlier, style="dim")
        still = overdue_text(entry, numbers, lang)
        if still:
            text.append(f"\n{t('overdue_label', lang)}{colon(lang)}{still}", style="bold")
        if why and entry.reasons:
            text.append(f"\n{t('why_label', lang)}{colon(lang)}{why_text(entry, lang)}", style="dim italic")
        return text

    def marker(entry: Entry) -> Text:
        """✓ for what is done; "!" for a warning; "•" for the rest (steps are numbered by ``section``)."""
        if entry.done:
            return Text("✓", style="bold green")
        if entry.kind == "warning":
            return Text("!", style="bold red")
        return Text("•")

    def section(key: str, entries: list[Entry]) -> None:
        if not entries:
            return
        console.print()
        console.print(Text(t(key, lang), style="bold underline"))
        rows = []
        n = 0
        for entry in entries:
            if key == "steps" and not entry.done and not entry.info:
                n += 1  # only what is left to do is numbered
                rows.append((Text(f"{n}.", style="bold"), body(entry)))
            else:
                rows.append((marker(entry), body(entry, style="bold" if entry.kind == "warning" else "")))
        console.print(grid(rows))

    do_now = checklist.do_this_now()
    console.print()
    console.print(Text(t("do_now", lang), style="bold underline"))
    rows = []
    for n, action in enumerate(do_now.lines, start=1):
        if isinstance(action, Question):
            rows.append((Text(f"{n}.", style="bold"), Text(find_out_action(action, lang), style="bold magenta")))
            continue
        line = Text(action_text(action, lang), style="bold red" if action.why in ("overdue", "ask") else "bold")
        line.append(" " + cite(action.source_ids, numbers), style="dim")
        note = action_note(action, lang) if action.why == "ready" else None
        if note:
            line.append("\n" + note, style="cyan")
        rows.append((Text(f"{n}.", style="bold"), line))
    if rows:
        console.print(grid(rows))
    waiting = waiting_text(do_now, lang)
    if waiting is not None:  # nothing to do but wait: one line, not numbered
        line = Text(waiting, style="bold cyan")
        sources = cite(waiting_sources(do_now), numbers)
        if sources:
            line.append(" " + sources, style="dim")
        console.print(_fit(line, width, lang))
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
                rows.append((marker(entry), text))
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

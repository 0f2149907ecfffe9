"""The checklist on a terminal, through rich: styles, hanging indents, Chinese line breaking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.checklist import Checklist, Entry
from ..core.model import Question
from . import (
    action_note, action_text, case_label, case_lines, cite, colon, depends_title, due_summary, earlier_text, find_out_action,
    find_out_sources, find_out_text, kind_label, overdue_text, shown_citation, situation_line, source_numbers, today_line,
    waiting_sources, waiting_text, why_text,
)
from .context import RenderContext

if TYPE_CHECKING:
    from rich.console import Console


def render(checklist: Checklist, ctx: RenderContext) -> str:
    """The checklist for a terminal: a blank line after the command, then ``layout``."""
    return "\n" + layout(checklist, ctx)


def layout(checklist: Checklist, ctx: RenderContext) -> str:
    """The checklist laid out at ``ctx.width`` columns, with escape codes for styles and colours as ``ctx`` allows."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=ctx.width,
        height=25,  # rich's default; a checklist is printed whole, whatever the terminal's height
        force_terminal=ctx.styles,
        color_system="standard" if ctx.styles else None,  # every colour used is one of the standard eight
        no_color=not ctx.colour,
        highlight=False,
        emoji=False,
        _environ={},  # the shell has read the environment (ctx.styles, ctx.colour): rich need not
    )
    print_checklist(checklist, console, ctx)
    return buffer.getvalue()


def _fit(text: Any, width: int, ctx: RenderContext, always: bool = False) -> Any:
    """Chinese text (any text if ``always``) cut into lines by ``cells.wrap_spans`` instead of rich's folding.

    rich folds a Chinese sentence (no spaces) wherever the line is full, so a
    line can start with "，" or "、". Cutting the styled text ourselves at the
    places ``wrap_spans`` chooses keeps punctuation where Chinese typesetting
    wants it, and the styles with it. Other languages keep rich's word wrap.
    """
    if not (always or ctx.locale.breaks_anywhere) or width < 8:
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


def situation_text(checklist: Checklist, ctx: RenderContext) -> Any:
    """"Your situation: …" cut to ``ctx.width``, or None when no answer shaped the route.

    Cut by ``cells.wrap_spans`` in every language: rich's word wrap would
    start a line with the " · " between two answers, where it reads as a bullet.
    """
    from rich.text import Text

    situation = situation_line(checklist, ctx)
    if not situation:
        return None
    return _fit(Text(f"{ctx.t('situation_label')}{situation}", style="cyan"), ctx.width, ctx, always=True)


def print_checklist(checklist: Checklist, console: Console, ctx: RenderContext) -> None:
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
    console.print(_fit(Text(ctx.text(flow.title), style="bold"), width, ctx))
    situation = situation_text(checklist, ctx)
    if situation is not None:
        console.print(situation)
    today = today_line(checklist, ctx)
    if today is not None:  # the dates below were weighed against it
        console.print(_fit(Text(today, style="dim"), width, ctx))

    def grid(rows: list[tuple[Text, Text]], indent: int = 0) -> Any:
        from rich.padding import Padding

        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(overflow="fold")
        marker_width = max((cell_len(marker.plain) for marker, _ in rows), default=1)
        for marker, text in rows:
            table.add_row(marker, _fit(text, width - indent - marker_width - 1, ctx))
        return Padding(table, (0, 0, 0, indent)) if indent else table

    def body(entry: Entry, style: str = "") -> Text:
        text = Text()
        if entry.kind == "deadline" and entry.due is not None:
            style_due = "bold red" if entry.due.past else ("bold yellow" if entry.due.must_act else "bold cyan")
            text.append(due_summary(entry.due, ctx, entry.act_by, entry.done), style="dim" if entry.done else style_due)
            text.append("\n")
        text.append(ctx.text(entry.text), style="dim" if entry.done else style)
        text.append(" " + cite(entry.source_ids, numbers), style="dim")
        earlier = earlier_text(entry, numbers, ctx)
        if earlier:
            text.append("\n" + earlier, style="dim")
        still = overdue_text(entry, numbers, ctx)
        if still:
            text.append(f"\n{ctx.t('overdue_label')}{colon(ctx)}{still}", style="bold")
        if ctx.why and entry.reasons:
            text.append(f"\n{ctx.t('why_label')}{colon(ctx)}{why_text(entry, ctx)}", style="dim italic")
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
        console.print(Text(ctx.t(key), style="bold underline"))
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
    console.print(Text(ctx.t("do_now"), style="bold underline"))
    rows = []
    for n, action in enumerate(do_now.lines, start=1):
        if isinstance(action, Question):
            line = Text(find_out_action(checklist, action, ctx), style="bold magenta")
            sources = cite(find_out_sources(checklist, action), numbers)
            if sources:
                line.append(" " + sources, style="dim")
            for dated in case_lines(checklist, action, do_now, ctx):  # what each answer would bring, dated
                line.append(f"\n{dated.label}{colon(ctx)}", style="bold")
                line.append(dated.text, style="bold red" if dated.why in ("overdue", "ask") else "")
                line.append(" " + cite(dated.source_ids, numbers), style="dim")
                if dated.note:
                    line.append("\n" + dated.note, style="cyan")
            rows.append((Text(f"{n}.", style="bold"), line))
            continue
        line = Text(action_text(action, ctx), style="bold red" if action.why in ("overdue", "ask") else "bold")
        line.append(" " + cite(action.source_ids, numbers), style="dim")
        note = action_note(action, ctx)  # the date to act by, or ready from, under its own item
        if note:
            line.append("\n" + note, style="bold yellow" if action.why == "act_by" else "cyan")
        rows.append((Text(f"{n}.", style="bold"), line))
    if rows:
        console.print(grid(rows))
    waiting = waiting_text(do_now, ctx)
    if waiting is not None:  # the date waited for (or that nothing is left): one line, not numbered
        line = Text(waiting, style="bold cyan")
        sources = cite(waiting_sources(do_now), numbers)
        if sources:
            line.append(" " + sources, style="dim")
        console.print(_fit(line, width, ctx))

    for group in checklist.depends:  # each "Depends on: …" is a section of its own, headed like the others
        console.print()
        console.print(_fit(Text(depends_title(group, ctx), style="bold underline"), width, ctx))
        for question in group.questions:
            how = find_out_text(checklist, question, numbers, ctx)
            if how:
                console.print(_fit(Text(how, style="magenta"), width, ctx))
        if not group.cases:
            console.print(grid([(Text("•"), Text(ctx.t("dates_open")))]))
        for case in group.cases:
            console.print(_fit(Text(f"→ {case_label(checklist, case, ctx)}{colon(ctx).rstrip()}", style="bold"), width, ctx))
            rows = []
            if not case.entries:
                rows.append((Text("•"), Text(ctx.t("case_nothing"), style="dim")))
            for entry in case.entries:
                text = Text(kind_label(entry, ctx) + colon(ctx), style="bold red" if entry.kind == "warning" else "bold")
                text.append_text(body(entry, style="bold" if entry.kind == "warning" else ""))
                rows.append((marker(entry), text))
            console.print(grid(rows, indent=2))

    section("steps", checklist.steps)
    section("materials", checklist.materials)
    section("deadlines", checklist.deadlines)
    section("expect", checklist.expectations)
    section("notes", checklist.notes)

    console.print()
    console.print(Text(ctx.t("sources"), style="bold underline"))
    rows = []
    for source in checklist.sources:
        line = Text(ctx.text(source.title))
        citation = shown_citation(source, ctx)
        if citation:
            line.append(f" — {citation}", style="dim")
        rows.append((Text(f"[{numbers[source.id]}]", style="dim"), line))
    console.print(grid(rows))
    console.print()
    if flow.reviewed:
        console.print(_fit(Text(ctx.t("reviewed", date=ctx.format_date(flow.reviewed)), style="dim"), width, ctx))
    console.print(_fit(Text(ctx.t("disclaimer"), style="dim"), width, ctx))

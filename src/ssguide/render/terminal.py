"""The checklist on a terminal, through rich: styles, hanging indents, Chinese line breaking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.checklist import Checklist, Entry
from ..lang.i18n import format_date, locale, t
from . import act_by_text, case_label, cite, colon, depends_title, due_summary, earlier_text, find_out_action, find_out_text, kind_label, shown_citation, situation_line, source_numbers, why_text

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

    for group in checklist.depends:  # each "Depends on: …" is a section of its own, headed like the others
        console.print()
        console.print(_fit(Text(depends_title(group, lang), style="bold underline"), width, lang))
        for question in group.questions:
            how = find_out_text(question, numbers, lang)
            if how:
                console.print(_fit(Text(how, style="magenta"), width, lang))
        if not group.cases:
            console.print(grid([(Text("•"), Text(t("dates_open", lang)))]))
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

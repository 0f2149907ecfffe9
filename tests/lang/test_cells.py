"""Terminal cell widths agree with wcwidth, the library prompt_toolkit and rich build on."""

from __future__ import annotations

import unicodedata

import pytest
import wcwidth
from hypothesis import given, settings
from hypothesis import strategies as st

from ssguide.lang.cells import cell_width, wrap_cells, wrap_spans
from support.context import context


@pytest.mark.parametrize(
    "text, cells",
    [("abc", 3), ("中文", 4), ("e\u0301", 1), ("👍", 2), ("a\u200bb", 2), ("ｱ", 1), ("社保卡，补办。", 14), ("한\u1161", 2)],
)
def test_examples(text: str, cells: int) -> None:
    assert cell_width(text) == cells == wcwidth.wcswidth(text)


def test_every_printable_character_of_the_basic_plane_counts_as_wcwidth_does() -> None:
    differ = []
    for code in range(0x20, 0x10000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or code == 0xAD:
            continue  # controls, surrogates, unassigned: never shown (safetext); the soft hyphen: terminals differ
        if cell_width(ch) != wcwidth.wcwidth(ch):
            differ.append(f"U+{code:04X}")
    # Unicode versions of the two tables differ a little at the edges.
    assert len(differ) < 200, differ[:20]


def test_a_combining_accent_does_not_shorten_a_wrapped_line() -> None:
    assert wrap_cells("cafe\u0301 " * 4, 10) == ["cafe\u0301 cafe\u0301", "cafe\u0301 cafe\u0301"]


SITUATIONS = {
    "en": "Your situation: Stay: A short trip (business, visiting relatives, travel) · Place of treatment: Another province · Emergency treatment: No · Networked hospital: Yes",
    "zh": "您的情况：外出情形：短期外出（出差、探亲、旅游） · 就医地：外省 · 已急诊抢救：否 · 联网医院：是",
}


@pytest.mark.parametrize("lang", sorted(SITUATIONS))
def test_a_separator_ends_a_line_and_never_starts_one(lang: str) -> None:
    """" · " between answers would read as a bullet at the start of a line; no line starts with a space either."""
    text = SITUATIONS[lang]
    for width in range(10, 100):
        lines = wrap_cells(text, width)
        assert all(cell_width(line) <= width for line in lines), (width, lines)
        assert not [line for line in lines if line.startswith(("·", " "))], (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)  # nothing lost


def test_the_situation_line_of_every_outcome_starts_no_line_with_a_separator() -> None:
    """As the terminal prints it, in both languages, at every width from 30 to 100 columns."""
    from datetime import date

    from ssguide.authoring import analysis
    from ssguide.core.checklist import build
    from ssguide.render.context import RenderContext
    from ssguide.render.terminal import situation_text
    from ssguide.shell.registry import bundled_flows, resolve

    today = date(2026, 11, 23)
    checked = 0
    for info in bundled_flows():
        flow = resolve(info.id)
        for outcome in analysis.analyse(flow, context(today)).outcomes:
            checklist = build(flow, outcome.answer_dict(), context(today))
            for lang in ("en", "zh"):
                for width in range(30, 101):
                    lines = situation_text(checklist, RenderContext.of(lang, today, width=width)).plain.split("\n")
                    assert all(cell_width(line) <= width for line in lines), (width, lines)
                    assert not [line for line in lines if line.startswith(("·", " "))], (lang, width, lines)
                    checked += 1
    assert checked > 5000


PIECES = [" ", "·", " · ", "中", "文", "否", "a", "App", "，", "。", "：", "（", "）", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.integers(2, 60))
def test_wrapping_any_text_keeps_to_the_width_and_loses_nothing(text: str, width: int) -> None:
    """The width comes first: the line-breaking rules give way when they cannot all hold ("（（（，" in 8 columns)."""
    lines = wrap_cells(text, width)
    assert all(cell_width(line) <= width for line in lines), (text, width, lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", ""), (text, width, lines)


RUN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:")


def split_runs(text: str, width: int) -> list[str]:
    """The runs of ASCII letters, digits and "-./:" (a date, a file name) that fit on a line and were cut over two."""
    split = []
    for (_, end), (start, _) in zip(wrap_spans(text, width), wrap_spans(text, width)[1:]):
        if start == end and text[end - 1] in RUN and text[end] in RUN:
            first, last = end, end
            while first > 0 and text[first - 1] in RUN:
                first -= 1
            while last < len(text) and text[last] in RUN:
                last += 1
            while last < len(text) and text[last] in "，。、；：？！）》」』】":  # no line starts with it: it goes with the run
                last += 1
            if cell_width(text[first:last]) <= width:
                split.append(text[first:last])
    return split


@pytest.mark.parametrize(
    "text",
    [
        "不是能识别的日期；请写成 2026-11-20、2026年11月20日、11月20日或“昨天”等",  # the date error at 40 columns: "2026-11-2" / "0、…"
        "把清单写入 PATH（.md、.json、.ics、.txt）；可重复。",  # --export in the Chinese --help: ".m" / "d、…"
        "给出一个回答；可重复；优先于 --answers。",
        "以 Mermaid 流程图或 Graphviz DOT 输出流程的问题路由，详见 https://mermaid.js.org/syntax/flowchart.html。",
    ],
)
def test_chinese_lines_break_around_a_date_or_a_name_not_inside_it(text: str) -> None:
    for width in range(12, 60):
        lines = wrap_cells(text, width)
        assert all(cell_width(line) <= width for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)
        assert not split_runs(text, width), (width, lines)


QUOTED = ["中", "文", "a", " ", "，", "。", "“", "”", "「", "」", "『", "』", "‘", "’"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(QUOTED), max_size=60).map("".join), st.integers(2, 40))
def test_no_wrapped_line_starts_with_a_closing_quote(text: str, width: int) -> None:
    """Review 2, item 22: 」 and ” close what came before, so they stay on its line, as "，" and "）" do. The width
    comes first: only a line of one character before it (nothing to carry over) leaves one at a line's start.
    Spaces as a paragraph has them: single, between words (a leading space or a run of spaces before a chain
    of closing marks exactly as wide as the line is a case of its own, with nothing to carry over either)."""
    text = " ".join(text.split())
    lines = wrap_cells(text, width)
    assert all(cell_width(line) <= width for line in lines), (text, width, lines)
    for before, line in zip(lines, lines[1:]):
        if line[:1] and line[:1] in "」』”’":
            assert len(before.strip()) <= 1, (text, width, lines)


def test_a_closing_quote_after_several_spaces_stays_with_what_it_closes() -> None:
    """The space before a closing quote is no break, however many there are (the first thing after them decides)."""
    assert wrap_cells("the App  ” here", 8) == ["the", "App  ”", "here"]


def test_a_long_run_of_spaces_before_a_closing_quote_is_wrapped_in_linear_time() -> None:
    """Review: asking each space of a run whether it may break scanned the rest of the run every time:
    32,000 spaces took 45 s (a usage error echoing an argument reached it). Counted in work, not seconds."""
    from support.budget import cpu_budget

    text = "x" + " " * 32_000 + "” y"
    with cpu_budget(1.0):
        lines = wrap_cells(text, 40)
    assert all(cell_width(line) <= 40 for line in lines)

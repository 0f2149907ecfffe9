"""The `--export out.md` file, read back as Markdown: the structure a reader (or GitHub) sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from support.cli import invoke
from support.context import context

# On this day the card is ready to collect: Do this now holds that step (the subsidy question, asked before the
# forms went in, is done once card-making is accepted).
ANSWERS_TODAY = "2026-12-07"
ANSWERS = {
    "route": "registered_elsewhere",
    "low_income": "yes",
    "card_accepted": "yes",
    "accepted_on": "2026-11-02",
}
DISCLAIMER = "This checklist is guidance, not legal advice."


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("md") / "card.md"
    args = [x for qid, value in ANSWERS.items() for x in ("--set", f"{qid}={value}")]
    result = invoke("apply-child", *args, "--export", str(out), "--format", "json", today=ANSWERS_TODAY)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8"), json.loads(result.stdout)


@pytest.fixture(scope="module")
def tokens(exported) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(exported[0])


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token (escapes undone, emphasis dropped)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def headings(tokens: list[Token], level: str) -> list[str]:
    return [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == level]


def section(tokens: list[Token], title: str) -> list[Token]:
    """The tokens between the h2 called ``title`` and the next h2."""
    start = None
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.tag == "h2":
            if start is not None:
                return tokens[start:i]
            if inline_text(tokens[i + 1]) == title:
                start = i + 3
    assert start is not None, f"no section {title!r}"
    return tokens[start:]


def top_level_items(tokens: list[Token]) -> list[str]:
    """Text of the first paragraph of each item of the section's first (outer) list."""
    items = []
    depth = 0
    for i, t in enumerate(tokens):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif t.type == "list_item_open" and depth == 1:
            # list_item_open, paragraph_open, inline
            items.append(inline_text(tokens[i + 2]))
    return items


def test_title_is_the_only_h1(tokens) -> None:
    assert headings(tokens, "h1") == ["Apply for a child's medical insurance card"]


def test_sections_in_order(tokens) -> None:
    assert headings(tokens, "h2") == [
        "Your answers",
        "Do this now",
        "Steps",
        "Materials to bring",
        "What to expect",
        "Notes and warnings",
        "Sources",
    ]


def test_do_this_now_is_a_short_numbered_list_of_the_first_actions(tokens, exported) -> None:
    data = exported[1]
    part = section(tokens, "Do this now")
    assert part[0].type == "ordered_list_open"
    items = top_level_items(part)
    assert 1 <= len(items) <= 3
    assert [i.rsplit(" [", 1)[0] for i in items] == [a["text"] for a in data["do_now"]["actions"]]


def test_steps_are_a_task_list_ticked_where_done_and_numbered_where_left_to_do(tokens, exported) -> None:
    """Issue 20: a done step is ticked (``- [x]``), information has no box, what is left is numbered from 1."""
    data = exported[1]
    items = top_level_items(section(tokens, "Steps"))
    assert len(items) == len(data["steps"]) == 6
    n = 0
    for item, step in zip(items, data["steps"]):
        if step["done"]:
            prefix = "[x] "
        elif step["info"]:
            prefix = ""
        else:
            n += 1
            prefix = f"[ ] {n}. "
        assert item.startswith(prefix), item
        # The text survives Markdown escaping exactly, followed by its citations.
        assert item[len(prefix):].startswith(step["text"] + " [")
    # Card-making accepted: what came before is done, the subsidy question too (asked before the forms go in: it
    # changes the fee); collecting the card is left.
    assert [s["done"] for s in data["steps"]] == [True, True, True, True, True, False] and n == 1


def test_materials_are_a_task_list(tokens, exported) -> None:
    data = exported[1]
    items = top_level_items(section(tokens, "Materials to bring"))
    assert len(items) == len(data["materials"]) == 4
    for item, material in zip(items, data["materials"]):
        box = "[x] " if material["done"] else "[ ] "
        assert item.startswith(box + material["text"] + " ["), item
    assert all(m["done"] for m in data["materials"]), "handed in with the application"


def test_the_card_to_wait_for_has_its_date_under_what_to_expect(tokens) -> None:
    (item,) = top_level_items(section(tokens, "What to expect"))
    assert not item.startswith("[ ] "), "nothing to tick: the user waits for it"
    assert "2026-11-30" in item and "2026-11-02" in item


def test_notes_keep_special_characters(tokens, exported) -> None:
    data = exported[1]
    items = top_level_items(section(tokens, "Notes and warnings"))
    assert len(items) == len(data["notes"])
    texts = [n["text"] for n in data["notes"]]
    # One note has `backticks`: escaped in the file, so they read as written.
    assert any("`ssguide offsite`" in t for t in texts)
    for item, text in zip(items, texts):
        assert text in item, (text, item)


def test_answers_table_has_a_row_per_answer_with_its_label(tokens, exported) -> None:
    data = exported[1]
    table = section(tokens, "Your answers")
    assert table[0].type == "table_open"
    cells: list[str] = []
    for i, t in enumerate(table):
        if t.type in ("th_open", "td_open"):
            cells.append(inline_text(table[i + 1]))
        if t.type == "table_close":
            break
    header, body = cells[:2], cells[2:]
    assert header == ["Question", "Answer"]
    rows = [tuple(body[i : i + 2]) for i in range(0, len(body), 2)]
    assert rows == [(a["question"], a["label"]) for a in data["answers"].values()]
    assert [r[1] for r in rows] == [
        "Under 18, household registered outside the city",  # the label, not "registered_elsewhere"
        "Yes",
        "Yes",
        "2026-11-02",
    ]


def test_sources_are_numbered(tokens, exported) -> None:
    data = exported[1]
    part = section(tokens, "Sources")
    assert part[0].type == "ordered_list_open"
    items = top_level_items(part)
    assert len(items) == len(data["sources"])
    for item, source in zip(items, data["sources"]):
        # The citation follows the title unless the title already says it (the editors' note).
        shown = source["title"] if source["citation"] in source["title"] else f"{source['title']} — {source['citation']}"
        assert item == shown


def test_citations_point_at_listed_sources(exported) -> None:
    text, data = exported
    for n in range(1, len(data["sources"]) + 1):
        assert f"\\[{n}\\]" in text
    assert f"\\[{len(data['sources']) + 1}\\]" not in text


def test_disclaimer_is_present(tokens) -> None:
    paragraphs = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert any(p.startswith(DISCLAIMER) for p in paragraphs)
    assert any(t.type == "hr" for t in tokens)


def test_chinese_export(tmp_path: Path) -> None:
    out = tmp_path / "zh.md"
    args = [x for qid, value in ANSWERS.items() for x in ("--set", f"{qid}={value}")]
    result = invoke("apply-child", *args, "--export", str(out), lang="zh_CN.UTF-8", today=ANSWERS_TODAY)
    assert result.returncode == 0, result.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(out.read_text(encoding="utf-8"))
    assert headings(tokens, "h1") == ["申领少儿医保卡"]
    assert headings(tokens, "h2")[:4] == ["您的回答", "现在就办", "步骤", "需带材料"]
    steps = top_level_items(section(tokens, "步骤"))
    assert steps[0].startswith("[x] 孩子的户籍在本市以外，应到户籍所在地的社保经办机构办理")
    assert steps[1].startswith("[x] 向孩子户籍所在地社保经办机构咨询")
    assert steps[-1].startswith("[ ] 1. 到社保征收机构领取少儿医保卡")


# ---------------------------------------------------------------- escaping, on a small flow


SMALL = """\
id: t
title: "T *with* `marks`"
sources:
  - {id: s1, title: "S1 | pipe", citation: "c_1 <x>"}
questions:
  - id: q
    type: text
    text: "What | why?"
items:
  - id: n1
    kind: note
    text: "2007. That year the first batch applied."
    source: s1
  - id: n2
    kind: note
    text: "+ a plus sign comes first"
    source: s1
  - id: n3
    kind: note
    text: "# not a heading"
    source: s1
  - id: m1
    kind: material
    text: "A *starred* [bracketed] <tagged> thing_with_underscores"
    source: s1
"""


@pytest.fixture(scope="module")
def small_tokens() -> list[Token]:
    from datetime import date

    from ssguide.core import checklist
    from ssguide.core.loader import parse_flow
    from ssguide.render.context import RenderContext
    from ssguide.render.markdown import render

    flow = parse_flow(SMALL, "t.yaml")
    built = checklist.build(flow, {"q": "a \\ b | c *d*"}, context(date(2026, 11, 23)))
    return MarkdownIt("commonmark").enable("table").parse(render(built, RenderContext.of("en", date(2026, 11, 23))))


def test_special_characters_survive_in_title_table_and_items(small_tokens) -> None:
    assert headings(small_tokens, "h1") == ["T *with* `marks`"]
    table = section(small_tokens, "Your answers")
    cells = [inline_text(table[i + 1]) for i, t in enumerate(table) if t.type in ("th_open", "td_open")]
    assert cells == ["Question", "Answer", "What | why?", "a \\ b | c *d*"]
    (material,) = top_level_items(section(small_tokens, "Materials to bring"))
    assert material.startswith("[ ] A *starred* [bracketed] <tagged> thing_with_underscores [1]")
    (source,) = top_level_items(section(small_tokens, "Sources"))
    assert source == "S1 | pipe — c_1 <x>"


def test_note_text_that_looks_like_a_list_marker_stays_text(small_tokens) -> None:
    notes = section(small_tokens, "Notes and warnings")
    # One flat bullet list: a note starting "2007. " or "+ " must not open a nested list.
    nested = [t.type for t in notes[1:] if t.type in ("bullet_list_open", "ordered_list_open")]
    assert nested == [], "a note's text became a nested list"
    items = top_level_items(notes)
    assert items[0].startswith("2007. That year the first batch applied."), items
    assert items[1].startswith("+ a plus sign comes first"), items
    assert items[2].startswith("# not a heading"), items


def test_every_bold_of_every_golden_outcome_reads_as_bold() -> None:
    """A review: ``**【您的情况】**在…`` showed its asterisks (CommonMark closes ``**`` after punctuation only
    before a space or punctuation). Every outcome of every flow, in both languages, rendered: no ``**`` is left."""
    golden = sorted((Path(__file__).resolve().parents[1] / "golden").glob("*.md"))
    assert golden
    md = MarkdownIt("commonmark")
    for path in golden:
        html = md.render(path.read_text(encoding="utf-8"))
        left = [line for line in html.splitlines() if "**" in line]
        assert not left, (path.name, left[:3])
    zh = md.render(invoke("apply-child", "--set", "route=school", "--set", "low_income=no", "--set", "poor_family=no", "--set",
                          "card_accepted=no", "--no-input", "--format", "markdown", "--lang", "zh", today=ANSWERS_TODAY).stdout)
    assert "【<strong>您的情况</strong>】" in zh

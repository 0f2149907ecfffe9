"""The flow loader: every error names file:line:col of what is wrong; hostile YAML is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssguide.core.model import FlowError, Problem
from ssguide.core.loader import parse_flow
from ssguide.shell.registry import load_flow

from support.budget import cpu_budget
from support.cli import FLOWS

# Line numbers below refer to this text; keep it in sync with the tests.
BASE = """\
id: t
title: T
sources:
  - id: s1
    title: S1
    citation: c1
questions:
  - id: route
    type: choice
    text: Route?
    choices:
      - value: a
        label: A
      - value: b
        label: B
    next: when
  - id: when
    type: date
    text: When?
items:
  - id: i1
    kind: step
    text: Do it
    source: s1
"""
# line 16: "    next: when"; line 24: "    source: s1"


def line_of(text: str, needle: str) -> int:
    """1-based line of the (single) line containing needle."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def errors(text: str, name: str = "t.yaml") -> list[Problem]:
    with pytest.raises(FlowError) as info:
        parse_flow(text, name)
    problems = info.value.problems
    assert problems, "FlowError without problems"
    # The exception text is what the CLI prints: one "file:line:col: message" per problem.
    assert str(info.value).splitlines() == [str(p) for p in problems]
    return problems


def only_error(text: str) -> Problem:
    problems = errors(text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_base_flow_is_valid() -> None:
    flow = parse_flow(BASE, "t.yaml")
    assert flow.id == "t" and list(flow.questions) == ["route", "when"]
    assert flow.start == "route"


def test_unknown_key_with_did_you_mean() -> None:
    text = BASE.replace("    next: when", "    nxt: when")
    p = only_error(text)
    assert (p.pos.file, p.pos.line, p.pos.col) == ("t.yaml", 16, 5)
    assert "unknown key 'nxt'" in str(p.message)
    assert "did you mean 'next'?" in str(p.message)
    assert str(p).startswith("t.yaml:16:5: ")


def test_unknown_top_level_key() -> None:
    p = only_error(BASE.replace("title: T\n", "title: T\ntitel: U\n"))
    assert (p.pos.line, p.pos.col) == (3, 1)
    assert "did you mean 'title'?" in str(p.message)


def test_missing_translation_for_a_declared_language() -> None:
    text = BASE.replace("title: T\n", "title: {en: T, zh: 标题}\nlanguages: [en, zh]\n").replace(
        "    text: Do it\n", "    text:\n      en: Do it\n"
    )
    p = only_error(text)
    # The mapping of texts, which lacks zh, starts on the `en:` line.
    assert (p.pos.line, p.pos.col) == (line_of(text, "en: Do it"), 7) == (25, 7)
    assert "'zh'" in str(p.message) and "i1" in str(p.message)


def test_missing_translation_of_a_choice_label() -> None:
    text = BASE.replace("title: T\n", "title: {en: T, zh: 标题}\nlanguages: [en, zh]\n").replace(
        "        label: B\n", "        label: {en: B}\n"
    )
    p = only_error(text)
    assert p.pos.line == line_of(text, "label: {en: B}")
    assert "'zh'" in str(p.message) and "'b'" in str(p.message)


def test_plain_strings_count_for_every_language() -> None:
    parse_flow(BASE.replace("title: T\n", "title: T\nlanguages: [en, zh]\n"), "t.yaml")


def test_dangling_next() -> None:
    p = only_error(BASE.replace("    next: when", "    next: whne"))
    assert (p.pos.line, p.pos.col) == (16, 11)
    assert "'whne'" in str(p.message) and "not a question" in str(p.message)
    assert "did you mean 'when'?" in str(p.message)


def test_dangling_next_in_a_rule() -> None:
    text = BASE.replace("    next: when", "    next:\n      - when: {route: a}\n        goto: nowhere\n      - goto: end")
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (line_of(text, "goto: nowhere"), 15)


def test_dangling_source_points_at_the_source_value() -> None:
    text = BASE.replace("    source: s1", "    source: s2")
    p = only_error(text)
    assert "'s2'" in str(p.message) and "not declared" in str(p.message)
    # The offending value is `s2` on line 24, column 13.
    assert (p.pos.line, p.pos.col) == (24, 13), str(p)


def test_dangling_update_source() -> None:
    text = BASE + "    updates:\n      - source: nope\n        text: Changed\n"
    p = only_error(text)
    assert p.pos.line == line_of(text, "source: nope")
    assert "'nope'" in str(p.message)


def test_update_condition_on_an_unknown_question_is_reported_where_it_is() -> None:
    text = BASE + "    updates:\n      - source: s1\n        when: {rout: a}\n        text: Changed\n"
    p = only_error(text)
    # Pointed at as an item's `when` is: the line of the condition, the compared value's column.
    assert (p.pos.line, p.pos.col) == (line_of(text, "when: {rout: a}"), 22), str(p)
    assert "'rout'" in str(p.message) and "route" in str(p.message)


def test_update_condition_on_an_unknown_value_is_reported_where_it_is() -> None:
    text = BASE + "    updates:\n      - source: s1\n        when: {route: c}\n        text: Changed\n"
    p = only_error(text)
    assert p.pos.line == line_of(text, "when: {route: c}"), str(p)
    assert "'c'" in str(p.message)


def test_update_with_a_list_of_sources_checks_each() -> None:
    text = BASE + "    updates:\n      - source: [s1, s9]\n        when: {route: b}\n        text: Changed\n"
    p = only_error(text)
    assert p.pos.line == line_of(text, "source: [s1, s9]") and "'s9'" in str(p.message)
    flow = parse_flow(text.replace("s9", "s1"), "t.yaml")
    (update,) = flow.items[0].updates
    assert update.sources == ("s1", "s1") and update.when is not None


def test_routing_cycle() -> None:
    text = BASE.replace("    text: When?\n", "    text: When?\n    next: route\n")
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (20, 11)
    assert "cycle" in str(p.message)


def test_self_loop_is_a_cycle() -> None:
    text = BASE.replace("    next: when", "    next: route")
    assert any("cycle" in str(p.message) and p.pos.line == 16 for p in errors(text))


def test_duplicate_question_id() -> None:
    text = BASE.replace("    next: when\n", "    next: when\n  - id: route\n    type: yesno\n    text: Again?\n")
    problems = errors(text)
    dup = [p for p in problems if "duplicate question id 'route'" in str(p.message)]
    assert len(dup) == 1
    assert dup[0].pos.line == 17
    assert "t.yaml:8:" in str(dup[0].message)  # says where the first one is


def test_duplicate_item_id() -> None:
    text = BASE + "  - id: i1\n    kind: note\n    text: Again\n    source: s1\n"
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (25, 9)
    assert "duplicate item id 'i1'" in str(p.message) and "t.yaml:21:" in str(p.message)


def test_duplicate_source_id() -> None:
    text = BASE.replace("    citation: c1\n", "    citation: c1\n  - id: s1\n    title: S1 again\n    citation: c2\n")
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (7, 9)
    assert "duplicate source id 's1'" in str(p.message)


def test_duplicate_mapping_key() -> None:
    p = only_error(BASE.replace("title: T\n", "title: T\ntitle: U\n"))
    assert (p.pos.line, p.pos.col) == (3, 1)
    assert "duplicate key 'title'" in str(p.message)


@pytest.mark.parametrize(
    ("anchor", "words"),
    [
        ("{question: nope}", "question 'nope', which does not exist"),
        ("{question: route}", "a choice question; it must be a date question"),
        ("{item: nope}", "item 'nope', which does not exist"),
        ("{item: i1}", "anchored to each other in a circle"),
        ("somewhere", "deadline needs from:"),
    ],
)
def test_bad_deadline_anchor(anchor: str, words: str) -> None:
    text = BASE + f"    deadline:\n      from: {anchor}\n      after: {{days: 3}}\n"
    p = only_error(text)
    assert words in str(p.message)
    assert (p.pos.line, p.pos.col) == (26, 13)


def test_deadline_anchored_to_an_item_without_a_deadline() -> None:
    text = BASE + "  - id: i2\n    kind: deadline\n    text: Later\n    source: s1\n    deadline:\n      from: {item: i1}\n      after: {days: 3}\n"
    p = only_error(text)
    assert "item 'i1', which has no deadline of its own" in str(p.message)
    assert (p.pos.line, p.pos.col) == (30, 13)


def test_good_deadline_anchor() -> None:
    parse_flow(BASE + "    deadline:\n      from: {question: when}\n      after: {working_days: 20}\n", "t.yaml")


def test_bad_deadline_unit() -> None:
    p = only_error(BASE + "    deadline:\n      from: {question: when}\n      after: {workdays: 20}\n")
    assert p.pos.line == 27 and "did you mean 'working_days'?" in str(p.message)


def test_python_object_tag_is_refused() -> None:
    text = BASE.replace("    citation: c1", "    citation: !!python/object/apply:os.system [echo hi]")
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (6, 15)
    assert "!!python/object/apply:os.system" in str(p.message) and "not allowed" in str(p.message)


def test_local_tags_are_refused_too() -> None:
    p = only_error(BASE.replace("    citation: c1", "    citation: !custom c1"))
    assert p.pos.line == 6 and "not allowed" in str(p.message)


def test_merge_keys_are_refused() -> None:
    p = only_error(BASE.replace("  - id: s1\n", "  - <<: {id: s1}\n"))
    assert p.pos.line == 4 and "merge keys" in str(p.message)


def test_yaml_syntax_error_has_a_position() -> None:
    text = BASE.replace('    title: S1', '    title: "S1')
    p = only_error(text)
    assert str(p.message).startswith("YAML syntax error")
    assert p.pos.file == "t.yaml"
    assert p.pos.line >= 5  # where the parser noticed, at or after the open quote
    assert p.pos.line <= len(text.splitlines()) + 1


def test_yaml_syntax_error_exact_position() -> None:
    text = "id: t\ntitle: T\nsources:\n  - id: s1\n   title: bad indent\n"
    p = only_error(text)
    assert str(p.message).startswith("YAML syntax error")
    assert (p.pos.line, p.pos.col) == (5, 4)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):  # 10**10 values if expanded
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    with cpu_budget(2.0, "refusing the alias bomb"):
        p = only_error(text)
    assert "alias" in str(p.message)
    assert p.pos.file == "t.yaml"


def test_small_aliases_are_fine() -> None:
    text = BASE.replace("    text: Do it\n", "    text: &t Do it\n") + "  - id: i2\n    kind: note\n    text: *t\n    source: s1\n"
    flow = parse_flow(text, "t.yaml")
    assert flow.item("i2").text.get("en") == "Do it"


def test_nesting_deeper_than_64_is_refused() -> None:
    text = "id: " + "[" * 70 + "]" * 70 + "\n"
    p = only_error(text)
    assert "nested more than 64 levels" in str(p.message)
    assert p.pos.line == 1


def test_nesting_of_block_mappings_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n"
    with cpu_budget(2.0, "refusing deep nesting"):
        p = only_error(text)
    assert "nested more than 64 levels" in str(p.message)
    assert 60 <= p.pos.line <= 70


def test_file_over_8_mib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (8 * 1024 * 1024) + b"\n")
    with cpu_budget(0.5, "refusing a file over 8 MiB"), pytest.raises(FlowError) as info:  # read no further than the limit
        load_flow(path)
    (p,) = info.value.problems
    assert "larger than 8 MiB" in str(p.message)
    assert (p.pos.file, p.pos.line, p.pos.col) == (str(path), 1, 1)


def test_file_just_under_8_mib_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    padding = 8 * 1024 * 1024 - len(BASE.encode()) - 10
    path.write_bytes(BASE.encode() + b"# " + b"x" * padding + b"\n")
    assert load_flow(path).id == "t"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- a\n- b\n", "must be a mapping"),
        ("just a string\n", "must be a mapping"),
        ("42\n", "must be a mapping"),
    ],
)
def test_not_a_mapping(text: str, words: str) -> None:
    p = only_error(text)
    assert words in str(p.message)
    assert (p.pos.line, p.pos.col) == (1, 1)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    p = only_error(text)
    assert "empty" in str(p.message)
    assert (p.pos.file, p.pos.line, p.pos.col) == ("t.yaml", 1, 1)


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("")
    with pytest.raises(FlowError) as info:
        load_flow(path)
    assert "empty" in str(info.value) and str(path) in str(info.value)


def test_every_error_is_reported_at_once() -> None:
    text = (
        BASE.replace("    next: when", "    next: whne")
        .replace("    source: s1", "    source: s2")
        .replace("    kind: step", "    kind: stpe")
    )
    messages = [str(p.message) for p in errors(text)]
    assert any("'whne'" in m for m in messages)
    assert any("stpe" in m for m in messages)
    assert len(messages) >= 2


def test_bad_condition_in_an_item_is_reported_with_its_line() -> None:
    text = BASE.replace("    kind: step\n", "    kind: step\n    when: {route: c}\n")
    p = only_error(text)
    assert p.pos.line == 23
    assert "'c' is not one of its choices" in str(p.message)


def test_condition_on_a_missing_question() -> None:
    text = BASE.replace("    kind: step\n", "    kind: step\n    when: {rout: a}\n")
    p = only_error(text)
    assert p.pos.line == 23 and "'rout'" in str(p.message)


# ---------------------------------------------------------------- the bundled flows


BUNDLED = sorted(FLOWS.glob("*.yaml"))


def test_there_are_bundled_flows() -> None:
    assert "apply-child.yaml" in [p.name for p in BUNDLED]


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_flow_loads(path: Path) -> None:
    flow = load_flow(path)
    assert flow.questions and flow.items and flow.sources
    # Every item cites a declared source, and every text has every declared language.
    for item in flow.items:
        assert item.sources and all(s in flow.sources for s in item.sources)
        for lang in flow.languages:
            assert item.text.has(lang), (item.id, lang)
    for question in flow.questions.values():
        for lang in flow.languages:
            assert question.text.has(lang), (question.id, lang)


@pytest.mark.parametrize("tagged", ["!!str [echo, hi]", "!!str {a: b}", "!<tag:yaml.org,2002:str> [a]"])
def test_a_string_tag_on_a_list_or_mapping_is_refused_with_its_position(tagged: str) -> None:
    # Once an internal error (exit 70): the string fast path read the list's nodes as text.
    p = only_error(BASE.replace("    citation: c1", f"    citation: {tagged}"))
    assert (p.pos.line, p.pos.col) == (6, 15)
    assert "not allowed" in str(p.message)


# ---------------------------------------------------------------- progress and late cases


def test_done_when_is_checked_like_every_condition_at_its_line_and_column() -> None:
    text = BASE + "    done_when: {rout: a}\n"
    p = only_error(text)
    assert (p.pos.line, p.pos.col) == (line_of(text, "done_when: {rout: a}"), 23), str(p)
    assert "'rout'" in str(p.message) and "route" in str(p.message)
    value = only_error(BASE + "    done_when: {route: c}\n")
    assert value.pos.line == line_of(BASE + "    done_when: {route: c}\n", "done_when") and "'c'" in str(value.message)
    flow = parse_flow(BASE + "    done_when: {route: a}\n", "t.yaml")
    assert flow.items[0].done_when is not None


def test_info_is_for_steps_only() -> None:
    assert parse_flow(BASE + "    info: true\n", "t.yaml").items[0].info is True
    note = BASE.replace("kind: step", "kind: note") + "    info: true\n"
    p = only_error(note)
    assert p.pos.line == line_of(note, "info: true") and "only a step" in str(p.message)
    p = only_error(BASE + "    info: sometimes\n")
    assert "info must be true or false" in str(p.message)


DATED = BASE + (
    "  - id: ready\n    kind: deadline\n    text: Ready\n    source: s1\n"
    "    deadline: {from: {question: when}, after: {working_days: 20}, meaning: ready_from}\n"
)


def test_waits_for_names_a_dated_item() -> None:
    ok = DATED.replace("    source: s1\n  - id: ready", "    source: s1\n    waits_for: ready\n  - id: ready")
    assert parse_flow(ok, "t.yaml").items[0].waits_for == "ready"
    typo = ok.replace("waits_for: ready", "waits_for: redy")
    p = only_error(typo)
    assert (p.pos.line, p.pos.col) == (line_of(typo, "waits_for: redy"), 16) and "'ready'" in str(p.message), str(p)
    undated = ok.replace("waits_for: ready", "waits_for: i2") + "  - {id: i2, kind: step, text: Then, source: s1}\n"
    p = only_error(undated)
    assert p.pos.line == line_of(undated, "waits_for: i2") and "'i2', which has no deadline" in str(p.message), str(p)
    itself = ok.replace("waits_for: ready", "waits_for: i1")
    assert "not an item" in str(only_error(itself).message)
    material = ok.replace("kind: step", "kind: material")
    assert "only a step can wait for a date" in str(only_error(material).message)


def test_overdue_needs_a_deadline_a_text_and_declared_sources() -> None:
    with_overdue = DATED + "    overdue: {source: s1, text: Ask the agency.}\n"
    assert parse_flow(with_overdue, "t.yaml").item("ready").overdue.sources == ("s1",)
    p = only_error(BASE + "    overdue: {source: s1, text: Ask.}\n")
    assert p.pos.line == line_of(BASE + "    overdue: {source: s1, text: Ask.}\n", "overdue") and "no deadline" in str(p.message)
    undeclared = with_overdue.replace("overdue: {source: s1", "overdue: {source: s2")
    p = only_error(undeclared)
    assert p.pos.line == line_of(undeclared, "overdue:") and "'s2'" in str(p.message)


def test_unsure_in_a_condition_is_for_routing_rules_of_a_question_that_allows_it() -> None:
    routing = BASE.replace("    next: when\n", "    unsure: true\n    next:\n      - when: {route: {unsure: true}}\n        goto: end\n      - goto: when\n")
    assert parse_flow(routing.replace("    unsure: true\n    next:", "    unsure: true\n    how_to_find_out: {source: s1, text: Ask.}\n    next:"), "t.yaml")
    not_allowed = routing.replace("    unsure: true\n    next:", "    next:")
    p = only_error(not_allowed)
    assert p.pos.line == line_of(not_allowed, "{route: {unsure: true}}") and "never answered 'not sure'" in str(p.message)
    in_item = routing + "    when: {route: {unsure: true}}\n"
    p = only_error(in_item)
    assert p.pos.line == line_of(in_item, "    when: {route: {unsure: true}}") and "routing rules only" in str(p.message)


# ---------------------------------------------------------------- {flow:ID}: a text pointing at another flow


def test_a_pointer_at_another_flow_is_checked_against_the_flows_there_are() -> None:
    text = BASE.replace("    text: Do it\n", '    text: "Do it ({flow:offsit})."\n')
    with pytest.raises(FlowError) as info:
        parse_flow(text, "t.yaml", flows={"offsite", "card"})
    [p] = info.value.problems
    # Where the pointer is: line 23, the column of its "{".
    assert (p.pos.line, p.pos.col) == (23, 19), str(p)
    assert str(p.message) == "item 'i1' text points at flow 'offsit' ({flow:offsit}), which is not a bundled flow (did you mean 'offsite'?)"
    assert "没有这个内置流程" in p.render("zh")
    flow = parse_flow(text.replace("offsit}", "offsite}"), "t.yaml", flows={"offsite", "card"})
    assert flow.items[0].text.get("en") == "Do it ({flow:offsite})."


def test_a_malformed_pointer_or_one_where_none_may_be_is_an_error_where_it_is() -> None:
    malformed = errors(BASE.replace("    text: Do it\n", '    text: "Do it {flow:off site}"\n'))
    assert [(p.pos.line, p.pos.col, "not a reference to a flow" in str(p.message)) for p in malformed] == [(23, 18, True)]
    in_a_question = errors(BASE.replace("    text: Route?\n", '    text: "Route? {flow:card}"\n'), "t.yaml")
    assert [(p.pos.line, "only an item's text" in str(p.message)) for p in in_a_question] == [(10, True)]


def test_the_terminal_words_a_pointer_and_the_web_may_keep_it() -> None:
    from datetime import date

    from ssguide.core.context import Context
    from ssguide.lang.i18n import LocalText

    text = LocalText.of({"en": "First file ({flow:offsite}).", "zh": "先备案（{flow:offsite}）。"})
    assert Context.of("en", date(2026, 1, 1)).text(text) == "First file (run `ssguide offsite`)."
    assert Context.of("zh", date(2026, 1, 1)).text(text) == "先备案（可运行 `ssguide offsite`）。"
    assert Context.of("en", date(2026, 1, 1), flow_links=True).text(text) == "First file ({flow:offsite})."


def test_validate_names_a_pointer_at_no_bundled_flow_where_it_is(tmp_path: Path) -> None:
    from support.cli import run_cli

    path = tmp_path / "mine.yaml"
    path.write_text(BASE.replace("    text: Do it\n", '    text: "Do it ({flow:offsite}), then ({flow:nowhere})."\n'), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f"{path}:23:42: item 'i1' text points at flow 'nowhere' ({{flow:nowhere}}), which is not a bundled flow" in result.stderr
    assert "offsite" not in result.stderr.replace("'nowhere'", "")


# ---------------------------------------------------------------- help and how to find out that depend on the answers

# BASE's date question with a help and a how-to-find-out for each route, and one for any route after them.
BY_ROUTE = BASE.replace("    text: When?\n", """\
    text: When?
    help:
      - when: {route: a}
        text: On route A, ask A.
      - text: Ask anyone.
    unsure: true
    how_to_find_out:
      - when: {route: a}
        source: s1
        text: Ask A.
      - when: {route: b}
        source: [s1]
        what: when it was
        text: Ask B.
""")


def test_help_and_how_to_find_out_may_be_lists_of_variants_each_with_a_condition() -> None:
    from datetime import date

    from ssguide.core.qtypes import UNSURE
    from support.context import context

    ctx = context(date(2026, 11, 23))
    question = parse_flow(BY_ROUTE, "t.yaml").questions["when"]
    assert [h.text.get("en") for h in question.help] == ["On route A, ask A.", "Ask anyone."]
    assert question.help_for({"route": "a"}, ctx).get("en") == "On route A, ask A."
    assert question.help_for({"route": "b"}, ctx).get("en") == "Ask anyone."
    assert question.help_for({}, ctx).get("en") == "Ask anyone."  # the route not answered: the condition does not hold
    assert question.find_out_for({"route": "b", "when": UNSURE}, ctx).text.get("en") == "Ask B."
    assert question.find_out_for({"route": "a", "when": UNSURE}, ctx).sources == ("s1",)
    # A condition that hangs on a "not sure" answer does not hold: none of these does, so there is none.
    assert question.find_out_for({"route": UNSURE, "when": UNSURE}, ctx) is None
    plain = parse_flow(BASE.replace("    text: When?\n", "    text: When?\n    help: Ask.\n"), "t.yaml").questions["when"]
    assert plain.help_for({}, ctx).get("en") == "Ask."  # a plain help is one variant that always holds


@pytest.mark.parametrize(
    ("old", "new", "at", "words"),
    [
        ("      - text: Ask anyone.\n", "      - text: Ask anyone.\n      - when: {route: b}\n        text: B.\n",
         "      - text: Ask anyone.", "an entry without 'when' always holds"),
        ("      - when: {route: a}\n        text: On route A, ask A.\n", "      - when: {route: c}\n        text: On route A, ask A.\n",
         "{route: c}", "'c'"),
        ("      - when: {route: a}\n        text: On route A, ask A.\n", "      - when: {rout: a}\n        text: On route A, ask A.\n",
         "{rout: a}", "question 'rout', which does not exist"),
        ("      - when: {route: a}\n        text: On route A, ask A.\n", "      - when: {when: {ge: 2026-01-01}}\n        text: On route A, ask A.\n",
         "{when: {ge: 2026-01-01}}", "reads the answer to 'when' itself, which is not given yet"),
        ("      - when: {route: b}\n        source: [s1]\n", "      - when: {when: {answered: true}}\n        source: [s1]\n",
         "{when: {answered: true}}", "reads the answer to 'when' itself, which is 'not sure'"),
        ("      - when: {route: b}\n        source: [s1]\n", "      - when: {route: b}\n        source: [s2]\n", "source: [s2]", "'s2' is not declared"),
        ("      - when: {route: b}\n        source: [s1]\n", "      - when: {route: b}\n        source: s1\n        url: x\n", "url: x", "unknown key 'url'"),
        ("      - text: Ask anyone.\n", "      - {}\n", "      - {}", "question 'when' help is missing"),
        ("    help:\n      - when: {route: a}\n        text: On route A, ask A.\n      - text: Ask anyone.\n", "    help: []\n",
         "help: []", "is an empty list"),
    ],
    ids=["always-not-last", "unknown-value", "unknown-question", "help-reads-itself", "find-out-reads-itself", "undeclared-source",
         "unknown-key", "no-text", "empty-list"],
)
def test_a_variant_s_mistake_is_reported_where_it_is(old: str, new: str, at: str, words: str) -> None:
    assert old in BY_ROUTE
    text = BY_ROUTE.replace(old, new)
    p = only_error(text)
    assert p.pos.line == line_of(text, at) and words in str(p.message), str(p)
    assert p.pos.col > 1 and str(p).startswith(f"t.yaml:{p.pos.line}:{p.pos.col}: ")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - when: {route: a}\n        text: On route A, ask A.\n", "      - when: null\n        text: On route A, ask A.\n"),
        ("      - when: {route: a}\n        text: On route A, ask A.\n", "      - when:\n        text: On route A, ask A.\n"),
        ("      - when: {route: b}\n        source: [s1]\n", "      - when: ~\n        source: [s1]\n"),
        ("    how_to_find_out:\n      - when: {route: a}\n        source: s1\n        text: Ask A.\n      - when: {route: b}\n        source: [s1]\n"
         "        what: when it was\n        text: Ask B.\n", "    how_to_find_out: {when: null, source: s1, text: Ask.}\n"),
        ("    next: when\n", "    next:\n      - when: null\n        goto: end\n      - goto: when\n"),
        ("    text: Do it\n    source: s1\n", "    text: Do it\n    source: s1\n    updates:\n      - when:\n        source: s1\n        text: Now.\n"),
    ],
    ids=["help-null", "help-empty", "find-out-in-list", "find-out-alone", "routing-rule", "update"],
)
def test_an_empty_when_is_an_error_where_it_is_never_an_entry_silently_dropped(old: str, new: str) -> None:
    """``when: null`` (or ``when:`` with the condition forgotten) was taken for a condition whose error was
    already reported, and the entry, rule or update was dropped without a word: validate said "ok" and the
    help, the how-to-find-out or the routing was not what the file says. The JSON Schema refuses it too."""
    assert BY_ROUTE.count(old) == 1
    text = BY_ROUTE.replace(old, new)
    p = only_error(text)
    assert "a condition must be a non-empty mapping such as {question_id: value}" in str(p.message), str(p)
    line = text[: text.index(new)].count("\n") + 1 + next(n for n, row in enumerate(new.splitlines()) if "when:" in row)
    assert p.pos.line == line and p.pos.col > 1, str(p)

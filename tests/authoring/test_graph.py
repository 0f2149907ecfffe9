"""``ssguide graph``: Mermaid and DOT pictures of the routing, and docs/graphs.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import refresh_golden

from support.cli import run_main

from ssguide.core.model import Flow
from ssguide.core.loader import parse_flow
from ssguide.authoring.graph import END_NODE, to_dot, to_mermaid

from support.context import context

REFRESH = "run `python tests/refresh_golden.py` and review the diff (git diff docs/graphs.md)"
FLOW_IDS = sorted(info.id for info in refresh_golden.bundled_flows())

# `src -->|"label"| dst` or `src --> dst`
MERMAID_EDGE = re.compile(r'^\s+(\w+) -->(?:\|"(.*)"\|)? (\w+)$')
# `"src" -> "dst" [label="..."];` or `"src" -> END;`
DOT_EDGE = re.compile(r'^\s+"(\w+)" -> (?:"(\w+)"|(END))(?: \[label="(.*)"\])?;$')


@pytest.fixture(scope="module")
def flows() -> dict[str, Flow]:
    return {flow.id: flow for flow in refresh_golden.load_bundled()}


def run(*args: str):
    result = run_main(list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def mermaid_blocks(doc: str) -> dict[str, str]:
    """`## <flow-id>` heading → the ```mermaid block under it."""
    blocks: dict[str, str] = {}
    for match in re.finditer(r"^## (\S+)\n(.*?)^```mermaid\n(.*?)^```$", doc, re.M | re.S):
        blocks[match.group(1)] = match.group(3)
    return blocks


def test_graphs_doc_is_up_to_date() -> None:
    path = refresh_golden.GRAPHS_DOC
    assert path.exists(), f"{path} does not exist: {REFRESH}"
    assert path.read_text(encoding="utf-8") == refresh_golden.graphs_doc(), f"docs/graphs.md is out of date: {REFRESH}"


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_graphs_doc_shows_the_flow_graph(flow_id: str, flows: dict[str, Flow]) -> None:
    blocks = mermaid_blocks(refresh_golden.GRAPHS_DOC.read_text(encoding="utf-8"))
    assert flow_id in blocks, f"docs/graphs.md has no '## {flow_id}' section with a mermaid block: {REFRESH}"
    assert blocks[flow_id] == to_mermaid(flows[flow_id], context()), f"docs/graphs.md: the graph of '{flow_id}' is out of date: {REFRESH}"


def test_graphs_doc_has_no_section_for_a_flow_that_is_gone() -> None:
    blocks = mermaid_blocks(refresh_golden.GRAPHS_DOC.read_text(encoding="utf-8"))
    assert sorted(blocks) == FLOW_IDS, REFRESH


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_mermaid_from_the_cli_names_every_question(flow_id: str, flows: dict[str, Flow]) -> None:
    result = run("graph", flow_id, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out == to_mermaid(flows[flow_id], context())
    assert out.startswith("flowchart TD\n")
    for qid in flows[flow_id].questions:
        assert re.search(rf"^    {qid}\[", out, re.M), f"node for question '{qid}' missing"
    assert f"    {END_NODE}(" in out


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_dot_from_the_cli_names_every_question_and_end(flow_id: str, flows: dict[str, Flow]) -> None:
    result = run("graph", flow_id, "--format", "dot", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out == to_dot(flows[flow_id], context())
    assert out.startswith(f'digraph "{flow_id}" {{') and out.rstrip().endswith("}")
    for qid in flows[flow_id].questions:
        assert f'"{qid}" [label=' in out, f"node for question '{qid}' missing"
    assert re.search(r"^\s+END \[", out, re.M), "no END node"
    assert " -> END" in out, "no route reaches END"


def _expected_edges(flow: Flow) -> list[tuple[str, str, bool]]:
    """(from, to, conditional) for every way routing can leave each question."""
    edges = []
    for q in flow.questions.values():
        for rule in q.next:
            edges.append((q.id, rule.goto or END_NODE, rule.when is not None))
        if not q.next or q.next[-1].when is not None:
            edges.append((q.id, END_NODE, False))
    return edges


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_every_conditional_edge_has_a_label(flow_id: str, flows: dict[str, Flow]) -> None:
    flow = flows[flow_id]
    mermaid = [m.groups() for line in to_mermaid(flow, context()).splitlines() if (m := MERMAID_EDGE.match(line))]
    dot = [
        (m.group(1), m.group(2) or m.group(3), m.group(4))
        for line in to_dot(flow, context()).splitlines()
        if (m := DOT_EDGE.match(line))
    ]
    mermaid_edges = [(src, dst, label) for src, label, dst in mermaid if src != "START"]
    expected = _expected_edges(flow)
    assert [(s, d) for s, d, _ in mermaid_edges] == [(s, d) for s, d, _ in expected]
    assert [(s, d) for s, d, _ in dot] == [(s, d) for s, d, _ in expected]
    for (src, dst, conditional), (_, _, m_label), (_, _, d_label) in zip(expected, mermaid_edges, dot):
        if conditional:
            assert m_label, f"mermaid edge {src} -> {dst} is conditional but has no label"
            assert d_label, f"dot edge {src} -> {dst} is conditional but has no label"
    # Where a question has several ways out, each is labelled so the reader can tell them apart.
    for q in flow.questions.values():
        out_labels = [label for src, _, label in mermaid_edges if src == q.id]
        if len(out_labels) > 1:
            assert all(out_labels), f"question '{q.id}' has several exits, some unlabelled: {out_labels}"


def test_quotes_and_brackets_in_texts_do_not_break_the_graphs() -> None:
    flow = parse_flow(
        """
id: tricky
title: Tricky
sources: [{id: s, title: S, citation: c}]
questions:
  - id: q1
    type: choice
    text: 'Is it "A" [or] B?'
    choices: [{value: a, label: A}, {value: b, label: B}]
    next:
      - when: {q1: a}
        goto: q2
  - id: q2
    type: yesno
    text: 'Back\\slash "quoted"'
items:
  - {id: i1, kind: step, text: Do it., source: s}
""",
        "tricky.yaml",
    )
    mermaid = to_mermaid(flow, context())
    node_lines = [line for line in mermaid.splitlines() if line.startswith("    q")]
    assert '    q1["Is it #quot;A#quot; #91;or#93; B?"]' in node_lines
    for line in node_lines:
        if "[" in line and "-->" not in line:
            # exactly one opening and one closing bracket: the node shape
            assert line.count("[") == 1 and line.count("]") == 1, line
    dot = to_dot(flow, context())
    assert '"q2" [label="Back\\\\slash \\"quoted\\""];' in dot
    assert 'q1 -->|"q1 = a"| q2' in mermaid
    assert 'q1 -->|"otherwise"| END' in mermaid


def test_graph_of_a_flow_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: Mine\nsources: [{id: s, title: S, citation: c}]\n"
        "questions: [{id: only, type: yesno, text: Only?}]\n"
        "items: [{id: i1, kind: step, text: Do it., source: s}]\n",
        encoding="utf-8",
    )
    result = run("graph", str(path), "--format", "dot")
    assert result.exit_code == 0, result.stderr
    assert '"only" -> END;' in result.stdout


PROGRESS = """\
id: progress
title: Progress
sources: [{id: s, title: S, citation: c}]
questions:
  - id: accepted
    type: yesno
    text: Accepted?
    unsure: true
    how_to_find_out: {source: s, text: Ask.}
    next:
      - {when: {accepted: {unsure: true}}, goto: end}
      - {when: {accepted: true}, goto: accepted_on}
  - {id: accepted_on, type: date, text: When?}
items:
  - {id: apply, kind: step, text: Apply., source: s, done_when: {accepted: true}}
"""


def test_a_progress_question_is_marked_and_not_sure_goes_where_its_own_rule_says() -> None:
    flow = parse_flow(PROGRESS, "progress.yaml")
    mermaid = to_mermaid(flow, context())
    assert 'accepted["Accepted? (progress)"]' in mermaid and "class accepted progress" in mermaid
    assert 'accepted -.->|"not sure"| END' in mermaid
    assert 'accepted -.->|"not sure"| accepted_on' not in mermaid
    assert 'accepted -->|"accepted not sure"| END' in mermaid
    dot = to_dot(flow, context())
    assert '"accepted" [label="Accepted? (progress)", style="rounded,dashed"];' in dot
    assert '"accepted_on" [label="When?"];' in dot

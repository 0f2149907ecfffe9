"""The routing of a flow as a Mermaid flowchart or a Graphviz DOT graph.

Questions are nodes; each routing rule is an edge labelled with its
condition; routes that end go to a single End node. Questions about progress
(read by an item's ``done_when``) are marked and drawn with a dashed border. Built from the model, so
the picture can never disagree with what the engine does.

Labels follow ``lang`` (English by default, which docs/graphs.md uses); ids
and answer values stay as they are in the flow file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.conditions import AnyOf, Compare, Condition, Not, describe, questions_in
from ..core.model import Flow
from ..lang.i18n import t

if TYPE_CHECKING:
    from ..core.context import Context

END_NODE = "END"


def _condition_label(condition: Condition, ctx: Context) -> str:
    return describe(condition, ctx.locale.condition_words)


def _edges(flow: Flow, ctx: Context) -> list[tuple[str, str, str]]:
    otherwise = t("graph_otherwise", ctx.lang)
    edges = []
    for q in flow.questions.values():
        for rule in q.next:
            label = _condition_label(rule.when, ctx) if rule.when is not None else (otherwise if len(q.next) > 1 else "")
            edges.append((q.id, rule.goto or END_NODE, label))
        if not q.next or q.next[-1].when is not None:
            edges.append((q.id, END_NODE, otherwise if q.next else ""))
    return edges


def _unsure_edges(flow: Flow, ctx: Context) -> list[tuple[str, str, str]]:
    """A "not sure" answer follows every route out of its question that it may take: one dashed edge to each.

    A rule that asks about "not sure" itself (``{q: {unsure: true}}``) settles it: no route after it is taken.
    """
    label = t("graph_unsure", ctx.lang)
    edges = []
    for q in flow.questions.values():
        if not q.unsure:
            continue
        targets: list[str | None] = []
        for rule in q.next:
            holds = True if rule.when is None else _holds_if_unsure(rule.when, q.id)
            if holds is not False:
                targets.append(rule.goto)
            if holds:
                break
        else:
            targets.append(None)
        for target in dict.fromkeys(targets):
            edges.append((q.id, target or END_NODE, label))
    return edges


def _holds_if_unsure(condition: Condition, qid: str) -> bool | None:
    """Does the condition hold when ``qid`` is answered "not sure"? None: it depends on other answers or on how it turns out."""
    if isinstance(condition, Compare):
        if condition.question == qid and condition.op in ("answered", "unsure"):
            return condition.value is True
        return None
    if isinstance(condition, Not):
        inner = _holds_if_unsure(condition.part, qid)
        return None if inner is None else not inner
    results = [_holds_if_unsure(part, qid) for part in condition.parts]
    settles = isinstance(condition, AnyOf)  # true settles "any", false settles "all"
    if settles in results:
        return settles
    return None if None in results else not settles


def progress_questions(flow: Flow) -> set[str]:
    """Questions that say what the user has done already: those an item's ``done_when`` reads."""
    return {qid for item in flow.items for qid in questions_in(item.done_when)}


def _one_line(text: str) -> str:
    """A label on one line: a line break in a text would start a line Mermaid reads as its own
    (``%%{init: …}%%``), or a fence that ends the Markdown block the graph is pasted into."""
    return " ".join(text.split())


def _mermaid_text(text: str) -> str:
    # Mermaid labels are quoted; quotes and brackets inside become entities,
    # and so do "<", ">" and "&" (Mermaid renders labels as HTML) and "`"
    # (a Markdown string in Mermaid, a fence in the page around it).
    text = _one_line(text)
    for ch, entity in (("&", "#amp;"), ("<", "#lt;"), (">", "#gt;"), ('"', "#quot;"), ("[", "#91;"), ("]", "#93;"), ("`", "#96;")):
        text = text.replace(ch, entity)
    return text


def to_mermaid(flow: Flow, ctx: Context) -> str:
    lines = ["flowchart TD"]
    progress = progress_questions(flow)
    for q in flow.questions.values():
        shape = f'{q.id}["{_mermaid_text(_node_label(q.id, ctx.text(q.text), progress, ctx))}"]'
        lines.append(f"    {shape}")
    lines.append(f'    {END_NODE}(["{_mermaid_text(ctx.t("graph_end_checklist"))}"])')
    if flow.start:
        lines.append(f'    START(("{_mermaid_text(ctx.t("graph_start"))}")) --> {flow.start}')
    for src, dst, label in _edges(flow, ctx):
        arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
        lines.append(f"    {src}{arrow}{dst}")
    for src, dst, label in _unsure_edges(flow, ctx):
        lines.append(f'    {src} -.->|"{_mermaid_text(label)}"| {dst}')
    if progress:  # questions about progress: a dashed border
        lines.append("    classDef progress stroke-dasharray: 5 3")
        lines.append(f"    class {','.join(q for q in flow.questions if q in progress)} progress")
    return "\n".join(lines) + "\n"


def _node_label(qid: str, text: str, progress: set[str], ctx: Context) -> str:
    """A question's text, marked when it asks what the user has done already."""
    return f"{text} {ctx.t('graph_progress')}" if qid in progress else text


def _dot_text(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def to_dot(flow: Flow, ctx: Context) -> str:
    lines = [f'digraph "{_dot_text(flow.id)}" {{', "    rankdir=TB;", '    node [shape=box, style=rounded];']
    lines.append(f'    START [shape=circle, label="{_dot_text(ctx.t("graph_start"))}"];')
    lines.append(f'    {END_NODE} [shape=doublecircle, label="{_dot_text(ctx.t("graph_end"))}"];')
    progress = progress_questions(flow)
    for q in flow.questions.values():
        style = ', style="rounded,dashed"' if q.id in progress else ""
        lines.append(f'    "{q.id}" [label="{_dot_text(_node_label(q.id, ctx.text(q.text), progress, ctx))}"{style}];')
    if flow.start:
        lines.append(f'    START -> "{flow.start}";')
    for src, dst, label in _edges(flow, ctx):
        target = END_NODE if dst == END_NODE else f'"{dst}"'
        attr = f' [label="{_dot_text(label)}"]' if label else ""
        lines.append(f'    "{src}" -> {target}{attr};')
    for src, dst, label in _unsure_edges(flow, ctx):
        target = END_NODE if dst == END_NODE else f'"{dst}"'
        lines.append(f'    "{src}" -> {target} [label="{_dot_text(label)}", style=dashed];')
    lines.append("}")
    return "\n".join(lines) + "\n"

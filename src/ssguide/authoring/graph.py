"""The routing of a flow as a Mermaid flowchart or a Graphviz DOT graph.

Questions are nodes; each routing rule is an edge labelled with its
condition; routes that end go to a single End node. Built from the model, so
the picture can never disagree with what the engine does.

Labels follow ``lang`` (English by default, which docs/graphs.md uses); ids
and answer values stay as they are in the flow file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.conditions import Condition, describe
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
    """A "not sure" answer follows every route out of its question: one dashed edge to each place it may go."""
    label = t("graph_unsure", ctx.lang)
    edges = []
    for q in flow.questions.values():
        if q.unsure:
            for target in dict.fromkeys(q.targets()):
                edges.append((q.id, target or END_NODE, label))
    return edges


def _mermaid_text(text: str) -> str:
    # Mermaid labels are quoted; quotes and brackets inside become entities,
    # and so do "<", ">" and "&": Mermaid renders labels as HTML.
    for ch, entity in (("&", "#amp;"), ("<", "#lt;"), (">", "#gt;"), ('"', "#quot;"), ("[", "#91;"), ("]", "#93;")):
        text = text.replace(ch, entity)
    return text


def to_mermaid(flow: Flow, ctx: Context) -> str:
    lines = ["flowchart TD"]
    for q in flow.questions.values():
        shape = f'{q.id}["{_mermaid_text(ctx.text(q.text))}"]'
        lines.append(f"    {shape}")
    lines.append(f'    {END_NODE}(["{_mermaid_text(ctx.t("graph_end_checklist"))}"])')
    if flow.start:
        lines.append(f'    START(("{_mermaid_text(ctx.t("graph_start"))}")) --> {flow.start}')
    for src, dst, label in _edges(flow, ctx):
        arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
        lines.append(f"    {src}{arrow}{dst}")
    for src, dst, label in _unsure_edges(flow, ctx):
        lines.append(f'    {src} -.->|"{_mermaid_text(label)}"| {dst}')
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(flow: Flow, ctx: Context) -> str:
    lines = [f'digraph "{_dot_text(flow.id)}" {{', "    rankdir=TB;", '    node [shape=box, style=rounded];']
    lines.append(f'    START [shape=circle, label="{_dot_text(ctx.t("graph_start"))}"];')
    lines.append(f'    {END_NODE} [shape=doublecircle, label="{_dot_text(ctx.t("graph_end"))}"];')
    for q in flow.questions.values():
        lines.append(f'    "{q.id}" [label="{_dot_text(ctx.text(q.text))}"];')
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

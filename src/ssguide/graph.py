"""The routing of a flow as a Mermaid flowchart or a Graphviz DOT graph.

Questions are nodes; each routing rule is an edge labelled with its
condition; routes that end go to a single End node. Built from the model, so
the picture can never disagree with what the engine does.
"""

from __future__ import annotations

from .conditions import describe
from .flow import Flow

END_NODE = "END"


def _edges(flow: Flow) -> list[tuple[str, str, str]]:
    edges = []
    for q in flow.questions.values():
        for rule in q.next:
            label = describe(rule.when) if rule.when is not None else ("otherwise" if len(q.next) > 1 else "")
            edges.append((q.id, rule.goto or END_NODE, label))
        if not q.next or q.next[-1].when is not None:
            edges.append((q.id, END_NODE, "otherwise" if q.next else ""))
    return edges


def _mermaid_text(text: str) -> str:
    # Mermaid labels are quoted; quotes and brackets inside become entities.
    return text.replace('"', "#quot;").replace("[", "#91;").replace("]", "#93;")


def to_mermaid(flow: Flow, lang: str = "en") -> str:
    lines = ["flowchart TD"]
    for q in flow.questions.values():
        shape = f'{q.id}["{_mermaid_text(q.text.get(lang))}"]'
        lines.append(f"    {shape}")
    lines.append(f'    {END_NODE}(["End: checklist"])')
    if flow.start:
        lines.append(f'    START(("Start")) --> {flow.start}')
    for src, dst, label in _edges(flow):
        arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
        lines.append(f"    {src}{arrow}{dst}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(flow: Flow, lang: str = "en") -> str:
    lines = [f'digraph "{_dot_text(flow.id)}" {{', "    rankdir=TB;", '    node [shape=box, style=rounded];']
    lines.append('    START [shape=circle, label="Start"];')
    lines.append(f'    {END_NODE} [shape=doublecircle, label="End"];')
    for q in flow.questions.values():
        lines.append(f'    "{q.id}" [label="{_dot_text(q.text.get(lang))}"];')
    if flow.start:
        lines.append(f'    START -> "{flow.start}";')
    for src, dst, label in _edges(flow):
        target = END_NODE if dst == END_NODE else f'"{dst}"'
        attr = f' [label="{_dot_text(label)}"]' if label else ""
        lines.append(f'    "{src}" -> {target}{attr};')
    lines.append("}")
    return "\n".join(lines) + "\n"

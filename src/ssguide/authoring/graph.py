"""The routing of a flow as a Mermaid flowchart or a Graphviz DOT graph.

Questions are nodes; each routing rule is an edge labelled with its
condition; routes that end go to a single End node. Built from the model, so
the picture can never disagree with what the engine does.

Labels follow ``lang`` (English by default, which docs/graphs.md uses); ids
and answer values stay as they are in the flow file.
"""

from __future__ import annotations

from ..core.conditions import Condition, describe
from ..core.model import Flow
from ..lang.i18n import locale, t

END_NODE = "END"


def _condition_label(condition: Condition, lang: str) -> str:
    return describe(condition, locale(lang).condition_words)


def _edges(flow: Flow, lang: str = "en") -> list[tuple[str, str, str]]:
    otherwise = t("graph_otherwise", lang)
    edges = []
    for q in flow.questions.values():
        for rule in q.next:
            label = _condition_label(rule.when, lang) if rule.when is not None else (otherwise if len(q.next) > 1 else "")
            edges.append((q.id, rule.goto or END_NODE, label))
        if not q.next or q.next[-1].when is not None:
            edges.append((q.id, END_NODE, otherwise if q.next else ""))
    return edges


def _unsure_edges(flow: Flow, lang: str = "en") -> list[tuple[str, str, str]]:
    """A "not sure" answer follows every route out of its question: one dashed edge to each place it may go."""
    label = t("graph_unsure", lang)
    edges = []
    for q in flow.questions.values():
        if q.unsure:
            for target in dict.fromkeys(q.targets()):
                edges.append((q.id, target or END_NODE, label))
    return edges


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


def to_mermaid(flow: Flow, lang: str = "en") -> str:
    lines = ["flowchart TD"]
    for q in flow.questions.values():
        shape = f'{q.id}["{_mermaid_text(q.text.get(lang))}"]'
        lines.append(f"    {shape}")
    lines.append(f'    {END_NODE}(["{_mermaid_text(t("graph_end_checklist", lang))}"])')
    if flow.start:
        lines.append(f'    START(("{_mermaid_text(t("graph_start", lang))}")) --> {flow.start}')
    for src, dst, label in _edges(flow, lang):
        arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
        lines.append(f"    {src}{arrow}{dst}")
    for src, dst, label in _unsure_edges(flow, lang):
        lines.append(f'    {src} -.->|"{_mermaid_text(label)}"| {dst}')
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def to_dot(flow: Flow, lang: str = "en") -> str:
    lines = [f'digraph "{_dot_text(flow.id)}" {{', "    rankdir=TB;", '    node [shape=box, style=rounded];']
    lines.append(f'    START [shape=circle, label="{_dot_text(t("graph_start", lang))}"];')
    lines.append(f'    {END_NODE} [shape=doublecircle, label="{_dot_text(t("graph_end", lang))}"];')
    for q in flow.questions.values():
        lines.append(f'    "{q.id}" [label="{_dot_text(q.text.get(lang))}"];')
    if flow.start:
        lines.append(f'    START -> "{flow.start}";')
    for src, dst, label in _edges(flow, lang):
        target = END_NODE if dst == END_NODE else f'"{dst}"'
        attr = f' [label="{_dot_text(label)}"]' if label else ""
        lines.append(f'    "{src}" -> {target}{attr};')
    for src, dst, label in _unsure_edges(flow, lang):
        target = END_NODE if dst == END_NODE else f'"{dst}"'
        lines.append(f'    "{src}" -> {target} [label="{_dot_text(label)}", style=dashed];')
    lines.append("}")
    return "\n".join(lines) + "\n"

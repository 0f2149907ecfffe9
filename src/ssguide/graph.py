"""The routing of a flow as a Mermaid flowchart or a Graphviz DOT graph.

Questions are nodes; each routing rule is an edge labelled with its
condition; routes that end go to a single End node. Built from the model, so
the picture can never disagree with what the engine does.

Labels follow ``lang`` (English by default, which docs/graphs.md uses); ids
and answer values stay as they are in the flow file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .conditions import All, Compare, Condition, Not, describe
from .model import Flow
from .i18n import t

END_NODE = "END"

# Comparisons in Chinese labels; the symbols read the same in every language.
_ZH_OPS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "属于", "not_in": "不属于"}


def _zh_value(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _describe_zh(c: Condition) -> str:
    """``conditions.describe`` in Chinese: the same structure, Chinese words."""
    if isinstance(c, Compare):
        if c.op == "answered":
            return f"{c.question} {'已回答' if c.value else '未回答'}"
        value = c.value
        shown = "{" + ", ".join(map(_zh_value, value)) + "}" if isinstance(value, tuple) else _zh_value(value)
        return f"{c.question} {_ZH_OPS.get(c.op, c.op)} {shown}"
    if isinstance(c, Not):
        return f"非（{_describe_zh(c.part)}）"
    joiner = " 且 " if isinstance(c, All) else " 或 "
    text = joiner.join(_describe_zh(p) if isinstance(p, Compare) else f"（{_describe_zh(p)}）" for p in c.parts)
    return text.replace(" （", "（").replace("） ", "）")  # no spaces next to full-width brackets


def _condition_label(condition: Condition, lang: str) -> str:
    return _describe_zh(condition) if lang == "zh" else describe(condition)


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


def _mermaid_text(text: str) -> str:
    # Mermaid labels are quoted; quotes and brackets inside become entities,
    # and so do "<", ">" and "&": Mermaid renders labels as HTML.
    for ch, entity in (("&", "#amp;"), ("<", "#lt;"), (">", "#gt;"), ('"', "#quot;"), ("[", "#91;"), ("]", "#93;")):
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
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


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
    lines.append("}")
    return "\n".join(lines) + "\n"

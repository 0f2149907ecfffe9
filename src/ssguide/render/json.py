"""The checklist as JSON: a stable, documented shape for scripts and other tools."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..core.checklist import NOT_ASKED, Checklist, Entry
from ..core.model import Question
from ..core.safetext import json_safe
from .context import RenderContext
from . import (
    act_by_text, action_note, action_text, answer_label, case_label, case_lines, depends_title, due_summary, find_out_action,
    find_out_sources, situation_line, source_numbers, waiting_sources, waiting_text,
)


def to_data(checklist: Checklist, ctx: RenderContext) -> dict[str, Any]:
    """A stable, documented JSON shape for scripts and other tools."""
    flow = checklist.flow
    numbers = source_numbers(checklist)
    do_now = checklist.do_this_now()

    def ordered(sources: Any) -> list[str]:
        return sorted(sources, key=lambda sid: numbers.get(sid, 0))

    def entry_data(entry: Entry) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": entry.item.id,
            "kind": entry.kind,
            "text": ctx.text(entry.text),
            "sources": sorted(entry.source_ids, key=lambda sid: numbers.get(sid, 0)),
            "done": entry.done,
            "info": entry.info,
            "why": [{"question": r.question.id, "value": r.question.qtype.to_plain(r.value)} for r in entry.reasons],
            "earlier": (
                {"text": ctx.text(entry.earlier), "sources": sorted(entry.earlier_source_ids, key=lambda sid: numbers.get(sid, 0))}
                if entry.earlier is not None
                else None
            ),
        }
        overdue = entry.overdue
        data["overdue"] = (
            {"text": ctx.text(overdue.text), "sources": ordered(overdue.sources)} if overdue is not None and entry.overdue_shown else None
        )
        if entry.due is not None:
            data["deadline"] = {
                "date": entry.due.date.isoformat() if entry.due.date else None,
                "meaning": entry.due.rule.meaning,
                "summary": due_summary(entry.due, ctx, entry.act_by, entry.done),
                "past": entry.due.past,
                "passed": entry.due.passed,
                "must_act": entry.due.must_act,
                "estimate": entry.due.estimate,
                "anchor_date": entry.due.anchor_date.isoformat() if entry.due.anchor_date else None,
            }
        return data

    return {
        "ssguide": __version__,
        "flow": {"id": flow.id, "title": ctx.text(flow.title), "reviewed": flow.reviewed.isoformat() if flow.reviewed else None},
        "language": ctx.lang,
        "today": checklist.today.isoformat(),
        "situation": situation_line(checklist, ctx),
        "answers": {
            q.id: {
                "value": q.qtype.to_plain(checklist.answers[q.id]),
                "label": answer_label(q, checklist.answers[q.id], ctx),
                "question": ctx.text(q.text),
            }
            for q in checklist.questions
        },
        "do_now": {
            "actions": [
                {
                    "id": a.entry.item.id,
                    "kind": a.entry.kind,
                    "why": a.why,
                    "text": action_text(a, ctx),
                    "note": action_note(a, ctx),
                    "sources": ordered(a.source_ids),
                    "date": a.due.date.isoformat() if a.due is not None and a.due.date is not None else None,
                }
                for a in do_now.actions
            ],
            # The date to act by; its text is also the "note" of the action with the same id, under which it is shown.
            "act_by": (
                {"id": do_now.act_by.item.id, "date": do_now.act_by.due.date.isoformat(), "text": act_by_text(do_now.act_by, ctx)}  # type: ignore[union-attr]
                if do_now.act_by is not None
                else None
            ),
            # Each question to find out, whom to ask, and the dated line each way its answer could turn out brings.
            "find_out": [
                {
                    "question": q.id,
                    "text": find_out_action(checklist, q, ctx),
                    "sources": ordered(find_out_sources(checklist, q)),
                    "cases": [
                        {"label": c.label, "id": c.item_id, "why": c.why, "text": c.text, "note": c.note,
                         "sources": ordered(c.source_ids), "date": c.date}
                        for c in case_lines(checklist, q, do_now, ctx)
                    ],
                }
                for q in do_now.find_out
            ],
            # The numbered lines in the order they are shown: what to find out may come before the steps.
            "order": [
                {"find_out": line.id} if isinstance(line, Question) else {"action": line.entry.item.id} for line in do_now.lines
            ],
            "waiting": (
                {
                    "id": do_now.waiting.item.id,
                    "date": do_now.waiting.due.date.isoformat() if do_now.waiting.due and do_now.waiting.due.date else None,
                    "then": do_now.then.item.id if do_now.then is not None else None,
                    "text": waiting_text(do_now, ctx),
                    "sources": ordered(waiting_sources(do_now)),
                    "alone": do_now.alone,
                }
                if do_now.waiting is not None
                else None
            ),
            "nothing_left": do_now.nothing_left,
        },
        "depends_on": [
            {
                "questions": [q.id for q in group.questions],
                "title": depends_title(group, ctx),
                "how_to_find_out": [
                    {
                        "question": q.id,
                        "text": ctx.text(found.text),
                        "sources": sorted(found.sources, key=lambda sid: numbers.get(sid, 0)),
                    }
                    for q in group.questions
                    if (found := checklist.find_out(q)) is not None
                ],
                "cases": [
                    {
                        "answers": {q.id: (None if v == NOT_ASKED else q.qtype.to_plain(v)) for q, v in case.answers},
                        "label": case_label(checklist, case, ctx),
                        "items": [entry_data(e) for e in case.entries],
                    }
                    for case in group.cases
                ],
            }
            for group in checklist.depends
        ],
        "steps": [entry_data(e) for e in checklist.steps],
        "materials": [entry_data(e) for e in checklist.materials],
        "deadlines": [entry_data(e) for e in checklist.deadlines],
        "expect": [entry_data(e) for e in checklist.expectations],
        "notes": [entry_data(e) for e in checklist.notes],
        "sources": [
            {"id": s.id, "kind": s.kind, "title": ctx.text(s.title), "citation": ctx.text(s.citation), "date": s.date}
            for s in checklist.sources
        ],
        "disclaimer": ctx.t("disclaimer"),
    }


def render(checklist: Checklist, ctx: RenderContext) -> str:
    return json_safe(json.dumps(to_data(checklist, ctx), ensure_ascii=False, indent=2)) + "\n"

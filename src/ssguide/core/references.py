"""Cross-reference checks of a flow: what JSON Schema cannot say, each problem at its file:line:col.

A ``goto`` to a real question, sources that are declared, conditions that
name real questions and values they can take (a help's or how-to-find-out's
never its own question's), deadlines counted from a date
question or another dated item, and no cycles in routing or in deadlines.
Hand-written on purpose: each message names what is wrong and suggests a fix.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..lang.messages import Message, suggest
from . import conditions as cond
from .model import Flow, Problem, Question


def reference_problems(flow: Flow) -> list[Problem]:
    """Every reference in ``flow`` that leads nowhere, and every cycle, each at its file:line:col."""
    found: list[Problem] = []
    questions = flow.questions
    for q in questions.values():
        for rule in q.next:
            if rule.goto is not None and rule.goto not in questions:
                found.append(Problem(rule.pos, Message("next_unknown", qid=q.id, goto=rule.goto, hint=suggest(rule.goto, questions))))
            if rule.when is not None:
                for p in cond.check(rule.when, questions):
                    found.append(Problem(p.pos, p.message))
    for q in questions.values():
        for found_out in q.how_to_find_out:
            for sid in found_out.sources:
                if sid not in flow.sources:
                    found.append(Problem(found_out.pos, Message("find_out_source_undeclared", qid=q.id, sid=sid, hint=suggest(sid, flow.sources))))
        # A help is shown before its question is answered, a how-to-find-out where it is "not sure": neither can read it.
        for shown in q.help:
            if shown.when is not None:
                found += _variant_problems(shown.when, q.id, questions, Message("help_when_reads_itself", qid=q.id))
        for found_out in q.how_to_find_out:
            if found_out.when is not None:
                found += _variant_problems(found_out.when, q.id, questions, Message("find_out_when_reads_itself", qid=q.id))
    item_ids = {it.id: it for it in flow.items}
    for it in flow.items:
        for sid in it.sources:
            if sid not in flow.sources:
                found.append(Problem(it.source_pos or it.pos, Message("item_source_undeclared", iid=it.id, sid=sid, hint=suggest(sid, flow.sources))))
        for up in it.updates:
            for sid in up.sources:
                if sid not in flow.sources:
                    hint = suggest(sid, flow.sources)
                    found.append(Problem(up.pos, Message("update_source_undeclared", iid=it.id, sid=sid, hint=hint)))
            if up.when is not None:
                for p in cond.check(up.when, questions):
                    found.append(Problem(p.pos, p.message))
        for condition in (it.when, it.done_when, *(up.when for up in it.updates)):
            if condition is not None:
                found += _routing_only(condition)
        for condition in (it.when, it.done_when):
            if condition is not None:
                for p in cond.check(condition, questions):
                    found.append(Problem(p.pos, p.message))
        for overdue in (it.overdue, *(up.overdue for up in it.updates)):
            if overdue is None:
                continue
            for sid in overdue.sources:
                if sid not in flow.sources:
                    hint = suggest(sid, flow.sources)
                    found.append(Problem(overdue.pos, Message("overdue_source_undeclared", iid=it.id, sid=sid, hint=hint)))
        if it.waits_for is not None:
            wpos = it.waits_for_pos or it.pos
            target = item_ids.get(it.waits_for)
            if it.kind != "step":
                found.append(Problem(wpos, Message("waits_for_not_step", iid=it.id, kind=it.kind)))
            elif target is None or target.id == it.id:
                found.append(Problem(wpos, Message("waits_for_unknown", iid=it.id, target=it.waits_for, hint=suggest(it.waits_for, item_ids))))
            elif target.deadline is None:
                found.append(Problem(wpos, Message("waits_for_no_deadline", iid=it.id, target=it.waits_for)))
        dl = it.deadline
        if dl is not None:
            if dl.anchor_question is not None:
                anchor = questions.get(dl.anchor_question)
                if anchor is None:
                    hint = suggest(dl.anchor_question, questions)
                    found.append(Problem(dl.pos, Message("deadline_question_unknown", iid=it.id, qid=dl.anchor_question, hint=hint)))
                elif not anchor.qtype.dated:
                    found.append(Problem(dl.pos, Message("deadline_question_not_date", iid=it.id, qid=anchor.id, type=anchor.type)))
            elif dl.anchor_item not in item_ids:
                hint = suggest(str(dl.anchor_item), item_ids)
                found.append(Problem(dl.pos, Message("deadline_item_unknown", iid=it.id, anchor=dl.anchor_item, hint=hint)))
            elif item_ids[dl.anchor_item].deadline is None:
                found.append(Problem(dl.pos, Message("deadline_item_no_deadline", iid=it.id, anchor=dl.anchor_item)))
    found += _item_anchor_cycles(flow)
    found += _routing_cycles(flow)
    return found


def _variant_problems(when: cond.Condition, qid: str, questions: Mapping[str, Question], reads_itself: Message) -> list[Problem]:
    """The problems of the condition of one variant of question ``qid``'s help or how-to-find-out."""
    found = [Problem(p.pos, p.message) for p in cond.check(when, questions)]
    return found + [Problem(cmp.pos, reads_itself) for cmp in cond.walk(when) if cmp.question == qid]


def _routing_only(condition: cond.Condition) -> list[Problem]:
    """``unsure`` comparisons outside routing rules: items see the ways a "not sure" answer may turn out, never "not sure" itself."""
    return [
        Problem(cmp.pos, Message("unsure_outside_routing", qid=cmp.question)) for cmp in cond.walk(condition) if cmp.op == "unsure"
    ]


def _item_anchor_cycles(flow: Flow) -> list[Problem]:
    found: list[Problem] = []
    by_id = {it.id: it for it in flow.items}
    for it in flow.items:
        seen = {it.id}
        current = it
        while current.deadline is not None and current.deadline.anchor_item in by_id:
            nxt = by_id[current.deadline.anchor_item]
            if nxt.id in seen:
                found.append(Problem(it.deadline.pos if it.deadline else it.pos, Message("deadline_cycle", iid=it.id)))
                break
            seen.add(nxt.id)
            current = nxt
    return found


def _routing_cycles(flow: Flow) -> list[Problem]:
    """Routing must only move forward; a cycle would ask the same question forever."""
    found: list[Problem] = []
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(flow.questions, white)
    for root in flow.questions:
        if colour[root] != white:
            continue
        # Iterative DFS: a 20,000-question flow must not hit the recursion limit.
        stack: list[tuple[str, int]] = [(root, 0)]
        colour[root] = grey
        while stack:
            qid, idx = stack[-1]
            targets = [t for t in flow.questions[qid].targets() if t is not None and t in flow.questions]
            if idx < len(targets):
                stack[-1] = (qid, idx + 1)
                nxt = targets[idx]
                if colour[nxt] == grey:
                    rule = next(r for r in flow.questions[qid].next if r.goto == nxt)
                    found.append(Problem(rule.pos, Message("routing_cycle", qid=qid, target=nxt)))
                elif colour[nxt] == white:
                    colour[nxt] = grey
                    stack.append((nxt, 0))
            else:
                colour[qid] = black
                stack.pop()
    return found

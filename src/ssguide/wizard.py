"""The interactive loop: ask what the engine says is next, with Back, until done.

Kept apart from ``prompts`` so the loop's logic (what Back does to answers)
is testable with a scripted asker instead of a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import date
from typing import Any

from .engine import estimate_total, walk
from .flow import Flow, Question

# ask(question, default, can_go_back, progress) -> answer or back_token
Asker = Callable[[Question, Any, bool, str], Any]


def interview(
    flow: Flow,
    answers: MutableMapping[str, Any],
    today: date,
    ask: Asker,
    back_token: object,
    progress: Callable[[int, int], str],
    fixed: frozenset[str] = frozenset(),
) -> MutableMapping[str, Any]:
    """Fill ``answers`` in place until the route is complete.

    Going back removes the answer to the previous question on the route and
    offers it again as the default; answers the user gave on the command line
    (``fixed``) are never asked and Back skips over them. Later answers stay in
    ``answers``: the engine ignores them while they are off the route, and
    they come back as defaults if the route returns to them.
    """
    remembered: dict[str, Any] = {}
    while True:
        route = walk(flow, answers, today)
        question = route.next
        if question is None:
            return answers
        askable_before = [q for q in route.answered if q.id not in fixed]
        position = len(route.answered) + 1
        total = max(estimate_total(flow, answers, today), position)
        default = remembered.get(question.id, question.default)
        reply = ask(question, default, bool(askable_before), progress(position, total))
        if reply is back_token:
            previous = askable_before[-1]
            remembered[previous.id] = answers.pop(previous.id)
            if question.id in answers:  # pragma: no cover - defensive
                answers.pop(question.id)
            continue
        answers[question.id] = reply
        remembered[question.id] = reply

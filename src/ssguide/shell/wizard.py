"""The interactive loop: ask what the engine says is next, with Back, until done.

Kept apart from ``prompts`` so the loop's logic (what Back does to answers)
is testable with a scripted asker instead of a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING, Any

from ..core.engine import total_range, walk
from ..core.model import Flow, Question

if TYPE_CHECKING:
    from ..core.context import Context

# ask(question, default, can_go_back, progress) -> answer or back_token
Asker = Callable[[Question, Any, bool, str], Any]


def interview(
    flow: Flow,
    answers: MutableMapping[str, Any],
    ctx: Context,
    ask: Asker,
    back_token: object,
    progress: Callable[[int, tuple[int, int] | None], str],
    fixed: frozenset[str] = frozenset(),
    remembered: dict[str, Any] | None = None,
) -> MutableMapping[str, Any]:
    """Fill ``answers`` in place until the route is complete.

    Going back removes the answer to the previous question on the route and
    offers it again as the default; answers the user gave on the command line
    (``fixed``) are never asked and Back skips over them. Later answers stay in
    ``answers``: the engine ignores them while they are off the route, and
    they come back as defaults if the route returns to them. ``remembered``
    holds earlier answers to offer as defaults (e.g. one being changed).
    """
    remembered = {} if remembered is None else remembered
    while True:
        route = walk(flow, answers, ctx)
        question = route.next
        if question is None:
            return answers
        askable_before = [q for q in route.answered if q.id not in fixed]
        position = len(route.answered) + 1
        total = total_range(flow, answers, ctx)  # (fewest, most) questions on the route; None if unknown
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


def review_options(flow: Flow, answers: MutableMapping[str, Any], ctx: Context, fixed: frozenset[str]) -> list[Question]:
    """The answered questions on the route that the user may change at review."""
    return [q for q in walk(flow, answers, ctx).answered if q.id not in fixed]


def change_answer(answers: MutableMapping[str, Any], question_id: str, remembered: dict[str, Any]) -> None:
    """Forget one answer so the engine asks it again, offering the old one as default.

    Later answers stay: those still on the new route are kept without asking
    again, only questions the change brings onto the route are asked.
    """
    remembered[question_id] = answers.pop(question_id)

"""The routing engine: given a flow and the answers so far, what to ask next.

Pure: no I/O, no terminal. The engine walks from the start question along the
routing rules through the questions already answered. The first question on
that walk without an answer is the next one to ask; a walk that runs off the
end means the questions are done. Answers to questions off the walk (left over
from a changed answer, or extra keys in an answers file) do not count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .conditions import evaluate
from .model import Flow, Question


@dataclass(frozen=True)
class Walk:
    """The questions on the route so far and the next one to ask (None when done)."""

    answered: tuple[Question, ...]
    next: Question | None

    @property
    def done(self) -> bool:
        return self.next is None


def route(question: Question, answers: Mapping[str, Any], today: date) -> str | None:
    """Where the first rule that holds leads; None ends the questions."""
    for rule in question.next:
        if evaluate(rule.when, answers, today):
            return rule.goto
    return None


def _look_ahead(
    flow: Flow, answers: Mapping[str, Any], today: date, guess: Callable[[Question], Any]
) -> tuple[list[Question], list[Question]]:
    """One pass along the route: the questions answered and those still to ask.

    For a question without an answer, ``guess`` gives a stand-in to follow the
    route further, or None to stop there (that question is still listed).
    Conditions only see answers on the route so far (and stand-ins), so stale
    answers to questions off the route never steer it. One dict grows as the
    pass goes, so the pass is linear in the route's length.
    """
    answered: list[Question] = []
    ahead: list[Question] = []
    on_route: dict[str, Any] = {}
    current = flow.start
    while current is not None:
        if current in on_route:  # the loader refuses cycles; never loop even so
            raise RuntimeError(f"routing cycle at '{current}' in {flow.path}")
        question = flow.questions[current]
        value = answers.get(current)
        if value is None:
            ahead.append(question)
            value = guess(question)
            if value is None:
                break
        else:
            answered.append(question)
        on_route[current] = value
        current = route(question, on_route, today)
    return answered, ahead


def walk(flow: Flow, answers: Mapping[str, Any], today: date) -> Walk:
    answered, ahead = _look_ahead(flow, answers, today, lambda q: None)
    return Walk(tuple(answered), ahead[0] if ahead else None)


def next_question(flow: Flow, answers: Mapping[str, Any], today: date) -> Question | None:
    return walk(flow, answers, today).next


def relevant_answers(flow: Flow, answers: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The answers on the route, in the order they are asked."""
    return {q.id: answers[q.id] for q in walk(flow, answers, today).answered}


def missing_questions(flow: Flow, answers: Mapping[str, Any], today: date, defaults: bool = False) -> list[Question]:
    """Questions still to ask, following defaults to look ahead along the route.

    With ``defaults`` the questions that have a default are treated as answered
    by it. The list stops where the route cannot be known without an answer.
    """
    _, ahead = _look_ahead(flow, answers, today, lambda q: q.default)
    return [q for q in ahead if not (defaults and q.default is not None)]


def _guess(question: Question, today: date) -> Any:
    """A stand-in answer for looking ahead: the default, else the type's likely answer."""
    if question.default is not None:
        return question.default
    return question.qtype.guess(question, today)


def estimate_total(flow: Flow, answers: Mapping[str, Any], today: date) -> int:
    """About how many questions this run will ask: for "Question 3 of about 6"."""
    answered, ahead = _look_ahead(flow, answers, today, lambda q: _guess(q, today))
    return len(answered) + len(ahead)


def questions_ahead(flow: Flow, answers: Mapping[str, Any], today: date) -> list[Question]:
    """The unanswered questions along the likely route (guessing each answer), for hints."""
    return _look_ahead(flow, answers, today, lambda q: _guess(q, today))[1]

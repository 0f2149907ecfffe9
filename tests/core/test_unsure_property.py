""""Not sure" answers, checked by brute force against the two-valued engine.

Random small flows where every question allows "not sure", random answers with
some of them "not sure", and the rest asked the way the wizard asks them (the
engine's next question until it has none). Then, for every completion of the
"not sure" answers (each of them replaced by every value it can take):

- the completion's route is fully answered (the wizard asked all it needs), and
  every question the wizard asked is on the route of some completion;
- an item printed as certain is on the completion's two-valued checklist;
- an item listed under a case of "Depends on" is on the completion's checklist
  exactly when the completion matches that case;
- nothing else is on it.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from support.budget import cpu_budget
from support.flow_strategies import CHOICES, random_condition

from ssguide.core.checklist import NOT_ASKED, build
from ssguide.core.conditions import evaluate, evaluate3, parse
from ssguide.core.engine import walk
from ssguide.core.loader import parse_flow
from ssguide.core.model import Flow, FlowError
from ssguide.core.qtypes import UNSURE
from ssguide.position import Pos
from support.context import context

TODAY = date(2026, 11, 23)
POS = Pos("test", 1, 1)


@st.composite
def random_flows(draw: st.DrawFn) -> str:
    """A small flow of choice and yes/no questions, each allowing "not sure"; routing moves forward."""
    n = draw(st.integers(1, 5))
    kinds = [draw(st.sampled_from(["choice", "yesno"])) for _ in range(n)]

    def condition(upto: int) -> dict[str, Any]:
        return random_condition(draw, kinds, upto, max_parts=3, negate_groups=True)

    questions = []
    for i, kind in enumerate(kinds):
        q: dict[str, Any] = {"id": f"q{i}", "type": kind, "text": f"Q{i}?", "unsure": True}
        if kind == "choice":
            q["choices"] = [{"value": v, "label": v.upper()} for v in CHOICES]
        later = [f"q{j}" for j in range(i + 1, n)] + ["end"]
        rules = [{"when": condition(i), "goto": draw(st.sampled_from(later))} for _ in range(draw(st.integers(0, 2)))]
        rules.append({"goto": draw(st.sampled_from(later))})
        q["next"] = rules
        questions.append(q)
    items = []
    for k in range(draw(st.integers(1, 6))):
        item: dict[str, Any] = {"id": f"i{k}", "kind": draw(st.sampled_from(["step", "material", "note"])), "text": f"Item {k}.", "source": "s"}
        if draw(st.booleans()):
            item["when"] = condition(n - 1)
        if draw(st.booleans()):
            item["updates"] = [{"source": "s", "text": f"Item {k}, current rule.", "when": condition(n - 1)}]
        items.append(item)
    flow = {
        "id": "random",
        "title": "Random",
        "sources": [{"id": "s", "kind": "other", "title": "S", "citation": "s.txt"}],
        "questions": questions,
        "items": items,
    }
    return yaml.safe_dump(flow, sort_keys=False, allow_unicode=True)


def load(text: str) -> Flow:
    try:
        return parse_flow(text, "random.yaml")
    except FlowError:
        assume(False)
        raise


def domain(flow: Flow, qid: str) -> tuple[Any, ...]:
    question = flow.questions[qid]
    return question.choice_values if question.type == "choice" else (True, False)


def key(entry: Any) -> tuple[Any, ...]:
    return (entry.item.id, entry.item.updates.index(entry.update) if entry.update else -1)


def answer_value(data: st.DataObject, flow: Flow, qid: str) -> Any:
    return data.draw(st.sampled_from(domain(flow, qid) + (UNSURE, UNSURE)), label=qid)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=random_flows(), data=st.data())
def test_certain_and_conditional_items_match_every_completion(text: str, data: st.DataObject) -> None:
    flow = load(text)
    # Some answers given up front (on the route or not), the rest asked as the wizard asks them.
    answers: dict[str, Any] = {}
    for qid in flow.questions:
        if data.draw(st.booleans(), label=f"give {qid}"):
            answers[qid] = answer_value(data, flow, qid)
    asked: list[str] = []
    while (following := walk(flow, answers, context(TODAY)).next) is not None:
        assert following.id not in answers
        asked.append(following.id)
        answers[following.id] = answer_value(data, flow, following.id)
    checklist = build(flow, answers, context(TODAY))
    certain = {key(e) for e in checklist.entries}
    unsure = [qid for qid, v in answers.items() if v is UNSURE]

    on_some_route: set[str] = set()
    for values in itertools.product(*(domain(flow, qid) for qid in unsure)):
        completed = {**answers, **dict(zip(unsure, values))}
        route = walk(flow, completed, context(TODAY))
        assert route.done, f"the wizard did not ask {route.next.id} for the completion {completed}"
        on_route = {q.id: completed[q.id] for q in route.answered}
        on_some_route |= set(on_route)
        known = {key(e) for e in build(flow, completed, context(TODAY)).entries}
        assert certain <= known, f"certain items {certain - known} missing when {on_route}"
        expected = set(certain)
        for group in checklist.depends:
            assert group.cases, "only an open date has a group without cases, and these flows have no dates"
            matching = [
                case
                for case in group.cases
                if all((q.id not in on_route) if v == NOT_ASKED else on_route.get(q.id) == v for q, v in case.answers)
            ]
            assert len(matching) == 1, f"{len(matching)} cases of {[q.id for q in group.questions]} match {on_route}"
            expected |= {key(e) for e in matching[0].entries}
        assert known == expected, f"for {on_route}: checklist {sorted(known)}, labels say {sorted(expected)}"
    assert set(asked) <= on_some_route, f"asked {set(asked) - on_some_route}, which no route needs"
    # What to find out: exactly the "not sure" questions something left to do depends on (a step, a material or a
    # date, not done, not information); each "Depends on" names every question something depends on.
    named = {q.id for group in checklist.depends for q in group.questions}
    to_do = {
        q.id for group in checklist.depends
        if any(e.kind in ("step", "material", "deadline") and not e.done and not e.info for case in group.cases for e in case.entries)
        for q in group.questions
    }
    assert {q.id for q in checklist.do_this_now().find_out} == to_do <= named <= set(unsure)
    assert {q.id for q in checklist.depends_questions} == named


# ---------------------------------------------------------------- three-valued conditions


def test_a_condition_over_a_not_sure_answer_is_unknown_not_false() -> None:
    answers = {"networked": UNSURE, "care": "outpatient"}
    assert evaluate3(parse({"networked": "yes"}, POS), answers, context(TODAY)) is None
    assert evaluate3(parse({"not": {"networked": "yes"}}, POS), answers, context(TODAY)) is None
    assert evaluate3(parse({"networked": {"answered": True}}, POS), answers, context(TODAY)) is True
    # Kleene: false wins in all, true wins in any; otherwise unknown.
    assert evaluate3(parse({"all": [{"networked": "yes"}, {"care": "hospital"}]}, POS), answers, context(TODAY)) is False
    assert evaluate3(parse({"all": [{"networked": "yes"}, {"care": "outpatient"}]}, POS), answers, context(TODAY)) is None
    assert evaluate3(parse({"any": [{"networked": "yes"}, {"care": "outpatient"}]}, POS), answers, context(TODAY)) is True
    assert evaluate3(parse({"any": [{"networked": "yes"}, {"care": "hospital"}]}, POS), answers, context(TODAY)) is None
    # The two-valued rules never see "not sure" as a real answer.
    assert evaluate(parse({"networked": {"ne": "yes"}}, POS), answers, context(TODAY)) is False


@given(st.booleans(), st.booleans())
def test_three_valued_evaluation_is_two_valued_without_not_sure(a: bool, b: bool) -> None:
    answers = {"x": a, "y": b}
    for raw in ({"x": True}, {"not": {"x": True}}, {"all": [{"x": True}, {"y": False}]}, {"any": [{"x": False}, {"y": True}]}):
        condition = parse(raw, POS)
        assert evaluate3(condition, answers, context(TODAY)) is evaluate(condition, answers, context(TODAY))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=random_flows(), data=st.data())
def test_past_the_limit_of_completions_three_valued_logic_never_hides_an_item(text: str, data: st.DataObject) -> None:
    """With the limit at 2, most "not sure" answers stay unknown: still, certain means certain, and nothing is left out."""
    from unittest import mock

    flow = load(text)
    answers: dict[str, Any] = {}
    with mock.patch("ssguide.core.engine.MAX_COMPLETIONS", 2):
        while (following := walk(flow, answers, context(TODAY)).next) is not None:
            answers[following.id] = answer_value(data, flow, following.id)
        checklist = build(flow, answers, context(TODAY))
    certain = {key(e) for e in checklist.entries}
    listed = certain | {key(e) for group in checklist.depends for case in group.cases for e in case.entries}
    unsure = [qid for qid, v in answers.items() if v is UNSURE]
    for values in itertools.product(*(domain(flow, qid) for qid in unsure)):
        completed = {**answers, **dict(zip(unsure, values))}
        assert walk(flow, completed, context(TODAY)).done, "three-valued routing follows every rule that may hold"
        known = {key(e) for e in build(flow, completed, context(TODAY)).entries}
        assert certain <= known and known <= listed, (sorted(certain), sorted(known), sorted(listed))


def test_many_not_sure_answers_in_a_big_flow_stay_quick_and_sound() -> None:
    """20 "not sure" answers in a 2,000-item flow: past the limit, three-valued logic keeps it to seconds."""
    from ssguide.core.engine import completion_limit, completions

    n = 20
    questions = [
        {"id": f"q{i}", "type": "yesno", "text": f"Q{i}?", "unsure": True, "next": f"q{i + 1}" if i < n - 1 else "end"} for i in range(n)
    ]
    items = [
        {"id": f"i{k}", "kind": "step", "text": "x", "source": "s", "when": {"any": [{f"q{k % n}": True}, {f"q{(k * 7) % n}": False}]}}
        for k in range(2000)
    ] + [{"id": "always", "kind": "step", "text": "y", "source": "s"}]
    flow = load(yaml.safe_dump({"id": "big", "title": "B", "sources": [{"id": "s", "title": "S", "citation": "s"}], "questions": questions, "items": items}))
    answers = {f"q{i}": UNSURE for i in range(n)}
    # 2**20 ways the answers could turn out: the engine follows at most completion_limit of them, and the rest
    # stay three-valued. ~2 s of CPU; following them all would take hours.
    with cpu_budget(30, "walking and building 20 not-sure answers"):
        assert len(completions(flow, answers, context(TODAY))) <= completion_limit(flow) < 100
        assert walk(flow, answers, context(TODAY)).done
        checklist = build(flow, answers, context(TODAY))
    # Certain: the item without a condition, and some of those reading one question both ways
    # ("yes or no": three-valued logic cannot tell, for answers past the limit).
    tautologies = {f"i{k}" for k in range(2000) if k % n == (k * 7) % n}
    certain = {e.item.id for e in checklist.entries}
    assert "always" in certain and certain <= {"always"} | tautologies
    listed = {e.item.id for group in checklist.depends for case in group.cases for e in case.entries}
    assert listed | certain == {f"i{k}" for k in range(2000)} | {"always"}, "an item that may apply is never hidden"

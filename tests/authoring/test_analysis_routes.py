"""The route analysis behind `validate` and `paths`, checked against brute force.

``analysis.analyse`` never lists routes to answer "can this question be
asked / skipped?" or "how many routes are there?": it works on a state graph
and sums. These tests generate small random flows (routing rules that read the
current and earlier answers, items whose conditions read one or two questions,
deadlines anchored to a date question) and compare every fact with a plain
walk of every route. They also check that the per-question checks used for
huge flows never report a problem the exact route-by-route checks do not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from support.flow_strategies import CHOICES, random_condition

from ssguide.authoring import analysis, semantic
from ssguide.authoring.analysis import UNASKED
from ssguide.core.engine import route
from ssguide.core.model import Flow, FlowError
from ssguide.core.loader import parse_flow
from support.context import context

TODAY = date(2026, 11, 23)


@st.composite
def random_flows(draw: st.DrawFn) -> str:
    """A small flow as YAML text; routing only moves forward, so it has no cycles."""
    n = draw(st.integers(2, 7))
    kinds = ["date"] + [draw(st.sampled_from(["choice", "yesno"])) for _ in range(1, n)]

    def condition(upto: int) -> dict[str, Any]:
        return random_condition(draw, kinds, upto)

    questions = []
    for i, kind in enumerate(kinds):
        q: dict[str, Any] = {"id": f"q{i}", "type": kind, "text": f"Q{i}?"}
        if kind == "choice":
            q["choices"] = [{"value": v, "label": v.upper()} for v in CHOICES]
        if kind == "date":
            q["event"] = "the event"
        elif draw(st.booleans()):
            q["default"] = draw(st.sampled_from(CHOICES)) if kind == "choice" else draw(st.booleans())
        later = [f"q{j}" for j in range(i + 1, n)] + ["end"]
        rules = [{"when": condition(i), "goto": draw(st.sampled_from(later))} for _ in range(draw(st.integers(0, 2)))]
        rules.append({"goto": draw(st.sampled_from(later))})
        q["next"] = rules
        questions.append(q)
    items = []
    for k in range(draw(st.integers(1, 6))):
        item: dict[str, Any] = {"id": f"i{k}", "kind": draw(st.sampled_from(["step", "note", "deadline"])), "text": f"Item {k}.", "source": "s"}
        if draw(st.booleans()):
            item["when"] = condition(n - 1)
        if item["kind"] == "deadline":
            item["deadline"] = {"from": {"question": "q0"}, "after": {"days": 3}}
        items.append(item)
    flow = {
        "id": "random",
        "title": "Random",
        "reviewed": date(2026, 11, 23),
        "sources": [{"id": "s", "kind": "other", "title": "S", "citation": "s.txt"}],
        "questions": questions,
        "items": items,
    }
    return yaml.safe_dump(flow, sort_keys=False, allow_unicode=True)


def every_route(flow: Flow) -> list[dict[str, Any]]:
    """Brute force: every route, one answer per class, as the answers given."""
    compares = analysis._compares_by_question(flow)
    classes = {qid: analysis.answer_classes(q, compares.get(qid, []), context(TODAY)) for qid, q in flow.questions.items()}
    routes: list[dict[str, Any]] = []

    def walk(qid: str | None, answers: dict[str, Any]) -> None:
        if qid is None:
            routes.append(answers)
            return
        for value in classes[qid]:
            trial = {**answers, qid: value}
            walk(route(flow.questions[qid], trial, context(TODAY)), trial)

    walk(flow.start, {})
    return routes


def load(text: str) -> Flow:
    try:
        return parse_flow(text, "random.yaml")
    except FlowError:
        assume(False)
        raise


ANALYSIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ANALYSIS
@given(text=random_flows())
def test_route_facts_match_a_walk_of_every_route(text: str) -> None:
    flow = load(text)
    routes = every_route(flow)
    result = analysis.analyse(flow, context(TODAY))
    assert result.route_count == len(routes)
    assert result.reached == frozenset(q for r in routes for q in r)
    for qid in flow.questions:
        asked = {r[qid] for r in routes if qid in r}
        skipped = any(qid not in r for r in routes)
        statuses = result.statuses[qid]
        assert {v for v in statuses if v is not UNASKED} == asked, qid
        assert (UNASKED in statuses) == skipped, qid


@ANALYSIS
@given(text=random_flows())
def test_checks_for_huge_flows_report_only_real_problems(text: str) -> None:
    """budget=0 forces the per-question checks: a subset of the exact ones, equal for one-question conditions."""
    flow = load(text)
    exact = {str(p) for p in semantic.problems(flow, context(TODAY)) if p.severity == "error"}
    per_question = {str(p) for p in semantic.problems(flow, context(TODAY), budget=0) if p.severity == "error"}
    assert per_question <= exact
    from ssguide.core import conditions

    single = {it.id for it in flow.items if len(conditions.questions_in(it.when)) <= 1}
    never_used = "is never on any checklist"
    assert {p for p in exact if never_used in p and any(f"item '{i}'" in p for i in single)} <= per_question


def synthetic_route_count(n: int) -> int:
    """Routes of benchmarks/validate.py's synthetic flow, by its own recurrence.

    Question i (1 <= i < n) is yes/no when i % 3 == 0 (two answers, both go
    on), else a choice whose 'a' and 'b' go on and whose 'c' skips two.
    """
    routes = [1] * (n + 3)  # from beyond the last question: one way, the end
    for i in range(n - 1, 0, -1):
        routes[i] = 2 * routes[i + 1] if i % 3 == 0 else 2 * routes[i + 1] + routes[i + 3]
    return routes[1]  # q0 is a date question nothing compares: one class


def test_a_flow_with_astronomically_many_routes_is_counted_not_listed() -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_validate", Path(__file__).resolve().parents[2] / "benchmarks" / "validate.py")
    bench = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(bench)
    n = 3_000
    flow = parse_flow(bench.synthetic_flow(n), "synthetic.yaml")
    result = analysis.analyse(flow, context(TODAY))
    assert result.route_count == synthetic_route_count(n)
    assert result.route_count > 10**500
    assert not result.complete and result.outcomes == ()
    assert result.reached == frozenset(flow.questions)
    # Every item's condition can hold and the anchor is always asked: no problems.
    assert semantic.problems(flow, context(TODAY)) == []


def _reference_missing(flow: Flow, answers: dict[str, Any], defaults: bool) -> list[str]:
    """engine.missing_questions as first written: re-walk from the start after each stand-in."""
    from ssguide.core.engine import next_question

    trial = dict(answers)
    missing: list[str] = []
    while True:
        question = next_question(flow, trial, context(TODAY))
        if question is None:
            return missing
        if defaults and question.default is not None:
            trial[question.id] = question.default
            continue
        missing.append(question.id)
        if question.default is None:
            return missing
        trial[question.id] = question.default


def _reference_ahead(flow: Flow, answers: dict[str, Any]) -> list[str]:
    from ssguide.core.engine import _guess, next_question

    trial = dict(answers)
    ahead: list[str] = []
    while (question := next_question(flow, trial, context(TODAY))) is not None:
        ahead.append(question.id)
        trial[question.id] = _guess(question, TODAY)
    return ahead


@ANALYSIS
@given(text=random_flows(), data=st.data())
def test_look_ahead_matches_rewalking_from_the_start(text: str, data: st.DataObject) -> None:
    """The engine's one-pass look-ahead gives what re-walking after every stand-in gave."""
    from ssguide.core import engine

    flow = load(text)
    routes = every_route(flow)
    chosen = data.draw(st.sampled_from(routes))
    # A partial, possibly gappy set of answers taken from one real route.
    answers = {k: v for k, v in chosen.items() if data.draw(st.booleans())}
    for defaults in (False, True):
        assert [q.id for q in engine.missing_questions(flow, answers, context(TODAY), defaults)] == _reference_missing(flow, answers, defaults)
    ahead = _reference_ahead(flow, answers)
    assert [q.id for q in engine.questions_ahead(flow, answers, context(TODAY))] == ahead
    # The route really taken lies within the range the progress counter shows.
    total = engine.total_range(flow, answers, context(TODAY))
    taken = len(engine.walk(flow, chosen, context(TODAY)).answered)
    assert total is not None and total[0] <= taken <= total[1]


def test_paths_gives_the_route_count_of_a_flow_too_big_to_list(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    spec_path = Path(__file__).resolve().parents[2] / "benchmarks" / "validate.py"
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_validate", spec_path)
    bench = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(bench)
    flow_file = tmp_path / "big.yaml"
    flow_file.write_text(bench.synthetic_flow(300), encoding="utf-8")
    en = subprocess.run([sys.executable, "-m", "ssguide", "paths", str(flow_file), "--lang", "en"], capture_output=True, text=True)
    zh = subprocess.run([sys.executable, "-m", "ssguide", "paths", str(flow_file), "--lang", "zh"], capture_output=True, text=True)
    assert (en.returncode, zh.returncode) == (1, 1)
    magnitude = len(str(synthetic_route_count(300))) - 1
    assert en.stderr == f"ssguide: error: 'synthetic-300' has ~10^{magnitude} routes, too many to list one by one; 'ssguide validate' still checks it\n"
    assert f"共有 ~10^{magnitude} 条路线" in zh.stderr
    ok = subprocess.run([sys.executable, "-m", "ssguide", "validate", str(flow_file)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.strip().endswith(": ok")


def test_a_date_question_that_deadlines_count_from_gets_one_date_whose_deadlines_have_all_passed() -> None:
    """The outcomes hold a late case: the latest answer for which every deadline counted from it has passed."""
    import random
    from datetime import timedelta

    from ssguide.core.dates import Offset, apply_offset

    rnd = random.Random(20)
    for _ in range(150):
        today = date(2026, 1, 1) + timedelta(days=rnd.randrange(0, 900))
        offset = Offset(rnd.choice([0, 1, 3, 20, 60, 200]), rnd.choice(["days", "working_days", "months"]), "after")
        for reached_on_the_day in (False, True):
            def passed(anchor: date, offset: Offset = offset, today: date = today, reached_on_the_day: bool = reached_on_the_day) -> bool:
                due = apply_offset(anchor, offset).date
                return due <= today if reached_on_the_day else due < today

            latest = analysis._latest_anchor_passed(offset, context(today), reached_on_the_day)
            assert latest is not None and passed(latest) and not passed(latest + timedelta(days=1)), (today, offset, latest)
    flow = parse_flow(
        "id: late\ntitle: L\nsources: [{id: s, title: S, citation: c}]\n"
        "questions: [{id: treated, type: date, text: When?, max: today}]\n"
        "items:\n"
        "  - {id: due, kind: deadline, text: Report., source: s, deadline: {from: {question: treated}, after: {days: 3}}}\n"
        "  - {id: card, kind: deadline, text: Card., source: s, deadline: {from: {question: treated}, after: {working_days: 20}, meaning: expected_by}}\n",
        "late.yaml",
    )
    day = date(2026, 12, 7)
    (late,) = analysis.deadline_classes(flow, context(day))["treated"]
    assert late == date(2026, 11, 8)  # early enough for the 20 working days too, not only the 3 days
    assert [o.answer_dict()["treated"] for o in analysis.analyse(flow, context(day)).outcomes] == [day, late]

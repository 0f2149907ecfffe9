"""conditions.parse / evaluate / check / questions_in, on their own."""

from __future__ import annotations

from datetime import date

import pytest

from ssguide.core import conditions as cond
from ssguide.core.loader import parse_flow
from ssguide.core.yamlsafe import load_located
from ssguide.position import Pos
from support.context import context

TODAY = date(2026, 11, 23)

FLOW = parse_flow(
    """\
id: t
title: T
sources:
  - id: s1
    title: S1
    citation: c1
questions:
  - id: route
    type: choice
    text: Route?
    choices:
      - {value: school, label: School}
      - {value: home, label: Home}
      - {value: elsewhere, label: Elsewhere}
    next: poor
  - id: poor
    type: yesno
    text: Poor?
    next: kinds
  - id: kinds
    type: multi
    text: Which kinds?
    choices:
      - {value: a, label: A}
      - {value: b, label: B}
      - {value: c, label: C}
    next: age
  - id: age
    type: number
    text: Age?
    next: treated_on
  - id: treated_on
    type: date
    text: Treated on?
    next: note
  - id: note
    type: text
    text: Anything else?
items:
  - id: i1
    kind: step
    text: Do it
    source: s1
""",
    "t.yaml",
)
QUESTIONS = FLOW.questions


def c(yaml_text: str) -> cond.Condition:
    """Parse a condition written as the YAML value of ``when:``."""
    raw = load_located(f"when: {yaml_text}\n", "c.yaml")
    return cond.parse(raw["when"], raw.pos_of("when"))


def holds(yaml_text: str, today: date = TODAY, **answers: object) -> bool:
    return cond.evaluate(c(yaml_text), answers, context(today))


def parse_error(yaml_text: str) -> cond.ConditionError:
    raw = load_located(yaml_text, "c.yaml")
    with pytest.raises(cond.ConditionError) as info:
        cond.parse(raw["when"], raw.pos_of("when"))
    return info.value


def problems(yaml_text: str) -> list[str]:
    return [str(p.message) for p in cond.check(c(yaml_text), QUESTIONS)]


# ---------------------------------------------------------------- evaluate


def test_none_always_holds() -> None:
    assert cond.evaluate(None, {}, context(TODAY)) is True


def test_equality_on_a_choice() -> None:
    assert holds("{route: school}", route="school")
    assert not holds("{route: school}", route="home")


def test_equality_on_yesno() -> None:
    assert holds("{poor: true}", poor=True)
    assert not holds("{poor: true}", poor=False)
    assert holds("{poor: false}", poor=False)


def test_list_is_membership() -> None:
    assert holds("{route: [school, home]}", route="home")
    assert not holds("{route: [school, home]}", route="elsewhere")
    assert holds("{route: {in: [school, home]}}", route="school")
    assert holds("{route: {not_in: [school, home]}}", route="elsewhere")
    assert not holds("{route: {not_in: [school, home]}}", route="school")
    assert holds("{route: {ne: school}}", route="home")
    assert not holds("{route: {ne: school}}", route="school")


def test_multi_choice_equality_means_ticked() -> None:
    assert holds("{kinds: b}", kinds=("a", "b"))
    assert not holds("{kinds: c}", kinds=("a", "b"))
    assert not holds("{kinds: a}", kinds=())


def test_multi_choice_list_means_any_ticked() -> None:
    assert holds("{kinds: [c, b]}", kinds=("a", "b"))
    assert not holds("{kinds: [c]}", kinds=("a", "b"))
    assert holds("{kinds: {not_in: [c]}}", kinds=("a", "b"))
    assert not holds("{kinds: {not_in: [b, c]}}", kinds=("a", "b"))
    assert holds("{kinds: {ne: c}}", kinds=("a",))
    assert not holds("{kinds: {ne: a}}", kinds=("a",))


@pytest.mark.parametrize(
    ("op", "age", "expected"),
    [
        ("lt", 17, True), ("lt", 18, False),
        ("le", 18, True), ("le", 19, False),
        ("gt", 19, True), ("gt", 18, False),
        ("ge", 18, True), ("ge", 17.5, False),
        ("eq", 18, True), ("eq", 18.5, False),
        ("ne", 18, False), ("ne", 3, True),
    ],
)
def test_number_comparisons(op: str, age: float, expected: bool) -> None:
    assert holds(f"{{age: {{{op}: 18}}}}", age=age) is expected


def test_several_operators_on_one_question_all_hold() -> None:
    assert holds("{age: {ge: 6, lt: 18}}", age=6)
    assert holds("{age: {ge: 6, lt: 18}}", age=17)
    assert not holds("{age: {ge: 6, lt: 18}}", age=18)
    assert not holds("{age: {ge: 6, lt: 18}}", age=5)


def test_date_comparisons_compare_dates() -> None:
    assert holds("{treated_on: {ge: 2026-01-01}}", treated_on=date(2026, 1, 1))
    assert not holds("{treated_on: {ge: 2026-01-01}}", treated_on=date(2025, 12, 31))
    assert holds("{treated_on: {lt: 2026-01-01}}", treated_on=date(2025, 12, 31))
    # Dates compare as dates, across months and years.
    assert holds("{treated_on: {lt: 2026-10-01}}", treated_on=date(2026, 2, 10))


def test_today_is_the_day_of_the_run() -> None:
    yesterday, tomorrow = date(2026, 11, 22), date(2026, 11, 24)
    assert holds("{treated_on: {lt: today}}", treated_on=yesterday)
    assert not holds("{treated_on: {lt: today}}", treated_on=TODAY)
    assert holds("{treated_on: {le: today}}", treated_on=TODAY)
    assert holds("{treated_on: {gt: today}}", treated_on=tomorrow)
    assert holds("{treated_on: {eq: today}}", treated_on=TODAY)
    # The same answer on another day of the run gives another result.
    assert not holds("{treated_on: {gt: today}}", today=date(2026, 12, 1), treated_on=tomorrow)


def test_answered() -> None:
    assert holds("{route: {answered: true}}", route="home")
    assert not holds("{route: {answered: true}}")
    assert holds("{route: {answered: false}}")
    assert not holds("{route: {answered: false}}", route="home")
    # None is no answer.
    assert holds("{route: {answered: false}}", route=None)


def test_unanswered_question_never_satisfies_a_comparison() -> None:
    for text in ("{route: school}", "{route: {ne: school}}", "{route: {not_in: [school]}}", "{age: {lt: 99}}"):
        assert not holds(text), text
    # ...so its negation holds.
    assert holds("{not: {route: school}}")


def test_several_keys_are_an_implicit_and() -> None:
    assert holds("{route: school, poor: false}", route="school", poor=False)
    assert not holds("{route: school, poor: false}", route="school", poor=True)
    assert not holds("{route: school, poor: false}", route="home", poor=False)
    assert not holds("{route: school, poor: false}", route="school")


def test_all_any_not() -> None:
    assert holds("{all: [{route: school}, {poor: true}]}", route="school", poor=True)
    assert not holds("{all: [{route: school}, {poor: true}]}", route="school", poor=False)
    assert holds("{any: [{route: school}, {poor: true}]}", route="home", poor=True)
    assert not holds("{any: [{route: school}, {poor: true}]}", route="home", poor=False)
    assert holds("{not: {route: school}}", route="home")
    assert not holds("{not: {route: school}}", route="school")
    nested = "{any: [{all: [{route: home}, {age: {lt: 18}}]}, {not: {poor: false}}]}"
    assert holds(nested, route="home", age=3, poor=False)
    assert not holds(nested, route="home", age=30, poor=False)
    assert holds(nested, route="home", age=30, poor=True)


def test_a_mismatched_type_simply_does_not_hold() -> None:
    # The loader refuses such conditions; evaluate must still not crash.
    assert not holds("{treated_on: {lt: 5}}", treated_on=TODAY)


# ---------------------------------------------------------------- parse


def test_parse_shapes() -> None:
    assert c("{route: school}") == cond.Compare("route", "eq", "school", Pos("c.yaml", 1, 15))
    parsed = c("{route: [school, home]}")
    assert isinstance(parsed, cond.Compare) and parsed.op == "in" and parsed.value == ("school", "home")
    both = c("{route: school, poor: false}")
    assert isinstance(both, cond.All) and [p.question for p in both.parts] == ["route", "poor"]
    assert isinstance(c("{any: [{route: school}]}"), cond.AnyOf)
    assert isinstance(c("{not: {route: school}}"), cond.Not)


def test_unknown_operator_is_an_error_at_its_line() -> None:
    err = parse_error("x: 1\nwhen:\n  age:\n    lte: 3\n")
    assert "unknown operator 'lte'" in str(err.message)
    assert "'age'" in str(err.message)
    assert "le" in str(err.message)  # says what is allowed
    assert err.pos.file == "c.yaml"
    assert err.pos.line == 4
    assert err.pos.col in (5, 10)  # the operator or its operand, on that line


def test_empty_list_of_values_is_an_error() -> None:
    err = parse_error("when:\n  route: []\n")
    assert "empty" in str(err.message) and "'route'" in str(err.message)
    assert (err.pos.line, err.pos.col) == (2, 10)


@pytest.mark.parametrize("op", ["in", "not_in"])
def test_empty_in_list_is_an_error_like_the_shorthand(op: str) -> None:
    # {route: []} is refused as a condition that can never hold; {route: {in: []}}
    # means exactly the same (and not_in: [] always holds) and must be refused too.
    err = parse_error(f"when:\n  route: {{{op}: []}}\n")
    assert f"'{op}' on 'route'" in str(err.message)
    assert err.pos.line == 2


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("when:\n  all: []\n", 2, "'all' needs a non-empty list"),
        ("when:\n  any: []\n", 2, "'any' needs a non-empty list"),
        ("when:\n  route: {}\n", 2, "comparison on 'route' is empty"),
        ("when: []\n", 1, "non-empty mapping"),
        ("when: {}\n", 1, "non-empty mapping"),
        ("when:\n  not: {}\n", 2, "non-empty mapping"),
        ("when:\n  route:\n    in: school\n", 3, "'in' on 'route' needs a"),
        ("when:\n  route:\n    answered: 1\n", 3, "'answered' on 'route' needs true or false"),
    ],
)
def test_malformed_conditions_report_their_line(text: str, line: int, words: str) -> None:
    err = parse_error(text)
    assert words in str(err.message)
    assert err.pos.line == line


def test_error_inside_a_combinator_points_at_the_inner_value() -> None:
    err = parse_error("when:\n  any:\n    - {route: school}\n    - age: {lte: 3}\n")
    assert "unknown operator 'lte'" in str(err.message)
    assert err.pos.line == 4


# ---------------------------------------------------------------- questions_in


def test_questions_in_lists_each_question_once_in_order() -> None:
    tree = c("{any: [{poor: true}, {route: school}], not: {poor: false}, age: {lt: 3}}")
    assert cond.questions_in(tree) == ["poor", "route", "age"]
    assert cond.questions_in(None) == []


# ---------------------------------------------------------------- check


def test_check_accepts_meaningful_conditions() -> None:
    for text in (
        "{route: school}",
        "{route: [school, home]}",
        "{poor: true}",
        "{kinds: a}",
        "{kinds: [a, c]}",
        "{age: {lt: 18, ge: 6.5}}",
        "{treated_on: {le: today}}",
        "{treated_on: {gt: 2026-01-01}}",
        "{note: {answered: true}}",
        "{note: hello}",
    ):
        assert problems(text) == [], text


def test_check_reports_an_unknown_question_with_its_position() -> None:
    found = cond.check(c("{route: school, rout: school}"), QUESTIONS)
    assert len(found) == 1
    assert "'rout'" in str(found[0].message) and "does not exist" in str(found[0].message)
    assert found[0].pos.line == 1


def test_check_reports_a_value_not_among_the_choices() -> None:
    (message,) = problems("{route: shcool}")
    assert "'shcool'" in message and "route" in message
    assert "school" in message and "home" in message  # names the allowed choices
    (message,) = problems("{route: [school, nowhere]}")
    assert "'nowhere'" in message
    (message,) = problems("{kinds: d}")
    assert "'d'" in message


def test_check_reports_a_date_compared_with_a_number() -> None:
    (message,) = problems("{treated_on: {lt: 5}}")
    assert "treated_on" in message and "not a date" in message


def test_check_reports_other_type_mismatches() -> None:
    assert problems("{age: {lt: eighteen}}")  # number vs text
    assert problems("{age: true}")  # number vs bool
    assert problems("{poor: 1}")  # yesno vs number
    assert problems("{route: {lt: school}}")  # choices have no order
    assert problems("{note: {gt: a}}")  # text has no order

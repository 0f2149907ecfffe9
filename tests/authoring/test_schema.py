"""The JSON Schema of the flow format (``ssguide schema``, docs/flow.schema.json).

The loader is the authority; the schema is what editors use while a flow is
typed. The tables below feed both the same small flows — each a valid flow
with one mistake — and require that both refuse each one, and that both
accept the valid variants. That is what keeps the two from drifting apart.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from ssguide.core.model import Flow, FlowError
from ssguide.core.loader import parse_flow
from ssguide.shell.registry import bundled_flows
from ssguide.authoring.schema import flow_schema, schema_json

from support.cli import REPO, run_main

SCHEMA_DOC = REPO / "docs" / "flow.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../docs/flow.schema.json"


def validator() -> Draft202012Validator:
    # With the format checker, as editors do: `reviewed: soon` is not a date.
    return Draft202012Validator(flow_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """What an editor sees: YAML dates are ISO strings in JSON."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def schema_errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(as_json(data))]


def loader_errors(data: Any) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        flow = parse_flow(text, "mutated.yaml")
    except FlowError as exc:
        return [str(p) for p in exc.problems]
    assert isinstance(flow, Flow)
    return []


# ---------------------------------------------------------------- the command and the file


def test_schema_command_prints_a_valid_json_schema() -> None:
    result = run_main(["schema"])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == flow_schema()
    assert result.stdout == schema_json()


def test_docs_schema_file_is_up_to_date() -> None:
    assert SCHEMA_DOC.exists(), "docs/flow.schema.json is missing: run `ssguide schema > docs/flow.schema.json`"
    assert SCHEMA_DOC.read_text(encoding="utf-8") == schema_json(), (
        "docs/flow.schema.json differs from `ssguide schema`: run `ssguide schema > docs/flow.schema.json`"
    )


@pytest.mark.parametrize("info", bundled_flows(), ids=lambda i: i.id)
def test_bundled_flow_starts_with_the_schema_comment(info) -> None:
    first = info.path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_COMMENT, f"{info.path.name}: the first line must be `{SCHEMA_COMMENT}` (editors find the schema by it)"


@pytest.mark.parametrize("info", bundled_flows(), ids=lambda i: i.id)
def test_bundled_flow_validates_against_the_schema(info) -> None:
    data = yaml.safe_load(info.path.read_text(encoding="utf-8"))
    assert schema_errors(data) == []


# ---------------------------------------------------------------- loader and schema agree

BASE: dict[str, Any] = {
    "id": "demo",
    "title": {"en": "Demo", "zh": "演示"},
    "languages": ["en", "zh"],
    "sources": [{"id": "s1", "kind": "seed", "title": "Source one", "citation": "one.txt"}],
    "questions": [
        {
            "id": "route",
            "type": "choice",
            "text": {"en": "Which route?", "zh": "哪条途径？"},
            "choices": [{"value": "school", "label": "School"}, {"value": "home", "label": "Home"}],
            "next": [{"when": {"route": "school"}, "goto": "treated"}, {"goto": "end"}],
        },
        {"id": "treated", "type": "date", "text": "When were you treated?", "event": "treatment"},
    ],
    "items": [
        {"id": "always", "kind": "step", "text": "Do it.", "source": "s1"},
        {"id": "school-step", "kind": "material", "text": "School.", "when": {"route": "school"}, "source": ["s1"]},
        {
            "id": "claim-by",
            "kind": "deadline",
            "text": "Claim.",
            "when": {"route": "school"},
            "source": "s1",
            "deadline": {"from": {"question": "treated"}, "after": {"days": 30}},
        },
    ],
}

Mutation = Callable[[dict[str, Any]], None]


def _q(d: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return d["questions"][i]


def _it(d: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return d["items"][i]


def _deadline(d: dict[str, Any]) -> dict[str, Any]:
    return d["items"][2]["deadline"]


REJECTED: dict[str, Mutation] = {
    "unknown top-level key": lambda d: d.update(colour="red"),
    "unknown key in a question": lambda d: _q(d).update(hint="x"),
    "unknown key in an item": lambda d: _it(d).update(priority=1),
    "unknown item kind": lambda d: _it(d).update(kind="task"),
    "unknown question type": lambda d: _q(d, 1).update(type="slider"),
    "unknown source kind": lambda d: d["sources"][0].update(kind="blog"),
    "question without text": lambda d: _q(d, 1).pop("text"),
    "item without text": lambda d: _it(d).pop("text"),
    "item without source": lambda d: _it(d).pop("source"),
    "flow without sources": lambda d: d.pop("sources"),
    "empty items": lambda d: d.update(items=[]),
    "bad flow id": lambda d: d.update(id="Demo_Flow"),
    "bad question id": lambda d: _q(d, 1).update(id="1treated"),
    "reserved question id": lambda d: _q(d, 1).update(id="not"),
    "bad item id": lambda d: _it(d).update(id="Always"),
    "unsupported language": lambda d: d.update(languages=["en", "fr"]),
    "text in an unknown language": lambda d: _it(d).update(text={"en": "Do it.", "zh": "做。", "fr": "Fais-le."}),
    "empty text": lambda d: _it(d).update(text=""),
    "wrong deadline unit": lambda d: _deadline(d).update(after={"weeks": 2}),
    "negative deadline": lambda d: _deadline(d).update(after={"days": -1}),
    "deadline after and before": lambda d: _deadline(d).update(before={"days": 1}),
    "deadline without from": lambda d: _deadline(d).pop("from"),
    "unknown deadline meaning": lambda d: _deadline(d).update(meaning="soon"),
    "unknown operator": lambda d: _it(d, 1).update(when={"route": {"like": "school"}}),
    "empty all": lambda d: _it(d, 1).update(when={"all": []}),
    "condition as a list": lambda d: _it(d, 1).update(when=[{"route": "school"}]),
    "rule without goto": lambda d: _q(d)["next"][0].pop("goto"),
    "order not a number": lambda d: _it(d).update(order="first"),
    "reviewed not a date": lambda d: d.update(reviewed="soon"),
    "unsure not true/false": lambda d: _q(d).update(unsure="maybe"),
    "how_to_find_out without a source": lambda d: _q(d).update(unsure=True, how_to_find_out={"text": "Ask."}),
    "how_to_find_out with an unknown key": lambda d: _q(d).update(unsure=True, how_to_find_out={"text": "Ask.", "source": "s1", "url": "x"}),
    # Structural rules that JSON Schema can say; each of these once let a file pass
    # the editor's check that `ssguide validate` then refused.
    "'in' with a single value": lambda d: _it(d, 1).update(when={"route": {"in": "school"}}),
    "'in' with an empty list": lambda d: _it(d, 1).update(when={"route": {"in": []}}),
    "'answered' not true/false": lambda d: _it(d, 1).update(when={"route": {"answered": "yes"}}),
    "blank text": lambda d: _it(d).update(text="   "),
    "empty choice value": lambda d: _q(d)["choices"][0].update(value=""),
    "choice question with one choice": lambda d: _q(d).update(choices=[{"value": "school", "label": "School"}]),
    # Values the loader once took and the schema refused.
    "version as a list": lambda d: d.update(version=[1]),
    "source url not a string": lambda d: d["sources"][0].update(url=5),
    "source date as a list": lambda d: d["sources"][0].update(date=[2022]),
    "blank optional text": lambda d: d.update(description=""),
    "blank help in one language": lambda d: _q(d).update(help={"en": " ", "zh": "帮助"}),
    # Progress and late cases.
    "done_when as a list": lambda d: _it(d).update(done_when=[{"route": "school"}]),
    "info not true/false": lambda d: _it(d).update(info="yes"),
    "waits_for not an item id": lambda d: _it(d).update(waits_for="Claim By"),
    "overdue without a source": lambda d: _it(d, 2).update(overdue={"text": "Claim now."}),
    "overdue without a text": lambda d: _it(d, 2).update(overdue={"source": "s1"}),
    "overdue with an unknown key": lambda d: _it(d, 2).update(overdue={"text": "Claim now.", "source": "s1", "when": {}}),
    "'unsure' not true/false": lambda d: _q(d)["next"][0].update(when={"route": {"unsure": "yes"}}),
    # Help and how to find out that depend on the answers: lists of variants.
    "help as an empty list": lambda d: _q(d, 1).update(help=[]),
    "help as a list of texts": lambda d: _q(d, 1).update(help=["Pick one."]),
    "a help variant without a text": lambda d: _q(d, 1).update(help=[{"when": {"route": "school"}}]),
    "a help variant with a source": lambda d: _q(d, 1).update(help=[{"text": "Ask.", "source": "s1"}]),
    "a help variant's condition as a list": lambda d: _q(d, 1).update(help=[{"when": [{"route": "school"}], "text": "Ask."}]),
    "how_to_find_out as an empty list": lambda d: _q(d, 1).update(unsure=True, how_to_find_out=[]),
    "a how_to_find_out variant without a source": lambda d: _q(d, 1).update(unsure=True, how_to_find_out=[{"when": {"route": "school"}, "text": "Ask."}]),
    # A pointer at another flow ({flow:ID}): only where a checklist shows it, and well formed.
    "a pointer at a flow in a question": lambda d: _q(d).update(text="Which route? {flow:card}"),
    "a pointer at a flow in a title": lambda d: d.update(title={"en": "Demo {flow:card}", "zh": "演示"}),
    "a malformed pointer at a flow": lambda d: _it(d).update(text="Do it ({flow:Card Two})."),
    "a pointer with no closing brace": lambda d: _it(d).update(text="Do it ({flow:card."),
}


def _full_features(d: dict[str, Any]) -> None:
    d.update(command="demo-cmd", version=2, description={"en": "All of it.", "zh": "全部。"}, reviewed=date(2026, 11, 23))
    d.update(start="route")
    d["sources"].append({"id": "n-2022", "kind": "notice", "title": "Notice", "citation": "No. 22", "date": "2022", "url": "https://example.org/n"})
    d["questions"][0].update(help={"en": "Pick one.", "zh": "选一个。"}, short="Route", default="school")
    d["questions"][0]["choices"][0]["help"] = "At school."
    d["questions"][1].update(min="today", max=date(2030, 1, 1), next="kinds")
    d["questions"] += [
        {
            "id": "kinds",
            "type": "multi",
            "text": "Which?",
            "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
            "next": [{"when": {"any": [{"kinds": "a"}, {"not": {"kinds": {"in": ["b"]}}}]}, "goto": "age"}],
        },
        {"id": "age", "type": "number", "text": "Age?", "min": 0, "max": 120, "next": "card"},
        {
            "id": "card",
            "type": "yesno",
            "text": "Card?",
            "default": False,
            "unsure": True,
            "how_to_find_out": {"source": ["s1", "n-2022"], "text": {"en": "Ask the agency.", "zh": "询问经办机构。"}},
            "next": "note_text",
        },
        {"id": "note_text", "type": "text", "text": "Anything else?", "next": "end"},
    ]
    d["items"] += [
        {
            "id": "old",
            "kind": "note",
            "text": "Old rule.",
            "when": {"all": [{"age": {"ge": 18, "lt": 60}}, {"card": True}, {"treated": {"ge": "today"}}]},
            "source": ["s1", "n-2022"],
            "order": -5,
            "updates": [{"source": "n-2022", "text": {"en": "New rule.", "zh": "新规定。"}}],
        },
        {
            "id": "ready",
            "kind": "warning",
            "text": "Card ready.",
            "when": {"route": {"answered": True}, "note_text": {"ne": "x"}},
            "source": "s1",
            "deadline": {"from": {"item": "claim-by"}, "before": {"working_days": 5}, "meaning": "ready_from"},
        },
    ]
    d["items"][2]["deadline"].update(meaning="valid_until", after={"months": 1})
    d["items"][2].update(
        done_when={"card": False},
        overdue={"source": ["s1", "n-2022"], "text": {"en": "Claim now; ask.", "zh": "尽快报销并询问。"}, "short": "Claim now"},
    )
    d["items"][0].update(done_when={"route": "school"}, waits_for="claim-by")
    d["items"][1].update(kind="step", info=True)
    d["items"][3]["updates"][0].update(short={"en": "New", "zh": "新"}, when={"card": True})
    d["questions"][4]["next"] = [{"when": {"card": {"unsure": True}}, "goto": "end"}, {"goto": "note_text"}]


ACCEPTED: dict[str, Mutation] = {
    "the base flow": lambda d: None,
    "a pointer at another flow in an item's text": lambda d: _it(d).update(text={"en": "Do it ({flow:card}).", "zh": "办理（{flow:card}）。"}),
    "a pointer in what still helps and in how to find out": lambda d: (
        _it(d, 2).update(overdue={"text": "Late: {flow:offsite}", "source": "s1"}),
        _q(d).update(unsure=True, how_to_find_out={"text": "Ask ({flow:card}).", "source": "s1"}),
    ),
    "a brace that is no pointer": lambda d: _it(d).update(text="Do it {now} {flowers}."),
    "help and how to find out by route": lambda d: _q(d, 1).update(
        help=[{"when": {"route": "school"}, "text": {"en": "Ask the school.", "zh": "问学校。"}}, {"text": "Ask the agency."}],
        unsure=True,
        how_to_find_out=[
            {"when": {"route": "school"}, "source": "s1", "what": "when", "text": "Ask the school ({flow:card})."},
            {"source": ["s1"], "text": "Ask the agency."},
        ],
    ),
    "a single how to find out with a condition": lambda d: _q(d, 1).update(
        unsure=True, how_to_find_out={"when": {"route": {"ne": "home"}}, "source": "s1", "text": "Ask."}
    ),
    "plain strings, English only": lambda d: (
        d.pop("languages"),
        d.update(title="Demo"),
        _q(d).update(text="Which route?"),
    ),
    "every optional feature": _full_features,
}


def mutated(mutation: Mutation) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    mutation(data)
    return data


def test_the_base_flow_is_valid_for_both() -> None:
    assert loader_errors(BASE) == []
    assert schema_errors(BASE) == []


@pytest.mark.parametrize("name", list(REJECTED))
def test_loader_and_schema_both_reject(name: str) -> None:
    data = mutated(REJECTED[name])
    loader = loader_errors(data)
    schema = schema_errors(data)
    assert loader and schema, (
        f"{name}: loader {'rejects' if loader else 'ACCEPTS'} ({loader[:1]}), "
        f"schema {'rejects' if schema else 'ACCEPTS'} ({schema[:1]}) — src/ssguide/authoring/schema.py and the loader have drifted"
    )
    for problem in loader:
        assert problem.startswith("mutated.yaml:"), problem


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_loader_and_schema_both_accept(name: str) -> None:
    data = mutated(ACCEPTED[name])
    assert loader_errors(data) == [], "loader refuses a valid flow"
    assert schema_errors(data) == [], "schema refuses a valid flow"


def test_schema_lists_the_loaders_names() -> None:
    """Enums in the schema come from the loader's constants."""
    from ssguide.core.conditions import OPERATORS
    from ssguide.core.model import DEADLINE_MEANINGS, DEADLINE_UNITS, ITEM_KINDS, SOURCE_KINDS
    from ssguide.core.qtypes import QUESTION_TYPES

    defs = flow_schema()["$defs"]
    assert defs["item"]["properties"]["kind"]["enum"] == list(ITEM_KINDS)
    assert defs["source"]["properties"]["kind"]["enum"] == list(SOURCE_KINDS)
    assert defs["question"]["properties"]["type"]["enum"] == list(QUESTION_TYPES)
    assert defs["deadline"]["properties"]["meaning"]["enum"] == list(DEADLINE_MEANINGS)
    assert defs["offset"]["propertyNames"]["enum"] == list(DEADLINE_UNITS)
    operators = set()
    for option in defs["condition"]["additionalProperties"]["anyOf"]:
        if option.get("type") == "object":
            operators |= set(option.get("propertyNames", {}).get("enum", [])) | set(option.get("properties", {}))
    assert operators == set(OPERATORS)


# Where each section of the declaration appears in BASE (a deadline and a rule have their own mappings).
SECTION_IN_BASE: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "flow": lambda d: d,
    "source": lambda d: d["sources"][0],
    "question": lambda d: _q(d),
    "choice": lambda d: _q(d)["choices"][0],
    "rule": lambda d: _q(d)["next"][0],
    "item": lambda d: d["items"][0],
    "deadline": lambda d: d["items"][2]["deadline"],
}


def _required_keys() -> list[tuple[str, str]]:
    from ssguide.core.structure import SECTIONS

    return [(section, key) for section, keys in SECTIONS.items() for key, spec in keys.items() if spec.required and section in SECTION_IN_BASE]


@pytest.mark.parametrize(("section", "key"), _required_keys())
def test_every_required_key_of_the_declaration_is_required_by_both(section: str, key: str) -> None:
    """``structure.SECTIONS`` is the one declaration: a key it marks required is refused when missing, by both."""
    data = copy.deepcopy(BASE)
    SECTION_IN_BASE[section](data).pop(key)
    assert loader_errors(data), f"the loader accepts a {section} without {key!r}"
    assert schema_errors(data), f"the schema accepts a {section} without {key!r}"


def test_every_declared_key_is_known_to_the_loader_and_no_other() -> None:
    from ssguide.core.structure import SECTIONS

    for section, keys in SECTIONS.items():
        if section not in SECTION_IN_BASE:
            continue
        data = copy.deepcopy(BASE)
        SECTION_IN_BASE[section](data)["not_declared"] = 1
        assert any("unknown key 'not_declared'" in e for e in loader_errors(data)), section
        for key in keys:
            allowed = next(e for e in loader_errors(data) if "unknown key 'not_declared'" in e)
            assert key in allowed, (section, key)

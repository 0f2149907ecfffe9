"""The JSON Schema of the flow format, for editors (yaml-language-server) and other tools.

Built from the same declaration the loader checks keys against
(``structure.SECTIONS``) and from each question type's own ``schema()``, so
editors complete and check flows as they are typed by the loader's rules;
tests feed both the same good and bad flows as well. Cross-references (a
``goto`` to a real question, a value among a question's choices) are beyond
JSON Schema; ``ssguide validate`` checks those (``references``).
"""

from __future__ import annotations

from typing import Any

from ..core.conditions import OPERATORS
from ..core.model import DEADLINE_UNITS
from ..core.qtypes import QUESTION_TYPES
from ..core.structure import MAX_DEADLINE_AMOUNT, SECTIONS
from ..lang.i18n import SUPPORTED_LANGUAGES

SCHEMA_ID = "https://ssguide.invalid/flow.schema.json"


def _section(name: str, **extra: Any) -> dict[str, Any]:
    """The JSON Schema of one section of a flow file, from its declaration in ``structure.SECTIONS``."""
    keys = SECTIONS[name]
    return {
        "type": "object",
        "required": [key for key, spec in keys.items() if spec.required],
        **extra,
        "additionalProperties": False,
        "properties": {key: spec.schema for key, spec in keys.items()},
    }


# What the loader refuses in a text, in JSON Schema's words: a pointer at another flow ({flow:ID}) where none may be,
# and, where one may, a malformed one (the ID is a flow's command: FLOW_ID_RE). Whether that flow is there is
# beyond a schema: `ssguide validate` checks it.
NO_FLOW_REF: dict[str, Any] = {"not": {"pattern": r"\{flow:"}}
FLOW_REFS_WELL_FORMED: dict[str, Any] = {"pattern": r"^(?:[^{]|\{(?!flow:)|\{flow:[a-z][a-z0-9-]{0,62}\})*$"}


def _text(description: str, string: dict[str, Any]) -> dict[str, Any]:
    """A text: a plain string (every language) or a mapping of language code to string, each string also ``string``."""
    one = {"type": "string", "allOf": [{"pattern": r"\S"}, string]}
    return {
        "description": description,
        "anyOf": [
            one,
            {"type": "object", "minProperties": 1, "propertyNames": {"enum": list(SUPPORTED_LANGUAGES)}, "additionalProperties": one},
        ],
    }


def flow_schema() -> dict[str, Any]:
    scalar = {"type": ["string", "number", "boolean"]}
    value_list = {"type": "array", "minItems": 1, "items": scalar}
    comparison = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {
            op: (value_list if op in ("in", "not_in") else {"type": "boolean"} if op in ("answered", "unsure") else scalar)
            for op in OPERATORS
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ssguide flow",
        "description": "A procedure for ssguide: questions, routing and cited checklist items. See docs/flow-format.md.",
        **_section("flow"),
        "$defs": {
            "text": _text("A plain string (every language) or a mapping of language code to string.", NO_FLOW_REF),
            "linked_text": _text(
                "A text as above that may point at another bundled flow with {flow:ID} (ID: its command): "
                "'run `ssguide ID`' on the terminal and in files, a link to its first question on the web.",
                FLOW_REFS_WELL_FORMED,
            ),
            "source": _section("source"),
            "choice": _section("choice"),
            "rule": _section("rule"),
            # Each question type says what it takes (choices, bounds, an event).
            "question": _section(
                "question",
                allOf=[
                    {"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": qtype.schema()}
                    for name, qtype in QUESTION_TYPES.items()
                ],
            ),
            "help": _section(
                "help", description="One variant of a question's help: the first whose 'when' holds (an entry without one always does) is shown."
            ),
            "find_out": _section(
                "find_out",
                description="How someone who is not sure can find the answer out, with its sources. In a list, the first whose "
                "'when' holds (an entry without one always does) is shown.",
            ),
            "condition": {
                "description": "{question: value}, {question: [values]}, {question: {op: value}}, all/any/not.",
                "type": "object",
                "minProperties": 1,
                "properties": {
                    "all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                    "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                    "not": {"$ref": "#/$defs/condition"},
                },
                "additionalProperties": {
                    "anyOf": [scalar, {"type": "array", "minItems": 1, "items": scalar}, comparison]
                },
            },
            "update": _section("update"),
            "overdue": _section("overdue", description="What still helps once the item's date has passed, with its sources."),
            "deadline": _section("deadline", oneOf=[{"required": ["after"]}, {"required": ["before"]}]),
            "offset": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": {"enum": list(DEADLINE_UNITS)},
                "additionalProperties": {"type": "integer", "minimum": 0, "maximum": MAX_DEADLINE_AMOUNT},
            },
            "item": _section("item"),
        },
    }


def schema_json() -> str:
    import json

    return json.dumps(flow_schema(), ensure_ascii=False, indent=2) + "\n"

"""The JSON Schema of the flow format, for editors (yaml-language-server) and other tools.

The loader in ``flow`` is the authority; this schema describes the same
structure so editors can complete and check flows as they are typed. The
names it lists come from the loader's own constants, and tests feed both the
same good and bad flows to keep them from drifting. Cross-references (a
``goto`` to a real question, a value among a question's choices) are beyond
JSON Schema; ``ssguide validate`` checks those.
"""

from __future__ import annotations

from typing import Any

from .conditions import OPERATORS
from .flow import (
    CHOICE_KEYS,
    DEADLINE_KEYS,
    DEADLINE_MEANINGS,
    DEADLINE_UNITS,
    FLOW_ID_RE,
    ITEM_ID_RE,
    ITEM_KEYS,
    ITEM_KINDS,
    QUESTION_ID_RE,
    QUESTION_KEYS,
    RULE_KEYS,
    SOURCE_KEYS,
    SOURCE_KINDS,
    TOP_KEYS,
    UPDATE_KEYS,
)
from .i18n import SUPPORTED_LANGUAGES
from .qtypes import QUESTION_TYPES

SCHEMA_ID = "https://ssguide.invalid/flow.schema.json"


def _props(keys: set[str], props: dict[str, Any]) -> dict[str, Any]:
    assert set(props) == keys, f"schema and loader disagree on keys: {set(props) ^ keys}"
    return props


def flow_schema() -> dict[str, Any]:
    text = {"$ref": "#/$defs/text"}
    scalar = {"type": ["string", "number", "boolean"]}
    value_list = {"type": "array", "minItems": 1, "items": scalar}
    comparison = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {
            op: (value_list if op in ("in", "not_in") else {"type": "boolean"} if op == "answered" else scalar)
            for op in OPERATORS
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ssguide flow",
        "description": "A procedure for ssguide: questions, routing and cited checklist items. See docs/flow-format.md.",
        "type": "object",
        "required": ["id", "title", "sources", "questions", "items"],
        "additionalProperties": False,
        "properties": _props(
            TOP_KEYS,
            {
                "id": {"type": "string", "pattern": FLOW_ID_RE.pattern},
                "command": {"type": "string", "pattern": FLOW_ID_RE.pattern},
                "version": {"type": ["integer", "string"]},
                "title": text,
                "description": text,
                "languages": {"type": "array", "minItems": 1, "items": {"enum": list(SUPPORTED_LANGUAGES)}},
                "reviewed": {"type": "string", "format": "date"},
                "start": {"type": "string", "pattern": QUESTION_ID_RE.pattern},
                "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
                "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}},
                "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
            },
        ),
        "$defs": {
            "text": {
                "description": "A plain string (every language) or a mapping of language code to string.",
                "anyOf": [
                    {"type": "string", "pattern": r"\S"},
                    {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": {"enum": list(SUPPORTED_LANGUAGES)},
                        "additionalProperties": {"type": "string", "pattern": r"\S"},
                    },
                ],
            },
            "source": {
                "type": "object",
                "required": ["id", "title", "citation"],
                "additionalProperties": False,
                "properties": _props(
                    SOURCE_KEYS,
                    {
                        "id": {"type": "string", "pattern": ITEM_ID_RE.pattern},
                        "kind": {"enum": list(SOURCE_KINDS)},
                        "title": text,
                        "citation": text,
                        "date": {"type": ["string", "integer"]},
                        "url": {"type": "string"},
                    },
                ),
            },
            "choice": {
                "type": "object",
                "required": ["value", "label"],
                "additionalProperties": False,
                "properties": _props(
                    CHOICE_KEYS,
                    {
                        "value": {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]},
                        "label": text,
                        "help": text,
                    },
                ),
            },
            "rule": {
                "type": "object",
                "required": ["goto"],
                "additionalProperties": False,
                "properties": _props(RULE_KEYS, {"when": {"$ref": "#/$defs/condition"}, "goto": {"type": "string"}}),
            },
            "question": {
                "type": "object",
                "required": ["id", "type", "text"],
                # Each question type says what it takes (choices, bounds, an event).
                "allOf": [
                    {"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": qtype.schema()}
                    for name, qtype in QUESTION_TYPES.items()
                ],
                "additionalProperties": False,
                "properties": _props(
                    QUESTION_KEYS,
                    {
                        "id": {"type": "string", "pattern": QUESTION_ID_RE.pattern, "not": {"enum": ["all", "any", "not", "end"]}},
                        "type": {"enum": list(QUESTION_TYPES)},
                        "text": text,
                        "help": text,
                        "short": text,
                        "event": text,
                        "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}},
                        "default": {},
                        "min": {"type": ["number", "string"]},
                        "max": {"type": ["number", "string"]},
                        "next": {
                            "anyOf": [
                                {"type": "string"},
                                {"type": "array", "items": {"$ref": "#/$defs/rule"}},
                            ]
                        },
                    },
                ),
            },
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
            "update": {
                "type": "object",
                "required": ["source", "text"],
                "additionalProperties": False,
                "properties": _props(
                    UPDATE_KEYS,
                    {
                        "source": {
                            "anyOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]
                        },
                        "text": text,
                        "when": {"$ref": "#/$defs/condition"},
                    },
                ),
            },
            "deadline": {
                "type": "object",
                "required": ["from"],
                "additionalProperties": False,
                "properties": _props(
                    DEADLINE_KEYS,
                    {
                        "from": {
                            "type": "object",
                            "minProperties": 1,
                            "maxProperties": 1,
                            "additionalProperties": False,
                            "properties": {"question": {"type": "string"}, "item": {"type": "string"}},
                        },
                        "after": {"$ref": "#/$defs/offset"},
                        "before": {"$ref": "#/$defs/offset"},
                        "meaning": {"enum": list(DEADLINE_MEANINGS)},
                    },
                ),
                "oneOf": [{"required": ["after"]}, {"required": ["before"]}],
            },
            "offset": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": {"enum": list(DEADLINE_UNITS)},
                "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 3650},
            },
            "item": {
                "type": "object",
                "required": ["id", "kind", "text", "source"],
                "additionalProperties": False,
                "properties": _props(
                    ITEM_KEYS,
                    {
                        "id": {"type": "string", "pattern": ITEM_ID_RE.pattern},
                        "kind": {"enum": list(ITEM_KINDS)},
                        "text": text,
                        "when": {"$ref": "#/$defs/condition"},
                        "source": {
                            "anyOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]
                        },
                        "order": {"type": "integer"},
                        "updates": {"type": "array", "items": {"$ref": "#/$defs/update"}},
                        "deadline": {"$ref": "#/$defs/deadline"},
                    },
                ),
            },
        },
    }


def schema_json() -> str:
    import json

    return json.dumps(flow_schema(), ensure_ascii=False, indent=2) + "\n"

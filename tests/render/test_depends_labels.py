""""Depends on" cases of a number or date answer the user is not sure of: each case says which answers it stands for."""

from __future__ import annotations

import pytest

from support.context import context

from ssguide.core.checklist import build
from ssguide.core.loader import parse_flow
from ssguide.core.qtypes import UNSURE
from ssguide.render import case_label

FLOW = """\
id: labels
title: Labels
sources: [{id: s, title: S, citation: s}]
questions:
  - {id: age, type: number, text: How old?, unsure: true, next: when}
  - {id: when, type: date, text: When?, unsure: true}
items:
  - {id: young, kind: step, text: Young., source: s, when: {age: {lt: 18}}}
  - {id: old, kind: step, text: Old., source: s, when: {age: {ge: 65}}}
  - {id: early, kind: step, text: Early., source: s, when: {when: {lt: 2026-01-01}}}
"""


LABELS = {
    "en": {
        "age": ["If before 18", "If 18", "If between 18 and 65", "If 65", "If after 65"],
        "when": ["If before 2026-01-01", "If 2026-01-01", "If after 2026-01-01"],
    },
    "zh": {
        "age": ["如果早于18", "如果18", "如果介于18和65之间", "如果65", "如果晚于65"],
        "when": ["如果早于2026年1月1日", "如果2026年1月1日", "如果晚于2026年1月1日"],
    },
}


@pytest.mark.parametrize("lang", list(LABELS))
def test_an_answer_not_known_is_split_at_the_values_the_conditions_name(lang: str) -> None:
    ctx = context(lang=lang)
    checklist = build(parse_flow(FLOW, "labels.yaml"), {"age": UNSURE, "when": UNSURE}, ctx)
    found = {group.questions[0].id: [case_label(checklist, case, ctx) for case in group.cases] for group in checklist.depends}
    assert found == LABELS[lang]

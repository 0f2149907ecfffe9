"""docs/question-types.md: adding a question type touches the ``qtypes`` package alone.

The recipe is followed in a temporary copy of the package: a toy ``percent``
type (a number written ``60%``) is written in a new ``qtypes/percent.py`` and
listed in ``QUESTION_TYPES`` (``qtypes/__init__.py``). A flow that uses it then validates, routes on it, shows
its answers in its own way and appears in the JSON Schema, and the copy
differs from the package in those two files.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from support.cli import REPO, cli_env, run_cli
from support.context import context

PACKAGE = REPO / "src" / "ssguide"

# Step 1 of the recipe: one class, in a new module of the qtypes package.
PERCENT_TYPE = '''"""A toy question type: a share written 60%."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from .values import NumberType

if TYPE_CHECKING:
    from ..context import Context


class PercentType(NumberType):
    """A share written as 60% (or 60): a number from 0 to 100 shown with its sign."""

    name = "percent"
    example_key = "prompt_example_number"  # words already in the catalogs: the recipe stays in qtypes

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        if isinstance(raw, str):
            raw = raw.strip().removesuffix("%")
        number = super()._coerce(question, raw, ctx)
        if not 0 <= number <= 100:
            raise AnswerError("answer_not_number", allowed=self.allowed(question))
        return number

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        return f"{value}%"
'''

FLOW = """\
id: share
title: Share
sources:
  - id: s1
    title: Source one
    citation: one.txt
questions:
  - id: share
    type: percent
    text: What share do you pay?
    max: 100
items:
  - id: always
    kind: step
    text: Do it.
    source: s1
  - id: most
    kind: note
    text: You pay most of it.
    when: {share: {ge: 50}}
    source: s1
"""


def _follow_the_recipe(root: Path) -> Path:
    """A copy of the package (and the bundled flows beside it) with the toy type added as the recipe says."""
    shutil.copytree(PACKAGE, root / "src" / "ssguide", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "flows", root / "flows")
    package = root / "src" / "ssguide" / "core" / "qtypes"
    (package / "percent.py").write_text(PERCENT_TYPE, encoding="utf-8")
    init = package / "__init__.py"
    text = init.read_text(encoding="utf-8")
    registry = re.search(r"\nQUESTION_TYPES: dict\[str, QuestionType\] = \{\n.*?\n\}\n", text, re.S)
    assert registry, "QUESTION_TYPES is no longer where the recipe says"
    listed = registry.group(0).replace("TextType())", "TextType(), PercentType())")
    assert listed != registry.group(0), "the recipe's step 2 (list it in QUESTION_TYPES) no longer applies"
    text = text[: registry.start()] + "\nfrom .percent import PercentType\n" + listed + text[registry.end() :]
    init.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _follow_the_recipe(tmp_path_factory.mktemp("recipe"))
    (root / "share.yaml").write_text(FLOW, encoding="utf-8")
    return root


def _run(copy: Path, *args: str, today: str | None = "2026-11-23"):
    env = cli_env(PYTHONPATH=str(copy / "src"), SSGUIDE_CACHE_DIR=str(copy / "cache"), SSGUIDE_DATA_DIR=str(copy / "data"))
    return run_cli(*args, today=today, env=env, cwd=copy, timeout=60)


def _files(package: Path) -> set[str]:
    return {str(p.relative_to(package)) for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_recipe_changes_the_qtypes_package_alone(copy: Path) -> None:
    copied = copy / "src" / "ssguide"
    added = _files(copied) - _files(PACKAGE)
    changed = [name for name in sorted(_files(PACKAGE)) if not filecmp.cmp(PACKAGE / name, copied / name, shallow=False)]
    assert added == {"core/qtypes/percent.py"}
    assert changed == ["core/qtypes/__init__.py"]


def test_a_flow_with_the_new_type_validates(copy: Path) -> None:
    result = _run(copy, "validate", "share.yaml", "--strict")
    assert result.returncode == 0, result.stderr
    wrong = FLOW.replace("    max: 100\n", "    max: today\n    choices: [{value: a, label: A}, {value: b, label: B}]\n")
    (copy / "wrong.yaml").write_text(wrong, encoding="utf-8")
    result = _run(copy, "validate", "wrong.yaml")
    assert result.returncode == 1
    assert "wrong.yaml:11:10: question 'share': max must be a number" in result.stderr, result.stderr
    assert "wrong.yaml:12:14: question 'share': a percent question has no choices" in result.stderr, result.stderr


def test_answers_of_the_new_type_are_read_routed_on_and_shown_its_way(copy: Path) -> None:
    result = _run(copy, "run", "share.yaml", "--set", "share=60%", "--no-input")
    assert result.returncode == 0, result.stderr
    assert "60%" in result.stdout and "You pay most of it." in result.stdout
    result = _run(copy, "run", "share.yaml", "--set", "share=20", "--no-input")
    assert result.returncode == 0, result.stderr
    assert "20%" in result.stdout and "You pay most of it." not in result.stdout
    result = _run(copy, "run", "share.yaml", "--set", "share=120%", "--no-input")
    assert result.returncode == 2 and "share" in result.stderr


def test_the_schema_lists_the_new_type_with_its_bounds(copy: Path) -> None:
    import json

    result = _run(copy, "schema", today=None)
    assert result.returncode == 0, result.stderr
    question = json.loads(result.stdout)["$defs"]["question"]
    assert "percent" in question["properties"]["type"]["enum"]
    percent = next(rule["then"] for rule in question["allOf"] if rule["if"]["properties"]["type"]["const"] == "percent")
    assert percent["properties"]["min"] == {"type": "number"} and percent["properties"]["choices"] is False


# ---------------------------------------------------------------- no switching on type names elsewhere


# ``question.type == "date"``, ``qtype_name in ("number", "date")``, or a table looked up by type name.
TYPE_NAME_TEST = re.compile(r"""\b(?:type|qtype|qtype_name)\s*(?:==|!=|in|not in)\s*[("']|(?:\.get\(|\[)\s*\w+\.type\b""")


@pytest.mark.parametrize("module", sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if "qtypes" not in p.parts))
def test_no_module_outside_qtypes_switches_on_a_type_name(module: str) -> None:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    found = [line.strip() for line in source.splitlines() if TYPE_NAME_TEST.search(line)]
    assert not found, f"{module} tests a question's type by name: {found}"


def test_an_unknown_type_is_an_error_not_a_fallback() -> None:
    from ssguide.record import replace

    from ssguide.core.engine import _guess
    from ssguide.core.loader import parse_flow
    from ssguide.core.qtypes import UnknownQuestionType, question_type

    with pytest.raises(UnknownQuestionType):
        question_type("percent")
    flow = parse_flow(FLOW.replace("type: percent", "type: number"), "share.yaml")
    stray = replace(flow.questions["share"], type="percent")  # built around the loader, which would refuse it
    with pytest.raises(UnknownQuestionType):
        _guess(stray, context(date(2026, 11, 23)))
    assert sys.modules["ssguide.core.qtypes"].QUESTION_TYPES.get("percent") is None

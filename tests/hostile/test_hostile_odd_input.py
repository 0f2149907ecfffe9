"""Odd but possible input, each worded or read as the person wrote it.

Keys YAML reads as one value (``1`` and ``true``), a ``--set`` key holding a
newline, JSON written with Python's default ``ensure_ascii`` (characters
beyond U+FFFF as two escaped UTF-16 halves), and a choice label that is
another choice's value.
"""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import TINY_FLOW, invoke


def test_keys_yaml_reads_as_one_are_named_as_written(tmp_path: Path) -> None:
    flow = tmp_path / "keys.yaml"
    flow.write_text("id: r\ntitle: R\n1: a\ntrue: b\n", encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1
    assert f"{flow}:4:1: duplicate key 'true': the same key as '1' on line 3" in result.stderr
    assert "True" not in result.stderr


def test_a_set_key_with_a_newline_cannot_forge_a_line() -> None:
    result = invoke("card", "--no-input", "--set", "reason\nssguide: error: all is well=new")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ssguide: error: --set: 'reason<U+000A>ssguide: error: all is well' is not a question of 'card'")


def test_json_answers_with_escaped_utf16_halves_are_read(tmp_path: Path) -> None:
    flow = tmp_path / "t.yaml"
    flow.write_text(TINY_FLOW.replace("questions:\n", "questions:\n  - {id: name, type: text, text: Name?, next: route}\n"), encoding="utf-8")
    answers = tmp_path / "a.json"
    # As json.dump writes them by default: 𠮷 (U+20BB7, in Chinese names) is "\ud842\udfb7".
    answers.write_text(json.dumps({"name": "吉𠮷 😀", "route": "home", "oops": 1}), encoding="utf-8")
    assert "\\ud842\\udfb7" in answers.read_text(encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--answers", str(answers))
    assert result.returncode == 2
    # The column is the file's (that of the value), past two 12-character escapes read as one character each.
    column = answers.read_text(encoding="utf-8").index('"oops": 1') + len('"oops": ') + 1
    assert f"a.json:1:{column}: 'oops' is not a question of 'demo'" in result.stderr
    answers.write_text(json.dumps({"name": "吉𠮷 😀", "route": "home"}), encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["name"]["value"] == "吉𠮷 😀"


def test_a_choice_label_that_is_another_choice_value_is_refused(tmp_path: Path) -> None:
    flow = tmp_path / "labels.yaml"
    flow.write_text(TINY_FLOW.replace("{value: school, label: School}", "{value: 'Yes', label: School}")
                    .replace("{value: home, label: Home}", "{value: home, label: 'yes'}")
                    .replace("{route: school}", "{route: 'Yes'}"), encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1
    assert f"{flow}:13:30: question 'route': choice 'home' is labelled 'yes', the value of choice 'Yes'" in result.stderr

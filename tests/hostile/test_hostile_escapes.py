"""Untrusted text cannot steer the terminal: control characters are refused or shown, never applied.

Flows and answers files are refused at load time with the position of the
control character; what else reaches the screen or a file (file names,
answers, the cache index) is shown visibly, bidi overrides included.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
import re
from pathlib import Path

import pytest

from support.cli import TINY_FLOW, invoke

# C0 except tab and newline, ESC among them, DEL and C1.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def no_controls(*texts: str) -> None:
    for text in texts:
        assert not UNSAFE.search(text), repr(text)
        assert "\u202e" not in text


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [
        ("title: Demo", 'title: "Demo \\e]0;pwned\\a"', 2, 8),  # OSC 0: retitles the terminal
        ("    text: Do it.", '    text: "\\e]52;c;cm0gLXJmIH4=\\a"', 24, 11),  # OSC 52: writes the clipboard
        ("      - {value: home, label: Home}", '      - {value: "home\\x9b31m", label: Home}', 13, 17),  # C1 CSI
        ("      - {value: home, label: Home}", '      - {value: home, label: "Ho\\x7fme"}', 13, 30),  # DEL
        ("    citation: one.txt", '    citation: "one\\rtxt"', 6, 15),  # a lone CR
        ("  - id: route", '  - "id\\e": route', 8, 5),  # a key
    ],
)
def test_a_control_character_in_a_flow_is_refused_with_its_position(tmp_path: Path, old: str, new: str, line: int, col: int) -> None:
    flow = tmp_path / "evil.yaml"
    flow.write_text(TINY_FLOW.replace(old, new), encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1
    no_controls(result.stdout, result.stderr)
    assert f"evil.yaml:{line}:{col}: control character U+" in result.stderr


def test_a_control_character_in_an_answers_file_is_refused_with_its_position(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text('reason: "new\\e[2J"\n', encoding="utf-8")
    result = invoke("card", "--no-input", "--answers", str(answers))
    assert result.returncode == 2
    no_controls(result.stdout, result.stderr)
    assert "a.yaml:1:9: control character U+001B" in result.stderr


def test_bidi_overrides_in_a_flow_are_shown_not_applied(tmp_path: Path) -> None:
    flow = tmp_path / "bidi.yaml"
    flow.write_text(TINY_FLOW.replace("title: Demo", "title: Demo \u202etxt.exe"), encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--set", "route=home")
    assert result.returncode == 0, result.stderr
    no_controls(result.stdout)
    assert "Demo <U+202E>txt.exe" in result.stdout
    md = invoke("run", str(flow), "--no-input", "--set", "route=home", "--format", "markdown")
    assert "Demo \\<U+202E\\>txt.exe" in md.stdout


@pytest.mark.parametrize("value", ["a\x7fb", "a\x9b31mb", "a\x1b]0;x\x07b"])
def test_a_text_answer_with_del_or_c1_is_refused(tmp_path: Path, value: str) -> None:
    flow = tmp_path / "t.yaml"
    name_first = "questions:\n  - id: name\n    type: text\n    text: Name?\n    next: route\n"
    flow.write_text(TINY_FLOW.replace("questions:\n", name_first), encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--set", f"name={value}", "--set", "route=home")
    assert result.returncode == 2
    no_controls(result.stdout, result.stderr)
    assert "control characters" in result.stderr


def test_a_file_name_with_escapes_is_shown_visibly(tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path / "x\x1b]0;pwned\x07.yaml"))
    assert result.returncode == 1
    no_controls(result.stdout, result.stderr)
    assert "x<U+001B>]0;pwned<U+0007>.yaml" in result.stderr


def test_a_forged_cache_index_cannot_put_escapes_on_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssguide.shell import registry

    monkeypatch.setenv("SSGUIDE_CACHE_DIR", str(tmp_path))
    registry.bundled_flows.cache_clear()
    try:
        registry.bundled_flows(tmp_path)  # writes the index
        index = registry.index_path(tmp_path)
        data = json.loads(index.read_text(encoding="utf-8"))
        data["flows"][0]["title"] = [["*", "Evil \x1b]0;pwned\x07 \u202e"]]
        index.write_text(json.dumps(data), encoding="utf-8")
        registry.bundled_flows.cache_clear()
        result = invoke("list", "--format", "json", today=None)
        no_controls(result.stdout, result.stderr)
        assert "Evil <U+001B>]0;pwned<U+0007> <U+202E>" in json.loads(result.stdout)[0]["title"]
    finally:
        registry.bundled_flows.cache_clear()


def test_saved_answers_hold_bidi_controls_escaped_and_read_back_the_same(tmp_path: Path) -> None:
    flow = tmp_path / "t.yaml"
    flow.write_text(TINY_FLOW.replace("questions:\n", "questions:\n  - {id: name, type: text, text: Name?, next: route}\n"), encoding="utf-8")
    saved = tmp_path / "a.yaml"
    name = "Ann \u202eexe.txt\u2066"
    result = invoke("run", str(flow), "--no-input", "--set", f"name={name}", "--set", "route=home", "--save-answers", str(saved))
    assert result.returncode == 0, result.stderr
    no_controls(saved.read_text(encoding="utf-8"))
    again = invoke("run", str(flow), "--no-input", "--answers", str(saved), "--format", "json")
    assert json.loads(again.stdout)["answers"]["name"]["value"] == name


@pytest.mark.parametrize("output", ["mermaid", "dot"])
def test_graph_labels_stay_on_their_line(tmp_path: Path, output: str) -> None:
    """A line break in a text would start a line of its own: a Mermaid directive, or a fence ending the Markdown block."""
    flow = tmp_path / "g.yaml"
    flow.write_text(
        TINY_FLOW.replace("text: Which route?", "text: \"Which?\\n%%{init: {'securityLevel': 'loose'}}%%\\n```\\n# pwned\"")
        .replace("{value: home, label: Home}", '{value: "home\\n```", label: Home}')
        .replace("goto: end", "when: {route: \"home\\n```\"}\n        goto: end"),
        encoding="utf-8",
    )
    result = invoke("graph", str(flow), "--format", output, today=None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(line.startswith(("flowchart", "digraph", "    ", "}")) for line in lines), lines
    assert "Which? %%{init: {'securityLevel': 'loose'}}%%" in result.stdout
    if output == "mermaid":
        assert "`" not in result.stdout and "#96;#96;#96; # pwned" in result.stdout


# ---------------------------------------------------------------- on the wizard's screen

BIDI_FLOW = """\
id: bidi
title: "Bidi \\u202eevil"
sources:
  - {id: s1, title: Source, citation: one.txt}
questions:
  - id: kind
    type: choice
    text: "Which \\u202ekind?"
    help: "Help \\u2066isolated\\u2069"
    choices:
      - {value: a, label: "Label \\u202eA"}
      - {value: b, label: B}
    next:
      - goto: name
  - id: name
    type: text
    text: Your name?
    default: "abc\\u202edef"
items:
  - {id: always, kind: step, text: Do it., source: s1}
"""


def bidi_flow(tmp_path: Path) -> Path:
    (tmp_path / "bidi.yaml").write_text(BIDI_FLOW, encoding="utf-8")
    return tmp_path / "bidi.yaml"


def assert_shown_not_applied(rows: list[str]) -> None:
    from support.screen import assert_readable

    assert_readable([row.replace("<U+202E>", "").replace("<U+2066>", "").replace("<U+2069>", "") for row in rows])  # only the marks asked for
    text = "\n".join(rows)
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text), f"a bidi control reached the screen:\n{text}"


@pytest.mark.parametrize("how", ["direct", "piped"])
def test_bidi_controls_in_a_flow_and_a_text_default_are_shown_on_the_wizards_screen(tmp_path: Path, how: str) -> None:
    """Question, help, choice and the text question's default: ``<U+202E>`` on screen; the default kept as it was."""
    from support.screen import Terminal

    bidi_flow(tmp_path)
    command = f"ssguide run bidi.yaml --today 2026-11-23 --save-answers saved.yaml{' | cat' if how == 'piped' else ''}"
    term = Terminal.shell(tmp_path, command)
    rows = term.wait_for("Label <U+202E>A")
    assert any("Which <U+202E>kind?" in row for row in rows) and any("Help <U+2066>isolated<U+2069>" in row for row in rows)
    term.send("\r")
    term.expect("Your name?")
    rows = term.wait_for("abc<U+202E>def")  # the default, in the input, shown
    term.send("\r")  # kept as it is
    term.answer("Review your answers")
    term.wait_for("Change: Your name? → abc<U+202E>def")
    term.send("\r")
    assert term.end() == 0
    assert_shown_not_applied(term.lines())
    import yaml

    assert yaml.safe_load((tmp_path / "saved.yaml").read_text(encoding="utf-8"))["name"] == "abc\u202edef"  # the value itself


def test_a_remembered_text_answer_with_a_bidi_control_is_shown_as_the_default(tmp_path: Path) -> None:
    """A saved session is untrusted too: its answer, offered again as the default, is shown, not applied."""
    from support.screen import Terminal

    from ssguide.shell import sessions
    from ssguide.shell.registry import resolve

    flow = bidi_flow(tmp_path)
    session = tmp_path / "data" / "sessions" / sessions.Sessions(tmp_path, datetime.now).path(resolve(str(flow))).name  # named after the flow file
    session.parent.mkdir(parents=True)
    session.write_text(
        json.dumps({"flow": "bidi", "saved": "2026-11-20T09:30:00", "at": "name", "answers": {"kind": "b"}, "remembered": {"name": "x\u202ey"}}),
        encoding="utf-8",
    )
    term = Terminal.ssguide(tmp_path, "run", "bidi.yaml")
    term.wait_for("Resume where I left off")
    term.send("\r")
    term.wait_for("x<U+202E>y")
    term.send("\x03")
    assert term.end() == 130
    assert_shown_not_applied(term.lines())


def test_file_names_reach_the_terminal_shown_not_applied(tmp_path: Path) -> None:
    """A file named ``$'\\e]0;PWNED\\a\\e[2J.yaml'`` retitled the terminal and cleared it on ``ssguide validate ./*.yaml``:
    standard output on a terminal went out raw. Every line goes through the sanitiser now, and a name's newline too."""
    import sys

    import pexpect

    from support.cli import cli_env

    for name in ("\x1b]0;PWNED\x07\x1b[2J.yaml", "a\nb.yaml"):
        (tmp_path / name).write_text(TINY_FLOW, encoding="utf-8")
    (tmp_path / "broken\x1b[2J.yaml").write_text(TINY_FLOW.replace("id: demo", "id: Demo!"), encoding="utf-8")
    child = pexpect.spawn(sys.executable, ["-m", "ssguide", "validate", *sorted(p.name for p in tmp_path.iterdir())],
                          cwd=str(tmp_path), env=cli_env(TERM="xterm"), encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    screen = child.before.replace("\r\n", "\n")
    assert "\x1b]" not in screen and "\x1b[2J" not in screen and "\x07" not in screen
    assert "<U+001B>]0;PWNED<U+0007><U+001B>[2J.yaml: ok\n" in screen
    assert "a<U+000A>b.yaml: ok\n" in screen
    assert "broken<U+001B>[2J.yaml:1:5: " in screen


def test_editing_a_text_default_with_a_bidi_control_never_keeps_its_marks(tmp_path: Path) -> None:
    """The default is not put in the field as ``abc<U+202E>def`` (editing it kept those marks as text): the hint says Enter keeps it."""
    from support.screen import Terminal

    bidi_flow(tmp_path)
    term = Terminal.ssguide(tmp_path, "run", "bidi.yaml", "--save-answers", "saved.yaml")
    term.answer("Label <U+202E>A", "\r")
    term.answer("Your name?")
    term.wait_for("(Enter alone keeps abc<U+202E>def)")
    term.send("Ann", "\r")  # typed: the answer, and nothing of the default
    term.answer("Review your answers")
    term.wait_for("Change: Your name? → Ann")
    term.send("\r")
    assert term.end() == 0
    assert_shown_not_applied(term.lines())
    import yaml

    assert yaml.safe_load((tmp_path / "saved.yaml").read_text(encoding="utf-8"))["name"] == "Ann"


# Invisible characters that are not bidi controls: zero-width space, non-joiner and joiner, word
# joiner and invisible operators, the byte order mark inside a text, a tag character (a hidden "A").
INVISIBLE = {"\u200b": "U+200B", "\u200c": "U+200C", "\u200d": "U+200D", "\u2060": "U+2060", "\u2064": "U+2064", "\ufeff": "U+FEFF", "\U000e0041": "U+E0041"}


def test_invisible_format_characters_in_a_flow_are_shown_not_hidden(tmp_path: Path) -> None:
    flow = tmp_path / "hidden.yaml"
    flow.write_text(TINY_FLOW.replace("title: Demo", "title: Demo " + "".join(INVISIBLE)), encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--set", "route=home")
    assert result.returncode == 0, result.stderr
    assert "Demo " + "".join(f"<{code}>" for code in INVISIBLE.values()) in result.stdout
    assert not any(ch in result.stdout for ch in INVISIBLE)
    data = invoke("run", str(flow), "--no-input", "--set", "route=home", "--format", "json").stdout
    assert not any(ch in data for ch in INVISIBLE)
    assert json.loads(data)["flow"]["title"].startswith("Demo <U+200B>")  # shown as the text shows it


def test_the_prompts_show_what_they_draw_even_when_its_source_did_not() -> None:
    """The last safety net: a question, its help, its choices, a menu's labels, drawn as ``<U+…>`` whatever reached the prompt."""
    import io
    from datetime import date

    from ssguide.core.model import Help
    from ssguide.lang.i18n import LocalText
    from ssguide.record import replace
    from ssguide.shell.prompts import Prompts
    from support.context import context
    from support.environment_double import FakeEnvironment

    flow = load_flow_text(TINY_FLOW.replace("questions:\n", "questions:\n  - {id: papers, type: multi, text: P?, choices: [{value: a, label: A}, {value: b, label: B}], next: route}\n"))
    raw = {
        "route": replace(flow.questions["route"], text=LocalText.plain("Which \u202eroute?"), help=(Help(LocalText.plain("Help \u2066x\u2069"), flow.questions["route"].pos),)),
        "papers": replace(flow.questions["papers"], choices=tuple(replace(c, label=LocalText.plain(c.label.get("en") + "\u200b")) for c in flow.questions["papers"].choices)),
    }
    env = FakeEnvironment(environ={"TERM": "dumb"}, stdin="1\n1 2\n2\n")
    screen = io.StringIO()
    with Prompts(env, screen, context(today=date(2026, 11, 23), lang="en")).drawing() as prompts:
        assert prompts.ask(raw["route"], None, False) == "school"
        assert prompts.ask(raw["papers"], None, False) == ("a", "b")
        assert prompts._menu("Pick \U000e0041one", [(1, "One\u2060"), (2, "Two")]) == 2
    drawn = screen.getvalue()
    for shown in ("Which <U+202E>route?", "Help <U+2066>x<U+2069>", "1. A<U+200B>", "2. B<U+200B>", "Pick <U+E0041>one", "1. One<U+2060>", "→ Two"):
        assert shown in drawn, drawn
    assert not re.search("[\u202e\u2066\u2069\u200b\u2060\U000e0041]", drawn), drawn


def load_flow_text(text: str):  # noqa: ANN201 - a Flow
    """A flow loaded from ``text`` (a file of its own, as the loader reads files)."""
    import tempfile

    from ssguide.shell.registry import load_flow

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flow.yaml"
        path.write_text(text, encoding="utf-8")
        return load_flow(str(path))


def test_a_file_name_of_bytes_that_are_not_utf8_reaches_no_stream_raw(tmp_path: Path) -> None:
    """A flow named ``$'\\x9b2J.yaml'`` in a folder: Python hands the name over with 0x9B as the lone
    surrogate U+DC9B, and standard output (surrogateescape) wrote the byte back, raw: the C1 CSI that
    clears the screen on a terminal reading 8-bit controls. Shown as <U+DC9B> now, on every stream."""
    import subprocess
    import sys

    from support.cli import cli_env

    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / os.fsdecode(b"\x9b2J.yaml")).write_text(TINY_FLOW, encoding="utf-8")
    (folder / os.fsdecode(b"broken\xff.yaml")).write_text(TINY_FLOW.replace("id: demo", "id: Demo!"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ssguide", "validate", "flows"], cwd=tmp_path, env=cli_env(), capture_output=True, timeout=60)
    assert done.returncode == 1
    assert b"\x9b" not in done.stdout and b"\xff" not in done.stderr
    assert b"flows/<U+DC9B>2J.yaml: ok\n" in done.stdout
    assert done.stderr.startswith(b"flows/broken<U+DCFF>.yaml:1:5: ")

"""``ssguide validate``: good flows pass; each kind of broken flow is reported as
``file:line:col: message`` pointing at the offending value, with exit 1 and no traceback.

Each broken flow is the small valid BASE flow below with one mistake put in by
replacing text, so the line numbers of the expected messages can be read off BASE.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ssguide.shell.registry import bundled_flows, display_path

from support.budget import cpu_budget
from support.cli import TINY_FLOW as BASE
from support.cli import run_main

SCHOOL_STEP_WHEN = "    when: {route: school}\n    source: s1\n  - id: claim-by"
DEADLINE_WHEN = "    when: {route: school}\n    source: s1\n    deadline"

# name → (replacements applied to BASE, the exact line validate must print, the text found at that line:col)
TREATED_TEXT = "    text: When were you treated?\n"

BROKEN: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "find-out-without-unsure": (
        [(TREATED_TEXT, TREATED_TEXT + "    how_to_find_out: {source: s1, text: Ask.}\n")],
        "find-out-without-unsure.yaml:21:22: question 'treated': how_to_find_out needs unsure: true (it is shown only to those not sure)",
        "{source: s1",
    ),
    "find-out-source-undeclared": (
        [(TREATED_TEXT, TREATED_TEXT + "    unsure: true\n    how_to_find_out: {source: s9, text: Ask.}\n")],
        "find-out-source-undeclared.yaml:22:31: question 'treated': how_to_find_out source 's9' is not declared in sources",
        "s9",
    ),
    "find-out-no-source": (
        [(TREATED_TEXT, TREATED_TEXT + "    unsure: true\n    how_to_find_out: {text: Ask.}\n")],
        "find-out-no-source.yaml:22:22: question 'treated': how_to_find_out needs a source id or a list of them",
        "{text: Ask.}",
    ),
    "unsure-not-bool": (
        [(TREATED_TEXT, TREATED_TEXT + "    unsure: yes please\n")],
        "unsure-not-bool.yaml:21:13: question 'treated': unsure must be true or false",
        "yes please",
    ),
    "dangling-next": (
        [("goto: treated", "goto: treatd")],
        "dangling-next.yaml:16:15: question 'route': next goes to 'treatd', which is not a question (did you mean 'treated'?)",
        "treatd",
    ),
    "dangling-source": (
        [(SCHOOL_STEP_WHEN, SCHOOL_STEP_WHEN.replace("source: s1", "source: s2"))],
        "dangling-source.yaml:30:13: item 'school-step': source 's2' is not declared in sources",
        "s2",
    ),
    "impossible-value": (
        [("      - when: {route: school}", "      - when: {route: college}")],
        "impossible-value.yaml:15:23: condition on 'route': 'college' is not one of its choices (school, home)",
        "college",
    ),
    "date-vs-number": (
        [(DEADLINE_WHEN, DEADLINE_WHEN.replace("{route: school}", "{treated: {lt: 5}}"))],
        "date-vs-number.yaml:34:26: condition on 'treated': 5 is not a date (write YYYY-MM-DD or 'today')",
        "5}}",
    ),
    "unreachable-question": (
        [("      - goto: end\n", "      - goto: end\n  - id: orphan\n    type: yesno\n    text: Never asked?\n")],
        "unreachable-question.yaml:18:5: question 'orphan' is never asked: no route from 'route' reaches it",
        "id: orphan",
    ),
    "item-never-holds": (
        [(SCHOOL_STEP_WHEN, SCHOOL_STEP_WHEN.replace("{route: school}", "{all: [{route: school}, {route: home}]}"))],
        "item-never-holds.yaml:26:5: item 'school-step' is never on any checklist: its condition cannot hold on any route",
        "id: school-step",
    ),
    "routing-cycle": (
        [("    text: When were you treated?\n", "    text: When were you treated?\n    next: route\n")],
        "routing-cycle.yaml:21:11: routing cycle: 'treated' goes back to 'route', so the wizard would never end",
        "route",
    ),
    "duplicate-question": (
        [("  - id: treated\n", "  - id: route\n")],
        "duplicate-question.yaml:18:5: duplicate question id 'route' (first at duplicate-question.yaml:8:5)",
        "id: route",
    ),
    "duplicate-item": (
        [("  - id: school-step", "  - id: always")],
        "duplicate-item.yaml:26:9: duplicate item id 'always' (first at duplicate-item.yaml:22:5)",
        "always",
    ),
    "duplicate-source": (
        [("    citation: one.txt\n", "    citation: one.txt\n  - id: s1\n    title: Again\n    citation: two.txt\n")],
        "duplicate-source.yaml:7:9: duplicate source id 's1' (first at duplicate-source.yaml:4:5)",
        "s1",
    ),
    "missing-zh": (
        [
            ("title: Demo\n", "title: Demo\nlanguages: [en, zh]\n"),
            ("    text: When were you treated?", "    text: {en: When were you treated?}"),
        ],
        "missing-zh.yaml:21:11: question 'treated' text has no 'zh' text, but the flow declares languages ['en', 'zh']",
        "{en: When",
    ),
    "deadline-anchor-not-asked": (
        [("    text: Claim.\n    when: {route: school}", "    text: Claim.\n    when: {route: home}")],
        "deadline-anchor-not-asked.yaml:37:13: item 'claim-by': deadline is anchored to 'treated', "
        "which is never asked on a route where the item appears",
        "{question: treated}",
    ),
    "yaml-syntax": (
        [("    text: Do it.", "    text: [Do it.")],
        "yaml-syntax.yaml:25:11: YAML syntax error: did not find expected ',' or ']'",
        ": s1",
    ),
}

# A flow whose only problem is a warning: 'treated' is reachable on paper, but the
# condition leading to it can never hold.
WARNING_ONLY = (
    BASE.replace("      - when: {route: school}", "      - when: {all: [{route: school}, {route: home}]}")
    .replace(SCHOOL_STEP_WHEN, SCHOOL_STEP_WHEN.replace("    when: {route: school}\n", ""))
    .split("  - id: claim-by")[0]
)
WARNING_LINE = "warning-only.yaml:18:5: warning: question 'treated' is never asked: the conditions leading to it never hold"


def broken_text(name: str) -> str:
    text = BASE
    for old, new in BROKEN[name][0]:
        assert old in text, f"{name}: {old!r} not in BASE"
        text = text.replace(old, new, 1)
    return text


def text_at(text: str, line: int, col: int) -> str:
    return text.splitlines()[line - 1][col - 1 :]


def validate(*args: str):
    result = run_main(["validate", *args])
    # run_main keeps a bug's exception; anything but an exit would be a traceback for the user.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so messages name files as given: 'broken.yaml:3:5: ...'."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- good flows


def test_base_flow_is_valid(in_tmp: Path) -> None:
    (in_tmp / "base.yaml").write_text(BASE, encoding="utf-8")
    result = validate("base.yaml", "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "base.yaml: ok\n"
    assert result.stderr == ""


def test_every_bundled_flow_validates_together() -> None:
    result = validate("--strict")
    assert result.exit_code == 0, result.stderr
    for info in bundled_flows():
        assert f"{display_path(info.path)}: ok" in result.stdout.splitlines()


@pytest.mark.parametrize("info", bundled_flows(), ids=lambda i: i.id)
def test_each_bundled_flow_validates(info) -> None:
    result = validate(str(info.path), "--strict", "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == f"{info.path}: ok\n"


# ---------------------------------------------------------------- broken flows


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_flow_is_reported_at_its_line(name: str, in_tmp: Path) -> None:
    text = broken_text(name)
    file = f"{name}.yaml"
    (in_tmp / file).write_text(text, encoding="utf-8")
    result = validate(file)
    assert result.exit_code == 1, result.output
    expected = BROKEN[name][1]
    assert expected in result.stderr.splitlines(), f"expected line:\n{expected}\ngot:\n{result.stderr}"
    # The position really is where the mistake is.
    _, line, col, _ = expected.split(":", 3)
    assert text_at(text, int(line), int(col)).startswith(BROKEN[name][2])
    assert result.stderr.splitlines()[-1].startswith("ssguide: error: ")
    assert result.stdout == ""


def test_every_problem_line_has_file_line_col(in_tmp: Path) -> None:
    """All broken flows at once: every line but the summary is `file:line:col: message`."""
    files = []
    for name in sorted(BROKEN):
        (in_tmp / f"{name}.yaml").write_text(broken_text(name), encoding="utf-8")
        files.append(f"{name}.yaml")
    result = validate(*files)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("ssguide: error: ") and lines[-1].endswith(f"in {len(files)} flow(s)")
    for line in lines[:-1]:
        assert re.match(r"^[\w.-]+\.yaml:\d+:\d+: \S", line), line
    for name in BROKEN:
        assert BROKEN[name][1] in lines


def test_python_object_tag_is_refused_and_never_run(in_tmp: Path) -> None:
    sentinel = in_tmp / "SENTINEL"
    text = BASE.replace("    text: Do it.", f'    text: !!python/object/apply:os.system ["touch {sentinel}"]')
    (in_tmp / "tag.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "tag-top.yaml").write_text(f'!!python/object/apply:os.system ["touch {sentinel}"]\n', encoding="utf-8")
    result = validate("tag.yaml", "tag-top.yaml")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    message = "YAML tag '!!python/object/apply:os.system' is not allowed: files hold plain data only (strings, numbers, lists, mappings)"
    assert f"tag.yaml:24:11: {message}" in lines
    assert f"tag-top.yaml:1:1: {message}" in lines
    assert not sentinel.exists(), "the YAML tag ran a command!"


def test_python_object_tag_in_a_real_process(tmp_path: Path) -> None:
    """The same through `python -m ssguide`, as a user runs it (also `run`, which loads the flow)."""
    sentinel = tmp_path / "SENTINEL"
    path = tmp_path / "evil.yaml"
    path.write_text(f'id: evil\ntitle: !!python/object/apply:os.system ["touch {sentinel}"]\n', encoding="utf-8")
    for command in (["validate", str(path)], ["run", str(path)], ["graph", str(path)], ["paths", str(path)]):
        proc = subprocess.run(
            [sys.executable, "-m", "ssguide", *command], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
        assert proc.returncode == 1, (command, proc.stderr)
        assert f"{path}:2:8: YAML tag '!!python/object/apply:os.system' is not allowed" in proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    assert not sentinel.exists()


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j") + 1):
        lines.append(f"{chr(i)}: &{chr(i)} [" + ",".join([f"*{chr(i - 1)}"] * 9) + "]")
    return "\n".join(lines) + "\n"  # 9**10 ≈ 3.5 billion strings if expanded


def test_alias_bomb_is_refused_quickly(in_tmp: Path) -> None:
    (in_tmp / "bomb.yaml").write_text(_alias_bomb(), encoding="utf-8")
    with cpu_budget(2.0, "refusing the alias bomb"):  # ~0.05 s; expanded, 3.5 billion values
        result = validate("bomb.yaml")
    assert result.exit_code == 1
    assert "bomb.yaml:6:26: aliases expand to too many values (an alias bomb?); refusing to read further" in result.stderr.splitlines()


def test_alias_bomb_inside_a_condition_is_refused(in_tmp: Path) -> None:
    """Aliases are allowed (to share a condition), but not ones that expand 4**12 times."""
    levels = ["        - any: &x0 [{route: school}, {route: school}, {route: school}, {route: school}]"]
    levels += [f"        - any: &x{i} [{{any: *x{i - 1}}}, {{any: *x{i - 1}}}, {{any: *x{i - 1}}}, {{any: *x{i - 1}}}]" for i in range(1, 13)]
    when = "    when:\n      any:\n" + "\n".join(levels) + "\n"
    text = BASE.replace(SCHOOL_STEP_WHEN, SCHOOL_STEP_WHEN.replace("    when: {route: school}\n", when))
    (in_tmp / "bomb2.yaml").write_text(text, encoding="utf-8")
    with cpu_budget(2.0, "refusing the alias bomb"):
        result = validate("bomb2.yaml")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()[:-1]
    assert line.startswith("bomb2.yaml:") and line.endswith(": aliases expand to too many values (an alias bomb?); refusing to read further")


def test_small_shared_aliases_are_fine(in_tmp: Path) -> None:
    text = BASE.replace("      - when: {route: school}", "      - when: &school {route: school}").replace(
        SCHOOL_STEP_WHEN, SCHOOL_STEP_WHEN.replace("{route: school}", "*school")
    )
    (in_tmp / "alias.yaml").write_text(text, encoding="utf-8")
    result = validate("alias.yaml", "--strict")
    assert result.exit_code == 0, result.stderr


def test_file_over_8_mib_is_refused(in_tmp: Path) -> None:
    padding = ("# " + "x" * 78 + "\n") * (9 * 1024 * 1024 // 81 + 1)  # 9 MiB of comments
    (in_tmp / "big.yaml").write_text(BASE + padding, encoding="utf-8")
    assert (in_tmp / "big.yaml").stat().st_size > 9 * 1024 * 1024
    with cpu_budget(0.5, "refusing a file over 8 MiB"):  # read no further than the limit, never parsed
        result = validate("big.yaml")
    assert result.exit_code == 1
    assert "big.yaml:1:1: file is larger than 8 MiB; refusing to read it" in result.stderr.splitlines()


def test_deep_nesting_is_refused(in_tmp: Path) -> None:
    (in_tmp / "deep.yaml").write_text("a: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    result = validate("deep.yaml")
    assert result.exit_code == 1
    assert "nested more than 64 levels deep" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty.yaml:1:1: the file is empty"),
        ("- just\n- a list\n", "empty.yaml:1:1: the flow file must be a mapping (key: value), not a list"),
    ],
    ids=["empty", "list"],
)
def test_not_a_flow(in_tmp: Path, content: str, expected: str) -> None:
    (in_tmp / "empty.yaml").write_text(content, encoding="utf-8")
    result = validate("empty.yaml")
    assert result.exit_code == 1
    assert expected in result.stderr.splitlines()


def test_missing_file(in_tmp: Path) -> None:
    result = validate("nowhere.yaml")
    assert result.exit_code == 1
    assert "nowhere.yaml:1:1: file not found" in result.stderr.splitlines()


# ---------------------------------------------------------------- warnings and --strict


def test_warnings_exit_0_unless_strict(in_tmp: Path) -> None:
    (in_tmp / "warning-only.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    result = validate("warning-only.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [WARNING_LINE, "ssguide: 1 warning(s); --strict makes them errors"]

    strict = validate("warning-only.yaml", "--strict")
    assert strict.exit_code == 1
    assert WARNING_LINE in strict.stderr.splitlines()
    assert strict.stderr.splitlines()[-1] == "ssguide: error: 0 error(s), 1 warning(s) in 1 flow(s)"


def test_one_bad_file_among_good_ones_fails_the_run(in_tmp: Path) -> None:
    (in_tmp / "good.yaml").write_text(BASE, encoding="utf-8")
    (in_tmp / "bad.yaml").write_text(BASE.replace("goto: treated", "goto: nowhere"), encoding="utf-8")
    result = validate("good.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert "good.yaml: ok" in result.stdout
    assert result.stderr.splitlines()[-1] == "ssguide: error: 1 error(s), 0 warning(s) in 2 flow(s)"


def test_a_folder_is_its_flow_files(in_tmp: Path) -> None:
    """As ``serve --flows`` reads a folder: its .yaml and .yml files, in order; nothing else in it, nothing below it.
    (A review: ``validate DIR`` said only "is a directory, not a file".)"""
    folder = in_tmp / "flows"
    (folder / "below").mkdir(parents=True)
    (folder / "b.yml").write_text(BASE.replace("goto: treated", "goto: nowhere"), encoding="utf-8")
    (folder / "a.yaml").write_text(BASE, encoding="utf-8")
    (folder / "notes.txt").write_text("not a flow", encoding="utf-8")
    (folder / "below" / "c.yaml").write_text("not: [a flow", encoding="utf-8")
    result = validate("flows")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["flows/a.yaml: ok"]
    assert result.stderr.splitlines()[0].startswith("flows/b.yml:")
    assert result.stderr.splitlines()[-1] == "ssguide: error: 1 error(s), 0 warning(s) in 2 flow(s)"


def test_a_file_named_twice_is_checked_once(in_tmp: Path) -> None:
    """A review: ``validate fl fl`` reported each problem twice, "in 4 flow(s)"."""
    folder = in_tmp / "flows"
    folder.mkdir()
    (folder / "a.yaml").write_text(BASE.replace("goto: treated", "goto: nowhere"), encoding="utf-8")
    (folder / "b.yaml").write_text(BASE.replace("id: demo", "id: other"), encoding="utf-8")
    result = validate("flows", "flows", "flows/a.yaml", "./flows/b.yaml")
    assert result.exit_code == 1
    assert sum("nowhere" in line for line in result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.splitlines()[-1] == "ssguide: error: 1 error(s), 0 warning(s) in 2 flow(s)"


@pytest.mark.parametrize("lang, says", [("en", "flows:1:1: a folder with no flow file in it (a .yaml or .yml file)"),
                                        ("zh", "flows:1:1: 该文件夹中没有流程文件（扩展名为 '.yaml' 或 '.yml' 的文件）")])
def test_a_folder_without_flows_says_so(in_tmp: Path, lang: str, says: str) -> None:
    (in_tmp / "flows").mkdir()
    result = validate("flows", "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == says


def test_a_folder_with_two_flows_of_one_command_fails_as_serve_refuses_it(in_tmp: Path) -> None:
    """``validate --strict DIR`` passed a folder whose ``a.yaml`` and ``b.yml`` were the same flow (the
    same command), and ``serve --flows DIR`` then refused to start: "two flows have the command …".
    docs/web.md tells operators to check a folder with validate first. Files named one by one are not
    a folder served together: each may have any command."""
    folder = in_tmp / "flows"
    folder.mkdir()
    for name in ("a.yaml", "b.yml", "c.yaml"):
        (folder / name).write_text(BASE if name != "c.yaml" else BASE.replace("id: demo", "id: other"), encoding="utf-8")
    result = validate("flows", "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["flows/a.yaml: ok", "flows/c.yaml: ok"]
    assert result.stderr.splitlines() == [
        "flows/b.yml:1:1: two flows have the command 'demo': flows/a.yaml and flows/b.yml; give one of them another id or command",
        "ssguide: error: 1 error(s), 0 warning(s) in 3 flow(s)",
    ]
    assert validate("flows/a.yaml", "flows/b.yml").exit_code == 0


def test_a_help_whose_when_reads_a_later_question_is_a_warning(in_tmp: Path) -> None:
    """A help is shown before its question is answered, with the answers given before it: a 'when' on a
    question asked after it reads no answer, ever, so the entry shows for everyone or for no one. It
    validated 'ok' (only the question's own answer was caught); now a warning at the comparison."""
    text = BASE.replace("    text: Which route?\n", """    text: Which route?
    help:
      - when: {treated: {answered: true}}
        text: Never shown.
      - text: Ask the school.
""")
    (in_tmp / "later.yaml").write_text(text, encoding="utf-8")
    result = validate("later.yaml")
    assert result.exit_code == 0
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "when: {treated" in row)
    assert result.stderr.splitlines() == [
        f"later.yaml:{line}:36: warning: question 'route': a help's 'when' reads 'treated', which is asked after 'route', "
        "so it has no answer when the help is shown; read an earlier question instead",
        "ssguide: 1 warning(s); --strict makes them errors",
    ]
    earlier = BASE.replace("    text: When were you treated?\n", """    text: When were you treated?
    help:
      - when: {route: school}
        text: Ask the school.
""")
    (in_tmp / "earlier.yaml").write_text(earlier, encoding="utf-8")
    assert validate("earlier.yaml", "--strict").exit_code == 0


def test_a_path_longer_than_the_system_takes_is_a_problem_of_its_own(in_tmp: Path) -> None:
    """pathlib's is_dir() raised ENAMETOOLONG on a path over PATH_MAX: 'cannot write the output: File name
    too long; check the disk, …', as if standard output had failed, and no other file was checked."""
    (in_tmp / "ok.yaml").write_text(BASE, encoding="utf-8")
    long = "a/" * 2100 + "x.yaml"
    result = validate(long, "ok.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["ok.yaml: ok"]
    assert result.stderr.splitlines() == [f"{long}:1:1: cannot read: File name too long", "ssguide: error: 1 error(s), 0 warning(s) in 2 flow(s)"]


# ---------------------------------------------------------------- run refuses a broken flow


@pytest.mark.parametrize("name", ["dangling-next", "unreachable-question", "deadline-anchor-not-asked", "yaml-syntax"])
def test_run_refuses_a_broken_flow_before_asking(name: str, in_tmp: Path) -> None:
    (in_tmp / f"{name}.yaml").write_text(broken_text(name), encoding="utf-8")
    result = run_main(["run", f"{name}.yaml", "--lang", "en"], input="")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    # Exit 1 (invalid flow), not 2 ("no terminal to ask in"): nothing was asked.
    assert result.exit_code == 1, result.output
    assert BROKEN[name][1] in result.stderr.splitlines()
    assert "Which route?" not in result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_run_refuses_a_broken_flow_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BASE.replace("goto: treated", "goto: treatd"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ssguide", "run", str(path), "--set", "route=school"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1, proc.stderr
    assert f"{path}:16:15: question 'route': next goes to 'treatd', which is not a question (did you mean 'treated'?)" in proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr


def test_ok_lines_follow_the_language(tmp_path: Path) -> None:
    flow = tmp_path / "tiny.yaml"
    flow.write_text(BASE, encoding="utf-8")
    en = subprocess.run([sys.executable, "-m", "ssguide", "validate", str(flow)], capture_output=True, text=True)
    zh = subprocess.run([sys.executable, "-m", "ssguide", "validate", "--lang", "zh", str(flow)], capture_output=True, text=True)
    assert (en.returncode, zh.returncode) == (0, 0)
    assert en.stdout == f"{flow}: ok\n"
    assert zh.stdout == f"{flow}：没有发现问题\n"


@pytest.mark.parametrize("lang, words", [("en", "no flow file"), ("zh", "找不到流程文件")])
def test_running_a_flow_file_that_is_not_there_is_bad_input(tmp_path: Path, lang: str, words: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssguide", "run", "no-such-flow.yaml", "--lang", lang], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2  # bad input, like a missing answers file; 1 is for a flow that is invalid
    assert result.stderr.count("\n") == 1 and words in result.stderr and "no-such-flow.yaml" in result.stderr


def test_an_update_that_never_applies_is_a_warning_at_its_source(tmp_path: Path) -> None:
    """An update's condition is checked like an item's: one that can never hold where its item shows is reported."""
    flow = tmp_path / "never.yaml"
    flow.write_text(
        "id: never\ntitle: T\nsources:\n  - {id: s1, title: S1, citation: c1}\n  - {id: n1, title: N1, citation: c2}\n"
        "questions:\n  - id: where\n    type: choice\n    text: Where?\n    choices:\n"
        "      - {value: here, label: Here}\n      - {value: there, label: There}\n"
        "items:\n  - id: i1\n    kind: step\n    text: Do it\n    source: s1\n    when: {where: here}\n"
        "    updates:\n      - source: n1\n        when: {where: there}\n        text: The new rule\n",
        encoding="utf-8",
    )
    result = validate(str(flow), "--strict")
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "never applies" in x)
    assert line.startswith(f"{flow}:20:17: ") and "'i1'" in line and "'n1'" in line, line


def test_a_default_is_checked_against_the_today_given(in_tmp: Path) -> None:
    """``max: today`` means the day ``--today`` names, not the clock of whoever reads the flow."""
    text = BASE.replace("    text: When were you treated?\n", "    text: When were you treated?\n    max: today\n    default: 2027-03-01\n")
    (in_tmp / "dated.yaml").write_text(text, encoding="utf-8")
    later = validate("dated.yaml", "--today", "2027-06-01")
    assert later.exit_code == 0, later.output
    earlier = validate("dated.yaml", "--today", "2026-11-23")
    assert earlier.exit_code == 1
    assert re.search(r"dated\.yaml:\d+:\d+: question 'treated': default .*2027.* is (after|later)", earlier.output), earlier.output


def test_an_unsure_question_without_how_to_find_out_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "no-find-out.yaml"
    path.write_text(BASE.replace(TREATED_TEXT, TREATED_TEXT + "    unsure: true\n"), encoding="utf-8")
    result = run_main(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        f"{path}:18:5: warning: question 'treated' allows 'not sure' but says nothing on how to find out: "
        "add how_to_find_out: {text, source}"
    ) in result.output
    strict = run_main(["validate", "--strict", str(path)])
    assert strict.exit_code == 1


def test_a_how_to_find_out_text_needs_every_language_of_the_flow(tmp_path: Path) -> None:
    path = tmp_path / "one-language.yaml"
    path.write_text(
        "id: z\nlanguages: [en, zh]\ntitle: {en: Z, zh: 乙}\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
        "questions:\n  - id: q\n    type: yesno\n    text: {en: Q?, zh: 问？}\n    unsure: true\n"
        "    how_to_find_out:\n      source: s1\n      text: {en: Ask.}\n"
        "items:\n  - {id: i, kind: step, text: {en: Do., zh: 办。}, source: s1}\n",
        encoding="utf-8",
    )
    result = run_main(["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:13:13: how_to_find_out text of 'q' has no 'zh' text, but the flow declares languages ['en', 'zh']" in result.output


def test_a_done_when_that_never_holds_where_its_item_shows_is_a_warning_at_its_condition(tmp_path: Path) -> None:
    flow = tmp_path / "never-done.yaml"
    flow.write_text(
        "id: never-done\ntitle: T\nsources:\n  - {id: s1, title: S1, citation: c1}\n"
        "questions:\n  - id: where\n    type: choice\n    text: Where?\n    choices:\n"
        "      - {value: here, label: Here}\n      - {value: there, label: There}\n"
        "items:\n  - id: i1\n    kind: step\n    text: Do it\n    source: s1\n    when: {where: here}\n"
        "    done_when: {where: there}\n  - {id: i2, kind: note, text: Note, source: s1}\n",
        encoding="utf-8",
    )
    result = validate(str(flow), "--strict")
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "done_when" in x)
    assert line.startswith(f"{flow}:18:24: warning: ") and "'i1'" in line, line
    fine = flow.read_text(encoding="utf-8").replace("done_when: {where: there}", "done_when: {where: here}")
    flow.write_text(fine, encoding="utf-8")
    assert validate(str(flow), "--strict").exit_code == 0

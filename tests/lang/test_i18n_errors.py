"""Issue #5: every error a user of the wizard can see is in Chinese when the language is zh.

Each case runs the real command line twice in Chinese (LANG=zh_CN.UTF-8, and
--lang zh under an English locale) and once in English. In Chinese every line
must contain Chinese and no English sentence: what may stay are ids, file
names, option names (--set), placeholders (ID=VALUE, YYYY-MM-DD) and values as
the user typed them. In English the message must stay exactly what it was.
"""

from __future__ import annotations

import errno
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.cli import TODAY, cli_env, invoke, run_cli
from support.language import CHINESE, english_left
from ssguide.lang.i18n import SUPPORTED_LANGUAGES, catalog
from ssguide.shell.exporters import EXPORTERS
from ssguide.shell.registry import bundled_flows
from support.context import context

MESSAGES = {lang: catalog(lang) for lang in SUPPORTED_LANGUAGES}

BUNDLED = [info.command for info in bundled_flows()]  # the table, not a list of today's flows
APPLY_CHILD_IDS = {
    "route", "school", "not_in_school", "registered_elsewhere", "low_income", "poor_family", "card_accepted", "accepted_on",
    *BUNDLED,
}


def test_the_english_check_sees_english() -> None:
    """The checks below would prove nothing if names and values hid the English words."""
    assert english_left("ssguide: error: --set: question 'route': 'bogus' is not one of the choices (one of: school)", APPLY_CHILD_IDS)
    assert english_left("错误：Got unexpected extra argument(s) (extra)") == ["Got", "argument", "extra", "unexpected"]
    assert english_left("ssguide: 错误：回答文件 a.yaml:1:1：找不到该文件") == []
    assert english_left("  route: 可选：school, not_in_school", APPLY_CHILD_IDS) == []


def assert_chinese(lines: list[str], ids: set[str] = frozenset()) -> None:
    assert lines, "no error message"
    for line in lines:
        assert CHINESE.search(line), f"no Chinese in {line!r}"
        left = english_left(line, ids)
        assert not left, f"English left in {line!r}: {left}"


FLOW_WITH_EVERY_TYPE = """\
id: every-type
title: {en: Every type, zh: 各种题型}
languages: [en, zh]
sources:
  - id: s1
    title: S1
    citation: c1
questions:
  - id: n
    type: number
    text: {en: How many?, zh: 多少？}
    min: 1
    max: 10
    next: note
  - id: note
    type: text
    text: {en: Anything else?, zh: 还有什么？}
    next: kinds
  - id: kinds
    type: multi
    text: {en: Which kinds?, zh: 哪几种？}
    choices:
      - {value: a, label: {en: A, zh: 甲}}
      - {value: b, label: {en: B, zh: 乙}}
items:
  - id: i1
    kind: step
    text: {en: Do it, zh: 去办}
    source: s1
"""

# One error: the number question routes to a question that does not exist.
INVALID_FLOW = FLOW_WITH_EVERY_TYPE.replace("    next: note\n", "    next: nowhere\n")


@dataclass
class Case:
    """One way to get an error; ``args`` may use {tmp} for the test's folder."""

    args: list[str]
    english: str | None = None  # the exact English first line, when pinned
    code: int = 2
    files: dict[str, str | None] = field(default_factory=dict)  # name → text, None for a folder
    only_last_line: bool = False  # the lines before are the flow loader's own (English for now)
    ids: set[str] = field(default_factory=lambda: set(APPLY_CHILD_IDS))


# --export's suffixes, one per format, as the error for an unknown one offers them (the table's, not today's list).
SHOWN_SUFFIXES = [exporter.suffixes[0] for exporter in EXPORTERS]
USE_SUFFIXES = ", ".join(SHOWN_SUFFIXES[:-1]) + " or " + SHOWN_SUFFIXES[-1]
SUFFIX_IDS = {*APPLY_CHILD_IDS, *SHOWN_SUFFIXES}

EVERY_TYPE_IDS = {"every-type", "n", "note", "kinds", "a", "b"}

CASES: dict[str, Case] = {
    "answers-file-not-a-mapping": Case(
        ["apply-child", "--answers", "{tmp}/list.yaml"],
        "ssguide: error: {tmp}/list.yaml:1:1: an answers file must be a mapping of question id to answer, e.g. 'route: school'",
        files={"list.yaml": "- a\n- b\n"},
    ),
    "answers-file-missing": Case(
        ["apply-child", "--answers", "{tmp}/nope.yaml"],
        "ssguide: error: {tmp}/nope.yaml:1:1: file not found (answers file)",
    ),
    "answers-file-yaml-syntax": Case(["apply-child", "--answers", "{tmp}/bad.yaml"], files={"bad.yaml": "route: [school\n"}),
    "answers-file-duplicate-key": Case(
        ["apply-child", "--answers", "{tmp}/dup.yaml"],
        "ssguide: error: {tmp}/dup.yaml:2:1: duplicate key 'route' (answers file)",
        files={"dup.yaml": "route: school\nroute: school\n"},
    ),
    "answers-file-empty": Case(["apply-child", "--answers", "{tmp}/empty.yaml"], files={"empty.yaml": ""}),
    "answers-file-folder": Case(["apply-child", "--answers", "{tmp}/folder"], files={"folder": None}),
    "answers-file-unknown-question": Case(
        ["apply-child", "--answers", "{tmp}/typo.yaml"],
        "ssguide: error: {tmp}/typo.yaml:1:7: 'rout' is not a question of 'apply-child' (did you mean 'route'?)"
        " (questions: route, low_income, poor_family, card_accepted, accepted_on)",
        files={"typo.yaml": "rout: school\n"},
    ),
    "answers-file-wrong-value": Case(
        ["apply-child", "--answers", "{tmp}/five.yaml"],
        "ssguide: error: {tmp}/five.yaml:1:8: question 'route': 5 is not one of the choices"
        " (one of: school (School-age and at school), not_in_school (Under 18 and not in school),"
        " registered_elsewhere (Under 18, household registered outside the city))",
        files={"five.yaml": "route: 5\n"},
    ),
    "set-malformed": Case(
        ["apply-child", "--set", "nonsense"],
        "ssguide: error: --set 'nonsense': write it as QUESTION_ID=VALUE, e.g. --set route=school",
    ),
    "set-unknown-question": Case(["apply-child", "--set", "rout=school"]),
    "set-not-a-choice": Case(
        ["apply-child", "--set", "route=bogus"],
        "ssguide: error: --set: question 'route': 'bogus' is not one of the choices"
        " (one of: school (School-age and at school), not_in_school (Under 18 and not in school),"
        " registered_elsewhere (Under 18, household registered outside the city))",
    ),
    "set-not-yes-or-no": Case(
        ["apply-child", "--set", "route=school", "--set", "low_income=maybe"],
        "ssguide: error: --set: question 'low_income': 'maybe' is not yes or no (yes or no)",
    ),
    "set-not-a-date": Case(
        ["apply-child", "--set", "accepted_on=soon"],
        "ssguide: error: --set: question 'accepted_on': 'soon' is not a date (a date as YYYY-MM-DD, or like 2026/11/20, 11-20, today)",
    ),
    "set-date-too-late": Case(
        ["apply-child", "--set", "accepted_on=2030-01-01"],
        f"ssguide: error: --set: question 'accepted_on': '2030-01-01' is after the latest allowed date {TODAY}",
    ),
    "set-not-a-number": Case(
        ["run", "{tmp}/every.yaml", "--set", "n=abc"],
        "ssguide: error: --set: question 'n': 'abc' is not a number (a number (>= 1, <= 10))",
        files={"every.yaml": FLOW_WITH_EVERY_TYPE},
        ids=EVERY_TYPE_IDS,
    ),
    "set-number-too-small": Case(
        ["run", "{tmp}/every.yaml", "--set", "n=0"], files={"every.yaml": FLOW_WITH_EVERY_TYPE}, ids=EVERY_TYPE_IDS
    ),
    "set-number-too-large": Case(
        ["run", "{tmp}/every.yaml", "--set", "n=11"], files={"every.yaml": FLOW_WITH_EVERY_TYPE}, ids=EVERY_TYPE_IDS
    ),
    "set-number-not-finite": Case(
        ["run", "{tmp}/every.yaml", "--set", "n=inf"], files={"every.yaml": FLOW_WITH_EVERY_TYPE}, ids=EVERY_TYPE_IDS
    ),
    "set-text-too-long": Case(
        ["run", "{tmp}/every.yaml", "--set", "note=" + "x" * 600], files={"every.yaml": FLOW_WITH_EVERY_TYPE}, ids=EVERY_TYPE_IDS
    ),
    "answers-text-control-characters": Case(
        ["run", "{tmp}/every.yaml", "--answers", "{tmp}/ctl.yaml"],
        files={"every.yaml": FLOW_WITH_EVERY_TYPE, "ctl.yaml": 'note: "a\\u0001b"\n'},
        ids=EVERY_TYPE_IDS,
    ),
    "answers-text-not-text": Case(
        ["run", "{tmp}/every.yaml", "--answers", "{tmp}/map.yaml"],
        files={"every.yaml": FLOW_WITH_EVERY_TYPE, "map.yaml": "note: {a: 1}\n"},
        ids=EVERY_TYPE_IDS,
    ),
    "set-multi-not-among-choices": Case(
        ["run", "{tmp}/every.yaml", "--set", "kinds=a,z"],
        "ssguide: error: --set: question 'kinds': 'a,z' is 'z' not among the choices (any of: a, b (comma-separated))",
        files={"every.yaml": FLOW_WITH_EVERY_TYPE},
        ids=EVERY_TYPE_IDS,
    ),
    "answers-multi-not-a-list": Case(
        ["run", "{tmp}/every.yaml", "--answers", "{tmp}/num.yaml"],
        files={"every.yaml": FLOW_WITH_EVERY_TYPE, "num.yaml": "kinds: 5\n"},
        ids=EVERY_TYPE_IDS,
    ),
    "export-folder-missing": Case(
        ["apply-child", "--export", "{tmp}/nope/out.md"],
        "ssguide: error: cannot write {tmp}/nope/out.md: folder {tmp}/nope does not exist; create it first",
    ),
    "export-folder-is-a-file": Case(
        ["apply-child", "--export", "{tmp}/out.md/checklist.md"],
        "ssguide: error: cannot write {tmp}/out.md/checklist.md: {tmp}/out.md is a file, not a folder; give a path inside a folder",
        files={"out.md": "old\n"},
    ),
    # Checked by making a file there, before anything is asked (a review: /sys and /proc were found out after the
    # wizard, and root may write where the permission bits say no). The system's reason depends on who runs it.
    "export-folder-refuses-files": Case(["apply-child", "--export", "/proc/checklist.md"]),
    "export-folder-denied": Case(["apply-child", "--export", "/sys/checklist.md"]),
    "export-exists": Case(
        ["apply-child", "--export", "{tmp}/out.md"],
        "ssguide: error: {tmp}/out.md already exists; use --force to overwrite it, or choose another name",
        files={"out.md": "old\n"},
    ),
    "save-answers-exists": Case(["apply-child", "--save-answers", "{tmp}/answers.yaml"], files={"answers.yaml": "x: 1\n"}),
    "export-is-a-folder": Case(
        ["apply-child", "--export", "{tmp}/dir.md", "--force"],
        "ssguide: error: cannot write {tmp}/dir.md: it is a folder; give a file name",
        files={"dir.md": None},
    ),
    "export-unknown-type": Case(
        ["apply-child", "--export", "{tmp}/out.pdf"],
        "ssguide: error: --export {tmp}/out.pdf: unknown file type '.pdf'; use " + USE_SUFFIXES,
        ids=SUFFIX_IDS,
    ),
    "export-no-type": Case(
        ["apply-child", "--export", "{tmp}/out"],
        "ssguide: error: --export {tmp}/out: unknown file type '(none)'; use " + USE_SUFFIXES,
        ids=SUFFIX_IDS,
    ),
    "unknown-flow": Case(
        ["run", "nosuch"],
        f"ssguide: error: no bundled flow named 'nosuch' (bundled: {', '.join(BUNDLED)});"
        " or give a path to a .yaml file",
    ),
    "graph-unknown-flow": Case(["graph", "nosuch"]),
    "today-not-a-date": Case(
        ["apply-child", "--today", "2026-13-01"],
        "ssguide: error: --today '2026-13-01' is not a date; write it as YYYY-MM-DD",
    ),
    "no-terminal": Case(
        ["apply-child", "--set", "route=school"],
        "ssguide: error: answers missing (low_income) and there is no terminal to ask in;"
        " give them with --answers FILE or --set ID=VALUE (add --no-input to list what is missing)",
    ),
    "no-input-missing-answers": Case(
        ["apply-child", "--no-input"],
        "ssguide: error: --no-input given but 1 answer(s) are missing for 'apply-child'"
        " (give them with --answers FILE or --set ID=VALUE):",
    ),
    "invalid-flow-file": Case(
        ["run", "{tmp}/broken.yaml"],
        "ssguide: error: the flow has 1 error; fix the flow and run again (see docs/flow-format.md)",
        code=1,
        files={"broken.yaml": INVALID_FLOW},
        only_last_line=True,
    ),
    "validate-summary": Case(
        ["validate", "{tmp}/broken.yaml"],
        "ssguide: error: 1 error(s), 0 warning(s) in 1 flow(s)",
        code=1,
        files={"broken.yaml": INVALID_FLOW},
        only_last_line=True,
    ),
    "paths-folder-missing": Case(
        ["paths", "apply-child", "--write-answers", "{tmp}/nope"],
        "ssguide: error: --write-answers {tmp}/nope: folder does not exist; create it first",
    ),
}

# Commands without a --lang option of their own (--lang goes before the command).
NO_LANG_OPTION = ("validate", "paths")


def prepare(case: Case, tmp_path: Path) -> list[str]:
    for name, text in case.files.items():
        path = tmp_path / name
        if text is None:
            path.mkdir()
        else:
            path.write_text(text, encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in case.args]
    if "--today" not in args and args[0] not in ("validate", "graph"):
        args += ["--today", TODAY]
    return args


def error_lines(result: subprocess.CompletedProcess[str], case: Case) -> list[str]:
    lines = result.stderr.splitlines()
    return lines[-1:] if case.only_last_line else lines


@pytest.mark.parametrize("name", list(CASES))
def test_error_in_chinese_from_the_locale(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    result = invoke(*prepare(case, tmp_path), today=None, lang="zh_CN.UTF-8")
    assert result.returncode == case.code, result.stderr
    lines = error_lines(result, case)
    assert lines[0].startswith("ssguide: 错误："), lines
    assert_chinese(lines, case.ids)


@pytest.mark.parametrize("name", list(CASES))
def test_error_in_english_is_unchanged(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    result = invoke(*prepare(case, tmp_path), today=None, lang="C.UTF-8")
    assert result.returncode == case.code, result.stderr
    lines = error_lines(result, case)
    assert lines[0].startswith("ssguide: error: "), lines
    assert not CHINESE.search(result.stderr), result.stderr
    if case.english is not None:
        assert lines[0] == case.english.replace("{tmp}", str(tmp_path))


@pytest.mark.parametrize(
    "name", ["answers-file-wrong-value", "set-not-yes-or-no", "export-exists", "unknown-flow", "no-terminal", "validate-summary"]
)
def test_lang_option_wins_over_an_english_locale(name: str, tmp_path: Path) -> None:
    """A real process: --lang zh after the command, or before it for commands without one."""
    case = CASES[name]
    args = prepare(case, tmp_path)
    args = ["--lang", "zh", *args] if args[0] in NO_LANG_OPTION else [*args, "--lang", "zh"]
    result = run_cli(*args, today=None, env=cli_env("C.UTF-8"))
    assert result.returncode == case.code, result.stderr
    lines = error_lines(result, case)
    assert lines[0].startswith("ssguide: 错误："), lines
    assert_chinese(lines, case.ids)


def test_no_input_lists_the_missing_answers_in_chinese() -> None:
    result = invoke("apply-child", "--no-input", lang="zh_CN.UTF-8")
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "ssguide: 错误：指定了 --no-input，但流程 'apply-child' 还缺少 1 个回答（请用 --answers FILE 或 --set ID=VALUE 给出）："
    )
    assert lines[1] == "  route: 可选：school（学龄儿童，在校就读）、not_in_school（未满18周岁，未入学）、registered_elsewhere（未满18周岁，户籍在市外）"
    assert "  根据这些回答，可能还需要：" in lines
    assert "  low_income: yes 或 no，也可写 是 或 否" in lines


# ---------------------------------------------------------------- the messages themselves


@pytest.mark.parametrize("domain", ["program", "flow_checks", "help", "click", "web"])
def test_every_catalog_words_every_english_key_with_the_english_fields(domain: str) -> None:
    english = catalog("en", domain)
    assert english, f"no English {domain} messages in lang/english.py"
    for lang in SUPPORTED_LANGUAGES:
        worded = catalog(lang, domain)
        assert sorted(worded) == sorted(english)
        for key, template in worded.items():
            fields = set(re.findall(r"{(\w+)(?:![rsa])?}", template))
            assert fields <= set(re.findall(r"{(\w+)(?:![rsa])?}", english[key])), f"{lang} {key}: fields English lacks"


def test_every_message_key_has_both_languages() -> None:
    missing = sorted(k for k in MESSAGES["en"] if k not in MESSAGES["zh"])
    assert not missing, f"no Chinese for {missing}"
    for key, english in MESSAGES["en"].items():
        names = set(re.findall(r"{(\w+)}", english))
        assert set(re.findall(r"{(\w+)}", MESSAGES["zh"][key])) <= names, f"{key}: the Chinese uses values the English lacks"
        assert not names & {"key", "lang"}, f"{key}: a value may not be called key or lang (t's own parameters)"


ANSWER_ERRORS: list[tuple[str, object, str]] = [
    # (question type, wrong answer, the English error)
    ("choice", "x", "not one of the choices (one of: a, b)"),
    ("multi", 5, "a list of choices (any of: a, b (comma-separated))"),
    ("multi", "a,z", "'z' not among the choices (any of: a, b (comma-separated))"),
    ("yesno", "maybe", "not yes or no (yes or no)"),
    ("date", "soon", "not a date (a date as YYYY-MM-DD, or like 2026/11/20, 11-20, today)"),
    ("date", "2000-01-01", "before the earliest allowed date 2026-01-01"),
    ("date", "2030-01-01", "after the latest allowed date 2026-11-23"),
    ("number", "abc", "not a number (a number (>= 1, <= 10))"),
    ("number", True, "not a number (a number (>= 1, <= 10))"),
    ("number", "nan", "not a finite number"),
    ("number", 0, "smaller than the minimum 1"),
    ("number", 11, "larger than the maximum 10"),
    ("text", ["a"], "not text (text up to 500 characters)"),
    ("text", "x" * 501, "longer than 500 characters"),
    ("text", "a\x01", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("date", "2026-11-20\x1c", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("date", "\t2026-11-20", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("date", "2026年11月\x8520日", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("number", "5\x1c", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("number", "\t5", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("text", "St Mary\tward 3", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("choice", "a\x1f", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("multi", ["a", "b\x85"], "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("yesno", "yes\n", "not accepted: it contains control characters (such as a tab or a line break); type it without them"),
    ("text", "caf\udce9", "not accepted: it holds bytes that are not UTF-8 text; type it again as UTF-8 (check your terminal's encoding)"),
    ("number", "5\udcff", "not accepted: it holds bytes that are not UTF-8 text; type it again as UTF-8 (check your terminal's encoding)"),
]


@pytest.mark.parametrize(("qtype", "raw", "english"), ANSWER_ERRORS, ids=[f"{q}-{e[:24]}" for q, _, e in ANSWER_ERRORS])
def test_answer_errors_carry_a_key_and_read_in_both_languages(qtype: str, raw: object, english: str) -> None:
    from datetime import date
    from types import SimpleNamespace

    from ssguide.core.qtypes import QUESTION_TYPES, AnswerError

    question = SimpleNamespace(
        choice_values=("a", "b"),
        min={"date": date(2026, 1, 1), "number": 1}.get(qtype),
        max={"date": "today", "number": 10}.get(qtype),
    )
    with pytest.raises(AnswerError) as info:
        QUESTION_TYPES[qtype].coerce(question, raw, context(date(2026, 11, 23)))
    exc = info.value
    assert str(exc) == english  # the flow loader writes f"default {value!r} is {exc}"
    assert exc.render("en") == english
    chinese = exc.render("zh")
    assert CHINESE.search(chinese) and not english_left(chinese, {"a", "b", "z"}), chinese


def test_allowed_reads_the_same_in_english() -> None:
    from types import SimpleNamespace

    from ssguide.core.qtypes import QUESTION_TYPES

    q = SimpleNamespace(choice_values=("a", "b"), min=None, max=5)
    assert f"{QUESTION_TYPES['choice'].allowed(q)}" == "one of: a, b"
    assert f"{QUESTION_TYPES['multi'].allowed(q)}" == "any of: a, b (comma-separated)"
    assert f"{QUESTION_TYPES['number'].allowed(q)}" == "a number (<= 5)"
    assert QUESTION_TYPES["number"].allowed(q).render("zh") == "数字（<= 5）"


@pytest.mark.parametrize(
    ("error", "english", "chinese"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied (check the folder's permissions)", "没有写入权限"),
        # Only a refusal for permissions says to check them: a full disk or a read-only file system is not one;
        # those say the folder takes no new file (its reason alone, "No such file or directory" from /proc, said it was missing).
        (OSError(errno.EROFS, "Read-only file system"), "no file can be made in {tmp} (Read-only file system); choose another folder", "只读"),
        (OSError(errno.ENOSPC, "No space left on device"), "no file can be made in {tmp} (No space left on device); choose another folder", "空间不足"),
    ],
    ids=["permission", "read-only", "disk-full"],
)
def test_an_unwritable_folder_is_reported_in_both_languages(
    error: OSError, english: str, chinese: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests may run as root, who can write anywhere: the refusal is simulated."""
    from ssguide.shell import answers

    def refuse(*args: object, **kwargs: object):
        raise error

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # write_atomic imports tempfile when it writes
    target = tmp_path / "out.md"
    with pytest.raises(answers.InputProblem) as info:
        answers.write_atomic(target, b"x", force=False)
    assert str(info.value) == f"cannot write {target}: {english.replace('{tmp}', str(tmp_path))}"
    zh = info.value.render("zh")
    assert chinese in zh and zh.startswith(f"无法写入 {target}：") and not english_left(zh), zh


def test_unknown_flow_error_keeps_its_type() -> None:
    from ssguide.shell.registry import UnknownFlow, resolve

    with pytest.raises(LookupError) as info:
        resolve("nosuch")
    assert isinstance(info.value, UnknownFlow)
    assert str(info.value).startswith("no bundled flow named 'nosuch'")
    assert info.value.render("zh").startswith("没有名为 'nosuch' 的内置流程")


def test_interrupted_and_internal_error_lines_follow_the_language() -> None:
    assert MESSAGES["en"]["interrupted_short"] == "interrupted"
    assert MESSAGES["en"]["error_line"] == "ssguide: error: {message}"
    assert MESSAGES["zh"]["error_line"].startswith("ssguide: 错误：")


"""Issue #5: what ``ssguide validate`` and ``ssguide run FILE`` tell a flow author, in Chinese too.

Every problem of a flow file is a ``messages.Message``: a catalog key and its
values, English as a ``str`` (so ``str(problem)`` is exactly what it always
was) and Chinese with ``render("zh")``. Checked here:

* the catalog: every message in English and Chinese with the same fields, and
  the Chinese without English words other than the format's own names;
* the command line: for a set of broken flows, ``validate --lang zh`` (and a
  Chinese locale) prints every problem, and the summary, in Chinese at the same
  ``file:line:col``, while English stays byte for byte what it was;
* completeness: no problem is written as a plain string in the modules that
  report them (read from their source), and every problem the mutation fuzzer
  provokes is a catalog message that words itself in Chinese.
"""

from __future__ import annotations

import ast
import copy
import pickle
import random
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.cli import REPO, cli_env, invoke, run_cli
from ssguide.core import model, structure
from ssguide.authoring import semantic
from ssguide.core.conditions import COMBINATORS, OPERATORS
from ssguide.core.model import FlowError, Problem
from ssguide.core.loader import parse_flow
from ssguide.lang.i18n import SUPPORTED_LANGUAGES
from support.cli import TINY_FLOW
from ssguide.lang.i18n import catalog
from ssguide.lang.messages import Message, describe, fields, render, template

# The two catalogs as tables: key → {language: wording}, and language → key → wording.
CATALOG = {k: {lang: catalog(lang, "flow_checks")[k] for lang in SUPPORTED_LANGUAGES} for k in catalog("en", "flow_checks")}
MESSAGES = {lang: catalog(lang) for lang in SUPPORTED_LANGUAGES}
from ssguide.core.qtypes import QUESTION_TYPES
from ssguide.position import Pos
from support.mutations import FLOW_DATA, Chooser, dump, hypothesis_chooser, mutate
from support.context import context

TODAY = date(2026, 11, 23)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
POSITION = re.compile(r"^(?P<pos>[\w./-]+:\d+:\d+): ")
# English words a Chinese message may contain: the flow format's keys and values, and formats' names.
FORMAT_WORDS = {
    "DD", "MM", "MiB", "UTF", "YAML", "YYYY", "choice", "date", "days", "en", "end", "event", "false", "from",
    "goto", "item", "items", "kind", "languages", "lt", "meaning", "months", "next", "number", "order", "question",
    "questions", "reviewed", "source", "sources", "start", "text", "true", "updates", "value", "when",
    "working_days", "years", "zh", "how_to_find_out", "unsure",
}
# Lists of what is allowed, shown as they are: the format's keys, types, kinds, units and operators.
LISTED = set().union(
    *(getattr(model, name) for name in dir(model) if name.endswith(("_KINDS", "_UNITS", "_MEANINGS"))),
    *structure.KEYS.values(),
    OPERATORS, COMBINATORS, QUESTION_TYPES, SUPPORTED_LANGUAGES,
)
# Values written by other programs (the YAML parser, the system), labelled as theirs in Chinese.
FOREIGN = re.compile(r"（(?:解析器|系统)提示：.*）")


def english_left(line: str, allowed: set[str]) -> list[str]:
    """English words in a Chinese line once positions, quoted values, foreign hints and ``allowed`` are set aside."""
    text = FOREIGN.sub(" ", line)
    text = re.sub(r"[\w./-]+:\d+:\d+", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    return sorted({w for w in WORD.findall(text)} - allowed - FORMAT_WORDS)


def test_the_english_check_sees_english() -> None:
    assert english_left("t.yaml:3:5: 问题 'route'：next 指向 'x'", set()) == []
    assert english_left("t.yaml:3:5: question 'route': next goes to 'x', which is not a question", set()) == [
        "goes", "is", "not", "to", "which",
    ]
    assert english_left("t.yaml:3:5: 条件中的问题 'x' 不存在（现有的问题：route, treated）", set()) == ["route", "treated"]
    assert english_left("t.yaml:1:1: YAML 语法错误（解析器提示：did not find expected key）", set()) == []


# ---------------------------------------------------------------- the catalog


def _template_parts(template: str) -> list[tuple[str, str, str]]:
    return sorted((name, spec or "", conv or "") for _, name, spec, conv in string.Formatter().parse(template) if name is not None)


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = CATALOG[key]
    assert set(entry) == set(SUPPORTED_LANGUAGES), key
    assert _template_parts(entry["zh"]) == _template_parts(entry["en"]), key
    assert all(name.isidentifier() for name in fields(entry["en"])), key  # named fields only, no {0} or {}
    assert CHINESE.search(entry["zh"]), key
    english_in_zh = english_left(re.sub(r"\{\w+(?:![rsa])?(?::[^}]*)?\}", " ", entry["zh"]), set())
    assert english_in_zh == [], f"{key}: English in the Chinese template: {english_in_zh}"


def test_a_message_is_worded_in_english_by_str_and_is_not_text_itself() -> None:
    message = Message("next_unknown", qid="route", goto="treatd", hint=Message("did_you_mean", word="treated"))
    english = "question 'route': next goes to 'treatd', which is not a question (did you mean 'treated'?)"
    assert str(message) == english and f"{message}" == english
    assert type(str(message)) is str and "did you mean 'treated'?" in str(message)
    # Not a str: a message is worded when shown, so comparing it with text is a mistake.
    assert not isinstance(message, str) and message != english
    same = Message("next_unknown", qid="route", goto="treatd", hint=Message("did_you_mean", word="treated"))
    assert message == same and hash(message) == hash(same)
    assert message.render("en") == english
    assert message.render("zh") == "问题 'route'：next 指向 'treatd'，但没有这个问题（您是不是想写 'treated'？）"
    assert message.render("fr") == english  # a language without templates falls back to English
    for copied in (pickle.loads(pickle.dumps(message)), copy.deepcopy(message), copy.copy(message)):
        assert str(copied) == english and copied == message and copied.render("zh") == message.render("zh")
    problem = Problem(Pos("t.yaml", 16, 15), message)
    assert str(problem) == f"t.yaml:16:15: {english}"
    assert problem.render("zh") == "t.yaml:16:15: " + message.render("zh")
    warning = Problem(Pos("t.yaml", 1, 1), Message("question_never_asked", qid="x"), "warning")
    assert str(warning) == "t.yaml:1:1: warning: question 'x' is never asked: the conditions leading to it never hold"
    assert warning.render("zh") == "t.yaml:1:1: 警告：问题 'x' 永远不会被问到：通向它的条件从不成立"
    assert render("plain text", "zh") == "plain text"


def test_what_descriptions_take_their_values_in_template_order() -> None:
    assert str(describe(("what_choice_label", "home", "route"))) == "choice 'home' label of 'route'"
    assert describe(("what_choice_label", "home", "route")).render("zh") == "问题 'route' 的选项 'home' 的标签"
    assert describe("what_title").render("zh") == "标题"
    assert describe("not a key") == "not a key"


def test_question_types_word_condition_problems_as_catalog_messages() -> None:
    from ssguide.core.qtypes import QUESTION_TYPES

    class Choice:
        choice_values = ("school", "home")

    problem = QUESTION_TYPES["choice"].condition_problem(Choice(), "eq", "college")
    assert isinstance(problem, Message) and problem.key == "cond_not_choice"
    assert str(problem) == "'college' is not one of its choices (school, home)"
    assert problem.render("zh") == "'college' 不是它的选项（school, home）"
    assert QUESTION_TYPES["choice"].condition_problem(Choice(), "lt", "home").render("zh").startswith("'lt' 比较的是大小先后")


# ---------------------------------------------------------------- the command line

BASE = TINY_FLOW
SCHOOL_WHEN = "    when: {route: school}\n    source: s1\n  - id: claim-by"
CLAIM_WHEN = "    when: {route: school}\n    source: s1\n    deadline"
WARNING_ONLY = (
    BASE.replace("      - when: {route: school}", "      - when: {all: [{route: school}, {route: home}]}")
    .replace(SCHOOL_WHEN, SCHOOL_WHEN.replace("    when: {route: school}\n", ""))
    .split("  - id: claim-by")[0]
)


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j") + 1):
        lines.append(f"{chr(i)}: &{chr(i)} [" + ",".join([f"*{chr(i - 1)}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# name → replacements in BASE (or the whole text)
BROKEN: dict[str, list[tuple[str, str]] | str] = {
    "dangling-reference": [("goto: treated", "goto: treatd"), (SCHOOL_WHEN, SCHOOL_WHEN.replace("source: s1", "source: s2"))],
    "impossible-value": [("      - when: {route: school}", "      - when: {route: college}")],
    "condition-types": [
        ("      - when: {route: school}", "      - when: {route: {lt: school}}"),
        (SCHOOL_WHEN, SCHOOL_WHEN.replace("{route: school}", "{treated: {gt: 5}}")),
        (CLAIM_WHEN, CLAIM_WHEN.replace("{route: school}", "{route: [school, college]}")),
    ],
    "bad-conditions": [
        ("      - when: {route: school}", "      - when: {route: school, 7: x}"),
        (SCHOOL_WHEN, SCHOOL_WHEN.replace("{route: school}", "{route: {before: school}}")),
        (CLAIM_WHEN, CLAIM_WHEN.replace("{route: school}", "{treated: {in: []}}")),
    ],
    "unreachable-question": [("      - goto: end\n", "      - goto: end\n  - id: orphan\n    type: yesno\n    text: Never asked?\n")],
    "duplicate-id": [("  - id: treated\n", "  - id: route\n"), ("  - id: school-step", "  - id: always"), ("  - id: s1\n", "  - id: s1\n    kind: lawful\n")],
    "yaml-syntax": [("    text: Do it.", "    text: [Do it.")],
    "python-tag": [("    text: Do it.", '    text: !!python/object/apply:os.system ["true"]')],
    "alias-bomb": _alias_bomb(),
    "missing-translation": [
        ("title: Demo\n", "title: Demo\nlanguages: [en, zh, fr]\n"),
        ("    text: When were you treated?", "    text: {en: When were you treated?, de: Wann?}"),
        ("title: Source one", "title: {en: Source one, zh: ''}"),
    ],
    "unknown-key": [("    text: Which route?", "    txt: Which route?"), ("      after: {days: 30}", "      after: {dayz: 30}"), ("id: demo\n", "id: demo\nstrat: route\n")],
    "wrong-types": [
        ("    text: When were you treated?", "    text: When were you treated?\n    default: someday\n    min: 5"),
        ("    kind: step\n    text: Do it.", "    kind: stepp\n    order: first\n    text: [Do it.]"),
        ("id: demo\n", "id: Demo!\nreviewed: last year\n"),
    ],
    "routing-and-deadlines": [
        ("    text: When were you treated?\n", "    text: When were you treated?\n    next: route\n"),
        ("      from: {question: treated}", "      from: {question: route}"),
        ("      - goto: end\n", "      - goto: end\n      - goto: treated\n"),
    ],
    "deadline-shapes": [("      after: {days: 30}", "      after: {days: 4000}\n      before: {days: 1}\n      meaning: soon")],
    "warning-only": WARNING_ONLY,
    "not-a-flow": "- just\n- a list\n",
    "empty": "",
}

# What validate prints in English for each, one line per problem: exactly what it printed before
# the messages were translated (taken from the loader before the change).
ENGLISH: dict[str, list[str]] = {}  # filled in below


def broken_text(name: str) -> str:
    spec = BROKEN[name]
    if isinstance(spec, str):
        return spec
    text = BASE
    for old, new in spec:
        assert old in text, f"{name}: {old!r} not in BASE"
        text = text.replace(old, new, 1)
    return text


def flow_words(text: str) -> set[str]:
    """Ids and values of a flow file, and lists of allowed names: what a Chinese message may show unquoted."""
    ids = {w for value in re.findall(r"(?:id|value): *([^\n]*)", text) for w in WORD.findall(value)}
    return ids | LISTED


@pytest.fixture
def broken_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    for name in BROKEN:
        (tmp_path / f"{name}.yaml").write_text(broken_text(name), encoding="utf-8")
    return [f"{name}.yaml" for name in BROKEN]


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("ssguide: ")]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_in_english_is_unchanged(name: str, broken_files: list[str]) -> None:
    result = invoke("validate", f"{name}.yaml", "--lang", "en")
    assert _problem_lines(result.stderr) == ENGLISH[name]
    summary = result.stderr.splitlines()[-1]
    if name == "warning-only":
        assert result.returncode == 0 and summary == "ssguide: 1 warning(s); --strict makes them errors"
    else:
        assert result.returncode == 1
        assert summary == f"ssguide: error: {len(ENGLISH[name])} error(s), 0 warning(s) in 1 flow(s)"
    # An English locale without --lang gives the same.
    assert invoke("validate", f"{name}.yaml").stderr == result.stderr


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_lang_zh_prints_every_problem_in_chinese(name: str, broken_files: list[str]) -> None:
    result = invoke("validate", f"{name}.yaml", "--lang", "zh")
    lines = _problem_lines(result.stderr)
    assert len(lines) == len(ENGLISH[name])
    allowed = flow_words(broken_text(name))
    for chinese, english in zip(lines, ENGLISH[name]):
        match = POSITION.match(chinese)
        assert match and english.startswith(match.group(0)), (chinese, english)  # same file:line:col
        assert CHINESE.search(chinese[match.end() :]), chinese
        assert english_left(chinese, allowed) == [], f"English left in {chinese!r}"
        assert "warning:" not in chinese
    summary = result.stderr.splitlines()[-1]
    if name == "warning-only":
        assert result.returncode == 0
        assert lines[0].split(": ", 1)[1].startswith("警告：")
        assert summary == "ssguide: 1 个警告；加 --strict 会把警告当作错误"
    else:
        assert result.returncode == 1
        assert summary == f"ssguide: 错误：1 个流程中共有 {len(lines)} 个错误、0 个警告"
    assert result.stdout == ""


def test_validate_follows_a_chinese_locale(broken_files: list[str]) -> None:
    """LANG=zh_CN.UTF-8 without --lang, several files at once; --lang en wins over the locale."""
    zh = invoke("validate", *broken_files, lang="zh_CN.UTF-8")
    assert zh.returncode == 1
    assert zh.stderr == invoke("validate", *broken_files, "--lang", "zh").stderr
    assert zh.stderr.splitlines()[-1].startswith("ssguide: 错误：")
    en = invoke("validate", *broken_files, "--lang", "en", lang="zh_CN.UTF-8")
    assert _problem_lines(en.stderr) == [line for name in BROKEN for line in ENGLISH[name]]


def test_validate_in_chinese_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "dangling-reference.yaml"
    path.write_text(broken_text("dangling-reference"), encoding="utf-8")
    proc = run_cli("validate", str(path), env=cli_env("zh_CN.UTF-8"))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"{path}:16:15: 问题 'route'：next 指向 'treatd'，但没有这个问题（您是不是想写 'treated'？）",
        f"{path}:30:13: 条目 'school-step'：依据 's2' 没有在 sources 中声明",
        "ssguide: 错误：1 个流程中共有 2 个错误、0 个警告",
    ]


@pytest.mark.parametrize("name", ["dangling-reference", "unreachable-question", "yaml-syntax", "python-tag"])
def test_run_file_refuses_a_broken_flow_in_the_chosen_language(name: str, broken_files: list[str]) -> None:
    zh = invoke("run", f"{name}.yaml", "--lang", "zh")
    assert zh.returncode == 1 and zh.stdout == ""
    lines = _problem_lines(zh.stderr)
    assert [POSITION.match(line).group(0) for line in lines] == [POSITION.match(line).group(0) for line in ENGLISH[name]]  # type: ignore[union-attr]
    assert all(CHINESE.search(line) and not english_left(line, flow_words(broken_text(name))) for line in lines), lines
    en = invoke("run", f"{name}.yaml", "--lang", "en")
    assert _problem_lines(en.stderr) == ENGLISH[name]


def test_validate_has_a_lang_option() -> None:
    result = invoke("validate", "--help", today=None)
    assert "--lang" in result.stdout


def test_missing_file_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("validate", "nowhere.yaml", "--lang", "zh").stderr.splitlines()[0] == "nowhere.yaml:1:1: 找不到该文件"
    assert invoke("validate", "nowhere.yaml").stderr.splitlines()[0] == "nowhere.yaml:1:1: file not found"


# ---------------------------------------------------------------- completeness

REPORTING_MODULES = ["loader.py", "structure.py", "references.py", "semantic.py", "yamlsafe.py", "conditions.py"]  # qtypes words condition problems too (see below)
REPORTING_CALLS = {"error": 1, "Problem": 1, "YamlInputError": 1, "ConditionError": 1}  # name → index of the message


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            yield name, node


def _is_plain_text(node: ast.AST) -> bool:
    """An f-string, a string literal, or text built from them: words that cannot be translated."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return True
    return False


@pytest.mark.parametrize("module", REPORTING_MODULES)
def test_no_problem_is_written_as_plain_text(module: str) -> None:
    source = next((REPO / "src" / "ssguide").rglob(module)).read_text(encoding="utf-8")  # in whichever sub-package
    found = 0
    for name, call in _calls(ast.parse(source)):
        if name not in REPORTING_CALLS:
            continue
        index = REPORTING_CALLS[name]
        args = call.args[index : index + 1] + [k.value for k in call.keywords if k.arg == "message"]
        for arg in args:
            found += 1
            assert not _is_plain_text(arg), f"{module}:{call.lineno}: a problem written as plain text"
    assert found, f"no problems reported in {module}?"


def test_every_key_the_code_uses_is_in_the_catalog_and_every_entry_is_used() -> None:
    used: set[str] = set()
    for path in (REPO / "src" / "ssguide").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            if name == "Message" and call.args and isinstance(call.args[0], ast.Constant):
                key = call.args[0].value
                # The wizard's own messages are worded in i18n.MESSAGES (checked in test_i18n_errors).
                assert key in CATALOG or key in MESSAGES["en"], f"{path.name}:{call.lineno}: {key!r} is in no message table"
                english = template(key, "en")
                if not any(k.arg is None for k in call.keywords):  # no **values
                    assert {k.arg for k in call.keywords} == set(fields(english)), f"{path.name}:{call.lineno}: {key}"
                used.add(key)
        if path.name == "messages.py":
            continue  # the catalog itself names every key; only its Message(...) calls count
        for node in ast.walk(tree):
            # ``what`` descriptions: "what_..." keys, alone or first in a tuple of their values
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(("what_", "id_hint_")):
                assert node.value in CATALOG, f"{path.name}: {node.value!r} is not in the catalog"
                used.add(node.value)
            if isinstance(node, ast.Tuple) and node.elts and isinstance(node.elts[0], ast.Constant):
                key = node.elts[0].value
                if isinstance(key, str) and key.startswith("what_"):
                    assert len(node.elts) - 1 == len(fields(CATALOG[key]["en"])), f"{path.name}: {key} takes {fields(CATALOG[key]['en'])}"
    assert sorted(set(CATALOG) - used) == []


def _leaf_words(value: Any) -> set[str]:
    """Words in a message's values (ids, values, lists of keys): these may stay English."""
    if isinstance(value, Message):
        return set().union(*(_leaf_words(v) for v in value.params.values())) if value.params else set()
    if hasattr(value, "render"):  # a message of the wizard's catalog (an answer error): its values
        inner = getattr(value, "msg", value)
        return set().union(set(), *(_leaf_words(v) for v in getattr(inner, "values", {}).values()))
    return set(WORD.findall(str(value))) | set(WORD.findall(repr(value)))


def _untranslated(message: Any) -> list[str]:
    """Parts of a message that are plain English where a message of a catalog belongs."""
    if not isinstance(message, Message):
        return [f"not a catalog message: {message!r}"]
    found = []
    for name, value in message.params.items():
        if isinstance(value, Message):
            found += _untranslated(value)
        elif message.key in ("condition_value", "default_invalid") and name == "problem" and not hasattr(value, "render"):
            found.append(f"{message.key}: plain {value!r}")
    return found


def assert_problems_translated(problems: list[Problem]) -> None:
    for problem in problems:
        assert _untranslated(problem.message) == [], str(problem)
        chinese = problem.render("zh")
        english = problem.render("en")
        assert english == str(problem)
        assert chinese.startswith(f"{problem.pos}: ")
        assert CHINESE.search(chinese), chinese
        left = english_left(chinese, _leaf_words(problem.message))
        assert left == [], f"English left in {chinese!r}: {left}"


def _problems(text: str) -> list[Problem]:
    try:
        flow = parse_flow(text, "mutated.yaml")
    except FlowError as exc:
        return exc.problems
    return semantic.problems(flow, context(TODAY))


def test_every_broken_flow_problem_is_translated() -> None:
    for name in BROKEN:
        problems = _problems(broken_text(name))
        assert [str(p) for p in problems] == [line.replace(f"{name}.yaml", "mutated.yaml") for line in ENGLISH[name]]
        assert_problems_translated(problems)


def test_a_seeded_corpus_of_mutated_flows_is_translated() -> None:
    """A few hundred random edits of the bundled flows, reproducibly: every problem words itself in Chinese."""
    rnd = random.Random(5)
    odd = [None, True, 0, -1, 3.5, float("inf"), [], {}, [1, "a"], {"lt": 3}, {"en": "x"}, {"fr": "x"}, "", "end",
           "all", "today", "school", "days", "2026-02-30", TODAY, "!!python/object/apply:os.system", "a" * 70]
    keys: set[str] = set()
    for _ in range(300):
        data = copy.deepcopy(FLOW_DATA[rnd.choice(sorted(FLOW_DATA))])
        chooser = Chooser(rnd.randrange, lambda: copy.deepcopy(rnd.choice(odd)))
        for _ in range(rnd.randint(1, 3)):
            mutate(data, chooser)
        problems = _problems(dump(data))
        assert_problems_translated(problems)
        keys.update(p.message.key for p in problems)
    assert len(keys) >= 30, sorted(keys)  # the corpus reaches most kinds of problem


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_id=st.sampled_from(sorted(FLOW_DATA)), data=st.data(), edits=st.integers(1, 3))
def test_mutated_flows_report_problems_in_chinese(flow_id: str, data: st.DataObject, edits: int) -> None:
    flow = copy.deepcopy(FLOW_DATA[flow_id])
    chooser = hypothesis_chooser(data)
    data.draw(st.just([mutate(flow, chooser) for _ in range(edits)]), label="edits")
    assert_problems_translated(_problems(dump(flow)))


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!'\" \n#|>%@`\t,?~")), max_size=80))
def test_yaml_errors_are_translated(text: str) -> None:
    assert_problems_translated(_problems(text))


# ---------------------------------------------------------------- expected English

ENGLISH.update(
    {
        "dangling-reference": [
            "dangling-reference.yaml:16:15: question 'route': next goes to 'treatd', which is not a question (did you mean 'treated'?)",
            "dangling-reference.yaml:30:13: item 'school-step': source 's2' is not declared in sources",
        ],
        "impossible-value": [
            "impossible-value.yaml:15:23: condition on 'route': 'college' is not one of its choices (school, home)",
        ],
        "condition-types": [
            "condition-types.yaml:15:28: condition on 'route': 'lt' compares order, but a choice answer has none",
            "condition-types.yaml:29:26: condition on 'treated': 5 is not a date (write YYYY-MM-DD or 'today')",
            "condition-types.yaml:34:19: condition on 'route': 'college' is not one of its choices (school, home)",
        ],
        "bad-conditions": [
            'bad-conditions.yaml:15:15: condition key 7 must be a question id',
            "bad-conditions.yaml:29:28: unknown operator 'before' on 'route' (use one of: eq, ne, lt, le, gt, ge, in, not_in, answered, unsure)",
            "bad-conditions.yaml:34:26: 'in' on 'treated' needs a list with at least one value",
        ],
        "unreachable-question": [
            "unreachable-question.yaml:18:5: question 'orphan' is never asked: no route from 'route' reaches it",
        ],
        "duplicate-id": [
            "duplicate-id.yaml:5:11: source kind 'lawful' is not one of seed, law, notice, other",
            "duplicate-id.yaml:17:15: question 'route': next goes to 'treated', which is not a question",
            "duplicate-id.yaml:19:5: duplicate question id 'route' (first at duplicate-id.yaml:9:5)",
            "duplicate-id.yaml:27:9: duplicate item id 'always' (first at duplicate-id.yaml:23:5)",
            "duplicate-id.yaml:38:13: item 'claim-by': deadline is anchored to question 'treated', which does not exist",
        ],
        "yaml-syntax": [
            "yaml-syntax.yaml:25:11: YAML syntax error: did not find expected ',' or ']'",
        ],
        "python-tag": [
            "python-tag.yaml:24:11: YAML tag '!!python/object/apply:os.system' is not allowed: files hold plain data only (strings, numbers, lists, mappings)",
        ],
        "alias-bomb": [
            'alias-bomb.yaml:6:26: aliases expand to too many values (an alias bomb?); refusing to read further',
        ],
        "missing-translation": [
            f"missing-translation.yaml:3:12: unsupported language(s) ['fr']; supported: {list(SUPPORTED_LANGUAGES)}",
            'missing-translation.yaml:6:33: source title (zh) must be a non-empty string',
            "missing-translation.yaml:21:11: question 'treated' text has no 'zh' text, but the flow declares languages ['en', 'zh']",
            f"missing-translation.yaml:21:44: question 'treated' text: unknown language 'de' (use {', '.join(SUPPORTED_LANGUAGES)})",
        ],
        "unknown-key": [
            "unknown-key.yaml:2:1: unknown key 'strat' in the flow file (did you mean 'start'?) (allowed: command, description, id, items, languages, questions, reviewed, sources, start, title, version)",
            "unknown-key.yaml:9:5: question 'route' text is missing",
            "unknown-key.yaml:11:5: unknown key 'txt' in a question (did you mean 'text'?) (allowed: choices, default, event, help, how_to_find_out, id, max, min, next, short, text, type, unsure)",
            "unknown-key.yaml:30:19: condition names question 'route', which does not exist (known: treated)",
            "unknown-key.yaml:35:19: condition names question 'route', which does not exist (known: treated)",
            "unknown-key.yaml:39:14: item 'claim-by': unknown deadline unit 'dayz' (did you mean 'days'?) (use days, working_days, months, years)",
        ],
        "wrong-types": [
            "wrong-types.yaml:1:5: flow id 'Demo!' is not valid: use lower-case letters, digits and '-'",
            "wrong-types.yaml:2:11: reviewed must be a date YYYY-MM-DD, not 'last year'",
            "wrong-types.yaml:22:14: question 'treated': default 'someday' is not a date (a date as YYYY-MM-DD)",
            "wrong-types.yaml:23:10: question 'treated': min must be a date or 'today'",
            "wrong-types.yaml:26:11: item 'always': kind 'stepp' is not one of step, material, deadline, note, warning (did you mean 'step'?)",
            "wrong-types.yaml:27:12: item 'always': order must be a whole number",
            "wrong-types.yaml:28:11: item 'always' text must be a string or a mapping of language to string, not a list",
        ],
        "routing-and-deadlines": [
            "routing-and-deadlines.yaml:17:9: question 'route': a rule without 'when' always holds, so the rules after it are never used",
            "routing-and-deadlines.yaml:22:11: routing cycle: 'treated' goes back to 'route', so the wizard would never end",
            "routing-and-deadlines.yaml:39:13: item 'claim-by': deadline is anchored to 'route', a choice question; it must be a date question",
        ],
        "deadline-shapes": [
            "deadline-shapes.yaml:37:7: item 'claim-by': deadline needs exactly one of 'after' or 'before'",
        ],
        "warning-only": [
            "warning-only.yaml:18:5: warning: question 'treated' is never asked: the conditions leading to it never hold",
        ],
        "not-a-flow": [
            'not-a-flow.yaml:1:1: the flow file must be a mapping (key: value), not a list',
        ],
        "empty": [
            'empty.yaml:1:1: the file is empty',
        ],
    }
)


def test_a_key_is_worded_in_one_table_only() -> None:
    """Message looks a key up in CATALOG, then in i18n.MESSAGES: a key in both would be worded ambiguously."""
    assert sorted(set(CATALOG) & set(MESSAGES["en"])) == []

"""docs/architecture.md's four recipes, applied together in a copy of the source tree, as the docs say.

A flow (``flows/toy-share.yaml``) that asks a question of a new type
(``percent``), speaks a new language (``eo``, Esperanto's code: gettext tools
want a real one) and is printed in a new format (``lst``): each added the way
its doc says, at the end of its table, with the generated files regenerated.
The copy then runs the toy flow in the toy language and format, lists its
help, and validates it; the files touched are the recipes' and no others; and
the tests that read the tables (formats, languages, question types, bundled
flows and their sources) pass on the copy, so none of them pins today's rows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssguide.lang.i18n import SUPPORTED_LANGUAGES
from ssguide.shell.exporters import format_choices
from support.cli import REPO, cli_env

TOY_FLOW = """\
# yaml-language-server: $schema=../docs/flow.schema.json
id: toy-share
title: {en: Toy share, zh: 份额示例, eo: Ludila parto}
reviewed: 2026-11-23
languages: [en, zh, eo]
sources:
  - {id: s1, kind: other, title: {en: A made-up source, zh: 虚构来源, eo: Elpensita fonto}, citation: {en: Toy notice, zh: 示例通知, eo: Luda avizo}}
questions:
  - id: share
    type: percent
    text: {en: "What share do you pay?", zh: 您负担多少份额？, eo: "Kiom vi pagas?"}
    max: 100
items:
  - {id: always, kind: step, text: {en: Pay it., zh: 缴费。, eo: Pagu ĝin.}, source: s1}
  - {id: most, kind: note, text: {en: You pay most of it., zh: 大部分由您负担。, eo: Vi pagas la plejparton.}, when: {share: {ge: 50}}, source: s1}
"""

PERCENT = '''"""A toy question type: a share written 60%."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from .values import NumberType

if TYPE_CHECKING:
    from ..context import Context


class PercentType(NumberType):
    name = "percent"

    def _coerce(self, question: Any, raw: Any, ctx: Context | None) -> Any:
        number = super()._coerce(question, raw.strip().removesuffix("%") if isinstance(raw, str) else raw, ctx)
        if not 0 <= number <= 100:
            raise AnswerError("answer_not_number", allowed=self.allowed(question))
        return number

    def _display(self, question: Any, value: Any, ctx: Context) -> str:
        return f"{value}%"
'''

LST = '''"""A toy format: every item of the checklist on a line of its own."""

from __future__ import annotations

from ..core.checklist import Checklist
from .context import RenderContext


def render(checklist: Checklist, ctx: RenderContext) -> str:
    entries = [*checklist.steps, *checklist.materials, *checklist.deadlines, *checklist.expectations, *checklist.notes]
    return "".join(f"{entry.item.id}: {ctx.text(entry.text)}\\n" for entry in entries)
'''

EO_LOCALE = """\
    "eo": Locale(
        code="eo",
        environment_prefixes=("eo",),
        colon=": ",
        full_stop=".",
        list_separator=", ",
        clause_separator="; ",
        open_paren="(",
        close_paren=")",
        space_before_paren=" ",
        date_pattern="{day}/{month}/{year}",
        breaks_anywhere=False,
        condition_words={
            "answered": "respondita", "unanswered": "nerespondita", "not": "ne ({})", "group": "({})",
            "and": " kaj ", "or": " aŭ ", "yes": "jes", "no": "ne", "in": "en", "not_in": "ne en",
        },
    ),
"""


# A bundled flow's statements traced to its source (docs/authoring.md, "Bundling a real flow"):
# a row in the table of sources, and its items under a statement.
TOY_SOURCE_ROW = "\n| s1 | none: made up for the test | toy-share |"
TOY_STATEMENTS = """
## Toy share

| statement | items |
|---|---|
| Pay the share; most of it when it is half or more. | `toy-share/always`, `toy-share/most` |
"""

# The tests that read the tables a recipe adds a row to, run on the copy: none may pin today's rows.
TABLE_TESTS = (
    "tests/lang/test_click_words.py",  # formats and languages in help and usage errors
    "tests/lang/test_i18n_cli.py",
    "tests/lang/test_i18n_errors.py",  # every bundled flow's command
    "tests/lang/test_catalogs.py",  # every language's catalog
    "tests/docs/test_sources_doc.py",  # every bundled flow's items and sources
    "tests/docs/test_flow_format_doc.py",  # the question types
    "tests/shell/test_shell_tables.py",  # every export format
    "tests/authoring/test_schema.py",  # question types and languages in the schema
    "tests/authoring/test_graph.py",  # every bundled flow's graph
    "tests/flows/test_golden.py",  # every bundled flow's outcomes
    "tests/docs/test_readme.py",  # the README's tables: commands, languages, formats
)


def run(root: Path, *args: str, lang: str = "C.UTF-8", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = cli_env(lang, PYTHONPATH=str(root / "src"), SSGUIDE_CACHE_DIR=str(root / "cache"), SSGUIDE_DATA_DIR=str(root / "data"))
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout)


def append_to(path: Path, opening: str, closing: str, addition: str) -> None:
    """``addition`` at the end of the table that starts with ``opening`` (before its ``closing``), as a person adds a row."""
    text = path.read_text(encoding="utf-8")
    assert text.count(opening) == 1, f"{path.name}: the table is no longer where the recipe says"
    end = text.index(closing, text.index(opening))
    path.write_text(text[:end] + addition + text[end:], encoding="utf-8")


def edit(path: Path, old: str, new: str, every: bool = False) -> None:
    """``old`` replaced by ``new`` (once, or ``every`` time), as a person edits a line; it must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text and (every or text.count(old) == 1), f"{path.name}: {old!r} is no longer where the recipe says"
    path.write_text(text.replace(old, new), encoding="utf-8")


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.parts[len(root.parts)] not in ("cache", "data")
    }


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], set[str]]:
    root = tmp_path_factory.mktemp("recipes")
    for folder in ("src", "flows", "scripts", "docs"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "tests" / "golden", root / "tests" / "golden")
    shutil.copytree(REPO / "tests" / "support", root / "tests" / "support", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "tests" / "refresh_golden.py", root / "tests" / "refresh_golden.py")
    for name in ("pyproject.toml", "README.md", ".ci/run", "tests/conftest.py", *TABLE_TESTS):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    before = tree(root)
    package = root / "src" / "ssguide"

    # A question type (docs/question-types.md): a class in a new module, listed at the end of QUESTION_TYPES.
    (package / "core" / "qtypes" / "percent.py").write_text(PERCENT, encoding="utf-8")
    qtypes = package / "core" / "qtypes" / "__init__.py"
    text = qtypes.read_text(encoding="utf-8").replace("\nQUESTION_TYPES:", "\nfrom .percent import PercentType\n\nQUESTION_TYPES:", 1)
    qtypes.write_text(text.replace("TextType())", "TextType(), PercentType())", 1), encoding="utf-8")
    append_to(root / "docs" / "flow-format.md", "| type | answer value | notes |", "\n\n", "\n| `percent` | a share from 0 to 100, written `60%` | optional `min`/`max` |")
    # An export format (docs/architecture.md): a renderer module, and a row at the end of EXPORTERS.
    (package / "render" / "lst.py").write_text(LST, encoding="utf-8")
    append_to(package / "shell" / "exporters.py", "EXPORTERS: tuple[Exporter, ...] = (\n", "\n)\n", '\n    Exporter("lst", (".lst",), printable=True, renderer="lst"),')
    readme = root / "README.md"
    edit(readme, "--format text\\|markdown\\|json`", "--format text\\|markdown\\|json\\|lst`")
    edit(readme, "`.ics` (calendar) or `.txt`", "`.ics` (calendar), `.txt` or `.lst`")
    # A language (docs/languages.md): its catalog, translated and compiled; a Locale at the end of LOCALES.
    assert run(root, "scripts/catalogs.py", "init", "eo").returncode == 0
    from babel.messages.pofile import read_po, write_po

    po = package / "lang" / "catalogs" / "eo" / "LC_MESSAGES" / "ssguide.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:  # what a translator does in Poedit
        if message.id:
            message.string = tuple(f"[eo] {form}" for form in message.id) if isinstance(message.id, tuple) else f"[eo] {message.id}"
    with po.open("wb") as fh:
        write_po(fh, catalog, width=0)
    assert run(root, "scripts/catalogs.py", "compile").returncode == 0
    append_to(package / "lang" / "i18n.py", "LOCALES: dict[str, Locale] = {\n", "\n}\n", "\n" + EO_LOCALE.rstrip("\n"))
    edit(readme, "--lang en\\|zh]", "--lang en\\|zh\\|eo]", every=True)
    edit(readme, "--lang en\\|zh`", "--lang en\\|zh\\|eo`", every=True)
    # A flow (docs/authoring.md, docs/architecture.md): a file in flows/, its statements traced in docs/sources.md.
    (root / "flows" / "toy-share.yaml").write_text(TOY_FLOW, encoding="utf-8")
    append_to(root / "docs" / "sources.md", "| source id | file | flows |\n", "\n\n", TOY_SOURCE_ROW)
    with (root / "docs" / "sources.md").open("a", encoding="utf-8") as fh:
        fh.write(TOY_STATEMENTS)
    append_to(readme, "| `ssguide shenzhen` |", "\n", "\n| `ssguide toy-share` | Toy share (份额示例). |")
    # The generated files.
    schema = run(root, "-m", "ssguide", "schema")
    assert schema.returncode == 0, schema.stderr
    (root / "docs" / "flow.schema.json").write_text(schema.stdout, encoding="utf-8")
    refreshed = run(root, "tests/refresh_golden.py")
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr

    after = tree(root)
    changed = {name for name in before if before[name] != after.get(name)}
    return root, changed, set(after) - set(before)


def test_the_recipes_touch_their_own_files_and_the_generated_ones(copy: tuple[Path, set[str], set[str]]) -> None:
    _, changed, added = copy
    assert added == {
        "flows/toy-share.yaml",
        "src/ssguide/core/qtypes/percent.py",
        "src/ssguide/render/lst.py",
        "src/ssguide/lang/catalogs/eo/LC_MESSAGES/ssguide.po",
        "src/ssguide/lang/catalogs/eo/LC_MESSAGES/ssguide.mo",
        "tests/golden/toy-share.md",  # generated: refresh_golden
        "docs/outcomes/toy-share.md",  # generated: refresh_golden
    }
    assert changed == {
        "src/ssguide/core/qtypes/__init__.py",
        "src/ssguide/shell/exporters.py",
        "src/ssguide/lang/i18n.py",
        "docs/flow-format.md",
        "docs/sources.md",
        "docs/flow.schema.json",  # generated: ssguide schema
        "docs/graphs.md",  # generated: refresh_golden
        "README.md",  # the tables of commands and options
    }


def test_the_toy_flow_runs_in_the_toy_language_and_format(copy: tuple[Path, set[str], set[str]]) -> None:
    root = copy[0]
    result = run(root, "-m", "ssguide", "toy-share", "--set", "share=60%", "--no-input", "--lang", "eo", "--format", "lst", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "always: Pagu ĝin.\nmost: Vi pagas la plejparton.\n"
    markdown = run(root, "-m", "ssguide", "toy-share", "--set", "share=20", "--no-input", "--lang", "eo", "--format", "markdown", "--today", "2026-11-23")
    assert markdown.returncode == 0, markdown.stderr
    assert "20%" in markdown.stdout and "[eo] Steps" in markdown.stdout and "plejparton" not in markdown.stdout
    wrong = run(root, "-m", "ssguide", "toy-share", "--set", "share=120%", "--no-input", "--lang", "eo")
    assert wrong.returncode == 2 and "[eo] " in wrong.stderr


def test_the_help_lists_the_new_command_format_and_language(copy: tuple[Path, set[str], set[str]]) -> None:
    root = copy[0]
    help_text = run(root, "-m", "ssguide", "toy-share", "--help", "--lang", "eo")
    assert help_text.returncode == 0, help_text.stderr
    flat = " ".join(help_text.stdout.split())
    formats, languages = [*format_choices(), "lst"], [*SUPPORTED_LANGUAGES, "eo"]  # the tables', the toys last
    assert "Ludila parto" in flat and ".lst" in flat and f"--format <{'|'.join(formats)}>" in flat
    # The languages from the table, in the language's words.
    assert f"--lang <{'|'.join(languages)}>" in flat and f"{', '.join(languages[:-1])} aŭ eo" in flat
    chinese = run(root, "-m", "ssguide", "toy-share", "--help", "--lang", "zh")
    assert "[默认：text]" in chinese.stdout and "lst" in chinese.stdout


def test_the_toy_flow_validates_in_every_language(copy: tuple[Path, set[str], set[str]]) -> None:
    root = copy[0]
    for lang in ("en", "zh", "eo"):
        result = run(root, "-m", "ssguide", "validate", "--strict", "flows/toy-share.yaml", "--lang", lang, "--today", "2026-11-23")
        assert result.returncode == 0, result.stderr


def test_the_tests_of_the_tables_pass_on_the_copy(copy: tuple[Path, set[str], set[str]]) -> None:
    """Each table's tests compare with the table: with a row more in each, they still pass."""
    root = copy[0]
    result = run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *TABLE_TESTS, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]

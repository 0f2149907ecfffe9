"""The "add a language" recipe of docs/languages.md, followed in a temporary copy of the package.

A toy language ``xx`` gets exactly the three things the recipe names: a folder
of catalogs (the English ones, pseudo-translated: every wording marked
"[xx] "), one ``Locale`` entry in ``i18n.LOCALES``, and flow texts. Then the
copy speaks it everywhere a user looks — the checklist with its punctuation
and dates, ``--help``, click's usage errors, ``list`` under ``LANG=xx_XX``,
``validate`` — and nothing else in the package was touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import TINY_FLOW, cli_env

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "ssguide"

TOY_LOCALE = """\
    "xx": Locale(
        code="xx",
        environment_prefixes=("xx",),
        colon=" :: ",
        full_stop="!",
        list_separator=" + ",
        clause_separator=" // ",
        open_paren="<",
        close_paren=">",
        space_before_paren=" ",
        date_pattern="{day}/{month}/{year}",
        breaks_anywhere=False,
        condition_words={
            "answered": "xx-answered", "unanswered": "xx-unanswered", "not": "xx-not <{}>", "group": "<{}>",
            "and": " xx-and ", "or": " xx-or ", "yes": "xx-yes", "no": "xx-no", "in": "xx-in", "not_in": "xx-not-in",
        },
    ),
"""

# TINY_FLOW with its texts in English and xx.
TOY_FLOW = (
    TINY_FLOW.replace("title: Demo\n", "title: {en: Demo, xx: Xx-demo}\nlanguages: [en, xx]\n")
    .replace("title: Source one", "title: {en: Source one, xx: Xx-source}")
    .replace("text: Which route?", "text: {en: Which route?, xx: Xx-route?}")
    .replace("label: School}", "label: {en: School, xx: Xx-school}}")
    .replace("label: Home}", "label: {en: Home, xx: Xx-home}}")
    .replace("text: When were you treated?", "text: {en: When treated?, xx: Xx-when?}")
    .replace("text: Do it.", "text: {en: Do it., xx: Xx-do-it.}")
    .replace("text: School.", "text: {en: School., xx: Xx-school-step.}")
    .replace("text: Claim.", "text: {en: Claim., xx: Xx-claim.}")
    .replace("      - when: {route: school}", "      - when: {route: [school]}")
)


def pseudo_translate(po: str) -> str:
    """Every non-empty msgstr marked "[xx] ", its {fields} kept."""
    return re.sub(r'^msgstr "(.+)"$', r'msgstr "[xx] \1"', po, flags=re.M)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def copy_with_xx(tmp_path_factory) -> Path:
    """A copy of the source tree (package and bundled flows) with the recipe applied; returns its root."""
    root = tmp_path_factory.mktemp("with-xx")
    package = root / "src" / "ssguide"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "flows", root / "flows")
    before = tree(package)

    # 1. Catalogs: catalogs/en copied to catalogs/xx, each wording translated.
    for po in (package / "lang" / "catalogs" / "en").glob("*.po"):
        target = package / "lang" / "catalogs" / "xx" / po.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(pseudo_translate(po.read_text(encoding="utf-8")), encoding="utf-8")
    # 2. Locale: one entry in i18n.LOCALES.
    i18n = package / "lang" / "i18n.py"
    source = i18n.read_text(encoding="utf-8")
    opening = "LOCALES: dict[str, Locale] = {\n"
    assert source.count(opening) == 1
    i18n.write_text(source.replace(opening, opening + TOY_LOCALE), encoding="utf-8")
    # 3. Flow texts: a flow written in en and xx.
    (root / "toy.yaml").write_text(TOY_FLOW, encoding="utf-8")

    after = tree(package)
    changed = {name for name in before if before[name] != after.get(name)}
    added = set(after) - set(before)
    assert changed == {"lang/i18n.py"}
    assert added == {f"lang/catalogs/xx/{po.name}" for po in (PACKAGE / "lang" / "catalogs" / "en").glob("*.po")}
    return root


def ssguide(root: Path, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = cli_env(lang, PYTHONPATH=str(root / "src"), SSGUIDE_CACHE_DIR=str(root / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "ssguide", *args],
        capture_output=True, text=True, env=env, cwd=root, stdin=subprocess.DEVNULL, timeout=60,
    )


def test_the_recipe_names_the_places_the_test_touches() -> None:
    recipe = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8").split("## Add a language", 1)[1]
    assert "src/ssguide/lang/catalogs/en/" in recipe
    assert "i18n.LOCALES" in recipe
    assert "languages:" in recipe


def test_the_checklist_in_the_new_language(copy_with_xx: Path) -> None:
    result = ssguide(
        copy_with_xx, "run", "toy.yaml", "--lang", "xx", "--set", "route=school", "--set", "treated=2026-11-02",
        "--no-input", "--today", "2026-11-23", "--format", "markdown",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Xx-demo" in out and "Xx-do-it." in out and "Xx-claim." in out  # flow texts
    assert "[xx] Steps" in out and "[xx] Deadlines" in out  # the program catalog
    assert "2/12/2026" in out  # the locale's date pattern: 30 days after 2 November
    assert "Which route?" not in out and "School." not in out


def test_help_and_click_words_in_the_new_language(copy_with_xx: Path) -> None:
    help_text = ssguide(copy_with_xx, "--help", "--lang", "xx")
    assert help_text.returncode == 0, help_text.stderr
    assert "[xx] Personal checklists" in help_text.stdout  # help.po
    assert "[xx] Usage: " in help_text.stdout and "[xx] Options" in help_text.stdout  # click.po
    assert "--lang <xx|en|zh>" in ssguide(copy_with_xx, "run", "--help", "--lang", "xx").stdout  # --lang's choices

    error = ssguide(copy_with_xx, "run", "--bogus", "--lang", "xx")
    assert error.returncode == 2
    assert "[xx] Error: [xx] No such option: --bogus" in error.stderr


def test_the_locale_variable_selects_the_new_language(copy_with_xx: Path) -> None:
    result = ssguide(copy_with_xx, "list", lang="xx_XX.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "[xx] command" in result.stdout


def test_validate_accepts_the_new_language_and_speaks_it(copy_with_xx: Path) -> None:
    ok = ssguide(copy_with_xx, "validate", "toy.yaml", "--lang", "xx")
    assert ok.returncode == 0, ok.stderr + ok.stdout
    assert "[xx] " in ok.stdout + ok.stderr

    (copy_with_xx / "half.yaml").write_text(TOY_FLOW.replace("{en: Do it., xx: Xx-do-it.}", "{en: Do it.}"), encoding="utf-8")
    missing = ssguide(copy_with_xx, "validate", "half.yaml", "--lang", "xx")
    assert missing.returncode == 1
    assert "[xx] " in missing.stdout + missing.stderr and "xx" in missing.stdout + missing.stderr


def test_graph_labels_in_the_new_language(copy_with_xx: Path) -> None:
    result = ssguide(copy_with_xx, "graph", "toy.yaml", "--lang", "xx", "--format", "dot")
    assert result.returncode == 0, result.stderr
    assert "route xx-in {school}" in result.stdout and "[xx] otherwise" in result.stdout

"""The "add a language" recipe of docs/languages.md, followed in a temporary copy of the source tree.

A toy language ``eo`` (Esperanto's code: gettext tools want a real one) gets exactly what the recipe names: a catalog made from
the template with ``scripts/catalogs.py init``, "translated" (every message
marked "[eo] ") and compiled; one ``Locale`` entry at the end of
``i18n.LOCALES``; flow texts. Then the copy speaks it everywhere a user looks
— the checklist with its punctuation and dates, ``--help``, click's usage
errors, ``list`` under ``LANG=eo_EO``, ``validate`` — and nothing else in the
package was touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssguide.lang.i18n import SUPPORTED_LANGUAGES
from support.cli import TINY_FLOW, cli_env

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "ssguide"

TOY_LOCALE = """\
    "eo": Locale(
        code="eo",
        environment_prefixes=("eo",),
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
            "answered": "eo-answered", "unanswered": "eo-unanswered", "not": "eo-not <{}>", "group": "<{}>",
            "and": " eo-and ", "or": " eo-or ", "yes": "eo-yes", "no": "eo-no", "in": "eo-in", "not_in": "eo-not-in",
        },
    ),
"""

# TINY_FLOW with its texts in English and eo.
TOY_FLOW = (
    TINY_FLOW.replace("title: Demo\n", "title: {en: Demo, eo: Eo-demo}\nlanguages: [en, eo]\n")
    .replace("title: Source one", "title: {en: Source one, eo: Eo-source}")
    .replace("text: Which route?", "text: {en: Which route?, eo: Eo-route?}")
    .replace("label: School}", "label: {en: School, eo: Eo-school}}")
    .replace("label: Home}", "label: {en: Home, eo: Eo-home}}")
    .replace("text: When were you treated?", "text: {en: When treated?, eo: Eo-when?}")
    .replace("text: Do it.", "text: {en: Do it., eo: Eo-do-it.}")
    .replace("text: School.", "text: {en: School., eo: Eo-school-step.}")
    .replace("text: Claim.", "text: {en: Claim., eo: Eo-claim.}")
    .replace("      - when: {route: school}", "      - when: {route: [school]}")
)


def pseudo_translate(po: Path) -> None:
    """What a translator does in Poedit: every message translated, here as "[eo] " and the English, {fields} kept."""
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if message.id:
            message.string = tuple(f"[eo] {form}" for form in message.id) if isinstance(message.id, tuple) else f"[eo] {message.id}"
    with po.open("wb") as fh:
        write_po(fh, catalog, width=0)


def catalogs_script(root: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(root / "scripts" / "catalogs.py"), *args], check=True, capture_output=True, timeout=120)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def copy_with_eo(tmp_path_factory) -> Path:
    """A copy of the source tree (package, scripts and bundled flows) with the recipe applied; returns its root."""
    root = tmp_path_factory.mktemp("with-eo")
    package = root / "src" / "ssguide"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "flows", root / "flows")
    before = tree(package)

    # 1. Catalog: made from the template, translated, compiled.
    catalogs_script(root, "init", "eo")
    pseudo_translate(package / "lang" / "catalogs" / "eo" / "LC_MESSAGES" / "ssguide.po")
    catalogs_script(root, "compile")
    # 2. Locale: one entry at the end of i18n.LOCALES.
    i18n = package / "lang" / "i18n.py"
    source = i18n.read_text(encoding="utf-8")
    opening = "LOCALES: dict[str, Locale] = {\n"
    assert source.count(opening) == 1
    end = source.index("\n}\n", source.index(opening)) + 1
    i18n.write_text(source[:end] + TOY_LOCALE + source[end:], encoding="utf-8")
    # 3. Flow texts: a flow written in en and eo.
    (root / "toy.yaml").write_text(TOY_FLOW, encoding="utf-8")

    after = tree(package)
    changed = {name for name in before if before[name] != after.get(name)}
    added = set(after) - set(before)
    assert changed == {"lang/i18n.py"}
    assert added == {"lang/catalogs/eo/LC_MESSAGES/ssguide.po", "lang/catalogs/eo/LC_MESSAGES/ssguide.mo"}
    return root


def ssguide(root: Path, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = cli_env(lang, PYTHONPATH=str(root / "src"), SSGUIDE_CACHE_DIR=str(root / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "ssguide", *args],
        capture_output=True, text=True, env=env, cwd=root, stdin=subprocess.DEVNULL, timeout=60,
    )


def test_the_recipe_names_the_places_the_test_touches() -> None:
    recipe = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8").split("## Add a language", 1)[1]
    assert "python scripts/catalogs.py init vi" in recipe and "python scripts/catalogs.py compile" in recipe
    assert "i18n.LOCALES" in recipe
    assert "languages:" in recipe


def test_the_checklist_in_the_new_language(copy_with_eo: Path) -> None:
    result = ssguide(
        copy_with_eo, "run", "toy.yaml", "--lang", "eo", "--set", "route=school", "--set", "treated=2026-11-02",
        "--no-input", "--today", "2026-11-23", "--format", "markdown",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Eo-demo" in out and "Eo-do-it." in out and "Eo-claim." in out  # flow texts
    assert "[eo] Steps" in out and "[eo] Deadlines" in out  # the program catalog
    assert "2/12/2026" in out  # the locale's date pattern: 30 days after 2 November
    assert "Which route?" not in out and "School." not in out


def test_help_and_click_words_in_the_new_language(copy_with_eo: Path) -> None:
    help_text = ssguide(copy_with_eo, "--help", "--lang", "eo")
    assert help_text.returncode == 0, help_text.stderr
    assert "[eo] Personal checklists" in help_text.stdout  # help.po
    assert "[eo] Usage: " in help_text.stdout and "[eo] Options" in help_text.stdout  # click.po
    choices = "|".join([*SUPPORTED_LANGUAGES, "eo"])  # the table's, the new one last
    assert f"--lang <{choices}>" in ssguide(copy_with_eo, "run", "--help", "--lang", "eo").stdout  # --lang's choices

    error = ssguide(copy_with_eo, "run", "--bogus", "--lang", "eo")
    assert error.returncode == 2
    assert "[eo] Error: [eo] No such option: --bogus" in error.stderr


def test_the_locale_variable_selects_the_new_language(copy_with_eo: Path) -> None:
    result = ssguide(copy_with_eo, "list", lang="eo_EO.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "[eo] command" in result.stdout


def test_validate_accepts_the_new_language_and_speaks_it(copy_with_eo: Path) -> None:
    ok = ssguide(copy_with_eo, "validate", "toy.yaml", "--lang", "eo")
    assert ok.returncode == 0, ok.stderr + ok.stdout
    assert "[eo] " in ok.stdout + ok.stderr

    (copy_with_eo / "half.yaml").write_text(TOY_FLOW.replace("{en: Do it., eo: Eo-do-it.}", "{en: Do it.}"), encoding="utf-8")
    missing = ssguide(copy_with_eo, "validate", "half.yaml", "--lang", "eo")
    assert missing.returncode == 1
    assert "[eo] " in missing.stdout + missing.stderr and "eo" in missing.stdout + missing.stderr


def test_graph_labels_in_the_new_language(copy_with_eo: Path) -> None:
    result = ssguide(copy_with_eo, "graph", "toy.yaml", "--lang", "eo", "--format", "dot")
    assert result.returncode == 0, result.stderr
    assert "route eo-in {school}" in result.stdout and "[eo] otherwise" in result.stdout

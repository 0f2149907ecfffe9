"""The message catalogs as gettext tools keep them (scripts/catalogs.py, with Babel).

The template is what lang/english.py says; every language translates every
message (a missing or fuzzy one is named here, by key); what ssguide reads
(the compiled .mo) is what the .po says.
"""

from __future__ import annotations

import gettext
import importlib.util
import sys
from pathlib import Path

import pytest

from support.cli import REPO

from ssguide.lang.english import ENGLISH
from ssguide.lang.i18n import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, plural, wording


def load_script():
    spec = importlib.util.spec_from_file_location("catalogs_script", REPO / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = load_script()
TEMPLATE = catalogs.TEMPLATE
TRANSLATED = [code for code in SUPPORTED_LANGUAGES if code != SOURCE_LANGUAGE]


def read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh)


def messages(catalog) -> set[tuple[object, object]]:
    return {(m.context, m.id) for m in catalog if m.id}


def test_the_template_is_what_english_py_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogs, "TEMPLATE", tmp_path / "fresh.pot")
    catalogs.extract()
    fresh, kept = read(tmp_path / "fresh.pot"), read(TEMPLATE)
    assert messages(kept) == messages(fresh), "catalogs/ssguide.pot is out of date: run `python scripts/catalogs.py`"
    assert {context for context, _ in messages(fresh)} == set(ENGLISH)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_translates_every_message(code: str) -> None:
    assert catalogs.untranslated(code) == [], f"{code} lacks these translations (or has them fuzzy): run `python scripts/catalogs.py check`"


def test_every_language_has_a_catalog() -> None:
    assert sorted(catalogs.languages()) == sorted(TRANSLATED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_what_ssguide_reads_is_what_the_po_says(code: str) -> None:
    """The compiled .mo is the .po's: every translation, plural forms too, as ssguide looks it up."""
    catalog = read(catalogs.CATALOGS / code / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po")
    checked = 0
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            form_for = gettext.c2py(catalog.plural_expr)
            for n in (1, 2, 5):
                assert plural(str(message.context), code, n) == message.string[form_for(n)].format(n=n), (message.context, n)
        else:
            assert wording(str(message.context), code) == message.string, message.context
        checked += 1
    assert checked == len(ENGLISH)


def test_a_language_without_a_translation_shows_the_english() -> None:
    """A message the catalog lacks (or whose English changed since) falls back to the English, as gettext does."""
    from ssguide.lang import i18n

    assert i18n.translations("fr").pgettext("steps", "Steps") == "Steps"
    assert wording("steps", "fr") == ENGLISH["steps"]
    assert sys.modules["ssguide.lang.i18n"].translations("zh").pgettext("steps", "Steps changed") == "Steps changed"

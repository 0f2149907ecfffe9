"""The message catalogs, with Babel's gettext tools: extract the template, update each language, compile, check.

    python scripts/catalogs.py             # all of it: extract, update, compile
    python scripts/catalogs.py extract     # lang/english.py → catalogs/ssguide.pot
    python scripts/catalogs.py update      # the template into every catalogs/<code>/LC_MESSAGES/ssguide.po
    python scripts/catalogs.py compile     # each .po → .mo (what ssguide reads)
    python scripts/catalogs.py init vi     # a new language's .po, from the template
    python scripts/catalogs.py check       # list every message a language does not translate yet

The English is ``src/ssguide/lang/english.py``: one ``entry(key, english)``
per message, extracted with the key as msgctxt and the English as msgid.
A translator works on ``ssguide.po`` in Poedit or Weblate; Babel (a test
dependency, never needed to run ssguide) does the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANG_DIR = REPO / "src" / "ssguide" / "lang"
CATALOGS = LANG_DIR / "catalogs"
TEMPLATE = CATALOGS / "ssguide.pot"
DOMAIN = "ssguide"
# entry(key, english) and entry(key, singular, plural): msgctxt, msgid (and msgid_plural).
KEYWORDS = ["entry:1c,2,2t", "entry:1c,2,3,3t"]


def babel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    """The template from english.py; left as it is (its date too) when no message changed."""
    import tempfile

    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / TEMPLATE.name
        babel(
            "extract", "--no-default-keywords", *keywords, "--no-location", "--project", "ssguide", "--copyright-holder", "the ssguide authors",
            "-o", str(fresh), str(LANG_DIR / "english.py"),
        )
        if not TEMPLATE.exists() or _messages(fresh) != _messages(TEMPLATE):
            TEMPLATE.write_bytes(fresh.read_bytes())


def _messages(path: Path) -> list[tuple[object, ...]]:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return [(m.context, m.id, tuple(sorted(m.flags))) for m in read_po(fh) if m.id]


def update() -> None:
    babel("update", "--no-wrap", "--ignore-obsolete", "-i", str(TEMPLATE), "-d", str(CATALOGS), "-D", DOMAIN)


def compile_all() -> None:
    babel("compile", "-d", str(CATALOGS), "-D", DOMAIN)


def init(code: str) -> None:
    babel("init", "--no-wrap", "-i", str(TEMPLATE), "-d", str(CATALOGS), "-D", DOMAIN, "-l", code)


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in CATALOGS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def untranslated(code: str) -> list[str]:
    """The keys (msgctxt) of the template's messages that ``code``'s catalog leaves untranslated, empty or fuzzy."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as fh:
        template = read_po(fh)
    with (CATALOGS / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fh:
        catalog = read_po(fh)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        translated = [s for s in (strings if isinstance(strings, tuple) else (strings,)) if s]
        if found is None or found.fuzzy or not translated:
            missing.append(str(message.context))
    return missing


def check() -> int:
    status = 0
    for code in languages():
        missing = untranslated(code)
        if missing:
            status = 1
            print(f"{code}: {len(missing)} message(s) not translated: {', '.join(missing)}")
        else:
            print(f"{code}: every message translated")
    return status


USAGE = "usage: python scripts/catalogs.py [extract] [update] [compile] [check] | init CODE"


def main(argv: list[str]) -> int:
    steps = argv[1:] or ["extract", "update", "compile"]
    actions = {"extract": extract, "update": update, "compile": compile_all}
    if steps[0] == "init" and len(steps) == 2:
        init(steps[1])
        return 0
    unknown = [step for step in steps if step not in (*actions, "check")]
    if unknown:
        print(f"catalogs.py: no step {unknown[0]!r}\n{USAGE}", file=sys.stderr)
        return 2
    for step in steps:
        if step == "check":
            return check()
        actions[step]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

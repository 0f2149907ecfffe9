"""Languages: texts from flows, the program's own messages, and dates.

Flow texts are ``LocalText`` values (one string per language). The program's
own words live in message catalogs, one .po file per language (``catalog``),
so that every heading, label and error can be shown in any language without
touching the renderers; how a language punctuates, writes dates and breaks
lines is its ``Locale``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..record import Record

ANY_LANGUAGE = "*"
# The language the program is written in: every other language falls back to it.
SOURCE_LANGUAGE = "en"


class LocalText(Record):
    """A user-visible text in one or more languages.

    A plain YAML string is stored under ``"*"`` and serves every language.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls(((ANY_LANGUAGE, text),))

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> LocalText:
        return cls(tuple(mapping.items()))

    def get(self, lang: str) -> str:
        """The text in ``lang``, else English, else whatever there is."""
        table = dict(self.values)
        for key in (lang, ANY_LANGUAGE, "en"):
            if key in table:
                return table[key]
        return next(iter(table.values()), "")

    def languages(self) -> set[str]:
        return {k for k, _ in self.values}

    def has(self, lang: str) -> bool:
        langs = self.languages()
        return lang in langs or ANY_LANGUAGE in langs


class Locale(Record):
    """How one language writes what is not a message: punctuation, dates, lists, line breaks.

    Everything outside the language layer asks its ``locale(lang)`` instead of
    testing which language it is, so a new language is one entry in ``LOCALES``.
    """

    code: str
    # Prefixes of POSIX locale values (LANG=zh_CN.UTF-8) that select this language.
    environment_prefixes: tuple[str, ...]
    colon: str
    full_stop: str
    list_separator: str
    clause_separator: str
    open_paren: str
    close_paren: str
    # Space between a phrase and its parenthesis: "by 1 May (3 days…)" but "5月1日前（3天…）".
    space_before_paren: str
    # str.format template over a date's year, month and day.
    date_pattern: str
    # True where a line may break between any two characters (Chinese), so the
    # program places breaks itself instead of the terminal's word wrap.
    breaks_anywhere: bool
    # Words for reading a routing condition aloud (graph edge labels).
    condition_words: Mapping[str, Any]
    # Between two sentences: a space after "." in English, nothing after "。" in Chinese.
    sentence_space: str = " "
    # Words a yes/no answer may be typed as, besides yes/no/y/n/true/false/1/0/on/off.
    yes_words: tuple[str, ...] = ()
    no_words: tuple[str, ...] = ()
    # A date with its weekday, to confirm what the wizard understood ("Fri 20 Nov 2026"):
    # spelled out here rather than by strftime, whose names follow the process's locale.
    long_date_pattern: str = "{weekday} {day} {month_name} {year}"
    weekday_names: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    month_names: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    # A sentence carried on after "From then, " starts in lower case ("From then, collect …"): in English, not in Chinese.
    lower_continuation: bool = False

    def either(self, names: Sequence[str]) -> str:
        """Names offered as alternatives: "text, markdown or json", "text、markdown 或 json"."""
        *first, last = names
        return self.list_separator.join(first) + self.condition_words["or"] + last if first else last

    def continue_sentence(self, text: str) -> str:
        """``text`` as the rest of a sentence: its first word in lower case where the language writes it so.

        Only a word written Capitalised (a capital, then a lower-case letter) is
        lowered: "Ask the school" → "ask the school", never "ID card" or "12333".
        """
        if self.lower_continuation and len(text) > 1 and text[0].isupper() and text[1].islower():
            return text[0].lower() + text[1:]
        return text

    def aside(self, text: str) -> str:
        """``text`` in parentheses: "(text)" or "（text）"."""
        return f"{self.open_paren}{text}{self.close_paren}"

    def after(self, headline: str, text: str) -> str:
        """``headline`` followed by ``text`` in parentheses."""
        return f"{headline}{self.space_before_paren}{self.aside(text)}"

    def format_date(self, day: date) -> str:
        return self.date_pattern.format(year=day.year, month=day.month, day=day.day, iso=day.isoformat())

    def format_long_date(self, day: date) -> str:
        return self.long_date_pattern.format(
            year=day.year, month=day.month, day=day.day, iso=day.isoformat(),
            weekday=self.weekday_names[day.weekday()], month_name=self.month_names[day.month - 1],
        )


LOCALES: dict[str, Locale] = {
    "en": Locale(
        code="en",
        environment_prefixes=("en",),
        colon=": ",
        full_stop=".",
        list_separator=", ",
        clause_separator="; ",
        open_paren="(",
        close_paren=")",
        space_before_paren=" ",
        date_pattern="{iso}",
        breaks_anywhere=False,
        lower_continuation=True,
        condition_words={
            "answered": "answered", "unanswered": "unanswered", "not": "not ({})", "group": "({})",
            "and": " and ", "or": " or ", "yes": "yes", "no": "no", "in": "in", "not_in": "not in",
            "unsure": "not sure", "not_unsure": "not 'not sure'",
        },
    ),
    "zh": Locale(
        code="zh",
        environment_prefixes=("zh",),
        colon="：",
        full_stop="。",
        sentence_space="",
        list_separator="、",
        clause_separator="；",
        open_paren="（",
        close_paren="）",
        space_before_paren="",
        date_pattern="{year}年{month}月{day}日",
        breaks_anywhere=True,
        condition_words={
            "answered": "已回答", "unanswered": "未回答", "not": "非（{}）", "group": "（{}）",
            "and": " 且 ", "or": " 或 ", "yes": "是", "no": "否", "in": "属于", "not_in": "不属于",
            "unsure": "不确定", "not_unsure": "非“不确定”",
            # No spaces next to full-width brackets.
            "tighten": ((" （", "（"), ("） ", "）")),
        },
        yes_words=("是",),
        no_words=("否",),
        long_date_pattern="{year}年{month}月{day}日（周{weekday}）",
        weekday_names=tuple("一二三四五六日"),
    ),
}

SUPPORTED_LANGUAGES = tuple(LOCALES)


def locale(lang: str) -> Locale:
    """The locale of ``lang``; English for a language the program does not know."""
    return LOCALES.get(lang, LOCALES["en"])


def detect_language(explicit: str | None, environ: Mapping[str, str]) -> str:
    """``--lang`` if given, else the POSIX locale variables of ``environ`` in their order of precedence."""
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            # The first variable that is set decides, as in POSIX locale lookup.
            lowered = value.lower()
            for code, entry in LOCALES.items():
                if lowered.startswith(entry.environment_prefixes):
                    return code
            return "en"
    return "en"


def format_date(day: date, lang: str) -> str:
    return locale(lang).format_date(day)


def format_long_date(day: date, lang: str) -> str:
    """A date with its weekday: "Fri 20 Nov 2026", "2026年11月20日（周五）"."""
    return locale(lang).format_long_date(day)


# The message catalogs, gettext's: the English is lang/english.py (each message
# under its key), the translations catalogs/<language>/LC_MESSAGES/ssguide.mo,
# compiled from ssguide.po (scripts/catalogs.py keeps them with Babel). A
# translation is looked up by its key (msgctxt) and English (msgid), so a
# message its language lacks, or whose English has changed, shows the English.
_CATALOG_DIR = os.path.join(os.path.dirname(__file__), "catalogs")
DOMAIN = "ssguide"
_TRANSLATIONS: dict[str, Any] = {}


def translations(lang: str) -> Any:
    """``lang``'s gettext translations (nothing to look up for English, the source language)."""
    found = _TRANSLATIONS.get(lang)
    if found is None:
        import gettext

        found = gettext.NullTranslations()
        if lang != SOURCE_LANGUAGE:
            # The catalog of the language named (not gettext.translation's search through
            # $LANGUAGE and $LANG, and its copy of the catalog: ~3 ms before the first word).
            try:
                with open(os.path.join(_CATALOG_DIR, lang, "LC_MESSAGES", DOMAIN + ".mo"), "rb") as mo:
                    found = gettext.GNUTranslations(mo)
            except FileNotFoundError:  # no catalog: the English
                pass
        _TRANSLATIONS[lang] = found
    return found


_WORDINGS: dict[tuple[str, str], str] = {}  # (key, language) → wording: looked up once per process


def wording(key: str, lang: str) -> str:
    """The template of ``key`` in ``lang``, else in English (a count's: its plural)."""
    found = _WORDINGS.get((key, lang))
    if found is None:
        # A web page asks for dozens of words: gettext's lookup each time was a tenth of a checklist page's time.
        found = _WORDINGS[key, lang] = _look_up(key, lang)
    return found


def _look_up(key: str, lang: str) -> str:
    from .english import ENGLISH

    english = ENGLISH[key]
    if lang == SOURCE_LANGUAGE:  # nothing to look up (nor gettext to import)
        return english[1] if isinstance(english, tuple) else english
    if isinstance(english, tuple):
        return str(translations(lang).npgettext(key, english[0], english[1], 2))
    return str(translations(lang).pgettext(key, english))


def catalog(lang: str, domain: str = "program") -> dict[str, str]:
    """key → wording of every message of ``domain`` (program, flow_checks, help or click) in ``lang``."""
    from . import english

    return {key: wording(key, lang) for key in getattr(english, domain.upper())}


def t(key: str, lang: str, **values: object) -> str:
    """A program message in ``lang`` (English if missing), with ``{name}`` values filled in."""
    return wording(key, lang).format(**values)


def plural(key: str, lang: str, n: int) -> str:
    """A message worded for the count ``n`` ("1 day", "3 days"), as ``lang``'s plural rule says."""
    from .english import ENGLISH

    forms = ENGLISH[key]
    assert isinstance(forms, tuple), f"{key} has no plural form"
    if lang == SOURCE_LANGUAGE:
        return (forms[0] if n == 1 else forms[1]).format(n=n)
    return str(translations(lang).npgettext(key, forms[0], forms[1], n)).format(n=n)

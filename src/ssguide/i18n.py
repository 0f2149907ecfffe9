"""Languages: texts from flows, the program's own messages, and dates.

Flow texts are ``LocalText`` values (one string per language). The program's
own words live in ``MESSAGES`` so that every heading, label and error can be
shown in English or Simplified Chinese without touching the renderers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

SUPPORTED_LANGUAGES = ("en", "zh")
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class LocalText:
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


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given, else the POSIX locale variables in their order of precedence."""
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            # The first variable that is set decides, as in POSIX locale lookup.
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def format_date(day: date, lang: str) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "steps": "Steps",
        "materials": "Materials to bring",
        "deadlines": "Deadlines",
        "notes": "Notes and warnings",
        "sources": "Sources",
        "your_answers": "Your answers",
        "situation": "Your situation",
        "generated": "Generated on {date}",
        "reviewed": "Content last reviewed on {date}, against the sources listed.",
        "disclaimer": (
            "This checklist is guidance, not legal advice. The medical insurance or social security "
            "agency of your insured place (or of your household registration) has the final word; "
            "check with it before you act."
        ),
        "source_label": "Source",
        "sources_label": "Sources",
        "why_label": "Because",
        "update_label": "Policy update",
        "update_suffix": "The rules of your insured place decide.",
        "warning_label": "Warning",
        "note_label": "Note",
        "by_date": "by {date}",
        "valid_until": "valid until {date}",
        "ready_from": "from {date}",
        "offset_after": "{amount} after {event}",
        "offset_before": "{amount} before {event}",
        "offset_after_on": "{amount} after {event} on {date}",
        "offset_before_on": "{amount} before {event} on {date}",
        "unit_days": "{n} day|{n} days",
        "unit_working_days": "{n} working day|{n} working days",
        "unit_months": "{n} month|{n} months",
        "unit_years": "{n} year|{n} years",
        "past": "already past",
        "estimate": "estimate: the official holiday calendar for that year is not published yet",
        "yes": "Yes",
        "no": "No",
        "written_to": "Checklist written to {path}",
        "answers_saved": "Answers saved to {path}",
        "interrupted": "Interrupted; nothing was written.",
        "interrupted_saved": "Interrupted; your answers so far are saved. Run 'ssguide {command}' again to resume (--fresh starts over).",
        "none": "(none)",
        "question": "Question",
        "answer": "Answer",
        "unanswered": "(not answered)",
    },
    "zh": {
        "steps": "步骤",
        "materials": "需带材料",
        "deadlines": "截止日期",
        "notes": "注意事项",
        "sources": "依据",
        "your_answers": "您的回答",
        "situation": "您的情况",
        "generated": "生成日期：{date}",
        "reviewed": "内容最近一次对照依据核对于{date}。",
        "disclaimer": (
            "本清单仅供参考，不构成法律意见。以参保地（或户籍所在地）医疗保障经办机构、社保经办机构的"
            "规定为准，办理前请先向其确认。"
        ),
        "source_label": "依据",
        "sources_label": "依据",
        "why_label": "因为",
        "update_label": "政策更新",
        "update_suffix": "以参保地规定为准。",
        "warning_label": "警告",
        "note_label": "提示",
        "by_date": "{date}前",
        "valid_until": "有效期至{date}",
        "ready_from": "{date}起",
        "offset_after": "{event}后{amount}",
        "offset_before": "{event}前{amount}",
        "offset_after_on": "{date}{event}后{amount}",
        "offset_before_on": "{date}{event}前{amount}",
        "unit_days": "{n}天",
        "unit_working_days": "{n}个工作日",
        "unit_months": "{n}个月",
        "unit_years": "{n}年",
        "past": "已过期",
        "estimate": "估算：该年度法定节假日安排尚未公布",
        "yes": "是",
        "no": "否",
        "written_to": "清单已写入 {path}",
        "answers_saved": "回答已保存到 {path}",
        "interrupted": "已中断，未写入任何文件。",
        "interrupted_saved": "已中断，已保存目前的回答。再次运行 'ssguide {command}' 即可继续（加 --fresh 重新开始）。",
        "none": "（无）",
        "question": "问题",
        "answer": "回答",
        "unanswered": "（未回答）",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """A program message in ``lang`` (English if missing), with ``{name}`` values filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    template = table.get(key) or MESSAGES["en"][key]
    return template.format(**values)


def plural(key: str, lang: str, n: int) -> str:
    """``"{n} day|{n} days"`` style messages: singular before the bar, plural after."""
    template = MESSAGES.get(lang, MESSAGES["en"]).get(key) or MESSAGES["en"][key]
    if "|" in template:
        one, many = template.split("|", 1)
        template = one if n == 1 else many
    return template.format(n=n)

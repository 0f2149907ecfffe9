"""The checklist as HTML: one more renderer of the checklist, drawn from the JSON's own data.

``render(checklist, ctx)`` follows the protocol of every format
(``render.context.Renderer``). ``checklist_view`` is ``render.json.to_data``
— exactly what ``--format json`` holds — with the shared wording the other
formats add for people (citation numbers, "Earlier practice", "Because", an
item's kind); the template only lays it out. Jinja2 escapes every value; what
comes out goes through the same sanitiser as the terminal
(``safetext.visible``), so no control or bidi character reaches a page. It
lives here rather than in ``render/`` because it needs the web extra (Jinja2).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..core.checklist import Checklist, Entry
from ..core.model import Question
from ..core.safetext import visible
from ..lang.i18n import t
from ..render import cite, colon, kind_label, source_numbers, today_line, waiting_sources, waiting_text, why_text
from ..render.context import RenderContext
from ..render.json import to_data
from ..render.markdown import situation_label_parts
from .site import TEMPLATES

# The checklist's sections, in the order every format shows them: the JSON key, its heading, its entries.
SECTIONS = (("steps", "steps"), ("materials", "materials"), ("deadlines", "deadlines"), ("expect", "expect"), ("notes", "notes"))


@lru_cache(maxsize=1)
def jinja() -> Any:
    """The templates, autoescaped, compiled once per process."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name is an error in a test, not an empty gap on a page
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )


def _sections(checklist: Checklist) -> dict[str, list[Entry]]:
    """Each section's entries, in the order ``to_data`` lists them under the same keys."""
    return {"steps": checklist.steps, "materials": checklist.materials, "deadlines": checklist.deadlines,
            "expect": checklist.expectations, "notes": checklist.notes}


def checklist_view(checklist: Checklist, ctx: RenderContext) -> dict[str, Any]:
    """``to_data``, each item given its citation numbers and the words the other formats add."""
    data = to_data(checklist, ctx)
    numbers = source_numbers(checklist)
    say = words(ctx.lang)

    def cites(source_ids: Any) -> list[int]:
        return sorted({numbers[sid] for sid in source_ids if sid in numbers})

    def item(shown: dict[str, Any], entry: Entry, number: int = 0) -> dict[str, Any]:
        """One entry as the terminal marks it: numbered when it is a step left to do, ticked when done."""
        assert shown["id"] == entry.item.id, (shown["id"], entry.item.id)
        earlier = shown["earlier"]
        overdue = shown["overdue"]
        return {
            **shown,
            "marker": "✓" if entry.done else (f"{number}." if number else "•"),
            "marker_said": say("done_label") + ctx.locale.colon if entry.done else "",  # ✓ is a picture: say it
            "cites": cites(entry.source_ids),
            "kind_label": kind_label(entry, ctx),
            "why_text": why_text(entry, ctx) if entry.reasons else "",
            "earlier_label": ctx.t("earlier_label", sources=cite(entry.earlier_source_ids, numbers)) if earlier else "",
            "overdue": {**overdue, "cites": cites(overdue["sources"])} if overdue else None,
        }

    def section(key: str, shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A section's items; only steps left to do are numbered (information and what is done never are)."""
        items, n = [], 0
        for data_item, entry in zip(shown, entries[key]):
            counted = key == "steps" and not entry.done and not entry.info
            n += counted
            items.append(item(data_item, entry, n if counted else 0))
        return items

    do_now = checklist.do_this_now()
    entries = _sections(checklist)
    actions = {
        shown["id"]: {
            **shown,
            "cites": cites(action.source_ids),
            "urgent": action.why in ("overdue", "ask"),  # a date gone by: as the terminal, set apart
            "note": shown["note"],  # "Act by …" or "Ready from …", under the item it belongs to
        }
        for shown, action in zip(data["do_now"]["actions"], do_now.actions)
    }
    # Each question to find out with whom to ask, and under it what each answer would bring (dated lines).
    find_outs = {
        shown["question"]: {
            **shown,
            "cites": cites(shown["sources"]),
            "cases": [{**case, "cites": cites(case["sources"])} for case in shown["cases"]],
        }
        for shown in data["do_now"]["find_out"]
    }
    waiting = waiting_text(do_now, ctx)
    view: dict[str, Any] = {
        **data,
        # As on the terminal, the " · " between two answers ends a line and never starts one.
        "situation": data["situation"].replace(" · ", "\u00a0· "),
        "generated": ctx.t("generated", date=ctx.format_date(checklist.today)),
        "reviewed": ctx.t("reviewed", date=ctx.format_date(checklist.flow.reviewed)) if checklist.flow.reviewed else "",
        "today_line": today_line(checklist, ctx) or "",
        "situation_label": situation_label_parts(ctx),
        "do_now": {
            **data["do_now"],
            # The numbered lines in the order the JSON's "order" gives: dates gone by first, then the
            # nearest date to act by and the steps, with what to find out before or after them.
            "lines": [
                {"line": "find_out", **find_outs[line.id]} if isinstance(line, Question) else {"line": "action", **actions[line.entry.item.id]}
                for line in do_now.lines
            ],
            "waiting": {"text": waiting, "cites": cites(waiting_sources(do_now))} if waiting is not None else None,
        },
        "depends_on": [
            {
                **group,
                "how_to_find_out": [{**how, "cites": cites(how["sources"])} for how in group["how_to_find_out"]],
                "cases": [
                    {**case, "items": [item(shown, e) for shown, e in zip(case["items"], real.entries)]}
                    for case, real in zip(group["cases"], depends.cases)
                ],
            }
            for group, depends in zip(data["depends_on"], checklist.depends)
        ],
        "sections": [
            {"key": key, "heading": ctx.t(heading), "items": section(key, data[key])}
            for key, heading in SECTIONS
            if data[key]
        ],
        "sources": [
            {**source, "number": n, "shown_citation": "" if source["citation"] in source["title"] else source["citation"]}
            for n, source in enumerate(data["sources"], start=1)
        ],
    }
    return view


def words(lang: str) -> Any:
    """``_(key, **values)`` for templates: the program's words, else the web's, in ``lang``."""
    from ..lang.i18n import catalog

    web = catalog(lang, "web")
    english_web = catalog("en", "web")

    def say(key: str, **values: Any) -> str:
        if key in web or key in english_web:
            return (web.get(key) or english_web[key]).format(**values)
        return t(key, lang, **values)

    return say


def render(checklist: Checklist, ctx: RenderContext) -> str:
    """The checklist as an HTML fragment (an ``<article>``), for a page to hold."""
    view = checklist_view(checklist, ctx)
    return visible(jinja().get_template("checklist.html").render(c=view, _=words(ctx.lang), colon=colon(ctx)))

"""The checklist as HTML: one more renderer of the checklist, drawn from the JSON's own data.

``render(checklist, ctx)`` follows the protocol of every format
(``render.context.Renderer``). ``checklist_view`` is ``render.json.to_data``
— exactly what ``--format json`` holds — with the shared wording the other
formats add for people (citation numbers, "Earlier practice", "Because", an
item's kind); the template only lays it out. Jinja2 escapes every value; what
comes out goes through the same sanitiser as the terminal
(``safetext.visible_html``), so no control or bidi character reaches a page. It
lives here rather than in ``render/`` because it needs the web extra (Jinja2).
"""

from __future__ import annotations

from collections.abc import Callable
import re
from functools import lru_cache
from typing import Any

from ..core.checklist import Checklist, Entry
from ..core.flowrefs import FLOW_REF, FLOW_REF_START
from ..core.model import Question
from ..core.safetext import visible_html

from ..render import colon, earlier_label, kind_label, situation_label_parts, source_numbers, today_line, waiting_sources, waiting_text, why_text
from ..core.context import Context
from ..render.context import RenderContext
from ..render.json import to_data
from .site import TEMPLATES

# The checklist's sections, in the order every format shows them: the JSON key, its heading, its entries.
SECTIONS = (("steps", "steps"), ("materials", "materials"), ("deadlines", "deadlines"), ("expect", "expect"), ("notes", "notes"))


@lru_cache(maxsize=1)
def jinja() -> Any:
    """The templates, autoescaped, compiled once per process."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name is an error in a test, not an empty gap on a page
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )
    environment.filters["dates"] = dates_whole
    return environment


# A date as the checklist writes it: 2026-11-24, or 2026年11月24日.
_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])|\d{4}年\d{1,2}月\d{1,2}日")


def dates_whole(text: Any) -> Any:
    """``text``, escaped, with each date kept on one line: a narrow screen broke "2026-11-" from "24"."""
    from markupsafe import Markup, escape

    html = str(escape(text))  # a Markup (a text with flow links) stays as it is; the rest is escaped
    if not _DATE.search(html):
        return Markup(html)
    # Only in the text between tags: a date inside a link's address (a root path /v/2026-01-01) stays as it is.
    pieces = _TAG.split(html)
    return Markup("".join(p if i % 2 else _DATE.sub(_whole, p) for i, p in enumerate(pieces)))


_TAG = re.compile(r"(<[^>]*>)")


def _whole(match: re.Match[str]) -> str:
    return f'<span class="date">{match.group(0)}</span>'


def _sections(checklist: Checklist) -> dict[str, list[Entry]]:
    """Each section's entries, in the order ``to_data`` lists them under the same keys."""
    return {"steps": checklist.steps, "materials": checklist.materials, "deadlines": checklist.deadlines,
            "expect": checklist.expectations, "notes": checklist.notes}


def checklist_view(checklist: Checklist, ctx: RenderContext, link: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """``to_data``, each item given its citation numbers and the words the other formats add.

    ``link``: what a flow text becomes on the page (``flow_links``: each ``{flow:ID}`` a link); else it stays as it is.
    """
    data = to_data(checklist, ctx)
    if link is None:
        link = _as_it_is
    numbers = source_numbers(checklist)
    say = words(ctx)

    def cites(source_ids: Any) -> list[int]:
        return sorted({numbers[sid] for sid in source_ids if sid in numbers})

    def item(shown: dict[str, Any], entry: Entry, label: str, number: int = 0) -> dict[str, Any]:
        """One entry as the terminal marks it: numbered when it is a step left to do, ticked when done."""
        assert shown["id"] == entry.item.id, (shown["id"], entry.item.id)
        earlier = shown["earlier"]
        overdue = shown["overdue"]
        due = shown.get("deadline")
        classes = ["item", f"item-{entry.kind}"] + ["done"] * entry.done + ["info"] * entry.info
        return {
            **shown,
            "text": link(shown["text"]),
            "deadline": due,
            "classes": " ".join(classes + ["past"] * bool(due and due["past"] and not entry.done)),
            "marker": "✓" if entry.done else (f"{number}." if number else "•"),
            "marker_said": say("done_label") + ctx.locale.colon if entry.done else "",  # ✓ is a picture: say it
            # No space after a label: the colon spaces it as the language writes it ("Step: ", "步骤：").
            "label": label + ctx.locale.colon if label else "",
            "cites": cites(entry.source_ids),
            "why_text": why_text(entry, ctx) if entry.reasons else "",
            "earlier": {**earlier, "text": link(earlier["text"])} if earlier else None,
            "earlier_label": earlier_label(entry, numbers, ctx) if earlier else "",
            "overdue": {**overdue, "text": link(overdue["text"]), "cites": cites(overdue["sources"])} if overdue else None,
        }

    def section(key: str, shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A section's items; only steps left to do are numbered (information and what is done never are)."""
        items, n = [], 0
        warning = ctx.t("warning_label")
        for data_item, entry in zip(shown, entries[key]):
            counted = key == "steps" and not entry.done and not entry.info
            n += counted
            items.append(item(data_item, entry, warning if entry.kind == "warning" else "", n if counted else 0))
        return items

    do_now = checklist.do_this_now()
    entries = _sections(checklist)
    actions = {
        shown["id"]: {
            **shown,
            "text": link(shown["text"]),
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
            "waiting": {"text": link(waiting), "cites": cites(waiting_sources(do_now))} if waiting is not None else None,
        },
        # What follows Do this now, each a section headed alike: every "Depends on: …" (its cases, each
        # entry labelled with its kind), then steps, materials, deadlines, what to expect, notes.
        "blocks": [
            {
                "css": "depends", "anchor": f"depends-{n}", "heading": group["title"],
                "find_out": [{**how, "text": link(how["text"]), "cites": cites(how["sources"])} for how in group["how_to_find_out"]],
                "open": not group["cases"],  # a date not known that deadlines count from: nothing to list
                "lists": [
                    {"label": case["label"], "items": [item(shown, e, kind_label(e, ctx)) for shown, e in zip(case["items"], real.entries)]}
                    for case, real in zip(group["cases"], depends.cases)
                ],
            }
            for n, (group, depends) in enumerate(zip(data["depends_on"], checklist.depends), start=1)
        ] + [
            {"css": f"section-{key}", "anchor": f"section-{key}", "heading": ctx.t(heading), "find_out": [], "open": False,
             "lists": [{"label": "", "items": section(key, data[key])}]}
            for key, heading in SECTIONS
            if data[key]
        ],
        "sources": [
            {**source, "number": n, "shown_citation": "" if source["citation"] in source["title"] else source["citation"]}
            for n, source in enumerate(data["sources"], start=1)
        ],
    }
    return view


def words(ctx: Context) -> Any:
    """``_(key, **values)`` for templates: a message (the program's or the web's) in ``ctx``'s language."""
    return ctx.t


def render(checklist: Checklist, ctx: RenderContext) -> str:
    """The checklist as an HTML fragment (an ``<article>``), through the terminal's sanitiser."""
    return visible_html(fragment(checklist, ctx))


def fragment(checklist: Checklist, ctx: RenderContext, target: FlowTarget | None = None) -> Any:
    """The same fragment, not yet sanitised (``Markup``): for a page that goes through the sanitiser whole, once.

    ``target`` (with a ``ctx`` whose ``flow_links`` is set): where a flow text's
    ``{flow:ID}`` links to, and the title it shows, or None for a flow not served.
    """
    say = words(ctx)
    found = target or (lambda command: None)
    return lay_out(checklist_view(checklist, ctx, lambda text: flow_links(text, found, say)), ctx)


def lay_out(view: dict[str, Any], ctx: RenderContext) -> Any:
    """A ``checklist_view`` as HTML (``Markup``, not yet sanitised): the template's part alone."""
    from markupsafe import Markup

    return Markup(jinja().get_template("checklist.html").render(c=view, _=words(ctx), colon=colon(ctx)))


def _as_it_is(text: str) -> str:
    return text


FlowTarget = Callable[[str], "tuple[str, str] | None"]  # a flow's command → (its first page's address, its title)


def flow_links(text: str, target: FlowTarget, say: Callable[..., str]) -> Any:
    """``text`` with each ``{flow:ID}`` a link to that flow ("see “Title”"), escaped; as it is when it has none.

    A flow the site does not serve is worded as the terminal words it ("run `ssguide ID`").
    """
    if FLOW_REF_START not in text:
        return text  # the template escapes it
    from markupsafe import Markup, escape

    parts = []
    start = 0
    for match in FLOW_REF.finditer(text):
        parts.append(escape(text[start:match.start()]))
        command = match.group("ref")
        found = target(command)
        if found is None:
            parts.append(escape(say("flow_ref", command=command)))
        else:
            href, title = found
            before, _, after = say("flow_ref_web", title="\x00").partition("\x00")
            parts.append(escape(before) + Markup('<a class="flow-link" href="') + escape(href) + Markup('">') + escape(title) + Markup("</a>") + escape(after))
        start = match.end()
    parts.append(escape(text[start:]))
    return Markup("").join(parts)

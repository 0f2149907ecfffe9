"""What each address shows: pure functions of the address, the flows and the day.

No Starlette here: ``app`` hands over the path's parts and the query's fields
and sends back what these return, a ``Page`` (a template and what it shows),
a ``Redirect`` or a ``Download``, in the request's ``Context`` (its language and
the site's day). The words come from the catalogs, the
routing, "not sure", the progress and every answer's reading from the core,
as in the terminal; the templates only lay them out.

Addresses (``/en`` or ``/zh`` first, so every page is in one language):

- ``/LANG/``: the procedures;
- ``/LANG/FLOW/q/QUESTION?answers``: one question, its answer (if any) chosen;
- ``/LANG/FLOW?answers``: where a question's form is sent; it reads the
  answers and sends the browser on (303) to the next question, or to the
  check page, at the canonical address; a wrong answer shows the question
  again with the error (422);
- ``/LANG/FLOW/check?answers``: the answers, each with a Change link;
- ``/LANG/FLOW/checklist?answers``: the checklist, and ``checklist.md``,
  ``.json``, ``.ics``, ``.txt``: the files the terminal writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from .. import __version__
from ..core.engine import Walk, total_range, walk
from ..core.model import Question
from ..core.qtypes import UNSURE
from ..core.safetext import visible, visible_html
from ..core.context import Context
from ..lang.english import WEB
from ..lang.i18n import LOCALES, SOURCE_LANGUAGE, t
from ..lang.progress import progress_text
from ..record import Record
from .answers import MAX_QUERY_BYTES, Fields, Reading, query_pairs, query_string, query_values, read_answers
from .html import fragment, jinja, words
from .site import Site, SiteFlow

LANGUAGES = tuple(LOCALES)
STYLESHEET = "ssguide.css"
MAX_PATH_BYTES = 1024  # an address's path, before its query
ICON = "icon.svg"


class Page(Record):
    status: int
    template: str
    context: Mapping[str, Any]
    lang: str


class Redirect(Record):
    location: str


class Download(Record):
    body: bytes
    media_type: str
    filename: str


Answer = Page | Redirect | Download


def pick_language(accept_language: str) -> str:
    """The first language of an Accept-Language header that ssguide speaks (by weight), else English."""
    ranked = []
    for n, part in enumerate(accept_language[:512].split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        ranked.append((-weight, n, tag.strip().lower()))
    for negative_weight, _, tag in sorted(ranked):
        if negative_weight >= 0:
            break
        for code, entry in LOCALES.items():
            if tag.startswith(entry.environment_prefixes):
                return code
    return SOURCE_LANGUAGE


@lru_cache(maxsize=4096)
def _quoted(part: str) -> str:
    """A path part as an address writes it (parts are languages, commands, question ids: few, and the same again)."""
    return quote(part, safe="")


def on_route(route: Any, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to the questions ``route`` asked: a finished route's address holds no other.

    An answer to a question the route never asks (left from a changed answer, or written into the
    address) is not the terminal's either: one checklist, one address, drawn from the route's answers.
    Question pages keep them: changing an answer back finds the later ones still chosen.
    """
    asked = {question.id for question in route.answered}
    return {qid: value for qid, value in answers.items() if qid in asked}


class Web:
    """The pages of one site, under the path ``root`` (a reverse proxy's prefix, or "")."""

    def __init__(self, site: Site, root: str = "", stylesheet: str = "", icon: str = "") -> None:
        self.site = site
        self.root = root.rstrip("/")
        self.stylesheet = stylesheet
        self.icon = icon

    # ------------------------------------------------------------ addresses

    def href(self, lang: str, *parts: str, query: str = "") -> str:
        """The address of a page in the language ``lang`` (a code: the address's first part)."""
        path = "/".join([self.root, lang, *(_quoted(p) for p in parts)])
        if not parts:
            path += "/"
        return f"{path}?{query}" if query else path

    def question_href(self, ctx: Context, site_flow: SiteFlow, question: Question, answers: Mapping[str, Any], query: str | None = None) -> str:
        """The address of ``question`` with ``answers`` (``query``: their query string, when the caller has it)."""
        if query is None:
            query = query_string(site_flow.flow, answers)
        return self.href(ctx.lang, site_flow.flow.command, "q", question.id, query=query)

    # ------------------------------------------------------------ the pages

    def chrome(self, ctx: Context, title: str, parts: tuple[str, ...], query: str, back: str | None = None, error: bool = False) -> dict[str, Any]:
        """What every page shows around its content: language links to this same address, home, back."""
        return {
            "html_lang": ctx.t("html_lang"),
            "title": title,
            "error": error,
            "home_href": self.href(ctx.lang),
            "back_href": back,
            "stylesheet": self.stylesheet,
            "icon": self.icon,
            "version": __version__,
            "languages": [
                {"code": code, "name": t("language_name", code), "html_lang": t("html_lang", code),
                 "current": code == ctx.lang, "href": self.href(code, *parts, query=query)}
                for code in LANGUAGES
            ],
        }

    def page(self, status: int, template: str, ctx: Context, chrome: dict[str, Any], **context: Any) -> Page:
        return Page(status, template, {"page": chrome, "colon": ctx.locale.colon, **context}, ctx.lang)

    def home(self, ctx: Context) -> Page:
        flows = [
            {"href": self.href(ctx.lang, sf.flow.command, "q", sf.flow.start) if sf.flow.start else self.href(ctx.lang, sf.flow.command),
             "title": ctx.text(sf.flow.title), "description": ctx.text(sf.flow.description)}
            for sf in self.site.flows.values()
        ]
        chrome = self.chrome(ctx, ctx.t("home_heading"), (), "")
        return self.page(200, "home.html", ctx, chrome, flows=flows)

    def error(self, ctx: Context, status: int, path: bool = False) -> Page:
        """The page of an error ``status``; ``path``: a 414 for the path rather than the query."""
        title_key, text_key = {
            400: ("bad_request_title", "bad_request_text"),
            404: ("not_found_title", "not_found_text"),
            405: ("method_title", "method_text"),
            414: ("too_long_title", "too_long_text"),
        }.get(status, ("server_error_title", "server_error_text"))
        chrome = self.chrome(ctx, ctx.t(title_key), (), "", error=True)
        if path:
            return self.page(status, "error.html", ctx, chrome, message=ctx.t("too_long_path_text", n=MAX_PATH_BYTES))
        return self.page(status, "error.html", ctx, chrome, message=ctx.t(text_key, n=MAX_QUERY_BYTES))

    def flow(self, command: str) -> SiteFlow | None:
        return self.site.flows.get(command)

    def submitted(self, ctx: Context, site_flow: SiteFlow, fields: Fields) -> Answer:
        """A question's form, sent: on to the next page at its canonical address, or the question again with its error."""
        reading = read_answers(site_flow.flow, fields, ctx)
        wrong = self.wrong_answer(ctx, site_flow, reading, fields)
        if wrong is not None:
            return wrong
        return Redirect(self.next_href(ctx, site_flow, reading.answers))

    def wrong_answer(self, ctx: Context, site_flow: SiteFlow, reading: Reading, fields: Fields) -> Page | None:
        """The question whose answer is wrong, again with its error, when the route reaches it; else None.

        A form sent, or an address that holds a wrong answer (a link written by hand, a bookmark from
        before a flow changed): the person sees what was wrong, never an answer silently dropped.
        """
        if not reading.problems:
            return None
        route = walk(site_flow.flow, reading.answers, ctx)
        if route.next is not None and route.next.id in reading.problems:
            return self.question(ctx, site_flow, route.next, reading, status=422, sent=fields)
        return None

    def next_href(self, ctx: Context, site_flow: SiteFlow, answers: Mapping[str, Any]) -> str:
        """The page these answers lead to: the next question, or the check page once the route is done."""
        flow = site_flow.flow
        route = walk(flow, answers, ctx)
        if route.next is not None:
            return self.question_href(ctx, site_flow, route.next, answers)
        return self.href(ctx.lang, flow.command, "check", query=query_string(flow, on_route(route, answers)))

    def read(self, site_flow: SiteFlow, fields: Fields, ctx: Context) -> Reading:
        return read_answers(site_flow.flow, fields, ctx)

    def question_at(self, ctx: Context, site_flow: SiteFlow, qid: str, fields: Fields) -> Answer:
        """``/q/QUESTION``: that question, if the route reaches it with these answers; else where they lead."""
        reading = self.read(site_flow, fields, ctx)
        flow = site_flow.flow
        question = flow.questions.get(qid)
        if question is None:
            return self.error(ctx, 404)
        if not reading.canonical:
            wrong = self.wrong_answer(ctx, site_flow, reading, fields)
            if wrong is not None:
                return wrong
            return Redirect(self.href(ctx.lang, flow.command, "q", qid, query=query_string(flow, reading.answers)))
        without = {k: v for k, v in reading.answers.items() if k != qid}
        route = walk(flow, without, ctx)
        if route.next is not question:
            return Redirect(self.next_href(ctx, site_flow, reading.answers))
        return self.question(ctx, site_flow, question, reading, route=route)

    def question(
        self, ctx: Context, site_flow: SiteFlow, question: Question, reading: Reading, status: int = 200, sent: Fields | None = None,
        route: Walk | None = None,
    ) -> Page:
        """One question: its answer (or default) chosen, or on a wrong answer what was given and why it is wrong.

        ``route``: the walk of the answers but this question's, when the caller has it.
        """
        flow = site_flow.flow
        answers = reading.answers
        without = {k: v for k, v in answers.items() if k != question.id}
        if route is None:
            route = walk(flow, without, ctx)
        position = len(route.answered) + 1
        progress = progress_text(position, total_range(flow, without, ctx), ctx.lang)
        # Back: the question before this one on the route, its answer chosen; before the first, the procedures.
        query = query_string(flow, answers)
        back = self.question_href(ctx, site_flow, route.answered[-1], answers, query) if route.answered else self.href(ctx.lang)
        problem = reading.problems.get(question.id) if status != 200 else None
        current = answers.get(question.id, question.default)
        chosen = query_values(question, current) if current is not None else []
        typed = ""
        if problem is not None:
            given = reading.given.get(question.id, "")
            chosen, typed = [given], given
        elif question.qtype.widget == "text" and current is not None and current is not UNSURE:
            typed = chosen[0]
        view = {
            "id": question.id,
            "text": ctx.text(question.text),
            "help": ctx.text(shown_help) if (shown_help := question.help_for({q.id: without[q.id] for q in route.answered}, ctx)) else "",
            "widget": question.qtype.widget,
            "progress": progress,
            "error": problem.render(ctx.lang) if problem is not None else "",
            "text_value": visible(typed),
            "text_hint": ctx.t("hint_type", example=ctx.t(question.qtype.example_key)) if question.qtype.widget == "text" else "",
            "options": self.options(question, chosen, ctx),
        }
        view["describedby"] = " ".join(
            name for name, shown in ((f"{question.id}-hint", view["help"]), (f"{question.id}-error", view["error"])) if shown
        )
        hidden = query_pairs(flow, answers, leave_out=question.id)
        if sent is not None:  # the wrong answer's page: the language link sends the same form again
            parts: tuple[str, ...] = (flow.command,)
            query = urlencode([(name, value) for name, values in sent.items() for value in values])
        else:
            parts = (flow.command, "q", question.id)
        chrome = self.chrome(ctx, ctx.text(question.text), parts, query, back=back, error=problem is not None)
        form = {"action": self.href(ctx.lang, flow.command), "hidden": hidden}
        return self.page(status, "question.html", ctx, chrome, q=view, form=form)

    def options(self, question: Question, chosen: list[str], ctx: Context) -> list[dict[str, Any]]:
        """The radio buttons or tick boxes of a question, "Not sure" last and set apart."""
        widget = question.qtype.widget
        if widget == "confirm":
            pairs = [("yes", ctx.t("yes")), ("no", ctx.t("no"))]
        elif widget in ("select", "checkbox"):
            pairs = [(str(c.value), ctx.text(c.label)) for c in question.choices]
        else:
            pairs = []
        input_type = "checkbox" if widget in ("checkbox", "text") else "radio"
        options = [{"value": v, "label": label, "apart": False} for v, label in pairs]
        if question.unsure:
            options.append({"value": "unsure", "label": ctx.t("unsure"), "apart": bool(pairs) or widget == "text"})
        for n, option in enumerate(options):
            option["checked"] = option["value"] in chosen
            option["input_type"] = input_type
            # The question's first input takes its id (the text box, else the first choice): the
            # error summary's link lands there. Choices by position: a value may hold a space.
            if option["value"] == "unsure":
                option["input_id"] = f"{question.id}-unsure"
            else:
                option["input_id"] = question.id if n == 0 else f"{question.id}-{n}"
        return options

    def _complete(self, ctx: Context, site_flow: SiteFlow, fields: Fields, page: str) -> Page | Redirect | tuple[Reading, Any]:
        """The answers of a check or checklist address, or what to show instead: a wrong answer's question, or where to go (not canonical, or not done)."""
        flow = site_flow.flow
        reading = self.read(site_flow, fields, ctx)
        if not reading.canonical:
            wrong = self.wrong_answer(ctx, site_flow, reading, fields)
            if wrong is not None:
                return wrong
            return Redirect(self.href(ctx.lang, flow.command, page, query=query_string(flow, reading.answers)))
        route = walk(flow, reading.answers, ctx)
        if route.next is not None:
            return Redirect(self.question_href(ctx, site_flow, route.next, reading.answers))
        kept = on_route(route, reading.answers)
        if len(kept) != len(reading.answers):  # answers to questions the route never asks: the address without them
            return Redirect(self.href(ctx.lang, flow.command, page, query=query_string(flow, kept)))
        return reading, route

    def check(self, ctx: Context, site_flow: SiteFlow, fields: Fields) -> Answer:
        """Check your answers: each with a Change link, then on to the checklist."""
        from ..render import answer_label

        found = self._complete(ctx, site_flow, fields, "check")
        if not isinstance(found, tuple):
            return found
        reading, route = found
        flow, answers = site_flow.flow, reading.answers
        query = query_string(flow, answers)
        rows = [
            {"question": ctx.text(q.text), "answer": answer_label(q, answers[q.id], ctx), "change_href": self.question_href(ctx, site_flow, q, answers)}
            for q in route.answered
        ]
        back = self.question_href(ctx, site_flow, route.answered[-1], answers) if route.answered else self.href(ctx.lang)
        chrome = self.chrome(ctx, ctx.t("check_heading"), (flow.command, "check"), query, back=back)
        return self.page(
            200, "check.html", ctx, chrome, rows=rows, flow_title=ctx.text(flow.title), checklist_href=self.href(ctx.lang, flow.command, "checklist", query=query)
        )

    def checklist(self, ctx: Context, site_flow: SiteFlow, fields: Fields) -> Answer:
        """The checklist (the JSON's data, laid out), the files to keep, and the ways back.

        The checklist's fragment is not sanitised on its own: the page goes through the sanitiser once, whole.
        """
        from ..core.checklist import build
        from ..render.context import RenderContext
        from ..shell.exporters import EXPORTERS

        found = self._complete(ctx, site_flow, fields, "checklist")
        if not isinstance(found, tuple):
            return found
        reading, route = found
        flow = site_flow.flow
        query = query_string(flow, reading.answers)
        checklist = build(flow, reading.answers, ctx, route)
        downloads = [
            {"href": self.href(ctx.lang, flow.command, f"checklist{e.suffixes[0]}", query=query), "filename": f"{flow.command}{e.suffixes[0]}",
             "label": ctx.t(f"download_{e.name}") if f"download_{e.name}" in WEB else e.name}
            for e in EXPORTERS
        ]
        check = self.href(ctx.lang, flow.command, "check", query=query)
        start = self.href(ctx.lang, flow.command, "q", flow.start) if flow.start else self.href(ctx.lang)
        chrome = self.chrome(ctx, ctx.text(flow.title), (flow.command, "checklist"), query, back=check)
        return self.page(
            200, "checklist_page.html", ctx, chrome, checklist_html=fragment(checklist, RenderContext.of(ctx.lang, ctx.today, flow_links=True), self.flow_target(ctx)), downloads=downloads, change_href=check, start_href=start
        )

    def flow_target(self, ctx: Context) -> Any:
        """Where a flow text's ``{flow:ID}`` leads on this site: that flow's first page in ``ctx``'s language, and its title; None if not served."""

        def target(command: str) -> tuple[str, str] | None:
            found = self.site.flows.get(command)
            if found is None:
                return None
            flow = found.flow
            href = self.href(ctx.lang, flow.command, "q", flow.start) if flow.start else self.href(ctx.lang, flow.command)
            return href, ctx.text(flow.title)

        return target

    def download(self, ctx: Context, site_flow: SiteFlow, fields: Fields, suffix: str) -> Answer:
        """``checklist.md`` and the rest: the bytes ``ssguide FLOW --export FILE`` writes for the same answers."""
        from ..core.checklist import build
        from ..render.context import RenderContext
        from ..shell.exporters import EXPORTERS

        exporter = next((e for e in EXPORTERS if e.suffixes[0] == suffix), None)
        if exporter is None:
            return self.error(ctx, 404)
        found = self._complete(ctx, site_flow, fields, f"checklist{suffix}")
        if not isinstance(found, tuple):
            return found
        reading, route = found
        checklist = build(site_flow.flow, reading.answers, ctx, route)
        # As `ssguide FLOW --export FILE` writes it: text 80 columns wide, reminders in China's time.
        body = exporter.data(checklist, RenderContext.of(ctx.lang, ctx.today))
        return Download(body, exporter.media_type, f"{site_flow.flow.command}{suffix}")

    def render(self, page: Page) -> bytes:
        """A page's HTML, through the terminal's sanitiser: no control or bidi character reaches the browser."""
        html = jinja().get_template(page.template).render(**page.context, _=words(Context.of(page.lang, self.site.day())))
        return visible_html(html).encode("utf-8")

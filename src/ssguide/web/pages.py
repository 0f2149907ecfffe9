"""What each address shows: pure functions of the address, the flows and the day.

No Starlette here: ``app`` hands over the path's parts and the query's fields
and sends back what these return, a ``Page`` (a template and what it shows),
a ``Redirect`` or a ``Download``. The words come from the catalogs, the
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
from ..core.engine import total_range, walk
from ..core.model import Question
from ..core.qtypes import UNSURE
from ..core.safetext import visible
from ..lang.i18n import LOCALES, SOURCE_LANGUAGE, catalog, locale, t
from ..lang.progress import progress_text
from ..record import Record
from .answers import MAX_QUERY_BYTES, Fields, Reading, query_pairs, query_string, query_values, read_answers
from .html import fragment, jinja, words
from .site import Site, SiteFlow

LANGUAGES = tuple(LOCALES)
STYLESHEET = "ssguide.css"
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

MEDIA_TYPES = {"markdown": "text/markdown; charset=utf-8", "json": "application/json", "ics": "text/calendar; charset=utf-8", "text": "text/plain; charset=utf-8"}


def web_word(key: str, lang: str, **values: Any) -> str:
    return (catalog(lang, "web").get(key) or catalog(SOURCE_LANGUAGE, "web")[key]).format(**values)


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


class Web:
    """The pages of one site, under the path ``root`` (a reverse proxy's prefix, or "")."""

    def __init__(self, site: Site, root: str = "", stylesheet: str = "", icon: str = "") -> None:
        self.site = site
        self.root = root.rstrip("/")
        self.stylesheet = stylesheet
        self.icon = icon

    # ------------------------------------------------------------ addresses

    def href(self, lang: str, *parts: str, query: str = "") -> str:
        path = "/".join([self.root, lang, *(_quoted(p) for p in parts)])
        if not parts:
            path += "/"
        return f"{path}?{query}" if query else path

    def question_href(self, lang: str, site_flow: SiteFlow, question: Question, answers: Mapping[str, Any], query: str | None = None) -> str:
        """The address of ``question`` with ``answers`` (``query``: their query string, when the caller has it)."""
        if query is None:
            query = query_string(site_flow.flow, answers)
        return self.href(lang, site_flow.flow.command, "q", question.id, query=query)

    # ------------------------------------------------------------ the pages

    def chrome(self, lang: str, title: str, parts: tuple[str, ...], query: str, back: str | None = None, error: bool = False) -> dict[str, Any]:
        """What every page shows around its content: language links to this same address, home, back."""
        return {
            "html_lang": web_word("html_lang", lang),
            "title": title,
            "error": error,
            "home_href": self.href(lang),
            "back_href": back,
            "stylesheet": self.stylesheet,
            "icon": self.icon,
            "version": __version__,
            "languages": [
                {"code": code, "name": web_word("language_name", code), "html_lang": web_word("html_lang", code),
                 "current": code == lang, "href": self.href(code, *parts, query=query)}
                for code in LANGUAGES
            ],
        }

    def page(self, status: int, template: str, lang: str, chrome: dict[str, Any], **context: Any) -> Page:
        return Page(status, template, {"page": chrome, "colon": locale(lang).colon, **context}, lang)

    def home(self, lang: str) -> Page:
        flows = [
            {"href": self.href(lang, sf.flow.command, "q", sf.flow.start) if sf.flow.start else self.href(lang, sf.flow.command),
             "title": sf.flow.title.get(lang), "description": sf.flow.description.get(lang)}
            for sf in self.site.flows.values()
        ]
        chrome = self.chrome(lang, web_word("home_heading", lang), (), "")
        return self.page(200, "home.html", lang, chrome, flows=flows)

    def error(self, lang: str, status: int) -> Page:
        title_key, text_key = {
            400: ("bad_request_title", "bad_request_text"),
            404: ("not_found_title", "not_found_text"),
            405: ("method_title", "method_text"),
            414: ("too_long_title", "too_long_text"),
        }.get(status, ("server_error_title", "server_error_text"))
        chrome = self.chrome(lang, web_word(title_key, lang), (), "", error=True)
        return self.page(status, "error.html", lang, chrome, message=web_word(text_key, lang, n=MAX_QUERY_BYTES))

    def flow(self, command: str) -> SiteFlow | None:
        return self.site.flows.get(command)

    def submitted(self, lang: str, site_flow: SiteFlow, fields: Fields) -> Answer:
        """A question's form, sent: on to the next page at its canonical address, or the question again with its error."""
        flow, today = site_flow.flow, self.site.day()
        reading = read_answers(flow, fields, today)
        route = walk(flow, reading.answers, today)
        if route.next is not None and route.next.id in reading.problems:
            return self.question(lang, site_flow, route.next, reading, status=422, sent=fields)
        return Redirect(self.next_href(lang, site_flow, reading.answers))

    def next_href(self, lang: str, site_flow: SiteFlow, answers: Mapping[str, Any]) -> str:
        """The page these answers lead to: the next question, or the check page once the route is done."""
        flow = site_flow.flow
        following = walk(flow, answers, self.site.day()).next
        if following is not None:
            return self.question_href(lang, site_flow, following, answers)
        return self.href(lang, flow.command, "check", query=query_string(flow, answers))

    def read(self, site_flow: SiteFlow, fields: Fields) -> Reading:
        return read_answers(site_flow.flow, fields, self.site.day())

    def question_at(self, lang: str, site_flow: SiteFlow, qid: str, fields: Fields) -> Answer:
        """``/q/QUESTION``: that question, if the route reaches it with these answers; else where they lead."""
        reading = self.read(site_flow, fields)
        flow = site_flow.flow
        question = flow.questions.get(qid)
        if question is None:
            return self.error(lang, 404)
        if not reading.canonical:
            return Redirect(self.href(lang, flow.command, "q", qid, query=query_string(flow, reading.answers)))
        without = {k: v for k, v in reading.answers.items() if k != qid}
        if walk(flow, without, self.site.day()).next is not question:
            return Redirect(self.next_href(lang, site_flow, reading.answers))
        return self.question(lang, site_flow, question, reading)

    def question(self, lang: str, site_flow: SiteFlow, question: Question, reading: Reading, status: int = 200, sent: Fields | None = None) -> Page:
        """One question: its answer (or default) chosen, or on a wrong answer what was given and why it is wrong."""
        flow, today = site_flow.flow, self.site.day()
        answers = reading.answers
        without = {k: v for k, v in answers.items() if k != question.id}
        route = walk(flow, without, today)
        position = len(route.answered) + 1
        progress = progress_text(position, total_range(flow, without, today), lang)
        # Back: the question before this one on the route, its answer chosen; before the first, the procedures.
        query = query_string(flow, answers)
        back = self.question_href(lang, site_flow, route.answered[-1], answers, query) if route.answered else self.href(lang)
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
            "text": question.text.get(lang),
            "help": question.help.get(lang) if question.help else "",
            "widget": question.qtype.widget,
            "progress": progress,
            "error": problem.render(lang) if problem is not None else "",
            "text_value": visible(typed),
            "text_hint": web_word("hint_type", lang, example=t(question.qtype.example_key, lang)) if question.qtype.widget == "text" else "",
            "options": self.options(question, chosen, lang),
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
        chrome = self.chrome(lang, question.text.get(lang), parts, query, back=back, error=problem is not None)
        form = {"action": self.href(lang, flow.command), "hidden": hidden}
        return self.page(status, "question.html", lang, chrome, q=view, form=form)

    def options(self, question: Question, chosen: list[str], lang: str) -> list[dict[str, Any]]:
        """The radio buttons or tick boxes of a question, "Not sure" last and set apart."""
        widget = question.qtype.widget
        if widget == "confirm":
            pairs = [("yes", t("yes", lang)), ("no", t("no", lang))]
        elif widget in ("select", "checkbox"):
            pairs = [(str(c.value), c.label.get(lang)) for c in question.choices]
        else:
            pairs = []
        input_type = "checkbox" if widget in ("checkbox", "text") else "radio"
        options = [{"value": v, "label": label, "apart": False} for v, label in pairs]
        if question.unsure:
            options.append({"value": "unsure", "label": t("unsure", lang), "apart": bool(pairs) or widget == "text"})
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

    def _complete(self, lang: str, site_flow: SiteFlow, fields: Fields, page: str) -> Redirect | tuple[Reading, Any]:
        """The answers of a check or checklist address, or where to go instead (not canonical, or not done)."""
        flow = site_flow.flow
        reading = self.read(site_flow, fields)
        if not reading.canonical:
            return Redirect(self.href(lang, flow.command, page, query=query_string(flow, reading.answers)))
        route = walk(flow, reading.answers, self.site.day())
        if route.next is not None:
            return Redirect(self.question_href(lang, site_flow, route.next, reading.answers))
        return reading, route

    def check(self, lang: str, site_flow: SiteFlow, fields: Fields) -> Answer:
        """Check your answers: each with a Change link, then on to the checklist."""
        from ..core.context import Context
        from ..render import answer_label

        found = self._complete(lang, site_flow, fields, "check")
        if isinstance(found, Redirect):
            return found
        reading, route = found
        flow, answers = site_flow.flow, reading.answers
        query = query_string(flow, answers)
        ctx = Context.of(lang, self.site.day())
        rows = [
            {"question": q.text.get(lang), "answer": answer_label(q, answers[q.id], ctx), "change_href": self.question_href(lang, site_flow, q, answers)}
            for q in route.answered
        ]
        back = self.question_href(lang, site_flow, route.answered[-1], answers) if route.answered else self.href(lang)
        chrome = self.chrome(lang, web_word("check_heading", lang), (flow.command, "check"), query, back=back)
        return self.page(
            200, "check.html", lang, chrome, rows=rows, flow_title=flow.title.get(lang), checklist_href=self.href(lang, flow.command, "checklist", query=query)
        )

    def checklist(self, lang: str, site_flow: SiteFlow, fields: Fields) -> Answer:
        """The checklist (the JSON's data, laid out), the files to keep, and the ways back.

        The checklist's fragment is not sanitised on its own: the page goes through the sanitiser once, whole.
        """
        from ..core.checklist import build
        from ..render.context import RenderContext
        from ..shell.exporters import EXPORTERS

        found = self._complete(lang, site_flow, fields, "checklist")
        if isinstance(found, Redirect):
            return found
        reading, route = found
        flow = site_flow.flow
        query = query_string(flow, reading.answers)
        checklist = build(flow, reading.answers, self.site.day(), route)
        downloads = [
            {"href": self.href(lang, flow.command, f"checklist{e.suffixes[0]}", query=query), "filename": f"{flow.command}{e.suffixes[0]}",
             "label": web_word(f"download_{e.name}", lang) if f"download_{e.name}" in catalog(SOURCE_LANGUAGE, "web") else e.name}
            for e in EXPORTERS
        ]
        check = self.href(lang, flow.command, "check", query=query)
        start = self.href(lang, flow.command, "q", flow.start) if flow.start else self.href(lang)
        chrome = self.chrome(lang, flow.title.get(lang), (flow.command, "checklist"), query, back=check)
        return self.page(
            200, "checklist_page.html", lang, chrome, checklist_html=fragment(checklist, RenderContext.of(lang, self.site.day(), flow_links=True), self.flow_target(lang)), downloads=downloads, change_href=check, start_href=start
        )

    def flow_target(self, lang: str) -> Any:
        """Where a flow text's ``{flow:ID}`` leads on this site: that flow's first page in ``lang``, and its title; None if not served."""

        def target(command: str) -> tuple[str, str] | None:
            found = self.site.flows.get(command)
            if found is None:
                return None
            flow = found.flow
            href = self.href(lang, flow.command, "q", flow.start) if flow.start else self.href(lang, flow.command)
            return href, flow.title.get(lang)

        return target

    def download(self, lang: str, site_flow: SiteFlow, fields: Fields, suffix: str) -> Answer:
        """``checklist.md`` and the rest: the bytes ``ssguide FLOW --export FILE`` writes for the same answers."""
        from ..core.checklist import build
        from ..render.context import RenderContext
        from ..shell.exporters import EXPORTERS

        exporter = next((e for e in EXPORTERS if e.suffixes[0] == suffix), None)
        if exporter is None:
            return self.error(lang, 404)
        found = self._complete(lang, site_flow, fields, f"checklist{suffix}")
        if isinstance(found, Redirect):
            return found
        reading, route = found
        checklist = build(site_flow.flow, reading.answers, self.site.day(), route)
        # As `ssguide FLOW --export FILE` writes it: text 80 columns wide, reminders in China's time.
        body = exporter.data(checklist, RenderContext.of(lang, self.site.day()))
        return Download(body, MEDIA_TYPES.get(exporter.name, "application/octet-stream"), f"{site_flow.flow.command}{suffix}")

    def render(self, page: Page) -> bytes:
        """A page's HTML, through the terminal's sanitiser: no control or bidi character reaches the browser."""
        html = jinja().get_template(page.template).render(**page.context, _=words(page.lang))
        return visible(html).encode("utf-8")

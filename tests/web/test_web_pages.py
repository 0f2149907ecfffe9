"""The web pages, in-process: the same engine, answers and checklist as the terminal, one question per page.

Every golden outcome of every flow, in both languages, is fetched as a
checklist page and as the .json download: the download is the terminal's
JSON byte for byte, and the page shows every text that JSON holds, the same
items in the same sections.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import refresh_golden
from support.cli import invoke
from support.web import DAY, attribute_values, client, page_text, squash

from ssguide.authoring import analysis
from ssguide.core.checklist import build
from ssguide.core.engine import total_range, walk
from ssguide.core.qtypes import UNSURE, AnswerError
from ssguide.lang.progress import progress_text
from ssguide.render import today_line, waiting_text
from ssguide.render.context import RenderContext
from ssguide.shell.answers import dump_answers
from ssguide.shell.wizard import interview
from ssguide.web.answers import query_string
from support.context import context

FLOWS = {flow.id: flow for flow in refresh_golden.load_bundled()}
LANGS = ("en", "zh")
SECTIONS = ("steps", "materials", "deadlines", "expect", "notes")


def outcomes(flow_id: str) -> list[dict[str, Any]]:
    found = analysis.analyse(FLOWS[flow_id], context(DAY))
    return [o.answer_dict() for o in (*found.outcomes, *found.unsure_outcomes)]


# ---------------------------------------------------------------- what the JSON holds is on the page


# Keys whose values are for programs (ids, dates, flags), not for people to read.
# "order" and "then" name items and questions by id: the page shows them in that order, checked below.
MACHINE_KEYS = {"id", "kind", "sources", "value", "date", "meaning", "past", "must_act", "estimate", "anchor_date",
                "ssguide", "language", "today", "reviewed", "questions", "why", "order", "then"}


def people_texts(data: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Every string of the checklist's JSON that is meant for people: each must be on the page.

    A field added to the JSON later is included without a change here, so the
    page must show it too.
    """
    if isinstance(data, dict):
        found = []
        for key, value in data.items():
            if key in MACHINE_KEYS:
                continue
            if key == "question" and path[-1:] != ("answers",) and len(path) >= 1 and path[0] != "answers":
                continue  # an id ("why", "find_out", "how_to_find_out"); the answers' "question" is its text
            if key == "answers" and path and path[-1] == "cases":
                continue  # a case's answers: ids and values, worded by its label
            found += people_texts(value, (*path, key))
        return found
    if isinstance(data, list):
        return [text for value in data for text in people_texts(value, (*path, path[-1] if path else ""))]
    if isinstance(data, str) and data.strip():
        return [squash(data)]
    return []


def on_the_web(text: str, lang: str) -> str:
    """A text of the terminal's JSON as the page words it: a pointer at another flow is a link to it, by its title.

    The one difference the page may make (docs/flow-format.md: {flow:ID}); every other character must be there.
    """
    from ssguide.lang.i18n import t

    for flow in FLOWS.values():
        # The title is a link's text: page_text() reads each tag's edge as a space.
        text = text.replace(t("flow_ref", lang, command=flow.command), t("flow_ref_web", lang, title=f" {flow.title.get(lang)} "))
    return squash(text)


def section_items(html: str, key: str) -> list[str]:
    found = re.search(rf'<section class="section-{key}".*?</section>', html, re.DOTALL)
    return attribute_values(found.group(0), "data-item") if found else []


def item_marks(html: str, key: str) -> list[tuple[str, str]]:
    """Each item of a section: its marker as shown, and whether it is shown done (its class)."""
    found = re.search(rf'<section class="section-{key}".*?</section>', html, re.DOTALL)
    items = re.findall(r'<li class="item ([^"]*)"[^>]*>\s*<span class="marker"[^>]*>([^<]*)</span>', found.group(0)) if found else []
    return [(marker, "done" if "done" in classes.split() else "") for classes, marker in items]


def expected_marks(data: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """As the terminal marks them: ✓ for what is done, a number for each step left to do, • for the rest."""
    marks, n = [], 0
    for entry in data[key]:
        if entry["done"]:
            marks.append(("✓", "done"))
        elif key == "steps" and not entry["info"]:
            n += 1
            marks.append((f"{n}.", ""))
        else:
            marks.append(("•", ""))
    return marks


def do_now_lines(html: str) -> list[dict[str, str]]:
    """Do this now's numbered lines in page order, as the JSON's "order" names them."""
    found = re.search(r'<section class="do-now".*?</section>', html, re.DOTALL)
    return [{"action" if kind == "do-now" else "find_out": name}
            for kind, name in re.findall(r'<li[^>]* data-(do-now|find-out)="([^"]*)"', found.group(0))]


@pytest.fixture(scope="module")
def answers_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-answers")


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_outcome_is_the_terminals_checklist(flow_id: str, web: Any, answers_folder: Path) -> None:
    flow = FLOWS[flow_id]
    problems = []
    for n, answers in enumerate(outcomes(flow_id)):
        answers_file = answers_folder / f"{flow_id}-{n}.yaml"
        answers_file.write_text(dump_answers(flow, answers), encoding="utf-8")
        query = query_string(flow, answers)
        for lang in LANGS:
            page = web.get(f"/{lang}/{flow.command}/checklist?{query}")
            download = web.get(f"/{lang}/{flow.command}/checklist.json?{query}")
            terminal = invoke(flow.command, "--answers", str(answers_file), "--no-input", "--format", "json", "--lang", lang)
            assert page.status_code == 200 and download.status_code == 200 and terminal.returncode == 0, (n, lang, page.status_code)
            if download.text != terminal.stdout:
                problems.append(f"{flow_id} outcome {n} ({lang}): the .json download is not the terminal's JSON")
            data = json.loads(terminal.stdout)
            text = page_text(page.text)
            missing = [s for s in people_texts(data) if on_the_web(s, lang) not in text]
            if missing:
                problems.append(f"{flow_id} outcome {n} ({lang}): not on the page: {missing[:3]}")
            for key in SECTIONS:
                if section_items(page.text, key) != [e["id"] for e in data[key]]:
                    problems.append(f"{flow_id} outcome {n} ({lang}): {key} differ from the JSON's")
                if item_marks(page.text, key) != expected_marks(data, key):
                    problems.append(f"{flow_id} outcome {n} ({lang}): {key} are not marked done, numbered or not as the JSON says")
            if attribute_values(page.text, "data-do-now") != [a["id"] for a in data["do_now"]["actions"]]:
                problems.append(f"{flow_id} outcome {n} ({lang}): Do this now differs from the JSON's")
            if do_now_lines(page.text) != data["do_now"]["order"]:
                problems.append(f"{flow_id} outcome {n} ({lang}): Do this now's lines are not in the JSON's order")
            # What the terminal says besides the JSON's texts: the day the dates were weighed against, and
            # with nothing left to do, the one line saying so.
            checklist, ctx = build(flow, answers, context(DAY)), RenderContext.of(lang, DAY)
            for line in (today_line(checklist, ctx), waiting_text(checklist.do_this_now(), ctx)):
                if line is not None and squash(line) not in text:
                    problems.append(f"{flow_id} outcome {n} ({lang}): not on the page: {line!r}")
            if attribute_values(page.text, "data-source") != [s["id"] for s in data["sources"]]:
                problems.append(f"{flow_id} outcome {n} ({lang}): sources differ from the JSON's")
    assert not problems, "\n".join(problems)


def test_people_texts_sees_what_a_page_would_miss() -> None:
    """The check above can fail: a text only in the JSON, and an id it must not ask for."""
    data = {"flow": {"id": "x", "title": "Title"}, "steps": [{"id": "s", "text": "Do it", "why": [{"question": "q", "value": "v"}]}],
            "answers": {"q": {"value": "v", "label": "Yes", "question": "Is it?"}}, "waiting": "A new field"}
    assert people_texts(data) == ["Title", "Do it", "Yes", "Is it?", "A new field"]


def test_the_files_to_download_are_the_terminals_exports(web: Any, tmp_path: Path) -> None:
    """.md, .ics and .txt as `ssguide FLOW --export` writes them, for the same answers."""
    for flow in FLOWS.values():
        answers = max(outcomes(flow.id), key=len)
        (tmp_path / "answers.yaml").write_text(dump_answers(flow, answers), encoding="utf-8")
        for suffix in (".md", ".ics", ".txt"):
            target = tmp_path / f"{flow.id}{suffix}"
            result = invoke(flow.command, "--answers", str(tmp_path / "answers.yaml"), "--no-input", "--export", str(target), "--lang", "zh", "--force", columns=80)
            assert result.returncode == 0, result.stderr
            download = web.get(f"/zh/{flow.command}/checklist{suffix}?{query_string(flow, answers)}")
            assert download.status_code == 200
            assert download.content == target.read_bytes(), (flow.id, suffix)
            assert download.headers["content-disposition"] == f'attachment; filename="{flow.command}{suffix}"'
    assert download.headers["content-type"] == "text/plain; charset=utf-8"


# ---------------------------------------------------------------- one question per page, through the forms


class Form:
    """A question page's form as a browser would send it."""

    def __init__(self, html: str) -> None:
        found = re.search(r'<form method="get" action="([^"]+)"', html)
        assert found, "no form on the page"
        self.action = found.group(1)
        self.fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
        self.question = self.fields[-1][0]  # the blank field of the question asked comes last

    def send(self, web: Any, *values: str) -> Any:
        from html import unescape

        pairs = [(unescape(n), unescape(v)) for n, v in self.fields] + [(self.question, v) for v in values]
        return web.get(f"{self.action}?{urlencode(pairs)}")


def typed(question: Any, value: Any) -> list[str]:
    """What a person picks or types for an answer: a date as Chinese write it, every other as its value."""
    if value is UNSURE:
        return ["unsure"]
    if question.qtype.name == "date":
        return [f"{value.year}年{value.month}月{value.day}日"]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, tuple):
        return list(value)
    return [str(value)]


def walk_forms(web: Any, lang: str, flow: Any, answers: dict[str, Any]) -> tuple[Any, list[str]]:
    """From the home page through every question's form to the check page; the progress shown on the way."""
    home = web.get(f"/{lang}/")
    link = next(h for h in attribute_values(home.text, "href") if h.startswith(f"/{lang}/{flow.command}/"))
    page = web.get(link)
    progress = []
    for _ in range(len(flow.questions) + 1):
        if "/check?" in page.request.url.path + "?" or "/check" in str(page.request.url):
            break
        assert page.status_code == 200, page.text
        progress.append(re.search(r'<span class="caption">([^<]*)</span>', page.text).group(1))
        form = Form(page.text)
        sent = form.send(web, *typed(flow.questions[form.question], answers[form.question]))
        assert sent.status_code == 303, page_text(sent.text)
        page = web.get(sent.headers["location"])
    return page, progress


def terminal_progress(flow: Any, answers: dict[str, Any], lang: str) -> list[str]:
    """The counter the wizard shows before each question, for the same answers (its own loop, scripted)."""
    shown: list[str] = []

    def ask(question: Any, default: Any, can_go_back: bool, progress: str) -> Any:
        shown.append(progress)
        return answers[question.id]

    interview(flow, {}, context(DAY), ask, object(), lambda pos, total: progress_text(pos, total, lang))
    return shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_a_walk_through_the_forms_ends_at_the_checklist(flow_id: str, lang: str, web: Any) -> None:
    flow = FLOWS[flow_id]
    answers = max(outcomes(flow_id), key=len)
    page, progress = walk_forms(web, lang, flow, answers)
    assert urlsplit(str(page.request.url)).path == f"/{lang}/{flow.command}/check"
    assert dict(parse_qsl(urlsplit(str(page.request.url)).query)) == dict(parse_qsl(query_string(flow, answers)))
    assert progress == terminal_progress(flow, answers, lang)  # "Question 2 of 3–5", word for word
    checklist_href = re.search(r'<a class="button" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert web.get(checklist_href).status_code == 200


@pytest.mark.parametrize(
    ("typed_date", "understood"),
    [("2026年11月20日", "2026-11-20"), ("2026/11/20", "2026-11-20"), ("１１月２０日", "2026-11-20"), ("11-20", "2026-11-20"),
     ("今天", "2026-11-23"), ("yesterday", "2026-11-22"), (" 2026-11-20 ", "2026-11-20")],
)
def test_dates_are_read_as_the_terminal_reads_them(typed_date: str, understood: str, web: Any) -> None:
    sent = web.get("/en/emergency?" + urlencode([("situation", "emergency"), ("destination", "other_province"), ("emergency_on", ""), ("emergency_on", typed_date)]))
    assert sent.status_code == 303
    assert f"emergency_on={understood}" in sent.headers["location"]


def test_labels_and_stray_fields_lead_to_the_canonical_address(web: Any) -> None:
    """A value may be given by its label in any language; fields that are not questions (a share's ?from=) are dropped."""
    sent = web.get("/zh/card?" + urlencode([("from", "singlemessage"), ("urgent", "是"), ("reason", "My card is lost"), ("reported", "否")]))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/zh/card/check?reason=lost&reported=no&urgent=yes"
    moved = web.get("/zh/card/check?urgent=yes&reported=no&reason=lost")
    assert moved.status_code == 303 and moved.headers["location"] == "/zh/card/check?reason=lost&reported=no&urgent=yes"


# ---------------------------------------------------------------- wrong answers


def wrong_answers(question: Any) -> list[str]:
    if question.qtype.widget in ("select", "confirm"):
        return ["", "perhaps"]
    if question.qtype.name == "date":
        return ["", "someday", "2199-12-31" if question.max == "today" else "1800-01-01"]
    return ["x" * 600]


@pytest.mark.parametrize("lang", LANGS)
def test_every_wrong_answer_shows_the_question_again_with_its_error(lang: str, web: Any) -> None:
    for flow in FLOWS.values():
        for answers in outcomes(flow.id):
            route = walk(flow, answers, context(DAY)).answered
            for n, question in enumerate(route):
                before = {q.id: answers[q.id] for q in route[:n]}
                for wrong in wrong_answers(question):
                    query = query_string(flow, before) + "&" + urlencode([(question.id, ""), (question.id, wrong)])
                    page = web.get(f"/{lang}/{flow.command}?{query}")
                    assert page.status_code == 422, (flow.id, question.id, wrong, page.status_code)
                    text = page_text(page.text)
                    expected = expected_error(question, wrong, lang)
                    summary = re.search(r'<div class="error-summary".*?</div>', page.text, re.DOTALL).group(0)
                    assert f'href="#{question.id}"' in summary and expected in page_text(summary), (flow.id, question.id, wrong)
                    beside = re.search(rf'<p class="error-message" id="{question.id}-error">(.*?)</p>', page.text, re.DOTALL)
                    assert beside and expected in page_text(beside.group(1))
                    assert text.count(expected) == 2  # in the summary and beside the field
                    assert re.search(r"<title>(Error: |错误：)", page.text)
                    assert f'id="{question.id}"' in page.text  # where the summary's link lands
            break  # one route per flow reaches every question type it has


def expected_error(question: Any, wrong: str, lang: str) -> str:
    from ssguide.lang.messages import Message

    if not wrong:
        key = "answer_missing_choice" if question.qtype.widget in ("select", "confirm") else "answer_missing_text"
        return Message(key).render(lang)
    try:
        question.qtype.coerce(question, wrong, context(DAY))
    except AnswerError as exc:
        return Message("answer_error", value=wrong[:59] + "…" if len(wrong) > 60 else wrong, problem=exc.msg).render(lang)
    raise AssertionError(f"{wrong!r} is a valid answer to {question.id}")


@pytest.mark.parametrize(
    "address",
    [
        "/en/card/q/reported?reason=stolen",  # a question further on
        "/en/card/check?reason=stolen&reported=no&urgent=no",
        "/en/card/checklist?reason=stolen&reported=no&urgent=no",
        "/en/card/checklist.ics?reason=stolen&reported=no&urgent=no",
        "/en/emergency/checklist?situation=emergency&destination=other_province&emergency_on=someday&costs=unpaid",
    ],
)
def test_an_address_holding_a_wrong_answer_shows_that_question_with_its_error(address: str, web: Any) -> None:
    """A link written by hand, or a bookmark from before a flow changed: the wrong answer is said, never silently dropped."""
    page = web.get(address)
    assert page.status_code == 422, (address, page.status_code, page.headers.get("location"))
    qid, wrong = ("emergency_on", "someday") if "someday" in address else ("reason", "stolen")
    summary = re.search(r'<div class="error-summary".*?</div>', page.text, re.DOTALL).group(0)
    assert f'href="#{qid}"' in summary and f"“{wrong}”" in page_text(summary), page_text(summary)
    assert page.headers["cache-control"] == "no-store"


def test_an_answer_the_route_never_asks_is_dropped_even_when_wrong(web: Any) -> None:
    """Only the route's answers are the person's: a leftover (here "reported" on a first card) leads to the address without it."""
    page = web.get("/en/card/check?reason=new&reported=perhaps&urgent=no")
    assert page.status_code == 303
    assert page.headers["location"] == "/en/card/check?reason=new&urgent=no"


def test_a_wrong_date_is_typed_again_as_it_was_written(web: Any) -> None:
    page = web.get("/zh/emergency?" + urlencode([("situation", "emergency"), ("destination", "other_province"), ("emergency_on", ""), ("emergency_on", "明年")]))
    assert page.status_code == 422
    assert 'value="明年"' in page.text
    assert "不是能识别的日期" in page_text(page.text)


# ---------------------------------------------------------------- Back, Change, "not sure"


def test_back_offers_the_previous_answer_again(web: Any) -> None:
    page = web.get("/en/card/q/reported?reason=lost")
    back = re.search(r'<a class="back-link" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert back == "/en/card/q/reason?reason=lost"
    previous = web.get(back)
    assert previous.status_code == 200
    assert re.search(r'value="lost" checked', previous.text)
    assert Form(previous.text).fields == [("reason", "")]  # its own answer is the form's to send again
    first_back = re.search(r'<a class="back-link" href="([^"]+)"', previous.text).group(1)
    assert first_back == "/en/"


def test_change_keeps_the_answers_the_new_route_still_needs(web: Any) -> None:
    """As in the terminal: changing one answer asks only what the change brings onto the route."""
    flow = FLOWS["apply-child"]
    answers = {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True, "accepted_on": DAY}
    check = web.get(f"/en/apply-child/check?{query_string(flow, answers)}")
    assert check.status_code == 200
    change = next(h for h in attribute_values(check.text, "href") if "/q/low_income?" in h).replace("&amp;", "&")
    page = web.get(change)
    assert re.search(r'value="no" checked', page.text)
    sent = Form(page.text).send(web, "yes")
    assert sent.status_code == 303
    landed = sent.headers["location"]
    following = walk(flow, {**answers, "low_income": True}, context(DAY)).next
    expected = f"/q/{following.id}?" if following else "/check?"
    assert expected in landed and "accepted_on=2026-11-23" in landed


def test_not_sure_is_offered_where_the_flow_allows_it(web: Any) -> None:
    page = web.get("/en/apply-child/q/low_income?route=school")
    assert re.search(r'<p class="or">or</p>\s*<div class="choice">\s*<input type="radio" id="low_income-unsure" name="low_income" value="unsure"', page.text)
    dated = web.get("/zh/apply-child/q/accepted_on?route=not_in_school&low_income=no&card_accepted=yes")
    assert re.search(r'<p class="or">或</p>\s*<div class="choice">\s*<input type="checkbox" id="accepted_on-unsure" name="accepted_on" value="unsure"', dated.text)
    sent = web.get("/en/apply-child?" + urlencode([("route", "not_in_school"), ("low_income", "no"), ("card_accepted", "yes"), ("accepted_on", ""), ("accepted_on", "unsure")]))
    assert sent.status_code == 303 and "accepted_on=unsure" in sent.headers["location"]
    both = web.get("/en/apply-child?" + urlencode([("route", "not_in_school"), ("low_income", "no"), ("card_accepted", "yes"), ("accepted_on", ""), ("accepted_on", "2026-11-02"), ("accepted_on", "unsure")]))
    assert both.status_code == 422 and "not both" in page_text(both.text)


def test_progress_is_the_wizards_counter(web: Any) -> None:
    flow = FLOWS["offsite"]
    answers: dict[str, Any] = {}
    page = web.get(f"/en/offsite/q/{flow.start}")
    position = 1
    assert progress_text(position, total_range(flow, answers, context(DAY)), "en") in page.text


# ---------------------------------------------------------------- every page


PAGES = ["/en/", "/zh/", "/en/card/q/reason", "/zh/card/check?reason=lost&reported=no&urgent=yes", "/en/card/checklist?reason=lost&reported=no&urgent=yes",
         "/en/card?reason=", "/en/nowhere", "/fr/"]


@pytest.mark.parametrize("address", PAGES)
def test_every_page_says_its_language_and_links_the_other(address: str, web: Any) -> None:
    page = web.get(address, headers={"accept-language": "zh-CN,zh;q=0.9"})
    lang = "zh" if address.startswith(("/zh/", "/fr/")) else "en"
    html_lang = {"en": "en", "zh": "zh-CN"}[lang]
    assert f'<html lang="{html_lang}">' in page.text
    assert page.headers["content-language"] == lang
    other = "/en/" if lang == "zh" else "/zh/"
    assert any(h.startswith(other) for h in attribute_values(page.text, "href"))
    assert 'rel="stylesheet"' in page.text and "<script" not in page.text and "style=" not in page.text


def test_home_follows_accept_language(web: Any) -> None:
    for header, lang in [("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("en-GB,en;q=0.9", "en"), ("fr-FR, zh-TW;q=0.5", "zh"), ("", "en"), ("zh;q=0, en;q=0.5", "en")]:
        answer = web.get("/", headers={"accept-language": header})
        assert answer.status_code == 302 and answer.headers["location"] == f"/{lang}/", header
        assert answer.headers["vary"] == "Accept-Language"
    home = web.get("/zh/")
    for flow in FLOWS.values():
        assert flow.title.get("zh") in page_text(home.text)


def test_the_situation_never_starts_a_line_with_its_separator(web: Any) -> None:
    """As on the terminal: the ' · ' between two answers ends a line and never starts one (a no-break space before it)."""
    page = web.get("/en/card/checklist?reason=lost&reported=no&urgent=yes")
    situation = re.search(r'<p class="situation">(.*?)</p>', page.text, re.S).group(1)
    assert "\u00a0· " in situation and " · " not in situation.replace("\u00a0· ", "")


# ---------------------------------------------------------------- where the person is: done, overdue, waiting


def checklist_on(day: str, address: str) -> str:
    from datetime import date

    with client(date.fromisoformat(day)) as web:
        page = web.get(address)
    assert page.status_code == 200, (address, page.status_code, page.headers.get("location"))
    return page.text


def section_html(html: str, css_class: str) -> str:
    return re.search(rf'<section class="{css_class}".*?</section>', html, re.DOTALL).group(0)


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_accepted_weeks_ago_is_asked_about_first_and_the_steps_before_it_are_ticked(lang: str) -> None:
    """apply-child, school, card-making accepted on 2026-11-02, seen on 2026-12-07: the README's example."""
    html = checklist_on("2026-12-07", f"/{lang}/apply-child/checklist?route=school&low_income=no&poor_family=no&card_accepted=yes&accepted_on=2026-11-02")
    text = page_text(html)
    assert {"en": "Today: 2026-12-07", "zh": "今天：2026年12月7日"}[lang] in text
    do_now = section_html(html, "do-now")
    assert re.findall(r'<li class="urgent" data-do-now="([^"]+)"', do_now) == ["school-card-deadline"]
    assert {"en": "The school should have had your child's card by 2026-11-30",
            "zh": "学校本应在2026年11月30日前领到少儿医保卡"}[lang] in page_text(do_now)
    steps = item_marks(html, "steps")
    assert steps[:5] == [("✓", "done")] * 5 and steps[5] == ("•", "")  # the school hands the card out: information
    assert all(mark != "1." for mark, _ in steps)  # nothing left to do is numbered
    done_said = {"en": "Done: ", "zh": "已完成："}[lang]
    assert html.count(f'<span class="visually-hidden">{done_said}</span>') == 5 + 3  # the steps and the materials


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_accepted_lately_leaves_only_waiting(lang: str) -> None:
    html = checklist_on("2026-12-07", f"/{lang}/apply-child/checklist?route=not_in_school&low_income=no&card_accepted=yes&accepted_on=2026-11-30")
    do_now = section_html(html, "do-now")
    assert "<ol>" not in do_now  # nothing to number
    waiting = re.search(r'<p class="waiting"><strong>(.*?)</strong>', do_now, re.DOTALL)
    assert waiting and {"en": "Nothing to do now but wait until", "zh": "目前只需等待"}[lang] in waiting.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_an_emergency_report_window_gone_by_leads_do_this_now_with_what_still_helps(lang: str) -> None:
    html = checklist_on(
        "2026-12-07",
        f"/{lang}/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-12-01&reported=no&costs=unpaid&networked=networked",
    )
    do_now = section_html(html, "do-now")
    first = re.search(r'<li class="urgent" data-do-now="([^"]+)"><strong>(.*?)</strong>', do_now, re.DOTALL)
    assert first and do_now.index(first.group(0)) == do_now.index("<li")  # the first line of Do this now
    deadlines = section_html(html, "section-deadlines")
    assert 'class="item item-deadline past"' in deadlines
    assert {"en": "What still helps", "zh": "目前仍可办理"}[lang] in page_text(deadlines)


@pytest.mark.parametrize("lang", LANGS)
def test_a_pointer_at_another_flow_is_a_link_to_its_first_page_in_the_same_language(lang: str, web: Any) -> None:
    """card's note says "run `ssguide offsite`" on the terminal; on the web it links to offsite's first question."""
    page = web.get(f"/{lang}/card/checklist?reason=lost&reported=no&urgent=yes")
    offsite = FLOWS["offsite"]
    link = re.search(r'<a class="flow-link" href="([^"]+)">([^<]+)</a>', page.text)
    assert link and link.group(1) == f"/{lang}/offsite/q/{offsite.start}" and link.group(2) == offsite.title.get(lang)
    assert web.get(link.group(1)).status_code == 200
    assert "ssguide offsite" not in page_text(page.text) and "{flow:" not in page.text
    download = web.get(f"/{lang}/card/checklist.md?reason=lost&reported=no&urgent=yes")
    assert "ssguide offsite" in download.text  # the files say it as the terminal does


def test_a_pointer_at_a_flow_the_site_does_not_serve_is_worded_as_on_the_terminal(tmp_path: Path) -> None:
    from support.cli import TINY_FLOW

    pointing = TINY_FLOW.replace("id: demo", "id: pointing").replace("text: Do it.", "text: Do it. Also {flow:offsite}.")
    (tmp_path / "pointing.yaml").write_text(pointing, encoding="utf-8")
    with client(folder=tmp_path) as own:
        answers = "route=school&treated=2026-11-20"
        page = own.get(f"/en/pointing/checklist?{answers}")
    assert page.status_code == 200, page.status_code
    assert "Do it. Also run `ssguide offsite`." in page_text(page.text) and "flow-link" not in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_date_to_act_by_sits_under_its_item_and_a_find_out_line_shows_what_each_answer_brings(lang: str) -> None:
    """H2, H3, H5 on the web, from the JSON's data: "Some places ask by …" inside the item's own line; the find-out line
    with whom to ask, its citation, and under it the dated line each answer would bring."""
    html = checklist_on(
        "2026-12-07",
        f"/{lang}/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-12-07&reported=no&costs=paid",
    )
    do_now = section_html(html, "do-now")
    assert 'class="act-by"' not in do_now
    item = re.search(r'<li data-do-now="em-deadline">(.*?)</li>', do_now, re.DOTALL)
    assert item and {"en": "Some places ask by 2026-12-10", "zh": "部分地区要求在2026年12月10日前告知"}[lang] in page_text(item.group(1))
    html = checklist_on(
        "2026-12-07",
        f"/{lang}/apply-child/checklist?route=school&low_income=no&poor_family=unsure&card_accepted=yes&accepted_on=2026-11-08",
    )
    do_now = section_html(html, "do-now")
    found = re.search(r'<li class="find-out" data-find-out="poor_family">(.*?)</li>', do_now, re.DOTALL)
    assert found and '<a class="cite"' in found.group(1)
    assert {"en": "Find out whether the school counts your child as from a poor family", "zh": "请查明孩子在学校是否被列为困难家庭学生"}[lang] in page_text(found.group(1))
    assert re.findall(r'data-case-item="([^"]+)"', found.group(1)) == ["home-card-collect", "school-card-deadline"]


@pytest.mark.parametrize("page", ["check", "checklist", "checklist.md", "checklist.json", "checklist.ics"])
def test_a_finished_address_with_answers_the_route_never_asked_is_sent_to_the_one_without_them(page: str, web: Any) -> None:
    """card: a new card is never reported lost. One checklist, one address: the canonical one holds the route's answers only."""
    answer = web.get(f"/en/card/{page}?reason=new&reported=no&urgent=yes", headers={"host": "evil.example"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/en/card/{page}?reason=new&urgent=yes"
    assert web.get(answer.headers["location"]).status_code == 200


def test_a_form_that_finishes_the_route_leads_to_the_check_page_without_answers_left_behind(web: Any) -> None:
    sent = web.get("/en/card?reason=new&reported=no&urgent=&urgent=yes")
    assert sent.status_code == 303 and sent.headers["location"] == "/en/card/check?reason=new&urgent=yes"
    # A question page keeps them: change the reason back to "lost", and "reported" is still chosen.
    back = web.get("/en/card/q/reason?reason=new&reported=no&urgent=yes")
    assert back.status_code == 200 and 'name="reported" value="no"' in back.text


def test_the_checklist_header_names_the_day_once(web: Any) -> None:
    """"Generated on" and "Today" both said the same day: "Today" where a date was weighed against it, else "Generated on"."""
    dated = web.get("/en/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-11-18&reported=no&costs=unpaid&networked=networked")
    text = page_text(dated.text)
    assert text.count("Today: 2026-11-23") == 1 and "Generated on" not in text
    undated = page_text(web.get("/en/card/checklist?reason=lost&reported=no&urgent=yes").text)
    assert "Generated on 2026-11-23 · ssguide" in undated and "Today:" not in undated
    assert page_text(web.get("/zh/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-11-18&reported=no&costs=unpaid&networked=networked").text).count("2026年11月23日") == 1


def test_because_is_folded_under_each_item_without_script(web: Any) -> None:
    for lang, summary, because in (("en", "Why this is listed", "Because: "), ("zh", "为什么列出此项", "依据回答：")):
        html = web.get(f"/{lang}/offsite/checklist?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure").text
        folded = re.findall(r'<details class="why"><summary>([^<]*)</summary><p>([^<]*)</p></details>', html)
        assert folded and all(s == summary and p.startswith(because) for s, p in folded), folded[:2]
        assert html.count('class="why"') == len(folded)  # every one folded, none open
        assert "<script" not in html


def test_a_date_on_the_checklist_is_kept_on_one_line(web: Any) -> None:
    """At 375 px "Some places ask by 2026-11-" ended a line and "24" began the next."""
    for lang, date in (("en", "2026-11-24"), ("zh", "2026年11月24日")):
        html = web.get(f"/{lang}/offsite/checklist?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure").text
        do_now = re.search(r'<section class="do-now".*?</section>', html, re.DOTALL).group(0)
        dates = re.findall(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日", do_now)
        assert date in dates and do_now.count('<span class="date">') == len(dates), do_now
    css = (Path(__file__).resolve().parents[2] / "src/ssguide/web/static/ssguide.css").read_text(encoding="utf-8")
    assert ".date { white-space: nowrap; }" in css


def test_a_date_inside_a_links_address_is_left_as_it_is() -> None:
    """Review: the nowrap span went into a flow link's href when the address held a date (a root path
    /v/2026-01-01), closing the attribute: every flow link of the checklist broke."""
    from markupsafe import Markup

    from ssguide.web.html import dates_whole

    text = Markup('Go to <a class="flow-link" href="/v/2026-01-01/en/offsite/q/stay">Off-site</a> by 2026-01-02.')
    assert str(dates_whole(text)) == (
        'Go to <a class="flow-link" href="/v/2026-01-01/en/offsite/q/stay">Off-site</a> by <span class="date">2026-01-02</span>.'
    )


@pytest.mark.parametrize(
    ("query", "lang", "shown", "not_shown"),
    [
        ("route=not_in_school&low_income=no", "en", "The guardian goes through this procedure at the social security agency", "school"),
        ("route=school&low_income=no&poor_family=no", "en", "On the school route the school goes through this procedure: ask the school.", "agency"),
        ("route=school&low_income=no&poor_family=yes", "zh", "制卡手续由监护人到孩子户籍所在地社保经办机构办理", "学校"),
        ("route=school&low_income=no&poor_family=no", "zh", "通过学校办理的，制卡手续由学校办理，可向学校询问。", "社保经办机构"),
    ],
)
def test_a_question_s_help_is_the_one_for_the_answers_before_it(query: str, lang: str, shown: str, not_shown: str, web: Any) -> None:
    """apply-child's card_accepted told a guardian to ask the school; the page shows the help of the route taken."""
    page = web.get(f"/{lang}/apply-child/q/card_accepted?{query}")
    assert page.status_code == 200
    hint = page_text(re.search(r'<p[^>]*id="card_accepted-hint"[^>]*>.*?</p>', page.text, re.DOTALL).group(0))
    assert shown in hint and not_shown not in hint, hint

"""What the web answers to bad and hostile requests: a page that says what happened and a 4xx, never a 500.

No control or bidi character reaches any page (the terminal's sanitiser has
the last word), markup from a request is escaped, and the bounds on the
address hold before anything of it is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.cli import TINY_FLOW
from support.web import client, page_text

from ssguide.web.answers import MAX_FIELDS, MAX_QUERY_BYTES

# C0 (but tab and newline), DEL, C1, bidi controls and separators: what safetext.visible shows as <U+XXXX>.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def assert_safe(answer: Any) -> None:
    assert answer.status_code < 500, answer.status_code
    assert not UNSAFE.search(answer.text), UNSAFE.search(answer.text)
    assert "Traceback" not in answer.text
    assert "set-cookie" not in answer.headers
    for name, value in SECURITY.items():
        assert answer.headers[name] == value
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy


@pytest.mark.parametrize(
    ("address", "status", "says"),
    [
        ("/en/card?" + "reason=lost&" * (MAX_QUERY_BYTES // 12 + 1), 414, "This address is too long"),
        ("/zh/card/q/reason?" + "x=1&" * (MAX_FIELDS + 1), 400, "无法读取此网址"),
        ("/en/card/q/reason?reason=%ff%fe", 400, "This address cannot be read"),
        ("/en/" + "a" * 2000, 414, "This address is too long"),
        ("/en/card/q/reason/" + "a/" * 600, 414, "This address is too long"),
        ("/en/nowhere", 404, "Page not found"),
        ("/en/card/q/nowhere", 404, "Page not found"),
        ("/en/card/checklist.exe?reason=lost", 404, "Page not found"),
        ("/en/..%2f..%2fetc%2fpasswd", 404, "Page not found"),
        ("/de/card", 404, "Page not found"),
        ("/static/ssguide.css", 404, "Page not found"),
        ("/static/..%2f..%2f__init__.py", 404, "Page not found"),
    ],
)
def test_a_bad_address_gets_a_page_that_says_so(address: str, status: int, says: str, web: Any) -> None:
    answer = web.get(address)
    assert answer.status_code == status
    assert says in page_text(answer.text)
    assert answer.headers["cache-control"] == "no-store"
    assert_safe(answer)


def test_only_reading_is_allowed(web: Any) -> None:
    for method in ("POST", "PUT", "DELETE"):
        answer = web.request(method, "/en/card", content=b"reason=lost")
        assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD"
        assert "This page can only be read" in page_text(answer.text)
        assert_safe(answer)


@pytest.mark.parametrize(
    "value",
    ["\x1b]0;owned\x07", "\x1b[2J\x1b[H", "lost\u202egnp.exe", "<script>alert(1)</script>", "\" onfocus=\"alert(1)", "\x00", "\u2028\u2029", "\x9b31m"],
)
def test_a_hostile_answer_is_refused_and_shown_harmless(value: str, web: Any) -> None:
    for lang in ("en", "zh"):
        answer = web.get(f"/{lang}/card?" + urlencode([("reason", ""), ("reason", value)]))
        assert answer.status_code == 422
        assert_safe(answer)
        assert "<script>" not in answer.text and 'onfocus="' not in answer.text
        summary = page_text(re.search(r'<div class="error-summary".*?</div>', answer.text, re.DOTALL).group(0))
        assert "<U+" in summary or "&" not in value  # a control shown by its code point, markup as text


def text_question_flow(folder: Path, qtype: str = "text", text: str = "Which hospital?") -> None:
    """TINY_FLOW with a text question (or another typed one) in place of the date, and no deadline counted
    from it, as ``folder/demo.yaml``."""
    flow = TINY_FLOW.split("  - id: claim-by")[0].replace("""  - id: treated
    type: date
    text: When were you treated?""", f"""  - id: treated
    type: {qtype}
    unsure: true
    text: {text}""")
    (folder / "demo.yaml").write_text(flow, encoding="utf-8")


def test_a_text_answer_with_control_characters_is_refused_as_the_terminal_refuses_it(tmp_path) -> None:
    text_question_flow(tmp_path)
    with client(folder=tmp_path) as web:
        refused = web.get("/en/demo?" + urlencode([("route", "school"), ("treated", ""), ("treated", "St Mary\x1b[31m")]))
        assert refused.status_code == 422
        assert "control characters" in page_text(refused.text)
        assert 'value="St Mary&lt;U+001B&gt;[31m"' in refused.text
        assert_safe(refused)
        taken = web.get("/en/demo?" + urlencode([("route", "school"), ("treated", ""), ("treated", "St Mary's <b>")]))
        assert taken.status_code == 303
        check = web.get(taken.headers["location"])
        assert "St Mary&#39;s &lt;b&gt;" in check.text
        assert_safe(check)


@pytest.mark.parametrize("value", ["5\x1c", "\t5", "5\n", "\x855", "５\x1f", "5\x7f", "not\x1fsure"])
def test_a_number_answer_with_control_characters_is_refused_as_the_terminal_refuses_it(value: str, tmp_path) -> None:
    """int() and float() took U+001C-U+001F, U+0085, tabs and line breaks for spaces: "5\\x1c" was 5."""
    text_question_flow(tmp_path, "number", "How many days were you in hospital?")
    with client(folder=tmp_path) as web:
        for lang, says in (("en", "not accepted: it contains control characters"), ("zh", "含有控制字符")):
            refused = web.get(f"/{lang}/demo?" + urlencode([("route", "school"), ("treated", ""), ("treated", value)]))
            assert refused.status_code == 422
            assert 'id="treated"' in refused.text  # the question again
            assert says in page_text(re.search(r'<p class="error-message".*?</p>', refused.text, re.DOTALL).group(0))
            assert_safe(refused)
        taken = web.get("/en/demo?" + urlencode([("route", "school"), ("treated", ""), ("treated", " 5 ")]))
        assert taken.status_code == 303 and taken.headers["location"] == "/en/demo/check?route=school&treated=5"


@pytest.mark.parametrize("qtype", ["text", "number", "date"])
def test_a_field_of_control_characters_alone_is_refused_not_taken_for_a_blank_one(qtype: str, tmp_path) -> None:
    """str.strip() takes U+001C as a space: such a field read as empty, and a text question took it as no text."""
    text_question_flow(tmp_path, qtype, "Your answer?")
    with client(folder=tmp_path) as web:
        refused = web.get("/en/demo?" + urlencode([("route", "school"), ("treated", ""), ("treated", "\x1c")]))
        assert refused.status_code == 422
        assert "not accepted: it contains control characters" in page_text(refused.text)
        assert_safe(refused)


@pytest.mark.parametrize("separator", ["%E2%80%A8", "%E2%80%A9"])
@pytest.mark.parametrize("page", ["q/urgent", "check", "checklist", "checklist.ics"])
def test_an_address_with_a_unicode_line_separator_in_an_answer_shows_the_question_with_its_error(page: str, separator: str, web: Any) -> None:
    """reported=<U+2028>no was read as no (str.strip() takes the separator for a space), and sent on (303)
    to the address without it: an answer is one line, here as in the terminal."""
    answer = web.get(f"/en/card/{page}?reason=lost&reported={separator}no&urgent=yes")
    assert answer.status_code == 422, answer.headers.get("location")
    assert answer.headers["cache-control"] == "no-store"
    text = page_text(answer.text)
    assert "not accepted: it contains control characters" in text and f"<U+{'2028' if separator.endswith('8') else '2029'}>no" in text
    assert_safe(answer)


def test_a_strange_accept_language_is_only_a_language_not_chosen(web: Any) -> None:
    for header in ["\x00zh", "zh;q=abc", ";;;,,,", "x" * 10_000, "zh-CN;q=0.5," * 500]:
        answer = web.get("/", headers={"accept-language": header})
        assert answer.status_code == 302 and answer.headers["location"] in ("/en/", "/zh/")


PATHS = ["/en/card", "/zh/card/q/reason", "/en/apply-child/check", "/zh/offsite/checklist", "/en/emergency/checklist.ics", "/en/shenzhen/q/city"]


@settings(max_examples=60)
@given(
    path=st.sampled_from(PATHS),
    pairs=st.lists(
        st.tuples(st.sampled_from(["reason", "urgent", "route", "situation", "emergency_on", "accepted_on", "city", "x", ""]), st.text(max_size=30)),
        max_size=8,
    ),
)
def test_any_query_gets_a_page_or_a_redirect_never_a_fault(path: str, pairs: list[tuple[str, str]]) -> None:
    web = _shared_client()
    answer = web.get(f"{path}?{urlencode(pairs, quote_via=quote)}")
    assert answer.status_code in (200, 303, 400, 404, 422), answer.status_code
    if answer.status_code != 303:
        assert_safe(answer)
    else:
        assert not UNSAFE.search(answer.headers["location"])


_CLIENT: list[Any] = []


def _shared_client() -> Any:
    """One client for every example of the property test (a fixture would not be reset between examples anyway)."""
    if not _CLIENT:
        _CLIENT.append(client())
    return _CLIENT[0]


def test_headers_of_every_kind_of_answer(web: Any) -> None:
    page = web.get("/en/card/q/reason")
    assert page.headers["cache-control"] == "public, max-age=600"
    etag = page.headers["etag"]
    again = web.get("/en/card/q/reason", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert web.get("/en/card/q/reason?", headers={"if-none-match": etag}).status_code in (200, 304)
    other = web.get("/zh/card/q/reason")
    assert other.headers["etag"] != etag
    css = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    sheet = web.get(css)
    assert sheet.status_code == 200 and sheet.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert sheet.headers["content-type"] == "text/css; charset=utf-8"
    for answer in (page, web.get("/en/card?reason=lost"), web.get("/en/card?reason="), sheet, web.get("/")):
        assert_safe(answer)


def test_no_page_with_answers_is_kept_in_memory_and_those_without_stay_few() -> None:
    """Pages that hold answers are drawn for their request and forgotten; only home pages and first questions are kept.

    However many addresses are asked for (answers, wrong answers, the same
    page spelt in other ways), what is kept is at most one page per language
    and flow, and holds no answer.
    """
    from datetime import date

    from ssguide.web.pages import LANGUAGES

    with client() as web:
        flows = ["card", "apply-child", "offsite", "emergency", "shenzhen"]
        for lang in ("en", "zh"):
            assert web.get(f"/{lang}/").status_code == 200
            for flow in flows:
                first = web.get(f"/{lang}/{flow}/q/nowhere")  # 404: not kept
                assert first.status_code == 404
        answered = [
            "/en/card/q/reported?reason=lost", "/en/card/check?reason=lost&reported=no&urgent=yes",
            "/en/card/checklist?reason=lost&reported=no&urgent=yes", "/en/card/checklist.json?reason=lost&reported=no&urgent=yes",
            "/zh/emergency?situation=emergency&destination=other_province&emergency_on=&emergency_on=2026-11-17",
            "/en/emergency/q/reported?situation=emergency&destination=other_province&emergency_on=2026-11-17",
            "/en/card/q/reason?reason=lost", "/en/card/q/%72eason", "/en/card/q/reason", "/%65n/", "/en/card/q/urgent",
        ]
        for address in answered:
            assert web.get(address).status_code in (200, 303, 422), address
        kept = web.app.state.unanswered.kept
        assert set(kept) == {("en", None, None), ("zh", None, None), ("en", "card", "reason")}
        assert len(kept) <= len(LANGUAGES) * (1 + len(flows))
        for body in kept.values():
            assert b"2026-11-17" not in body and b"reason=lost" not in body
        # Another day: nothing of the day before is served.
        web.app.state.unanswered.put(date(2030, 1, 1), ("en", None, None), b"old")
        assert web.get("/en/").content != b"old"


def test_a_page_whose_language_came_from_the_browser_is_not_kept_for_the_next_visitor(web: Any) -> None:
    """/fr/ is a 404 in the visitor's language: never the first visitor's language served to the next."""
    assert "找不到该页面" in page_text(web.get("/fr/", headers={"accept-language": "zh-CN"}).text)
    assert "Page not found" in page_text(web.get("/fr/", headers={"accept-language": "en"}).text)


def test_a_browser_that_has_the_page_gets_304_from_a_fresh_worker_too() -> None:
    """The ETag names the address, the flows and the day, so any worker can answer 304 without drawing."""
    with client() as first, client() as second:
        etag = first.get("/zh/card/q/reported?reason=lost").headers["etag"]
        again = second.get("/zh/card/q/reported?reason=lost", headers={"if-none-match": f'W/{etag}, "other"'})
        assert again.status_code == 304 and again.headers["etag"] == etag


MULTI_FLOW = """\
id: multi
title: Multi
sources:
  - id: s1
    title: Source one
    citation: one.txt
questions:
  - id: papers
    type: multi
    text: Which papers do you have?
    unsure: true
    choices:
      - {value: id card, label: ID card}
      - {value: hukou, label: Household register}
items:
  - id: always
    kind: step
    text: Do it.
    source: s1
  - id: bring-id
    kind: material
    text: Your ID card.
    when: {papers: {in: [id card]}}
    source: s1
"""


def test_tick_boxes_send_each_choice_and_none_is_an_answer_too(tmp_path) -> None:
    (tmp_path / "multi.yaml").write_text(MULTI_FLOW, encoding="utf-8")
    with client(folder=tmp_path) as web:
        page = web.get("/en/multi/q/papers")
        assert re.findall(r'<input type="checkbox" id="([^"]+)" name="papers" value="([^"]*)"', page.text) == [
            ("papers", "id card"), ("papers-1", "hukou"), ("papers-unsure", "unsure")]
        both = web.get("/en/multi?papers=&papers=id+card&papers=hukou")
        assert both.headers["location"] == "/en/multi/check?papers=id+card&papers=hukou"
        assert "ID card, Household register" in page_text(web.get(both.headers["location"]).text)
        none = web.get("/en/multi?papers=")
        assert none.headers["location"] == "/en/multi/check?papers="
        checklist = web.get("/en/multi/checklist?papers=")
        assert checklist.status_code == 200 and "Your ID card." not in page_text(checklist.text)
        unsure = web.get("/en/multi?papers=&papers=hukou&papers=unsure")
        assert unsure.headers["location"] == "/en/multi/check?papers=unsure"
        again = web.get("/en/multi/q/papers?papers=id+card")
        assert re.search(r'value="id card" checked', again.text) and not re.search(r'value="hukou" checked', again.text)
        wrong = web.get("/en/multi?papers=&papers=passport")
        assert wrong.status_code == 422 and "passport" in page_text(wrong.text)


EMERGENCY_TO_DATE = [("situation", "emergency"), ("destination", "other_province"), ("emergency_on", "")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2026-11\x01-20", "2026-11<U+0001>-20"), ("2026-11-20\u202e", "2026-11-20<U+202E>"), ("2026-11\x1c-20", "2026-11<U+001C>-20"), ("<U+0001>", "<U+0001>")],
)
def test_an_answer_shown_back_in_an_error_shows_its_controls_as_text_never_as_markup(value: str, shown: str, web: Any) -> None:
    """The visible form <U+XXXX> holds < and >: written raw, a browser reads a tag and hides it (and what follows)."""
    for lang in ("en", "zh"):
        answer = web.get(f"/{lang}/emergency?" + urlencode([*EMERGENCY_TO_DATE, ("emergency_on", value)]))
        assert answer.status_code == 422
        assert "<U+" not in answer.text
        message = page_text(re.search(r'<p class="error-message".*?</p>', answer.text, re.DOTALL).group(0))
        assert shown in message, message
        summary = page_text(re.search(r'<div class="error-summary".*?</div>', answer.text, re.DOTALL).group(0))
        assert shown in summary, summary
        assert f'value="{shown.replace("<", "&lt;").replace(">", "&gt;")}"' in answer.text
        assert_safe(answer)


def test_a_text_answer_with_a_bidi_control_is_shown_as_text_on_every_page_that_shows_it(tmp_path) -> None:
    text_question_flow(tmp_path)
    with client(folder=tmp_path) as web:
        query = urlencode([("route", "school"), ("treated", "St Mary\u202egnp.exe")])
        for page in ("check", "checklist"):
            answer = web.get(f"/en/demo/{page}?{query}")
            assert answer.status_code == 200
            assert "<U+" not in answer.text and "St Mary&lt;U+202E&gt;gnp.exe" in answer.text
            assert "St Mary<U+202E>gnp.exe" in page_text(answer.text)
            assert_safe(answer)
        question = web.get(f"/en/demo/q/treated?{query}")
        assert 'value="St Mary&lt;U+202E&gt;gnp.exe"' in question.text and "<U+" not in question.text


HOSTILE_HOST = {"host": "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "forwarded": "host=evil.example;proto=https"}


@pytest.mark.parametrize(
    ("address", "location"),
    [
        ("/en/card/check/?reason=lost&reported=no", "/en/card/check?reason=lost&reported=no"),
        ("/en/card/q/reason/", "/en/card/q/reason"),
        ("/zh/card/", "/zh/card"),
        ("/en/card/checklist.md/?reason=lost", "/en/card/checklist.md?reason=lost"),
        ("/en", "/en/"),
    ],
)
def test_a_trailing_slash_redirect_is_a_path_whatever_host_the_request_names(address: str, location: str, web: Any) -> None:
    """Starlette's redirect_slashes wrote an absolute address from the Host and X-Forwarded-* headers: an open
    redirect, and behind a cache a poisoned one. The Location is a path on this site, nothing else."""
    answer = web.get(address, headers=HOSTILE_HOST)
    assert answer.status_code == 301
    assert answer.headers["location"] == location
    assert "evil" not in str(answer.headers).lower()
    assert_safe(answer)


@pytest.mark.parametrize("address", ["/evil.com/x/", "/static/x/", "/xx/card/", "/en/nosuchflow/", "/en/nosuchflow/q/a/"])
def test_only_a_page_is_redirected_to_its_address_without_the_slash(address: str, web: Any) -> None:
    """Review: any route-shaped path got a cacheable 301 (to a page that is not there); now it is the 404 it is."""
    answer = web.get(address)
    assert answer.status_code == 404 and "location" not in answer.headers


@pytest.mark.parametrize("address", ["//evil.example/", "/%2F%2Fevil.example/", "/en/%2F%2Fevil.example/", "/static/%2F%2Fevil.example/", "/en//evil.example/"])
def test_no_address_leads_off_the_site(address: str, web: Any) -> None:
    answer = web.get("http://testserver" + address, headers=HOSTILE_HOST)
    location = answer.headers.get("location", "/")
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location, location
    assert_safe(answer)


def test_under_a_root_path_the_trailing_slash_redirect_keeps_the_prefix() -> None:
    from starlette.testclient import TestClient
    from support.environment_double import FakeEnvironment
    from support.web import DAY

    from ssguide.web.app import create_app
    from ssguide.web.site import load_site

    app = create_app(load_site(None, DAY, FakeEnvironment(today=DAY)), root_path="/ssguide")
    with TestClient(app, root_path="/ssguide", follow_redirects=False) as web:
        answer = web.get("/en/card/q/reason/?reason=lost", headers=HOSTILE_HOST)
    assert answer.status_code == 301 and answer.headers["location"] == "/ssguide/en/card/q/reason?reason=lost"


@pytest.mark.parametrize(
    "address",
    ["/static/" + "a" * 1100, "/" + "a" * 1100, "/" + "a" * 1100 + "/", "/en/" + "a" * 1100 + "/", "/en/card/checklist." + "x" * 1100, "/%E5%8D%A1" * 120],
)
def test_the_path_is_measured_before_anything_routes_it(address: str, web: Any) -> None:
    answer = web.get(address)
    assert answer.status_code == 414
    assert "This address is too long" in page_text(answer.text)
    assert "The path of an address (the part before any “?”) may take at most 1024 bytes." in page_text(answer.text)
    assert answer.headers["cache-control"] == "no-store"
    assert_safe(answer)


def test_a_path_of_exactly_one_kibibyte_is_still_read(web: Any) -> None:
    assert web.get("/en/" + "a" * (1024 - 4)).status_code == 404
    assert web.get("/en/" + "a" * (1024 - 3)).status_code == 414


@pytest.mark.parametrize(
    "address",
    ["/en/", "/zh/card/q/reason", "/zh/card/q/reported?reason=lost", "/en/card/check?reason=lost&reported=no&urgent=yes",
     "/en/card/checklist.json?reason=lost&reported=no&urgent=yes"],
)
def test_if_none_match_star_is_304_for_a_page_that_is_there(address: str) -> None:
    with client() as web:
        etag = web.get(address).headers["etag"]
        for fresh in (False, True):  # kept (a page without answers) or drawn anew
            with client() as other:
                asker = other if fresh else web
                answer = asker.get(address, headers={"if-none-match": "*"})
                assert answer.status_code == 304 and answer.headers["etag"] == etag and answer.content == b""


@pytest.mark.parametrize(
    ("address", "status"),
    [("/en/card/q/nowhere", 404), ("/en/card/q/reported", 302), ("/en/card/checklist?reason=lost", 302), ("/de/", 404), ("/en/card?reason=&reason=x", 422)],
)
def test_if_none_match_star_is_not_304_where_there_is_no_page(address: str, status: int, web: Any) -> None:
    answer = web.get(address, headers={"if-none-match": "*"})
    assert answer.status_code == status or (status == 302 and answer.status_code in (301, 302, 303, 307))


def test_if_none_match_on_several_lines_or_in_a_list_is_each_tag(web: Any) -> None:
    address = "/zh/card/q/reported?reason=lost"
    etag = web.get(address).headers["etag"]
    several = [("if-none-match", '"a"'), ("if-none-match", f'"b", W/{etag}')]
    assert web.get(address, headers=several).status_code == 304
    assert web.get(address, headers=[("if-none-match", '"a"'), ("if-none-match", etag)]).status_code == 304
    assert web.get(address, headers={"if-none-match": f'"a",{etag} ,"c"'}).status_code == 304
    assert web.get(address, headers=[("if-none-match", '"a"'), ("if-none-match", '"b"')]).status_code == 200
    assert web.get(address, headers={"if-none-match": '"x", ' * 1000 + etag}).status_code == 200  # past 2 KiB: not read
    static = re.search(r'href="(/static/ssguide\.[0-9a-f]+\.css)"', web.get("/en/").text).group(1)
    assert web.get(static, headers=[("if-none-match", '"a"'), ("if-none-match", "*")]).status_code == 304
    assert web.get(static, headers={"if-none-match": '"a"'}).status_code == 200

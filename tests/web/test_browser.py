"""The web pages in a real browser: Debian's Chromium driven by Playwright, no script on any page.

One route of every flow, in English and Chinese, on a phone (375×740) and a
desktop (1280×800): through the forms with Back and Change, a date typed as
2026年11月20日, an empty answer's error, the checklist and its .ics file.
Screenshots of the phone walks go to test-output/screenshots/ (gitignored) to
be looked at.
axe-core (shipped by axe-playwright-python) checks each kind of page against
WCAG 2.2 AA in both languages, and each must fit 320 px without scrolling sideways.

Without Chromium these tests skip, saying how to get it; in CI they fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import refresh_golden
from support.web import DAY, SCREENSHOTS

from ssguide.authoring import analysis
from ssguide.core.qtypes import UNSURE
from ssguide.web.answers import query_values
from support.context import context as day_context

FLOWS = {flow.id: flow for flow in refresh_golden.load_bundled()}
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}
TYPED_DATE = "2026年11月20日"
# Controls a finger must hit: at least 44×44 CSS pixels (links inside a sentence, such as citations, excepted).
TARGETS = (
    "button, input:not([type=hidden]), .choice label, .back-link, .summary-action a, .downloads a, .next-links a, "
    ".languages a, .site-name, .procedures h2 a, .error-summary a, .site-footer a, .why summary"
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
  .filter(([_, r]) => r.height < 44 || r.width < 44)
  .map(([html, r]) => `${html} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


@pytest.fixture
def page_at(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_page(viewport: str, lang: str, bypass_csp: bool = False) -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN" if lang == "zh" else "en-GB", bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.problems = []  # what the browser refused: a Content-Security-Policy violation, a missing file
        page.on("console", lambda message: message.type == "error" and "422" not in message.text and page.problems.append(message.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


# Each kind of page once per language, at phone width, where people will use it most: the
# offsite walk has them all (choices, a date, "not sure" on offer), apply-child a date with
# "Not sure" beside it. More would cost seconds and show the same.
SHOWN = {"phone-{lang}-home", "phone-{lang}-offsite-error", "phone-{lang}-offsite-question-stay", "phone-{lang}-offsite-question-emergency_on",
         "phone-{lang}-offsite-check", "phone-{lang}-offsite-checklist", "phone-{lang}-apply-child-question-accepted_on",
         "phone-{lang}-checklist-done", "phone-{lang}-checklist-overdue", "phone-{lang}-checklist-waiting"}


def shot(page: Any, name: str) -> None:
    """A full-page screenshot, if ``name`` is one of ``SHOWN``."""
    if name not in {shown.format(lang=lang) for shown in SHOWN for lang in ("en", "zh")}:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fits(page: Any) -> None:
    """Nothing wider than the window, and every control big enough to tap."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"horizontal scroll on {page.url}"
    small = page.evaluate(SMALL_TARGETS, TARGETS)
    assert not small, f"targets under 44 px on {page.url}: {small}"


def route_answers(flow_id: str) -> dict[str, Any]:
    """The longest route of the flow, with a known answer (not "not sure") wherever there is a choice."""
    found = analysis.analyse(FLOWS[flow_id], day_context(DAY)).outcomes
    return dict(max(found, key=lambda o: len(o.answers)).answers)


def answer(page: Any, question: Any, value: Any) -> None:
    """Pick or type an answer as a person does: click the label, or type the date the Chinese way."""
    if question.qtype.name == "date":
        page.fill(f"#{question.id}", TYPED_DATE)
        return
    for text in query_values(question, value):
        page.click(f"label[for='{page.get_attribute(f'input[name={question.id}][value={text!r}]', 'id')}']")


def go(page: Any, target: Any) -> None:
    """Click a link or a button and wait for the page it leads to (on a busy machine the old one lingers)."""
    with page.expect_navigation():
        target.click()


def question_id(page: Any) -> str:
    return page.get_attribute("form input[type=hidden]:last-of-type", "name")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_one_route_through_the_browser(flow_id: str, lang: str, viewport: str, live_server: str, page_at: Any) -> None:
    flow = FLOWS[flow_id]
    answers = route_answers(flow_id)
    page = page_at(viewport, lang)
    name = f"{viewport}-{lang}-{flow_id}"
    page.goto(f"{live_server}/{lang}/")
    shot(page, f"{viewport}-{lang}-home")
    fits(page)
    go(page, page.get_by_role("link", name=flow.title.get(lang), exact=True))

    # An empty answer: the same question again, the error summary focused.
    go(page, page.get_by_role("button"))
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    shot(page, f"{name}-error")
    fits(page)

    asked: list[str] = []
    went_back = False
    while page.locator("main form").count():  # a question, or the first one again with its error
        qid = question_id(page)
        question = flow.questions[qid]
        shot(page, f"{name}-question-{qid}")
        fits(page)
        assert page.locator("legend h1").inner_text() == question.text.get(lang)
        answer(page, question, answers[qid])
        go(page, page.get_by_role("button"))
        asked.append(qid)
        if len(asked) == 2 and not went_back:  # Back: the previous question, its answer still chosen
            went_back = True
            go(page, page.get_by_role("link", name=re.compile("Back|返回")))
            assert question_id(page) == qid
            if question.qtype.name != "date":
                for text in query_values(question, answers[qid]):
                    assert page.is_checked(f"input[name={qid}][value={text!r}]")
            else:
                assert page.input_value(f"#{qid}") == DAY.replace(day=20).isoformat()
            go(page, page.get_by_role("button"))
    assert page.url.split("?")[0].endswith(f"/{flow.command}/check"), page.url
    assert all(answers[q] is not UNSURE for q in asked)
    if any(flow.questions[q].qtype.name == "date" for q in asked):
        assert "=2026-11-20" in page.url  # 2026年11月20日, understood
    shot(page, f"{name}-check")
    fits(page)

    # Change the first answer, keep it: back on the check page with every other answer kept.
    before = page.url
    go(page, page.locator(".summary-action a").first)
    assert question_id(page) == asked[0]
    go(page, page.get_by_role("button"))
    assert page.url == before

    go(page, page.locator("a.button"))
    assert page.url.split("?")[0].endswith(f"/{flow.command}/checklist")
    assert page.locator("article.checklist h1").inner_text() == flow.title.get(lang)
    shot(page, f"{name}-checklist")
    fits(page)
    with page.expect_download() as downloading:
        page.locator("a[href*='checklist.ics']").click()
    download = downloading.value
    assert download.suggested_filename == f"{flow.command}.ics"
    with open(download.path(), "rb") as ics:
        assert ics.read().startswith(b"BEGIN:VCALENDAR")
    assert page.problems == []


AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, "resultTypes": ["violations"]}
PAGE_KINDS = {
    "home": "/{lang}/",
    "question": "/{lang}/apply-child/q/low_income?route=school",
    "date-question": "/{lang}/apply-child/q/accepted_on?route=not_in_school&low_income=no&card_accepted=yes",
    "error": "/{lang}/emergency?situation=emergency&destination=other_province&emergency_on=&emergency_on=someday",
    "check": "/{lang}/offsite/check?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure",
    "checklist": "/{lang}/offsite/checklist?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure",
    "not-found": "/{lang}/nowhere",
    # Where the person is, on the tests' day (2026-11-23): steps done and a card overdue; a report window gone
    # by; nothing left but waiting.
    "checklist-done": "/{lang}/apply-child/checklist?route=school&low_income=no&poor_family=no&card_accepted=yes&accepted_on=2026-10-09",
    "checklist-overdue": "/{lang}/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-11-18&reported=no&costs=unpaid&networked=networked",
    "checklist-waiting": "/{lang}/apply-child/checklist?route=not_in_school&low_income=no&card_accepted=yes&accepted_on=2026-11-20",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_axe_finds_no_violation_on_any_kind_of_page(lang: str, live_server: str, page_at: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = page_at("phone", lang, bypass_csp=True)  # axe is a script: the pages' policy would refuse it
    reports = []
    for kind, address in PAGE_KINDS.items():
        page.goto(live_server + address.format(lang=lang))
        assert page.url == live_server + address.format(lang=lang), (kind, page.url)  # that kind of page, not one it led to
        shot(page, f"phone-{lang}-{kind}")
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports.append(f"{kind}: {results.generate_report()}")
    assert not reports, "\n".join(reports)
    page.set_viewport_size({"width": 320, "height": 640})  # the narrowest phone WCAG asks for (reflow)
    for address in PAGE_KINDS.values():
        page.goto(live_server + address.format(lang=lang))
        fits(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_because_opens_from_the_keyboard_without_script(lang: str, live_server: str, page_at: Any) -> None:
    """Each "Because…" is folded in a <details>: Tab reaches its summary, Enter opens it; no script on the page."""
    page = page_at("phone", lang)
    page.goto(live_server + PAGE_KINDS["checklist-overdue"].format(lang=lang))
    first = page.locator("details.why").first
    because = first.locator("p")
    assert not because.is_visible()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        raise AssertionError("no summary reached with Tab")
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None and because.is_visible()
    assert because.inner_text().startswith("Because: " if lang == "en" else "依据回答：")
    assert page.evaluate("document.scripts.length") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{lang}-because-open.png"), full_page=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_printed_checklist_shows_every_because_unfolded(lang: str, live_server: str, page_at: Any) -> None:
    """Paper has no Enter: in print each "Because…" is shown open, by the stylesheet alone (no script, the page's
    <details> left closed), without the summary one would tap; on screen it stays folded."""
    page = page_at("desktop", lang)
    page.goto(live_server + PAGE_KINDS["checklist-overdue"].format(lang=lang))
    whys = page.locator("details.why")
    count = whys.count()
    assert count > 1
    assert not any(whys.nth(i).locator("p").is_visible() for i in range(count))
    page.emulate_media(media="print")
    for i in range(count):
        why = whys.nth(i)
        assert why.get_attribute("open") is None
        assert why.locator("p").is_visible(), why.inner_html()
        assert not why.locator("summary").is_visible()
    assert whys.first.locator("p").inner_text().startswith("Because: " if lang == "en" else "依据回答：")
    assert page.evaluate("document.scripts.length") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"print-{lang}-checklist-overdue.png"), full_page=True)
    page.emulate_media(media="screen")
    assert not whys.first.locator("p").is_visible()

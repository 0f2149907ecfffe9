"""Progress on the terminal (issue 20): what is done is ticked and dimmed, information is not numbered, a date gone by
leads Do this now with what still helps, and today's date is in the header when a date was weighed against it."""

from __future__ import annotations

from datetime import date

from ssguide.core.qtypes import UNSURE
from ssguide.core.checklist import build
from ssguide.shell.registry import load_flow
from ssguide.render import text as plain
from ssguide.render.context import RenderContext
from ssguide.shell.registry import bundled_flows
from support.context import context

FLOWS = {info.id: info.path for info in bundled_flows()}
TODAY = date(2026, 12, 7)
SCHOOL = {"route": "school", "low_income": False, "poor_family": False}


def checklist(flow_id: str, answers: dict, today: date = TODAY):
    return build(load_flow(FLOWS[flow_id]), answers, context(today))


def to_text(built, lang: str, width: int = 80) -> str:
    return plain.render(built, RenderContext.of(lang, built.today, width=width))


def section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((n for n in range(start, len(lines)) if not lines[n].strip()), len(lines))
    return lines[start:end]


def styled(built, lang: str = "en") -> str:
    from ssguide.render.terminal import layout

    return layout(built, RenderContext.of(lang, built.today, width=100, styles=True, colour=True))


def test_done_steps_are_ticked_information_is_a_bullet_and_only_what_is_left_is_numbered() -> None:
    text = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 30)}), "en", width=100)
    steps = section(text, "Steps")
    markers = [line.split()[0] for line in steps if line[:2].strip()]
    assert markers == ["✓", "✓", "✓", "✓", "✓", "•"], steps
    not_yet = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": False}), "en", width=100)
    assert [line.split()[0] for line in section(not_yet, "Steps") if line[:2].strip()] == ["1.", "2.", "•", "•", "•", "•"]


def test_a_done_step_is_dimmed_on_a_terminal() -> None:
    out = styled(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 30)}))
    line = next(line for line in out.splitlines() if "Get the insurance materials" in line)
    assert "✓" in line and "\x1b[2m" in line, repr(line)


def test_nothing_left_but_waiting_is_one_unnumbered_line_with_the_date_and_what_then() -> None:
    text = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 30)}), "en", width=100)
    block = section(text, "Do this now")
    line = " ".join(block)
    assert not block[0][:1].isdigit(), "not numbered: there is nothing to do"
    assert line.startswith("Nothing to do now but wait until 2026-12-28 (20 working days after card-making was accepted")
    assert "If that date passes, ask the school about your child's card" in line
    zh = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 30)}), "zh", width=100)
    assert section(zh, "现在就办")[0].startswith("目前只需等到2026年12月28日")


def test_today_is_in_the_header_only_when_a_date_was_weighed_against_it() -> None:
    dated = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 2)}), "en")
    assert "Today: 2026-12-07" in dated.split("Do this now")[0]
    undated = to_text(checklist("apply-child", {**SCHOOL, "card_accepted": False}), "en")
    assert "Today:" not in undated
    assert "今天：2026年12月7日" in to_text(checklist("apply-child", {**SCHOOL, "card_accepted": True, "accepted_on": date(2026, 11, 2)}), "zh")


def test_a_window_gone_by_leads_do_this_now_and_says_what_still_helps_under_its_deadline() -> None:
    answers = {"situation": "emergency", "destination": "other_province", "emergency_on": date(2026, 12, 1), "reported": False,
               "costs": "unpaid", "networked": "networked"}
    text = to_text(checklist("emergency", answers), "en", width=100)
    first = section(text, "Do this now")[0]
    # Across provinces: deemed filed, so what still helps is told without "has passed" (H1 of the content review).
    assert first.startswith("1. Emergency treatment in another province is deemed filed. Some places ask to be told within three")
    deadlines = "\n".join(section(text, "Deadlines"))
    assert "already past" in deadlines and "What still helps: Tell your insured place's medical insurance agency now" in deadlines


def test_the_waiting_line_joins_its_sentences_as_each_language_does() -> None:
    """"… working days). From then, …" in English, a space between sentences; "目前只需等待。2026年…" in Chinese, none after 。 (seen on the web)."""
    from ssguide.render import waiting_text

    built = checklist("apply-child", {"route": "not_in_school", "low_income": False, "card_accepted": True, "accepted_on": date(2026, 11, 30)})
    english = waiting_text(built.do_this_now(), RenderContext.of("en", TODAY))
    chinese = waiting_text(built.do_this_now(), RenderContext.of("zh", TODAY))
    assert english is not None and "working days after" in english and "). From then, " in english
    assert chinese is not None and "目前只需等待。2026年12月28日" in chinese and "。 " not in chinese


def test_a_wait_beside_other_lines_is_its_own_unnumbered_line_after_them() -> None:
    """H5: the card's wait stays on the first screen beside a find-out, worded for a line beside others."""
    built = checklist("apply-child", {"route": "school", "low_income": False, "poor_family": False, "card_accepted": True,
                                      "accepted_on": UNSURE})
    block = section(to_text(built, "en", width=100), "Do this now")
    assert block[0].startswith("1. Find out on what date card-making was accepted")
    wait = next(n for n, line in enumerate(block) if line.startswith("Wait until 20 working days after"))
    assert wait > 0 and not any(line[:2].strip().rstrip(".").isdigit() for line in block[wait:])


def test_the_date_to_act_by_is_printed_under_its_item_not_after_the_list() -> None:
    """H2: under the item it belongs to, in its colour, and no line after the list."""
    answers = {"situation": "emergency", "destination": "same_province", "emergency_on": date(2026, 12, 7), "reported": False,
               "costs": "paid"}
    block = section(to_text(checklist("emergency", answers), "en", width=100), "Do this now")
    act = next(n for n, line in enumerate(block) if "Act by 2026-12-10" in line)
    first = next(n for n, line in enumerate(block) if line.startswith("1. "))
    assert first < act and block[act].startswith("   ") and block[act + 1].startswith("2. ")
    assert "Act by" not in block[-1]

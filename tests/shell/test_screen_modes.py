"""What a person sees, for every way the README runs the wizard (issue #19).

Each test runs the real command on a pseudo-terminal drawn by a terminal
emulator (``support/screen.py``), started the way a person's shell starts
it (``| cat``, ``> out.md``, ``| less``), and reads the screen row by row:
the question, its choices, the pointer, and nothing a person could not read
(no ``<U+…>``, no escape sequence shown as text, no warning about cursor
position requests). Where the checklist goes to a file or a pipe, that too.
The emulator answers prompt_toolkit's cursor-position requests as a real
terminal does: PROMPT_TOOLKIT_NO_CPR is not set.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from support.cli import TODAY
from support.screen import Terminal, assert_readable, sgr_colours, shows
from support.terminal import CTRL_C, DOWN, ENTER

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

CARD_TITLE = {"en": "Get a social security card, or report a lost card and replace it", "zh": "申领社会保障卡及挂失补换"}
# The first screen of `ssguide card`, row by row, as a person sees it in each language.
CARD_FIRST_SCREEN = {
    "en": [
        "? [Question 1 of 2–3] Why do you need a card? (arrow keys, Enter to choose)",
        " » First card (newly insured)",
        "   My card is lost",
        "   My card is damaged",
    ],
    "zh": [
        "? [第 1 题，共 2–3 题] 您需要办理哪项业务？ （方向键选择，回车确认）",
        " » 首次办卡（新参保）",
        "   卡片遗失，挂失补卡",
        "   卡片损坏，换卡",
    ],
}
CARD_REPORTED = {"en": "Have you already reported the card lost", "zh": "是否已经挂失"}
CARD_URGENT = {"en": "Do you urgently need", "zh": "卡片办好前"}
REVIEW = {"en": "Review your answers", "zh": "请核对您的回答"}
PROMPT_TEXTS = {"en": ["Why do you need a card?", "Review your answers", "Question 1", "arrow keys"], "zh": ["您需要办理哪项业务", "请核对您的回答", "第 1 题", "方向键"]}


def first_screen(term: Terminal, lang: str = "en") -> list[str]:
    """The rows of the first question, once its menu is drawn whole."""
    term.wait_for(CARD_FIRST_SCREEN[lang][-1])
    return term.display()[: len(CARD_FIRST_SCREEN[lang])]


def walk_card(term: Terminal, lang: str = "en") -> None:
    """A lost card, already reported lost, urgently needed; the review confirmed."""
    assert first_screen(term, lang) == CARD_FIRST_SCREEN[lang]
    term.send(DOWN)
    term.wait_for(CARD_FIRST_SCREEN[lang][2].replace("   ", " » "))  # the pointer moved
    term.send(ENTER)
    term.answer(CARD_REPORTED[lang], ENTER)
    term.answer(CARD_URGENT[lang], ENTER)
    term.answer(REVIEW[lang])
    term.wait_for(REVIEW[lang])
    term.send(ENTER)


def after_the_wizard(rows: list[str], lang: str = "en") -> list[str]:
    """The rows below the confirmed review: what the checklist printed on the terminal, if anything."""
    review = max(n for n, row in enumerate(rows) if REVIEW[lang] in row)
    return rows[review + 1 :]


# ---------------------------------------------------------------- the screen the tests read


def test_the_emulated_screen_answers_the_cursor_request_and_keeps_what_scrolls_away() -> None:
    from support.screen import Screen

    replies: list[str] = []
    screen = Screen(3, 10, replies.append)
    screen.write("one\r\ntwo\r\nthree\r\n中文ab\x1b[6n")
    assert replies == ["\x1b[3;7R"]  # row 3, column 7: after two wide characters and two narrow ones
    assert screen.lines() == ["one", "two", "three", "中文ab"]  # "one" scrolled away, and is still read
    assert screen.display() == ["two", "three", "中文ab"]
    with pytest.raises(AssertionError):
        assert_readable(["<U+001B>[?25l? Question"])
    with pytest.raises(AssertionError):
        assert_readable(["WARNING: your terminal doesn't support cursor position requests (CPR)."])
    assert shows(["  Under 18 and settled outside the", "   city"], "settled outside the city")
    assert shows(["  办理途径", "  未满18周岁"], "办理途径未满18")
    assert sgr_colours("\x1b[1;4m\x1b[31m\x1b[38;5;12m\x1b[0m") == [31, 38]


def test_the_shell_runs_this_pythons_ssguide_where_ssguide_is_the_command() -> None:
    from support.screen import shell_command

    ssguide = shell_command("ssguide")
    assert ssguide.endswith(" -m ssguide") and sys.executable in ssguide
    assert shell_command("ssguide run ssguide.yaml --save-answers ssguide") == f"{ssguide} run ssguide.yaml --save-answers ssguide"
    assert shell_command("echo | ssguide card; echo exit=$?") == f"echo | {ssguide} card; echo exit=$?"
    assert shell_command("TERM=dumb LANG=zh_CN.UTF-8 ssguide card && cat ssguide.md") == f"TERM=dumb LANG=zh_CN.UTF-8 {ssguide} card && cat ssguide.md"
    assert shell_command("(ssguide list)|ssguide --help") == f"({ssguide} list)|{ssguide} --help"


# ---------------------------------------------------------------- direct, piped, redirected


def test_direct(tmp_path: Path) -> None:
    term = Terminal.ssguide(tmp_path, "card")
    walk_card(term)
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    printed = [row for row in after_the_wizard(rows) if row]
    assert printed[0] == CARD_TITLE["en"]
    assert "Sources" in printed and any("not legal advice" in row for row in printed)
    assert sgr_colours(term.received()), "a colour terminal gets the checklist's colours"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_piped_the_questions_are_drawn_as_in_a_direct_run_and_the_pipe_gets_the_checklist_alone(tmp_path: Path, lang: str) -> None:
    # tee, as cat, prints what comes through the pipe as it arrives; it also keeps it, to read here.
    term = Terminal.shell(tmp_path, f"ssguide card --today {TODAY} --lang {lang} | tee piped.txt")
    walk_card(term, lang)
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    assert [row for row in after_the_wizard(rows, lang) if row][0] == CARD_TITLE[lang]  # printed by tee below the wizard
    piped = (tmp_path / "piped.txt").read_text(encoding="utf-8")
    assert_the_checklist_alone(piped, lang)


def assert_the_checklist_alone(piped: str, lang: str) -> None:
    """What went through the pipe: the checklist in plain text, nothing of the questions."""
    assert piped.startswith(CARD_TITLE[lang] + "\n"), piped[:300]
    assert "\x1b" not in piped and "<U+" not in piped and "\r" not in piped
    for text in PROMPT_TEXTS[lang]:
        assert text not in piped, text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_redirected_to_a_file_the_questions_are_drawn_as_in_a_direct_run(tmp_path: Path, lang: str) -> None:
    term = Terminal.shell(tmp_path, f"ssguide card --today {TODAY} --lang {lang} > out.md")
    walk_card(term, lang)
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    assert not any(row for row in after_the_wizard(rows, lang)), "the checklist went to the file, not the screen"
    assert_the_checklist_alone((tmp_path / "out.md").read_text(encoding="utf-8"), lang)


def test_piped_to_less(tmp_path: Path) -> None:
    if not any((Path(d) / "less").exists() for d in ("/usr/bin", "/bin", "/usr/local/bin")):
        pytest.skip("less is not installed")
    term = Terminal.shell(tmp_path, f"ssguide card --today {TODAY} | less", rows=24, LESS=None)
    walk_card(term)
    # less shows the checklist from its first line (its own screen), and waits for keys.
    term.wait_until(lambda: term.display()[-1] == ":", "less's prompt on the last row")
    shown = term.display()
    assert shown[0] == CARD_TITLE["en"], shown
    assert_readable(shown)
    term.send("q")
    assert term.end() == 0


# ---------------------------------------------------------------- colour, dumb terminals, languages


def test_no_color(tmp_path: Path) -> None:
    term = Terminal.ssguide(tmp_path, "card", NO_COLOR="1")
    walk_card(term)  # the same menus, the pointer included
    assert term.end() == 0
    assert_readable(term.lines())
    assert sgr_colours(term.received()) == [], "NO_COLOR: no colour in the questions nor in the checklist"
    assert CARD_TITLE["en"] in term.lines()


def test_term_dumb_asks_in_plain_numbered_lines_without_a_pager(tmp_path: Path) -> None:
    # A checklist taller than the terminal, and less as the pager: on a dumb terminal it would
    # warn "terminal is not fully functional" and wait for RETURN.
    term = Terminal.ssguide(tmp_path, "card", TERM="dumb", PAGER="less -R", rows=20, columns=80)
    term.wait_for("Enter alone chooses 1")
    assert term.display()[:6] == [
        "? [Question 1 of 2–3] Why do you need a card?",
        "  1. First card (newly insured)",
        "  2. My card is lost",
        "  3. My card is damaged",
        "  (type a number and Enter; Enter alone chooses 1)",
        "  >",
    ]
    term.send("4", ENTER)  # not a choice: said so on the next line, and asked again
    term.wait_for("Type one of the numbers 1 to 3.")
    term.send("2", ENTER)
    term.answer("Have you already reported the card lost", ENTER)
    term.answer("Do you urgently need", ENTER)  # Enter alone: the first choice, Yes
    term.answer("Review your answers")
    term.wait_for("Enter alone chooses 1", since=len(term.lines()) - 3)
    term.send(ENTER)
    assert term.end() == 0
    received = term.received()
    assert "\x1b" not in received, "a dumb terminal gets no escape sequences: no cursor moves, no bold, no colour"
    rows = term.lines()
    assert_readable(rows)
    assert "  → My card is lost" in rows and "  → Yes" in rows
    assert not any("not fully functional" in row or "RETURN" in row for row in rows)
    assert CARD_TITLE["en"] in rows and any("not legal advice" in row for row in rows)


PLAIN_FLOW = """\
id: plain
title: Plain
sources:
  - {id: s1, title: Source, citation: one.txt}
questions:
  - id: papers
    type: multi
    text: Which papers do you have?
    help: Those you can bring.
    choices:
      - {value: id, label: ID card}
      - {value: book, label: Household book}
      - {value: photo, label: Photo}
    next:
      - goto: name
  - id: name
    type: text
    text: Your name?
    default: Li Lei
    next:
      - goto: when
  - id: when
    type: date
    text: Since when?
items:
  - {id: always, kind: step, text: Do it., source: s1}
"""


def test_term_dumb_ticks_are_numbers_and_a_default_is_kept_with_enter(tmp_path: Path) -> None:
    (tmp_path / "plain.yaml").write_text(PLAIN_FLOW, encoding="utf-8")
    term = Terminal.ssguide(tmp_path, "run", "plain.yaml", "--save-answers", "saved.yaml", TERM="dumb")
    rows = term.wait_for("0 ticks none)")
    assert rows[:6] == [
        "? [Question 1 of 3] Which papers do you have?",
        "  Those you can bring.",
        "  1. ID card",
        "  2. Household book",
        "  3. Photo",
        "  (type the numbers to tick, with spaces between, and Enter; 0 ticks none)",
    ], rows
    term.send("1 9", ENTER)
    term.wait_for("Type one of the numbers 1 to 3.")
    term.send("3, 1", ENTER)
    term.answer("Your name?")
    rows = term.wait_for("(Enter alone keeps Li Lei)")
    term.send(ENTER)
    term.answer("Since when?", "today", ENTER)
    rows = term.wait_for("→ Mon 23 Nov 2026")
    since = rows.index("? [Question 3 of 3] Since when?")
    assert rows[since + 1 : since + 4] == ["  (type a date such as 2026-11-20, 11-20 or today; '<' goes back)", "  > today", "  → Mon 23 Nov 2026"]
    term.answer("Review your answers")
    term.wait_for("Enter alone chooses 1", since=len(term.lines()) - 3)
    term.send(ENTER)
    assert term.end() == 0
    assert "\x1b" not in term.received()
    assert_readable(term.lines())
    saved = (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert "papers:\n- id\n- photo\nname: Li Lei\nwhen: '2026-11-23'\n" in saved, saved  # the ticks in the flow's order, the default kept


@pytest.mark.parametrize("how", ["LANG=zh_CN.UTF-8", "--lang zh"])
def test_chinese(tmp_path: Path, how: str) -> None:
    if how.startswith("LANG"):
        term = Terminal.ssguide(tmp_path, "card", lang="zh_CN.UTF-8")
    else:
        term = Terminal.ssguide(tmp_path, "card", "--lang", "zh")
    walk_card(term, "zh")
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    assert [row for row in after_the_wizard(rows, "zh") if row][0] == CARD_TITLE["zh"]
    assert not any(re.search(r"[A-Za-z]{4,}", row) for row in rows if "ssguide" not in row and "App" not in row), "English on a Chinese screen"


# ---------------------------------------------------------------- narrow and wide terminals


LONGEST_ROUTE_EN = [  # apply-child's longest route: long labels, help under every question
    ("Which describes", [DOWN, DOWN, ENTER]),  # household registered outside the city
    ("Is your family", [ENTER]),  # yes
    ("card-making", [ENTER]),  # yes
    ("On what date was", ["2026-11-02", ENTER]),
]


def test_40_columns_every_line_keeps_its_indent(tmp_path: Path) -> None:
    term = Terminal.ssguide(tmp_path, "apply-child", rows=60, columns=40)
    for question, keys in LONGEST_ROUTE_EN[:-1]:
        term.answer(question, *keys)
    term.answer("On what date was", "x" * 50)  # longer than the line: wraps under itself
    rows = term.wait_for("like 2026/11/20")  # the input and, under it, what is wrong with it
    typed = rows.index("  " + "x" * 38)
    assert rows[typed + 1 : typed + 3] == ["  " + "x" * 12, "  not a date (a date as YYYY-MM-DD, or"], rows[typed:]
    term.send("\x15", "2026-11-02", ENTER)  # Ctrl-U clears it; the date
    term.answer(REVIEW["en"])
    term.wait_for("Change: Accepted on")
    term.send(ENTER)
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    wizard = rows[: max(n for n, row in enumerate(rows) if REVIEW["en"] in row) + 1]
    # Nothing the terminal wrapped on its own: every line of the wizard starts with the "?" of a
    # question or is indented under it.
    assert all(row.startswith(("?", " ")) for row in wizard if row), "\n".join(wizard)
    # The answer under the first question's help, wrapped: each of its lines at the same indent.
    answer = wizard.index("   Under 18, household registered")
    assert wizard[answer + 1] == "   outside the city", wizard[answer - 1 : answer + 3]
    assert wizard[answer + 2].startswith("? [Question 2 of")


def test_200_columns_uses_the_width(tmp_path: Path) -> None:
    term = Terminal.ssguide(tmp_path, "apply-child", rows=50, columns=200)
    term.wait_for("Which describes your child?")
    assert term.display()[0].startswith("? [Question 1 of 3–5] Which describes your child?")
    for question, keys in LONGEST_ROUTE_EN:
        term.answer(question, *keys)
    term.answer(REVIEW["en"])
    review = term.wait_for("Change: Accepted on")
    assert "   Change: Route → Under 18, household registered outside the city" in review  # one row: no wrapping needed
    term.send(ENTER)
    assert term.end() == 0
    rows = term.lines()
    assert_readable(rows)
    assert max(len(row) for row in rows) > 100  # the checklist uses the width too


# ---------------------------------------------------------------- a wrong answer


def test_the_error_for_a_typed_answer_is_on_the_line_under_it(tmp_path: Path) -> None:
    term = Terminal.ssguide(tmp_path, "emergency", rows=40)
    term.answer("What is your situation?", DOWN, ENTER)  # emergency treatment
    term.answer("Where is the treatment?", DOWN, ENTER)  # another province
    term.answer("On what date was the emergency treatment?", "3 December", ENTER)
    rows = term.wait_for("not a date")
    typed = rows.index("  3 December")
    assert rows[typed + 1].startswith("  not a date"), rows[typed : typed + 3]
    term.send(CTRL_C)
    assert term.end() == 130


# ---------------------------------------------------------------- Ctrl-C and resume


def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    first = Terminal.ssguide(tmp_path, "apply-child")
    first.answer("Which describes your child", ENTER)  # school
    first.answer("Is your family on the", CTRL_C)
    assert first.end() == 130
    rows = first.lines()
    assert_readable(rows)
    assert flat_tail(rows).startswith("ssguide: Interrupted; your answers so far are saved. Run 'ssguide apply-child' again to resume")

    second = Terminal.ssguide(tmp_path, "apply-child")
    offer = second.wait_for("Start over")
    assert offer[0].startswith("? Last time (") and "you stopped at question 2 (Low-income family), with 1 answer saved." in offer[0]
    assert " » Resume where I left off" in offer and "   Start over" in offer
    second.send(ENTER)
    second.answer("Is your family on the", DOWN, ENTER)  # asked where it stopped: No
    second.answer("Does the school count", DOWN, ENTER)  # No
    second.answer("card-making procedure", DOWN, ENTER)  # No
    second.answer(REVIEW["en"])
    review = second.wait_for("Change: Card-making accepted")
    assert "   Change: Route → School-age and at school" in review  # the saved answer came back
    second.send(ENTER)
    assert second.end() == 0
    assert_readable(second.lines())
    assert not (tmp_path / "data" / "sessions" / "apply-child.json").exists()


def test_ctrl_c_before_the_first_answer_offers_nothing_to_resume(tmp_path: Path) -> None:
    first = Terminal.ssguide(tmp_path, "apply-child")
    first.answer("Which describes your child", CTRL_C)
    assert first.end() == 130
    second = Terminal.ssguide(tmp_path, "apply-child")
    second.answer("Which describes your child")
    rows = second.wait_for("» School-age and at school")
    assert rows[0].startswith("? [Question 1 of"), rows  # the first question, no offer before it
    assert not shows(rows, "Resume where I left off") and not shows(rows, "before answering it")
    second.send(CTRL_C)
    assert second.end() == 130


def flat_tail(rows: list[str]) -> str:
    """The last line printed, joined back where the terminal wrapped it."""
    start = max(n for n, row in enumerate(rows) if row.startswith("ssguide: "))
    return "".join(rows[start:])


def test_the_pager_shows_chinese_whatever_locale_less_finds(tmp_path: Path) -> None:
    """Walked in tmux: LANG named a locale the system did not have, and less showed 现在就办 as <E7><8E><B0>…
    (a locale less cannot load is ASCII to it). The pager is told the text is UTF-8."""
    if not any((Path(d) / "less").exists() for d in ("/usr/bin", "/bin", "/usr/local/bin")):
        pytest.skip("less is not installed")
    term = Terminal.ssguide(tmp_path, "card", "--lang", "zh", "--set", "reason=lost", "--set", "reported=no", "--set", "urgent=no",
                            "--no-input", lang="xx_XX.UTF-8", rows=12, PAGER="less -R")
    term.wait_until(lambda: term.display()[-1].startswith(":"), "less's prompt on the last row")
    shown = term.display()
    assert shown[0] == CARD_TITLE["zh"], shown  # the title on the first row: no blank line before it in the pager
    assert not any("<E" in row for row in shown), shown
    term.send("q")
    assert term.end() == 0

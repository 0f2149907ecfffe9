"""TERM=dumb: the plain prompts as a person types into them and reads them (a review of issue #19).

Each test runs the real command on a pseudo-terminal drawn by a terminal
emulator (``support/screen.py``) with TERM=dumb: questions are numbered
lines, answers are typed and ended with Enter.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.screen import Terminal, assert_readable
from support.terminal import CTRL_C, ENTER

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

NOT_A_CHOICE = "Type one of the numbers 1 to 3."
TYPE_HERE = "  > "  # where a plain prompt waits for a line


def dumb(tmp_path: Path, *args: str, **env: str) -> Terminal:
    return Terminal.ssguide(tmp_path, *args, TERM="dumb", **env)


# ---------------------------------------------------------------- what is typed at a numbered prompt


NOT_NUMBERS = ["፩", "٣", "9" * 4000, "-1", "+2", "2.0", "1e1"]  # digits of other scripts, a very long number, signs, decimals


def test_only_a_number_of_the_list_picks_a_choice(tmp_path: Path) -> None:
    term = dumb(tmp_path, "apply-child")
    term.expect("Enter alone chooses 1")
    for typed in NOT_NUMBERS:
        mark = len(term.lines())
        term.send(typed, ENTER)
        term.wait_for(NOT_A_CHOICE, since=mark)  # asked again, not a crash
    term.send("２", ENTER)  # a full-width digit is a digit
    term.wait_for("→ Under 18 and not in school")
    term.send(CTRL_C)
    assert term.end() == 130
    rows = term.lines()
    assert_readable(rows)
    assert sum(row == "  " + NOT_A_CHOICE for row in rows) == len(NOT_NUMBERS)

def test_a_number_thousands_of_digits_long_names_no_choice() -> None:
    """Beyond a terminal's line (4095 characters on Linux), where ``int`` gives up (4300 digits)."""
    from ssguide.shell.prompts import _number

    assert _number("9" * 5000, 3) is None and _number("0" * 5000 + "1", 3) is None
    assert _number(" ３ ", 3) == 3 and _number("03", 3) == 3


# ---------------------------------------------------------------- an answer taken back, then Ctrl-C


def test_an_answer_taken_back_is_still_the_default_after_ctrl_c(tmp_path: Path) -> None:
    first = dumb(tmp_path, "apply-child", columns=200)  # the last line on one row
    first.answer("Enter alone chooses 1", "2", ENTER)  # under 18, not in school
    first.expect("Is your family on the")
    first.wait_for("4. ← Back")
    first.send("4", ENTER)  # Back: the answer is taken back
    first.wait_for("Enter alone chooses 2", since=len(first.lines()) - 2)  # ... and is the default
    first.send(CTRL_C)
    assert first.end() == 130
    said = first.lines()[-1]
    assert said == "ssguide: Interrupted at question 1; no answers were kept, so there is nothing to resume. Run 'ssguide apply-child' to start again.", said

    second = dumb(tmp_path, "apply-child")
    rows = second.wait_for("Enter alone chooses")
    assert rows[0].startswith("? [Question 1 of"), rows  # no offer to resume nothing
    assert "  (type a number and Enter; Enter alone chooses 2)" in rows, rows  # the answer taken back, offered again
    second.send(ENTER)
    second.wait_for("→ Under 18 and not in school")
    second.send(CTRL_C)
    assert second.end() == 130
    assert_readable(second.lines())



# ---------------------------------------------------------------- narrow terminals


def test_40_columns_an_answer_echoed_wraps_under_its_arrow(tmp_path: Path) -> None:
    term = dumb(tmp_path, "apply-child", rows=80, columns=40)
    term.answer(TYPE_HERE, "3", ENTER)  # under 18, household registered outside the city
    term.answer(TYPE_HERE, ENTER)  # on dibao: yes
    term.answer(TYPE_HERE, ENTER)  # card-making accepted: yes
    term.answer(TYPE_HERE, "2026-11-02", ENTER)
    term.answer("Review your answers")
    term.answer(TYPE_HERE, "2", ENTER)  # change the route
    term.answer("Which describes")
    term.answer(TYPE_HERE, CTRL_C)
    assert term.end() == 130
    rows = term.lines()
    assert_readable(rows)
    wizard = rows[: max(n for n, row in enumerate(rows) if row.startswith("ssguide: "))]
    # Nothing the terminal wrapped on its own: every line starts with a question's "?" or is indented under it.
    assert all(row.startswith(("?", " ")) for row in wizard if row), "\n".join(wizard)
    echo = wizard.index("  → Under 18, household registered")
    assert wizard[echo + 1] == "    outside the city", wizard[echo : echo + 2]
    change = wizard.index("  → Change: Route → Under 18, household")
    assert wizard[change + 1] == "    registered outside the city", wizard[change : change + 2]


# ---------------------------------------------------------------- ticks, defaults, Back


PLAIN_FLOW = """\
id: plain
title: Plain
sources:
  - {id: s1, title: Source, citation: one.txt}
questions:
  - id: papers
    type: multi
    text: Which papers do you have?
    choices:
      - {value: id, label: ID card}
      - {value: book, label: Household book}
      - {value: photo, label: Photo}
    next:
      - goto: name
  - id: name
    type: text
    text: Your name?
    help: As on your ID card.
    default: Li Lei
items:
  - {id: always, kind: step, text: Do it., source: s1}
"""


def test_ticks_can_all_be_untied_and_what_enter_keeps_is_echoed(tmp_path: Path) -> None:
    (tmp_path / "plain.yaml").write_text(PLAIN_FLOW, encoding="utf-8")
    term = dumb(tmp_path, "run", "plain.yaml", "--save-answers", "saved.yaml")
    rows = term.wait_for("0 ticks none)")
    assert "  (type the numbers to tick, with spaces between, and Enter; 0 ticks none)" in rows, rows
    term.answer(TYPE_HERE, "1 3", ENTER)
    term.wait_for("  → ID card, Photo")
    term.answer("Your name?")
    term.answer(TYPE_HERE, "<", ENTER)  # back to the ticks
    rows = term.wait_for("Enter alone keeps 1 3)", since=len(term.lines()) - 2)
    term.answer(TYPE_HERE, ENTER)  # keeps them: said so
    term.wait_for("  → ID card, Photo", since=len(term.lines()) - 1)
    term.answer("Your name?")
    term.answer(TYPE_HERE, "<", ENTER)
    term.answer("Enter alone keeps 1 3)")
    term.answer(TYPE_HERE, "0", ENTER)  # none of them
    term.wait_for("  → (none)")
    term.answer("Your name?")
    term.answer(TYPE_HERE, "<", ENTER)
    term.answer("Which papers")
    term.expect(TYPE_HERE)
    mark = len(term.lines())
    term.send("－", ENTER)  # none, typed with a Chinese input method
    term.wait_for("  → (none)", since=mark)
    rows = term.wait_for("(Enter alone keeps Li Lei)", since=mark)
    asked = max(n for n, row in enumerate(rows) if row.endswith("Your name?"))
    assert rows[asked + 1 : asked + 4] == ["  As on your ID card.", "  (type your answer; '<' goes back)", "  (Enter alone keeps Li Lei)"], rows[asked:]
    term.answer(TYPE_HERE, ENTER)
    term.wait_for("  → Li Lei")  # the default kept, said as a choice is
    term.answer("Review your answers")
    term.answer(TYPE_HERE, ENTER)
    assert term.end() == 0
    assert_readable(term.lines())
    saved = (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert "papers: []\nname: Li Lei\n" in saved, saved


def test_less_than_goes_back_in_a_numbered_menu_as_in_a_typed_answer(tmp_path: Path) -> None:
    term = dumb(tmp_path, "apply-child")
    term.answer(TYPE_HERE, "2", ENTER)
    term.answer("Is your family on the")
    term.answer(TYPE_HERE, "＜", ENTER)  # full-width, as a Chinese input method types it
    term.answer("Which describes your child")
    term.wait_for("Enter alone chooses 2")
    term.answer(TYPE_HERE, "3", ENTER)
    term.answer("Is your family on the")
    term.answer(TYPE_HERE, "<", ENTER)
    term.answer("Which describes your child")
    rows = term.wait_for("Enter alone chooses 3")
    assert rows.count("  → ← Back") == 2, rows
    assert NOT_A_CHOICE not in "\n".join(rows)
    term.send(CTRL_C)
    assert term.end() == 130


# ---------------------------------------------------------------- a help that depends on the answers before it


@pytest.mark.parametrize(
    ("lang", "typed", "question", "shown", "not_shown"),
    [
        ("C.UTF-8", ["2", "2"], "Has the card-making procedure already been accepted?",
         "The guardian goes through this procedure at the social security agency", "school"),
        ("C.UTF-8", ["1", "2", "2"], "Has the card-making procedure already been accepted?",
         "On the school route the school goes through this procedure: ask the school.", "agency"),
        ("zh_CN.UTF-8", ["3", "2"], "制卡手续是否已经受理？", "制卡手续由监护人到孩子户籍所在地社保经办机构办理", "学校"),
    ],
    ids=["guardian-en", "school-en", "registered-elsewhere-zh"],
)
def test_the_help_under_a_question_is_the_one_for_the_answers_given(
    tmp_path: Path, lang: str, typed: list[str], question: str, shown: str, not_shown: str
) -> None:
    """apply-child's card_accepted told a guardian to ask the school; its help is now chosen by the route taken."""
    term = dumb(tmp_path, "apply-child", lang=lang)
    for answer in typed:
        term.answer(TYPE_HERE, answer, ENTER)
    rows = term.wait_for(question)
    mark = next(i for i in range(len(rows) - 1, -1, -1) if question in rows[i])
    rows = term.wait_for(shown, since=mark)
    term.answer(TYPE_HERE, CTRL_C)
    assert term.end() == 130
    help_rows = rows[: next((i for i, row in enumerate(rows) if "1." in row), len(rows))]  # the question and its help, not the choices
    assert not_shown not in "".join("".join(help_rows).split()), help_rows

"""Issue #12: answers as people write them, through --set and answers files.

Dates in the forms people type (2026/11/20, 2026年11月20日, 11-20, 昨天, full-width
digits), and a choice's label (in either language) wherever its value is taken.
Dates are relative to --today 2026-11-23 (a Monday); apply-child's accepted_on
takes no future date.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from support.cli import TINY_FLOW, invoke
from ssguide.core.dates import read_user_date
from support.context import context

APPLY_CHILD_SCHOOL = [
    "apply-child", "--set", "route=school", "--set", "low_income=no", "--set", "poor_family=no", "--set", "card_accepted=yes",
]

DATE_FORMS = [
    ("2026-11-20", "2026-11-20"),
    ("2026/11/20", "2026-11-20"),
    ("2026.11.20", "2026-11-20"),
    ("2026-11-2", "2026-11-02"),
    ("2026年11月20日", "2026-11-20"),
    ("2026 年 11 月 2 号", "2026-11-02"),
    ("11月20日", "2026-11-20"),
    ("11-20", "2026-11-20"),
    ("12-20", "2025-12-20"),  # this year's 20 December is still to come: last year's
    ("today", "2026-11-23"),
    ("Yesterday", "2026-11-22"),
    ("今天", "2026-11-23"),
    ("昨天", "2026-11-22"),
    ("前天", "2026-11-21"),
    ("２０２６／１１／２０", "2026-11-20"),  # full-width, as a Chinese input method types it
    ("２０２６年１１月２０日", "2026-11-20"),
]


def accepted_on(*sets: str) -> str:
    result = invoke(*APPLY_CHILD_SCHOOL, *sets, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["answers"]["accepted_on"]["value"]


@pytest.mark.parametrize(("typed", "meant"), DATE_FORMS, ids=[typed for typed, _ in DATE_FORMS])
def test_date_forms_through_set(typed: str, meant: str) -> None:
    assert accepted_on("--set", f"accepted_on={typed}") == meant


@pytest.mark.parametrize(("typed", "meant"), DATE_FORMS[:8], ids=[typed for typed, _ in DATE_FORMS[:8]])
def test_date_forms_in_an_answers_file(tmp_path: Path, typed: str, meant: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f'accepted_on: "{typed}"\n', encoding="utf-8")
    assert accepted_on("--answers", str(answers)) == meant


def test_the_chinese_review_screens_own_format_is_accepted() -> None:
    # The zh review and checklist show 2026年11月2日: typing that back gives the same day.
    shown = invoke(*APPLY_CHILD_SCHOOL, "--set", "accepted_on=2026-11-02", "--format", "json", "--lang", "zh")
    label = json.loads(shown.stdout)["answers"]["accepted_on"]["label"]
    assert label == "2026年11月2日"
    assert accepted_on("--set", f"accepted_on={label}") == "2026-11-02"


def test_a_date_without_a_year_is_this_years_when_future_dates_are_allowed() -> None:
    today = date(2026, 11, 23)
    assert read_user_date("12-20", context(today)) == date(2026, 12, 20)
    assert read_user_date("12-20", context(today), past_only=True) == date(2025, 12, 20)
    assert read_user_date("2月29日", context(date(2025, 3, 1)), past_only=True) == date(2024, 2, 29)
    assert read_user_date("2月29日", context(date(2025, 3, 1))) is None


@pytest.mark.parametrize("typed", ["soon", "2026-13-01", "2026-11", "13-01", "2026/11-20", "20.11.2026", "2026年2月30日", ""])
def test_what_is_not_a_date_stays_an_error(typed: str) -> None:
    assert read_user_date(typed, context(date(2026, 11, 23))) is None


def test_a_wrong_date_in_chinese_says_how_to_write_one() -> None:
    result = invoke(*APPLY_CHILD_SCHOOL, "--set", "accepted_on=soon", lang="zh_CN.UTF-8")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "不是能识别的日期" in line and "2026年11月20日" in line and "“昨天”" in line
    assert "日期，格式为" not in line


# The networked question is for cross-province treatment (within the province the card settles at the designated institution).
OFFSITE_TO_NETWORKED = ["offsite", "--set", "stay=long_term", "--set", "destination=other_province", "--set", "filed=no"]


def offsite_answers(*sets: str, lang: str = "C.UTF-8") -> dict:
    result = invoke(*OFFSITE_TO_NETWORKED, *sets, "--format", "json", lang=lang)
    assert result.returncode == 0, result.stderr
    return {k: v["value"] for k, v in json.loads(result.stdout)["answers"].items()}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("yes", "networked"),
        ("Yes", "networked"),
        ("y", "networked"),
        ("true", "networked"),
        ("是", "networked"),
        ("no", "not_networked"),
        ("否", "not_networked"),
        # "Not sure" is no longer a choice of its own but the answer any question may allow.
        ("NOT SURE", "unsure"),
        ("不确定", "unsure"),
        ("not_sure", "unsure"),
    ],
)
def test_a_choice_label_is_an_answer(typed: str, value: str) -> None:
    assert offsite_answers("--set", f"networked={typed}")["networked"] == value


def test_labels_of_long_choices_in_either_language() -> None:
    english = offsite_answers("--set", "networked=no", "--set", "stay=A short trip (business, visiting relatives, travel)",
                              "--set", "destination=another province", "--set", "emergency_happened=否", "--set", "paid_home=no")
    assert english["stay"] == "short_trip" and english["destination"] == "other_province"
    chinese = offsite_answers("--set", "stay=短期外出（出差、探亲、旅游）", "--set", "emergency_happened=n", "--set", "paid_home=否",
                              "--set", "networked=否")
    assert chinese["stay"] == "short_trip" and chinese["emergency_happened"] is False


def test_yaml_yes_names_a_choice_labelled_yes(tmp_path: Path) -> None:
    answers = tmp_path / "trip.yaml"
    answers.write_text("stay: long_term\ndestination: other_province\nfiled: no\nnetworked: yes\n", encoding="utf-8")
    result = invoke("offsite", "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["networked"]["value"] == "networked"


@pytest.mark.parametrize(
    ("lang", "listing"),
    [
        ("C.UTF-8", "(one of: networked (Yes), not_networked (No), unsure (Not sure))"),
        ("zh_CN.UTF-8", "（可选：networked（是）、not_networked（否）、unsure（不确定））"),
    ],
)
def test_a_wrong_choice_lists_values_and_labels(lang: str, listing: str) -> None:
    result = invoke(*OFFSITE_TO_NETWORKED, "--set", "networked=perhaps", lang=lang)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(listing), result.stderr



MULTI_FLOW = """\
id: m
title: M
sources:
  - {id: s1, title: S1, citation: c1}
questions:
  - id: bring
    type: multi
    text: What do you have?
    choices:
      - {value: card, label: {en: "Social security card", zh: 社保卡}}
      - {value: slips, label: {en: "Receipts, invoices", zh: 票据}}
items:
  - {id: a, kind: step, text: A, source: s1}
"""


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("card,slips", ("card", "slips")),
        ("social security card, 票据", ("card", "slips")),
        ("Receipts, invoices", ("slips",)),  # a label with a comma in it, given alone
        (["票据", "SOCIAL SECURITY CARD"], ("card", "slips")),
    ],
)
def test_multiple_choice_takes_labels_too(raw: object, values: tuple[str, ...]) -> None:
    from ssguide.core.loader import parse_flow

    question = parse_flow(MULTI_FLOW, "multi.yaml").questions["bring"]
    assert question.qtype.coerce(question, raw, context(date(2026, 11, 23))) == values


@pytest.mark.parametrize(
    ("typed", "value"),
    [("yes", True), ("Y", True), ("true", True), ("是", True), ("no", False), ("n", False), ("FALSE", False), ("否", False)],
)
def test_yes_no_words_in_both_languages(typed: str, value: bool) -> None:
    result = invoke(
        "apply-child", "--set", "route=school", "--set", f"low_income={typed}", "--set", "poor_family=no",
        "--set", "card_accepted=no", "--format", "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["low_income"]["value"] is value


@pytest.mark.parametrize("typed", ["2026-11-20\x1c", "\t2026-11-20", "2026-11-20\n", "2026年11月\x1f20日", "11-\x8520", "2026-11\x0b-20"])
def test_a_date_with_a_control_character_is_refused_not_read_around_it(typed: str) -> None:
    """The date readers strip and match \\s, which takes U+001C-U+001F, U+0085, tabs and line breaks for spaces:
    such a date was read as if they were not there. It is refused, in the core the terminal and the web share."""
    result = invoke(*APPLY_CHILD_SCHOOL, "--set", f"accepted_on={typed}", "--no-input")
    assert result.returncode == 2
    assert result.stderr.startswith("ssguide: error: --set: question 'accepted_on': ")
    assert "is not accepted: it contains control characters (such as a tab or a line break); type it without them" in result.stderr
    assert result.stdout == ""
    assert invoke(*APPLY_CHILD_SCHOOL, "--set", "accepted_on= 2026年11月 20日 ", "--no-input").returncode == 0  # spaces stay fine


# TINY_FLOW with a number question in place of the date, and no deadline counted from it.
NUMBER_FLOW = TINY_FLOW.split("  - id: claim-by")[0].replace(
    "  - id: treated\n    type: date\n    text: When were you treated?",
    "  - id: treated\n    type: number\n    unsure: true\n    text: How many days were you in hospital?",
)
CONTROLLED_NUMBERS = ["5\x1c", "\t5", "5\n", "\x855", "５\x1f", "5\x7f", "5\x0b", "not\x1fsure"]


@pytest.mark.parametrize("typed", CONTROLLED_NUMBERS)
def test_a_number_with_a_control_character_is_refused_not_read_around_it(tmp_path: Path, typed: str) -> None:
    """int() and float() strip U+001C-U+001F, U+0085, tabs and line breaks as spaces, and "not sure" was read
    across them: "5\\x1c" was 5. Refused as dates are, from --set and from an answers file alike."""
    flow = tmp_path / "days.yaml"
    flow.write_text(NUMBER_FLOW, encoding="utf-8")
    refused = "is not accepted: it contains control characters (such as a tab or a line break); type it without them"
    result = invoke("run", str(flow), "--set", "route=school", "--set", f"treated={typed}", "--no-input")
    assert result.returncode == 2
    assert result.stderr.startswith("ssguide: error: --set: question 'treated': ") and refused in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"route": "school", "treated": typed}), encoding="utf-8")
    from_file = invoke("run", str(flow), "--answers", str(answers), "--no-input")
    assert from_file.returncode == 2
    # The file's reader refuses C0 but tab and newline, DEL and C1 itself; the question type refuses the tab and the newline.
    assert from_file.stderr.startswith(f"ssguide: error: {answers}:1:") and "control character" in from_file.stderr
    assert len(from_file.stderr.strip().splitlines()) == 1 and from_file.stdout == ""
    taken = invoke("run", str(flow), "--set", "route=school", "--set", "treated= 5 ", "--format", "json")
    assert taken.returncode == 0 and json.loads(taken.stdout)["answers"]["treated"]["value"] == 5  # spaces stay fine


@pytest.mark.parametrize("setting", ["route=school\x1f", "low_income=no\x1c", "card_accepted=not\x1csure", "card_accepted=\tunsure"])
def test_a_choice_or_not_sure_with_a_control_character_is_refused_too(setting: str) -> None:
    """Choices and "not sure" were matched after str.strip() and split(), which take these controls for spaces."""
    result = invoke(*APPLY_CHILD_SCHOOL, "--set", setting, "--no-input")  # the last --set of a question wins
    assert result.returncode == 2
    assert f"question '{setting.split('=')[0]}'" in result.stderr
    assert "is not accepted: it contains control characters" in result.stderr and result.stdout == ""

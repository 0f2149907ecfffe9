"""Saved progress without a terminal: what a session file holds and how it is read back.

The terminal side (Ctrl-C, the offer, resuming) is in test_resume_tty.py;
these tests pin the file format, its checking against a changed flow, the
words of the offer, and the CJK-aware wrapping the prompts use.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from rich.cells import cell_len

from ssguide.shell import sessions
from ssguide.lang.cells import wrap_cells
from ssguide.shell.registry import resolve
from support.context import context

TODAY = date(2026, 11, 23)


def store() -> sessions.Sessions:
    """Where a run keeps saved progress: SSGUIDE_DATA_DIR as the tests set it (``Environment.data_dir``)."""
    return sessions.Sessions(Path(os.environ["SSGUIDE_DATA_DIR"]) / "sessions", datetime.now)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SSGUIDE_DATA_DIR", str(tmp_path))
    return tmp_path / "sessions" / "apply-child.json"


@pytest.fixture(scope="module")
def flow():
    return resolve("apply-child")


def test_a_session_is_saved_even_before_the_first_answer(data: Path, flow) -> None:
    assert store().save(flow, {}, "route") == data
    payload = json.loads(data.read_text(encoding="utf-8"))
    assert payload["flow"] == "apply-child" and payload["at"] == "route"
    assert payload["answers"] == {} and payload["remembered"] == {}
    assert payload["saved"][:4].isdigit()
    saved = store().load(flow)
    assert saved is not None and saved.at == "route" and saved.answers == {}
    fitted = sessions.fit(flow, saved, context(TODAY), {})
    assert fitted.usable and fitted.position == 1 and fitted.next.id == "route" and fitted.count == 0


def test_saved_answers_come_back_typed_with_remembered_defaults(data: Path, flow) -> None:
    answers = {"route": "not_in_school", "low_income": False, "card_accepted": True, "accepted_on": date(2026, 11, 2)}
    store().save(flow, answers, "accepted_on", remembered={"accepted_on": date(2026, 11, 2)})
    fitted = sessions.fit(flow, store().load(flow), context(TODAY), {})
    assert fitted.answers == answers  # dates are dates again, yes/no are booleans
    assert fitted.remembered == {"accepted_on": date(2026, 11, 2)}
    assert fitted.next is None and fitted.count == 4 and fitted.dropped == ()  # every question answered: the review


def test_answers_given_on_the_command_line_win_over_saved_ones(data: Path, flow) -> None:
    store().save(flow, {"route": "school", "low_income": True}, sessions.REVIEW)
    fitted = sessions.fit(flow, store().load(flow), context(TODAY), {"route": "not_in_school"})
    assert fitted.answers == {"low_income": True}
    assert fitted.dropped == ()
    assert fitted.next.id == "card_accepted" and fitted.position == 3


def test_answers_that_no_longer_fit_are_dropped(data: Path, flow) -> None:
    data.parent.mkdir(parents=True)
    raw = {"route": "kindergarten", "age": 4, "low_income": "no", "accepted_on": "2030-01-01"}
    data.write_text(json.dumps({"flow": "apply-child", "at": "card_accepted", "answers": raw}), encoding="utf-8")
    fitted = sessions.fit(flow, store().load(flow), context(TODAY), {})
    assert fitted.answers == {"low_income": False}
    assert fitted.dropped == ("route", "age", "accepted_on")  # not a choice, not a question, after today
    assert fitted.usable and fitted.next.id == "route"


@pytest.mark.parametrize(
    "payload",
    [
        {"flow": "apply-child", "at": "card_accepted", "answers": {"route": "kindergarten"}},
        {"flow": "apply-child", "at": "age", "answers": {}},  # stopped at a question that is gone
    ],
)
def test_a_session_with_nothing_that_fits_is_not_usable(data: Path, flow, payload: dict) -> None:
    data.parent.mkdir(parents=True)
    data.write_text(json.dumps(payload), encoding="utf-8")
    assert not sessions.fit(flow, store().load(flow), context(TODAY), {}).usable


@pytest.mark.parametrize(
    "content",
    ["", "not json{", "[1, 2]", '"text"', json.dumps({"flow": "card", "answers": {"route": "school"}})],
    ids=["empty", "garbage", "list", "string", "other-flow"],
)
def test_an_unreadable_or_foreign_file_is_no_session(data: Path, flow, content: str) -> None:
    data.parent.mkdir(parents=True)
    data.write_text(content, encoding="utf-8")
    assert store().load(flow) is None


def test_odd_values_in_a_hand_edited_file_are_dropped_not_raised(data: Path, flow) -> None:
    data.parent.mkdir(parents=True)
    odd = {"route": {"a": 1}, "low_income": [1, 2], "card_accepted": None, "accepted_on": 20261102}
    data.write_text(json.dumps({"flow": "apply-child", "at": 7, "answers": odd, "saved": 3}), encoding="utf-8")
    saved = store().load(flow)
    assert saved.at is sessions.REVIEW and saved.when == ""
    fitted = sessions.fit(flow, saved, context(TODAY), {})
    assert fitted.answers == {} and not fitted.usable


def test_an_unwritable_folder_saves_nothing_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flow) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SSGUIDE_DATA_DIR", str(blocker))  # a file where the folder should be
    assert store().save(flow, {"route": "school"}, "low_income") is None
    line = sessions.interrupted_text("apply-child", 1, 2, False, context(lang="en"), store().folder)
    assert line.startswith("Interrupted; nothing was written") and str(blocker) in line


def test_clear_removes_the_session_and_tolerates_none(data: Path, flow) -> None:
    store().save(flow, {}, "route")
    store().clear(flow)
    assert not data.exists()
    store().clear(flow)  # nothing to remove: no error


@pytest.mark.parametrize(
    "answers, at, en, zh",
    [
        (
            {"route": "not_in_school", "low_income": False},
            "card_accepted",
            "Last time (2026-11-20 09:30) you stopped at question 3 (Card-making accepted), with 2 answers saved.",
            "上次（2026-11-20 09:30）您停在第 3 题（制卡已受理），已保存 2 个回答。",
        ),
        (
            {"route": "not_in_school", "low_income": True, "card_accepted": False},
            None,
            "Last time (2026-11-20 09:30) you stopped at the review of your answers, with 3 answers saved.",
            "上次（2026-11-20 09:30）您停在核对回答这一步，已保存 3 个回答。",
        ),
    ],
    ids=["two-answers", "review"],  # with no answer saved there is no offer (tests/shell/test_screen_modes.py)
)
def test_the_offer_says_where_the_user_stopped(flow, answers: dict, at: str | None, en: str, zh: str) -> None:
    saved = sessions.Saved(answers=answers, at=at, saved="2026-11-20T09:30:12")
    fitted = sessions.fit(flow, saved, context(TODAY), {})
    assert sessions.offer_text(flow, saved, fitted, context(lang="en")) == en
    assert sessions.offer_text(flow, saved, fitted, context(lang="zh")) == zh


def test_the_offer_without_a_known_time() -> None:
    flow = resolve("apply-child")
    saved = sessions.Saved(answers={"route": "school"}, at="low_income")
    text = sessions.offer_text(flow, saved, sessions.fit(flow, saved, context(TODAY), {}), context(lang="en"))
    assert text == "Last time you stopped at question 2 (Low-income family), with 1 answer saved."


def test_the_interrupt_line_in_both_languages() -> None:
    assert sessions.interrupted_text("apply-child", 0, 1, True, context(lang="en"), store().folder) == (
        "Interrupted at question 1; no answers were kept, so there is nothing to resume. Run 'ssguide apply-child' to start again."
    )
    assert sessions.interrupted_text("run ./my.yaml", 2, 3, True, context(lang="en"), store().folder).startswith(
        "Interrupted; your answers so far are saved. Run 'ssguide run ./my.yaml' again"
    )
    assert sessions.interrupted_text("apply-child", 0, 1, True, context(lang="zh"), store().folder) == (
        "已中断于第 1 题；尚未保留任何回答，没有可继续的进度。再次运行 'ssguide apply-child' 即可重新开始。"
    )


# ---------------------------------------------------------------- wrapping for prompts


@pytest.mark.parametrize(
    "text, width",
    [
        ("上次（2026-11-23 12:57）您停在第 1 题（办理途径），还没有作答。", 30),
        ("在校学龄儿童通过学校办理；未入学或户籍不在本市的未满18周岁儿童，由监护人到户籍所在地社保经办机构办理。", 20),
        ("School-age children apply through their school. Children under 18 who are not in school.", 24),
        ("averyveryverylongwordwithoutanyspaceatallthatmustbecut", 20),
        ("一二三四五六七八九，十", 18),
    ],
)
def test_wrap_cells_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[:1] in "，。、；：？！）" for line in lines[1:]), lines  # no line starts with closing punctuation
    assert not any(line[-1:] == "（" for line in lines[:-1]), lines  # nor ends with an opening one


def test_wrap_cells_breaks_english_at_spaces() -> None:
    assert wrap_cells("one two three four", 9) == ["one two", "three", "four"]


def test_wrap_cells_breaks_chinese_between_characters_not_at_a_far_space() -> None:
    # Not "第 1" / "题…" at the last space; an opening bracket goes to the next line with its text.
    assert wrap_cells("上次您停在第 1 题（办理途径），还没有作答。", 20) == ["上次您停在第 1 题", "（办理途径），还没有", "作答。"]


def test_wrap_cells_never_starts_a_line_with_closing_punctuation_even_two_in_a_row() -> None:
    text = "从 YAML 或 JSON 文件读取回答（问题编号: 值）。"
    lines = wrap_cells(text, 44)  # the line is full just before "）。"
    assert all(cell_len(line) <= 44 for line in lines)
    assert not any(line[:1] in "）。，" for line in lines[1:]), lines
    assert "".join(lines).replace(" ", "") == "从YAML或JSON文件读取回答（问题编号:值）。"


def test_an_answer_that_cannot_be_written_as_utf8_is_not_saved_rather_than_a_crash(tmp_path: Path) -> None:
    """Review: a lone surrogate (keystrokes prompt_toolkit could not decode, or "\\udc80" in a JSON answers file)
    made the Ctrl-C save raise UnicodeEncodeError, an exit 70 where the person should read "not saved", 130."""
    from datetime import datetime

    from ssguide.core.loader import parse_flow
    from ssguide.shell.sessions import Sessions

    flow = parse_flow(
        "id: p\ntitle: P\nsources: [{id: s, title: S, citation: s}]\nquestions:\n  - {id: where, type: text, text: Where?}\n"
        "items: [{id: i, kind: step, text: Do., source: s}]\n", "p.yaml")
    sessions = Sessions(tmp_path / "sessions", lambda: datetime(2026, 1, 1))
    assert sessions.save(flow, {"where": "bad\udc80"}, "where") is None
    assert sessions.save(flow, {"where": "good"}, "where") is not None

"""Answers that are not one line of text: bytes that are not UTF-8, and Unicode's own line breaks.

Every answer passes through ``QuestionType.coerce`` whichever face it comes from
(``--set``, an answers file, the prompt, a saved session, the web form), so what
is refused there is refused everywhere, with one line that says why.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from support.cli import invoke
from support.context import context

# Every type of question, each a step further; a text question first.
ALL_TYPES = """\
id: every
title: Every type
sources: [{id: s, title: S, citation: s}]
questions:
  - {id: where, type: text, text: Where?, next: days}
  - {id: days, type: number, text: How many days?, next: day}
  - {id: day, type: date, text: On what day?, next: paid}
  - {id: paid, type: yesno, text: Paid?, next: route}
  - {id: route, type: choice, text: Route?, choices: [{value: a, label: Alpha}, {value: b, label: Beta}], next: kinds}
  - {id: kinds, type: multi, text: Kinds?, choices: [{value: a, label: Alpha}, {value: b, label: Beta}]}
items: [{id: i, kind: step, text: Do it., source: s}]
"""
GOOD = {"where": "St Mary", "days": "5", "day": "2026-11-20", "paid": "yes", "route": "a", "kinds": "a"}


def run_every(tmp_path: Path, *extra: str, **answers: str) -> object:
    flow = tmp_path / "every.yaml"
    flow.write_text(ALL_TYPES, encoding="utf-8")
    sets = [arg for qid, value in {**GOOD, **answers}.items() for arg in ("--set", f"{qid}={value}")]
    return invoke("run", str(flow), *sets, "--no-input", *extra)


# What a terminal in another encoding, or a file name pasted from ``ls``, hands Python as
# arguments: each byte that is not UTF-8 a lone surrogate (U+DC80-U+DCFF, "surrogate escapes").
UNDECODED = ["a\udc9b31mb", "\udcff", "caf\udce9"]


@pytest.mark.parametrize("typed", UNDECODED)
def test_a_text_answer_of_bytes_that_are_not_utf8_is_refused_in_one_line(tmp_path: Path, typed: str) -> None:
    """Taken as text, such an answer reached standard output as its raw bytes (0x9B is the C1 CSI that
    starts an escape sequence on an 8-bit terminal), and --export or --save-answers then failed to
    encode it: 'internal error: UnicodeEncodeError' (exit 70) after every question."""
    out = tmp_path / "out.md"
    result = run_every(tmp_path, "--export", str(out), "--save-answers", str(tmp_path / "a.yaml"), where=typed)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ssguide: error: --set: question 'where': ")
    assert "is not accepted: it holds bytes that are not UTF-8 text; type it again as UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "every.yaml"]


@pytest.mark.parametrize("qid", ["days", "day", "paid", "route", "kinds"])
def test_bytes_that_are_not_utf8_are_refused_by_every_type(tmp_path: Path, qid: str) -> None:
    result = run_every(tmp_path, **{qid: GOOD[qid] + "\udcff"})
    assert result.returncode == 2 and "holds bytes that are not UTF-8 text" in result.stderr


def test_a_saved_session_holding_such_an_answer_resumes_without_it_and_keeps_the_others(tmp_path: Path) -> None:
    """A session file is JSON, where "\\udcff" is a valid escape: the answer is dropped with a note, never
    taken (it would fail the export at the end), and the other answers come back."""
    from ssguide.core.loader import parse_flow
    from ssguide.shell.sessions import Sessions, fit

    flow = parse_flow(ALL_TYPES, "every.yaml")
    store = Sessions(tmp_path / "sessions", lambda: datetime(2026, 11, 23, 9))
    path = store.path(flow)
    path.parent.mkdir()
    saved = {"where": "bad\udcff", "days": "5", "day": "2026-11-20", "paid": True, "route": "a\u2028"}
    path.write_text(json.dumps({"flow": "every", "at": "route", "answers": saved}), encoding="utf-8")
    fitted = fit(flow, store.load(flow), context(date(2026, 11, 23)), {})
    assert fitted.answers == {"days": 5, "day": date(2026, 11, 20), "paid": True}
    assert fitted.dropped == ("where", "route") and fitted.usable  # a line separator is refused too


# Unicode's line and paragraph separators: line breaks (str.splitlines breaks there), invisible on
# a terminal, and taken for spaces by str.strip(), int() and float().
@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
@pytest.mark.parametrize(("qid", "value"), [("where", "St Mary{}ward 3"), ("days", "5{}"), ("day", "2026-11-20{}"),
                                             ("paid", "yes{}"), ("route", "a{}"), ("kinds", "a,{}b")])
def test_a_unicode_line_separator_is_refused_not_read_around(tmp_path: Path, qid: str, value: str, separator: str) -> None:
    """An answer is one line: "5<U+2028>" was read as 5, "a<U+2028>" as the choice a, and a text kept its
    line break, where a newline or U+0085 (NEL) in the same place is refused."""
    result = run_every(tmp_path, **{qid: value.format(separator)})
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith(f"ssguide: error: --set: question '{qid}': ")
    assert "is not accepted: it contains control characters (such as a tab or a line break); type it without them" in result.stderr


@pytest.mark.parametrize("typed", ["\u202eSt Mary", "St\u200bMary", "\ufeffSt Mary", "Mary\u2066x\u2069"])
def test_a_bidi_or_invisible_character_in_a_text_answer_is_kept_and_shown_never_applied(tmp_path: Path, typed: str) -> None:
    """Decided: a text answer is what the person typed (a name pasted from a web page may carry a
    zero-width space or a direction mark), so it is kept, and shown as <U+XXXX> wherever it is printed,
    as a flow's texts are; other types refuse it as not a number, a date, a choice."""
    out = tmp_path / "out.md"
    result = run_every(tmp_path, "--export", str(out), "--format", "json", where=typed)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["where"]["value"] == typed
    written = out.read_text(encoding="utf-8")
    assert all(f"U+{ord(ch):04X}" in written and ch not in written for ch in typed if not ch.isprintable()), written
    refused = run_every(tmp_path, days="\u202e5")
    assert refused.returncode == 2 and "is not a number" in refused.stderr

"""`ssguide apply-child` without a terminal: every path, the errors a user can make, exports.

Expected checklists are written out by hand from the flow's rules (not computed
with the engine), so a wrong condition in the flow or the engine shows up here.
Most runs go through typer's CliRunner in-process for speed; a real process checks
that it gives the same JSON, and the main error cases run as real processes.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from ssguide.core.dates import Offset, apply_offset

from support.cli import FLOWS, TODAY, cli_env, invoke

FLOW_DATA = yaml.safe_load((FLOWS / "apply-child.yaml").read_text(encoding="utf-8"))
TEXT_EN = {item["id"]: item["text"]["en"] for item in FLOW_DATA["items"]}

ALWAYS = {"card-what", "commercial-insurance", "card-use-elsewhere", "older-procedure"}
SCHOOL_STEPS = [
    "school-get-materials",
    "school-fill-declare",
    "school-review",
    "school-agency-collect",
    "school-card-making",
    "school-card-issued",
]
SCHOOL = set(SCHOOL_STEPS) | {"school-card-deadline", "school-mat-forms", "school-mat-online", "school-mat-other"}
HOME_STEPS = ["home-get-materials", "home-fill-declare", "home-agency-collect", "home-card-making", "home-card-collect"]
HOME = set(HOME_STEPS) | {"home-card-deadline", "home-mat-forms", "home-mat-online", "home-mat-other", "home-mat-fee"}
LOW_INCOME = {"ask-subsidy", "subsidy-art25"}
ROUTES = ("school", "not_in_school", "registered_elsewhere")
ACCEPTED_ON = "2026-11-02"
# 2026-11-02 is a Monday; November 2026 has no public holiday: 20 working days = 4 weeks.
DUE = "2026-11-30"
SECTIONS = ("steps", "materials", "deadlines", "expect", "notes")

Path4 = tuple[str, bool, "bool | None", bool]


def all_paths() -> list[Path4]:
    """(route, low_income, poor_family, card_accepted): every combination that ends the questions differently.

    poor_family is asked on the school route only (None elsewhere).
    """
    paths: list[Path4] = []
    for route in ROUTES:
        for low in (False, True):
            for poor in ((False, True) if route == "school" else (None,)):
                paths += [(route, low, poor, False), (route, low, poor, True)]
    return paths


PATHS = all_paths()


def path_id(path: Path4) -> str:
    route, low, poor, accepted = path
    family = {None: "", False: "-not-poor", True: "-poor"}[poor]
    return f"{route}-{'low' if low else 'normal'}{family}-{'accepted' if accepted else 'not-accepted'}"


def set_args(route: str, low: bool, poor: bool | None, accepted: bool, accepted_on: str = ACCEPTED_ON) -> list[str]:
    args = ["--set", f"route={route}", "--set", f"low_income={'yes' if low else 'no'}"]
    if poor is not None:
        args += ["--set", f"poor_family={'yes' if poor else 'no'}"]
    args += ["--set", f"card_accepted={'yes' if accepted else 'no'}"]
    if accepted:
        args += ["--set", f"accepted_on={accepted_on}"]
    return args


def by_school(route: str, poor: bool | None) -> bool:
    return route == "school" and not poor


def expected_items(route: str, low: bool, poor: bool | None) -> set[str]:
    ids = set(ALWAYS)
    if low:
        ids |= LOW_INCOME
    if by_school(route, poor):
        ids |= SCHOOL
    else:
        ids |= HOME
        if poor:
            ids.add("poor-family-excluded")
        if route == "registered_elsewhere":  # which agency, in plain words (issue 20, route 4.4)
            ids = (ids - {"home-get-materials"}) | {"home-get-materials-elsewhere"}
    return ids


def expected_steps(route: str, low: bool, poor: bool | None) -> list[str]:
    steps = list(SCHOOL_STEPS) if by_school(route, poor) else (["poor-family-excluded"] if poor else []) + HOME_STEPS
    if route == "registered_elsewhere":
        steps[steps.index("home-get-materials")] = "home-get-materials-elsewhere"
    if low:
        # order 15: before the forms go in (fill-declare, 20): the subsidy changes the fee
        steps.insert(steps.index("school-fill-declare" if by_school(route, poor) else "home-fill-declare"), "ask-subsidy")
    return steps


def run_many(argvs: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run several CLI invocations at once (they are independent) to keep the suite fast."""
    env = cli_env()
    procs = [
        (argv, subprocess.Popen(
            [sys.executable, "-m", "ssguide", *argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        ))
        for argv in argvs
    ]
    results = []
    for argv, proc in procs:
        out, err = proc.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(argv, proc.returncode, out, err))
    return results


@pytest.fixture(scope="module")
def json_runs() -> dict[Path4, dict[str, Any]]:
    data = {}
    for path in PATHS:
        result = invoke("apply-child", *set_args(*path), "--format", "json")
        assert result.returncode == 0, (path, result.stderr)
        assert result.stderr == ""
        data[path] = json.loads(result.stdout)
    return data


def test_a_real_process_gives_the_same_json(json_runs) -> None:
    # The fixture runs in-process for speed; the installed entry point must agree.
    (result,) = run_many([["apply-child", *set_args("school", False, False, True), "--format", "json", "--today", TODAY]])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json_runs[("school", False, False, True)]


def entry_ids(data: dict[str, Any]) -> list[str]:
    return [e["id"] for section in SECTIONS for e in data[section]]


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ssguide: error: ")
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# ---------------------------------------------------------------- every path


def test_paths_are_all_different() -> None:
    assert len(PATHS) == 16


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_path_has_exactly_its_items(json_runs, path) -> None:
    route, low, poor, accepted = path
    data = json_runs[path]
    got = entry_ids(data)
    assert len(got) == len(set(got)), "an item listed twice"
    assert set(got) == expected_items(route, low, poor)
    # Nothing from the other route.
    other = HOME if by_school(route, poor) else SCHOOL
    assert not set(got) & other


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_path_steps_in_order_with_their_texts(json_runs, path) -> None:
    route, low, poor, _ = path
    steps = json_runs[path]["steps"]
    assert [s["id"] for s in steps] == expected_steps(route, low, poor)
    for step in steps:
        assert step["text"] == TEXT_EN[step["id"]]


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_path_answers_are_those_on_the_route(json_runs, path) -> None:
    route, low, poor, accepted = path
    answers = json_runs[path]["answers"]
    expected: dict[str, Any] = {"route": route, "low_income": low}
    if poor is not None:
        expected["poor_family"] = poor
    expected["card_accepted"] = accepted
    if accepted:
        expected["accepted_on"] = ACCEPTED_ON
    assert {k: v["value"] for k, v in answers.items()} == expected
    assert list(answers) == list(expected)  # in asked order
    labels = {c["value"]: c["label"]["en"] for c in FLOW_DATA["questions"][0]["choices"]}
    assert answers["route"]["label"] == labels[route]
    assert answers["low_income"]["label"] == ("Yes" if low else "No")


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_path_every_item_cites_a_listed_source(json_runs, path) -> None:
    data = json_runs[path]
    listed = [s["id"] for s in data["sources"]]
    assert len(listed) == len(set(listed))
    cited: set[str] = set()
    for section in SECTIONS:
        for entry in data[section]:
            assert entry["sources"], f"{entry['id']} has no source"
            for sid in entry["sources"] + (entry["earlier"]["sources"] if entry["earlier"] else []):
                assert sid in listed, (entry["id"], sid)
                cited.add(sid)
    assert cited == set(listed), "a listed source that no item cites"
    for source in data["sources"]:
        assert source["title"] and source["citation"]


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_path_deadlines(json_runs, path) -> None:
    route, low, poor, accepted = path
    assert json_runs[path]["deadlines"] == [], "the card is something to wait for, not a date to act by"
    (deadline,) = json_runs[path]["expect"]
    assert deadline["id"] == ("school-card-deadline" if by_school(route, poor) else "home-card-deadline")
    due = deadline["deadline"]
    if accepted:
        assert due["date"] == DUE
        assert due["date"] == apply_offset(date.fromisoformat(ACCEPTED_ON), Offset(20, "working_days")).date.isoformat()
        assert due["anchor_date"] == ACCEPTED_ON
        assert DUE in due["summary"] and ACCEPTED_ON in due["summary"]
        assert due["past"] is False and due["estimate"] is False
    else:
        assert due["date"] is None and due["anchor_date"] is None
        assert "20 working days after" in due["summary"]


def test_deadline_across_the_national_day_holiday() -> None:
    result = invoke("apply-child", *set_args("not_in_school", False, None, True, "2026-09-28"), "--format", "json")
    assert result.returncode == 0, result.stderr
    (deadline,) = json.loads(result.stdout)["expect"]
    # Oct 1-7 are off and Saturday Oct 10 is a make-up working day.
    assert deadline["deadline"]["date"] == "2026-10-30"


def test_reasons_say_why_each_item_is_there(json_runs) -> None:
    data = json_runs[("registered_elsewhere", True, None, False)]
    why = {e["id"]: e["why"] for section in SECTIONS for e in data[section]}
    assert why["home-get-materials-elsewhere"] == [{"question": "route", "value": "registered_elsewhere"}]
    assert why["ask-subsidy"] == [{"question": "low_income", "value": True}]
    assert why["subsidy-art25"] == [{"question": "low_income", "value": True}]
    assert why["card-what"] == []


@pytest.mark.parametrize(
    ("path", "first_step", "marker"),
    [
        # Card-making accepted: the first step is done, ticked instead of numbered (issue 20).
        (("school", False, False, True), "school-get-materials", "✓"),
        (("school", True, True, False), "poor-family-excluded", "1."),
        (("registered_elsewhere", False, None, False), "home-get-materials-elsewhere", "1."),
    ],
)
def test_text_output_shows_the_route(path, first_step, marker) -> None:
    result = invoke("apply-child", *set_args(*path))
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # undo the terminal wrapping
    assert out.startswith("Apply for a child's medical insurance card")
    assert f"{marker} {TEXT_EN[first_step]}" in out
    for section in ("Do this now", "Steps", "Notes and warnings", "Sources"):
        assert section in result.stdout.splitlines()
    for other in ("school-get-materials", "home-get-materials"):
        if other not in expected_steps(path[0], path[1], path[2]):
            assert TEXT_EN[other] not in out
    assert "guidance, not legal advice" in out


# ---------------------------------------------------------------- answers files


def test_answers_file_gives_the_same_checklist_as_set(json_runs, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("route: not_in_school\nlow_income: no\ncard_accepted: yes\naccepted_on: 2026-11-02\n")
    result = invoke("apply-child", "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json_runs[("not_in_school", False, None, True)]


def test_answers_file_in_json(json_runs, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"route": "school", "low_income": True, "poor_family": True, "card_accepted": False}))
    result = invoke("apply-child", "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json_runs[("school", True, True, False)]


def test_set_wins_over_the_answers_file(json_runs, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("route: school\nlow_income: no\ncard_accepted: no\n")
    result = invoke("apply-child", "--answers", str(answers), "--set", "route=registered_elsewhere", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json_runs[("registered_elsewhere", False, None, False)]


# ---------------------------------------------------------------- errors

# The main error cases run as real processes (all at once, in parallel), so
# that "no Traceback" covers the real entry point; the others run in-process.
BROKEN_FILE = "route: school\nlow_income: [no\ncard_accepted: no\n"
UNKNOWN_ID_FILE = "route: school\nlow_incme: no\n"


@pytest.fixture(scope="module")
def error_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("answers")
    broken = folder / "broken.yaml"
    broken.write_text(BROKEN_FILE)
    unknown = folder / "unknown.yaml"
    unknown.write_text(UNKNOWN_ID_FILE)
    cases = {
        "no-input": ["apply-child", "--no-input"],
        "no-input-partial": ["apply-child", "--no-input", "--set", "route=school", "--set", "low_income=no"],
        "wrong-choice": ["apply-child", "--set", "route=shcool", "--no-input"],
        "bad-date": ["apply-child", *set_args("school", False, False, True, "2026-02-30")],
        "broken-file": ["apply-child", "--answers", str(broken)],
        "unknown-id": ["apply-child", "--answers", str(unknown)],
        "set-without-equals": ["apply-child", "--set", "route"],
    }
    results = run_many([[*argv, "--today", TODAY] for argv in cases.values()])
    runs: dict[str, Any] = dict(zip(cases, results))
    runs["files"] = {"broken": broken, "unknown": unknown}
    return runs


def test_no_input_without_answers_lists_what_is_missing(error_runs) -> None:
    result = error_runs["no-input"]
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    # One error line; the missing questions listed under it, one per line, with allowed values.
    assert lines[0].startswith("ssguide: error: ") and "--no-input" in lines[0]
    assert "--answers" in lines[0] and "--set" in lines[0]
    # The question needed now first; then the likely later ones, under a "then" line.
    listed = [line.split(":")[0].strip() for line in lines[1:]]
    assert listed[0] == "route"
    assert "school (School-age and at school), not_in_school (Under 18 and not in school)" in lines[1]
    assert listed[1].startswith("then, depending on those answers")
    assert listed[2:] == ["low_income", "poor_family", "card_accepted"]


def test_no_input_with_some_answers_lists_the_next_missing_one(error_runs) -> None:
    result = error_runs["no-input-partial"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("ssguide: error: ")
    listed = [line.split(":")[0].strip() for line in lines[1:]]
    assert listed[0] == "poor_family"
    assert "yes or no" in lines[1]


def test_no_input_with_every_answer_succeeds(json_runs) -> None:
    result = invoke("apply-child", "--no-input", *set_args("school", True, True, False), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_runs[("school", True, True, False)]


def test_wrong_choice_value(error_runs) -> None:
    assert_one_line_error(error_runs["wrong-choice"], "'route'", "shcool", "school (School-age and at school), not_in_school")


def test_malformed_date(error_runs) -> None:
    assert_one_line_error(error_runs["bad-date"], "'accepted_on'", "2026-02-30", "YYYY-MM-DD")


def test_broken_answers_file_points_at_the_line(error_runs) -> None:
    path = error_runs["files"]["broken"]
    line = assert_one_line_error(error_runs["broken-file"], f"{path}:", "YAML")
    position = line.split(f"{path}:", 1)[1].split(":")[0]
    assert position in ("2", "3")  # the unclosed '[' is on line 2; the parser notices on line 3


def test_answers_file_with_an_unknown_question(error_runs) -> None:
    path = error_runs["files"]["unknown"]
    assert_one_line_error(error_runs["unknown-id"], f"{path}:2:", "'low_incme'", "did you mean 'low_income'?")


def test_set_without_equals(error_runs) -> None:
    assert_one_line_error(error_runs["set-without-equals"], "'route'", "QUESTION_ID=VALUE")


def test_wrong_yes_no_value() -> None:
    result = invoke("apply-child", "--set", "route=school", "--set", "low_income=maybe")
    assert_one_line_error(result, "'low_income'", "maybe", "yes or no")


@pytest.mark.parametrize("value", ["02/11/2026", "soon", "2026-11", "13-01", "2026年2月30日"])
def test_other_malformed_dates(value: str) -> None:
    result = invoke("apply-child", *set_args("school", False, False, True, value))
    assert_one_line_error(result, "'accepted_on'", value, "YYYY-MM-DD")


def test_date_in_the_future_is_refused() -> None:
    result = invoke("apply-child", *set_args("school", False, False, True, "2026-11-24"))
    assert_one_line_error(result, "'accepted_on'", "2026-11-23")


def test_answers_file_with_a_wrong_value_points_at_its_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("route: school\nlow_income: no\ncard_accepted: perhaps\n")
    result = invoke("apply-child", "--answers", str(answers))
    assert_one_line_error(result, f"{answers}:3:", "'card_accepted'", "perhaps")


def test_answers_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- school\n- no\n")
    result = invoke("apply-child", "--answers", str(answers))
    assert_one_line_error(result, str(answers), "mapping")


def test_missing_answers_file(tmp_path: Path) -> None:
    result = invoke("apply-child", "--answers", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr


def test_set_with_an_unknown_question() -> None:
    result = invoke("apply-child", "--set", "rout=school")
    assert_one_line_error(result, "'rout'", "did you mean 'route'?")


def test_bad_today() -> None:
    result = invoke("apply-child", *set_args("school", True, True, False), today="2026-13-01")
    assert_one_line_error(result, "--today", "2026-13-01", "YYYY-MM-DD")


# ---------------------------------------------------------------- exports


def test_export_markdown_then_refuse_to_overwrite_then_force(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    first = invoke("apply-child", *set_args("school", False, False, True), "--export", str(out))
    assert first.returncode == 0, first.stderr
    assert out.is_file()
    content = out.read_bytes()
    assert content.startswith(b"# Apply for a child's medical insurance card")
    assert TEXT_EN["school-get-materials"].encode() in content
    assert "Checklist written to" in first.stderr and str(out) in first.stderr
    # stdout is still the checklist.
    assert "Steps" in first.stdout.splitlines()

    refused = invoke("apply-child", *set_args("not_in_school", False, None, False), "--export", str(out))
    assert_one_line_error(refused, str(out), "--force")
    assert out.read_bytes() == content

    forced = invoke("apply-child", *set_args("not_in_school", False, None, False), "--export", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    new = out.read_text(encoding="utf-8")
    assert TEXT_EN["home-get-materials"] in new
    assert TEXT_EN["school-get-materials"] not in new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temp files left


def test_export_into_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.md"
    result = invoke("apply-child", *set_args("school", True, True, False), "--export", str(out))
    assert_one_line_error(result, str(out), "does not exist")
    assert not out.exists() and not out.parent.exists()


def test_export_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user (root?) can write to a read-only folder")
        out = folder / "out.md"
        result = invoke("apply-child", *set_args("school", True, True, False), "--export", str(out))
        assert_one_line_error(result, str(out))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("folder", ["/sys", "/proc"])
def test_a_folder_that_takes_no_new_file_is_refused_before_any_question(folder: str) -> None:
    """A review: /sys and /proc passed the checks (they are folders; root's permission bits say yes) and the
    error came after the whole wizard. A file is made there first; with no answers, no question comes before it."""
    result = invoke("apply-child", "--export", f"{folder}/checklist.md")  # no answers at all: the wizard would ask
    assert_one_line_error(result, f"cannot write {folder}/checklist.md")


def test_the_check_that_a_file_can_be_made_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = invoke("apply-child", *set_args("school", True, True, False), "--export", str(out), "--save-answers", str(tmp_path / "a.yaml"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "out.md"]
    refused = invoke("apply-child", "--export", str(tmp_path / "new.md"), "--export", str(out))  # out.md exists: refused
    assert refused.returncode == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "out.md"]


def test_export_unknown_file_type(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = invoke("apply-child", *set_args("school", True, True, False), "--export", str(out))
    assert_one_line_error(result, ".pdf", ".md")
    assert not out.exists()


def test_export_refusal_comes_before_any_question(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("mine")
    result = invoke("apply-child", "--export", str(out))  # no answers at all
    assert_one_line_error(result, "--force")
    assert out.read_text() == "mine"


def test_export_ics_and_markdown_together(tmp_path: Path) -> None:
    ics, md = tmp_path / "card.ics", tmp_path / "card.md"
    result = invoke(
        "apply-child", *set_args("registered_elsewhere", False, None, True), "--export", str(ics), "--export", str(md)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Checklist written to") == 2
    calendar = ics.read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert calendar.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20261130" in calendar
    assert "BEGIN:VALARM" not in calendar, "the card being ready is waited for, not a date to act by: no reminder"
    markdown = md.read_text(encoding="utf-8")
    assert markdown.startswith("# Apply for a child's medical insurance card")
    assert DUE in markdown


def test_ics_without_dates_has_no_events(tmp_path: Path) -> None:
    ics = tmp_path / "card.ics"
    result = invoke("apply-child", *set_args("school", False, False, False), "--export", str(ics))
    assert result.returncode == 0, result.stderr
    calendar = ics.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in calendar and "BEGIN:VEVENT" not in calendar


def test_markdown_format_equals_markdown_export(tmp_path: Path) -> None:
    md = tmp_path / "out.md"
    result = invoke("apply-child", *set_args("school", False, False, True), "--format", "markdown", "--export", str(md))
    assert result.returncode == 0, result.stderr
    assert result.stdout == md.read_text(encoding="utf-8")


def test_save_answers_round_trips(tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    first = invoke("apply-child", *set_args("not_in_school", True, None, True), "--save-answers", str(saved), "--format", "json")
    assert first.returncode == 0, first.stderr
    assert "Answers saved to" in first.stderr
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data == {"route": "not_in_school", "low_income": True, "card_accepted": True, "accepted_on": ACCEPTED_ON}
    second = invoke("apply-child", "--answers", str(saved), "--format", "json", "--no-input")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_save_answers_keeps_only_answers_on_the_route(tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    result = invoke(
        "apply-child", *set_args("school", True, True, False), "--set", "accepted_on=2026-11-02", "--save-answers", str(saved)
    )
    assert result.returncode == 0, result.stderr
    saved_answers = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert saved_answers == {"route": "school", "low_income": True, "poor_family": True, "card_accepted": False}


def test_save_answers_refuses_to_overwrite(tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    saved.write_text("keep me\n")
    result = invoke("apply-child", *set_args("school", True, True, False), "--save-answers", str(saved))
    assert_one_line_error(result, "--force")
    assert saved.read_text() == "keep me\n"

"""What the per-flow content tests share: run a flow's command and read its JSON.

Every scenario runs the real command line in-process (``cli.run_main``) with
``--set ... --no-input --format json``. Facts come only from
/work/shared/seeds/*.txt and /work/shared/domain-notes.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from support.cli import run_main
from support.context import context



TODAY = "2026-11-23"
NOTICE = "nhsa-2022-22"
NOTICE_CITATION = "医保发〔2022〕22号"
SECTIONS = ("steps", "materials", "deadlines", "expect", "notes")

def run(flow: str, *sets: str, today: str = TODAY, lang: str = "en", fmt: str = "json") -> Any:
    args = [flow]
    for value in sets:
        args += ["--set", value]
    args += ["--no-input", "--format", fmt, "--today", today, "--lang", lang]
    result = run_main(args, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 0, f"ssguide {' '.join(args)} exited {result.exit_code}: {result.stderr}{result.stdout}"
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def certain_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for section in SECTIONS for e in data[section]]


def conditional_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The items that depend on a "not sure" answer, from every case (an item may be in several)."""
    return [e for group in data["depends_on"] for case in group["cases"] for e in case["items"]]


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return certain_entries(data) + conditional_entries(data)


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {e["id"]: e for e in certain_entries(data)}
    assert len(found) == len(certain_entries(data)), "an item appears twice in the checklist"
    assert not found.keys() & {e["id"] for e in conditional_entries(data)}, "an item is both certain and conditional"
    return {**{e["id"]: e for e in conditional_entries(data)}, **found}


def case_items(data: dict[str, Any], question: str, label: str) -> list[str]:
    """The item ids of the case of ``question`` (a "not sure" answer) labelled ``label`` ("If No")."""
    for group in data["depends_on"]:
        if group["questions"] == [question]:
            for case in group["cases"]:
                if case["label"] == label:
                    return [e["id"] for e in case["items"]]
    raise AssertionError(f"no case {label!r} for {question}: {data['depends_on']}")


def section_of(data: dict[str, Any], item_id: str) -> str:
    for section in SECTIONS:
        if any(e["id"] == item_id for e in data[section]):
            return section
    raise AssertionError(f"{item_id} is not on the checklist")


def step_ids(data: dict[str, Any]) -> list[str]:
    return [e["id"] for e in data["steps"]]


def all_text(data: dict[str, Any]) -> str:
    """Every line a reader sees in the items: current rules and earlier practice."""
    parts = []
    for e in entries(data):
        parts.append(e["text"])
        if e["earlier"]:
            parts.append(e["earlier"]["text"])
    return "\n".join(parts)


def cites(item: dict[str, Any]) -> set[str]:
    """The sources of an item's first line, of its earlier-practice line and of what still helps once its date has passed."""
    return set(item["sources"]) | set(item["earlier"]["sources"] if item["earlier"] else []) | set(
        item["overdue"]["sources"] if item["overdue"] else []
    )


def assert_present(data: dict[str, Any], *ids: str) -> None:
    missing = [i for i in ids if i not in by_id(data)]
    assert not missing, f"expected items missing: {missing}; got {sorted(by_id(data))}"


def assert_absent(data: dict[str, Any], *ids: str) -> None:
    wrong = [i for i in ids if i in by_id(data)]
    assert not wrong, f"items of another branch on the checklist: {wrong}"


def assert_current_rule(item: dict[str, Any], *fragments: str) -> None:
    """The item's first line is the 2022 notice's rule; the source's older wording is secondary."""
    assert NOTICE in item["sources"], f"{item['id']}: first line does not cite the 2022 notice: {item}"
    assert item["earlier"] is not None, f"{item['id']}: no earlier-practice line kept"
    for fragment in fragments:
        assert fragment in item["text"], f"{item['id']}: current rule lacks {fragment!r}: {item['text']}"


def assert_no_notice(data: dict[str, Any]) -> None:
    """Treatment within one province: nothing from the cross-province notice."""
    wrong = [e["id"] for e in entries(data) if NOTICE in cites(e)]
    assert not wrong, f"the cross-province 2022 notice shown for same-province treatment: {wrong}"
    assert NOTICE not in {s["id"] for s in data["sources"]}


def assert_consistent(data: dict[str, Any]) -> None:
    """Sources, citations and footer data hold together, whatever the scenario."""
    listed = [s["id"] for s in data["sources"]]
    numbers = {sid: n for n, sid in enumerate(listed, start=1)}
    cited: set[str] = set()
    for e in entries(data):
        assert e["sources"], f"{e['id']}: no source"
        for group in (e["sources"], e["earlier"]["sources"] if e["earlier"] else []):
            assert all(sid in numbers for sid in group), f"{e['id']}: a source is not in the checklist's sources"
            assert [numbers[s] for s in group] == sorted(numbers[s] for s in group), f"{e['id']}: citations not sorted"
        cited |= cites(e)
    now = data["do_now"]
    cited |= set(now["waiting"]["sources"] if now["waiting"] else [])
    for found in now["find_out"]:  # whom to ask, and what each answer brings
        cited |= set(found["sources"]) | {sid for case in found["cases"] for sid in case["sources"]}
    for group in data["depends_on"]:
        cited |= {sid for how in group["how_to_find_out"] for sid in how["sources"]}
    assert set(listed) == cited, f"sources listed but never cited: {sorted(set(listed) - cited)}"
    for s in data["sources"]:
        shown = s["title"] + s["citation"]
        assert ".txt" not in shown and "Seed" not in shown and "资料0" not in shown, f"a file name or seed number: {s}"
        if s["id"] == NOTICE:
            assert s["date"] == "2022" and s["citation"] == NOTICE_CITATION
    reviewed = data["flow"]["reviewed"]
    assert reviewed, "flow.reviewed (the footer's review date) is not set"
    date.fromisoformat(reviewed)
    finished = now["nothing_left"] and all(e["done"] or e["info"] for e in data["steps"])  # all done: one line says so
    assert now["actions"] or now["find_out"] or now["waiting"] or finished, "no Do this now: nothing to do, find out or wait for"
    assert_first_screen(data)
    for e in data["deadlines"]:
        assert e["kind"] == "deadline" and e["deadline"]["must_act"]
    for e in data["expect"]:
        assert e["kind"] == "deadline" and not e["deadline"]["must_act"] and not e["deadline"]["past"]


def do_now_ids(data: dict[str, Any]) -> list[str]:
    return [a["id"] for a in data["do_now"]["actions"]]


def assert_first_screen(data: dict[str, Any]) -> None:
    """What the issue judges a checklist by: Do this now holds nothing done, nothing that is information,
    nothing twice, and every date gone by (not done) with what still helps."""
    items = {e["id"]: e for e in certain_entries(data)}
    actions = data["do_now"]["actions"]
    ids = [a["id"] for a in actions]
    assert len(ids) == len(set(ids)), f"an item twice in Do this now: {ids}"
    assert len({a["text"] for a in actions}) == len(actions), f"one wording twice in Do this now: {actions}"
    for a in actions:
        item = items[a["id"]]
        assert not item["done"], f"{a['id']} is done, yet in Do this now"
        assert not item["info"], f"{a['id']} is information, yet in Do this now"
    for e in data["deadlines"] + data["expect"]:
        deadline = e["deadline"]
        if e["done"] or not deadline["passed"] or deadline["meaning"] == "ready_from":
            continue
        assert e["id"] in ids, f"{e['id']}: its date {deadline['date']} has passed, and Do this now does not say what still helps"
        assert e["overdue"] is not None, f"{e['id']}: a date gone by without what still helps"


# ---------------------------------------------------------------- every outcome's first screen

BOOK_DAY = date(2026, 12, 7)


def every_first_screen_problem(flow_id: str, today: date = BOOK_DAY) -> list[str]:
    """What is wrong with the first screen of any outcome of a bundled flow (the known ones and the "not sure" ones).

    The outcomes are those ``paths`` lists, whose dates fall before and after
    each deadline. For each: Do this now is not empty (or is the one line
    left to wait), holds no done item and no information, no item or wording
    twice, and every date gone by that is not done is there with what still
    helps (a "ready from" date: the step that waited for it).
    """
    from ssguide.authoring.analysis import analyse
    from ssguide.core.checklist import build
    from ssguide.shell.registry import load_flow
    from ssguide.shell.registry import bundled_flows

    flow = next(load_flow(info.path) for info in bundled_flows() if info.id == flow_id)
    result = analyse(flow, context(today))
    assert result.complete and result.unsure_complete
    problems: list[str] = []
    for outcome in result.outcomes + result.unsure_outcomes:
        built = build(flow, outcome.answer_dict(), context(today))
        where = f"{flow_id} {dict(outcome.answers)}"
        now = built.do_this_now()
        finished = now.nothing_left and all(e.done or e.info for e in built.steps)  # all done: one line says so
        if not (now.actions or now.find_out or now.waiting is not None or finished):
            problems.append(f"{where}: Do this now is empty")
        ids = [a.entry.item.id for a in now.actions]
        if len(ids) != len(set(ids)) or len({a.text for a in now.actions}) != len(ids):
            problems.append(f"{where}: an item or a wording twice in Do this now: {ids}")
        for action in now.actions:
            if action.entry not in built.entries or action.entry.done or action.entry.info:
                problems.append(f"{where}: {action.entry.item.id} in Do this now is done, information or not certain")
        waiting_steps = {e.item.waits_for: e for e in built.steps if e.item.waits_for and not e.done}
        for entry in built.deadlines + built.expectations:
            due = entry.due
            if entry.done or due is None or not due.passed:
                continue
            if due.rule.meaning == "ready_from":
                step = waiting_steps.get(entry.item.id)
                if step is not None and step.item.id not in ids:
                    problems.append(f"{where}: {entry.item.id} is ready since {due.date}, and {step.item.id} is not in Do this now")
            elif entry.item.id not in ids:
                problems.append(f"{where}: {entry.item.id} passed on {due.date}, and Do this now does not say what still helps")
            elif entry.overdue is None:
                problems.append(f"{where}: {entry.item.id} passed on {due.date} and has no overdue text")
    return problems

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
    """The sources of an item's first line and of its earlier-practice line."""
    return set(item["sources"]) | set(item["earlier"]["sources"] if item["earlier"] else [])


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
    assert set(listed) == cited, f"sources listed but never cited: {sorted(set(listed) - cited)}"
    for s in data["sources"]:
        shown = s["title"] + s["citation"]
        assert ".txt" not in shown and "Seed" not in shown and "资料0" not in shown, f"a file name or seed number: {s}"
        if s["id"] == NOTICE:
            assert s["date"] == "2022" and s["citation"] == NOTICE_CITATION
    reviewed = data["flow"]["reviewed"]
    assert reviewed, "flow.reviewed (the footer's review date) is not set"
    date.fromisoformat(reviewed)
    assert data["do_now"]["actions"], "no Do this now"
    for e in data["deadlines"]:
        assert e["kind"] == "deadline" and e["deadline"]["must_act"]
    for e in data["expect"]:
        assert e["kind"] == "deadline" and not e["deadline"]["must_act"] and not e["deadline"]["past"]

"""docs/sources.md and the bundled flows agree, and every item is sourced.

docs/sources.md maps each statement of the seed documents and of the domain
notes to the checklist items carrying it, written as `flow-id/item-id`. These
tests keep that map honest in both directions, check that every item names a
source its flow declares, that every seed document is cited somewhere, and
that every flow says when its content was last reviewed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ssguide.core.model import Flow
from ssguide.shell.registry import load_flow
from ssguide.shell.registry import bundled_flows

REPO = Path(__file__).resolve().parents[2]
SOURCES_DOC = REPO / "docs" / "sources.md"
# The source documents live in shared/ beside the checkout (CI lays a copy there too).
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), REPO.parent / "shared" / "seeds")

# Law articles reach the flows as quoted in these seeds (docs/sources.md says so too).
LAW_QUOTED_IN = {"law-sil-25": {"002"}, "law-sil-28": {"003"}, "law-sil-29": {"000", "003"}, "law-impl-8": {"001", "004"}}

ITEM_REF = re.compile(r"`([a-z][a-z0-9-]*)/([a-z0-9][a-z0-9-]*)`")


@pytest.fixture(scope="module")
def flows() -> dict[str, Flow]:
    loaded = {info.id: load_flow(info.path) for info in bundled_flows()}
    assert {"offsite", "emergency", "shenzhen", "card", "apply-child"} <= set(loaded)
    return loaded


@pytest.fixture(scope="module")
def doc() -> str:
    return SOURCES_DOC.read_text(encoding="utf-8")


def doc_refs(text: str) -> list[tuple[str, str]]:
    return ITEM_REF.findall(text)


def test_every_item_named_in_sources_doc_exists(flows: dict[str, Flow], doc: str) -> None:
    refs = doc_refs(doc)
    assert len(refs) > 50, "docs/sources.md should name the items as `flow-id/item-id`"
    unknown_flows = sorted({f for f, _ in refs if f not in flows})
    assert not unknown_flows, f"docs/sources.md names flows that are not bundled: {unknown_flows}"
    missing = sorted({f"{f}/{i}" for f, i in refs if flows[f].item(i) is None})
    assert not missing, f"docs/sources.md names items that do not exist: {missing}"


def test_every_flow_item_is_accounted_for_in_sources_doc(flows: dict[str, Flow], doc: str) -> None:
    named = set(doc_refs(doc))
    unmapped = sorted(f"{f.id}/{it.id}" for f in flows.values() for it in f.items if (f.id, it.id) not in named)
    assert not unmapped, f"items docs/sources.md does not trace to a source statement: {unmapped}"


def test_every_item_has_a_declared_source(flows: dict[str, Flow]) -> None:
    problems = []
    for flow in flows.values():
        for item in flow.items:
            if not item.sources:
                problems.append(f"{flow.id}/{item.id}: no source")
            for sid in item.sources:
                if sid not in flow.sources:
                    problems.append(f"{flow.id}/{item.id}: source {sid} not declared")
            for update in item.updates:
                for sid in update.sources:
                    if sid not in flow.sources:
                        problems.append(f"{flow.id}/{item.id}: update source {sid} not declared")
    assert not problems, "\n".join(problems)


def test_every_declared_source_is_used(flows: dict[str, Flow]) -> None:
    unused = []
    for flow in flows.values():
        used = {sid for it in flow.items for sid in it.sources} | {s for it in flow.items for u in it.updates for s in u.sources}
        used |= {s for it in flow.items if it.overdue for s in it.overdue.sources}  # what still helps once a date has passed
        used |= {s for it in flow.items for u in it.updates if u.overdue for s in u.overdue.sources}  # under the current rule
        used |= {s for q in flow.questions.values() for found in q.how_to_find_out for s in found.sources}
        unused += [f"{flow.id}: {sid}" for sid in flow.sources if sid not in used]
    assert not unused, f"sources declared but never cited: {unused}"


def seed_table(doc: str) -> dict[str, str]:
    """docs/sources.md's table: source id → seed file name (seeds only)."""
    return dict(re.findall(r"^\| (seed-\d{3}) \| (\S+\.txt) \|", doc, re.M))


def test_every_seed_file_is_cited(flows: dict[str, Flow], doc: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not here")
    seeds = sorted(p.name for p in SEEDS.iterdir() if p.is_file() and p.suffix == ".txt")
    assert seeds, f"no seed files in {SEEDS}"
    table = seed_table(doc)
    assert sorted(table.values()) == seeds, "docs/sources.md maps each seed file to its source id"
    declared = {sid for flow in flows.values() for sid, s in flow.sources.items() if s.kind == "seed"}
    uncited = [name for sid, name in table.items() if sid not in declared]
    assert not uncited, f"seed files no flow source cites: {uncited}"


def test_seed_titles_are_the_pages_own_titles(flows: dict[str, Flow], doc: str) -> None:
    """A reader can look a seed up by its title: the page's first line, after the site's name."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not here")
    table = seed_table(doc)
    wrong = []
    for flow in flows.values():
        for sid, source in flow.sources.items():
            if source.kind != "seed":
                continue
            first_line = (SEEDS / table[sid]).read_text(encoding="utf-8").splitlines()[0]
            page_title = first_line.rsplit(" - ", 1)[1].strip()
            if f"“{page_title}”" not in source.title.get("en"):
                wrong.append(f"{flow.id}: {sid} is titled {source.title.get('en')!r}, the page {page_title!r}")
    assert not wrong, "\n".join(wrong)


def test_no_checklist_citation_names_a_file_or_a_seed_number(flows: dict[str, Flow]) -> None:
    """File names and seed numbers belong in docs/sources.md, never in a checklist."""
    wrong = []
    for flow in flows.values():
        for sid, source in flow.sources.items():
            for lang in ("en", "zh"):
                shown = f"{source.title.get(lang)} {source.citation.get(lang)}"
                if re.search(r"\.txt|\.md\b|[Ss]eed|资料\d", shown):
                    wrong.append(f"{flow.id}: {sid} ({lang}): {shown}")
    assert not wrong, "\n".join(wrong)


def test_every_flow_has_a_reviewed_date(flows: dict[str, Flow]) -> None:
    for flow in flows.values():
        assert isinstance(flow.reviewed, date), f"{flow.id}: no reviewed date"
        assert flow.reviewed >= date(2022, 1, 1), f"{flow.id}: reviewed before the 2022 notice it must reflect"


def test_seed_table_matches_flow_sources(flows: dict[str, Flow], doc: str) -> None:
    """The "source id | file | flows" table says which flows declare each source, with which citation."""
    table = doc.split("\n| source id | file | flows |\n|---|---|---|\n", 1)[1].split("\n\n", 1)[0]
    rows = [tuple(cell.strip() for cell in line.strip().strip("|").split("|")) for line in table.splitlines()]
    assert rows and all(len(row) == 3 for row in rows), rows
    ids = [sid for sid, _, _ in rows]
    assert len(ids) == len(set(ids)), f"a source has two rows: {ids}"
    declared = {sid for flow in flows.values() for sid in flow.sources if not sid.startswith("law-")}
    assert set(ids) == declared, "every source a flow declares (laws apart) has its row, and every row is one"
    for sid, _file_cell, flows_cell in rows:
        listed = {f.strip() for f in flows_cell.split(",")}
        declaring = {f.id for f in flows.values() if sid in f.sources}
        assert listed == declaring, f"{sid}: docs list {sorted(listed)}, flows declaring it are {sorted(declaring)}"


def test_seed_sections_point_at_items_citing_that_seed(flows: dict[str, Flow], doc: str) -> None:
    """An item listed under "Seed NNN" cites that seed, or a law source quoted from it.

    Rows that say the statement was left out, or is cited from another seed,
    may point elsewhere for the reader.
    """
    problems = []
    section = None
    for line in doc.splitlines():
        heading = re.match(r"### Seed (\d{3})", line)
        if heading:
            section = heading.group(1)
            continue
        if line.startswith("## "):
            section = None
        if section is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or "Left out" in cells[1] or "cited from" in cells[1]:
            continue
        for fid, iid in doc_refs(cells[1]):
            flow = flows[fid]
            item = flow.item(iid)
            if item is None:
                continue  # reported by test_every_item_named_in_sources_doc_exists
            ok = f"seed-{section}" in item.sources or any(section in LAW_QUOTED_IN.get(s, ()) for s in item.sources)
            if not ok:
                problems.append(f"Seed {section}: {fid}/{iid} cites {list(item.sources)}")
    assert not problems, "\n".join(problems)


def test_2022_points_are_carried_by_the_notice(flows: dict[str, Flow], doc: str) -> None:
    """Section 2 rows marked 2022 point at items that cite nhsa-2022-22 (as an update or a source)."""
    part2 = doc.split("## 2.", 1)[1]
    problems = []
    for line in part2.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or not cells[0].startswith("2022"):
            continue
        refs = doc_refs(cells[1])
        assert refs, f"a 2022 point names no item: {cells[0]}"
        for fid, iid in refs:
            item = flows[fid].item(iid)
            cited = set(item.sources) | {s for u in item.updates for s in u.sources} if item else set()
            if "nhsa-2022-22" not in cited:
                problems.append(f"{fid}/{iid} ({cells[0][:40]}…) does not cite nhsa-2022-22")
    assert not problems, "\n".join(problems)

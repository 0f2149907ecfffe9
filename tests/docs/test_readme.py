"""The README's Quickstart commands are the ones that work, and CI runs the same test command."""

from __future__ import annotations

import re

from support.cli import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def quickstart_blocks() -> list[str]:
    match = re.search(r"^## Quickstart\s*$(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, "README has no '## Quickstart' section"
    return [b.strip() for b in re.findall(r"^```sh\n(.*?)^```", match.group(1), flags=re.M | re.S)]


def test_quickstart_has_two_sh_blocks() -> None:
    assert len(quickstart_blocks()) >= 2


def test_first_block_installs_and_runs_the_wizard() -> None:
    block = quickstart_blocks()[0]
    assert "pip install" in block
    assert re.search(r"(^|[\s/])ssguide apply-child\s*$", block), block


def test_test_command_is_what_ci_runs_verbatim() -> None:
    command = quickstart_blocks()[1]
    assert "pytest" in command
    assert command in CI
    # ...on a line of its own, as a command, not only in a comment.
    assert any(line.strip() == command for line in CI.splitlines() if not line.lstrip().startswith("#"))


def table_rows(heading: str) -> list[str]:
    """The rows of the tables under ``heading`` (a ``## `` or ``### `` line), each table's header left out."""
    match = re.search(rf"^#+ {re.escape(heading)}\s*$(.*?)(?=^#+ |\Z)", README, flags=re.M | re.S)
    assert match, f"README has no section {heading!r}"
    lines = match.group(1).splitlines()
    return [line for n, line in enumerate(lines) if line.startswith("|") and not line.startswith("|---") and not lines[n + 1].startswith("|---")]


def either(names: object) -> str:
    """Alternatives as the README's tables write them: ``en\\|zh`` (the pipe escaped inside a table)."""
    return "\\|".join(names)  # type: ignore[arg-type]


def test_the_tables_name_the_languages_and_formats_there_are() -> None:
    """Written by hand, the tables must say what --lang, --format and --export take: the locales and exporters tables."""
    from ssguide.lang.i18n import LOCALES
    from ssguide.shell.exporters import EXPORTERS, LISTING_FORMATS, OutputFormat

    rows = "\n".join(table_rows("Commands"))
    languages = set(re.findall(r"--lang ([\w\\|]+\\\|[\w\\|]+)", rows))  # the choices, not an example (`--lang zh`)
    assert languages == {either(LOCALES)}, languages
    formats = set(re.findall(r"--format ([\w\\|]+)", rows))
    assert formats == {either(f.value for f in OutputFormat), either(LISTING_FORMATS), "mermaid\\|dot"}, formats
    export = next(row for row in table_rows("Commands") if row.startswith("| `--export"))
    assert re.findall(r"`(\.\w+)`", export) == [e.suffixes[0] for e in EXPORTERS], export


def test_the_commands_table_lists_each_bundled_procedure_by_its_titles() -> None:
    from ssguide.shell.registry import bundled_flows, load_flow

    listed = {m.group(1): m.group(2) for row in table_rows("Commands") if (m := re.match(r"\| `ssguide ([\w-]+)` \| (.*) \|$", row))}
    flows = {flow.command: flow for flow in (load_flow(info.path) for info in bundled_flows())}
    assert set(listed) - {"schema", "--version"} == set(flows), sorted(listed)
    for command, flow in flows.items():
        assert listed[command] == f"{flow.title.get('en')} ({flow.title.get('zh')}).", (command, listed[command])

"""docs/architecture.md: adding an export format is a renderer module in ``render/`` and one row in ``EXPORTERS``.

The recipe is followed in a temporary copy of the package: a toy "plain list"
format (``.lst``, every checklist item on a line of its own) is written in a new
``render/lst.py`` and its row added at the end of ``EXPORTERS`` in
``shell/exporters.py``. ``--export`` then writes it, ``--format`` prints it,
the help names its suffix and format, and the copy differs from the package in
those two files alone.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from support.cli import REPO, cli_env, run_cli

PACKAGE = REPO / "src" / "ssguide"

# Step 1: a renderer module: render(checklist, ctx) -> str | bytes.
LST_RENDERER = '''"""A toy format: every item of the checklist on a line of its own."""

from __future__ import annotations

from ..core.checklist import Checklist
from .context import RenderContext


def render(checklist: Checklist, ctx: RenderContext) -> str:
    entries = [*checklist.steps, *checklist.materials, *checklist.deadlines, *checklist.expectations, *checklist.notes]
    return "".join(f"{entry.item.id}: {ctx.text(entry.text)}\\n" for entry in entries)
'''

# Step 2: its row, at the end of the table.
LST_ROW = '''    Exporter("lst", (".lst",), printable=True, renderer="lst"),
'''


def _files(package: Path) -> set[str]:
    return {str(p.relative_to(package)) for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-recipe")
    shutil.copytree(PACKAGE, root / "src" / "ssguide", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "flows", root / "flows")
    (root / "src" / "ssguide" / "render" / "lst.py").write_text(LST_RENDERER, encoding="utf-8")
    table = root / "src" / "ssguide" / "shell" / "exporters.py"
    text = table.read_text(encoding="utf-8")
    opening = "\nEXPORTERS: tuple[Exporter, ...] = (\n"
    assert text.count(opening) == 1, "EXPORTERS is no longer where the recipe says"
    end = text.index("\n)\n", text.index(opening)) + 1
    table.write_text(text[:end] + LST_ROW + text[end:], encoding="utf-8")
    return root


def _run(copy: Path, *args: str):
    env = cli_env(PYTHONPATH=str(copy / "src"), SSGUIDE_CACHE_DIR=str(copy / "cache"), SSGUIDE_DATA_DIR=str(copy / "data"))
    return run_cli(*args, env=env, cwd=copy, timeout=60)


def test_the_recipe_touches_a_renderer_and_the_table_alone(copy: Path) -> None:
    copied = copy / "src" / "ssguide"
    added = _files(copied) - _files(PACKAGE)
    changed = [name for name in sorted(_files(PACKAGE)) if not filecmp.cmp(PACKAGE / name, copied / name, shallow=False)]
    assert added == {"render/lst.py"}
    assert changed == ["shell/exporters.py"]


def test_the_new_format_is_exported_printed_and_in_the_help(copy: Path) -> None:
    exported = _run(copy, "card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", "card.lst")
    assert exported.returncode == 0, exported.stderr
    written = (copy / "card.lst").read_text(encoding="utf-8")
    assert written.splitlines() and all(": " in line for line in written.splitlines())
    printed = _run(copy, "card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--format", "lst")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == written
    help_text = " ".join(_run(copy, "card", "--help").stdout.split())
    assert ".lst" in help_text and "lst" in help_text.split("What to print:")[1]

"""The shell's two tables: answers in layers, and the export formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import invoke
from ssguide.errors import InputProblem
from ssguide.shell.exporters import DEFAULT_FORMAT, EXPORTERS, OutputFormat, exporter_for
from ssguide.shell.layers import AnswerLayers


def test_set_wins_over_the_answers_file_and_both_are_fixed() -> None:
    layers = AnswerLayers(set_values={"a": "from --set"}, answers_file={"a": "from file", "b": "from file"})
    layers.take_default("c", "default")
    assert dict(layers) == {"a": "from --set", "b": "from file", "c": "default"}
    assert layers.fixed == {"a", "b", "c"}
    with pytest.raises(KeyError):
        layers["a"] = "asked"  # the wizard never overwrites the command line
    with pytest.raises(KeyError):
        del layers["b"]


def test_the_runs_own_answers_can_be_taken_back_and_changed() -> None:
    layers = AnswerLayers(set_values={"a": 1})
    layers.resume({"b": 2}, {"c": 3})
    layers["d"] = 4
    assert dict(layers) == {"a": 1, "b": 2, "d": 4} and layers.remembered == {"c": 3}
    layers.forget("b")
    assert "b" not in layers and layers.remembered == {"c": 3, "b": 2}


def test_every_format_in_the_table_is_an_export_suffix_and_printable_ones_are_format_choices(tmp_path: Path) -> None:
    help_text = invoke("card", "--help", today=None).stdout
    for exporter in EXPORTERS:
        assert exporter.suffixes[0] in help_text
        for suffix in exporter.suffixes:
            assert exporter_for(tmp_path / f"checklist{suffix.upper()}") is exporter
    choices = [f.value for f in OutputFormat]
    assert choices[0] == DEFAULT_FORMAT == "text"  # the default first
    assert sorted(choices) == sorted(exporter.name for exporter in EXPORTERS if exporter.printable)
    with pytest.raises(InputProblem, match="unknown file type '.pdf'"):
        exporter_for(tmp_path / "checklist.pdf")


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.name)
def test_every_exporter_writes_its_file(exporter, tmp_path: Path) -> None:
    target = tmp_path / f"checklist{exporter.suffixes[0]}"
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", str(target))
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0


@pytest.mark.parametrize("command", [["list"], ["paths", "card"]], ids=" ".join)
def test_list_and_paths_offer_only_what_they_print(command: list[str]) -> None:
    """Their own choices (text, json), worded from that list, never the checklist formats of the table."""
    from ssguide.shell.exporters import LISTING_FORMATS

    help_text = " ".join(invoke(*command, "--help", today=None).stdout.split())
    assert f"--format <{'|'.join(LISTING_FORMATS)}>" in help_text
    assert "text or json" in help_text
    for exporter in EXPORTERS:
        if exporter.name not in LISTING_FORMATS:
            refused = invoke(*command, "--format", exporter.name, today=None)
            assert refused.returncode == 2 and "'--format'" in refused.stderr, refused.stderr

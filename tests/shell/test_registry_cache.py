"""The flow-header index behind start-up: current when flows change, harmless when broken."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssguide.shell import registry
from ssguide.core.model import FlowError
from ssguide.lang.i18n import LocalText

FLOWS = Path(__file__).resolve().parents[2] / "flows"


@pytest.fixture
def flows_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "flows"
    folder.mkdir()
    # card alone: its pointer at offsite ({flow:offsite}) must name a flow of this folder, as bundled flows' do.
    card = (FLOWS / "card.yaml").read_text(encoding="utf-8")
    assert "{flow:offsite}" in card
    (folder / "card.yaml").write_text(card.replace("{flow:offsite}", "{flow:card}"), encoding="utf-8")
    monkeypatch.setattr(registry, "bundled_dir", lambda: folder)
    monkeypatch.setenv("SSGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    registry.bundled_flows.cache_clear()
    yield folder
    registry.bundled_flows.cache_clear()


def cache_folder() -> Path:
    """The cache folder a run would use (``Environment.cache_dir``): the tests set SSGUIDE_CACHE_DIR."""
    return Path(os.environ["SSGUIDE_CACHE_DIR"])


def titles() -> dict[str, str]:
    registry.bundled_flows.cache_clear()
    return {i.command: i.title.get("en") for i in registry.bundled_flows(cache_folder())}


def test_the_index_is_written_and_then_used(flows_copy: Path, tmp_path: Path) -> None:
    first = titles()
    index = registry.index_path(cache_folder())
    assert index.is_file()
    data = json.loads(index.read_text(encoding="utf-8"))
    data["flows"][0]["title"] = [["en", "From the index"]]
    index.write_text(json.dumps(data), encoding="utf-8")
    assert titles() == {"card": "From the index"}  # proof that the index, not the file, was read
    assert first["card"] != "From the index"


def test_a_changed_or_new_flow_file_is_read_again(flows_copy: Path) -> None:
    assert set(titles()) == {"card"}
    text = (flows_copy / "card.yaml").read_text(encoding="utf-8")
    changed = text.replace("command: card\n", "command: card-renamed\n", 1)
    assert changed != text
    (flows_copy / "card.yaml").write_text(changed, encoding="utf-8")
    assert set(titles()) == {"card-renamed"}
    shutil.copy(FLOWS / "emergency.yaml", flows_copy / "emergency.yaml")
    assert set(titles()) == {"card-renamed", "emergency"}


@pytest.mark.parametrize("junk", ["", "{", "[]", '{"key": 1}', '{"key": null, "flows": 5}'])
def test_a_broken_index_is_ignored_and_replaced(flows_copy: Path, tmp_path: Path, junk: str) -> None:
    (tmp_path / "cache").mkdir()
    registry.index_path(cache_folder()).write_text(junk, encoding="utf-8")
    assert set(titles()) == {"card"}
    assert json.loads(registry.index_path(cache_folder()).read_text(encoding="utf-8"))["flows"]


def test_an_unwritable_cache_folder_only_costs_time(flows_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SSGUIDE_CACHE_DIR", str(blocker / "cache"))
    assert set(titles()) == {"card"}


def test_help_with_a_current_index_does_not_import_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "SSGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    probe = "import sys; from ssguide.shell import cli; cli.app; print('yaml' in sys.modules)"  # cli.app: what --help builds
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # headers read with PyYAML, index written
    assert second.stdout.strip() == "False"  # index current: no YAML at all


def test_importing_the_cli_reads_and_writes_nothing(tmp_path: Path) -> None:
    """The command line is built when it runs, not when a tool or a test imports it."""
    env = {**os.environ, "SSGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    probe = "import sys; sys.argv = ['ssguide', '--lang', 'zh']; from ssguide.shell import cli; print(sorted(m for m in sys.modules if m.startswith(('yaml', 'typer', 'ssguide.zhclick'))))"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert not (tmp_path / "cache").exists()


def test_each_install_keeps_its_own_index(flows_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A venv, a pipx install and a checkout do not overwrite each other's index."""
    titles()
    here = registry.index_path(cache_folder())
    monkeypatch.setattr(registry, "_PACKAGE_DIR", tmp_path / "another-install" / "ssguide")
    titles()
    there = registry.index_path(cache_folder())
    assert here != there and here.is_file() and there.is_file()
    assert here.parent == there.parent == tmp_path / "cache"


# ---------------------------------------------------------------- parsed flows


def test_a_bundled_flow_is_read_from_its_cache_once_checked(flows_copy: Path) -> None:
    from ssguide.record import replace

    first = registry.resolve("card", cache_folder())
    cache = registry.flow_cache_path(cache_folder(), flows_copy / "card.yaml")
    assert cache.is_file()
    key, flow = pickle.loads(cache.read_bytes())
    assert flow == first
    doctored = replace(flow, title=LocalText.plain("From the cache"))
    cache.write_bytes(pickle.dumps((key, doctored)))
    assert registry.resolve("card", cache_folder()).title.get("en") == "From the cache"  # proof that the cache was read


def test_a_changed_flow_file_is_read_and_checked_again(flows_copy: Path) -> None:
    registry.resolve("card", cache_folder())
    path = flows_copy / "card.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsources:", "\nnot_a_key: 1\nsources:", 1), encoding="utf-8")
    with pytest.raises(FlowError) as caught:
        registry.resolve("card", cache_folder())
    assert "not_a_key" in str(caught.value.problems[0])


@pytest.mark.parametrize("junk", [b"", b"not a pickle", pickle.dumps("a string"), pickle.dumps((("old", "key"), None))])
def test_a_broken_flow_cache_is_ignored_and_replaced(flows_copy: Path, junk: bytes) -> None:
    expected = registry.resolve("card", cache_folder())
    cache = registry.flow_cache_path(cache_folder(), flows_copy / "card.yaml")
    cache.write_bytes(junk)
    assert registry.resolve("card", cache_folder()) == expected
    assert pickle.loads(cache.read_bytes())[1] == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_flow_cache_that_others_may_write_is_never_unpickled(flows_copy: Path) -> None:
    from ssguide.record import replace

    registry.resolve("card", cache_folder())
    cache = registry.flow_cache_path(cache_folder(), flows_copy / "card.yaml")
    key, flow = pickle.loads(cache.read_bytes())
    cache.write_bytes(pickle.dumps((key, replace(flow, title=LocalText.plain("Planted")))))
    os.chmod(cache, 0o666)
    assert registry.resolve("card", cache_folder()).title.get("en") != "Planted"


def test_a_changed_module_of_the_package_invalidates_the_parsed_flows(flows_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a checkout the code changes without a new version: a flow parsed by older code is parsed again."""
    from ssguide.record import replace

    package = tmp_path / "package"
    package.mkdir()
    (package / "model.py").write_text("# the flow model\n", encoding="utf-8")
    monkeypatch.setattr(registry, "_PACKAGE_DIR", package)
    registry.resolve("card", cache_folder())
    cache = registry.flow_cache_path(cache_folder(), flows_copy / "card.yaml")
    key, flow = pickle.loads(cache.read_bytes())
    cache.write_bytes(pickle.dumps((key, replace(flow, title=LocalText.plain("Parsed by older code")))))
    assert registry.resolve("card", cache_folder()).title.get("en") == "Parsed by older code"  # unchanged code: the cache is used
    (package / "model.py").write_text("# the flow model, with a new field\n", encoding="utf-8")
    assert registry.resolve("card", cache_folder()).title.get("en") != "Parsed by older code"

"""Any locale works: a terminal in GBK, Latin-1 or plain ASCII gets the checklist, files are always UTF-8.

Every checklist run in LC_ALL=zh_CN.GBK (or en_US.ISO-8859-1, or
PYTHONIOENCODING=ascii) exited 70 on the first "•" or "·", printed nothing
and wrote no export.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import cli_env

LOCALES = {"zh_CN.GBK": ("zh_CN", "GBK", "gbk"), "en_US.ISO-8859-1": ("en_US", "ISO-8859-1", "latin-1")}


@pytest.fixture(scope="module")
def locales(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """The two locales compiled into a folder of their own (LOCPATH), where localedef can: this machine may have none."""
    if not sys.platform.startswith("linux") or shutil.which("localedef") is None:
        return None
    folder = tmp_path_factory.mktemp("locales")
    for name, (source, charmap, _) in LOCALES.items():
        subprocess.run(["localedef", "-i", source, "-f", charmap, str(folder / name)], capture_output=True, timeout=60)
        if not (folder / name).is_dir():
            return None  # no locale sources here: PYTHONIOENCODING still makes the same streams
    return folder


def environment(how: str, locales: Path | None) -> tuple[dict[str, str], str]:
    """The environment of a user whose terminal speaks ``how``, and that encoding's Python name."""
    if how in LOCALES:
        if locales is None:
            pytest.skip("localedef could not make the locale")
        env = cli_env(LC_ALL=how, LOCPATH=str(locales))
        env.pop("PYTHONIOENCODING")  # the locale alone decides, as on a real machine
        return env, LOCALES[how][2]
    return cli_env(PYTHONIOENCODING=how), how


@pytest.mark.parametrize("how", ["zh_CN.GBK", "en_US.ISO-8859-1", "ascii", "gbk", "latin-1"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_checklist_in_any_encoding_prints_and_writes_its_exports(tmp_path: Path, locales: Path | None, how: str, lang: str) -> None:
    env, encoding = environment(how, locales)
    argv = [sys.executable, "-m", "ssguide", "card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--today", "2026-11-23", "--lang", lang,
            "--export", "out.txt", "--export", "out.md", "--export", "out.ics"]
    result = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr.decode(encoding, "replace")
    shown = result.stdout.decode(encoding)  # the terminal's own encoding, strictly
    assert "12333" in shown
    if lang == "en":  # none of these encodings has "•": its ASCII look-alike
        assert "\n* " in shown and "•" not in shown
    if lang == "zh" and encoding == "gbk":
        assert "现在就办" in shown  # Chinese is what GBK is for
    for name in ("out.txt", "out.md", "out.ics"):
        (tmp_path / name).read_bytes().decode("utf-8")  # files are UTF-8 whatever the terminal
    assert "•" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_an_error_in_a_terminal_without_chinese_is_still_one_line(tmp_path: Path) -> None:
    env = cli_env(PYTHONIOENCODING="ascii")
    result = subprocess.run([sys.executable, "-m", "ssguide", "card", "--set", "reason=maybe", "--no-input", "--lang", "zh"],
                            cwd=tmp_path, env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    lines = result.stderr.decode("ascii").splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssguide: ") and "maybe" in lines[0]

"""Issue #5: the whole apply-child wizard in Chinese, in a real 80-column terminal.

Walks ``ssguide apply-child --lang zh`` key by key (under an English locale, so
--lang alone decides) to the final checklist, then checks that nothing on the
screen is English except names (ssguide, file names of the sources, the
YYYY-MM-DD placeholder), and that no line of the checklist is wider than the
terminal's 80 cells.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from rich.cells import cell_len  # noqa: E402

from ssguide.lang.i18n import catalog  # noqa: E402

MESSAGES = {"en": catalog("en")}
from support.language import english_left  # noqa: E402
from support.screen import attach, terminal_env  # noqa: E402
from support.terminal import ANSI, DOWN, ENTER, TIMEOUT, plain  # noqa: E402
from support.pty_walk import TODAY, title, walk_raw  # noqa: E402

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

COLUMNS = 80

# The program's English headings and labels that a Chinese checklist must not show.
ENGLISH_LABELS = [
    MESSAGES["en"][key]
    for key in (
        "steps", "materials", "deadlines", "notes", "sources", "your_answers", "situation", "source_label",
        "why_label", "warning_label", "do_now", "expect", "note_label", "yes", "no", "past", "question", "answer",
    )
] + ["Earlier practice", "Act by", "Content last reviewed", "working days", "Review your answers", "Question 1 of", "arrow keys", "Back", "Change"]


def walk_80_columns(tmp_path: Path, steps: list[tuple[str, list[str]]]) -> str:
    """Answer each question in an 80-column pty; return everything the terminal received."""
    return walk_raw(tmp_path, "apply-child", steps, lang="zh", columns=COLUMNS)


def test_apply_child_in_chinese_at_80_columns(tmp_path: Path) -> None:
    raw = walk_80_columns(
        tmp_path,
        [
            ("孩子属于哪种情况", [DOWN, ENTER]),  # 未满18周岁，未入学
            ("家庭是否享受最低生活保障", [DOWN, ENTER]),  # 否
            ("制卡手续是否已经受理", [ENTER]),  # 是
            ("制卡手续是哪天受理的", ["2026-11-02", ENTER]),
        ],
    )
    screen = plain(raw)
    heading = title("apply-child", "zh")
    assert heading in screen
    checklist = screen[screen.rindex(heading) :]
    compact = checklist.replace(" ", "")
    for fragment in ("您的情况", "现在就办", "步骤", "需带材料", "预计进度", "注意事项", "依据", "2026年11月30日起", "20个工作日", "社保经办机构"):
        assert fragment in compact, f"{fragment!r} not in the checklist:\n{checklist}"

    # Nothing English on the whole screen: prompts, hints, review, checklist.
    for label in ENGLISH_LABELS:
        assert not re.search(rf"\b{re.escape(label)}\b", screen), f"{label!r} on the screen:\n{screen[-3000:]}"
    assert not english_left(screen, {"offsite"}), f"English on the screen:\n{screen[-3000:]}"

    # The checklist wraps inside the terminal: no line wider than 80 cells.
    text = ANSI.sub("", raw)
    lines = re.split(r"\r\n|\n|\r", text[text.rindex(heading) :])
    assert len(lines) > 20
    too_wide = [line for line in lines if cell_len(line) > COLUMNS]
    assert not too_wide, "wider than 80 cells:\n" + "\n".join(f"{cell_len(x)}: {x}" for x in too_wide)


def test_a_wrong_date_typed_at_the_prompt_is_explained_in_chinese(tmp_path: Path) -> None:
    """The message under a text prompt follows --lang like everything else."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ssguide", "emergency", "--today", TODAY, "--lang", "zh"],
        env=terminal_env(tmp_path), dimensions=(40, COLUMNS), encoding="utf-8", timeout=TIMEOUT, cwd=str(tmp_path),
    )
    log = attach(child)
    try:
        child.expect_exact("您属于哪种情况")
        child.send(DOWN + ENTER)  # emergency treatment outside the insured place
        child.expect_exact("在哪里就医")
        child.send(DOWN + ENTER)  # another province
        child.expect_exact("急诊抢救是哪天")
        child.send("3 December")
        child.expect_exact("不是能识别的日期")
        rows = log.display()
        typed = rows.index("  3 December")
        assert rows[typed + 1].startswith("  不是能识别的日期"), rows[typed - 1 : typed + 3]  # right under the input
        child.send("\x15")  # Ctrl-U: clear the line
        child.send("\x03")  # Ctrl-C: leave (saved progress; not what this test is about)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    screen = plain(log.getvalue())
    assert "not a date" not in screen

""""Not sure" in a real terminal: the menu entry, typed into a date prompt, and the checklist it gives.

Menus list the choices, then "Not sure" (不确定) where the flow allows it, then
"← Back". The printed checklist keeps what holds either way in its sections
and groups the rest under "Depends on", with how to find out first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pexpect")

from support.terminal import DOWN, ENTER, plain  # noqa: E402
from support.pty_walk import (  # noqa: E402
    OFFSITE_FILED, OFFSITE_NETWORKED, OFFSITE_STAY, OFFSITE_WHERE, assert_hides, assert_shows, title, walk, walk_raw,
)

NETWORKED_HOW = "Look the hospital up in the list of networked designated institutions"


def test_offsite_not_sure_if_the_hospital_is_networked(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "offsite",
        [
            (OFFSITE_STAY, [ENTER]),  # I live elsewhere long-term
            (OFFSITE_WHERE, [DOWN, ENTER]),  # another province
            (OFFSITE_FILED, [DOWN, ENTER]),  # not yet
            (OFFSITE_NETWORKED, [DOWN, DOWN, ENTER]),  # Yes, No, Not sure
        ],
    )
    assert_shows(
        out,
        "Networked hospital: Not sure",
        "2. Find out whether the hospital is a networked designated institution:",
        "Depends on: Is the hospital a networked designated institution",
        f"How to find out: {NETWORKED_HOW}",  # a line of text: no "?" before it
        "→ If Yes: • Step: At a networked designated institution, show your social security card",
        "→ If No: • Step: The hospital is not networked",
        "Bring: For a claim: the original fee receipts",
    )
    # What depends on the answer is not in the sections of certain items.
    certain = out[out.index("Steps 1."):]
    assert_hides(certain, "At a networked designated institution, show", "Bring the reimbursement vouchers")
    # How to find out comes before the cases.
    assert out.index(NETWORKED_HOW) < out.index("→ If Yes")


def test_apply_child_not_sure_of_low_income_in_chinese(tmp_path: Path) -> None:
    raw = walk_raw(
        tmp_path,
        "apply-child",
        [
            ("孩子属于哪种情况", [DOWN, ENTER]),  # 未满18周岁，未入学
            ("家庭是否享受最低生活保障", [DOWN, DOWN, ENTER]),  # 是、否、不确定
            ("制卡手续是否已经受理", [ENTER]),  # 是
            ("制卡手续是哪天受理的", ["不确定", ENTER]),  # typed "not sure" into the date prompt
        ],
        lang="zh",
    )
    screen = plain(raw)
    assert "不知道可输入“不确定”" in screen  # the date prompt says how
    out = screen[screen.rindex(title("apply-child", "zh")):]
    assert_shows(
        out,
        "低保或低收入家庭：不确定",
        "受理日期：不确定",
        "取决于：家庭是否享受最低生活保障（低保），或属于低收入家庭？",
        "如何查明：可向孩子户籍所在地社保经办机构询问",
        "→ 如果是： ✓ 步骤：向孩子户籍所在地社保经办机构咨询",  # card-making accepted: asked before the forms went in
        "→ 如果否： • 无需另外办理",
        # The card's date counts from a day the user is not sure of: no date, what it counts from.
        "制卡手续受理满20个工作日起，到社保征收机构领取少儿医保卡",
    )
    # The date only moves a deadline: still worth finding out, with how.
    assert_shows(out, "请查明制卡手续的受理日期。", "取决于：制卡手续是哪天受理的？", "以该日期起算的期限暂不显示具体日期")
    # The subsidy was asked before the forms went in (card-making accepted): nothing sends the family to find it out.
    assert "请查明您家是否符合" not in out

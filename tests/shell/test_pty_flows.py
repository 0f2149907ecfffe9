"""Real terminal walks: the wizard in a pseudo-terminal, driven key by key.

Each walk waits for a question's text before pressing keys (arrow down
"\\x1b[B", Enter "\\r"; dates are typed), confirms the review screen if the
wizard shows one, and checks the printed checklist: its items, the "Sources"
heading, and that an item of another branch is NOT printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")


if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

from support.terminal import DOWN, ENTER  # noqa: E402

from support.pty_walk import (  # noqa: E402
    OFFSITE_DATE,
    OFFSITE_EMERGENCY,
    OFFSITE_FILED,
    OFFSITE_NETWORKED,
    OFFSITE_PAID_HOME,
    OFFSITE_REPORTED,
    OFFSITE_STAY,
    OFFSITE_WHERE,
    assert_hides,
    assert_shows,
    walk,
)



def test_offsite_long_term_move(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "offsite",
        [
            (OFFSITE_STAY, [ENTER]),  # I live elsewhere long-term
            (OFFSITE_WHERE, [DOWN, ENTER]),  # another province
            (OFFSITE_FILED, [DOWN, ENTER]),  # not yet
            (OFFSITE_NETWORKED, [ENTER]),  # yes
        ],
    )
    assert_shows(
        out,
        "Do this now",
        "1. File your off-site treatment first, as a long-term resident off-site",
        "Earlier practice (source",  # the source's wording, secondary, under the current rule
        "choose 1 to 3 designated medical institutions",
        "the choice runs for one year",
        "医保发〔2022〕22号",
        "Sources",
        "Content last reviewed on",
    )
    assert_hides(out, "Within three days after the emergency treatment", "tell it by telephone")


def test_offsite_short_trip_with_emergency(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "offsite",
        [
            (OFFSITE_STAY, [DOWN, ENTER]),  # a short trip
            (OFFSITE_WHERE, [DOWN, ENTER]),  # another province
            (OFFSITE_EMERGENCY, [ENTER]),  # yes
            (OFFSITE_DATE, ["2026-12-03", ENTER]),
            (OFFSITE_REPORTED, [DOWN, ENTER]),  # not yet
            (OFFSITE_PAID_HOME, [DOWN, ENTER]),  # no
            (OFFSITE_NETWORKED, [ENTER]),  # yes
        ],
        today="2026-12-04",  # the emergency has already happened
    )
    assert_shows(
        out,
        "2026-12-06",
        "by 2026-12-06 (3 days after emergency treatment on 2026-12-03)",
        "deemed filed",
        "in special circumstances you may tell it by telephone",  # the earlier practice, under the current rule
        "Sources",
    )
    assert_hides(out, "choose 1 to 3 designated medical institutions", "already past")


def test_emergency_referral(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "emergency",
        [("What is your situation?", [ENTER]), ("Where is the treatment?", [DOWN, ENTER]),
         ("Has the hospital already issued your referral certificate?", [ENTER]), ("Have you already filed the referral", [DOWN, ENTER]),
         ("How are the costs of the treatment paid?", [DOWN, DOWN, ENTER]), ("Is the hospital a networked", [ENTER])],
    )  # referral; another province; certificate issued; not filed; not paid yet; networked
    assert_shows(
        out,
        "1. File the referral with your insured place's medical insurance agency",
        "✓ Get a referral certificate from the hospital",
        "settle your costs directly",
        "seal of the hospital's social security window",
        "30% to 50% less",
        "at most 10 percentage points",
        "Sources",
    )
    assert_hides(out, "Within three days after the emergency treatment", "non-agreement medical institution")


SZ_FILED = "Have you already filed a record"
SZ_PAID = "Have you already been treated, paid the costs yourself and come back to Shenzhen?"
SZ_NETWORKED = "Is the medical institution networked"
SZ_CARE = "What kind of care is it?"
SZ_WHERE = "Where are you being treated?"


def test_shenzhen_outpatient_not_networked(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "shenzhen",
        [(SZ_FILED, [DOWN, ENTER]), (SZ_PAID, [DOWN, ENTER]), (SZ_NETWORKED, [DOWN, ENTER]), (SZ_CARE, [ENTER]), (SZ_WHERE, [ENTER])],
    )  # not filed; not paid; not networked; outpatient; Guangdong
    assert_shows(
        out,
        "the original fee receipts with the hospital seal",
        "the itemised cost list with the hospital seal",
        "pay the costs yourself first",
        "Sources",
    )
    assert_hides(out, "discharge summary", "detailed expense list", "and settle directly")


def test_shenzhen_hospitalisation_not_networked(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "shenzhen",
        [(SZ_FILED, [DOWN, ENTER]), (SZ_PAID, [DOWN, ENTER]), (SZ_NETWORKED, [DOWN, ENTER]), (SZ_CARE, [DOWN, ENTER]),
         (SZ_WHERE, [DOWN, ENTER])],
    )  # not filed; not paid; not networked; hospitalisation; another province
    assert_shows(
        out,
        "the discharge record or discharge summary with the hospital seal",
        "the detailed expense list with the hospital seal",
        "the original receipt with the hospital seal",
        "Sources",
    )
    assert_hides(out, "itemised cost list", "original fee receipts")


def test_card_lost_with_urgent_need(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "card",
        [("Why do you need a card?", [DOWN, ENTER]), ("Have you already reported the card lost", [DOWN, ENTER]),
         ("Do you urgently need", [ENTER])],  # lost; not reported yet; urgent
    )
    assert_shows(
        out,
        "1. Report the card lost first",
        "temporary card (临时卡)",
        "a lost medical insurance card is now replaced by a new social security card",
        "Sources",
    )
    assert_hides(out, "Newly insured people now get", "If an urgent need comes up")


def test_offsite_in_chinese(tmp_path: Path) -> None:
    out = walk(
        tmp_path,
        "offsite",
        [
            ("您属于哪种外出情形", [DOWN, ENTER]),  # 短期外出
            ("在哪里就医", [DOWN, ENTER]),  # 外省
            ("此次外出期间是否已接受过急诊抢救", [ENTER]),  # 是
            ("急诊抢救是哪天", ["2026-12-03", ENTER]),
            ("是否已将急诊抢救情况告知", [DOWN, ENTER]),  # 否
            ("是否已经就医、自行垫付了费用", [DOWN, ENTER]),  # 否
            ("就医的医院是否为", [ENTER]),  # 是
        ],
        today="2026-12-04",
        lang="zh",
    )
    # Chinese text wraps anywhere, so compare without whitespace.
    compact = out.replace(" ", "")
    for fragment in ("步骤", "依据", "2026年12月6日", "2026年12月3日", "视同已备案", "医保发〔2022〕22号"):
        assert fragment in compact, f"{fragment!r} not in the printed checklist:\n{out}"
    assert "2026-12-06" not in out, "dates are written the Chinese way"
    assert_hides(out, "Steps", "Sources")
    assert "1至3家" not in compact, "the long-term filing belongs to another branch"

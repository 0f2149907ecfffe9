"""Terminal cell widths agree with wcwidth, the library prompt_toolkit and rich build on."""

from __future__ import annotations

import unicodedata

import pytest
import wcwidth

from ssguide.lang.cells import cell_width, wrap_cells


@pytest.mark.parametrize(
    "text, cells",
    [("abc", 3), ("中文", 4), ("e\u0301", 1), ("👍", 2), ("a\u200bb", 2), ("ｱ", 1), ("社保卡，补办。", 14), ("한\u1161", 2)],
)
def test_examples(text: str, cells: int) -> None:
    assert cell_width(text) == cells == wcwidth.wcswidth(text)


def test_every_printable_character_of_the_basic_plane_counts_as_wcwidth_does() -> None:
    differ = []
    for code in range(0x20, 0x10000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or code == 0xAD:
            continue  # controls, surrogates, unassigned: never shown (safetext); the soft hyphen: terminals differ
        if cell_width(ch) != wcwidth.wcwidth(ch):
            differ.append(f"U+{code:04X}")
    # Unicode versions of the two tables differ a little at the edges.
    assert len(differ) < 200, differ[:20]


def test_a_combining_accent_does_not_shorten_a_wrapped_line() -> None:
    assert wrap_cells("cafe\u0301 " * 4, 10) == ["cafe\u0301 cafe\u0301", "cafe\u0301 cafe\u0301"]

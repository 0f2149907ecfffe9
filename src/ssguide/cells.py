"""Text width in terminal cells, and wrapping that counts them.

Chinese characters take two cells of a terminal; ``len`` and ``textwrap``
count one, which breaks Chinese text at twice the width. Used by the prompts
(prompt_toolkit cuts long prompt lines instead of wrapping them) and by the
Chinese ``--help`` (click counts characters too). Small and dependency-free so
that ``--help`` stays fast.
"""

from __future__ import annotations

import unicodedata


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


_NO_LINE_START = frozenset("，。、；：？！）》」』】,.;:?!)")
_NO_LINE_END = frozenset("（《「『【(")


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap to a terminal width counted in cells: CJK characters take two.

    Each line of ``text`` is wrapped on its own. Breaks before or after a CJK character (never before closing punctuation),
    else at the last space, else wherever the line is full.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used, last_space = "", 0, -1
        for ch in paragraph:
            w = cell_width(ch)
            if used + w > width and line:
                cut, skip = len(line), 0
                if ch != " " and (w == 2 or cell_width(line[-1]) == 2):
                    # "，" or "）" never starts a line (take the characters before
                    # along, "）。" included), nor does "（" end one.
                    while cut > 1 and (line[cut] if cut < len(line) else ch) in _NO_LINE_START:
                        cut -= 1
                    while cut > 1 and line[cut - 1] in _NO_LINE_END:
                        cut -= 1
                elif ch != " " and last_space > 0:
                    cut, skip = last_space, 1
                lines.append(line[:cut].rstrip())
                line = line[cut + skip :]
                used = sum(cell_width(c) for c in line)
                last_space = line.rfind(" ")
                if ch == " " and not line:
                    continue
            if ch == " ":
                last_space = len(line)
            line += ch
            used += w
        lines.append(line.rstrip())
    return lines

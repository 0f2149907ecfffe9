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
    """Terminal cells ``text`` takes, as ``wcwidth`` counts them: East Asian wide and
    full-width characters (emoji included) take two, combining marks and zero-width
    characters none.

    Not ``wcwidth`` itself: it costs ~4 ms to import before a Chinese ``--help``, and
    ``rich.cells`` ~15 ms; ``unicodedata`` agrees with both on printable text
    (``tests/lang/test_cells.py``).
    """
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


_WIDTHS: dict[str, int] = {}  # each character's width, once looked up: a checklist repeats a few hundred


def char_width(ch: str) -> int:
    width = _WIDTHS.get(ch)
    if width is None:
        width = _lookup_width(ch)
        if len(_WIDTHS) < 4096:  # bounded, whatever a hostile text holds
            _WIDTHS[ch] = width
    return width


def _lookup_width(ch: str) -> int:
    if ch < "\u0300":
        return 1
    # Combining marks (the accent of "e\u0301") and zero-width format characters (ZWSP, ZWJ).
    if unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf") or 0x1160 <= ord(ch) <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_NO_LINE_START = frozenset("，。、；：？！）》」』】”’,.;:?!)")
_NO_LINE_END = frozenset("（《「『【“‘(")
# A separator between items (" · "): it ends a line, never starts one, where it
# would read as a bullet. So the space before it is no place to break.
_SEPARATORS = frozenset("·")


# A date, a number, a file name or an option ("2026-11-20", ".json", "--answers"): one
# word in Chinese text, where a line may otherwise break between any two characters.
_RUN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:")


def _whole_run(paragraph: str, start: int, cut: int, width: int) -> int:
    """``cut`` (from ``start``), or the start of the run of ``_RUN`` characters it would split, if that run fits on a line."""
    i = start + cut
    if paragraph[i - 1 : i] not in _RUN or paragraph[i : i + 1] not in _RUN:
        return cut
    first, last = i, i
    while first > start and paragraph[first - 1] in _RUN:
        first -= 1
    while last < len(paragraph) and paragraph[last] in _RUN:
        last += 1
    if first == start or last - first > width:
        return cut  # the run starts the line, or is longer than one: cut where the line is full
    return first - start


def _break_table(paragraph: str) -> list[bool]:
    """For each offset, whether a space there may become a line break: not before a separator, nor before
    what never starts a line (a closing quote after a space, "“App” 里" / "写成 ”…", stays with what it
    closes). The first thing after a run of spaces decides for the whole run; worked out once, from the end."""
    table = [False] * len(paragraph)
    after = ""
    for i in range(len(paragraph) - 1, -1, -1):
        if paragraph[i] == " ":
            table[i] = after not in _SEPARATORS and after not in _NO_LINE_START
        else:
            after = paragraph[i]
    return table


def _starts_badly(paragraph: str, breaks: list[bool], i: int) -> bool:
    """Whether a line starting at ``paragraph[i]`` would start with closing punctuation or a separator."""
    first = paragraph[i : i + 1]
    if first in _RUN and paragraph[i + 1 : i + 2] in _RUN:
        return False  # a name or a number starts here (".json"): "." is no full stop
    if first != " ":
        return first in _NO_LINE_START or first in _SEPARATORS
    return not breaks[i]  # spaces, then a separator or closing punctuation


def _last_break(paragraph: str, breaks: list[bool], start: int, end: int) -> int:
    """The offset from ``start`` of the last space in ``paragraph[start:end]`` a line may break at, or -1."""
    i = paragraph.rfind(" ", start, end)
    while i >= start and not breaks[i]:
        # Every space of this run has the same thing after it: skip the run (asking each would be quadratic).
        while i > start and paragraph[i - 1] == " ":
            i -= 1
        i = paragraph.rfind(" ", start, i)
    return i - start if i >= start else -1


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap to a terminal width counted in cells: CJK characters take two.

    Each line of ``text`` is wrapped on its own. Breaks before or after a CJK
    character (never before closing punctuation such as "，" or "）", never
    after "（", never inside a date or a name such as "2026-11-20" or ".json"
    that fits on a line), else at the last space, else before a Latin word
    that follows a CJK character, else wherever the line is full.
    """
    return [text[start:end].rstrip() for start, end in wrap_spans(text, width)]


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where ``wrap_cells`` cuts ``text``: (start, end) offsets of each line.

    Offsets, so that a caller holding styled text (rich's ``Text``) can cut
    it at the same places without losing its styles.
    """
    spans: list[tuple[int, int]] = []
    paragraphs = text.split("\n")
    if len(paragraphs) > 1 and paragraphs[-1] == "":
        paragraphs.pop()  # a final newline ends the last line; it does not start another
    base = 0
    for paragraph in paragraphs:
        start, used, last_space = 0, 0, -1  # last_space: offset from start, or -1
        breaks = _break_table(paragraph) if " " in paragraph else []
        for i, ch in enumerate(paragraph):
            w = char_width(ch)
            broke_at_space = False
            # A while, not an if: where the rules below cut early, what moves to
            # the next line with ``ch`` may not fit either ("（（（，" in a narrow column).
            while used + w > width and i > start:
                line = paragraph[start:i]
                cut, skip = len(line), 0
                breaks_here = ch == " " and breaks[i]
                cjk = w == 2 or char_width(line[-1]) == 2
                if breaks_here:
                    pass  # at a space: this line ends before it
                elif last_space > 0 and not cjk:
                    cut, skip = last_space, 1
                elif cjk and line.rfind("· ") > 0:
                    # Between two items of a list ("就医地：外省 · 已急诊抢救：否"), not inside one.
                    cut, skip = line.rfind("· ") + 1, 1
                else:
                    if not cjk:
                        # A Latin word inside Chinese ("平台App") moves whole to the next line.
                        word_start = cut
                        while word_start > 0 and line[word_start - 1] != " " and cell_width(line[word_start - 1]) == 1:
                            word_start -= 1
                        if word_start > 0:
                            cut = word_start
                    # "，" or "）" never starts a line, nor does a separator (take
                    # the characters before along, "）。" included), nor the rest of
                    # a date or a name ("0、" after "2026-11-2"); "（" never ends one.
                    while cut > 1 and _starts_badly(paragraph, breaks, start + cut):
                        cut -= 1
                    cut = _whole_run(paragraph, start, cut, width)
                    while cut > 1 and line[cut - 1] in _NO_LINE_END:
                        cut -= 1
                    if not line[:cut].strip():
                        cut = len(line)  # the rules would leave this line empty: the width comes first
                while skip == 0 and cut < len(line) and line[cut] == " ":
                    cut += 1  # the space stays at the end of this line: none starts the next
                spans.append((base + start, base + start + cut))
                start += cut + skip
                rest = paragraph[start:i]
                used = cell_width(rest)
                last_space = _last_break(paragraph, breaks, start, i)
                if ch == " " and not rest:
                    start = i + 1  # no line starts with the space it broke at
                    broke_at_space = True
                    break
            if broke_at_space:
                continue
            if ch == " " and breaks[i]:
                last_space = i - start
            used += w
        spans.append((base + start, base + len(paragraph)))
        base += len(paragraph) + 1
    return spans

"""The one sanitiser for untrusted text on its way to a terminal or a file.

Flows, answers files, sessions, the cache index, file names and ``--set``
values are untrusted. A control character in them could retitle the
terminal (OSC 0), write the clipboard (OSC 52), move the cursor or forge a
line; a bidi override (U+202E) could make text read differently from what
it is. So:

* ``control_at`` finds what the loaders refuse: C0 controls except tab and
  newline, DEL and C1 controls;
* ``visible`` turns those, bidi controls and line/paragraph separators into
  a visible ``<U+202E>`` instead of letting the terminal apply them;
* ``visible_keeping_colours`` does the same but lets colour codes (SGR) by;
* ``json_safe`` escapes them inside JSON strings.

The shell's ``streams`` puts the same cleaning around the process's standard
output and error, whatever forgot to clean a text. Pure functions, no I/O.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks, plus line and paragraph separators.
_INVISIBLE = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
_UNSAFE_RE = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
# What rich writes for colours and bold: ESC [ digits;digits m, nothing else.


def control_at(text: str) -> int:
    """The index of the first refused control character in ``text``, or -1."""
    match = CONTROL_RE.search(text)
    return match.start() if match else -1


def code_point(ch: str) -> str:
    """``U+001B``: how messages name a character."""
    return f"U+{ord(ch):04X}"


def _shown(match: re.Match[str]) -> str:
    return f"<{code_point(match.group(0))}>"


def visible(text: str) -> str:
    """``text`` with every control, bidi control and separator shown as ``<U+XXXX>``."""
    return _UNSAFE_RE.sub(_shown, text) if _UNSAFE_RE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def json_safe(dumped: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with controls and bidi characters as ``\\uXXXX``.

    The same data for any JSON reader, but nothing a terminal would apply
    when the JSON is printed. They can only occur inside JSON strings, where
    the escape is valid.
    """
    return _UNSAFE_RE.sub(_json_escape, dumped)


_SGR_OR_UNSAFE_RE = re.compile(f"(\x1b\\[[0-9;]*m)|[{_CONTROL}{_INVISIBLE}]")


def _visible_keep_sgr(match: re.Match[str]) -> str:
    return match.group(1) or _shown(match)


def visible_keeping_colours(text: str) -> str:
    """``visible``, except that colour and style codes (SGR, as rich writes them) pass: for a terminal."""
    return _SGR_OR_UNSAFE_RE.sub(_visible_keep_sgr, text)

"""The one sanitiser for untrusted text on its way to a terminal or a file.

Flows, answers files, sessions, the cache index, file names and ``--set``
values are untrusted. A control character in them could retitle the
terminal (OSC 0), write the clipboard (OSC 52), move the cursor or forge a
line; a bidi override (U+202E) could make text read differently from what
it is. So:

* ``control_at`` finds what the loaders refuse: C0 controls except tab and
  newline, DEL and C1 controls;
* ``visible`` turns those, bidi controls, line/paragraph separators,
  invisible format characters (zero-width space and joiners, the byte order
  mark, tag characters) and lone surrogates (a name's bytes that are not
  UTF-8) into a visible ``<U+202E>`` instead of letting the
  terminal apply or hide them; ``inline`` does the same to line breaks and
  tabs, for a value quoted in a one-line message; ``visible_html`` is
  ``visible`` for HTML, the visible form escaped;
* ``cleaned`` is ``visible`` that may let rich's own colour codes (SGR)
  pass, for a terminal; ``json_safe`` escapes them inside JSON strings;
* ``encoded`` gives a text as bytes in an encoding that may lack some of it
  (ASCII look-alikes, else "?").

The shell's ``streams`` puts ``cleaned`` around the process's standard output
and error, whatever forgot to clean a text. Pure functions, no I/O.
"""

from __future__ import annotations

import codecs
import re

# C0 except tab and newline, DEL, C1.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks, line and paragraph separators, and what
# takes no room on screen: zero-width space, non-joiner and joiner, word joiner and
# invisible operators, the byte order mark inside a text, tag characters (hidden text).
# None of them is needed by English or Chinese; each could hide a difference in a
# phone number, a web address or a name a person copies.
_INVISIBLE = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"
# Lone surrogates: bytes that are not UTF-8 in a file name or an argument, as Python hands them over
# (U+DC80-U+DCFF). Written to a stream they are those bytes again (0x9B: the C1 CSI), or an error.
_UNDECODED = "\ud800-\udfff"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
_UNSAFE_RE = re.compile(f"[{_CONTROL}{_INVISIBLE}{_UNDECODED}]")
# What rich writes for colours and bold: ESC [ digits;digits m, nothing else.
_SGR_OR_UNSAFE_RE = re.compile(f"(\x1b\\[[0-9;]*m)|[{_CONTROL}{_INVISIBLE}{_UNDECODED}]")


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
    """``text`` with every control, bidi control, separator and invisible format character shown as ``<U+XXXX>``."""
    return _UNSAFE_RE.sub(_shown, text) if _UNSAFE_RE.search(text) else text


def _shown_in_html(match: re.Match[str]) -> str:
    return f"&lt;{code_point(match.group(0))}&gt;"


def visible_html(html: str) -> str:
    """HTML with every character ``visible`` shows as ``<U+XXXX>`` shown so, escaped: ``&lt;U+XXXX&gt;``.

    For a whole page or fragment, once it is HTML: the characters are never part of the markup, only
    of the text and attribute values in it, and the visible form holds ``<`` and ``>``, which written
    raw would open a tag (``<U+0001>`` is an unknown element a browser hides, and its text with it).
    """
    return _UNSAFE_RE.sub(_shown_in_html, html) if _UNSAFE_RE.search(html) else html


_LINE_BREAK_RE = re.compile("[\n\t]")


def inline(text: str) -> str:
    """``text`` inside one line of a message: as ``visible`` shows it, and a newline or tab as
    ``<U+000A>``/``<U+0009>`` too, so that a value (a ``--set`` key) cannot start a line of its own."""
    return _LINE_BREAK_RE.sub(_shown, visible(text))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def json_safe(dumped: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with controls and bidi characters as ``\\uXXXX``.

    The same data for any JSON reader, but nothing a terminal would apply
    when the JSON is printed. They can only occur inside JSON strings, where
    the escape is valid.
    """
    return _UNSAFE_RE.sub(_json_escape, dumped)


def _visible_keep_sgr(match: re.Match[str]) -> str:
    return match.group(1) or _shown(match)


def cleaned(text: str, keep_sgr: bool) -> str:
    """``visible(text)``, and with ``keep_sgr`` rich's colour codes (SGR) left as they are: for a terminal."""
    return _SGR_OR_UNSAFE_RE.sub(_visible_keep_sgr, text) if keep_sgr else visible(text)


# What the program's own typography becomes on a stream whose encoding lacks it
# (LC_ALL=zh_CN.GBK has no "•", ASCII nothing beyond it); anything else is "?".
ASCII_FALLBACK = {
    "•": "*", "●": "*", "·": "-", "—": "--", "–": "-", "…": "...", "→": "->", "←": "<-", "»": ">>",
    "“": '"', "”": '"', "‘": "'", "’": "'", "✓": "v", "×": "x", "\u00a0": " ",
}
FALLBACK_ERRORS = "ssguide-fallback"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """The ``errors`` handler of a stream that cannot encode everything: ASCII look-alikes, else "?"."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(ASCII_FALLBACK.get(ch, "?") for ch in exc.object[exc.start : exc.end]), exc.end


def encodes_everything(encoding: str | None) -> bool:
    try:
        name = codecs.lookup(encoding or "ascii").name
    except LookupError:
        return False
    return name.startswith(("utf-", "utf_")) or name == "gb18030"


def fallback_errors() -> str:
    """The name of the ``errors`` handler that writes ``ASCII_FALLBACK``, registered on first use.

    Registering is process-wide but idempotent, and the handler is pure."""
    try:
        codecs.lookup_error(FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(FALLBACK_ERRORS, _fallback)
    return FALLBACK_ERRORS


def encoded(text: str, encoding: str) -> bytes:
    """``text`` as bytes for a terminal in ``encoding`` (a pager's input): what it lacks as on a standard stream."""
    return text.encode(encoding, "replace" if encodes_everything(encoding) else fallback_errors())

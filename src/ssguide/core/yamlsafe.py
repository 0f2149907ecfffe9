"""Safe YAML reading that remembers where every value came from.

Flows and answer files are untrusted input. This module never constructs
arbitrary objects: it composes the YAML into nodes with PyYAML's *safe*
composer, refuses every tag that is not plain data, refuses alias bombs and
deep nesting, and turns the nodes into ordinary ``dict``/``list`` values that
carry their file, line and column so that every later error can point at the
offending value.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import YamlInputError
from ..lang.messages import Message
from ..position import Pos
from .safetext import code_point, control_at

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
# Node visits allowed beyond the distinct nodes in the document: aliases to
# small shared conditions are fine, "billion laughs" expansions are not.
ALIAS_EXPANSION_ALLOWANCE = 10_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class LocatedDict(dict):
    """A mapping that remembers its own position and those of its keys and values."""

    pos: Pos
    key_pos: dict[Any, Pos]
    value_pos: dict[Any, Pos]
    # The text as written of values YAML 1.1 gave another type (0123456 an
    # octal number, 12:30 a base-60 one, yes a boolean): a text answer is read
    # as written. Shared and empty unless the mapping has such values.
    source_text: dict[Any, str] = {}

    def pos_of(self, key: Any) -> Pos:
        """Position of the value under ``key`` (or of the mapping when absent)."""
        return self.value_pos.get(key, self.pos)


class LocatedList(list):
    """A sequence that remembers its own position and each item's."""

    pos: Pos
    item_pos: list[Pos]

    def pos_of(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


def pos_of(container: Any, key: Any, default: Pos) -> Pos:
    """Position of ``container[key]`` if the container knows it."""
    if isinstance(container, (LocatedDict, LocatedList)):
        return container.pos_of(key)
    return default


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file, refusing files over ``limit`` bytes before reading them whole."""
    name = str(path)
    try:
        # Only regular files: a FIFO would block until someone writes to it, a
        # device like /dev/zero never ends.
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise YamlInputError(Pos(name, 1, 1), Message("not_regular_file"))
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise YamlInputError(Pos(name, 1, 1), Message("file_not_found")) from None
    except IsADirectoryError:
        raise YamlInputError(Pos(name, 1, 1), Message("is_directory")) from None
    except PermissionError:
        raise YamlInputError(Pos(name, 1, 1), Message("permission_denied")) from None
    except OSError as exc:
        raise YamlInputError(Pos(name, 1, 1), Message("cannot_read", reason=str(exc.strerror or exc))) from None
    if len(data) > limit:
        raise YamlInputError(Pos(name, 1, 1), Message("file_too_large", size=limit // (1024 * 1024)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlInputError(Pos(name, 1, 1), Message("not_utf8", byte=exc.start)) from None


_FAST_LOADER: Any = None


def _loader_classes():
    """PyYAML and its safe loader (libyaml's when available), with a faster resolver.

    The resolver decides each plain scalar's type with regular expressions
    keyed by the first character. Most scalars in a flow are words, so the
    subclass answers "string" at once when no implicit type can start with
    that character, and defers to PyYAML otherwise: the same tags, much less
    Python per scalar.
    """
    global _FAST_LOADER
    import yaml

    if _FAST_LOADER is None:
        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        first_chars = frozenset(k for k in base.yaml_implicit_resolvers if k)
        scalar, mapping = yaml.ScalarNode, yaml.MappingNode
        str_tag, map_tag, seq_tag = base.DEFAULT_SCALAR_TAG, base.DEFAULT_MAPPING_TAG, base.DEFAULT_SEQUENCE_TAG
        base_resolve = yaml.resolver.BaseResolver.resolve

        def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
            if kind is scalar:
                if implicit[0] and (not value or value[0] in first_chars):
                    return base_resolve(self, kind, value, implicit)
                return str_tag
            return map_tag if kind is mapping else seq_tag

        def no_path_resolvers(self: Any, *args: Any) -> None:
            """The safe loader has no path resolvers; skip the per-node bookkeeping."""

        _FAST_LOADER = type(
            "SsguideSafeLoader",
            (base,),
            {"resolve": resolve, "descend_resolver": no_path_resolvers, "ascend_resolver": no_path_resolvers},
        )
    return yaml, _FAST_LOADER


# libyaml's composer recurses in C once per level of nesting: some 25,000 levels
# overflow the C stack and kill the process before any depth check can run. A
# level costs one character in flow style ("[[[[") and two in compact block
# style ("- - - -" or "? ? ?"); indented block style needs far more text than
# the size limit allows for so many levels. So those two are measured cheaply
# before parsing, and anything far beyond MAX_DEPTH is refused at once.
_RUNAWAY_DEPTH = 1_000
_COMPACT_NESTING = re.compile(r"(?:[-?][ \t]+){%d,}" % _RUNAWAY_DEPTH)
# Literal first characters let the regex engine skip ahead fast.
_COMPACT_PAIR_DASH = re.compile(r"-[ \t]+[-?]")
_COMPACT_PAIR_QUERY = re.compile(r"\?[ \t]+[-?]")
_BRACKETS = re.compile(r"[\[\]{}]")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_NOT_BRACKET_BYTES = bytes(c for c in range(256) if c not in b"[]{}")
_TO_PARENS = bytes.maketrans(b"[{]}", b"(())")


def _refuse_runaway_nesting(text: str, encoded: bytes, filename: str) -> None:
    """Refuse documents nested so deeply that parsing them could crash (see above)."""
    runaway = None
    if text.count("[") + text.count("{") > _RUNAWAY_DEPTH:
        # Fast path, at C speed: keep only the brackets and strip innermost
        # pairs; an ordinary flow is empty after a few rounds. Brackets left
        # over (deep nesting, or brackets inside quoted text) get the exact,
        # slower count.
        pairs = encoded.translate(_TO_PARENS, _NOT_BRACKET_BYTES)
        for _ in range(MAX_DEPTH + 2):
            shorter = pairs.replace(b"()", b"")
            if len(shorter) == len(pairs):
                break
            pairs = shorter
        if pairs:
            depths = itertools.accumulate(_BRACKET_STEP[b] for b in _BRACKETS.findall(text))
            index = next((i for i, depth in enumerate(depths) if depth > _RUNAWAY_DEPTH), None)
            if index is not None:
                runaway = next(itertools.islice(_BRACKETS.finditer(text), index, None)).start()
    # Two markers in a row are rare in a flow; only then look for a thousand.
    if runaway is None and (_COMPACT_PAIR_DASH.search(text) or _COMPACT_PAIR_QUERY.search(text)):
        match = _COMPACT_NESTING.search(text)
        runaway = match.start() if match else None
    if runaway is not None:
        raise YamlInputError(_offset_pos(text, filename, runaway), Message("nested_too_deep", depth=MAX_DEPTH))


def _offset_pos(text: str, filename: str, offset: int) -> Pos:
    """The line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return Pos(filename, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


@contextmanager
def paused_gc(freeze: bool = False):
    """Pause the cyclic garbage collector while building a big tree of new objects.

    Loading a large flow allocates hundreds of thousands of objects and no
    cycles; the collector would otherwise scan them again and again, which
    made loading several times slower. Reference counting still frees memory.

    With ``freeze`` the objects that survive (the loaded flow) are moved out
    of the collector's sight when it resumes (``gc.freeze``): otherwise its
    first full collection afterwards rescans all of them for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def load_located(text: str, filename: str) -> Any:
    """Parse one YAML document into located plain values.

    Raises YamlInputError with a position for malformed YAML, object tags,
    alias bombs, excessive nesting, merge keys and empty documents.
    """
    yaml, safe_loader = _loader_classes()
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_FILE_BYTES:
        raise YamlInputError(Pos(filename, 1, 1), Message("document_too_large", size=MAX_FILE_BYTES // (1024 * 1024)))
    _refuse_runaway_nesting(text, encoded, filename)
    with paused_gc():
        try:
            node = yaml.compose(text, Loader=safe_loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            pos = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1)) if mark else Pos(filename, 1, 1)
            problem = exc.problem or exc.context or "malformed YAML"
            raise YamlInputError(pos, Message("yaml_syntax", problem=problem)) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
            raise YamlInputError(_offset_pos(text, filename, exc.position), Message("bad_character", code=f"U+{exc.character:04X}")) from None
        except yaml.YAMLError as exc:
            raise YamlInputError(Pos(filename, 1, 1), Message("yaml_error", problem=" ".join(str(exc).split()))) from None
        except RecursionError:
            raise YamlInputError(Pos(filename, 1, 1), Message("document_too_deep")) from None
        if node is None:
            raise YamlInputError(Pos(filename, 1, 1), Message("file_empty"))
        # Without a '*' in the text there can be no alias, so nothing can be
        # visited twice and the alias-bomb bookkeeping is skipped.
        # Control characters can only come from double-quoted escapes ("\e",
        # "\x9b"): the YAML reader itself refuses them raw. Without a backslash
        # there is nothing to look for. A '!' may be a tag, and "!!str" can sit
        # on a list or mapping: such files take the careful path too.
        return _Converter(filename, yaml, track_aliases="*" in text, check_controls="\\" in text or "!" in text).convert(node, 0)


_STR_TAG = "tag:yaml.org,2002:str"
_RETYPED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "timestamp")
)
# Pos((file, line, col)) without the named tuple's keyword-handling __new__:
# a big flow creates hundreds of thousands of positions.
_make_pos = tuple.__new__


class _Converter:
    def __init__(self, filename: str, yaml_module: Any, track_aliases: bool = True, check_controls: bool = True) -> None:
        self.filename = filename
        self.yaml = yaml_module
        self.mapping_node = yaml_module.MappingNode
        self.sequence_node = yaml_module.SequenceNode
        self.constructor = yaml_module.constructor.SafeConstructor()
        self.seen: set[int] | None = set() if track_aliases else None
        # Visits of a node already converted (through an alias) allowed in
        # all: aliases to small shared conditions are fine, "billion laughs"
        # expansions are not.
        self.repeat_budget = ALIAS_EXPANSION_ALLOWANCE
        self.check_controls = check_controls
        # Plain strings are most of a flow: read them without a call when
        # neither aliases nor control characters need looking at.
        self.fast = self.seen is None and not check_controls
        # Without aliases no node is visited twice, so each one is dropped from
        # its parent once converted: the node tree (some 300 bytes a node) and
        # the located values then never both exist in full.
        self.release = self.seen is None

    def pos(self, node: Any) -> Pos:
        mark = node.start_mark
        return Pos(self.filename, mark.line + 1, mark.column + 1)

    def _check_tag(self, node: Any) -> None:
        if node.tag in _PLAIN_TAGS:
            return
        tag = node.tag
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag[len("tag:yaml.org,2002:") :]
        if tag == "!!merge":
            raise YamlInputError(self.pos(node), Message("merge_keys"))
        raise YamlInputError(self.pos(node), Message("tag_not_allowed", tag=tag))

    def convert(self, node: Any, depth: int) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self.repeat_budget -= 1
                if self.repeat_budget < 0:
                    raise YamlInputError(self.pos(node), Message("alias_bomb"))
            else:
                seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlInputError(self.pos(node), Message("nested_too_deep", depth=MAX_DEPTH))
        tag = node.tag
        if tag == _STR_TAG and (isinstance(node, self.mapping_node) or isinstance(node, self.sequence_node)):
            # "!!str [a, b]": a string tag on a list or mapping is a contradiction, not a string.
            raise YamlInputError(self.pos(node), Message("tag_not_allowed", tag="!!str"))
        if tag == _STR_TAG:  # the common case, without the constructor's machinery
            if self.check_controls and (at := control_at(node.value)) >= 0:
                # Shown, never applied: an escape sequence must not reach the terminal in an error either.
                raise YamlInputError(self.pos(node), Message("control_character", code=code_point(node.value[at])))
            return node.value
        if tag not in _PLAIN_TAGS:
            self._check_tag(node)
        filename = self.filename
        fast = self.fast
        release = self.release
        if isinstance(node, self.mapping_node):
            result = LocatedDict()
            mark = node.start_mark
            result.pos = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1))
            key_pos: dict[Any, Pos] = {}
            value_pos: dict[Any, Pos] = {}
            result.key_pos = key_pos
            result.value_pos = value_pos
            pairs = node.value
            for index, (key_node, value_node) in enumerate(pairs):
                if release:
                    pairs[index] = None  # see ``release`` in __init__
                key = key_node.value if fast and key_node.tag == _STR_TAG else self.convert(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    raise YamlInputError(self.pos(key_node), Message("key_not_plain"))
                if key in result:
                    raise YamlInputError(self.pos(key_node), Message("duplicate_key", key=key))
                result[key] = (
                    value_node.value if fast and value_node.tag == _STR_TAG else self.convert(value_node, depth + 1)
                )
                if value_node.tag != _STR_TAG and value_node.tag in _RETYPED_TAGS:
                    if "source_text" not in result.__dict__:
                        result.source_text = {}
                    result.source_text[key] = value_node.value
                mark = key_node.start_mark
                key_pos[key] = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1))
                mark = value_node.start_mark
                value_pos[key] = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1))
            return result
        if isinstance(node, self.sequence_node):
            items = LocatedList()
            mark = node.start_mark
            items.pos = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1))
            item_pos: list[Pos] = []
            items.item_pos = item_pos
            children = node.value
            for index, item in enumerate(children):
                if release:
                    children[index] = None
                items.append(item.value if fast and item.tag == _STR_TAG else self.convert(item, depth + 1))
                mark = item.start_mark
                item_pos.append(_make_pos(Pos, (filename, mark.line + 1, mark.column + 1)))
            return items
        try:
            return self.constructor.construct_object(node, deep=True)
        except (self.yaml.YAMLError, ValueError, OverflowError) as exc:
            raise YamlInputError(self.pos(node), Message("cannot_read_value", value=node.value, problem=str(exc))) from None

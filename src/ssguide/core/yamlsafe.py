"""Safe YAML reading that remembers where every value came from.

Flows and answer files are untrusted input. This module never constructs
arbitrary objects: it reads the events of PyYAML's parser (libyaml's when
installed) and builds ordinary ``dict``/``list`` values from them that carry
their file, line and column, so that every later error can point at the
offending value. Every tag that is not plain data is refused, and so are
deep nesting and more values than ``MAX_VALUES`` (an alias counts what it
stands for: alias bombs), as they come, before a big tree can exist.
"""

from __future__ import annotations

import gc
import re
from array import array
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any, NoReturn

from ..errors import YamlInputError
from ..lang.messages import Message, big_number
from ..position import Pos
from .safetext import code_point, control_at

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
# Values (every key, list entry and value; an alias counts what it stands
# for) in one file. Memory and time grow with values more than with bytes
# (190,000 "{a}," fit in 750 KB), and reading stops at the limit: a file is
# refused within a second, and whatever is accepted stays some 50 MB of
# values. A flow of 10,000 questions and 10,000 items has about 420,000.
MAX_VALUES = 500_000


class LocatedDict(dict[Any, Any]):
    """A mapping that remembers its own position and those of its keys and values.

    Positions are kept packed (``_places``: the mapping's own, then each key's
    and value's in insertion order, as ``line << 32 | column`` from 0) and made into
    ``Pos`` only when asked for: a big flow has hundreds of thousands of them,
    and a ``Pos`` each cost more memory than the values themselves.
    """

    __slots__ = ("_file", "_places", "_written", "_index")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = ""
        self._places: Any = (0,) + (0, 0) * len(self)
        # The text as written of values YAML 1.1 gave another type (0123456 an
        # octal number, 12:30 a base-60 one, yes a boolean): a text answer is
        # read as written. None unless the mapping has such values.
        self._written: dict[Any, str] | None = None
        self._index: dict[Any, int] | None = None

    @property
    def pos(self) -> Pos:
        return _unpack(self._file, self._places[0])

    @property
    def source_text(self) -> Mapping[Any, str]:
        return self._written or _NOTHING_WRITTEN

    def _slot(self, key: Any) -> int:
        """Where ``key``'s places are in ``_places``: -1 when absent."""
        if key not in self:
            return -1
        if len(self) <= 16:
            return 1 + 2 * list(self).index(key)
        if self._index is None or len(self._index) != len(self):
            self._index = {k: i for i, k in enumerate(self)}
        return 1 + 2 * self._index[key]

    def pos_of(self, key: Any) -> Pos:
        """Position of the value under ``key`` (or of the mapping when absent)."""
        slot = self._slot(key)
        return _unpack(self._file, self._places[slot + 1 if slot > 0 else 0])

    def key_pos_of(self, key: Any) -> Pos:
        """Position of ``key`` itself (or of the mapping when absent)."""
        slot = self._slot(key)
        return _unpack(self._file, self._places[slot if slot > 0 else 0])

    def key_pos_at(self, index: int) -> Pos:
        """Position of the ``index``-th key, in the order written: no lookup, for walking a big mapping."""
        return _unpack(self._file, self._places[1 + 2 * index])


class LocatedList(list[Any]):
    """A sequence that remembers its own position and each item's (packed, as in ``LocatedDict``)."""

    __slots__ = ("_file", "_places")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._file = ""
        self._places: Any = (0,) * (len(self) + 1)

    @property
    def pos(self) -> Pos:
        return _unpack(self._file, self._places[0])

    def pos_of(self, index: int) -> Pos:
        return _unpack(self._file, self._places[index + 1 if 0 <= index < len(self) else 0])


_NOTHING_WRITTEN: Mapping[Any, str] = MappingProxyType({})


def _unpack(file: str, place: int) -> Pos:
    """The ``Pos`` of a packed place (``line << 32 | column``, both from 0 as the parser counts)."""
    return _make_pos(Pos, (file, (place >> 32) + 1, (place & 0xFFFFFFFF) + 1))


def pos_of(container: Any, key: Any, default: Pos) -> Pos:
    """Position of ``container[key]`` if the container knows it."""
    if isinstance(container, (LocatedDict, LocatedList)):
        return container.pos_of(key)
    return default


_FAST_LOADER: Any = None


def _loader_classes() -> tuple[Any, Any]:
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
        base_resolve: Any = yaml.resolver.BaseResolver.resolve  # PyYAML's stubs leave it unannotated

        def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
            if kind is scalar:
                if implicit[0] and (not value or value[0] in first_chars):
                    return str(base_resolve(self, kind, value, implicit))
                return str_tag
            return map_tag if kind is mapping else seq_tag

        def no_path_resolvers(self: Any, *args: Any) -> None:
            """The safe loader has no path resolvers; skip the per-node bookkeeping."""

        _FAST_LOADER = type(
            "SsguideSafeLoader",
            (base,),
            {
                "resolve": resolve,
                "descend_resolver": no_path_resolvers,
                "ascend_resolver": no_path_resolvers,
                "implicit_first_chars": first_chars,
            },
        )
    return yaml, _FAST_LOADER


def _offset_pos(text: str, filename: str, offset: int) -> Pos:
    """The line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return Pos(filename, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a big tree of new objects.

    Loading a large flow allocates hundreds of thousands of objects and no
    cycles; the collector would otherwise scan them again and again, which
    made loading several times slower. Reference counting still frees memory.
    The collector runs as before afterwards: lasting settings (its pace,
    ``gc.freeze``) are the command line's ``main`` to make.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_located(text: str, filename: str, max_values: int | None = None) -> Any:
    """Parse one YAML document into located plain values.

    Built straight from the parser's events: PyYAML's node tree (some 400
    bytes a value) never exists, and the values are counted as they come,
    aliases by what they expand to, so that a small file cannot make a big
    tree. Raises YamlInputError with a position for malformed YAML, object
    tags, more than ``max_values`` values (``MAX_VALUES`` by default),
    excessive nesting, merge keys and empty documents.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_FILE_BYTES:
        raise YamlInputError(Pos(filename, 1, 1), Message("document_too_large", size=MAX_FILE_BYTES // (1024 * 1024)))
    # Control characters can only come from double-quoted escapes ("\e",
    # "\x9b") or a raw NEL (U+0085, which YAML allows): without either in the
    # text there is nothing to look for in each value.
    check_controls = "\\" in text or "\x85" in text
    text, shifts = _join_surrogate_pairs(text) if check_controls else (text, {})
    try:
        value = _read(text, filename, check_controls, max_values)
    except YamlInputError as exc:
        if shifts:
            exc.pos = _unpack(filename, _unshifted(_pack(exc.pos), shifts))
        raise
    if shifts:
        _unshift_places(value, shifts)
    return value


def _read(text: str, filename: str, check_controls: bool, max_values: int | None) -> Any:
    yaml, safe_loader = _loader_classes()
    reader = _EventReader(filename, yaml, check_controls, MAX_VALUES if max_values is None else max_values)
    parser = safe_loader(text)
    with paused_gc():
        try:
            value = reader.read(parser)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            pos = _make_pos(Pos, (filename, mark.line + 1, mark.column + 1)) if mark else Pos(filename, 1, 1)
            problem = exc.problem or exc.context or "malformed YAML"
            if "nesting depth" in problem:  # libyaml's own limit (1,000 levels), met before ours
                raise YamlInputError(pos, Message("nested_too_deep", depth=MAX_DEPTH)) from None
            raise YamlInputError(pos, Message("yaml_syntax", problem=problem)) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
            raise YamlInputError(_offset_pos(text, filename, exc.position), Message("bad_character", code=f"U+{exc.character:04X}")) from None
        except yaml.YAMLError as exc:
            raise YamlInputError(Pos(filename, 1, 1), Message("yaml_error", problem=" ".join(str(exc).split()))) from None
        finally:
            parser.dispose()
    if value is _NOTHING:
        raise YamlInputError(Pos(filename, 1, 1), Message("file_empty"))
    return value


# A character beyond U+FFFF as JSON writes it with ensure_ascii (Python's default): two
# UTF-16 halves, "\ud842\udfb7" for 𠮷, which YAML refuses. Only where the backslash
# itself is not escaped.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
_PAIR_SHRINKS_BY = len("\\ud842\\udfb7") - len("\\U00020BB7")


def _join_surrogate_pairs(text: str) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """JSON's surrogate-pair escapes as the one YAML escape each stands for (``\\U00020BB7``),
    in a document written as JSON (one that starts with ``{`` or ``[``: every string is
    double-quoted there, so each ``\\u`` is an escape).

    Also, per line (from 0), where columns move: (the column from which, how far), so that
    positions can be given as in the file.
    """
    if not text.lstrip("\ufeff \t\r\n").startswith(("{", "[")) or not _SURROGATE_PAIR.search(text):
        return text, {}
    shifts: dict[int, list[tuple[int, int]]] = {}
    pieces = []
    done = 0
    for match in _SURROGATE_PAIR.finditer(text):
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        joined = f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"
        pieces += [text[done : match.start(2) - 2], joined]
        done = match.end()
        line = text.count("\n", 0, match.start())
        line_start = text.rfind("\n", 0, match.start()) + 1
        moves = shifts.setdefault(line, [])
        moved = moves[-1][1] if moves else 0
        # In the new text: the column just after the joined escape, and every column from there moves back.
        moves.append((match.start(2) - 2 - line_start - moved + len(joined), moved + _PAIR_SHRINKS_BY))
    pieces.append(text[done:])
    return "".join(pieces), shifts


def _pack(pos: Pos) -> int:
    return (pos.line - 1) << 32 | (pos.col - 1)


def _unshifted(place: int, shifts: dict[int, list[tuple[int, int]]]) -> int:
    """A packed place in the text as read, back where it is in the file (see ``_join_surrogate_pairs``)."""
    moves = shifts.get(place >> 32)
    if moves:
        column = place & 0xFFFFFFFF
        moved = 0
        for start, total in moves:
            if column >= start:
                moved = total
        place += moved
    return place


def _unshift_places(value: Any, shifts: dict[int, list[tuple[int, int]]]) -> None:
    """Every place in the values read, back where it is in the file (aliases share values: each once)."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        current = stack.pop()
        if not isinstance(current, (LocatedDict, LocatedList)) or id(current) in seen:
            continue
        seen.add(id(current))
        current._places = array("Q", (_unshifted(place, shifts) for place in current._places))
        stack.extend(current.values() if isinstance(current, LocatedDict) else current)


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
# Scalars of another type than text, and what reads them (PyYAML's safe constructors).
_TYPED_SCALARS = {
    f"tag:yaml.org,2002:{name}": f"construct_yaml_{name}" for name in ("int", "float", "bool", "timestamp")
}
# Pos((file, line, col)) without the named tuple's keyword-handling __new__:
# a big flow creates hundreds of thousands of positions.
_make_pos = tuple.__new__
_NOTHING = object()  # no document, or no key yet in an open mapping
_SHARED_TEXT_LENGTH = 40  # texts this short are read once and shared: ids, keys, values, labels


class _EventReader:
    """Located values from a stream of parser events, counted and checked as they come."""

    def __init__(self, filename: str, yaml_module: Any, check_controls: bool, max_values: int) -> None:
        self.filename = filename
        self.yaml = yaml_module
        self.check_controls = check_controls
        self.max_values = max_values
        self.constructor = yaml_module.constructor.SafeConstructor()
        # anchor → (value, values it stands for, height); aliases share the value.
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.anchor_places: dict[str, int] = {}

    def pos(self, mark: Any) -> Pos:
        return _make_pos(Pos, (self.filename, mark.line + 1, mark.column + 1))

    def refuse_tag(self, tag: str, mark: Any) -> NoReturn:
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag[len("tag:yaml.org,2002:") :]
        if tag == "!!merge":
            raise YamlInputError(self.pos(mark), Message("merge_keys"))
        raise YamlInputError(self.pos(mark), Message("tag_not_allowed", tag=tag))

    def typed(self, tag: str, value: str, mark: Any) -> Any:
        """A scalar YAML gives another type than text and null (a number, a date, yes/no)."""
        method = _TYPED_SCALARS.get(tag)
        if method is None:
            self.refuse_tag(tag, mark)
        if tag == _INT_TAG and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # the usual number, without building a node for PyYAML (which also reads 0o17, 0x1F, 1_000, 1:30)
        node = self.yaml.ScalarNode(tag, value, mark, mark)
        try:
            return getattr(self.constructor, method)(node)
        except (self.yaml.YAMLError, ValueError, OverflowError) as exc:
            raise YamlInputError(self.pos(mark), Message("cannot_read_value", value=value, problem=str(exc))) from None

    def read(self, parser: Any) -> Any:  # noqa: C901 - one loop over the events, kept flat for speed
        """The document's value (``_NOTHING`` for none), built as ``parser``'s events come.

        The list or mapping being read is kept in local variables (its
        parents' on ``stack``): this loop runs once a value, and locals are
        the fastest Python has.
        """
        yaml = self.yaml
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        scalar_node = yaml.ScalarNode
        get_event = parser.get_event
        resolve = parser.resolve
        first_chars = parser.implicit_first_chars
        filename = self.filename
        check_controls = self.check_controls
        max_values = self.max_values
        anchors = self.anchors
        shared: dict[str, str] = {}
        share = shared.setdefault
        typed_seen: dict[tuple[str, str], Any] = {}
        resolved: dict[str, str] = {"": _NULL_TAG}
        stack: list[tuple[Any, ...]] = []  # the open lists and mappings around the current one
        root: Any = _NOTHING
        count = 0
        # The list or mapping being read: None at the top of the document.
        current: Any = None
        places: list[int] = []  # its own place, then each entry's (a key's and its value's)
        is_map = False
        key: Any = _NOTHING  # a mapping's key waiting for its value
        key_place = 0
        key_written: str | None = None
        typed_keys: dict[Any, tuple[str, int]] | None = None  # keys YAML gave another type, as written (for duplicates)
        anchor: str | None = None
        first_count = 0
        height = 0  # how many levels deep its values go
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                count += 1
                mark = event.start_mark
                place = mark.line << 32 | mark.column
                if count > max_values:
                    raise YamlInputError(_unpack(filename, place), Message("too_many_values", limit=big_number(max_values)))
                value = event.value
                tag = event.tag
                written = None
                if tag is None or tag == "!":
                    implicit = event.implicit
                    if implicit[0] and (not value or value[0] in first_chars):
                        tag = resolved.get(value)  # "0", "yes", "~": the same few words again and again
                        if tag is None:
                            tag = resolve(scalar_node, value, implicit)
                            if len(value) <= 10:
                                resolved[value] = tag
                    else:
                        tag = _STR_TAG
                if tag == _STR_TAG:
                    if check_controls and (at := control_at(value)) >= 0:
                        # Shown, never applied: an escape sequence must not reach the terminal in an error either.
                        raise YamlInputError(_unpack(filename, place), Message("control_character", code=code_point(value[at])))
                    if len(value) <= _SHARED_TEXT_LENGTH:
                        value = share(value, value)
                elif tag == _NULL_TAG:
                    value = None
                else:
                    written = value
                    value = typed_seen.get((tag, value), _NOTHING)
                    if value is _NOTHING:  # numbers, dates and yes/no repeat: each is read once
                        value = typed_seen[tag, written] = self.typed(tag, written, mark)
                if event.anchor is not None:
                    self.anchor(event.anchor, place, value, 1, 0)
                value_height = 0
            elif kind is map_start or kind is seq_start:
                count += 1
                mark = event.start_mark
                place = mark.line << 32 | mark.column
                tag = event.tag
                if tag is not None and tag != "!" and tag != (_MAP_TAG if kind is map_start else _SEQ_TAG):
                    self.refuse_tag(tag, mark)  # an object's tag, or a contradiction ("!!str [a, b]")
                # Its entries are one level deeper: refused here, no value needs a check of its own.
                if len(stack) >= MAX_DEPTH:
                    raise YamlInputError(_unpack(filename, place), Message("nested_too_deep", depth=MAX_DEPTH))
                if is_map and key is _NOTHING:
                    raise YamlInputError(_unpack(filename, place), Message("key_not_plain"))
                if count > max_values:
                    raise YamlInputError(_unpack(filename, place), Message("too_many_values", limit=big_number(max_values)))
                stack.append((current, places, is_map, key, key_place, key_written, typed_keys, anchor, first_count, height))
                is_map = kind is map_start
                current = LocatedDict() if is_map else LocatedList()
                current._file = filename
                places = [place]
                key, key_place, key_written, typed_keys = _NOTHING, 0, None, None
                anchor, first_count, height = event.anchor, count, 0
                continue
            elif kind is map_end or kind is seq_end:
                value = current
                value._places = array("Q", places)
                place = places[0]
                value_height = height + 1
                if anchor is not None:
                    self.anchor(anchor, place, value, count - first_count + 1, value_height)
                current, places, is_map, key, key_place, key_written, typed_keys, anchor, first_count, height = stack.pop()
                written = None
            elif kind is alias_event:
                place = event.start_mark.line << 32 | event.start_mark.column
                found = anchors.get(event.anchor)
                if found is None:  # never defined, or its own value (a list holding itself)
                    problem = f"found undefined alias {event.anchor!r}"
                    raise YamlInputError(_unpack(filename, place), Message("yaml_syntax", problem=problem))
                value, size, value_height = found
                count += size
                if count > max_values:
                    raise YamlInputError(_unpack(filename, place), Message("alias_bomb"))
                if len(stack) + value_height > MAX_DEPTH:
                    raise YamlInputError(_unpack(filename, place), Message("nested_too_deep", depth=MAX_DEPTH))
                written = None
            elif kind is document_start:
                if root is not _NOTHING:
                    problem = "expected a single document in the stream, but found another document"
                    raise YamlInputError(self.pos(event.start_mark), Message("yaml_syntax", problem=problem))
                continue
            elif kind is stream_end:
                return root
            else:  # stream start, document end
                continue
            # The value is read: it goes into the current list or mapping.
            if current is None:
                root = value
                continue
            if value_height > height:
                height = value_height
            if not is_map:
                current.append(value)
                places.append(place)
            elif key is _NOTHING:  # this value is a key
                if isinstance(value, (dict, list)):  # an alias to a list or mapping
                    raise YamlInputError(_unpack(filename, place), Message("key_not_plain"))
                if value in current:
                    raise YamlInputError(_unpack(filename, place), self.duplicate(typed_keys, value, written))
                key, key_place, key_written = value, place, written
            else:
                current[key] = value
                places.append(key_place)
                places.append(place)
                if written is not None:
                    if current._written is None:
                        current._written = {}
                    current._written[key] = written
                if key_written is not None:
                    if typed_keys is None:
                        typed_keys = {}
                    typed_keys[key] = (key_written, key_place)
                key = _NOTHING

    def anchor(self, name: str, place: int, value: Any, size: int, height: int) -> None:
        """Remember an anchored value, the values it stands for and how deep it goes, for its aliases."""
        if name in self.anchors:
            problem = f"found duplicate anchor {name!r} (first on line {(self.anchor_places[name] >> 32) + 1})"
            raise YamlInputError(_unpack(self.filename, place), Message("yaml_syntax", problem=problem))
        self.anchors[name] = (value, size, height)
        self.anchor_places[name] = place

    @staticmethod
    def duplicate(typed_keys: dict[Any, tuple[str, int]] | None, key: Any, written: str | None) -> Message:
        """A key the mapping has: named as written, and the first one too when it was written otherwise (1 and true)."""
        shown = written if written is not None else key
        first_written, first_place = (typed_keys or {}).get(key, (None, 0))
        if first_written is None or first_written == shown:
            return Message("duplicate_key", key=shown)
        return Message("duplicate_key_as", key=shown, first=first_written, line=(first_place >> 32) + 1)

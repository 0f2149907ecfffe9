"""Safe YAML reading that remembers where every value came from.

Flows and answer files are untrusted input. This module never constructs
arbitrary objects: it composes the YAML into nodes with PyYAML's *safe*
composer, refuses every tag that is not plain data, refuses alias bombs and
deep nesting, and turns the nodes into ordinary ``dict``/``list`` values that
carry their file, line and column so that every later error can point at the
offending value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Pos:
    """A place in a file, 1-based like editors and compilers print it."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class YamlInputError(Exception):
    """The file cannot be read as plain YAML data; ``pos`` says where."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message


class LocatedDict(dict):
    """A mapping that remembers its own position and those of its keys and values."""

    pos: Pos
    key_pos: dict[Any, Pos]
    value_pos: dict[Any, Pos]

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
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise YamlInputError(Pos(name, 1, 1), "file not found") from None
    except IsADirectoryError:
        raise YamlInputError(Pos(name, 1, 1), "is a directory, not a file") from None
    except PermissionError:
        raise YamlInputError(Pos(name, 1, 1), "permission denied") from None
    except OSError as exc:
        raise YamlInputError(Pos(name, 1, 1), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise YamlInputError(
            Pos(name, 1, 1), f"file is larger than {limit // (1024 * 1024)} MiB; refusing to read it"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlInputError(Pos(name, 1, 1), f"not UTF-8 text (byte {exc.start})") from None


def _loader_classes():
    import yaml

    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, safe_loader


def load_located(text: str, filename: str) -> Any:
    """Parse one YAML document into located plain values.

    Raises YamlInputError with a position for malformed YAML, object tags,
    alias bombs, excessive nesting, merge keys and empty documents.
    """
    yaml, safe_loader = _loader_classes()
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlInputError(Pos(filename, 1, 1), "document is larger than 8 MiB; refusing to read it")
    try:
        node = yaml.compose(text, Loader=safe_loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(filename, mark.line + 1, mark.column + 1) if mark else Pos(filename, 1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        raise YamlInputError(pos, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlInputError(Pos(filename, 1, 1), f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlInputError(Pos(filename, 1, 1), "document is nested too deeply") from None
    if node is None:
        raise YamlInputError(Pos(filename, 1, 1), "the file is empty")
    return _Converter(filename, yaml).convert_document(node)


class _Converter:
    def __init__(self, filename: str, yaml_module: Any) -> None:
        self.filename = filename
        self.yaml = yaml_module
        self.constructor = yaml_module.constructor.SafeConstructor()
        self.budget = 0

    def pos(self, node: Any) -> Pos:
        mark = node.start_mark
        return Pos(self.filename, mark.line + 1, mark.column + 1)

    def convert_document(self, root: Any) -> Any:
        distinct = self._count_distinct(root)
        self.budget = distinct + ALIAS_EXPANSION_ALLOWANCE
        return self._convert(root, 0)

    def _count_distinct(self, root: Any) -> int:
        seen: set[int] = set()
        stack = [(root, 0)]
        yaml = self.yaml
        while stack:
            node, depth = stack.pop()
            if id(node) in seen:
                continue
            if depth > MAX_DEPTH:
                raise YamlInputError(self.pos(node), f"nested more than {MAX_DEPTH} levels deep")
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, depth + 1) for item in node.value)
        return len(seen)

    def _check_tag(self, node: Any) -> None:
        if node.tag in _PLAIN_TAGS:
            return
        tag = node.tag
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag[len("tag:yaml.org,2002:") :]
        if tag == "!!merge":
            raise YamlInputError(self.pos(node), "merge keys ('<<') are not supported; write the keys out")
        raise YamlInputError(
            self.pos(node),
            f"YAML tag '{tag}' is not allowed: files hold plain data only (strings, numbers, lists, mappings)",
        )

    def _convert(self, node: Any, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlInputError(
                self.pos(node), "aliases expand to too many values (an alias bomb?); refusing to read further"
            )
        if depth > MAX_DEPTH:
            raise YamlInputError(self.pos(node), f"nested more than {MAX_DEPTH} levels deep")
        self._check_tag(node)
        yaml = self.yaml
        if isinstance(node, yaml.MappingNode):
            result = LocatedDict()
            result.pos = self.pos(node)
            result.key_pos = {}
            result.value_pos = {}
            for key_node, value_node in node.value:
                key = self._convert(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    raise YamlInputError(self.pos(key_node), "a mapping key must be a plain value")
                if key in result:
                    raise YamlInputError(self.pos(key_node), f"duplicate key '{key}'")
                result[key] = self._convert(value_node, depth + 1)
                result.key_pos[key] = self.pos(key_node)
                result.value_pos[key] = self.pos(value_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = LocatedList()
            items.pos = self.pos(node)
            items.item_pos = []
            for item in node.value:
                items.append(self._convert(item, depth + 1))
                items.item_pos.append(self.pos(item))
            return items
        try:
            return self.constructor.construct_object(node, deep=True)
        except (self.yaml.YAMLError, ValueError, OverflowError) as exc:
            raise YamlInputError(self.pos(node), f"cannot read value {node.value!r}: {exc}") from None

"""``Pos``: a place in a file, below everything that reports one (``errors``, ``core.yamlsafe``)."""

from __future__ import annotations

from typing import NamedTuple


class Pos(NamedTuple):
    """A place in a file, 1-based like editors and compilers print it.

    A named tuple rather than a dataclass: a big flow has hundreds of
    thousands of positions, and a tuple is several times cheaper to create.
    """

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

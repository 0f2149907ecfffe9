"""Immutable value classes that cost next to nothing to define.

``@dataclass(frozen=True)`` writes out and compiles five or six functions for
each class as the class is defined: ~0.45 ms per class on Python 3.11, about
12 ms for the two dozen classes a run defines before its first question, a
tenth of that wait. A ``Record`` subclass is declared the same way (annotated
fields in order, defaults after the fields without one) and gets the same
behaviour from methods written once, here:

* construction by position or keyword, with defaults; ``Factory(dict)`` for
  a default made afresh for each record, like ``field(default_factory=dict)``;
* no assignment or deletion afterwards (``FrozenInstanceError``);
* equality and hashing by the fields' values, in the same class only; a
  class attribute ``_uncompared`` names fields that neither counts, like
  ``field(compare=False)``;
* a dataclass-style repr, ``replace(record, **changes)``, pickling and copying.

Records hold their values in the instance ``__dict__``, so pickle (the parsed
flow cache) and ``copy`` restore them directly, without calling ``__init__``.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

R = TypeVar("R", bound="Record")


class FrozenInstanceError(AttributeError):
    """A field of a record was assigned to or deleted (as dataclasses' error of the same name)."""


class Factory:
    """A field's default made afresh for each record: ``remembered: dict = Factory(dict)``."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class Record:
    """Base class of an immutable value; see the module's documentation."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _uncompared: tuple[str, ...] = ()
    _compared: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, kind in cls.__dict__.get("__annotations__", {}).items() if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        fields = [name for name in cls._fields if name not in own] + own  # inherited first, as dataclasses order them
        defaults = dict(cls._defaults)
        for name in own:
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
            else:
                defaults.pop(name, None)
        seen_default = ""
        for name in fields:
            if name in defaults:
                seen_default = name
            elif seen_default:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows {seen_default!r}, which has one")
        cls._fields = tuple(fields)
        cls._defaults = defaults
        cls._compared = tuple(name for name in fields if name not in cls._uncompared)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) != len(fields):
            defaults = cls._defaults
            for name in fields:
                if name not in values:
                    if name not in defaults:
                        raise TypeError(f"{cls.__name__}() missing required argument {name!r}")
                    default = defaults[name]
                    values[name] = default.make() if type(default) is Factory else default
            if len(values) != len(fields):
                unknown = next(name for name in values if name not in fields)
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {unknown!r}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r} of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r} of {type(self).__name__}")

    def _key(self) -> tuple[Any, ...]:
        values = self.__dict__
        return tuple([values[name] for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        values = self.__dict__
        return f"{type(self).__qualname__}({', '.join(f'{name}={values[name]!r}' for name in self._fields)})"


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed, like ``dataclasses.replace``."""
    values = {name: record.__dict__[name] for name in record._fields}
    values.update(changes)
    return type(record)(**values)

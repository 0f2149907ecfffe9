"""Immutable value classes that cost next to nothing to define.

``@dataclass(frozen=True)`` writes out and compiles five or six functions for
each class as the class is defined: ~0.45 ms per class on Python 3.11, about
12 ms for the two dozen classes a run defines before its first question, a
tenth of that wait. A ``Record`` subclass is declared the same way (annotated
fields in order, defaults after the fields without one) and gets the same
behaviour from methods written once, here:

* construction by position or keyword, with defaults; ``Factory(dict)`` for
  a default made afresh for each record, like ``field(default_factory=dict)``
  (a list, dict or set as a plain default is refused, as dataclasses refuse it);
* no assignment or deletion afterwards (``FrozenInstanceError``);
* equality and hashing by the fields' values, in the same class only; a
  class attribute ``_uncompared`` names fields that neither counts, like
  ``field(compare=False)``;
* a dataclass-style repr, ``replace(record, **changes)``, pickling and copying.

Records hold their values in the instance ``__dict__``, set one at a time in
field order as a dataclass's ``__init__`` does, so records of a class share
one table of keys; pickle (the parsed flow cache) and ``copy`` restore them
without calling ``__init__``. A loop instead of compiled code costs about a
microsecond more per record made and a tenth of one per comparison or hash:
loading and checking a 10,000-question flow takes as long as before.
"""

from __future__ import annotations

import sys
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, ClassVar, TypeVar

if TYPE_CHECKING:  # every Python version, as type checkers know it
    from typing_extensions import dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # typing_extensions is no dependency: before 3.11 the marker is for type checkers only
    def dataclass_transform(**kwargs: Any) -> Callable[[Any], Any]:
        return lambda cls: cls

_set = object.__setattr__

R = TypeVar("R", bound="Record")
T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """A field of a record was assigned to or deleted (as dataclasses' error of the same name)."""


class _Factory:
    """A field's default made afresh for each record: ``remembered: dict = Factory(dict)``."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


if TYPE_CHECKING:
    # To a type checker a Factory default is the value it makes, so that
    # ``tags: list[str] = Factory(list)`` is a field with a default of its type.
    def Factory(make: Callable[[], T], /) -> T: ...
else:
    Factory = _Factory


def _own_annotations(cls: type) -> dict[str, Any]:
    """The annotations written in the class's own body, not inherited ones."""
    if sys.version_info >= (3, 14):  # kept behind __annotate__ there, unless the module has `from __future__ import annotations`
        import annotationlib

        return annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)
    return cls.__dict__.get("__annotations__", {})


def _key_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a record to the tuple of the values of ``names``, by C-level getters where it can."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda record: (get(record),)
    return lambda record: ()


# PEP 681: type checkers read a subclass's fields as a frozen dataclass's, so
# they check every constructor call (the decorator only sets an attribute).
@dataclass_transform(frozen_default=True)
class Record:
    """Base class of an immutable value; see the module's documentation."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_set: frozenset[str] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}  # each subclass gets its own
    _uncompared: tuple[str, ...] = ()
    _compared: tuple[str, ...] = ()
    _key: Callable[[Any], tuple[Any, ...]]  # a record's compared values (equality and hashing are hot in route analysis)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, kind in _own_annotations(cls).items() if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        # Inherited fields first, in their order (one declared again keeps its place), as dataclasses order them.
        fields = list(cls._fields) + [name for name in own if name not in cls._fields]
        defaults = dict(cls._defaults)
        for name in own:
            if name not in cls.__dict__:
                defaults.pop(name, None)
                continue
            default = cls.__dict__[name]
            if type(default).__hash__ is None:  # a list, dict or set, which every record would share
                raise ValueError(f"{cls.__name__}.{name}: a mutable default ({type(default).__name__}) would be shared; use Factory({type(default).__name__})")
            defaults[name] = default
            if type(default) is _Factory:
                delattr(cls, name)  # no class attribute, as with field(default_factory=...)
        seen_default = ""
        for name in fields:
            if name in defaults:
                seen_default = name
            elif seen_default:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows {seen_default!r}, which has one")
        unknown = [name for name in cls._uncompared if name not in fields]
        if unknown:
            raise TypeError(f"{cls.__name__}._uncompared names no field: {', '.join(unknown)}")
        cls._fields = tuple(fields)
        cls._field_set = frozenset(fields)
        cls._defaults = defaults
        cls._compared = tuple(name for name in fields if name not in cls._uncompared)
        cls._key = staticmethod(_key_getter(cls._compared))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        fields = cls._fields
        if kwargs or len(args) != len(fields):
            args = cls._arguments(args, kwargs)
        # One field at a time and always in the same order, as a dataclass's
        # __init__ does: records of a class then share one table of keys (half the memory).
        for name, value in zip(fields, args):
            _set(self, name, value)

    @classmethod
    def _arguments(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """Every field's value in order, from positional and keyword arguments and the defaults."""
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments but {len(args)} were given")
        for name in kwargs:
            if name not in cls._field_set:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
        values = kwargs  # a fresh dict of this call's own
        if args:
            values = dict(zip(fields, args))
            for name in kwargs:
                if name in values:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values.update(kwargs)
        if len(values) < len(fields):
            for name, default in cls._defaults.items():
                if name not in values:
                    values[name] = default.make() if type(default) is _Factory else default
        try:
            return tuple([values[name] for name in fields])
        except KeyError as exc:
            raise TypeError(f"{cls.__name__}() missing required argument {exc.args[0]!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r} of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r} of {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == self._key(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        # getattr, not __dict__: reading an instance's __dict__ gives it a dict object of its own.
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self._fields)})"

    def __getstate__(self) -> dict[str, Any]:
        """The fields, for pickle and copy: what ``remembered`` keeps is worked out again where needed."""
        state = self.__dict__
        if _MEMO in state:
            state = {name: value for name, value in state.items() if name != _MEMO}
        return state


_MEMO = "_remembered"  # the name ``remembered`` keeps its values under, beside the fields


def remembered(record: Record, name: str, make: Callable[[], T]) -> T:
    """A value derived from ``record``'s fields, worked out by ``make`` on first use and kept with the record.

    For what is costly and asked for again and again (a checklist's sources,
    its Do this now; a flow's comparisons): a record never changes, so neither
    does the value. Kept beside the fields, never compared, hashed, copied
    or pickled. What it returns is shared: treat it as read-only.
    """
    memo = getattr(record, _MEMO, None)
    if memo is None:
        memo = {}
        _set(record, _MEMO, memo)
    try:
        return memo[name]
    except KeyError:
        value = memo[name] = make()
        return value


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed, like ``dataclasses.replace``."""
    values = {name: getattr(record, name) for name in record._fields}
    values.update(changes)
    return type(record)(**values)

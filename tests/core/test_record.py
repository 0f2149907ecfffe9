"""Records behave as the frozen dataclasses they replaced: the model, conditions and checklist rely on it."""

from __future__ import annotations

import copy
import pickle
import sys
from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from ssguide.record import Factory, FrozenInstanceError, Record, remembered, replace


class Point(Record):
    x: int
    y: int = 0
    tags: list = Factory(list)


class Located(Record):
    name: str
    where: str = ""
    _uncompared = ("where",)


class Other(Record):
    x: int
    y: int = 0
    tags: list = Factory(list)


def test_fields_by_position_keyword_and_default() -> None:
    assert Point(1, 2).y == 2
    assert Point(x=1).y == 0
    assert Point(1, y=5) == Point(1, 5)
    assert Point._fields == ("x", "y", "tags")


def test_a_factory_default_is_made_afresh_for_each_record() -> None:
    a, b = Point(1), Point(2)
    a.tags.append("mutable inside, like dataclasses")
    assert b.tags == []


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: Point(), "missing required argument 'x'"),
        (lambda: Point(1, 2, [], 4), "takes 3 arguments but 4 were given"),
        (lambda: Point(1, x=1), "multiple values for argument 'x'"),
        (lambda: Point(1, z=1), "unexpected keyword argument 'z'"),
        (lambda: Point(z=1), "unexpected keyword argument 'z'"),  # named before the missing 'x', as dataclasses do
    ],
)
def test_wrong_arguments_are_type_errors(make, words: str) -> None:
    with pytest.raises(TypeError, match=words):
        make()


def test_no_assignment_or_deletion_after_construction() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del p.x
    with pytest.raises(AttributeError):  # as dataclasses' error is
        p.new = 1  # type: ignore[attr-defined]
    assert p.x == 1


def test_equal_and_hashed_by_value_within_one_class() -> None:
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2, ())) == hash(Point(1, 2, ()))  # type: ignore[arg-type]
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != Other(1, 2)  # same values, another class
    assert len({Located("a", "here"), Located("a", "there")}) == 1


def test_a_subclass_record_is_not_equal_to_its_base() -> None:
    class Point3(Point):
        z: int = 0

    assert Point3(1, 2) != Point(1, 2)


def test_uncompared_fields_do_not_count() -> None:
    assert Located("a", "file1") == Located("a", "file2")
    assert Located("a") != Located("b")


def test_repr_names_every_field() -> None:
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=[])"


def test_replace_changes_only_what_it_is_told() -> None:
    p = Point(1, 2, ["t"])
    q = replace(p, y=9)
    assert (q.x, q.y, q.tags) == (1, 9, ["t"]) and p.y == 2
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        replace(p, nope=1)


def test_pickle_and_copy_round_trip() -> None:
    p = Point(1, 2, ["t"])
    for clone in (pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)), copy.copy(p), copy.deepcopy(p)):
        assert clone == p and type(clone) is Point
        with pytest.raises(FrozenInstanceError):
            clone.x = 5  # type: ignore[misc]


def test_a_value_remembered_is_worked_out_once_and_never_compared_copied_or_pickled() -> None:
    p = Located("a", "b")
    made = []

    def work() -> str:
        made.append(1)
        return p.name + p.where

    assert remembered(p, "both", work) == "ab" and remembered(p, "both", work) == "ab"
    assert made == [1]
    assert p == Located("a", "b") and hash(p) == hash(Located("a", "b"))
    assert repr(p) == "Located(name='a', where='b')"
    for clone in (pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)), copy.copy(p), copy.deepcopy(p)):
        assert clone == p
        assert remembered(clone, "both", lambda: "afresh") == "afresh"  # nothing came along


def test_a_field_without_default_after_one_with_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="'b' without a default follows 'a'"):

        class Bad(Record):
            a: int = 0
            b: int


def test_subclass_fields_follow_the_inherited_ones() -> None:
    class Point3(Point):
        z: int = 0

    assert Point3(1, 2, [], 3).z == 3 and Point3._fields == ("x", "y", "tags", "z")


def test_a_redeclared_field_keeps_its_place() -> None:
    class Moved(Point):
        x: int = 5

    assert Moved._fields == ("x", "y", "tags") and Moved().x == 5


def test_class_variables_and_plain_attributes_are_not_fields() -> None:
    class WithConstants(Record):
        LIMIT: ClassVar[int] = 3
        name: str
        unit = "days"  # no annotation: a class attribute

    assert WithConstants._fields == ("name",) and WithConstants("a").unit == "days"


def test_a_shared_mutable_default_is_refused_at_definition() -> None:
    with pytest.raises(ValueError, match="use Factory\\(list\\)"):

        class Shared(Record):
            items: list = []  # noqa: RUF012


def test_a_misspelt_uncompared_name_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="names no field: wher"):

        class Typo(Record):
            where: str
            _uncompared = ("wher",)


def test_a_factory_default_is_no_class_attribute() -> None:
    assert "tags" not in Point.__dict__ and Point.__dict__["y"] == 0


@dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)


def _memory_of(make) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        kept = [make(n) for n in range(5000)]
        assert len(kept) == 5000
        return tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="key-sharing instance dicts are CPython's")
def test_records_of_a_class_share_their_keys_as_dataclass_instances_do() -> None:
    """Fields set one by one in order: 5,000 records take what 5,000 frozen dataclass instances take."""
    for record in (Point(1, 2), Point(3, 4)):
        repr(record), replace(record, y=3)  # neither may break the sharing
    records, dataclasses = _memory_of(lambda n: Point(n, y=n)), _memory_of(lambda n: DataPoint(n, y=n))
    assert records <= dataclasses * 1.1, (records, dataclasses)


def test_a_flow_read_from_another_file_is_the_same_flow() -> None:
    """Flow's position and file are not compared (field(compare=False) when it was a dataclass)."""
    from support.cli import TINY_FLOW

    from ssguide.core.loader import parse_flow
    from ssguide.position import Pos

    flow = parse_flow(TINY_FLOW, "flow.yaml")
    elsewhere = replace(flow, pos=Pos("copy.yaml", 1, 1), file="/elsewhere/copy.yaml")
    assert elsewhere == flow and hash(elsewhere.questions["route"]) == hash(flow.questions["route"])
    assert replace(flow, path="copy.yaml") != flow

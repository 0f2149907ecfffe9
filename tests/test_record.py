"""Records behave as the frozen dataclasses they replaced: the model, conditions and checklist rely on it."""

from __future__ import annotations

import copy
import pickle

import pytest

from ssguide.record import Factory, FrozenInstanceError, Record, replace


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


def test_a_field_without_default_after_one_with_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="'b' without a default follows 'a'"):

        class Bad(Record):
            a: int = 0
            b: int


def test_subclass_fields_follow_the_inherited_ones() -> None:
    class Point3(Point):
        z: int = 0

    assert Point3(1, 2, [], 3).z == 3 and Point3._fields == ("x", "y", "tags", "z")

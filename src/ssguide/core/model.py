"""The flow model: frozen records for a flow, its questions and checklist items, and its problems.

Pure data, with no I/O: ``loader`` builds a ``Flow`` from a YAML file (and
reports ``Problem``s), the engine walks it, ``checklist`` reads its items.
A question's behaviour that depends on its type lives in ``qtypes``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import FlowError as FlowError  # the loader raises it from here
from ..lang.i18n import LocalText
from ..lang.messages import Message
from ..record import Record
from . import conditions as cond
from .dates import Offset
from .qtypes import QuestionType, question_type
from ..position import Pos

if TYPE_CHECKING:
    from .context import Context

ITEM_KINDS = ("step", "material", "deadline", "note", "warning")
SOURCE_KINDS = ("seed", "law", "notice", "other")
DEADLINE_UNITS = ("days", "working_days", "months", "years")
DEADLINE_MEANINGS = ("due", "valid_until", "ready_from", "expected_by")
# Dates the user must act by; the others are things the user waits for ("What to expect").
MUST_ACT_MEANINGS = ("due", "valid_until")
# What a dated text of a flow (an ``act_by``, an overdue's ``passed``) may name: the date, and how it comes about.
TEMPLATE_PLACEHOLDERS = ("date", "how")
END = "end"


# ---------------------------------------------------------------- the model


class Source(Record):
    id: str
    kind: str
    title: LocalText
    citation: LocalText
    date: str | None
    pos: Pos


class Choice(Record):
    value: str
    label: LocalText
    help: LocalText | None = None


class Help(Record):
    """A question's help, or one of its variants: shown under the question when ``when`` holds (None = always)
    for the answers given before it is asked."""

    text: LocalText
    pos: Pos
    when: cond.Condition | None = None


class FindOut(Record):
    """How a user who is not sure can find the answer out, and where that advice comes from.

    ``what`` names what to find out as the end of a sentence ("whether the
    card was accepted"), so Do this now can say "Find out whether …: ask …".
    A question may have several, each for the answers its ``when`` holds for
    (None = always): whom to ask differs from one route to another.
    """

    text: LocalText
    sources: tuple[str, ...]
    pos: Pos
    what: LocalText | None = None
    when: cond.Condition | None = None


V = TypeVar("V", Help, FindOut)


def first_holding(variants: Sequence[V], answers: Mapping[str, Any], ctx: Context) -> V | None:
    """The first of ``variants`` whose ``when`` holds for ``answers``: one that hangs on a "not sure" answer does not."""
    for variant in variants:
        if cond.evaluate3(variant.when, answers, ctx) is True:
            return variant
    return None


class Rule(Record):
    """One routing rule: go to ``goto`` (None = end) when ``when`` holds (None = always)."""

    when: cond.Condition | None
    goto: str | None
    pos: Pos


class Question(Record):
    id: str
    type: str
    text: LocalText
    help: tuple[Help, ...]  # the first that holds is shown (a plain help: one, always)
    short: LocalText | None
    event: LocalText | None
    choices: tuple[Choice, ...]
    default: Any
    min: Any
    max: Any
    next: tuple[Rule, ...]
    pos: Pos
    unsure: bool = False  # "not sure" is an answer here
    how_to_find_out: tuple[FindOut, ...] = ()  # the first that holds is shown

    @property
    def qtype(self) -> QuestionType:
        return question_type(self.type)

    def help_for(self, answered: Mapping[str, Any], ctx: Context) -> LocalText | None:
        """The help shown under the question, given the answers before it (``answered``); None when none holds."""
        found = first_holding(self.help, answered, ctx)
        return found.text if found is not None else None

    def find_out_for(self, answers: Mapping[str, Any], ctx: Context) -> FindOut | None:
        """How to find this question's answer out, for a checklist of ``answers``; None when none holds."""
        return first_holding(self.how_to_find_out, answers, ctx)

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: Any) -> Choice | None:
        for c in self.choices:
            if c.value == value:
                return c
        return None

    def targets(self) -> list[str | None]:
        """Every place routing can go from here; None is the end."""
        targets: list[str | None] = [r.goto for r in self.next]
        if not self.next or self.next[-1].when is not None:
            targets.append(None)  # no rule holding also ends the flow
        return targets


class Overdue(Record):
    """What still helps once an item's date has passed: the action Do this now gives instead, with its sources.

    On a must-do deadline, what to do now that the day is gone (never "the
    right is lost"); on a date the user waits for, whom to ask about it.
    """

    text: LocalText
    sources: tuple[str, ...]
    pos: Pos
    short: LocalText | None = None  # the calendar event's title once the date has passed
    # The sentence that says the date has passed, in the item's own words ({date}, {how}),
    # instead of the program's "{date} has passed ({how})."
    passed: LocalText | None = None


class Update(Record):
    """The current rule where policy moved on since the item's source.

    When ``when`` holds (None = always), the update's text leads the item and
    the item's own text becomes the secondary "earlier practice" line. Where
    the current rule also changes how the item's date reads, the update says so
    with its own ``act_by`` and ``overdue``.
    """

    sources: tuple[str, ...]
    text: LocalText
    pos: Pos
    when: cond.Condition | None = None
    short: LocalText | None = None  # the calendar title of the current rule, when the item's own fits only the earlier one
    overdue: Overdue | None = None  # what still helps under the current rule, once the date has passed
    act_by: LocalText | None = None  # how the date to act by reads under the current rule ({date}, {how})

    @property
    def source(self) -> str:
        return self.sources[0]


class DeadlineRule(Record):
    anchor_question: str | None
    anchor_item: str | None
    offset: Offset
    meaning: str
    pos: Pos


class Item(Record):
    id: str
    kind: str
    text: LocalText
    when: cond.Condition | None
    sources: tuple[str, ...]
    order: int
    index: int
    updates: tuple[Update, ...]
    deadline: DeadlineRule | None
    pos: Pos
    source_pos: Pos | None = None
    short: LocalText | None = None  # a few words for a calendar event's title
    # Progress: when the answers say the user has already done this (a condition like ``when``).
    done_when: cond.Condition | None = None
    # Information, not an action ("you are deemed filed"; the school's own work): never numbered, never in Do this now.
    info: bool = False
    # The dated item (a card ready from a date) this step cannot be done before.
    waits_for: str | None = None
    waits_for_pos: Pos | None = None
    overdue: Overdue | None = None  # what to do once this item's date has passed
    act_by: LocalText | None = None  # how its date to act by reads ({date}, {how}), instead of "Act by {date} ({how})"


class Flow(Record):
    id: str
    command: str
    title: LocalText
    description: LocalText
    languages: tuple[str, ...]
    reviewed: date | None
    sources: Mapping[str, Source]
    questions: Mapping[str, Question]
    start: str | None
    items: tuple[Item, ...]
    path: str
    pos: Pos
    # The real path of the file it was read from ("" when parsed from text):
    # what saved sessions are keyed by, so two files with one id never share one.
    file: str = ""
    _uncompared = ("pos", "file")  # the same flow read from elsewhere is the same flow

    def question(self, qid: str) -> Question:
        return self.questions[qid]

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None


# ---------------------------------------------------------------- problems


class Problem(Record):
    """One problem of a flow file: where, and the ``messages.Message`` that says what (``str()`` is its English)."""

    pos: Pos
    message: Message
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.pos}: {prefix}{self.message}"

    def render(self, lang: str) -> str:
        """``file:line:col: message`` with the message (and "warning: ") in ``lang``."""
        prefix = "" if self.severity == "error" else Message("warning_prefix").render(lang)
        return f"{self.pos}: {prefix}{self.message.render(lang)}"

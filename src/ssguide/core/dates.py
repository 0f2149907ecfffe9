"""Deadline date arithmetic for checklist items.

Pure functions: no I/O, no terminal. China's calendar comes from a table
generated from the `holidays` package (``china_calendar``, rebuilt by
scripts/china_calendar.py): importing `holidays` loads every country it knows
(~95 ms), so it is imported only for a year the table does not have. The only
state is caches: per year, the days off and make-up working days and the
running count of working days; and the dates already worked out.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, get_args

from ..record import Record
from . import china_calendar

if TYPE_CHECKING:
    from .context import Context

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "DatedResult",
    "Direction",
    "Offset",
    "Unit",
    "apply_offset",
    "offset_cost",
    "is_china_working_day",
    "official_calendar_last_year",
    "read_user_date",
]

Unit = Literal["days", "working_days", "months", "years"]
Direction = Literal["after", "before"]

_UNITS: frozenset[str] = frozenset(get_args(Unit))
_DIRECTIONS: frozenset[str] = frozenset(get_args(Direction))


class Offset(Record):
    """A deadline rule as a flow states it, e.g. "within 20 working days after discharge"."""

    amount: int  # >= 0
    unit: Unit
    direction: Direction = "after"


class DatedResult(Record):
    """A computed date plus whether it may still move.

    `estimate` is True when a working-day count crossed a year whose official
    holiday/make-up arrangement the installed `holidays` package does not know yet
    (the State Council announces it late in the previous year), so the user must be
    told the date is provisional.
    """

    date: date
    estimate: bool


def _table_days(year: int, days: str) -> frozenset[date]:
    return frozenset(date(year, int(d[:2]), int(d[3:])) for d in days.split())


@lru_cache(maxsize=None)
def _days_of_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, make-up working days) of one year; cached because counts re-examine the same year."""
    entry = china_calendar.YEARS.get(year)
    if entry is not None:
        return _table_days(year, entry[0]), _table_days(year, entry[1])
    off, work = holidays_days_of_year(year)
    return frozenset(off), frozenset(work)


def holidays_days_of_year(year: int) -> tuple[list[date], list[date]]:
    """One year's days off and weekend make-up working days as the `holidays` package says, sorted."""
    import holidays

    cal = holidays.China(years=year)  # type: ignore[no-untyped-call]  # holidays' country classes are not annotated
    return sorted(d for d in cal if d.year == year), sorted(d for d in cal.weekend_workdays if d.year == year)


def is_china_working_day(day: date) -> bool:
    """True for Mon-Fri that is not a public holiday, or a weekend make-up working day (调休).

    Offices count deadlines in these days, so both halves of the arrangement matter:
    a weekday holiday is not counted, a make-up Saturday/Sunday is.
    """
    days_off, make_up_days = _days_of_year(day.year)
    if day.weekday() >= 5:
        return day in make_up_days
    return day not in days_off


@lru_cache(maxsize=1)
def official_calendar_last_year() -> int:
    """Last year whose official China holiday arrangement is known.

    The shipped table's last year, or a later one if the installed `holidays`
    already knows it, so upgrading `holidays` turns later estimates into firm dates.
    """
    return max(china_calendar.LAST_YEAR, holidays_last_official_year())


def holidays_last_official_year() -> int:
    """Last year whose official China arrangement the installed `holidays` knows.

    Derived from the package's data (the latest year with announced substituted
    day-off / make-up entries) rather than hard-coded.
    """
    import holidays

    cal = holidays.China()  # type: ignore[no-untyped-call]  # holidays' country classes are not annotated
    years = {
        year
        for year, entries in cal.special_public_holidays.items()
        # Entries are one tuple or a tuple of tuples; substituted days have >= 4 items.
        for entry in (entries if entries and isinstance(entries[0], tuple) else (entries,))
        if len(entry) >= 4
    }
    years.update(d.year for d in cal.weekend_workdays)
    if not years:  # pragma: no cover - would mean the package dropped its China data
        raise RuntimeError("holidays.China has no official make-up day data")
    return int(max(years))


def _add_months(anchor: date, months: int) -> date:
    """Calendar-month shift, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    index = anchor.year * 12 + (anchor.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(anchor.day, monthrange(year, month)[1]))


@lru_cache(maxsize=None)
def _working_days_before(year: int) -> array[int]:
    """``counts[i]``: China working days among the first ``i`` days of ``year`` (so ``counts[-1]`` is the year's total).

    One year's table answers any count inside the year with one look-up or
    one binary search, so a count of thousands of working days costs a few
    years' tables, not a step per day.
    """
    counts = array("H", [0])
    day = date(year, 1, 1)
    one = timedelta(days=1)
    total = 0
    while day.year == year:
        total += is_china_working_day(day)
        counts.append(total)
        day += one
    return counts


def _add_working_days(anchor: date, n: int, step: int) -> DatedResult:
    """The ``n``-th China working day after (``step`` 1) or before (-1) ``anchor`` (day 0), by year tables."""
    if n == 0:
        return DatedResult(anchor, False)
    year = anchor.year
    counts = _working_days_before(year)
    index = anchor.toordinal() - date(year, 1, 1).toordinal()  # the anchor's day of the year, from 0
    if step > 0:
        wanted = counts[index + 1] + n  # the wanted day's number among the year's working days, from 1
        while wanted > counts[-1]:
            wanted -= counts[-1]
            year += 1
            counts = _working_days_before(year)
    else:
        wanted = counts[index] - n + 1
        while wanted < 1:
            year -= 1
            counts = _working_days_before(year)
            wanted += counts[-1]
    found = date.fromordinal(date(year, 1, 1).toordinal() + bisect_left(counts, wanted) - 1)
    # The days counted run up to the result (after) or down from the day before the anchor (before).
    latest = found.year if step > 0 else (anchor - timedelta(days=1)).year
    # Only a year beyond the table needs `holidays` to tell whether it is announced.
    estimate = latest > china_calendar.LAST_YEAR and latest > official_calendar_last_year()
    return DatedResult(found, estimate)


# Dates a user may give (answers, --today). Far beyond any real procedure, and
# far enough inside Python's years 1-9999 that a flow's largest offsets (3,650
# units) cannot leave them.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


def apply_offset(anchor: date, offset: Offset) -> DatedResult:
    """Return the date `offset` away from `anchor` (e.g. a discharge date).

    `days`, `months` and `years` are calendar arithmetic and never estimates;
    `working_days` counts China working days, the anchor itself being day 0.
    Raises ValueError for a negative amount or unknown unit/direction: the flow
    loader validates first, so reaching that here is a programming error.
    """
    amount = offset.amount
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError(f"offset amount must be a non-negative integer, got {amount!r}")
    if offset.unit not in _UNITS:
        raise ValueError(f"unknown offset unit {offset.unit!r}; expected one of {sorted(_UNITS)}")
    if offset.direction not in _DIRECTIONS:
        raise ValueError(f"unknown offset direction {offset.direction!r}; expected one of {sorted(_DIRECTIONS)}")
    return _apply_offset(anchor, amount, offset.unit, 1 if offset.direction == "after" else -1)


def offset_cost(offset: Offset) -> int:
    """What working out one date costs, for the budgets of route analysis: a step, and for a
    count of working days one more per year table it walks (about 250 working days a year)."""
    return 1 + offset.amount // 250 if offset.unit == "working_days" else 1


# Route analysis and "not sure" answers build many checklists with the same
# dates: each deadline's date is worked out once, not once a checklist.
@lru_cache(maxsize=4096)
def _apply_offset(anchor: date, amount: int, unit: str, sign: int) -> DatedResult:
    if unit == "days":
        return DatedResult(anchor + timedelta(days=sign * amount), False)
    if unit == "working_days":
        return _add_working_days(anchor, amount, sign)
    months = amount if unit == "months" else amount * 12
    return DatedResult(_add_months(anchor, sign * months), False)


# ---------------------------------------------------------------- dates as people write them

_RELATIVE_DAYS = {"today": 0, "yesterday": 1, "今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_WITH_YEAR = (
    re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
)
_WITHOUT_YEAR = (
    re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
)


def read_user_date(text: str, ctx: Context, past_only: bool = False) -> date | None:
    """A date as people type it, or None when ``text`` is not one.

    Accepts 2026-11-20 (and 2026-11-2), 2026/11/20, 2026.11.20, 2026年11月20日,
    11月20日, 11-20, 11/20, today/yesterday/今天/昨天/前天; full-width digits and
    punctuation (typed with a Chinese input method) read as half-width. A date
    without a year is in ``today``'s year, or the year before when that would
    be after ``today`` and the question only takes past dates (``past_only``).
    ``today`` is passed in: this module never reads the clock.
    """
    # NFKC turns full-width digits and ASCII punctuation into half-width ones; "。" stays, so map it.
    plain = unicodedata.normalize("NFKC", text).replace("。", ".").strip().lower()
    if plain in _RELATIVE_DAYS:
        return ctx.today - timedelta(days=_RELATIVE_DAYS[plain])
    for pattern in _WITH_YEAR:
        match = pattern.fullmatch(plain)
        if match:
            return _valid_date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    for pattern in _WITHOUT_YEAR:
        match = pattern.fullmatch(plain)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            found = _valid_date(ctx.today.year, month, day)
            if past_only and (found is None or found > ctx.today):
                # Also when this year has no such day (29 February): last year may have had it.
                earlier = _valid_date(ctx.today.year - 1, month, day)
                return earlier if earlier is not None else found
            return found
    return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None

"""Tests for ssguide.core.dates.

Expected dates are worked out by hand from the official 2026 arrangement as the
`holidays` package records it (holidays.China(years=2026) and its weekend_workdays):

  New Year       2026-01-01 Thu, 01-02 Fri off; Sun 01-04 is a make-up working day
  Spring Fest.   2026-02-15..23 off (16-20 and 23 are the weekday days off);
                 Sat 02-14 and Sat 02-28 are make-up working days
  National Day   2026-10-01..07 off (Thu 1, Fri 2, Sat 3, Sun 4, Mon 5, Tue 6, Wed 7);
                 Sun 09-20 and Sat 10-10 are make-up working days
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssguide.core.dates import (
    DatedResult,
    Offset,
    apply_offset,
    is_china_working_day,
    official_calendar_last_year,
)

# An independent reference: the package's own is_working_day on one multi-year calendar.
_REFERENCE = holidays.China(years=range(2019, 2033))


def wd(anchor: date, n: int, direction: str = "after") -> DatedResult:
    return apply_offset(anchor, Offset(n, "working_days", direction))  # type: ignore[arg-type]


def count_working_days(start: date, end: date) -> int:
    """Working days in the closed range [start, end], per the reference calendar."""
    return sum(
        _REFERENCE.is_working_day(start + timedelta(days=i))
        for i in range((end - start).days + 1)
    )


# --- working-day classification ------------------------------------------------


def test_make_up_weekend_days_are_working_days() -> None:
    # Sat 2026-02-14 and Sat 02-28 are worked in exchange for 02-20 and 02-23 off;
    # Sun 2026-01-04 is worked in exchange for Fri 01-02 off.
    assert date(2026, 2, 14).weekday() == 5 and is_china_working_day(date(2026, 2, 14))
    assert date(2026, 2, 28).weekday() == 5 and is_china_working_day(date(2026, 2, 28))
    assert date(2026, 1, 4).weekday() == 6 and is_china_working_day(date(2026, 1, 4))
    assert date(2026, 9, 20).weekday() == 6 and is_china_working_day(date(2026, 9, 20))


def test_weekday_holidays_and_plain_weekends_are_not_working_days() -> None:
    assert date(2026, 10, 1).weekday() == 3 and not is_china_working_day(date(2026, 10, 1))
    assert not is_china_working_day(date(2026, 2, 16))  # Mon, Spring Festival eve
    assert not is_china_working_day(date(2026, 2, 23))  # Mon, day off swapped from 02-28
    assert not is_china_working_day(date(2026, 2, 15))  # ordinary Sunday
    assert not is_china_working_day(date(2026, 3, 7))  # ordinary Saturday
    assert is_china_working_day(date(2026, 2, 24))  # Tue, first weekday back


def test_womens_day_half_day_is_not_a_day_off() -> None:
    # 2027-03-08 is a Monday. 妇女节 is a half-day for women only, not a day off that
    # moves deadlines, so it stays a working day.
    assert date(2027, 3, 8).weekday() == 0
    assert is_china_working_day(date(2027, 3, 8))


# --- working-day offsets ---------------------------------------------------------


def test_twenty_working_days_across_spring_festival_2026() -> None:
    # From Tue 2026-02-10: Feb 11, 12, 13 (3), Sat 14 make-up (4); Feb 15-23 off;
    # Feb 24-27 (8), Sat 28 make-up (9); Mar 2-6 (14); Mar 9-13 (19); Mon Mar 16 (20).
    # (Plain Mon-Fri counting would give Mar 10.)
    assert wd(date(2026, 2, 10), 20) == DatedResult(date(2026, 3, 16), False)


def test_make_up_day_is_counted_in_offsets() -> None:
    # Fri 2026-02-13 + 1 working day is the make-up Saturday 02-14.
    assert wd(date(2026, 2, 13), 1).date == date(2026, 2, 14)
    # Wed 2025-12-31 + 1: Jan 1 and Jan 2 are off, Sat Jan 3 is a weekend,
    # Sun Jan 4 is the make-up working day.
    assert wd(date(2025, 12, 31), 1).date == date(2026, 1, 4)
    # Sat 2026-01-03 + 1 is that same Sunday.
    assert wd(date(2026, 1, 3), 1).date == date(2026, 1, 4)


def test_national_day_week_2026() -> None:
    # Wed 09-30 + 1: Oct 1-7 are all off, so Thu Oct 8.
    assert wd(date(2026, 9, 30), 1) == DatedResult(date(2026, 10, 8), False)
    # Mon 09-28 + 5: Sep 29 (1), Sep 30 (2), Oct 8 (3), Oct 9 (4), Sat Oct 10 make-up (5).
    assert wd(date(2026, 9, 28), 5).date == date(2026, 10, 10)
    # Fri 09-18 + 2: Sun Sep 20 is a make-up working day (1), Mon Sep 21 (2).
    assert wd(date(2026, 9, 18), 2).date == date(2026, 9, 21)


def test_before_direction() -> None:
    # Thu 10-08 - 1: Oct 7..1 are off, so Wed Sep 30.
    assert wd(date(2026, 10, 8), 1, "before").date == date(2026, 9, 30)
    # Tue 02-24 - 3: Feb 23..15 off/weekend, Sat 14 make-up (1), Fri 13 (2), Thu 12 (3).
    assert wd(date(2026, 2, 24), 3, "before").date == date(2026, 2, 12)
    # Mon 2026-01-05 - 2: Sun Jan 4 make-up (1), Jan 3 Sat, Jan 2/1 off, Wed 2025-12-31 (2).
    assert wd(date(2026, 1, 5), 2, "before") == DatedResult(date(2025, 12, 31), False)


def test_zero_working_days_returns_anchor_even_on_a_holiday() -> None:
    assert wd(date(2026, 10, 1), 0) == DatedResult(date(2026, 10, 1), False)
    assert wd(date(2026, 10, 1), 0, "before") == DatedResult(date(2026, 10, 1), False)


# --- calendar offsets ----------------------------------------------------------------


def test_three_calendar_days() -> None:
    # Calendar days ignore holidays: Sep 30 + 3 = Oct 3 even though it is National Day.
    result = apply_offset(date(2026, 9, 30), Offset(3, "days"))
    assert result == DatedResult(date(2026, 10, 3), False)
    assert apply_offset(date(2026, 1, 30), Offset(3, "days")).date == date(2026, 2, 2)
    assert apply_offset(date(2026, 3, 1), Offset(3, "days", "before")).date == date(2026, 2, 26)


def test_month_end_clamping() -> None:
    def months(anchor: date, n: int, direction: str = "after") -> date:
        return apply_offset(anchor, Offset(n, "months", direction)).date  # type: ignore[arg-type]

    assert months(date(2026, 1, 31), 1) == date(2026, 2, 28)  # Feb 2026 has 28 days
    assert months(date(2026, 3, 31), 1, "before") == date(2026, 2, 28)
    assert months(date(2026, 5, 31), 1) == date(2026, 6, 30)
    assert months(date(2026, 11, 30), 3) == date(2027, 2, 28)  # crosses the year
    assert months(date(2026, 1, 15), 1, "before") == date(2025, 12, 15)
    assert months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_leap_year_clamping() -> None:
    def years(anchor: date, n: int, direction: str = "after") -> date:
        return apply_offset(anchor, Offset(n, "years", direction)).date  # type: ignore[arg-type]

    assert years(date(2028, 2, 29), 1) == date(2029, 2, 28)  # 2029 is not a leap year
    assert years(date(2028, 2, 29), 4) == date(2032, 2, 29)  # 2032 is
    assert years(date(2028, 2, 29), 1, "before") == date(2027, 2, 28)
    # Jan 31 + 1 month in a leap year lands on Feb 29.
    assert apply_offset(date(2028, 1, 31), Offset(1, "months")).date == date(2028, 2, 29)


def test_calendar_units_are_never_estimates() -> None:
    far = official_calendar_last_year() + 5
    for unit in ("days", "months", "years"):
        assert not apply_offset(date(far, 6, 1), Offset(3, unit)).estimate  # type: ignore[arg-type]


# --- estimate flag -----------------------------------------------------------------


def test_official_calendar_last_year_matches_package_data() -> None:
    last = official_calendar_last_year()
    assert last >= 2026  # holidays 0.109 carries the State Council's 2026 notice
    # The latest make-up working day the package knows lies in that year.
    make_up_days = holidays.China(years=range(2001, last + 10)).weekend_workdays
    assert max(d.year for d in make_up_days) == last


def test_count_into_an_unannounced_year_is_an_estimate() -> None:
    last = official_calendar_last_year()
    assert wd(date(last, 12, 20), 20).estimate  # runs well into last + 1
    assert wd(date(last + 1, 3, 1), 5).estimate
    assert wd(date(last + 1, 3, 1), 5, "before").estimate
    # Examining only days of the official year is firm, even from an anchor after it:
    # Jan 1 of next year minus 1 working day is Dec 31 (a weekday, not a holiday, in 2026).
    assert wd(date(2027, 1, 1), 1, "before") == DatedResult(date(2026, 12, 31), estimate=False)


def test_count_inside_2026_is_not_an_estimate() -> None:
    assert not wd(date(2026, 2, 10), 20).estimate
    assert not wd(date(2026, 12, 1), 10).estimate


# --- errors and laziness -------------------------------------------------------------


def test_negative_amount_raises() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        apply_offset(date(2026, 1, 1), Offset(-1, "days"))


def test_unknown_unit_and_direction_raise() -> None:
    with pytest.raises(ValueError, match="unit 'weeks'"):
        apply_offset(date(2026, 1, 1), Offset(1, "weeks"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction 'around'"):
        apply_offset(date(2026, 1, 1), Offset(1, "days", "around"))  # type: ignore[arg-type]


def test_importing_module_does_not_import_holidays() -> None:
    # The CLI imports ssguide.core.dates at startup; `holidays` must load only when needed.
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    code = "import sys, ssguide.core.dates; assert 'holidays' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


# --- properties ----------------------------------------------------------------------

anchors = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@settings(deadline=None)
@given(day=st.dates(min_value=date(2001, 1, 1), max_value=date(2032, 12, 31)))
def test_classification_matches_package(day: date) -> None:
    assert is_china_working_day(day) == _REFERENCE.is_working_day(day)


@settings(deadline=None)
@given(anchor=anchors, n=counts)
def test_after_lands_on_nth_working_day(anchor: date, n: int) -> None:
    result = wd(anchor, n, "after").date
    assert result >= anchor
    if n > 0:
        assert is_china_working_day(result)
        assert count_working_days(anchor + timedelta(days=1), result) == n
    else:
        assert result == anchor


@settings(deadline=None)
@given(anchor=anchors, n=counts)
def test_before_lands_on_nth_working_day(anchor: date, n: int) -> None:
    result = wd(anchor, n, "before").date
    assert result <= anchor
    if n > 0:
        assert is_china_working_day(result)
        assert count_working_days(result, anchor - timedelta(days=1)) == n
    else:
        assert result == anchor


@settings(deadline=None)
@given(anchor=anchors, n=counts)
def test_after_then_before_round_trips_from_a_working_day(anchor: date, n: int) -> None:
    # From a working day, going n working days forward then n back returns to it.
    if not is_china_working_day(anchor):
        anchor = wd(anchor, 1).date
    assert wd(wd(anchor, n).date, n, "before").date == anchor
    assert wd(wd(anchor, n, "before").date, n).date == anchor

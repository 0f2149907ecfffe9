"""The shipped China calendar table says exactly what the `holidays` package says.

Working-day deadlines are counted from src/ssguide/core/china_calendar.py (generated
by scripts/china_calendar.py) so that a run need not import `holidays`, which
loads every country it knows. `holidays` stays the authority: if it and the
table ever disagree, regenerate the table.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import holidays

from support.cli import cli_env
from ssguide.core import china_calendar
from ssguide.core.dates import is_china_working_day

TABLE_YEARS = range(china_calendar.FIRST_YEAR, china_calendar.LAST_YEAR + 1)


def test_the_table_has_every_year_from_its_first_to_its_last() -> None:
    assert sorted(china_calendar.YEARS) == list(TABLE_YEARS)
    assert china_calendar.LAST_YEAR >= 2026  # holidays 0.109 carries the State Council's 2026 notice


def test_every_year_of_the_table_equals_the_holidays_package() -> None:
    for year in TABLE_YEARS:
        cal = holidays.China(years=year)
        days_off = " ".join(d.strftime("%m-%d") for d in sorted(d for d in cal if d.year == year))
        make_up = " ".join(d.strftime("%m-%d") for d in sorted(d for d in cal.weekend_workdays if d.year == year))
        assert china_calendar.YEARS[year] == (days_off, make_up), f"{year}: run scripts/china_calendar.py"


def test_every_day_of_the_tables_years_is_classified_as_holidays_classifies_it() -> None:
    reference = holidays.China(years=TABLE_YEARS)
    day, last = date(china_calendar.FIRST_YEAR, 1, 1), date(china_calendar.LAST_YEAR, 12, 31)
    while day <= last:
        assert is_china_working_day(day) == reference.is_working_day(day), day
        day += timedelta(days=1)


def test_the_year_before_and_after_the_table_come_from_holidays() -> None:
    for year in (china_calendar.FIRST_YEAR - 1, china_calendar.LAST_YEAR + 1):
        reference = holidays.China(years=year)
        for n in range(366):
            day = date(year, 1, 1) + timedelta(days=n)
            if day.year == year:
                assert is_china_working_day(day) == reference.is_working_day(day), day


COUNT_IN_TABLE = """
import sys
from datetime import date
from ssguide.core.dates import Offset, apply_offset
result = apply_offset(date(2026, 11, 2), Offset(20, "working_days"))
print(result.date, result.estimate, 'holidays' in sys.modules)
"""


def test_a_count_inside_the_table_does_not_import_holidays() -> None:
    out = subprocess.run([sys.executable, "-c", COUNT_IN_TABLE], env=cli_env(), capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2026-11-30", "False", "False"]

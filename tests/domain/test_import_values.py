"""Dates and salaries as people write them in spreadsheets."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobhunt_desktop.domain.entities import SalaryPeriod
from jobhunt_desktop.domain.import_values import (
    AmbiguousDatesError,
    DayOrder,
    Salary,
    as_day,
    day_order,
    parse_day,
    parse_salary,
)


@pytest.mark.parametrize(
    ("text", "order", "day"),
    [
        ("2026-03-02", None, date(2026, 3, 2)),
        ("2026-01-06T00:00:00.000Z", None, date(2026, 1, 6)),
        ("24/11/2026", DayOrder.DAY_FIRST, date(2026, 11, 24)),
        ("11/24/2026", DayOrder.MONTH_FIRST, date(2026, 11, 24)),
        ("02.03.2026", None, date(2026, 3, 2)),
        ("2 Mar 2026", None, date(2026, 3, 2)),
        ("2nd March 2026", None, date(2026, 3, 2)),
        ("Mar 2, 2026", None, date(2026, 3, 2)),
        ("11/24/26, 8:30 AM", DayOrder.MONTH_FIRST, date(2026, 11, 24)),
        ("46083", None, date(2026, 3, 2)),  # an Excel day number
        ("", None, None),
    ],
)
def test_dates_in_every_common_form(text: str, order: DayOrder | None, day: date | None) -> None:
    assert parse_day(text, order) == day


def test_impossible_and_unknown_dates_are_errors() -> None:
    with pytest.raises(ValueError, match="day is out of range"):
        parse_day("31.02.2026")
    with pytest.raises(ValueError, match="is not a date"):
        parse_day("next Tuesday")


def test_workbook_cells_are_days_already() -> None:
    assert as_day(datetime(2026, 3, 2, 10, 30)) == date(2026, 3, 2)
    assert as_day(46083) == date(2026, 3, 2)


def test_a_columns_order_is_decided_by_all_its_rows() -> None:
    assert day_order(["03/04/2026", "24/04/2026"]) is DayOrder.DAY_FIRST
    assert day_order(["03/04/2026", "04/24/2026"]) is DayOrder.MONTH_FIRST
    assert day_order(["11/3/26, 4:05 PM"]) is DayOrder.MONTH_FIRST  # LinkedIn's clock
    assert day_order(["2026-03-02"]) is None  # nothing to decide
    with pytest.raises(AmbiguousDatesError):
        day_order(["03/04/2026", "05/06/2026"])
    with pytest.raises(ValueError, match="both day/month orders"):
        day_order(["24/04/2026", "04/24/2026"])


@pytest.mark.parametrize(
    ("text", "salary"),
    [
        ("70k", Salary(70000, None, None, None)),
        ("70,000-85,000 EUR", Salary(70000, 85000, "EUR", None)),
        ("$120k/yr", Salary(120000, None, "USD", SalaryPeriod.YEAR)),
        ("70.000 €", Salary(70000, None, "EUR", None)),
        ("70 000 EUR", Salary(70000, None, "EUR", None)),
        ("£45,000\u2013£50,000", Salary(45000, 50000, "GBP", None)),
        ("45-50k", Salary(45000, 50000, None, None)),
        ("€4.500 per month", Salary(4500, None, "EUR", SalaryPeriod.MONTH)),
        ("35/hr", Salary(35, None, None, SalaryPeriod.HOUR)),
        ("1,5k", Salary(1500, None, None, None)),
        ("€70k + 10% bonus", Salary(70000, None, "EUR", None)),  # a bonus is not a range
        ("£40,000 pro rata (3 days)", Salary(40000, None, "GBP", None)),
        ("55k (Nokia level)", Salary(55000, None, None, None)),  # NOK only as a word
    ],
)
def test_salaries_as_written(text: str, salary: Salary) -> None:
    assert parse_salary(text) == salary


def test_a_salary_without_numbers_is_none() -> None:
    assert parse_salary("competitive") is None
    assert parse_salary("") is None

"""Reading the values people keep in spreadsheets: dates in every common order, and
salaries as they are written ("70k", "70.000 €", "£45,000-£50,000", "$120k/yr").

A column's day/month order is decided from all its rows together: one "24/11/2026"
settles it for the whole column; a column where every date could be read both ways
is ambiguous and the person is asked (LinkedIn's "11/24/26, 8:30 AM", with its
American clock, is read month first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from jobhunt_desktop.domain.entities import SalaryPeriod


class DayOrder(StrEnum):
    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"


class AmbiguousDatesError(ValueError):
    """Every date of the column reads both ways: the person must say which."""


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_SLASHED = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*([AaPp][Mm])?)?$"
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def day_order(values: Iterable[str]) -> DayOrder | None:
    """The order of a column's slashed dates: None when it has none; AmbiguousDatesError
    when none of them decides it; ValueError when they contradict each other."""
    seen_day_first = seen_month_first = american_clock = False
    slashed = False
    for value in values:
        match = _SLASHED.match(value.strip())
        if match is None:
            continue
        slashed = True
        first, second = int(match[1]), int(match[2])
        seen_day_first |= first > 12
        seen_month_first |= second > 12
        american_clock |= bool(match[5])
    if not slashed:
        return None
    if seen_day_first and seen_month_first:
        raise ValueError("the dates of this column are written in both day/month orders")
    if seen_day_first:
        return DayOrder.DAY_FIRST
    if seen_month_first or american_clock:
        return DayOrder.MONTH_FIRST
    raise AmbiguousDatesError("every date could be day/month or month/day")


def parse_day(text: str, order: DayOrder | None = None) -> date | None:
    """The day a cell holds; None for an empty cell. ValueError for text that is not
    a date, or names a day that does not exist (31/02/2026)."""
    value = text.strip()
    if not value:
        return None
    if match := _ISO.match(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _SLASHED.match(value):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        if order is None:
            raise AmbiguousDatesError(value)
        day, month = (first, second) if order is DayOrder.DAY_FIRST else (second, first)
        return date(year, month, day)
    if match := _DOTTED.match(value):
        return date(_year(match[3]), int(match[2]), int(match[1]))
    if match := _DAY_MONTH.match(value):
        return date(int(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_DAY.match(value):
        return date(int(match[3]), _month(match[1]), int(match[2]))
    if _SERIAL.match(value):
        return excel_day(float(value))
    raise ValueError(f"'{value}' is not a date")


def excel_day(serial: float) -> date:
    """A spreadsheet's day number (days since 30 Dec 1899, as Excel counts them)."""
    if not 1 <= serial < 2_958_466:
        raise ValueError(f"{serial} is not a spreadsheet day number")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def as_day(value: object, order: DayOrder | None = None) -> date | None:
    """A cell as read from a CSV (text) or a workbook (a date, a number or text)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_day(float(value))
    return parse_day(str(value), order)


def _month(name: str) -> int:
    number = _MONTHS.get(name.lower())
    if number is None:
        raise ValueError(f"'{name}' is not a month")
    return number


# --- money -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Salary:
    low: int | None
    high: int | None
    currency: str | None
    period: SalaryPeriod | None


_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_CODES = {
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "INR", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "SGD", "HKD", "CNY", "BRL", "MXN", "ZAR", "ILS", "KRW", "RON",
}  # fmt: skip
_PERIODS = (
    (
        re.compile(r"(/|per\s*|\b)(yr|year|annum|annual(ly)?|p\.?\s?a\.?)\b", re.I),
        SalaryPeriod.YEAR,
    ),
    (re.compile(r"(/|per\s*|\b)(mo|month|monthly)\b", re.I), SalaryPeriod.MONTH),
    (re.compile(r"(/|per\s*|\b)(d|day|daily)\b", re.I), SalaryPeriod.DAY),
    (re.compile(r"(/|per\s*|\b)(h|hr|hour|hourly)\b", re.I), SalaryPeriod.HOUR),
)
_NUMBER = re.compile(r"\d[\d.,\s\u00a0\u202f']*\d(?:\s*[kKmM])?|\d(?:\s*[kKmM])?")
_RANGE = re.compile("\\s*(?:-|\u2013|\u2014|to|bis)\\s*", re.I)  # hyphen, en and em dash


def parse_salary(text: str) -> Salary | None:
    """Low and high, currency and period of a salary as written; None when no number
    can be found in it (the text is kept on the card either way)."""
    value = text.strip()
    if not value:
        return None
    currency = next((code for sym, code in _SYMBOLS.items() if sym in value), None)
    if currency is None:
        codes = [w for w in re.findall(r"\b[A-Za-z]{3}\b", value) if w.upper() in _CODES]
        currency = codes[0].upper() if codes else None
    period = next((p for pattern, p in _PERIODS if pattern.search(value)), None)
    found = [(m, _amount(m.group())) for m in _NUMBER.finditer(value)]
    amounts = [(m, n) for m, n in found if n is not None]
    if not amounts:
        return None
    low, high = amounts[0][1], None
    if len(amounts) > 1:  # a range only when the two are joined as one: 70-85k, 45 to 50
        between = value[amounts[0][0].end() : amounts[1][0].start()]
        if _RANGE.fullmatch(re.sub(r"[^\w\s\u2013\u2014-]", "", between) or " "):
            high = amounts[1][1]
    if high is not None and low < 1000 <= high and _RANGE.search(value):
        low *= _scale(high)  # "45-50k": the k belongs to both
    if high is not None and high < low:
        low, high = high, low
    return Salary(round(low), None if high is None else round(high), currency, period)


def _scale(high: float) -> int:
    return 1_000_000 if high >= 1_000_000 else 1000


def _amount(token: str) -> float | None:
    text = re.sub(r"[\s\u00a0\u202f']", "", token)
    factor = 1
    if text[-1] in "kK":
        factor, text = 1000, text[:-1]
    elif text[-1] in "mM":
        factor, text = 1_000_000, text[:-1]
    if not text:
        return None
    text = _plain_number(text)
    try:
        return float(text) * factor
    except ValueError:
        return None


def _plain_number(text: str) -> str:
    """'70,000' and '70.000' are seventy thousand; '1,5' and '1.5' one and a half."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    for mark in (",", "."):
        if mark in text:
            groups = text.split(mark)
            if all(len(g) == 3 for g in groups[1:]):
                return text.replace(mark, "")
            return text.replace(mark, ".")
    return text

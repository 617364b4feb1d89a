"""Checks on what the user types, shared by the command line and the window."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from jobhunt_desktop.domain.entities import ClosedReason, SalaryPeriod, WorkMode, parse_priority
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import check_day, parse_date

# Ids are SQLite's (and PostgreSQL's bigint) 64-bit integers, from 1.
MAX_ID = 2**63 - 1


def id_in(text: str) -> int | None:
    """The id a reference such as "12" names (ASCII digits), or None when it is a name
    ("Take-home", "²") rather than an id. Whether such an id exists is the store's to say."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 30:
        return None
    return int(stripped)


def undecodable(text: str) -> bool:
    """Whether text holds bytes that were not UTF-8: Python keeps them from argv, files
    and pipes as lone surrogates, which could never be stored, shown or exported."""
    return any("\ud800" <= c <= "\udfff" for c in text)


TEXT_LIMITS = {
    "company": 200,
    "title": 300,
    "url": 2000,
    "location": 200,
    "salary_text": 300,
    "source": 200,
}
EDITABLE_FIELDS = (
    "company",
    "title",
    "url",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_text",
    "source",
    "priority",
    "tags",
    "notes",
    "description",
    "applied_on",
    "closed_reason",
)


def _clean_text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(text) > limit:
        raise UserError(f"{name.replace('_', ' ')} is too long ({len(text)} > {limit} characters)")
    return text


def _enum(kind: type[Any], name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return kind(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise UserError(
            f"'{value}' is not a valid {name.replace('_', ' ')}; use {allowed}"
        ) from None


# Far above any salary in any currency, far below SQLite's 64-bit integers.
MAX_AMOUNT = 10**12


def _amount(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).replace(",", "").replace("_", "").strip())
    except ValueError:
        raise UserError(f"{name.replace('_', ' ')} must be a whole number, not '{value}'") from None
    if number < 0:
        raise UserError(f"{name.replace('_', ' ')} cannot be negative")
    if number > MAX_AMOUNT:
        raise UserError(f"{name.replace('_', ' ')} is too large (at most {MAX_AMOUNT:,})")
    return number


def clean_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise and check application fields; raises UserError naming the first problem."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise UserError(f"'{name}' is not a field of an application")
        if name in ("company", "title"):
            text = _clean_text(name, value)
            if text is None:
                raise UserError(f"{name} cannot be empty")
            out[name] = text
        elif name == "url":
            text = _clean_text(name, value)
            if text is not None:
                parts = urlsplit(text if "://" in text else "https://" + text)
                if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
                    raise UserError(f"'{text}' is not a web address")
                text = parts.geturl()
            out[name] = text
        elif name in ("salary_min", "salary_max"):
            out[name] = _amount(name, value)
        elif name == "salary_currency":
            text = _clean_text(name, value)
            if text is not None and (len(text) != 3 or not text.isalpha()):
                raise UserError(f"'{text}' is not a currency code such as EUR or USD")
            out[name] = text.upper() if text else None
        elif name == "work_mode":
            out[name] = _enum(WorkMode, name, value)
        elif name == "salary_period":
            out[name] = _enum(SalaryPeriod, name, value)
        elif name == "closed_reason":
            out[name] = _enum(ClosedReason, name, value)
        elif name == "priority":
            out[name] = value if isinstance(value, int) else parse_priority(str(value))
        elif name == "tags":
            tags = [value] if isinstance(value, str) else list(value or [])
            out[name] = tuple(sorted({str(t).strip().lower() for t in tags if str(t).strip()}))
        elif name == "applied_on":
            if value is None or value == "":
                out[name] = None
            elif isinstance(value, date):
                out[name] = check_day(value)
            else:
                out[name] = parse_date(str(value))
        else:
            out[name] = None if value is None or str(value).strip() == "" else str(value)
    low, high = out.get("salary_min"), out.get("salary_max")
    if low is not None and high is not None and low > high:
        raise UserError("the minimum salary is above the maximum")
    return out

"""Local wall-clock arithmetic that stays right across DST changes.

Rules speak in local days ("2 business days after", "the next day at 9"), so they are
computed on the wall clock of the user's zone and only then turned into UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jobhunt_desktop.domain.errors import InvalidDateError, UserError

_zones: dict[str, ZoneInfo] = {}

# The calendar the app works in. The rules add days and months to the dates people
# type, and Python's calendar ends with the year 9999: a slip such as 9999-12-31
# would overflow them. A job hunt lives well inside these bounds.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


def zone(name: str) -> ZoneInfo:
    """A cached ZoneInfo; an unknown name is a user error, not a crash."""
    found = _zones.get(name)
    if found is None:
        try:
            found = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(f"'{name}' is not a known time zone (try Europe/Berlin)") from None
        _zones[name] = found
    return found


def zone_name(value: str) -> str:
    """A zone name as typed or stored, trimmed; UserError if it is not a known zone."""
    name = value.strip()
    zone(name)
    return name


def resolve_local(naive: datetime, zone_name: str) -> datetime:
    """The UTC instant of a wall-clock time; a time skipped by DST moves forward past
    the gap, and a repeated one takes its first occurrence."""
    # PEP 495: fold=0 reads a skipped time with the offset from before the gap, which
    # lands after the gap, and a repeated time as its first occurrence.
    return naive.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)


def local_problem(naive: datetime, zone_name: str) -> str | None:
    """Why a wall-clock time is not one instant in a zone: skipped or repeated by DST."""
    tz = zone(zone_name)
    early = naive.replace(tzinfo=tz, fold=0)
    late = naive.replace(tzinfo=tz, fold=1)
    if early.utcoffset() == late.utcoffset():
        return None
    back = early.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        return "does not exist there (the clocks skip it)"
    return "happens twice there (the clocks go back); add an offset such as +01:00"


def at_local(day: date, at: time, zone_name: str) -> datetime:
    """That day at that wall-clock time in the zone, as UTC."""
    return resolve_local(datetime.combine(day, at), zone_name)


def local_date(instant: datetime, zone_name: str) -> date:
    return instant.astimezone(zone(zone_name)).date()


def day_at(instant: datetime, days: int, at: time, zone_name: str) -> datetime:
    """`days` local days after the instant's day, at a wall-clock time, as UTC."""
    return at_local(local_date(instant, zone_name) + timedelta(days=days), at, zone_name)


def next_full_hour(now: datetime, zone_name: str) -> datetime:
    """The next o'clock on the local clock (a proposed interview start), as UTC."""
    local = now.astimezone(zone(zone_name)).replace(minute=0, second=0, microsecond=0)
    return resolve_local(local.replace(tzinfo=None) + timedelta(hours=1), zone_name)


def add_local_days(instant: datetime, days: int, zone_name: str) -> datetime:
    """Same wall-clock time `days` later: 14 days after 10:00 is 10:00, DST or not."""
    local = instant.astimezone(zone(zone_name)).replace(tzinfo=None)
    return resolve_local(local + timedelta(days=days), zone_name)


def add_business_days(day: date, count: int) -> date:
    """Monday to Friday count; no holiday calendar. Counting from a weekend starts Monday."""
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def end_of_local_day(instant: datetime, zone_name: str) -> datetime:
    """The last minute of the local day that holds the instant, as UTC."""
    return at_local(local_date(instant, zone_name), time(23, 59), zone_name)


def check_day(day: date, text: str | None = None) -> date:
    """`day` if it lies within the app's calendar, else an InvalidDateError."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        shown = text.strip() if text is not None else day.isoformat()
        raise InvalidDateError(
            f"'{shown}' is outside the dates the app works with "
            f"({EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()})"
        )
    return day


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDateError(f"'{text}' is not a date; use YYYY-MM-DD") from None
    return check_day(day, text)


def parse_datetime(text: str, zone_name: str, *, end_of_day: bool = False) -> datetime:
    """Read ISO-8601 as the user means it: no offset means their zone; a date alone
    means the start of that day (or its last minute with `end_of_day`).

    Times that DST skips or repeats are refused rather than guessed.
    """
    raw = text.strip()
    if not raw:
        raise InvalidDateError("an empty date was given")
    if len(raw) == 10:
        day = parse_date(raw)
        return at_local(day, time(23, 59) if end_of_day else time(0, 0), zone_name)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidDateError(
            f"'{text}' is not a date and time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    check_day(parsed.date(), text)
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    problem = local_problem(parsed, zone_name)
    if problem is not None:
        raise InvalidDateError(f"{raw} in {zone_name} {problem}")
    return resolve_local(parsed, zone_name)


def as_utc(value: datetime) -> datetime:
    """Databases often return naive datetimes; everything stored is UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def isoformat_local(instant: datetime, zone_name: str) -> str:
    """ISO-8601 with the offset of the user's zone at that instant."""
    return instant.astimezone(zone(zone_name)).isoformat(timespec="minutes")

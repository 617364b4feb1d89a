"""Which backup copies to keep: a pure decision, so it can be tested to the day.

The newest copy of each of the last 7 days, 4 weeks and 12 months is kept (the counts
are settings); a copy made before an operation (an import, a restore, an upgrade) is
also kept at least 7 days after it was made, whatever the rest says, and so is a copy
the user asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from jobhunt_desktop.domain.timeutil import local_date

# Why a copy was made; the copies made before an operation get the grace period.
DAILY = "daily"
MANUAL = "manual"
BEFORE_IMPORT = "before-import"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"
BEFORE = (BEFORE_IMPORT, BEFORE_RESTORE, BEFORE_UPGRADE)
REASONS = (DAILY, MANUAL, *BEFORE)
GRACED = (MANUAL, *BEFORE)  # kept at least `Policy.grace`


@dataclass(frozen=True, slots=True)
class Policy:
    days: int = 7
    weeks: int = 4
    months: int = 12
    grace: timedelta = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class BackupCopy:
    name: str
    made_at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A copy on disk, with what it holds."""

    path: Path
    made_at: datetime
    reason: str
    size: int
    cards: int | None  # None: the copy could not be read


def to_keep(
    copies: Sequence[BackupCopy], now: datetime, zone_name: str, policy: Policy = Policy()
) -> set[str]:
    """The names of the copies to keep; every other one may be deleted."""
    newest_first = sorted(copies, key=lambda c: c.made_at, reverse=True)
    today = local_date(now, zone_name)
    keep: set[str] = set()
    keep |= _newest_per(newest_first, zone_name, lambda d: d, _last(today, policy.days, 1))
    keep |= _newest_per(newest_first, zone_name, _week, _weeks(today, policy.weeks))
    keep |= _newest_per(newest_first, zone_name, _month, _months(today, policy.months))
    keep |= {c.name for c in copies if c.reason in GRACED and now - c.made_at < policy.grace}
    return keep


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month(day: date) -> date:
    return day.replace(day=1)


def _last(today: date, count: int, step: int) -> set[date]:
    return {today - timedelta(days=n * step) for n in range(count)}


def _weeks(today: date, count: int) -> set[date]:
    return {_week(today) - timedelta(weeks=n) for n in range(count)}


def _months(today: date, count: int) -> set[date]:
    months, year, month = set(), today.year, today.month
    for _ in range(count):
        months.add(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def _newest_per(
    newest_first: Iterable[BackupCopy],
    zone_name: str,
    bucket: Callable[[date], date],
    wanted: set[date],
) -> set[str]:
    """The newest copy of each wanted period (a day, a week's Monday, a month's 1st)."""
    seen: set[date] = set()
    kept: set[str] = set()
    for copy in newest_first:
        period = bucket(local_date(copy.made_at, zone_name))
        if period in wanted and period not in seen:
            seen.add(period)
            kept.add(copy.name)
    return kept

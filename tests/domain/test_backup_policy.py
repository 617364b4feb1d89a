"""Which backups are kept: days, weeks, months, and the grace of pre-operation copies."""

from __future__ import annotations

from datetime import datetime, timedelta

from jobhunt_desktop.domain.backup_policy import BackupCopy, Policy, to_keep
from jobhunt_desktop.domain.timeutil import parse_datetime

ZONE = "Europe/Berlin"
NOW = parse_datetime("2026-12-01T12:00", ZONE)


def daily(days_ago: float, reason: str = "daily") -> BackupCopy:
    made = NOW - timedelta(days=days_ago)
    return BackupCopy(f"{made:%Y%m%d-%H%M}-{reason}", made, reason)


def test_the_newest_of_each_of_the_last_seven_days_is_kept() -> None:
    copies = [daily(d) for d in range(10)] + [daily(0.2), daily(1.1)]
    kept = to_keep(copies, NOW, ZONE, Policy(days=7, weeks=0, months=0))
    assert daily(0).name in kept and daily(0.2).name not in kept  # one a day: the newest
    assert daily(6).name in kept and daily(7).name not in kept
    assert daily(1.1).name not in kept and len(kept) == 7


def test_a_year_of_daily_copies_keeps_days_weeks_and_months() -> None:
    copies = [daily(d) for d in range(365)]
    kept = to_keep(copies, NOW, ZONE)
    assert len(kept) <= 7 + 4 + 12
    assert daily(0).name in kept and daily(364).name not in kept
    months = {c.made_at.astimezone().strftime("%Y-%m") for c in copies if c.name in kept}
    assert len(months) == 12


def test_a_copy_made_before_an_operation_is_kept_a_week_at_least() -> None:
    before = daily(3.5, "before-import")
    old = daily(9, "before-restore")
    kept = to_keep([daily(d) for d in range(20)] + [before, old], NOW, ZONE, Policy(0, 0, 0))
    assert kept == {before.name}


def test_nothing_to_keep_from_nothing() -> None:
    assert to_keep([], NOW, ZONE) == set()
    moment = datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    assert to_keep([BackupCopy("x", moment, "manual")], NOW, ZONE) == {"x"}  # January 2026

"""Backups of the SQLite file: checked copies, private, listed, pruned by the policy."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.container import Services


def test_a_backup_is_a_private_checked_copy_listed_with_what_it_holds(
    services: Services, db: Database
) -> None:
    for name in ("Acme", "Globex"):
        services.applications.add(name, "Analyst")
    made = services.backups.backup()
    assert db.path is not None and made.path.parent == db.path.parent / "backups"
    assert stat.S_IMODE(os.stat(made.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(made.path.parent).st_mode) == 0o700
    assert (made.reason, made.cards) == ("manual", 2)
    [listed] = services.backups.backups()
    assert listed.path == made.path and listed.size == made.path.stat().st_size


def test_backups_are_kept_by_the_policy(services: Services, clock: FixedClock) -> None:
    for _ in range(12):  # one a day for twelve days
        services.backups.backup(reason="daily")
        clock.advance(timedelta(days=1))
    kept = services.backups.backups()
    assert len(kept) <= 7 + 4 + 12 and len(kept) < 12
    days = {b.made_at.date() for b in kept}
    assert clock.now().date() - timedelta(days=1) in days  # the newest is always kept


def test_a_backup_to_a_named_file_and_its_refusals(
    services: Services, db: Database, tmp_path: Path
) -> None:
    services.applications.add("Acme", "Analyst")
    out = tmp_path / "copy.sqlite3"
    made = services.backups.backup(out)
    assert made.path == out and made.cards == 1
    assert services.backups.backups() == []  # a named copy is not one of the kept ones
    assert db.path is not None
    with pytest.raises(UserError, match="database itself"):
        services.backups.backup(db.path)

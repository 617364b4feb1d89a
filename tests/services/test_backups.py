"""Backups of the SQLite file: checked copies, private, listed, pruned by the policy."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.container import Services
from tests.persistence.test_database import downgraded
from tests.recording_notifier import RecordingNotifier

pytestmark = pytest.mark.sqlite_only  # copies of the SQLite file; a server has its own tools


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


def test_the_daily_copy_is_made_once_a_day(services: Services, clock: FixedClock) -> None:
    services.applications.add("Acme", "Analyst")
    first = services.backups.daily_if_due()
    assert first is not None and first.reason == "daily"
    assert services.backups.daily_if_due() is None  # the same day: nothing more
    clock.advance(timedelta(hours=14))  # 23:00 in Berlin: still the same day
    assert services.backups.daily_if_due() is None
    clock.advance(timedelta(hours=2))  # past midnight
    assert services.backups.daily_if_due() is not None
    assert len(services.backups.backups()) == 2


def test_a_manual_copy_counts_as_the_days_copy(services: Services) -> None:
    services.backups.backup()
    assert services.backups.daily_if_due() is None


def test_a_restore_puts_the_copy_back_after_backing_up_what_was_there(
    services: Services, db: Database, clock: FixedClock
) -> None:
    kept = services.applications.add("Acme", "Analyst").id
    copy = services.backups.backup()
    clock.advance(timedelta(minutes=5))
    services.applications.add("Globex", "Engineer")
    services.applications.delete(kept)
    marker = services.changes.marker()
    seen = services.changes.version()

    restored = services.backups.restore(copy.path)

    assert [c.company for c in services.applications.board()] == ["Acme"]
    assert restored.cards == 1 and restored.changes.everything
    assert (restored.before.reason, restored.before.cards) == ("before-restore", 1)
    assert {b.reason for b in services.backups.backups()} == {"manual", "before-restore"}
    # Another process notices: the marker moved, and the log says "read it all".
    assert services.changes.marker() != marker
    found, _ = services.changes.since(seen)
    assert found.everything
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as con:  # still the same live file, in WAL
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_reminders_shown_since_the_backup_are_not_shown_again(
    services: Services, clock: FixedClock
) -> None:
    services.settings.set("r12_min_active", "1")
    services.applications.add("Acme", "Analyst", stage="Applied")
    copy = services.backups.backup()  # the status check is not yet shown here
    clock.advance(timedelta(days=8))
    inbox = RecordingNotifier()
    services.reminders.check(inbox, "window")
    assert len(inbox.shown) == 1

    services.backups.restore(copy.path)
    services.reminders.check(inbox, "window")
    assert len(inbox.shown) == 1  # not again


@pytest.mark.parametrize(
    ("ours", "make", "message"),
    [
        (False, lambda p: p.write_text("name,company\n"), "not a jobhunt-desktop database"),
        (False, lambda p: _other_program(p), "not a jobhunt-desktop database"),
        (True, lambda p: _newer(p), "newer version"),
        (False, lambda p: p.write_bytes(b""), "holds no jobhunt-desktop data"),
    ],
)
def test_a_restore_refuses_what_is_not_a_sound_backup_of_ours(
    services: Services,
    tmp_path: Path,
    ours: bool,
    make: Callable[[Path], object],
    message: str,
) -> None:
    services.applications.add("Acme", "Analyst")
    candidate = tmp_path / "candidate.sqlite3"
    if ours:
        services.backups.backup(candidate)
    make(candidate)
    with pytest.raises(UserError, match=message):
        services.backups.restore(candidate)
    assert [c.company for c in services.applications.board()] == ["Acme"]
    assert services.backups.backups() == []  # refused before anything was done


def test_a_damaged_backup_is_refused(services: Services, tmp_path: Path) -> None:
    services.applications.add("Acme", "Analyst")
    candidate = tmp_path / "candidate.sqlite3"
    services.backups.backup(candidate)
    data = bytearray(candidate.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 5)):
        data[offset] = 0xA5  # scribble over pages behind the header
    candidate.write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"candidate\.sqlite3' is damaged"):
        services.backups.restore(candidate)
    assert [c.company for c in services.applications.board()] == ["Acme"]


def test_a_backup_of_an_older_version_is_upgraded_as_it_is_restored(
    services: Services, db: Database, tmp_path: Path
) -> None:
    services.applications.add("Acme", "Analyst")
    old = tmp_path / "old.sqlite3"
    services.backups.backup(old)
    downgraded(old)
    services.applications.add("Globex", "Engineer")
    services.backups.restore(old)
    assert [c.company for c in services.applications.board()] == ["Acme"]
    assert db.path is not None and not list(db.path.parent.glob("old*backups*"))


def _other_program(path: Path) -> None:
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
        con.execute("PRAGMA application_id = 1234")
        con.commit()


def _newer(path: Path) -> None:
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()


def test_the_keeping_counts_are_settings(services: Services, clock: FixedClock) -> None:
    services.settings.set("backup_days", "2")
    services.settings.set("backup_weeks", "0")
    services.settings.set("backup_months", "0")
    for _ in range(5):
        services.backups.backup(reason="daily")
        clock.advance(timedelta(days=1))
    services.backups.backup(reason="daily")
    assert len(services.backups.backups()) == 2  # today's and yesterday's


def test_the_watcher_makes_the_days_copy_and_lives_on_when_it_fails(
    services: Services, clock: FixedClock, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobhunt_desktop.services.reminders import watch

    results: list[object] = []

    def sleep(seconds: float) -> None:
        clock.advance(timedelta(hours=16))  # into the next day after the first check

    def two_checks() -> None:
        results.clear()
        watch(
            services.reminders,
            RecordingNotifier(),
            should_stop=lambda: len(results) >= 2,
            sleep=sleep,
            on_result=results.append,
            chores=(services.backups.daily_if_due,),
        )

    two_checks()
    assert [b.reason for b in services.backups.backups()] == ["daily", "daily"]

    def full(_target: Path) -> None:
        raise UserError("the disk is full")

    monkeypatch.setattr(db, "backup_to", full)
    two_checks()
    assert len(results) == 2  # it went on checking


def test_a_restore_while_another_program_writes_waits_then_says_so(
    services: Services, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobhunt_desktop.domain.errors import StorageBusyError
    from jobhunt_desktop.persistence import restore

    monkeypatch.setattr(restore, "BUSY_TIMEOUT_MS", 300)
    services.applications.add("Acme", "Analyst")
    copy = services.backups.backup()
    services.applications.add("Globex", "Engineer")
    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageBusyError, match="in use by another program"):
            services.backups.restore(copy.path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert {c.company for c in services.applications.board()} == {"Acme", "Globex"}


def test_the_copy_into_the_live_file_gives_up_after_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobhunt_desktop.domain.errors import StorageBusyError
    from jobhunt_desktop.persistence import restore

    monkeypatch.setattr(restore, "BUSY_TIMEOUT_MS", 300)
    source, live = tmp_path / "source.sqlite3", tmp_path / "live.sqlite3"
    for path in (source, live):
        with closing(sqlite3.connect(path)) as con:
            con.execute("CREATE TABLE t (x)")
            con.commit()
    holder = sqlite3.connect(live, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            closing(sqlite3.connect(source)) as a,
            closing(sqlite3.connect(live, timeout=0.1, isolation_level=None)) as b,
            pytest.raises(StorageBusyError),
        ):
            restore._copy_in(a, b, str(live))
    finally:
        holder.execute("ROLLBACK")
        holder.close()

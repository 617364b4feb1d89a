"""Putting a backup back into the live SQLite file, in place.

The chosen copy is first copied to a private scratch file (upgraded there if an
older version made it), then written into the live database with SQLite's backup
API, which takes the database's exclusive lock for the copy and never replaces the
file under the processes that have it open. Before that, two things of the present
are carried into the scratch copy, so that nobody is told twice or left behind:

- the reminders already shown (their follow-ups keep their `notified_at`), and
- the change counter, which jumps past the present one with an "everything"
  entry, so that other processes read the whole board again.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

from jobhunt_desktop.persistence import storage_errors
from jobhunt_desktop.persistence.database import Database, open_database, sqlite_url
from jobhunt_desktop.persistence.sqlite_copies import copy_file
from jobhunt_desktop.persistence.sqlite_file import BUSY_TIMEOUT_MS


def restore_into(db: Database, copy: Path, scratch_folder: Path, needs_upgrade: bool) -> int:
    """Replace the contents of `db` with those of `copy` (vetted by `vet_copy`);
    returns the change number other processes will see as "everything"."""
    assert db.path is not None
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=scratch_folder)
    os.close(fd)  # only the name is wanted: the copy replaces the file
    scratch = Path(name)
    try:
        copy_file(copy, scratch)
        if needs_upgrade:
            open_database(sqlite_url(scratch), back_up_first=False).close()
        with storage_errors.translated(db.path, db.label), closing(_connect(db.path)) as live:
            shown, version = _present(live)
            with closing(_connect(scratch)) as source:
                number = _carry(source, shown, version)
                _copy_in(source, live, db.label)
    finally:
        scratch.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            scratch.with_name(scratch.name + suffix).unlink(missing_ok=True)
    db.engine.dispose()  # pooled connections start afresh on the restored pages
    return number


class _WaitedTooLongError(Exception):
    pass


def _copy_in(source: sqlite3.Connection, live: sqlite3.Connection, label: str) -> None:
    """The backup API into the live file, waiting for other writers no longer than
    the busy timeout (Python's loop would wait for ever)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000

    def waited(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _WaitedTooLongError

    try:
        source.backup(live, pages=-1, progress=waited, sleep=0.05)
    except _WaitedTooLongError:
        raise storage_errors.busy(label) from None


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)


def _present(live: sqlite3.Connection) -> tuple[list[tuple[str, str]], int]:
    """What was shown, and the last change number, read under the write lock. The
    lock is let go before the copy: a reminder shown in that moment is shown again."""
    live.execute("BEGIN IMMEDIATE")
    try:
        shown = [
            (str(key), str(at))
            for key, at in live.execute(
                "SELECT key, notified_at FROM followups WHERE notified_at IS NOT NULL"
            )
        ]
        version = int(
            live.execute("SELECT coalesce(max(version), 0) FROM change_log").fetchone()[0]
        )
    finally:
        live.execute("ROLLBACK")
    return shown, version


def _carry(source: sqlite3.Connection, shown: list[tuple[str, str]], version: int) -> int:
    source.execute("BEGIN IMMEDIATE")
    source.executemany(
        "UPDATE followups SET notified_at = :at, "
        "notify_at = CASE WHEN notify_at <= :at THEN NULL ELSE notify_at END "
        "WHERE key = :key AND (notified_at IS NULL OR notified_at < :at)",
        [{"key": key, "at": at} for key, at in shown],
    )
    last = int(source.execute("SELECT coalesce(max(version), 0) FROM change_log").fetchone()[0])
    number = max(last, version) + 1
    source.execute("INSERT INTO change_log (version, cards) VALUES (?, '*')", (number,))
    source.execute("COMMIT")
    return number

"""Errors the environment causes come out as StorageErrors, judged by the driver's code.

Each is produced for real where SQLite can be made to: a lock another connection
holds, a page limit that makes the disk "full", a damaged file. Only the I/O error is
made by hand (no test can safely break a drive), to show the code decides and the
text does not.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import (
    StorageBusyError,
    StorageDamagedError,
    StorageFullError,
    StorageIOError,
    StorageReadOnlyError,
    UserError,
)
from jobhunt_desktop.persistence import storage_errors
from jobhunt_desktop.persistence.database import Database, open_database, sqlite_url
from jobhunt_desktop.persistence.models import ApplicationRow
from jobhunt_desktop.services.container import Services
from tests.conftest import ZONE
from tests.full_disk import disk_full


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "jobs.sqlite3"


def card_count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ApplicationRow)) or 0)


def test_a_lock_held_too_long_is_busy_after_the_wait_and_a_retry_then_works(
    quick_db: Database, path: Path, clock: FixedClock
) -> None:
    services = Services.create(quick_db, clock, ZONE)
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        started = time.monotonic()
        with pytest.raises(StorageBusyError) as caught:
            services.applications.add("Acme", "Analyst")
        waited = time.monotonic() - started
        other.execute("COMMIT")
    assert 0.25 <= waited < 2.0
    message = str(caught.value)
    assert str(path) in message and "try again" in message
    assert caught.value.retry_may_help and caught.value.location == str(path)
    assert isinstance(caught.value, UserError)  # every face already shows these
    assert card_count(quick_db) == 0
    services.applications.add("Acme", "Analyst")  # the retry
    assert card_count(quick_db) == 1


@pytest.mark.sqlite_only  # fills the disk under the file
def test_a_full_disk_rolls_back_the_whole_change_and_says_so(
    db: Database, clock: FixedClock
) -> None:
    services = Services.create(db, clock, ZONE)
    services.applications.add("Acme", "Analyst")
    with disk_full(Path(db.label), db.engine), pytest.raises(StorageFullError) as caught:
        services.applications.add("Globex", "Engineer", notes="n" * 400_000)
    message = str(caught.value)
    assert db.label in message and "no room" in message and "Nothing was changed" in message
    assert card_count(db) == 1
    assert [row.company for row in services.applications.board()] == ["Acme"]


def test_a_file_damaged_while_open_is_reported_as_damaged(path: Path) -> None:
    database = open_database(sqlite_url(path))
    with database.write() as session:
        session.connection().exec_driver_sql("CREATE TABLE filler (x TEXT)")
        for _ in range(200):
            session.connection().exec_driver_sql("INSERT INTO filler VALUES (randomblob(2000))")
    database.close()  # checkpointed: every page is in the main file
    with closing(sqlite3.connect(path)) as con:
        root_page = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'filler'"
        ).fetchone()[0]
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    # Damaged after the app opened it (a failing disk, a sync tool writing over it).
    database = open_database(sqlite_url(path))
    with open(path, "r+b") as raw:
        raw.seek((root_page - 1) * page_size)
        raw.write(b"\x5a" * page_size)  # the table's root page
    try:
        with pytest.raises(StorageDamagedError) as caught, database.read() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM filler").all()
    finally:
        database.close()
    assert f"'{path}' is damaged" in str(caught.value) and "backup" in str(caught.value)


def sqlite_error(kind: type[sqlite3.Error], text: str, code: int) -> sqlite3.Error:
    error = kind(text)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "expected", "words"),
    [
        (5, StorageBusyError, "in use by another program"),  # SQLITE_BUSY
        (5 | (2 << 8), StorageBusyError, "in use"),  # SQLITE_BUSY_SNAPSHOT
        (15, StorageBusyError, "in use"),  # SQLITE_PROTOCOL: a lock race
        (13, StorageFullError, "no room left"),  # SQLITE_FULL
        (8, StorageReadOnlyError, "no write access"),  # SQLITE_READONLY
        (8 | (6 << 8), StorageReadOnlyError, "no write access"),  # SQLITE_READONLY_DIRECTORY
        (3, StorageReadOnlyError, "no write access"),  # SQLITE_PERM
        (8 | (4 << 8), StorageIOError, "moved or deleted"),  # SQLITE_READONLY_DBMOVED
        (7, StorageIOError, "out of memory"),  # SQLITE_NOMEM
        (10 | (12 << 8), StorageIOError, "out of memory"),  # SQLITE_IOERR_NOMEM
        (10 | (3 << 8), StorageIOError, "input/output error"),  # SQLITE_IOERR_WRITE
        (10 | (13 << 8), StorageIOError, "input/output error"),  # SQLITE_IOERR_FSYNC
        (14, StorageIOError, "could not be opened"),  # SQLITE_CANTOPEN, folder writable
        (11, StorageDamagedError, "is damaged"),  # SQLITE_CORRUPT
        (26, StorageDamagedError, "is damaged"),  # SQLITE_NOTADB
    ],
)
def test_the_error_code_decides_the_kind(
    tmp_path: Path, code: int, expected: type[Exception], words: str
) -> None:
    error = sqlite_error(sqlite3.OperationalError, "some words", code)
    found = storage_errors.from_sqlite(error, tmp_path / "j.sqlite3", "the file")
    assert isinstance(found, expected)
    assert str(found).startswith("'the file' ") and words in str(found)


def test_a_file_that_cannot_be_opened_because_its_folder_went_says_so(tmp_path: Path) -> None:
    error = sqlite_error(sqlite3.OperationalError, "unable to open database file", 14)
    found = storage_errors.from_sqlite(error, tmp_path / "gone" / "j.sqlite3", "the file")
    assert isinstance(found, StorageIOError)
    assert f"its folder '{tmp_path / 'gone'}' is not there any more" in str(found)


def test_a_bug_stays_a_bug_whatever_its_message_says(tmp_path: Path) -> None:
    # SQLITE_ERROR (1), SQLITE_LOCKED (6: a conflict inside one connection) and
    # SQLITE_CONSTRAINT (19) are mistakes in the program.
    for code in (1, 6, 19):
        error = sqlite_error(sqlite3.OperationalError, "database is locked", code)
        assert storage_errors.from_sqlite(error, tmp_path / "j.sqlite3", "x") is None
    no_code = sqlite3.OperationalError("disk I/O error")
    assert storage_errors.from_sqlite(no_code, tmp_path / "j.sqlite3", "x") is None

"""What a jobhunt-desktop SQLite file is and where it lives, with the standard library only.

Kept apart from `database` (which needs SQLAlchemy) so that start-up can find and
read the file before the ORM is loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

APP_NAME = "jobhunt-desktop"
DATABASE_FILE_NAME = "jobhunt.sqlite3"
ENV_DB = "JOBHUNT_DB"
# The newest revision in the migrations folder (a test keeps them equal). Opening a
# file already at this revision needs no Alembic at all, which keeps start-up quick.
SCHEMA_HEAD = "0010"
BUSY_TIMEOUT_MS = 10_000
# Stored in the SQLite header ("JHDT") so that a SQLite file of another program that
# happens to use Alembic too is not mistaken for ours.
APPLICATION_ID = 0x4A484454
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_database_path() -> Path:
    """Where the database lives unless the user says otherwise."""
    import platformdirs  # only when no path is given: start-up imports stay few

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DATABASE_FILE_NAME


def wal_mode(header: bytes) -> bool:
    """Bytes 18 and 19 of the header are 2 in a WAL-mode file."""
    return len(header) >= 20 and header[18] == 2 and header[19] == 2


def connect_read_only(path: Path, header: bytes) -> sqlite3.Connection:
    """Open without any chance of writing, and without leaving -wal/-shm files behind.

    A read-only connection to a WAL file creates -wal and -shm files it cannot remove.
    If neither exists, no other process has the file open, so `immutable=1` (no
    locks, no WAL) reads it as it is; otherwise `mode=ro` shares the other readers'
    WAL index and sees their latest commits.
    """
    siblings_exist = any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))
    mode = "immutable=1" if wal_mode(header) and not siblings_exist else "mode=ro"
    return sqlite3.connect(
        f"{path.as_uri()}?{mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
    )

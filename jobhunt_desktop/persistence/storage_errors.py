"""Sorting the driver's errors into the ones the environment causes and the bugs.

After qutebrowser's `misc/sql.py`: an error is judged by the driver's error code,
never by its message text (which changes between versions and languages). What the
environment causes (a lock held too long, a full disk, a read-only folder, a failing
drive, a damaged file) becomes a `StorageError` with a message a person can act on;
anything else (a constraint, a syntax error) is a bug and goes on as it was.

A server's SQLSTATE classes map onto the same family (`server_errors`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from jobhunt_desktop.domain.errors import (
    StorageBusyError,
    StorageDamagedError,
    StorageError,
    StorageFullError,
    StorageIOError,
    StorageOutcomeUnknownError,
    StorageReadOnlyError,
)
from jobhunt_desktop.persistence import server_errors

# SQLite's primary result codes (the low byte of an extended code), from sqlite3.h.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_NOTADB = 26
# Extended codes that mean something else than their primary code suggests.
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
SQLITE_IOERR_NOMEM = SQLITE_IOERR | (12 << 8)

DRIVE_TROUBLE = "a disconnected drive or a failing disk, for example"

NOTHING_CHANGED = "Nothing was changed"


def busy(label: str) -> StorageBusyError:
    return StorageBusyError(
        f"'{label}' is in use by another program (another window, the reminder watcher "
        f"or a command) and did not become free in time. {NOTHING_CHANGED}; try again "
        "in a moment.",
        label,
    )


def full(label: str) -> StorageFullError:
    return StorageFullError(
        f"'{label}' could not be saved: the disk has no room left. {NOTHING_CHANGED}; "
        "free some space on that disk (and in the system's temporary folder) and try again.",
        label,
    )


def read_only(label: str, folder: Path | None) -> StorageReadOnlyError:
    where = f" or to its folder '{folder}'" if folder is not None else ""
    return StorageReadOnlyError(
        f"'{label}' cannot be opened for writing: you have no write access to the "
        f"file{where} (the app keeps two small files beside it, even to read it). "
        f"{NOTHING_CHANGED}; make the file and its folder writable for your user, or "
        "copy the file into a folder of yours and open the copy with --db.",
        label,
    )


def io_error(label: str, cause: str = DRIVE_TROUBLE) -> StorageIOError:
    return StorageIOError(
        f"'{label}' could not be read or written: the system reported an input/output "
        f"error ({cause}). {NOTHING_CHANGED}; check the drive and try again, and copy "
        "the file somewhere safe if you can.",
        label,
    )


def cannot_open(label: str) -> StorageIOError:
    return StorageIOError(
        f"'{label}' could not be opened: the system would not open it (it may be missing "
        f"or not a regular file). {NOTHING_CHANGED}; check the path and try again.",
        label,
    )


def out_of_memory(label: str) -> StorageIOError:
    return StorageIOError(
        f"'{label}' could not be used: the computer ran out of memory. {NOTHING_CHANGED}; "
        "close some programs and try again.",
        label,
    )


def gone(label: str) -> StorageIOError:
    return StorageIOError(
        f"'{label}' was moved or deleted while the app had it open. {NOTHING_CHANGED}; "
        "put the file back, or close the app and open it again on the file's new place.",
        label,
    )


def outcome_unknown(label: str) -> StorageOutcomeUnknownError:
    return StorageOutcomeUnknownError(
        f"The connection to '{label}' broke while a change was being saved, so it may or "
        "may not have been saved. Look at the board (it shows what was saved) before "
        "doing it again.",
        label,
    )


def damaged(label: str, detail: str) -> StorageDamagedError:
    first_line = detail.splitlines()[0] if detail else "no detail"
    return StorageDamagedError(
        f"'{label}' is damaged ({first_line}); it was left untouched. To go back to a "
        "backup, close the app and copy one from the backups folder beside it in its place.",
        label,
    )


def from_sqlite(error: sqlite3.Error, path: Path | None, label: str) -> StorageError | None:
    """The storage error a SQLite error code means, or None for a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    folder = path.parent if path is not None else None
    if code == SQLITE_READONLY_DBMOVED:
        return gone(label)
    if code == SQLITE_IOERR_NOMEM or primary == SQLITE_NOMEM:
        return out_of_memory(label)
    # SQLITE_LOCKED is not here: it is a conflict within one connection, which is a bug.
    if primary in (SQLITE_BUSY, SQLITE_PROTOCOL):
        return busy(label)
    if primary == SQLITE_FULL:
        return full(label)
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return read_only(label, folder)
    if primary == SQLITE_CANTOPEN:
        if folder is not None and not folder.is_dir():
            return io_error(label, f"its folder '{folder}' is not there any more")
        if path is not None and not _writable(path):
            return read_only(label, folder)
        return cannot_open(label)
    if primary == SQLITE_IOERR:
        return io_error(label)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(label, f"SQLite: {error}")
    return None


def _writable(path: Path) -> bool:
    """Whether this user may write the file and create files beside it."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def classify(error: BaseException, path: Path | None, label: str) -> StorageError | None:
    """The storage error behind any exception (SQLAlchemy's wrapper or the driver's own),
    or None when it is no driver error or a bug. A server's driver error carries its
    SQLSTATE; one without (the connection failed, or broke) means the server is out of
    reach."""
    wrapper = error if isinstance(error, DBAPIError) else None
    if wrapper is not None:
        error = wrapper.orig  # type: ignore[assignment]
    if isinstance(error, sqlite3.Error):
        return from_sqlite(error, path, label)
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        return server_errors.from_sqlstate(sqlstate, label)
    if wrapper is not None and wrapper.connection_invalidated:
        return server_errors.unreachable(label)
    if isinstance(wrapper, OperationalError):
        return server_errors.refused_at_connect(error, label)
    return None


@contextmanager
def translated(path: Path | None, label: str) -> Iterator[None]:
    """Raise what the environment caused as a StorageError; let bugs pass unchanged."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        storage = classify(exc, path, label)
        if storage is None:
            raise
        raise storage from exc

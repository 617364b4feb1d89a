"""Checked copies of a SQLite file, made with SQLite's online backup API.

One way to write a copy, whatever it is for (a daily backup, one before an upgrade,
an import or a restore, or a file the user named): into a private temporary file
beside the target, checked with `PRAGMA integrity_check`, fsync'd, then renamed into
place, so that a copy that exists is whole. The source is read through a connection
of its own, so the copy can be made from any thread while others keep writing.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from jobhunt_desktop.domain.backup_policy import BEFORE_UPGRADE
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.backup_files import folder_for, new_path
from jobhunt_desktop.persistence.sqlite_file import BUSY_TIMEOUT_MS


class DatabaseError(UserError):
    """The database cannot be opened or used as asked; the message names the file."""


def copy_file(path: Path, target: Path) -> None:
    """A consistent copy of the database at `path`, as of one moment, to `target`."""
    try:
        source = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise DatabaseError(f"'{path}' could not be read for a backup ({exc})") from exc
    with closing(source):
        copy_connection(source, target)


def copy_connection(source: sqlite3.Connection, target: Path) -> None:
    """Online-backup `source` into a private temporary file, check it, fsync, rename."""
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )  # created 0600
    except OSError as exc:
        raise DatabaseError(f"the backup '{target}' could not be written ({exc.strerror})") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        with closing(sqlite3.connect(temp, isolation_level=None)) as dest:
            source.backup(dest)
            # A single self-contained file: no -wal beside it to lose or mismatch.
            dest.execute("PRAGMA journal_mode=DELETE").close()
            check = [str(row[0]) for row in dest.execute("PRAGMA integrity_check(1)")]
        if check != ["ok"]:
            raise DatabaseError(f"the backup '{target}' failed its integrity check ({check[0]})")
        fsync_file(temp)
        os.replace(temp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        raise DatabaseError(f"the backup '{target}' could not be written ({exc.strerror})") from exc
    except sqlite3.Error as exc:
        raise DatabaseError(f"the backup '{target}' could not be written ({exc})") from exc
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + "-journal").unlink(missing_ok=True)


def before_upgrade(path: Path) -> Path:
    """The copy made while an upgrade holds the write lock, so it is exactly what is
    about to be upgraded; kept in the backups folder like every other copy."""
    target = new_path(folder_for(path), datetime.now(UTC), BEFORE_UPGRADE)
    copy_file(path, target)
    return target


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable; folders cannot be opened for fsync on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

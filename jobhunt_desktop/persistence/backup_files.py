"""Where backup copies of a SQLite database live and what their names say.

Beside the database, in a private `backups` folder: `jobhunt-YYYYmmdd-HHMMSSZ-REASON
.sqlite3`, the time in UTC, so that the names sort by age and say why each was made.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from jobhunt_desktop.domain.backup_policy import REASONS, BackupCopy, BackupFile
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.persistence.private_files import make_private_folders

FOLDER = "backups"
_NAME = re.compile(r"^jobhunt-(\d{8}-\d{6})Z-([a-z-]+)(?:-(\d+))?\.sqlite3$")


def folder_for(database: Path) -> Path:
    folder = database.parent / FOLDER
    make_private_folders(folder)
    return folder


def new_path(folder: Path, now: datetime, reason: str) -> Path:
    """A name not yet taken for a copy made now for `reason`."""
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"jobhunt-{stamp}Z-{reason}.sqlite3"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"jobhunt-{stamp}Z-{reason}-{counter}.sqlite3"
    return path


def _named(folder: Path) -> list[tuple[Path, datetime, str]]:
    """Each copy's file, when it was made and why, from its name alone (cheap); files
    of other names are left alone."""
    found = []
    for path in folder.glob("jobhunt-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match is not None and match[2] in REASONS:
            made = datetime.strptime(match[1], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append((path, made, match[2]))
    return found


def made_days(folder: Path, zone_name: str) -> set[date]:
    """The local days on which copies were made."""
    return {local_date(made, zone_name) for _, made, _ in _named(folder)}


def copies(folder: Path) -> list[BackupCopy]:
    """What the keeping policy needs of each copy: no file is opened."""
    return [BackupCopy(path.name, made, reason) for path, made, reason in _named(folder)]


def listed(folder: Path) -> list[BackupFile]:
    """The copies in the folder with what each holds, newest first."""
    found = [described(path, made, reason) for path, made, reason in _named(folder)]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def described(path: Path, made: datetime, reason: str) -> BackupFile:
    return BackupFile(path, made, reason, path.stat().st_size, card_count(path))


def card_count(path: Path) -> int | None:
    """How many cards a copy holds, read without changing it (None: unreadable)."""
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as con:
            return int(con.execute("SELECT count(*) FROM applications").fetchone()[0])
    except sqlite3.Error:
        return None

"""The warning about a database in a synced or network folder, given once per path.

Which places are unsafe is decided in `domain.shared_folders`; this reads the mount
table and remembers, in a small file in the user's state folder, the paths already
warned about, so the window, the command line and the watcher say it once between
them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jobhunt_desktop.domain.shared_folders import (
    Mount,
    parse_mounts,
    shared_folder_risk,
    warning_text,
)
from jobhunt_desktop.persistence.sqlite_file import APP_NAME

MOUNT_TABLE = Path("/proc/self/mounts")  # Linux; elsewhere only names are known
WARNED_FILE = "shared-folder-warnings.txt"


def mount_table(source: Path = MOUNT_TABLE) -> list[Mount]:
    try:
        return parse_mounts(source.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def state_folder() -> Path:
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def warning_once(
    database: Path,
    mounts: list[Mount] | None = None,
    folder: Path | None = None,
    remember: bool = True,
) -> str | None:
    """The warning for `database` the first time it is asked for that path; None after,
    or when the place is safe. The path is checked as given and with its links followed
    (a folder linked into Dropbox is synced all the same). A state file that cannot be
    written means the warning may come again, never that it is lost; `remember=False`
    (a watcher whose output nobody reads) leaves it for a face that is seen."""
    path = str(database.expanduser().absolute())
    table = mount_table() if mounts is None else mounts
    where = shared_folder_risk(path, table) or shared_folder_risk(os.path.realpath(path), table)
    if where is None:
        return None
    record = (folder or state_folder()) / WARNED_FILE
    try:  # surrogateescape: a path that is not UTF-8 is kept as the bytes it is
        warned = set(record.read_text("utf-8", "surrogateescape").splitlines())
    except (OSError, ValueError):
        warned = set()
    if path in warned:
        return None
    if remember:
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            with record.open("a", encoding="utf-8", errors="surrogateescape") as out:
                out.write(path + "\n")
        except (OSError, ValueError) as error:
            logging.getLogger(__name__).warning("cannot remember the warning: %s", error)
    return warning_text(path, where)

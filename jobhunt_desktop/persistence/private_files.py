"""Files the app writes beside its database: private whatever the umask.

A job hunt's records, logs and login entries are nobody else's business, and a login
entry another user could change would run their command as you. So every folder the
app creates is 0700 and every file it writes is 0600, set explicitly rather than left
to the umask (which only ever removes bits, and may remove none). Folders that
already exist (the user's config folder, say) are left as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parents 0700, outermost first; raises OSError."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # another process made it in the meantime
        os.chmod(each, FOLDER_MODE)  # mkdir's mode is reduced by the umask


def write_private_bytes(path: Path, data: bytes, *, create_folders: bool = True) -> None:
    """Replace `path` with `data` atomically: a 0600 temporary file, synced, renamed.
    Missing folders are created 0700 unless `create_folders` is False."""
    import tempfile

    if create_folders:
        make_private_folders(path.parent)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            make_private(out.fileno())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def ensure_private_file(path: Path) -> None:
    """Create `path` empty and 0600 (its folders 0700) if missing, or make it 0600.

    For files another library writes: Qt's QSettings, for one, keeps the mode of a file
    that exists and otherwise creates it 0666 minus the umask.
    """
    os.close(open_private_for_append(path))


def open_private_for_append(path: Path) -> int:
    """A file descriptor appending to `path`, created 0600 (and its folder 0700) if new."""
    make_private_folders(path.parent)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        make_private(fd)
    except OSError:
        os.close(fd)
        raise
    return fd


def make_private(fd: int) -> None:
    """Set an open file's mode to 0600."""
    if hasattr(os, "fchmod"):  # not on Windows, where files are private to the user already
        os.fchmod(fd, FILE_MODE)

"""Files a person asks the app to write (a draft saved as .eml; exports later).

Written whole or not at all (a temporary file, synced, then renamed) and private to
the user (0600) whatever the umask: a draft to an employer is nobody else's to read.
"""

from __future__ import annotations

from pathlib import Path

from jobhunt_desktop.persistence.private_files import write_private_bytes


def save_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in a folder that exists (the person chose it); raises
    OSError as the system reports it."""
    write_private_bytes(path, data, create_folders=False)

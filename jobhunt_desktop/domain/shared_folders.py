"""Whether a database file sits where SQLite cannot keep it safe.

SQLite's locks hold on one computer's own disk. A folder a sync client copies
(Dropbox, OneDrive, Google Drive, iCloud Drive) may upload the file half written, or
bring back another computer's copy over this one; a network or FUSE mount may not lock
at all. Either can damage the file or lose changes, so the app warns, once per path,
and points to what the README says about several computers.

Pure: the path and the mount table come in as text (`parse_mounts` reads Linux's
/proc/self/mounts), so every case is a test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# fstypes of mounts that are another machine's disk, or a program's (FUSE)
NETWORK_KINDS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "9p", "ncpfs", "ceph", "glusterfs"}
)
LOCAL_FUSE = frozenset({"fuseblk"})  # a local disk through FUSE (NTFS, exFAT)


# macOS keeps every sync client's folder in ~/Library/CloudStorage/<Provider>-<account>
CLOUD_STORAGE = {
    "googledrive": "Google Drive",
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "box": "Box",
    "icloud": "iCloud Drive",
}


class Mount(NamedTuple):
    point: str
    kind: str


def parse_mounts(text: str) -> list[Mount]:
    """/proc/self/mounts: device, mount point, type, ...; spaces in a point are \\040."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1])
            found.append(Mount(point, parts[2]))
    return found


def _parts(path: str) -> list[str]:
    return [p for p in re.split(r"[\\/]+", path) if p]


def _sync_client(parts: Sequence[str]) -> str | None:
    lowered = [p.casefold() for p in parts]
    for i, part in enumerate(lowered):
        if part == "dropbox" or part.startswith("dropbox ("):
            return "Dropbox"
        if part == "onedrive" or part.startswith(("onedrive - ", "onedrive-")):
            return "OneDrive"
        if part in ("google drive", "googledrive", "my drive") or part.startswith("googledrive-"):
            return "Google Drive"
        if part in ("icloud drive", "icloud~com~apple~clouddocs", "com~apple~clouddocs"):
            return "iCloud Drive"
        in_library = i > 0 and lowered[i - 1] == "library"
        if part == "mobile documents" and in_library:
            return "iCloud Drive"
        if part == "cloudstorage" and in_library and i + 2 < len(lowered):  # macOS
            provider = parts[i + 1].split("-")[0]
            return CLOUD_STORAGE.get(provider.casefold(), provider or "cloud storage")
    return None


def _mount_of(path: str, mounts: Sequence[Mount]) -> Mount | None:
    """The mount holding `path`: the longest mount point it lies under; of two on one
    point (an automount, then the share over it), the later one is what is seen."""
    best: Mount | None = None
    best_length = -1
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = path == point or path.startswith(point if point == "/" else point + "/")
        if inside and len(point) >= best_length:
            best, best_length = mount, len(point)
    return best


def shared_folder_risk(path: str, mounts: Sequence[Mount] = ()) -> str | None:
    """Where `path` (absolute) is, when it is a place SQLite is not safe in, in words
    ("a Dropbox folder", "a network drive (nfs4)"); None on a local disk."""
    if path.startswith(("\\\\", "//")):
        return "a network drive"
    client = _sync_client(_parts(path))
    if client is not None:
        article = "an" if client[:1] in "AEIUi" else "a"  # OneDrive is said "won"
        return f"{article} {client} folder"
    mount = _mount_of(path, mounts)
    if mount is None:
        return None
    kind = mount.kind.casefold()
    if kind in NETWORK_KINDS:
        return f"a network drive ({mount.kind})"
    if (kind == "fuse" or kind.startswith("fuse.")) and kind not in LOCAL_FUSE:
        return f"a FUSE mount ({mount.kind})"
    return None


def warning_text(path: str, where: str) -> str:
    return (
        f"The database {path} is in {where}. SQLite keeps a file safe only on this "
        "computer's own disk: a sync client or a network drive can copy it half written "
        "or bring back an older copy, and changes are lost. Keep the file on a local "
        "disk (and back it up there); for the same cards on several computers, see "
        "'Several computers' in the README."
    )

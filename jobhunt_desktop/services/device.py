"""This computer's name for itself on a shared database: made once, kept in the user's
state folder, and the same for the window and the watcher here, so that they show a
reminder once between them and other computers show it once each.

A random name rather than the host name: two computers may share a host name, and
a renamed computer stays the same device. If the file cannot be written, the host
name stands in (reminders may then show twice on two computers named alike)."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from jobhunt_desktop.persistence.private_files import write_private_bytes
from jobhunt_desktop.services.shared_folders import state_folder

DEVICE_FILE = "device"


def this_device(folder: Path | None = None) -> str:
    path = (folder or state_folder()) / DEVICE_FILE
    try:
        name = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        name = ""
    if name:
        return name[:64]
    name = f"{socket.gethostname()[:20]}-{uuid.uuid4().hex[:16]}"
    try:
        write_private_bytes(path, name.encode("ascii", "replace") + b"\n")
    except OSError:
        return f"host:{socket.gethostname()[:58]}"
    return name

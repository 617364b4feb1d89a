"""Running a command as an unprivileged user, so that file modes mean something.

A root process ignores file modes: a test of a read-only folder run as root proves
nothing. When the suite runs as root (as CI does) the command runs as the user
`nobody` (uid 65534) with every capability dropped but one: reading and searching any
folder (CAP_DAC_READ_SEARCH), without which it could not reach the Python interpreter
and the installed packages under /root. Writing, changing modes and owning files are
as for any ordinary user. Run by an ordinary user, commands run as that user.

So these commands prove what a user cannot write, not what they cannot read: a test of
read denial would pass as root for the wrong reason and must not use this.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

UID = 65534
GID = 65534


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def prefix() -> list[str]:
    """What to put before a command so that it runs unprivileged."""
    if not running_as_root():
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:  # util-linux ships it on every Debian system
        pytest.fail("setpriv (util-linux) is needed to run a test unprivileged as root")
    caps = "-all,+dac_read_search"
    return [
        setpriv,
        f"--reuid={UID}",
        f"--regid={GID}",
        "--clear-groups",
        f"--inh-caps={caps}",
        f"--ambient-caps={caps}",
        f"--bounding-set={caps}",
    ]


def give_away(paths: Sequence[Path]) -> None:
    """Make the unprivileged user own these files and folders (when run as root)."""
    if running_as_root():
        for path in paths:
            os.chown(path, UID, GID)

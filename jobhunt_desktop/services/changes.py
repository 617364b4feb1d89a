"""Noticing what other processes wrote: the cheap marker to poll, and the log to read."""

from __future__ import annotations

from collections.abc import Collection

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.persistence import change_log
from jobhunt_desktop.services.base import Service


class ChangeService(Service):
    def marker(self) -> int:
        """Moves when anyone commits; reading it touches no table on SQLite."""
        return self.db.change_marker()

    def version(self) -> int:
        """The change counter now."""
        with self.db.read() as session:
            return change_log.current_version(session)

    def since(self, version: int, own: Collection[int] = ()) -> tuple[Changes, int]:
        """What others changed after `version` (leaving out `own`), and the counter read."""
        with self.db.read() as session:
            return change_log.since(session, version, own)

"""Noticing what another process wrote (the command line, the watcher, a second
window, another computer on a shared database) within a second or two, and announcing
it as `Changes` like the window's own.

Each tick reads one number (on SQLite `PRAGMA data_version`, which reads no table;
on a server the change counter); only when it moved is the change log read, from
the last number seen. The reading runs on a thread of its own, one tick at a time, so
a server that is slow to answer, or out of reach, never holds the window.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.ui.background import Background, Finished
from jobhunt_desktop.ui.operations import Operations

POLL_MS = 1000


class ChangeWatcher(QObject):
    def __init__(self, ops: Operations, interval_ms: int = POLL_MS) -> None:
        super().__init__(ops)
        self.ops = ops
        changes = ops.services.changes
        self._marker = changes.marker()
        self._seen = changes.version()
        self._thread = Background(self, "changes")
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        if self._thread.busy:  # the last look has not come back yet
            return
        marker, seen, own = self._marker, self._seen, frozenset(self.ops.own_versions)
        self._thread.submit(lambda: self._look(marker, seen, own), self._arrived)

    def _look(self, marker: int, seen: int, own: frozenset[int]) -> Look:
        changes = self.ops.services.changes
        moved = changes.marker()
        if moved == marker:
            return Look(None, marker, seen)
        found, seen = changes.since(seen, own)
        return Look(found, moved, seen)

    def _arrived(self, done: Finished[Look]) -> None:
        if done.value is None:  # busy or out of reach for a moment: the next tick tries
            return
        found, self._marker, self._seen = done.value
        # A write of this window that committed while the look was on its way is known
        # as its own only now: it is no news from elsewhere.
        if found is not None and not self.ops.is_own(found):
            self.ops.arrived(found)


class Look(NamedTuple):
    found: Changes | None  # what arrived, if anything
    marker: int
    seen: int

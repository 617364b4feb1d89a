"""Noticing what another process wrote (the command line, the watcher, a second
window, another computer on a shared database) within a second or two, and announcing
it as `Changes` like the window's own.

Each tick reads one number (on SQLite `PRAGMA data_version`, which reads no table;
on a server the change counter); only when it moved is the change log read, from
the last number seen. The reading runs on a thread of its own, one tick at a time, so
a server that is slow to answer, or out of reach, never holds the window.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.ui.operations import Operations

POLL_MS = 1000


class ChangeWatcher(QObject):
    _found = Signal(object, int, int)  # Changes, the marker, the counter read

    def __init__(self, ops: Operations, interval_ms: int = POLL_MS) -> None:
        super().__init__(ops)
        self.ops = ops
        changes = ops.services.changes
        self._marker = changes.marker()
        self._seen = changes.version()
        self._busy = False
        self._found.connect(self._arrived)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        if self._busy:  # the last look has not come back yet
            return
        self._busy = True
        own = frozenset(self.ops.own_versions)
        threading.Thread(
            target=self._look, args=(self._marker, self._seen, own), name="changes", daemon=True
        ).start()

    def _look(self, marker: int, seen: int, own: frozenset[int]) -> None:
        changes = self.ops.services.changes
        found: Changes | None = None
        try:
            moved = changes.marker()
            if moved != marker:
                found, seen = changes.since(seen, own)
                marker = moved
        except UserError:  # busy or out of reach for a moment: the next tick tries again
            pass
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._found.emit(found, marker, seen)

    def _arrived(self, found: Changes | None, marker: int, seen: int) -> None:
        self._busy = False
        self._marker, self._seen = marker, seen
        if found is not None:
            self.ops.arrived(found)

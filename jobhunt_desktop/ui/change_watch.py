"""Noticing what another process wrote (the command line, the watcher, a second
window) within a second or two, and announcing it as `Changes` like the window's own.

Each tick reads one number (on SQLite `PRAGMA data_version`, which reads no table);
only when it moved is the change log read, from the last number seen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.ui.operations import Operations

POLL_MS = 1000


class ChangeWatcher(QObject):
    def __init__(self, ops: Operations, interval_ms: int = POLL_MS) -> None:
        super().__init__(ops)
        self.ops = ops
        changes = ops.services.changes
        self._marker = changes.marker()
        self._seen = changes.version()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        changes = self.ops.services.changes
        try:
            marker = changes.marker()
            if marker == self._marker:
                return
            found, self._seen = changes.since(self._seen, self.ops.own_versions)
        except UserError:  # busy or unreadable for a moment: the next tick tries again
            return
        self._marker = marker
        self.ops.arrived(found)

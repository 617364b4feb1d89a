"""File > Back up now, File > Restore…, and the day's backup a little after the
window is ready (on a thread of its own, so the board never waits for it)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.wording import counted

if TYPE_CHECKING:
    from pathlib import Path

    from jobhunt_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_DAILY_MS = 20_000  # after the window is ready: start-up work comes first
DAILY_EVERY_MS = 60 * 60 * 1000  # a window kept open past midnight makes the next one


class DailyBackup(QObject):
    """Makes the day's copy unless the watcher, or an earlier look, did already."""

    done = Signal(str)  # a problem to show, or "" when all went well

    def __init__(self, window: MainWindow, first_ms: int = FIRST_DAILY_MS) -> None:
        super().__init__(window)
        self.window = window
        self._busy = False
        self._told = False
        self.first_ms = first_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)
        self.done.connect(self._finished)

    def start(self) -> None:
        """The first look soon after the window is ready, then one an hour."""
        self._timer.start(self.first_ms)

    def run(self) -> None:
        if self._busy or not self.window.attached:
            return
        self._busy = True
        threading.Thread(target=self._work, name="daily-backup", daemon=True).start()

    def _work(self) -> None:
        try:
            made = self.window.services.backups.daily_if_due()
        except UserError as error:
            log.warning("the day's backup failed: %s", error)
            self.done.emit(str(error))
            return
        except Exception:  # a bug must not end the window; the log keeps it
            log.exception("the day's backup failed")
            self.done.emit("the day's backup failed; the log has the details")
            return
        if made is not None:
            log.info("the day's backup: %s", made.path)
        self.done.emit("")

    def _finished(self, problem: str) -> None:
        self._busy = False
        self._timer.start(DAILY_EVERY_MS)
        if problem and not self._told:  # once per window: it is retried each hour
            self._told = True
            self.window.statusBar().showMessage(f"No backup today: {problem}", 15000)


class DataActions:
    """What File does with the data as a whole."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.daily = DailyBackup(window)
        window.filled.connect(self.daily.start)

    def back_up_now(self) -> None:
        made = self.window.operations.run(
            lambda s: s.backups.backup(), title="Couldn't make a backup"
        )
        if made is not None:
            cards = "" if made.cards is None else f" {counted(made.cards, 'card')}"
            self.window.statusBar().showMessage(f"Backed up{cards} to {made.path}", 10000)

    def restore(self) -> None:
        from jobhunt_desktop.ui.dialogs.restore_dialog import RestoreDialog

        window = self.window
        copies = window.operations.run(lambda s: s.backups.backups(), title="Couldn't restore")
        if copies is None:
            return
        dialog = RestoreDialog(copies, window.zone, window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore_file(dialog.chosen)

    def restore_file(self, path: Path) -> None:
        from jobhunt_desktop.ui.dialogs.forms import ask_yes_no

        window = self.window
        if not ask_yes_no(
            window,
            "Restore this backup?",
            f"The cards on the board are replaced by those of {path.name}. What is there "
            "now is backed up first. Undo (Ctrl+Z) cannot bring it back; restoring that "
            "copy can.",
        ):
            return
        done = window.operations.run(
            lambda s: s.backups.restore(path), title="Couldn't restore the backup"
        )
        if done is None:
            return
        window.undo_stack.clear()  # its steps belong to the cards that were replaced
        cards = "" if done.cards is None else f" ({counted(done.cards, 'card')})"
        window.statusBar().showMessage(
            f"Restored {path.name}{cards}. What was there before: {done.before.path.name}",
            15000,
        )

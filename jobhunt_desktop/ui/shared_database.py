"""Switching to a shared database from the window: asked in a dialog, done on a thread
of its own (reaching a server can take seconds, copying the board longer) with a busy
indicator, then offered a restart, since the window opens the chosen database at its
start."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from jobhunt_desktop.domain.errors import StorageError, UserError
from jobhunt_desktop.services.shared_store import Switched, switch_to, use_default
from jobhunt_desktop.ui.background import Background, Finished
from jobhunt_desktop.ui.dialogs.forms import show_error
from jobhunt_desktop.ui.dialogs.shared_database_dialog import SharedDatabaseDialog
from jobhunt_desktop.ui.storage_calls import show_storage_error

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow

TITLE = "Couldn't use that database"


def choose_shared_database(window: MainWindow) -> SwitchRunner | None:
    dialog = SharedDatabaseDialog(window.services.on_server, window)
    if dialog.exec() != SharedDatabaseDialog.DialogCode.Accepted:
        return None
    if dialog.back_to_file:
        path = use_default()
        offer_restart(window, f"Every later start opens the file on this computer, {path}.")
        return None
    services, url, copy = window.services, dialog.url, dialog.copy
    runner = SwitchRunner(window, lambda: switch_to(services, url, copy=copy))
    runner.start()
    return runner


class SwitchRunner(QObject):
    def __init__(self, window: MainWindow, work: Callable[[], Switched]) -> None:
        super().__init__(window)
        self.window = window
        self._work_to_do = work
        self._thread = Background(self, "switching to a shared database")
        self.dialog = QProgressDialog("Connecting…", "", 0, 0, window)  # busy, no Cancel
        self.dialog.setWindowTitle("Use a shared database")
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.outcome: object = None

    def start(self) -> None:
        self._thread.submit(self._work_to_do, self._done)

    def _done(self, done: Finished[Switched]) -> None:
        self.dialog.reset()
        outcome = self.outcome = done.value if done.ok else done.error
        window = self.window
        if isinstance(outcome, Switched):
            copied = (
                "" if outcome.copied is None else f" This board's {outcome.copied} cards are there."
            )
            offer_restart(window, f"Every later start opens {outcome.label}.{copied}")
        elif isinstance(outcome, StorageError):
            show_storage_error(outcome, window)
        elif isinstance(outcome, UserError):  # out of reach, refused, holds cards...
            show_error(window, str(outcome), TITLE)
        else:
            show_error(window, "Nothing was changed; the log has the details.", TITLE)
        self.deleteLater()


def offer_restart(window: MainWindow, said: str) -> None:
    answer = QMessageBox.question(
        window,
        "Use a shared database",
        f"{said} Restart the window now to open it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        QProcess.startDetached(sys.executable, ["-m", "jobhunt_desktop"])
        window.quit_app()

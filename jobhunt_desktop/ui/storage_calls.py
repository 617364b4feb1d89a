"""Running a service call from the window while another program may hold the database.

The window's database waits at most a couple of seconds for another writer's lock
(`app.py` sets the wait). Meanwhile the pointer shows that the window is busy; when
the wait runs out the person is told the database is busy and may try again. Each
call is one transaction, so giving up leaves nothing half-done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jobhunt_desktop.domain.errors import StorageBusyError, StorageError, UserError

T = TypeVar("T")

BUSY_TITLE = "The database is busy"
PROBLEM_TITLE = "The database could not be used"


def call_with_retry(call: Callable[[], T], parent: QWidget | None = None) -> T:
    """Run `call` under a busy cursor; when storage is busy or failed in a way a retry
    may cure, ask whether to try again. Raises the StorageError if the person gives up."""
    while True:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return call()
        except StorageError as error:
            failure = error
        finally:
            QApplication.restoreOverrideCursor()  # the question comes with a normal pointer
        if not failure.retry_may_help or not ask_retry(failure, parent):
            raise failure


def needs_telling(error: UserError) -> bool:
    """False for a storage error `call_with_retry` already put to the person (who then
    chose Cancel): saying it again would only repeat the dialog they just closed."""
    return not (isinstance(error, StorageError) and error.retry_may_help)


def ask_retry(error: StorageError, parent: QWidget | None = None) -> bool:
    """The busy (or failing) database, with Retry and Cancel; True for Retry."""
    title = BUSY_TITLE if isinstance(error, StorageBusyError) else PROBLEM_TITLE
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(str(error))
    box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    return box.exec() == QMessageBox.StandardButton.Retry


def show_storage_error(error: StorageError, parent: QWidget | None = None) -> None:
    """A storage problem that a retry will not cure, as a dialog: what, where, what to do."""
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(PROBLEM_TITLE)
    box.setText(PROBLEM_TITLE)
    box.setInformativeText(str(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()

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
    retry, cancel = QMessageBox.StandardButton.Retry, QMessageBox.StandardButton.Cancel
    box = message_box(QMessageBox.Icon.Warning, title_of(error), str(error), parent)
    box.setStandardButtons(retry | cancel)
    box.setDefaultButton(retry)
    return box.exec() == retry


def show_storage_error(error: StorageError, parent: QWidget | None = None) -> None:
    """A storage problem that a retry will not cure, as a dialog: what, where, what to do."""
    message_box(QMessageBox.Icon.Critical, title_of(error), str(error), parent).exec()


def title_of(error: StorageError) -> str:
    return BUSY_TITLE if isinstance(error, StorageBusyError) else PROBLEM_TITLE


def message_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None
) -> QMessageBox:
    """A box over the active window with `title` as its heading and `text` below it,
    and an OK button unless the caller sets others."""
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box

"""Running a previewed import on a thread of its own, with progress and Cancel; when
it is done, the cards arrive like any change, and the import is one step to undo."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from jobhunt_desktop.domain.errors import StorageError, UserError
from jobhunt_desktop.services.imports import (
    ImportCancelledError,
    ImportPreview,
    ImportResult,
    summary,
)
from jobhunt_desktop.ui.background import Background, Finished
from jobhunt_desktop.ui.dialogs.forms import show_error
from jobhunt_desktop.ui.storage_calls import show_storage_error

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow

STEPS = {
    "backup": "Backing up your data first…",
    "cards": "Adding the cards…",
    "plans": "Planning their follow-ups…",
    "saving": "Saving…",
}


class ImportRunner(QObject):
    progressed = Signal(str, int, int)
    finished = Signal(object)  # an ImportResult, or the error that stopped it

    def __init__(self, window: MainWindow, preview: ImportPreview) -> None:
        super().__init__(window)
        self.window = window
        self.preview = preview
        self._cancel = threading.Event()
        total = len(preview.plan.cards)
        self.dialog = QProgressDialog(STEPS["backup"], "Cancel", 0, max(1, total), window)
        self.dialog.setWindowTitle(f"Importing {preview.request.path.name}")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self._cancel.set)
        self._thread = Background(self, "the import")
        self.progressed.connect(self._show_progress)
        self.finished.connect(self._done)
        self.result: ImportResult | None = None

    def start(self) -> None:
        imports, preview = self.window.services.imports, self.preview
        self._thread.submit(lambda: imports.run(preview, self._progress), self._landed)

    def _landed(self, done: Finished[ImportResult]) -> None:
        # cancelled, busy, full, or what the file holds; or a bug, logged
        self.finished.emit(done.value if done.ok else done.error)

    def _progress(self, step: str, done: int, total: int) -> bool:
        self.progressed.emit(step, done, total)
        return not self._cancel.is_set()

    def _show_progress(self, step: str, done: int, total: int) -> None:
        self.dialog.setLabelText(STEPS.get(step, step))
        if step in ("cards", "plans"):
            share = done / total if total else 1.0
            half = 0 if step == "cards" else self.dialog.maximum() // 2
            self.dialog.setValue(half + int(share * self.dialog.maximum() / 2))

    def _done(self, outcome: object) -> None:
        self.dialog.reset()
        window = self.window
        if isinstance(outcome, ImportResult):
            self.result = outcome
            window.operations.publish(outcome.changes)
            if outcome.added:
                from jobhunt_desktop.ui.undo import ImportCommand

                name = self.preview.request.path.name
                window.undo_stack.push(
                    ImportCommand(window.operations, f"Import {name}", outcome.added)
                )
            window.statusBar().showMessage(summary(outcome), 15000)
        elif isinstance(outcome, ImportCancelledError):
            window.statusBar().showMessage("The import was cancelled; nothing was added.", 8000)
        elif isinstance(outcome, StorageError):
            show_storage_error(outcome, window)
        elif isinstance(outcome, UserError):
            show_error(window, str(outcome), "Couldn't import")
        else:
            show_error(window, "The import failed; nothing was added. The log has the details.")
        self.deleteLater()

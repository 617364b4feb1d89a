"""Unexpected errors in the window: written down in full, told in short, and the app goes on.

Without this, an exception in a slot or a paint event is printed to a terminal the
person never sees, and the action silently did nothing. The hook writes the traceback
to the log file and shows a short dialog saying where that file is. The dialog is
always shown from the event loop (never from inside the paint event or the worker
thread where the error happened), one at a time: errors that come while it is open
are written down and counted, not stacked.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from jobhunt_desktop.domain.errors import StorageError

ExceptHook = Callable[[type[BaseException], BaseException, types.TracebackType | None], object]

TITLE = "Something went wrong"
STORAGE_TITLE = "The database could not be used"


def _write_down(error: BaseException) -> Path | None:
    """Log the error with its traceback; the log file's path, if it could be set up."""
    from jobhunt_desktop.services import error_log

    try:
        path = error_log.ensure_file_log()
    except OSError:
        path = None
    error_log.log_unexpected("unexpected error in the window", error)
    return path if path is not None and path.exists() else None


class ErrorHook(QObject):
    """sys.excepthook and threading.excepthook for the window's lifetime."""

    reported = Signal(str, str)  # the dialog's title and text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous: ExceptHook | None = None
        self._previous_thread: Callable[[threading.ExceptHookArgs], object] | None = None
        self._showing = False
        self.missed = 0  # errors that came while the dialog was open
        # Queued even on the GUI thread: the dialog waits for the event loop.
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous, sys.excepthook = sys.excepthook, self._hook
        self._previous_thread, threading.excepthook = threading.excepthook, self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        if self._previous_thread is not None:
            threading.excepthook = self._previous_thread

    def _hook(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: types.TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if error.__traceback__ is None:
            error = error.with_traceback(traceback)
        self.report(error)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            self.report(args.exc_value)

    def report(self, error: BaseException) -> None:
        """Log `error` and have the dialog say it (from any thread)."""
        if isinstance(error, StorageError):  # the environment, not a bug: its own words
            self.reported.emit(STORAGE_TITLE, str(error))
            return
        path = _write_down(error)
        self.reported.emit(TITLE, _explain(error, path))

    def _show(self, title: str, text: str) -> None:
        if self._showing:
            self.missed += 1
            return
        from PySide6.QtWidgets import QMessageBox

        from jobhunt_desktop.ui.storage_calls import message_box

        self._showing = True
        try:
            message_box(QMessageBox.Icon.Critical, title, text).exec()
        finally:
            self._showing = False
        if self.missed:  # said once, after the first, rather than a pile of dialogs
            more, self.missed = self.missed, 0
            self.reported.emit(
                TITLE,
                f"{more} more unexpected error{'s' if more > 1 else ''} came while the "
                "last message was open; the log file has the details.",
            )


def _explain(error: BaseException, log_file: Path | None) -> str:
    summary = f"{type(error).__name__}: {error}".strip().rstrip(":")
    where = (
        f"The details were written to {log_file}; please include that file when you report this."
        if log_file is not None
        else "The details could not be written to the log file."
    )
    return (
        f"{summary}\n\nWhat you were doing may not have been done; everything saved "
        f"before is safe, and the window goes on. {where}"
    )

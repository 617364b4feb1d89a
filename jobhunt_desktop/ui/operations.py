"""The one road by which the window writes: run an operation, show what went wrong,
put it on the undo stack if it changed something, and announce its `Changes` once.

Dialogs, panels and the board never call a service write themselves; they hand
`Operations.run` or `Operations.perform` a function of the services. What changed
arrives on `changed`, where the board, the Follow-ups panel, open card dialogs and
the status line each re-read what concerns them. Changes made by other processes
(the command line, the watcher, a second window) arrive on the same signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from jobhunt_desktop.domain.changes import NOTHING, Changes, gone_message
from jobhunt_desktop.domain.errors import GoneError, StorageError, UserError
from jobhunt_desktop.ui.storage_calls import call_with_retry, needs_telling, show_storage_error

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services

T = TypeVar("T")
Work = Callable[["Services"], T]


def changes_of(result: object) -> Changes:
    """The `Changes` a service write returned, whatever shape its result has."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", NOTHING)
    return found if isinstance(found, Changes) else NOTHING


class Operations(QObject):
    """Runs the window's writes; one per window."""

    changed = Signal(object)  # Changes
    notice = Signal(str)  # a line for the status bar ("2 were already gone.")

    def __init__(self, services: Services, stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self.services = services
        self.stack = stack
        self.window = window
        self.own_versions: set[int] = set()

    def run(
        self,
        work: Work[T],
        parent: QWidget | None = None,
        asked: int = 1,
        title: str = "",
        tell: Callable[[str], None] | None = None,
    ) -> T | None:
        """Run one write; None if it failed (the person was told why: in a box titled
        `title`, or through `tell` for a panel that says it inline). `asked` is how
        many things it was asked to act on, for the "already gone" line."""
        try:
            result = call_with_retry(lambda: work(self.services), parent or self.window)
        except GoneError as error:
            message = gone_message(error.count, error.count) or str(error)
            self._error(parent, message, title, tell)
            return None
        except StorageError as error:
            if needs_telling(error):  # else the person was asked, and gave up
                show_storage_error(error, parent or self.window)
            return None
        except UserError as error:
            self._error(parent, str(error), title, tell)
            return None
        changes = changes_of(result)
        gone = gone_message(changes.gone, asked)
        if gone is not None:
            self.notice.emit(gone)
        self.publish(changes)
        return result

    def perform(
        self,
        text: str,
        work: Work[T],
        parent: QWidget | None = None,
        asked: int = 1,
        title: str = "",
        tell: Callable[[str], None] | None = None,
    ) -> T | None:
        """`run`, then put the step on the undo stack if it changed anything."""
        from jobhunt_desktop.ui.undo import command_for

        result = self.run(work, parent, asked, title, tell)
        if result is None or not changes_of(result):
            return None if result is None else result
        command = command_for(self, text, result)
        if command is not None:
            self.stack.push(command)  # its first redo finds the work done
        return result

    def publish(self, changes: Changes) -> None:
        """Announce a change this window made."""
        if changes:
            self.own_versions.update(changes.versions)
            self.changed.emit(changes)

    def is_own(self, changes: Changes) -> bool:
        """Whether this window made the change (every write behind it)."""
        versions = changes.versions
        return bool(versions) and all(v in self.own_versions for v in versions)

    def arrived(self, changes: Changes) -> None:
        """Announce a change another process made."""
        if changes:
            self.changed.emit(changes)

    def _error(
        self,
        parent: QWidget | None,
        message: str,
        title: str,
        tell: Callable[[str], None] | None,
    ) -> None:
        from jobhunt_desktop.ui.dialogs.forms import show_error

        if tell is not None:
            tell(message)
        elif title:
            show_error(parent or self.window, message, title)
        else:
            show_error(parent or self.window, message)


__all__ = ["Operations", "changes_of"]

"""The one road by which the window writes: run an operation, show what went wrong,
put it on the undo stack if it changed something, and announce its `Changes` once.

Dialogs, panels and the board never call a service write themselves; they hand
`Operations.run` or `Operations.perform` a function of the services. What changed
arrives on `changed`, where the board, the Follow-ups panel, open card dialogs and
the status line each re-read what concerns them. Changes made by other processes
(the command line, the watcher, a second window) arrive on the same signal.

With the cards on a server, the everyday writes (a move, an edit in a card, Mark as
sent...) are saved off the window's thread (`perform_soon`): the board or the dialog
shows them as saving until they land.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from jobhunt_desktop.domain.changes import NOTHING, Changes, gone_message
from jobhunt_desktop.domain.errors import GoneError, StorageError, UserError
from jobhunt_desktop.ui.background import Background, Finished, answer_until
from jobhunt_desktop.ui.storage_calls import call_with_retry, needs_telling, show_storage_error

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services

T = TypeVar("T")
# How long a closing window waits for its last writes to reach the server: longer than
# the connect timeout and a wait for another writer's lock together.
SAVE_WAIT_S = 15.0
# How long a dialog waits for its answer: past the connect and lock timeouts, which
# end the call with an error first.
WAITING_LIMIT_S = 120.0
Work = Callable[["Services"], T]
# Where a failure is told: over this widget, in a box with this title, or by this
# function of a panel that says it inline.
Told = tuple[QWidget | None, str, Callable[[str], None] | None]


def or_refusal(read: Work[T]) -> Work[T | UserError]:
    """A read that returns why it could not be done (a card gone, the server out of
    reach) instead of raising it: for a read whose answer a dialog shows either way,
    on whichever thread it runs."""

    def reading(services: Services) -> T | UserError:
        try:
            return read(services)
        except UserError as error:
            return error

    return reading


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
    saving_changed = Signal(bool)  # writes went on their way to the server, or all landed

    def __init__(
        self,
        services: Services,
        stack: QUndoStack,
        window: QWidget,
        background: Background | None = None,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.stack = stack
        self.window = window
        self.background = background  # where `perform_soon` runs: None, at once
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
        except UserError as error:
            if needs_telling(error):  # else the person was asked, and gave up
                self._failed(error, parent, title, tell)
            return None
        return self._succeeded(result, asked)

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
        result = self.run(work, parent, asked, title, tell)
        if result is not None:
            self._remember(text, result)
        return result

    def perform_soon(
        self,
        text: str,
        work: Work[T],
        then: Callable[[T | None], None],
        asked: int = 1,
        put_back: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        tell: Callable[[str], None] | None = None,
        title: str = "",
    ) -> None:
        """`perform`, off the window's thread when the cards are on a server (a write
        there waits on the network, seconds on a slow one): `then` gets the result, or
        None once the person was told why it failed, on the window's thread; before
        that, `put_back` undoes what the window showed ahead of the commit, knowing why
        it failed (in a box titled `title` over `parent`, or through `tell`). With the
        cards in a file here it is `perform`, at once."""
        self._soon(text, work, then, asked, put_back, (parent, title, tell))

    def run_soon(
        self,
        work: Work[T],
        then: Callable[[T | None], None],
        asked: int = 1,
        parent: QWidget | None = None,
        title: str = "",
    ) -> None:
        """`run` the way `perform_soon` does, for work that is no step of its own (an
        undo or redo of one, a new card)."""
        self._soon(None, work, then, asked, None, (parent, title, None))

    def run_waiting(self, work: Work[T], parent: QWidget, title: str = "") -> T | None:
        """`run`, for a dialog that goes on from the answer (the templates editor): on
        a server the work runs off the window's thread while `parent` waits, disabled,
        and the window keeps answering; on a file it is `run`."""
        if self.background is None:
            return self.run(work, parent, title=title)
        answers: list[T | None] = []
        keys = parent.focusWidget()  # a disabled dialog lets go of the keyboard
        parent.setEnabled(False)
        try:
            self.run_soon(work, answers.append, parent=parent, title=title)
            answer_until(lambda: bool(answers), WAITING_LIMIT_S)
        finally:
            if shiboken6.isValid(parent):
                parent.setEnabled(True)
                if keys is not None and shiboken6.isValid(keys):
                    keys.setFocus()
        return answers[0] if answers else None

    def read_soon(self, work: Work[T], then: Callable[[T], None]) -> None:
        """Read what a change calls for (the cards it moved, the counts, the due list)
        off the window's thread when the cards are on a server, after the writes given
        before it, so that it sees them; `then` shows it, on the window's thread. If
        the read fails the status line says so and the window keeps what it shows.
        With the cards in a file here it is done at once."""
        if self.background is None:
            then(work(self.services))
            return
        services = self.services

        def landed(done: Finished[T]) -> None:
            error = done.error
            if error is None:
                then(done.value)  # type: ignore[arg-type]  # a value when no error
            elif isinstance(error, UserError):
                self.notice.emit(f"Couldn't read the latest changes: {error}")
            else:
                raise error  # a bug, logged on its thread: the error hook says it

        self._submit(lambda: work(services), landed)

    def step(self, back: bool) -> None:
        """Undo (`back`) or redo a step, once the writes on their way have landed: a
        press of Ctrl+Z while a move is saving means that move, which joins the stack
        only when it lands. What the step writes is saved like the rest."""
        move = self.stack.undo if back else self.stack.redo
        if self.background is None:
            move()
        else:  # calls land in order: this one after every write given before it
            self._submit(lambda: None, lambda _done: move())

    def _soon(
        self,
        text: str | None,
        work: Work[T],
        then: Callable[[T | None], None],
        asked: int,
        put_back: Callable[[BaseException], None] | None,
        told: Told,
    ) -> None:
        parent, title, tell = told
        if self.background is None:
            result = self.run(work, parent, asked, title, tell)
            if result is not None and text is not None:
                self._remember(text, result)
            then(result)
            return
        services, own = self.services, self.own_versions

        def write() -> T:
            result = work(services)
            # Known as this window's at once, on this thread: an undo given next runs
            # before this result reaches the window, and asks whose the cards are.
            own.update(changes_of(result).versions)
            return result

        self._submit(write, lambda done: self._landed(text, done, asked, then, put_back, told))

    def _submit(self, work: Callable[[], T], then: Callable[[Finished[T]], None]) -> None:
        background = self.background
        assert background is not None
        began = not background.busy

        def landed(done: Finished[T]) -> None:
            try:
                then(done)
            finally:
                if not background.busy:
                    self.saving_changed.emit(False)

        background.submit(work, landed)
        if began:
            self.saving_changed.emit(True)

    @property
    def saving(self) -> bool:
        """Whether writes are on their way to the server (`perform_soon`)."""
        return self.background is not None and self.background.busy

    def finish_saving(self, limit_s: float = SAVE_WAIT_S) -> bool:
        """Let the writes on their way land, answering them as they do: before the
        window closes (a move the person saw as saving is not dropped with it), and
        for whoever needs the store settled. False if some are still out after
        `limit_s`."""
        return answer_until(lambda: not self.saving, limit_s)

    def _landed(
        self,
        text: str | None,
        done: Finished[T],
        asked: int,
        then: Callable[[T | None], None],
        put_back: Callable[[BaseException], None] | None,
        told: Told,
    ) -> None:
        error = done.error
        if error is None:
            result = self._succeeded(done.value, asked)
            if result is not None and text is not None:
                self._remember(text, result)
            then(result)
            return
        if put_back is not None:  # what the board showed goes back first, then the
            put_back(error)  # person is told
        then(None)
        if not isinstance(error, UserError):
            raise error  # a bug, logged on its thread: the error hook says it
        parent, title, tell = told
        self._failed(error, parent if _shown(parent) else None, title, tell)

    def _succeeded(self, result: T, asked: int) -> T:
        changes = changes_of(result)
        gone = gone_message(changes.gone, asked)
        if gone is not None:
            self.notice.emit(gone)
        self.publish(changes)
        return result

    def _remember(self, text: str, result: object) -> None:
        """Put a done step on the undo stack, if it changed anything."""
        from jobhunt_desktop.ui.undo import command_for

        if not changes_of(result):
            return
        command = command_for(self, text, result)
        if command is not None:
            self.stack.push(command)  # its first redo finds the work done

    def _failed(
        self,
        error: UserError,
        parent: QWidget | None,
        title: str,
        tell: Callable[[str], None] | None,
    ) -> None:
        if isinstance(error, GoneError):
            self._error(parent, gone_message(error.count, error.count) or str(error), title, tell)
        elif isinstance(error, StorageError):
            show_storage_error(error, parent or self.window)
        else:
            self._error(parent, str(error), title, tell)

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


def _shown(widget: QWidget | None) -> bool:
    """Whether a box can still go over `widget` (a dialog may have closed meanwhile)."""
    import shiboken6

    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


__all__ = ["Operations", "changes_of"]

"""Undoable user actions. Each redo/undo is one service call, so one transaction.

`push` runs a command's work first and puts it on the stack only if it happened:
QUndoStack.push would clear the redo history before running it, and a failed step
must neither appear on the stack nor cost the person what Redo could still bring
back. A later undo or redo that fails (a card deleted meanwhile, a database that
stayed busy) makes the command obsolete, so QUndoStack drops it rather than offer to
undo what could not be undone. A busy database is first offered a retry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import StorageError, UserError
from jobhunt_desktop.services.applications import CardSnapshot, Placement
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import LogResult
from jobhunt_desktop.ui.storage_calls import call_with_retry, needs_telling, show_storage_error

Refresh = Callable[[], None]
ErrorSink = Callable[[str], None]


def push(stack: QUndoStack, command: ServiceCommand) -> bool:
    """Do the command's work, then put it on the stack if it happened; True if so."""
    if not command.run_first():
        return False
    stack.push(command)  # its redo sees the work done and only refreshes
    return True


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, services: Services, refresh: Refresh, errors: ErrorSink) -> None:
        super().__init__(text)
        self.services = services
        self.refresh = refresh
        self.errors = errors
        self.failed = False
        self._done_before_push = False

    def run_first(self) -> bool:
        """The first run, before the command joins the stack (see `push`)."""
        if not self._attempt(self.do):
            self.failed = True
            return False
        self._done_before_push = True
        return True

    def redo(self) -> None:
        if self._done_before_push:
            self._done_before_push = False
        elif not self._attempt(self.do):
            return
        self.refresh()

    def undo(self) -> None:
        if self._attempt(self.undo_it):
            self.refresh()

    def _attempt(self, work: Callable[[], object]) -> bool:
        """Run one service call; on failure say why and mark the command obsolete (a
        failed call changed nothing: it was one transaction)."""
        try:
            call_with_retry(work)
        except UserError as error:
            self.setObsolete(True)
            if isinstance(error, StorageError):
                if needs_telling(error):  # else the person was asked, and gave up
                    show_storage_error(error)
            else:
                self.errors(str(error))
            return False
        except Exception:
            self.setObsolete(True)  # a bug: never undo or redo a step that broke
            raise
        return True

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class MoveCardsCommand(ServiceCommand):
    def __init__(
        self,
        services: Services,
        ids: Sequence[int],
        stage_id: int,
        index: int | None,
        label: str,
        refresh: Refresh,
        errors: ErrorSink,
    ) -> None:
        super().__init__(label, services, refresh, errors)
        self.ids = list(ids)
        self.stage_id = stage_id
        self.index = index
        self.before: list[Placement] = []

    def do(self) -> None:
        self.before = self.services.applications.move(self.ids, self.stage_id, self.index)

    def undo_it(self) -> None:
        self.services.applications.restore(self.before)


class EditCardCommand(ServiceCommand):
    """Field changes; undo writes the old values back (history keeps both)."""

    def __init__(
        self,
        services: Services,
        application_id: int,
        new: Mapping[str, Any],
        old: Mapping[str, Any],
        refresh: Refresh,
        errors: ErrorSink,
    ) -> None:
        super().__init__("Edit card", services, refresh, errors)
        self.application_id = application_id
        self.new = dict(new)
        self.old = {k: old[k] for k in new}

    def do(self) -> None:
        self.services.applications.edit(self.application_id, self.new)

    def undo_it(self) -> None:
        self.services.applications.edit(self.application_id, self.old)


class ArchiveCardsCommand(ServiceCommand):
    def __init__(
        self, services: Services, ids: Sequence[int], refresh: Refresh, errors: ErrorSink
    ) -> None:
        label = "Archive card" if len(ids) == 1 else f"Archive {len(ids)} cards"
        super().__init__(label, services, refresh, errors)
        self.ids = list(ids)

    def do(self) -> None:
        self.services.applications.set_archived_many(self.ids, True)

    def undo_it(self) -> None:
        self.services.applications.set_archived_many(self.ids, False)


class DeleteCardsCommand(ServiceCommand):
    """Permanent delete, undone from a snapshot of every row the cards owned."""

    def __init__(
        self, services: Services, ids: Sequence[int], refresh: Refresh, errors: ErrorSink
    ) -> None:
        label = "Delete card" if len(ids) == 1 else f"Delete {len(ids)} cards"
        super().__init__(label, services, refresh, errors)
        self.ids = list(ids)
        self.snapshots: list[CardSnapshot] = []

    def do(self) -> None:
        self.snapshots = self.services.applications.delete_many(self.ids)

    def undo_it(self) -> None:
        self.services.applications.undelete_many(self.snapshots)


class MarkSentCommand(ServiceCommand):
    """A drafted message the user sent themselves: logged, its follow-up closed and the
    chain re-planned; undo takes the event back and opens the follow-up again."""

    def __init__(
        self,
        services: Services,
        application_id: int,
        subject: str,
        body: str,
        kind: FollowUpKind | None,
        followup_id: int | None,
        refresh: Refresh,
        errors: ErrorSink,
        label: str = "Mark message as sent",
    ) -> None:
        super().__init__(label, services, refresh, errors)
        self.application_id = application_id
        self.subject = subject
        self.body = body
        self.kind = kind
        self.followup_id = followup_id
        self.result: LogResult | None = None

    def do(self) -> None:
        self.result = self.services.events.sent(
            self.application_id,
            self.subject,
            self.body,
            kind=self.kind,
            followup_id=self.followup_id,
        )

    def undo_it(self) -> None:
        if self.result is None:
            return
        self.services.events.unsend(self.result.event.id, self.result.closed_followup_id)
        self.result = None

"""Undo and redo of the window's operations.

An operation has already run when its command joins the stack (`Operations.perform`
pushes it after the fact), so the first `redo` QUndoStack calls finds the work done.
Undo puts the cards back exactly as the operation found them (stage, position, time
in the stage, follow-up states, snoozes) and marks the history it wrote as undone;
redo puts back exactly what the undo found, which is what the operation left. A card
another program changed since is not overwritten: the step says so and leaves the
stack (obsolete), as does a step whose cards were all deleted meanwhile or whose
database could not be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.services.applications import CardSnapshot
from jobhunt_desktop.services.outcome import Outcome, States
from jobhunt_desktop.services.settings import SettingsChange
from jobhunt_desktop.ui.operations import changes_of

if TYPE_CHECKING:
    from jobhunt_desktop.ui.operations import Operations, Work


def command_for(ops: Operations, text: str, result: object) -> QUndoCommand | None:
    """The undo step for an operation's result, or None if it cannot be undone."""
    value = getattr(result, "value", None)
    if (
        isinstance(result, Outcome)
        and isinstance(value, list)
        and value
        and all(isinstance(item, CardSnapshot) for item in value)
    ):
        return DeleteCommand(ops, text, value)
    if isinstance(result, Outcome) and isinstance(value, SettingsChange) and value.before:
        return SettingsCommand(ops, text, value)
    before = getattr(result, "before", None)
    if isinstance(before, States) and (before.cards or before.board is not None):
        return StatesCommand(ops, text, before, changes_of(result))
    return None


class StepAction(QAction):
    """Undo (`back`) or Redo for a menu or a dialog, named after the step as
    QUndoStack's own actions are, that goes through `Operations.step`: a press while a
    write is on its way means that write (Undo is open meanwhile: its step is coming)."""

    def __init__(self, ops: Operations, parent: QObject, back: bool, label: str) -> None:
        super().__init__(parent)
        self.ops, self.back, self.label = ops, back, label
        stack = ops.stack
        # Kept from the stack's signals, not asked of it: it signals while it is
        # destroyed too, when it can no longer be asked.
        self.can = stack.canUndo() if back else stack.canRedo()
        self.name(stack.undoText() if back else stack.redoText())
        self.enable(self.can)
        (stack.undoTextChanged if back else stack.redoTextChanged).connect(self.name)
        (stack.canUndoChanged if back else stack.canRedoChanged).connect(self.enable)
        ops.saving_changed.connect(self.enable_while_saving)
        self.triggered.connect(self.step)

    def name(self, step: str) -> None:
        self.setText(f"{self.label} {step}" if step else self.label)

    def enable(self, can: bool) -> None:
        self.can = can
        self.setEnabled(can or (self.back and self.ops.saving))

    def enable_while_saving(self, saving: bool) -> None:
        self.setEnabled(self.can or (self.back and saving))

    def step(self) -> None:
        self.ops.step(self.back)


class _Command(QUndoCommand):
    """A step whose undo and redo are writes (`undo_work`, `redo_work`); `took` keeps
    what each returned for the next one. A write that fails takes the step off the
    stack: at once on a file, or once the server says so (the stack was already on
    the other side of the step; it is put back, dropping the step on the way)."""

    def __init__(self, ops: Operations, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._done = True  # the operation ran before the push
        self._stale = False  # failed where the stack could not drop it: it goes next

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._write(back=False)

    def undo(self) -> None:
        self._write(back=True)

    def _write(self, back: bool) -> None:
        if self._stale:
            self.setObsolete(True)  # QUndoStack drops it without running it
            return
        work = self.undo_work() if back else self.redo_work()
        if self.ops.background is not None:
            verb = "Undoing" if back else "Redoing"
            self.ops.notice.emit(f"{verb} “{self.text()}”…")
        self.ops.run_soon(work, lambda result: self._landed(result, back), self.asked(back))

    def _landed(self, result: object | None, back: bool) -> None:
        if self.ops.background is not None:
            self.ops.notice.emit("")  # the "Undoing…" line
        if result is not None:
            self.took(result, back)
            return
        if self.ops.background is None:  # still inside undo() or redo(): the stack
            self.setObsolete(True)  # drops the step when it returns
            return
        stack = self.ops.stack
        at = stack.index() if back else stack.index() - 1
        if 0 <= at < stack.count() and stack.command(at) is self:
            self.setObsolete(True)
            (stack.redo if back else stack.undo)()  # back over it: the stack drops it
        else:  # later steps were undone or redone since: it goes when reached
            self._stale = True

    def undo_work(self) -> Work[object]:
        raise NotImplementedError

    def redo_work(self) -> Work[object]:
        raise NotImplementedError

    def took(self, result: Any, back: bool) -> None:
        """Keep what an undo (`back`) or redo returned, for the next one."""

    def asked(self, back: bool) -> int:
        """How many things the write acts on, for the "already gone" line."""
        return 1


class StatesCommand(_Command):
    """Any operation on cards that returned their states before it. Each undo or redo
    keeps the states it replaced, for the step back the other way."""

    def __init__(self, ops: Operations, text: str, before: States, changes: Changes) -> None:
        super().__init__(ops, text)
        self.other = before  # what the next undo (then redo, then undo...) puts back
        self.history = changes.history

    def undo_work(self) -> Work[object]:
        return self._swap(undone=True)

    def redo_work(self) -> Work[object]:
        return self._swap(undone=False)

    def _swap(self, undone: bool) -> Work[object]:
        own, target, history = self.ops.own_versions, self.other, self.history
        return lambda s: s.undo.put_back(target, history, undone, own)

    def took(self, result: Any, back: bool) -> None:
        self.other = result.value


class DeleteCommand(_Command):
    """Permanent delete, undone from a snapshot of every row the cards owned."""

    def __init__(self, ops: Operations, text: str, snapshots: list[CardSnapshot]) -> None:
        super().__init__(ops, text)
        self.snapshots = snapshots

    def undo_work(self) -> Work[object]:
        snapshots = self.snapshots
        return lambda s: s.applications.undelete_many(snapshots)

    def redo_work(self) -> Work[object]:
        ids = [snapshot.application_id for snapshot in self.snapshots]
        return lambda s: s.applications.delete_many(ids)

    def took(self, result: Any, back: bool) -> None:
        if not back:
            self.snapshots = result.value

    def asked(self, back: bool) -> int:
        return 1 if back else len(self.snapshots)


class ImportCommand(_Command):
    """An import: undone by deleting the cards it added (kept as snapshots), redone by
    putting them back exactly."""

    def __init__(self, ops: Operations, text: str, added: list[int]) -> None:
        super().__init__(ops, text)
        self.added = added
        self.snapshots: list[CardSnapshot] = []

    def undo_work(self) -> Work[object]:
        ids = self.added
        return lambda s: s.applications.delete_many(ids)

    def redo_work(self) -> Work[object]:
        snapshots = self.snapshots
        return lambda s: s.applications.undelete_many(snapshots)

    def took(self, result: Any, back: bool) -> None:
        if back:
            self.snapshots = result.value

    def asked(self, back: bool) -> int:
        return len(self.added) if back else 1


class SettingsCommand(_Command):
    """A change of settings: undone by putting the stored values back (every card is
    re-planned again; a reminder already shown stays shown), redone by changing them
    once more."""

    def __init__(self, ops: Operations, text: str, change: SettingsChange) -> None:
        super().__init__(ops, text)
        self.change = change

    def undo_work(self) -> Work[object]:
        before = self.change.before
        return lambda s: s.settings.restore(before)

    def redo_work(self) -> Work[object]:
        after = self.change.after
        return lambda s: s.settings.change(after)

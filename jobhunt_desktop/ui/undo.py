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

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.services.applications import CardSnapshot
from jobhunt_desktop.services.outcome import Outcome, States
from jobhunt_desktop.services.settings import SettingsChange
from jobhunt_desktop.ui.operations import changes_of

if TYPE_CHECKING:
    from jobhunt_desktop.ui.operations import Operations


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


class _Command(QUndoCommand):
    def __init__(self, ops: Operations, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._done = True  # the operation ran before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if self.redo_it() is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.undo_it() is None:
            self.setObsolete(True)

    def redo_it(self) -> object | None:
        raise NotImplementedError

    def undo_it(self) -> object | None:
        raise NotImplementedError


class StatesCommand(_Command):
    """Any operation on cards that returned their states before it. Each undo or redo
    keeps the states it replaced, for the step back the other way."""

    def __init__(self, ops: Operations, text: str, before: States, changes: Changes) -> None:
        super().__init__(ops, text)
        self.other = before  # what the next undo (then redo, then undo...) puts back
        self.history = changes.history

    def undo_it(self) -> object | None:
        return self._swap(undone=True)

    def redo_it(self) -> object | None:
        return self._swap(undone=False)

    def _swap(self, undone: bool) -> object | None:
        own, target = self.ops.own_versions, self.other
        done = self.ops.run(lambda s: s.undo.put_back(target, self.history, undone, own))
        if done is not None:
            self.other = done.value
        return done


class DeleteCommand(_Command):
    """Permanent delete, undone from a snapshot of every row the cards owned."""

    def __init__(self, ops: Operations, text: str, snapshots: list[CardSnapshot]) -> None:
        super().__init__(ops, text)
        self.snapshots = snapshots

    def undo_it(self) -> Changes | None:
        return self.ops.run(lambda s: s.applications.undelete_many(self.snapshots))

    def redo_it(self) -> object | None:
        ids = [snapshot.application_id for snapshot in self.snapshots]
        result = self.ops.run(lambda s: s.applications.delete_many(ids), asked=len(ids))
        if result is not None:
            self.snapshots = result.value
        return result


class ImportCommand(_Command):
    """An import: undone by deleting the cards it added (kept as snapshots), redone by
    putting them back exactly."""

    def __init__(self, ops: Operations, text: str, added: list[int]) -> None:
        super().__init__(ops, text)
        self.added = added
        self.snapshots: list[CardSnapshot] = []

    def undo_it(self) -> object | None:
        ids = self.added
        result = self.ops.run(lambda s: s.applications.delete_many(ids), asked=len(ids))
        if result is not None:
            self.snapshots = result.value
        return result

    def redo_it(self) -> Changes | None:
        return self.ops.run(lambda s: s.applications.undelete_many(self.snapshots))


class SettingsCommand(_Command):
    """A change of settings: undone by putting the stored values back (every card is
    re-planned again; a reminder already shown stays shown), redone by changing them
    once more."""

    def __init__(self, ops: Operations, text: str, change: SettingsChange) -> None:
        super().__init__(ops, text)
        self.change = change

    def undo_it(self) -> object | None:
        return self.ops.run(lambda s: s.settings.restore(self.change.before))

    def redo_it(self) -> object | None:
        return self.ops.run(lambda s: s.settings.change(self.change.after))

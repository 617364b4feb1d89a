"""What a write operation hands back: its value, what it changed, and how to undo it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.persistence.snapshots import BoardFollowUps, CardState

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class States:
    """Cards (and the board's own follow-ups) as they were at one moment."""

    cards: tuple[CardState, ...] = ()
    board: BoardFollowUps | None = None

    @property
    def card_ids(self) -> tuple[int, ...]:
        return tuple(state.application_id for state in self.cards)


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """`before` is what undo puts back, exactly. What redo puts back is taken by the
    undo itself (`UndoService.put_back` returns the states it replaced), so an
    operation pays nothing for a redo that may never come."""

    value: T
    changes: Changes
    before: States = field(default_factory=States)

    @property
    def happened(self) -> bool:
        return bool(self.changes)

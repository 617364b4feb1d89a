"""What every service shares: the database, the clock and the system's time zone."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from jobhunt_desktop.domain.changes import NOTHING, Changes
from jobhunt_desktop.domain.clock import Clock
from jobhunt_desktop.domain.settings import Settings, from_stored
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import SettingsRepository, StageRepository
from jobhunt_desktop.services.outcome import Outcome, States

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass
class Operation:
    """One undoable write in progress: its session, the cards as they were before it,
    and what it changed (filled in when the block ends)."""

    session: Session
    card_ids: list[int]
    before: States = field(default_factory=States)
    changes: Changes = NOTHING
    read: list[Any] = field(default_factory=list)  # what `also` asked for, read with the rest

    def outcome(self, value: T) -> Outcome[T]:
        return Outcome(value, self.changes, self.before)


class Service:
    def __init__(self, db: Database, clock: Clock, default_zone: str) -> None:
        self.db = db
        self.clock = clock
        self.default_zone = default_zone

    def now(self) -> datetime:
        return self.clock.now()

    def settings_in(self, session: Session) -> Settings:
        return from_stored(SettingsRepository(session).all(), self.default_zone)

    def settings(self) -> Settings:
        with self.db.read() as session:
            return self.settings_in(session)

    @contextmanager
    def operation(
        self,
        application_ids: Sequence[int],
        board: bool = False,
        also: Sequence[Callable[[Session], Any]] = (),
    ) -> Iterator[Operation]:
        """A write transaction that keeps the given cards' states for undo and redo.
        `also`: reads of the operation's own that need nothing it reads (`op.read`)."""
        with self.db.write() as session:
            op = Operation(session, list(application_ids))
            # With the states, what nearly every operation reads next, kept for the
            # transaction (the stages, the settings): one round trip on a server.
            op.before, _, _, *op.read = together(
                session,
                lambda: self.states(session, op.card_ids, board),
                StageRepository(session).all,
                SettingsRepository(session).all,
                *(partial(read, session) for read in also),
            )
            yield op
        op.changes = written(session)

    @staticmethod
    def states(
        session: Session, application_ids: Sequence[int], board: bool = False, links: bool = True
    ) -> States:
        """The cards as they are now in this transaction, for an exact undo or redo
        (without `links`: all but their tags and contacts, which the operation keeps)."""
        session.flush()
        cards, others = together(
            session,
            lambda: snapshots.take_states(session, application_ids, links),
            lambda: snapshots.take_board_followups(session) if board else None,
        )
        return States(cards, others)

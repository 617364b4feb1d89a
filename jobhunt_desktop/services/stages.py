"""The board's columns: list, add, rename, recolour, reorder, hide."""

from __future__ import annotations

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import (
    ClosedReason,
    Stage,
    StageKind,
    normalise_colour,
    stage_reason,
)
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import HistoryRepository, StageRepository
from jobhunt_desktop.persistence.repositories.history import STAGE_RENAMED
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome

MAX_NAME = 80


def _clean_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise UserError("a stage needs a name")
    if len(text) > MAX_NAME:
        raise UserError(f"a stage name has at most {MAX_NAME} characters")
    return text


class StageService(Service):
    def all(self) -> list[Stage]:
        with self.db.read() as session:
            return StageRepository(session).all()

    def add(
        self,
        name: str,
        kind: StageKind = StageKind.ACTIVE,
        colour: str = "#64748b",
        position: int | None = None,
        closed_reason: ClosedReason | None = None,
    ) -> Outcome[Stage]:
        """A new column; a closed-lost one closes its cards as `closed_reason`, or as
        its name suggests (Rejected: rejected; anything else: ghosted)."""
        text = _clean_name(name)
        reason = stage_reason(kind, text, closed_reason, None)
        with self.db.write() as session:
            repo = StageRepository(session)
            self._check_free(repo, text)
            value = repo.add(text, kind, normalise_colour(colour), reason)
            if position is not None:
                self._place(repo, value.id, position)
                value = repo.get(value.id)
        return Outcome(value, written(session))

    def rename(self, stage: str | int, new_name: str) -> Outcome[Stage]:
        text = _clean_name(new_name)
        with self.db.write() as session:
            repo = StageRepository(session)
            current = repo.by_ref(stage)
            if text.casefold() != current.name.casefold():
                self._check_free(repo, text)
            value = repo.change(current.id, name=text)
            if text != current.name:  # history keeps the names it was told: say which is which
                HistoryRepository(session).record(
                    None, self.now(), STAGE_RENAMED, "stage", current.name, text
                )
        return Outcome(value, written(session))

    def update(
        self,
        stage: str | int,
        colour: str | None = None,
        kind: StageKind | None = None,
        hidden: bool | None = None,
        closed_reason: ClosedReason | None = None,
    ) -> Outcome[Stage]:
        with self.db.write() as session:
            repo = StageRepository(session)
            current = repo.by_ref(stage)
            new_kind = kind or current.kind
            keep = None if new_kind is not current.kind else current.closed_reason
            value = repo.change(
                current.id,
                colour=None if colour is None else normalise_colour(colour),
                kind=kind,
                hidden=hidden,
                closed_reason=stage_reason(new_kind, current.name, closed_reason, keep),
            )
        return Outcome(value, written(session))

    def reorder(self, stage: str | int, position: int) -> Outcome[list[Stage]]:
        """Move a column to a 1-based place; the others close up around it."""
        with self.db.write() as session:
            repo = StageRepository(session)
            self._place(repo, repo.by_ref(stage).id, position - 1)
            value = repo.all()
        return Outcome(value, written(session))

    def remove(self, stage: str | int) -> Changes:
        """Only an empty column can go: cards are never dropped with it."""
        with self.db.write() as session:
            repo = StageRepository(session)
            target = repo.by_ref(stage)
            count = repo.card_count(target.id)
            if count:
                raise UserError(
                    f"stage '{target.name}' still holds {counted(count, 'application')}; "
                    "move them first"
                )
            if len(repo.all()) == 1:
                raise UserError("the board needs at least one stage")
            repo.delete(target.id)
            repo.order([s.id for s in repo.all()])
        return written(session)

    @staticmethod
    def _check_free(repo: StageRepository, name: str) -> None:
        if any(s.name.casefold() == name.casefold() for s in repo.all()):
            raise UserError(f"a stage named '{name}' already exists")

    @staticmethod
    def _place(repo: StageRepository, stage_id: int, index: int) -> None:
        others = [s.id for s in repo.all() if s.id != stage_id]
        index = max(0, min(index, len(others)))
        repo.order([*others[:index], stage_id, *others[index:]])

"""The board's columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.errors import NotFoundError
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind
from jobhunt_desktop.domain.validation import id_in
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.models import ApplicationRow, StageRow
from jobhunt_desktop.persistence.repositories.common import row_by_id


class StageRepository:
    """The columns are read once per transaction, however often an operation asks
    for them, and read again after a change to them."""

    _READ = "jobhunt.stages"

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Stage]:
        found = self.session.info.get(self._READ)
        if found is None:
            rows = self.session.scalars(select(StageRow).order_by(StageRow.position, StageRow.id))
            found = self.session.info[self._READ] = tuple(mapping.stage(row) for row in rows)
        return list(found)

    def get(self, stage_id: int) -> Stage:
        found = next((s for s in self.all() if s.id == stage_id), None)
        if found is None:
            raise NotFoundError(f"no stage with id {stage_id}")
        return found

    def by_ref(self, stage: int | str) -> Stage:
        """A stage by id (an int, or ASCII digits as typed) or else by name."""
        if isinstance(stage, int):
            return self.get(stage)
        number = id_in(stage)
        return self.get(number) if number is not None else self.by_name(stage.strip())

    def by_name(self, name: str) -> Stage:
        key = name.casefold()
        found = next((s for s in self.all() if s.name.casefold() == key), None)
        if found is None:
            known = ", ".join(s.name for s in self.all())
            raise NotFoundError(f"no stage named '{name}'; stages are: {known}")
        return found

    def first_of_kind(self, kind: StageKind) -> Stage | None:
        return next((s for s in self.all() if s.kind is kind), None)

    def ids_of_kinds(self, kinds: Sequence[StageKind]) -> list[int]:
        return [s.id for s in self.all() if s.kind in kinds]

    def card_count(self, stage_id: int) -> int:
        """Cards in the column, archived ones included."""
        query = select(func.count(ApplicationRow.id)).where(ApplicationRow.stage_id == stage_id)
        return int(self.session.scalar(query) or 0)

    def add(
        self, name: str, kind: StageKind, colour: str, closed_reason: ClosedReason | None = None
    ) -> Stage:
        """A new column at the end of the board."""
        count = self.session.scalar(select(func.count(StageRow.id))) or 0
        row = StageRow(
            name=name,
            name_key=name.casefold(),
            position=int(count),
            colour=colour,
            kind=kind,
            hidden=False,
            closed_reason=closed_reason,
        )
        self.session.add(row)
        self.session.flush()
        self._forget()
        return mapping.stage(row)

    def change(
        self,
        stage_id: int,
        name: str | None = None,
        colour: str | None = None,
        kind: StageKind | None = None,
        hidden: bool | None = None,
        closed_reason: ClosedReason | Literal["keep"] | None = "keep",
    ) -> Stage:
        row = self._row(stage_id)
        meaning = kind is not None and kind != row.kind
        if closed_reason != "keep" and closed_reason != row.closed_reason:
            row.closed_reason = closed_reason
            meaning = True
        if name is not None:
            row.name = name
            row.name_key = name.casefold()
        if colour is not None:
            row.colour = colour
        if kind is not None:
            row.kind = kind
        if hidden is not None:
            row.hidden = hidden
        self.session.flush()
        self._forget(meaning=meaning)
        return mapping.stage(row)

    def order(self, stage_ids: Sequence[int]) -> None:
        """Number the columns 0..n-1 in this order (no gaps, no ties)."""
        for number, stage_id in enumerate(stage_ids):
            row = self._row(stage_id)
            if row.position != number:
                row.position = number
        self.session.flush()
        self._forget(meaning=False)

    def delete(self, stage_id: int) -> None:
        self.session.delete(self._row(stage_id))
        self.session.flush()
        self._forget()

    def _forget(self, meaning: bool = True) -> None:
        """After a change to the columns: read them again; and, when what a column
        means changed (a kind, a column come or gone), let the rules know. A name,
        a colour or an order is nothing the rules read."""
        self.session.info.pop(self._READ, None)
        if meaning:
            recorder(self.session).touch(stages=True)

    def _row(self, stage_id: int) -> StageRow:
        return row_by_id(self.session, StageRow, stage_id, "no stage with id")

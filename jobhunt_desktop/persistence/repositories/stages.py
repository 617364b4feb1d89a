"""The board's columns."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.errors import NotFoundError
from jobhunt_desktop.domain.stages import Stage, StageKind
from jobhunt_desktop.domain.validation import id_in
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.models import ApplicationRow, StageRow
from jobhunt_desktop.persistence.repositories.common import row_by_id


class StageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Stage]:
        rows = self.session.scalars(select(StageRow).order_by(StageRow.position, StageRow.id))
        return [mapping.stage(row) for row in rows]

    def get(self, stage_id: int) -> Stage:
        return mapping.stage(self._row(stage_id))

    def by_ref(self, stage: int | str) -> Stage:
        """A stage by id (an int, or ASCII digits as typed) or else by name."""
        if isinstance(stage, int):
            return self.get(stage)
        number = id_in(stage)
        return self.get(number) if number is not None else self.by_name(stage.strip())

    def by_name(self, name: str) -> Stage:
        row = self.session.scalar(select(StageRow).where(StageRow.name_key == name.casefold()))
        if row is None:
            known = ", ".join(s.name for s in self.all())
            raise NotFoundError(f"no stage named '{name}'; stages are: {known}")
        return mapping.stage(row)

    def first_of_kind(self, kind: StageKind) -> Stage | None:
        row = self.session.scalar(
            select(StageRow).where(StageRow.kind == kind).order_by(StageRow.position).limit(1)
        )
        return mapping.stage(row) if row is not None else None

    def card_count(self, stage_id: int) -> int:
        """Cards in the column, archived ones included."""
        query = select(func.count(ApplicationRow.id)).where(ApplicationRow.stage_id == stage_id)
        return int(self.session.scalar(query) or 0)

    def add(self, name: str, kind: StageKind, colour: str) -> Stage:
        """A new column at the end of the board."""
        count = self.session.scalar(select(func.count(StageRow.id))) or 0
        row = StageRow(
            name=name,
            name_key=name.casefold(),
            position=int(count),
            colour=colour,
            kind=kind,
            hidden=False,
        )
        self.session.add(row)
        self.session.flush()
        return mapping.stage(row)

    def change(
        self,
        stage_id: int,
        name: str | None = None,
        colour: str | None = None,
        kind: StageKind | None = None,
        hidden: bool | None = None,
    ) -> Stage:
        row = self._row(stage_id)
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
        return mapping.stage(row)

    def order(self, stage_ids: Sequence[int]) -> None:
        """Number the columns 0..n-1 in this order (no gaps, no ties)."""
        for number, stage_id in enumerate(stage_ids):
            row = self._row(stage_id)
            if row.position != number:
                row.position = number
        self.session.flush()

    def delete(self, stage_id: int) -> None:
        self.session.delete(self._row(stage_id))
        self.session.flush()

    def _row(self, stage_id: int) -> StageRow:
        return row_by_id(self.session, StageRow, stage_id, "no stage with id")

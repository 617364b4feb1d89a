"""What happened to each card, as the person did it: kept, and marked when undone."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.readmodels import HistoryEntry
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    HistoryRow,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip

# A stage given a new name: an entry of no card, old name to new. History keeps the
# names it was told at the time; this says which later name each became.
STAGE_RENAMED = "stage renamed"


class HistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        application_id: int | None,
        at: datetime,
        action: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        recorder(self.session).note(  # written with the change's end: no trip of its own
            {
                "application_id": application_id,
                "at": at,
                "action": action,
                "field": field,
                "old_value": old,
                "new_value": new,
                "undone": False,
            }
        )

    def mark_undone(self, entry_ids: Collection[int], undone: bool) -> None:
        """An undo keeps the entries it took back, marked; a redo clears the mark (on
        a server with the next round trip)."""
        table = cast(Table, HistoryRow.__table__)
        for chunk in chunks(list(entry_ids)):
            marked = update(table).where(table.c.id.in_(chunk)).values(undone=undone)
            with_next_trip(self.session, marked)
        recorder(self.session).history.update(entry_ids)

    def for_application(self, application_id: int) -> list[HistoryEntry]:
        rows = self.session.scalars(
            select(HistoryRow)
            .where(HistoryRow.application_id == application_id)
            .order_by(HistoryRow.at, HistoryRow.id)
        )
        return [
            HistoryEntry(
                at=r.at or r.at,
                action=r.action,
                field=r.field,
                old_value=r.old_value,
                new_value=r.new_value,
                undone=bool(r.undone),
            )
            for r in rows
        ]

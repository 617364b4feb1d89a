"""A deleted card's rows, kept so that deleting can be undone exactly (same ids)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    EventRow,
    FollowUpRow,
    HistoryRow,
    application_contacts,
    application_tags,
)

# Parents before children, so foreign keys hold while rows go back in.
_TABLES: tuple[Table, ...] = (
    ApplicationRow.__table__,  # type: ignore[assignment]
    application_tags,
    application_contacts,
    EventRow.__table__,
    FollowUpRow.__table__,
    HistoryRow.__table__,
)


@dataclass(frozen=True)
class CardSnapshot:
    application_id: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


def take(session: Session, application_id: int) -> CardSnapshot:
    collected = []
    for table in _TABLES:
        key = table.c.id if table.name == "applications" else table.c.application_id
        order = [table.c.id] if "id" in table.c else []
        result = session.execute(select(table).where(key == application_id).order_by(*order))
        collected.append((table.name, tuple(dict(row._mapping) for row in result)))
    return CardSnapshot(application_id, tuple(collected))


def put_back(session: Session, snapshot: CardSnapshot) -> None:
    by_name = {table.name: table for table in _TABLES}
    for name, rows in snapshot.rows:
        if rows:
            session.execute(insert(by_name[name]), list(rows))

"""After rows came in with their ids (a whole import), the next new row must get an id
past them. SQLite's AUTOINCREMENT keeps track of explicit ids by itself; a server's
sequences do not, so each is set past the highest id its table holds. This module is
the one place that knows which dialect needs it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Integer, Table, func, select
from sqlalchemy.orm import Session


def advance_past_ids(session: Session, tables: Iterable[Table]) -> None:
    """Move each table's id sequence past its highest id (nothing to do on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue  # association tables: no sequence
        key = keys[0]
        sequence = func.pg_get_serial_sequence(table.name, key.name)
        highest = select(func.coalesce(func.max(key), 0)).scalar_subquery()
        # setval(seq, n, false): the next id handed out is n
        session.execute(
            select(func.setval(sequence, highest + 1, False)).where(sequence.is_not(None))
        )

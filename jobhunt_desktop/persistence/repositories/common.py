"""Lookups every repository shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from jobhunt_desktop.domain.entities import (
    FollowUpState,
)
from jobhunt_desktop.domain.errors import GoneError, NotFoundError
from jobhunt_desktop.domain.validation import MAX_ID
from jobhunt_desktop.persistence.models import ContactRow, TagRow

OPEN_STATES = (FollowUpState.PENDING.value, FollowUpState.SNOOZED.value)
RowT = TypeVar("RowT")


def all_gone(what: str, ids: Sequence[int]) -> GoneError:
    if len(ids) == 1:
        return GoneError(f"no {what} with id {ids[0]}", len(ids))
    return GoneError(f"none of these {len(ids)} {what}s exists any more", len(ids))


def row_by_id(
    session: Session,
    kind: type[RowT],
    row_id: int,
    missing: str,
    options: Sequence[ORMOption] = (),
) -> RowT:
    """The row with that id (loaded with `options`); NotFoundError also for an id no
    table can hold (the driver would otherwise fail to bind an integer beyond 64 bits)."""
    row = session.get(kind, row_id, options=options) if 1 <= row_id <= MAX_ID else None
    if row is None:
        raise NotFoundError(f"{missing} {row_id}")
    return row


def rowcount(result: Any) -> int:
    return int(result.rowcount)


def names_by_card(
    session: Session, links: Table, link: str, named: type[TagRow | ContactRow]
) -> dict[int, list[str]]:
    """The names linked to each card (its tags, its contacts), in alphabetical order,
    in one query for every card."""
    found: dict[int, list[str]] = {}
    query = (
        select(links.c.application_id, named.name)
        .join(named, named.id == links.c[link])
        .order_by(named.name)
    )
    for app_id, name in session.execute(query):
        found.setdefault(app_id, []).append(name)
    return found

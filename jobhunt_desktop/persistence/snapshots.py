"""A card's rows, kept so that a change can be undone exactly (same ids): all of
them for a deleted card, its state for one that was moved, edited or logged on."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.entities import Event
from jobhunt_desktop.domain.validation import MAX_ID
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.board_query import OPEN_STATES
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    AttachmentRow,
    EventRow,
    FollowUpRow,
    HistoryRow,
    application_contacts,
    application_tags,
)
from jobhunt_desktop.persistence.one_trip import together, with_next_trip
from jobhunt_desktop.persistence.repositories import owed_columns

# Parents before children, so foreign keys hold while rows go back in.
_TABLES: tuple[Table, ...] = tuple(
    cast(Table, table)
    for table in (
        ApplicationRow.__table__,
        application_tags,
        application_contacts,
        EventRow.__table__,
        FollowUpRow.__table__,
        AttachmentRow.__table__,  # their contents (blobs) are shared, and stay
        HistoryRow.__table__,
    )
)


@dataclass(frozen=True)
class CardSnapshot:
    application_id: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


def take_many(session: Session, application_ids: Sequence[int]) -> list[CardSnapshot]:
    """`take` for several cards, a table in a statement (all of them in one round trip
    on a server), in the order asked; cards that do not exist have none."""
    ids = sorted({i for i in application_ids if 1 <= i <= MAX_ID})

    def rows_of(table: Table) -> list[dict[str, Any]]:
        key = table.c.id if table.name == "applications" else table.c.application_id
        order = [table.c.id] if "id" in table.c else [*table.primary_key.columns]
        return [
            dict(row._mapping)
            for chunk in chunks(ids)
            for row in session.execute(select(table).where(key.in_(chunk)).order_by(*order))
        ]

    read = together(session, *(partial(rows_of, table) for table in _TABLES)) if ids else []
    by_card: dict[int, list[tuple[str, tuple[dict[str, Any], ...]]]] = {i: [] for i in ids}
    for table, found in zip(_TABLES, read, strict=True):
        column = "id" if table.name == "applications" else "application_id"
        grouped: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        for row in found:
            grouped[row[column]].append(row)
        for card, rows in grouped.items():
            by_card[card].append((table.name, tuple(rows)))
    return [
        CardSnapshot(card, tuple(by_card[card]))
        for card in dict.fromkeys(application_ids)
        if card in by_card and by_card[card] and by_card[card][0][1]
    ]


def put_back(session: Session, snapshot: CardSnapshot) -> None:
    """A deleted card back with all its rows and their ids; on a server the rows go
    with the transaction's next round trip."""
    by_name = {table.name: table for table in _TABLES}
    for name, rows in snapshot.rows:
        if rows:
            with_next_trip(session, insert(by_name[name]), list(rows))
    recorder(session).cards.add(snapshot.application_id)
    recorder(session).touch(everything=True)


_FOLLOWUPS = cast(Table, FollowUpRow.__table__)

# What undo puts back on a card that still exists: its own row, tags, contacts,
# events, follow-ups and attachments. History is not rewritten; the operation's entries are
# marked undone instead. Delivery bookkeeping stays as it is now, so a reminder
# already shown is never owed again because of an undo.
_STATE_TABLES: tuple[Table, ...] = _TABLES[:6]
# Left out of a state taken without links: no move, archive or log changes them.
_LINKS = (application_tags, application_contacts, cast(Table, AttachmentRow.__table__))
_KEEP_ON_FOLLOWUP = (
    "notified_at",
    "notify_at",
    "claimed_at",
    "claimed_by",
    "attempts",
    "last_error",
)
_NOT_RESTORED = ("version",)


@dataclass(frozen=True)
class CardState:
    """A card's rows at one moment, to return it there exactly (undo and redo)."""

    application_id: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


@dataclass(frozen=True)
class BoardFollowUps:
    """Follow-ups that belong to no card (the search as a whole, R12)."""

    rows: tuple[dict[str, Any], ...]


def take_states(
    session: Session, application_ids: Sequence[int], links: bool = True
) -> tuple[CardState, ...]:
    """The rows of several cards, a few queries in all. Without `links`, the card's
    tags and contacts are left out (an operation that cannot change them: a move,
    archiving), and putting the state back leaves them as they are then."""
    ids = sorted(set(application_ids))
    if not ids:
        return ()
    grouped: dict[int, list[tuple[str, tuple[dict[str, Any], ...]]]] = {i: [] for i in ids}
    tables = _STATE_TABLES if links else tuple(t for t in _STATE_TABLES if t not in _LINKS)

    def rows_of(table: Table) -> list[dict[str, Any]]:
        key = table.c.id if table.name == "applications" else table.c.application_id
        order = [table.c.id] if "id" in table.c else [*table.primary_key.columns]
        return [
            dict(row._mapping)
            for chunk in chunks(ids)
            for row in session.execute(select(table).where(key.in_(chunk)).order_by(*order))
        ]

    read = together(session, *(partial(rows_of, table) for table in tables))  # one trip
    for table, found in zip(tables, read, strict=True):
        by_card: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        for values in found:
            by_card[values["id" if table.name == "applications" else "application_id"]].append(
                values
            )
        for card, rows in by_card.items():
            grouped[card].append((table.name, tuple(rows)))
    return tuple(CardState(card, tuple(grouped[card])) for card in ids if grouped[card][0][1])


def card_rows(states: Sequence[CardState]) -> dict[int, dict[str, Any]]:
    """Each card's own row as its state holds it."""
    return {s.application_id: dict(s.rows)["applications"][0] for s in states}


def stories(
    states: Sequence[CardState], application_ids: Collection[int]
) -> dict[int, list[Event]]:
    """The events of these cards as their states hold them, ordered as
    EventRepository.for_applications orders them: an operation that took the states
    for its undo reads them from there instead of asking the store again."""
    found: dict[int, list[Event]] = {}
    for state in states:
        rows = dict(state.rows).get("events", ())
        if state.application_id in application_ids and rows:
            events = [mapping.event(SimpleNamespace(**row)) for row in rows]
            found[state.application_id] = sorted(events, key=lambda e: (e.occurred_at, e.id))
    return found


def take_board_followups(session: Session) -> BoardFollowUps:
    table = _FOLLOWUPS
    rows = session.execute(select(table).where(table.c.application_id.is_(None)))
    return BoardFollowUps(tuple(dict(row._mapping) for row in rows))


def put_states(
    session: Session,
    states: Sequence[CardState],
    now: datetime,
    current: Sequence[CardState],
) -> None:
    """Return cards to the states taken: rows that appeared since go (follow-ups
    already shown are superseded instead, so they are never shown again), rows that
    went come back with their ids, the rest take their old values. `current`: the same
    cards as this transaction found them (take_states), what is compared with; so
    nothing is read here, and on a server the writes go with the next round trip."""
    by_name = {table.name: table for table in _STATE_TABLES}
    now_rows = {state.application_id: dict(state.rows) for state in current}
    for state in states:
        card = state.application_id
        found = now_rows.get(card, {})
        for name, rows in state.rows:
            table = by_name[name]
            if name == "applications":
                (values,) = rows
                values = {k: v for k, v in values.items() if k not in _NOT_RESTORED}
                with_next_trip(session, update(table).where(table.c.id == card).values(values))
            elif name in ("application_tags", "application_contacts"):
                with_next_trip(session, delete(table).where(table.c.application_id == card))
                if rows:
                    with_next_trip(session, insert(table), list(rows))
            elif name in ("events", "attachments"):
                present = {row["id"] for row in found.get(name, ())}
                _put_rows(session, table, rows, present)
            else:
                _put_followups(session, rows, now, found.get(name, ()))
        recorder(session).cards.add(card)
    recorder(session).touch(everything=True)  # stages, offers, dates: all may be back


def put_board_followups(
    session: Session, state: BoardFollowUps, now: datetime, current: BoardFollowUps
) -> None:
    """`put_states` for the follow-ups of no card; `current`: as they are now."""
    _put_followups(session, state.rows, now, current.rows)


def _put_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], present: set[int]
) -> None:
    wanted = {row["id"]: row for row in rows}
    if present - wanted.keys():
        with_next_trip(
            session, delete(table).where(table.c.id.in_(sorted(present - wanted.keys())))
        )
    for row_id, values in wanted.items():
        if row_id in present:
            with_next_trip(session, update(table).where(table.c.id == row_id).values(values))
        else:
            with_next_trip(session, insert(table).values(values))


def _put_followups(
    session: Session,
    rows: Sequence[dict[str, Any]],
    now: datetime,
    current_rows: Sequence[dict[str, Any]],
) -> None:
    table = _FOLLOWUPS
    wanted = {row["id"]: row for row in rows}
    present = {row["id"]: row for row in current_rows}
    unseen = [
        row_id
        for row_id, current in present.items()
        if row_id not in wanted and current["notified_at"] is None and not current["claimed_by"]
    ]
    if unseen:  # came with the change and never shown: as if it had never been
        with_next_trip(session, delete(table).where(table.c.id.in_(unseen)))
        recorder(session).followups.update(unseen)
    for row_id, current in present.items():
        if row_id in unseen:
            continue
        if row_id in wanted:
            values = {k: v for k, v in wanted[row_id].items() if k not in _KEEP_ON_FOLLOWUP}
            merged = {**current, **values}
        elif current["state"] in OPEN_STATES:
            merged = {**current, "state": "superseded", "resolved_at": now}
        else:
            continue
        merged.update(
            owed_columns(
                merged["state"], merged["remind_at"], merged["notified_at"], merged["notify_at"]
            )
        )
        if merged != current:
            with_next_trip(session, update(table).where(table.c.id == row_id).values(merged))
            recorder(session).followups.add(row_id)
    for row_id, values in wanted.items():
        if row_id not in present:
            with_next_trip(session, insert(table).values(values))
            recorder(session).followups.add(row_id)

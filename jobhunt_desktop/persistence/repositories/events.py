"""What happened on each card: interviews, replies, rejections, offers, messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jobhunt_desktop.domain.entities import Event, EventKind
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import EventRow
from jobhunt_desktop.persistence.one_trip import Returned, with_next_trip
from jobhunt_desktop.persistence.repositories.common import row_by_id

_EVENT_FIELDS = tuple(f.name for f in fields(Event))
# What an event's details may say: everything but what the repository sets itself.
DETAILS = frozenset(_EVENT_FIELDS) - {
    "id",
    "application_id",
    "kind",
    "occurred_at",
    "recorded_at",
    "zone",
}


@dataclass(frozen=True)
class SoonEvent:
    """An event on its way to the store: what it says (`says`, its id still 0), and
    the event as stored once its round trip is back (`stored`; asking sends it)."""

    says: Event
    returned: Returned

    def stored(self) -> Event:
        return replace(self.says, id=self.returned.rows()[0][0])


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_application(self, application_id: int) -> list[Event]:
        return self.for_applications([application_id]).get(application_id, [])

    def for_applications(self, application_ids: Sequence[int]) -> dict[int, list[Event]]:
        """In plain rows, not ORM objects: planning reads them after every write."""
        table = EventRow.__table__
        grouped: dict[int, list[Event]] = {}
        for chunk in chunks(application_ids):
            rows = self.session.execute(
                select(table)
                .where(table.c.application_id.in_(chunk))
                .order_by(table.c.occurred_at, table.c.id)
            )
            for row in rows:
                grouped.setdefault(row.application_id, []).append(mapping.event(row))
        return grouped

    def get(self, event_id: int) -> Event:
        return mapping.event(self._row(event_id))

    def add(
        self,
        application_id: int,
        kind: EventKind,
        occurred_at: datetime,
        recorded_at: datetime,
        zone: str,
        **details: Any,
    ) -> Event:
        """Log an event on the card; `details` are the other fields of `Event`."""
        return self.add_soon(
            application_id, kind, occurred_at, recorded_at, zone, **details
        ).stored()

    def add_soon(
        self,
        application_id: int,
        kind: EventKind,
        occurred_at: datetime,
        recorded_at: datetime,
        zone: str,
        **details: Any,
    ) -> SoonEvent:
        """`add`, sent with the transaction's next round trip on a server."""
        values = {
            "application_id": application_id,
            "kind": kind,
            "occurred_at": occurred_at,
            "recorded_at": recorded_at,
            "zone": zone,
            **_only_details(details),
        }
        table = cast(Table, EventRow.__table__)
        returned = with_next_trip(self.session, insert(table).values(values).returning(table.c.id))
        self._noted(application_id, kind)
        return SoonEvent(_as_stored({**values, "id": 0}), returned)

    def fill_in_soon(self, implied: Event, occurred_at: datetime, **details: Any) -> Event:
        """An event a stage move implied, now logged: it takes the logged time and
        details and is no longer implied (moving back leaves it). It keeps the time it
        was first recorded: the app knew of it since the move, so it is no news. Sent
        with the next round trip on a server."""
        return self.correct_soon(implied, occurred_at=occurred_at, implied=False, **details)

    def correct_soon(self, event: Event, **fields: Any) -> Event:
        """Change what an event read in this transaction says, its time included (a
        correction, not a log): nothing is read again, and on a server it goes with
        the next round trip. Returns the event as it now is."""
        occurred = fields.pop("occurred_at", None)
        values = _only_details(fields) | ({} if occurred is None else {"occurred_at": occurred})
        table = cast(Table, EventRow.__table__)
        with_next_trip(self.session, update(table).where(table.c.id == event.id).values(values))
        self._noted(event.application_id, event.kind)
        row = self.session.identity_map.get(identity_key(EventRow, event.id))
        if row is not None:  # what the session holds would be out of date
            self.session.expire(row)
        return _as_stored({name: getattr(event, name) for name in _EVENT_FIELDS} | values)

    def _noted(self, application_id: int, kind: EventKind) -> None:
        """For the operation's Changes, what a flush would have noted."""
        recorder(self.session).cards.add(application_id)
        if kind is EventKind.OFFER:
            recorder(self.session).touch(offer_events=True)

    def update(self, event_id: int, **details: Any) -> Event:
        row = self._row(event_id)
        for name, value in _only_details(details).items():
            setattr(row, name, value)
        self.session.flush()
        self._touched(row)
        return mapping.event(row)

    def add_implied(self, news: Sequence[tuple[int, EventKind]], at: datetime, zone: str) -> None:
        """The events a move of several cards implies, (card, kind) each, in one
        statement; on a server it goes with the reads that follow (the re-plan's)."""
        if not news:
            return
        rows = [
            {
                "application_id": card,
                "kind": kind,
                "occurred_at": at,
                "recorded_at": at,
                "zone": zone,
                "implied": True,
            }
            for card, kind in news
        ]
        with_next_trip(self.session, insert(cast(Table, EventRow.__table__)), rows)
        seen = recorder(self.session)
        seen.cards.update(card for card, _ in news)
        if any(kind is EventKind.OFFER for _, kind in news):
            seen.touch(offer_events=True)

    def delete_many(self, events: Sequence[Event]) -> None:
        """Several events, read in this transaction, in one statement; on a server it
        goes with the reads that follow (the re-plan's)."""
        if not events:
            return
        table = cast(Table, EventRow.__table__)
        with_next_trip(self.session, delete(table).where(table.c.id.in_([e.id for e in events])))
        seen = recorder(self.session)
        seen.cards.update(e.application_id for e in events)
        if any(e.kind is EventKind.OFFER for e in events):
            seen.touch(offer_events=True)
        for event in events:  # a row the session holds is gone
            row = self.session.identity_map.get(identity_key(EventRow, event.id))
            if row is not None:
                self.session.expunge(row)

    def delete(self, event_id: int) -> None:
        row = self._row(event_id)
        self._touched(row)
        self.session.delete(row)
        self.session.flush()

    def _touched(self, row: EventRow) -> None:
        if row.kind is EventKind.OFFER:
            recorder(self.session).touch(offer_events=True)

    def _row(self, event_id: int) -> EventRow:
        return row_by_id(self.session, EventRow, event_id, "no event with id")


def _as_stored(values: dict[str, Any]) -> Event:
    """The event these column values make, as reading its row gives it (in UTC)."""
    columns = cast(Table, EventRow.__table__).c
    return mapping.event(SimpleNamespace(**{c.name: values.get(c.name) for c in columns}))


def _only_details(details: dict[str, Any]) -> dict[str, Any]:
    unknown = set(details) - DETAILS
    if unknown:
        raise ValueError(f"not details of an event: {sorted(unknown)}")
    return details

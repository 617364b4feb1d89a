"""People at the employers, and which cards they are linked to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jobhunt_desktop.domain.entities import Contact
from jobhunt_desktop.domain.errors import NotFoundError
from jobhunt_desktop.domain.validation import MAX_ID
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    application_contacts,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip
from jobhunt_desktop.persistence.repositories.common import row_by_id

FIELDS = frozenset({"name", "role", "email", "phone", "profile_url", "notes"})


class ContactRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Contact]:
        rows = self.session.scalars(select(ContactRow).order_by(ContactRow.name, ContactRow.id))
        return [mapping.contact(row) for row in rows]

    def get(self, contact_id: int) -> Contact:
        return mapping.contact(self._row(contact_id))

    def on_card(self, application_id: int, name: str) -> Contact | None:
        """The contact of that name (any case) already linked to the card."""
        wanted = name.casefold()
        for row in self._card(application_id).contacts:
            if row.name.casefold() == wanted:
                return mapping.contact(row)
        return None

    def add(self, application_id: int, values: Mapping[str, Any], now: datetime) -> Contact:
        """A new contact at the card's company, linked to the card: the card's company
        read, the contact written (its id is needed), and the link sent with the next
        round trip on a server."""
        fields = _only_fields(values)
        cards = cast(Table, ApplicationRow.__table__)
        found = (
            self.session.execute(
                select(cards.c.company_id, CompanyRow.name)
                .join(CompanyRow, CompanyRow.id == cards.c.company_id)
                .where(cards.c.id == application_id)
            ).first()
            if 1 <= application_id <= MAX_ID
            else None
        )
        if found is None:
            raise NotFoundError(f"no application with id {application_id}")
        company_id, company = found
        table = cast(Table, ContactRow.__table__)
        made = insert(table).values(company_id=company_id, created_at=now, **fields)
        contact_id = int(with_next_trip(self.session, made.returning(table.c.id)).rows()[0][0])
        link = {"application_id": application_id, "contact_id": contact_id}
        with_next_trip(self.session, insert(application_contacts).values(link))
        seen = recorder(self.session)
        seen.flags.add("contacts")
        seen.cards.add(application_id)
        card = self.session.identity_map.get(identity_key(ApplicationRow, application_id))
        if card is not None:  # its contacts, as the session holds them, are one short
            self.session.expire(card)
        row = SimpleNamespace(id=contact_id, **{name: fields.get(name) for name in FIELDS})
        return mapping.contact(row, company)

    def update(self, contact_id: int, values: Mapping[str, Any]) -> Contact:
        row = self._row(contact_id)
        for name, value in _only_fields(values).items():
            setattr(row, name, value)
        self.session.flush()
        return mapping.contact(row)

    def link(self, application_id: int, contact_id: int) -> bool:
        """Link the contact to the card; False if it already was."""
        card, row = self._card(application_id), self._row(contact_id)
        if row in card.contacts:
            return False
        card.contacts.append(row)
        self.session.flush()
        return True

    def unlink(self, application_id: int, contact_id: int) -> bool:
        """Take the contact off the card (it stays a contact); False if it was not on it."""
        card, row = self._card(application_id), self._row(contact_id)
        if row not in card.contacts:
            return False
        card.contacts.remove(row)
        self.session.flush()
        return True

    def _row(self, contact_id: int) -> ContactRow:
        return row_by_id(self.session, ContactRow, contact_id, "no contact with id")

    def _card(self, application_id: int) -> ApplicationRow:
        return row_by_id(self.session, ApplicationRow, application_id, "no application with id")


def _only_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - FIELDS
    if unknown:
        raise ValueError(f"not fields of a contact: {sorted(unknown)}")
    return dict(values)

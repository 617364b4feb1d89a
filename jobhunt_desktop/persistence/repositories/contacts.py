"""People at the employers, and which cards they are linked to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.entities import Contact
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.models import ApplicationRow, ContactRow
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
        """A new contact at the card's company, linked to the card."""
        card = self._card(application_id)
        row = ContactRow(company_id=card.company_id, created_at=now, **_only_fields(values))
        self.session.add(row)
        card.contacts.append(row)
        self.session.flush()
        return mapping.contact(row)

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

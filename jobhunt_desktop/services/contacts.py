"""People at the employers: create, edit, link to applications, unlink."""

from __future__ import annotations

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.drafting import names_in
from jobhunt_desktop.domain.entities import Contact, ContactRole, EventKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.templates import same_person
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    ContactRepository,
    EventRepository,
    HistoryRepository,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome

_FIELDS = ("name", "role", "email", "phone", "profile_url", "notes")


def _clean(values: dict[str, str | ContactRole | None]) -> dict[str, str | ContactRole | None]:
    out: dict[str, str | ContactRole | None] = {}
    for key, value in values.items():
        if key not in _FIELDS:
            raise UserError(f"'{key}' is not a field of a contact")
        if isinstance(value, ContactRole):
            out[key] = value
            continue
        text = (value or "").strip()
        if key == "role" and text:
            try:
                out[key] = ContactRole(text.lower().replace(" ", "_"))
            except ValueError:
                allowed = ", ".join(r.value for r in ContactRole)
                raise UserError(f"'{value}' is not a contact role; use {allowed}") from None
            continue
        if key == "email" and text and ("@" not in text or " " in text):
            raise UserError(f"'{text}' is not an email address")
        out[key] = text or None
    if "name" in out and not out["name"]:
        raise UserError("a contact needs a name")
    return out


class ContactService(Service):
    def all(self) -> list[Contact]:
        with self.db.read() as session:
            return ContactRepository(session).all()

    def create(self, application_id: int, **fields: str | ContactRole | None) -> Outcome[Contact]:
        """A new contact, linked to the application at once."""
        values = _clean(fields)
        if not values.get("name"):
            raise UserError("a contact needs a name")
        now = self.now()
        with self.db.write() as session:
            value = ContactRepository(session).add(application_id, values, now)
            HistoryRepository(session).record(
                application_id, now, "contact", "added", None, value.name
            )
        return Outcome(value, written(session))

    def update(self, contact_id: int, **fields: str | ContactRole | None) -> Outcome[Contact]:
        values = _clean(fields)
        with self.db.write() as session:
            value = ContactRepository(session).update(contact_id, values)
        return Outcome(value, written(session))

    def link(self, application_id: int, contact_id: int) -> Changes:
        now = self.now()
        with self.db.write() as session:
            contacts = ContactRepository(session)
            if contacts.link(application_id, contact_id):
                name = contacts.get(contact_id).name
                HistoryRepository(session).record(
                    application_id, now, "contact", "linked", None, name
                )
        return written(session)

    def unlink(self, application_id: int, contact_id: int) -> Changes:
        now = self.now()
        with self.db.write() as session:
            contacts = ContactRepository(session)
            if contacts.unlink(application_id, contact_id):
                name = contacts.get(contact_id).name
                HistoryRepository(session).record(
                    application_id, now, "contact", "removed", name, None
                )
        return written(session)

    def add_interviewers(self, event_id: int) -> Outcome[list[Contact]]:
        """Make the people an interview names contacts of its card, in one step; one
        already there (written the same or shorter, "Dana" for "Dana Kim") is kept."""
        now = self.now()
        with self.operation([]) as op:
            session = op.session
            event = EventRepository(session).get(event_id)
            if event.kind is not EventKind.INTERVIEW:
                raise UserError(f"event {event_id} is not an interview")
            card = event.application_id
            op.card_ids.append(card)
            op.before = self.states(session, op.card_ids)
            contacts = ContactRepository(session)
            known = [c.name for c in ApplicationRepository(session).get(card).contacts]
            added = []
            for name in names_in(event.interviewers):
                if any(same_person(name, other) for other in known):
                    continue
                contact = contacts.add(
                    card, {"name": " ".join(name.split()), "role": ContactRole.INTERVIEWER}, now
                )
                HistoryRepository(session).record(card, now, "contact", "added", None, contact.name)
                known.append(contact.name)
                added.append(contact)
        return op.outcome(added)

"""What a draft is filled with: who it goes to and the values its template asks for.

Pure functions of what the card knows, so the window, the CLI and the tests draft
exactly the same message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jobhunt_desktop.domain.entities import (
    Application,
    Contact,
    Event,
    EventKind,
    FollowUp,
    FollowUpKind,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.templates import (
    format_day,
    format_moment,
    greeting_for,
    interview_round_phrase,
    join_names,
    same_person,
)
from jobhunt_desktop.domain.timeutil import local_date

_KEY_PART = re.compile(r":(interview|offer|rejection|moved):(\d+)")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str | None
    email: str | None
    contact_id: int | None

    @property
    def address(self) -> str:
        """What goes in the To line: "Name <email>", the email alone, or nothing."""
        if not self.email:
            return ""
        if self.name and not any(c in self.name for c in '<>",;@'):
            return f"{self.name} <{self.email}>"
        return self.email


NOBODY = Recipient(None, None, None)


def cause_event_id(followup: FollowUp | None, kind: str) -> int | None:
    """The event a follow-up was planned for, when its key names one of `kind`
    (keys read like ``app:7:R1:interview:42``)."""
    if followup is None:
        return None
    for found_kind, number in _KEY_PART.findall(followup.key):
        if found_kind == kind:
            return int(number)
    return None


def pick_followup(
    followups: Sequence[FollowUp], kind: FollowUpKind | None, now: datetime
) -> FollowUp | None:
    """The follow-up a draft answers: the open message follow-up of `kind` (any kind
    when None), the one due first, preferring those whose time has come."""
    candidates = [
        f
        for f in followups
        if f.state.is_open and f.kind.is_message and (kind is None or f.kind is kind)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda f: (f.remind_at > now, f.remind_at, f.id))


def recipient_for(app: Application, events: Sequence[Event]) -> Recipient:
    """The contact the latest next steps named, else the most recent one with an email."""
    by_id = {c.id: c for c in app.contacts}
    named = [e for e in events if e.contact_id is not None and e.contact_id in by_id]
    contact: Contact | None = None
    if named:
        latest = max(named, key=lambda e: (e.occurred_at, e.id))
        assert latest.contact_id is not None
        contact = by_id[latest.contact_id]
    if contact is None or not contact.email:
        with_email = [c for c in app.contacts if c.email]
        if with_email:
            contact = max(with_email, key=lambda c: c.id)
    if contact is None and app.contacts:
        contact = max(app.contacts, key=lambda c: c.id)
    if contact is None:
        return NOBODY
    return Recipient(contact.name, contact.email, contact.id)


def _interview(followup: FollowUp | None, events: Sequence[Event], now: datetime) -> Event | None:
    interviews = [e for e in events if e.kind is EventKind.INTERVIEW]
    wanted = cause_event_id(followup, "interview")
    moved = cause_event_id(followup, "moved")
    if wanted is None and moved is not None:  # a question about a moved interview
        wanted = next((e.related_event_id for e in events if e.id == moved), None)
    for event in interviews:
        if event.id == wanted:
            return event
    past = [e for e in interviews if e.occurred_at <= now]
    pool = past or interviews
    return max(pool, key=lambda e: (e.occurred_at, e.id)) if pool else None


def names_in(text: str | None) -> list[str]:
    """The people an interview names: 'Dana Kim, Raj Patel and Lee' is three."""
    return [part for part in _NAME_SEPARATORS.split(text or "") if part.strip()]


def values_for(
    app: Application,
    events: Sequence[Event],
    followup: FollowUp | None,
    settings: Settings,
    now: datetime,
    recipient: Recipient,
    offer: Event | None = None,
) -> dict[str, str]:
    """The placeholder values the card can fill; what it cannot is left out, and the
    template's fallback phrase takes its place."""
    zone = settings.time_zone
    values: dict[str, str] = {"company": app.company, "position": app.title}
    if settings.your_name:
        values["your_name"] = settings.your_name
    if settings.signature:
        values["signature"] = settings.signature
    if app.applied_on is not None:
        values["applied_date"] = format_day(app.applied_on)
    if recipient.name:
        values["contact_name"] = recipient.name
        first = recipient.name.split()[0]
        values["contact_first_name"] = first
        values["greeting"] = greeting_for(first)
    interview = _interview(followup, events, now)
    if interview is not None:
        values["interview_date"] = format_day(local_date(interview.occurred_at, zone))
        values["interview_round"] = interview_round_phrase(interview.round)
        # The others only: the reader is thanked in person, never in the third person.
        others = [
            name
            for name in names_in(interview.interviewers)
            if not (recipient.name and same_person(name, recipient.name))
        ]
        if others:
            values["interviewers"] = join_names(others)
    moved = cause_event_id(followup, "moved")
    for event in events:
        if event.id == moved and event.new_starts_at is not None:
            values["new_interview_time"] = format_moment(event.new_starts_at, zone)
    promises = [e for e in events if e.promised_by is not None]
    if promises:
        promised = max(promises, key=lambda e: (e.occurred_at, e.id)).promised_by
        assert promised is not None
        values["promised_date"] = format_day(promised)
    if offer is None:
        offers = [e for e in events if e.kind is EventKind.OFFER]
        offer = max(offers, key=lambda e: (e.occurred_at, e.id)) if offers else None
    if offer is not None and offer.deadline_at is not None:
        values["offer_deadline"] = format_day(local_date(offer.deadline_at, zone))
    return values

"""The writes of an import: many cards in one flush, and their plans settled so that
history brought in is not news (what fell due before the import is recorded as
missed; only each card's latest status check stays due)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.entities import FollowUpKind, FollowUpState
from jobhunt_desktop.domain.import_plan import ImportCard, duplicate_keys
from jobhunt_desktop.domain.rules import company_key
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    FollowUpRow,
    HistoryRow,
    TagRow,
)
from jobhunt_desktop.persistence.repositories.common import OPEN_STATES
from jobhunt_desktop.persistence.repositories.followups import owed_columns

IMPORTED = "imported"  # the history action of a card an import brought in
MISSED = "missed: it fell due before the import"
_STATUS_CHECKS = (FollowUpKind.APPLICATION_CHECK, FollowUpKind.STATUS_INQUIRY)


def existing_keys(session: Session) -> set[tuple[str, ...]]:
    """The duplicate keys of every card already stored, archived ones too."""
    keys: set[tuple[str, ...]] = set()
    query = select(
        CompanyRow.name, ApplicationRow.title, ApplicationRow.applied_on, ApplicationRow.url
    )
    for company, title, applied_on, url in session.execute(
        query.join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
    ):
        keys.update(duplicate_keys(company, title, applied_on, url))
    return keys


def add_cards(
    session: Session, cards: Sequence[ImportCard], now: datetime, zone: str, source: str
) -> list[int]:
    """Every card in one flush, after the last card of its column, in file order."""
    companies = _companies(session, {c.fields["company"] for c in cards})
    tags = _tags(session, {t for c in cards for t in c.fields.get("tags", ())})
    positions = {
        stage_id: float(last or 0.0)
        for stage_id, last in session.execute(
            select(ApplicationRow.stage_id, func.max(ApplicationRow.position)).group_by(
                ApplicationRow.stage_id
            )
        )
    }
    session.flush()  # the new companies get their ids
    contacts = _contacts(session, {c.id for c in companies.values()})
    rows = []
    for card in cards:
        fields = dict(card.fields)
        company = companies[company_key(fields.pop("company"))]
        position = positions.get(card.stage.stage_id, 0.0) + 1.0
        positions[card.stage.stage_id] = position
        created = _noon(card.added_on or fields.get("applied_on"), zone) or now
        row = ApplicationRow(
            company=company,
            title=fields.pop("title"),
            stage_id=card.stage.stage_id,
            position=position,
            created_at=min(created, now),
            updated_at=now,
            stage_entered_at=now,
            archived=bool(fields.pop("archived", False)),
            priority=fields.pop("priority", 0) or 0,
            closed_reason=fields.pop("closed_reason", None) or card.stage.closed_reason,
        )
        row.tags = [tags[t] for t in fields.pop("tags", ())]
        for name, value in fields.items():
            setattr(row, name, value)
        for name in dict.fromkeys(card.contacts, None):
            key = (name.lower(), company.id)
            if key not in contacts:
                contacts[key] = ContactRow(name=name, company_id=company.id, created_at=now)
            if contacts[key] not in row.contacts:  # "Anna; anna" is one person
                row.contacts.append(contacts[key])
        rows.append(row)
    session.add_all(rows)
    session.flush()
    session.add_all(
        HistoryRow(application_id=r.id, at=now, action=IMPORTED, field="file", new_value=source)
        for r in rows
    )
    return [r.id for r in rows]


def settle_imported(
    session: Session, application_ids: Sequence[int], now: datetime, next_at: datetime
) -> tuple[int, int]:
    """What fell due before the import is missed, except each card's latest status
    check, due at `next_at`; returns (missed, still due)."""
    missed = due = 0
    for chunk in chunks(application_ids):
        rows = session.scalars(
            select(FollowUpRow)
            .where(
                FollowUpRow.application_id.in_(chunk),
                FollowUpRow.state.in_(OPEN_STATES),
                FollowUpRow.remind_at < now,
            )
            .order_by(FollowUpRow.application_id, FollowUpRow.due_at.desc())
        ).all()
        kept: set[int | None] = set()
        for row in rows:
            if row.kind in _STATUS_CHECKS and row.application_id not in kept:
                kept.add(row.application_id)
                row.remind_at = next_at
                due += 1
            else:
                row.state = FollowUpState.DISMISSED
                row.resolved_at = now
                row.reason = f"{row.reason} ({MISSED})" if row.reason else MISSED
                missed += 1
            for name, value in owed_columns(
                row.state, row.remind_at, row.notified_at, row.notify_at
            ).items():
                setattr(row, name, value)
    session.flush()
    return missed, due


def _companies(session: Session, names: set[str]) -> dict[str, CompanyRow]:
    wanted = {company_key(n): n.strip() for n in names}
    found: dict[str, CompanyRow] = {}
    for chunk in chunks(wanted):
        for row in session.scalars(select(CompanyRow).where(CompanyRow.name_key.in_(chunk))):
            found[row.name_key] = row
    for key, name in wanted.items():
        if key not in found:
            found[key] = CompanyRow(name=name, name_key=key)
            session.add(found[key])
    return found


def _contacts(session: Session, company_ids: set[int]) -> dict[tuple[str, int], ContactRow]:
    """The people already known at these companies, by name: linked, not made twice."""
    found: dict[tuple[str, int], ContactRow] = {}
    for chunk in chunks(company_ids):
        for row in session.scalars(select(ContactRow).where(ContactRow.company_id.in_(chunk))):
            if row.company_id is not None:
                found.setdefault((row.name.lower(), row.company_id), row)
    return found


def _tags(session: Session, names: set[str]) -> dict[str, TagRow]:
    found: dict[str, TagRow] = {}
    for chunk in chunks(names):
        for row in session.scalars(select(TagRow).where(TagRow.name.in_(chunk))):
            found[row.name] = row
    for name in names - set(found):
        found[name] = TagRow(name=name)
        session.add(found[name])
    return found


def _noon(day: object, zone: str) -> datetime | None:
    """A day as an instant: noon there, so that it stays that day in any zone near."""
    if not isinstance(day, date):
        return None
    return datetime.combine(day, time(12), ZoneInfo(zone)).astimezone(UTC)

"""What the exports read: the cards as the spreadsheet writes them (plain queries for
the cards, their tags and contacts, their next open follow-ups; no ORM objects), and
what the calendar is made from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.calendar_feed import CalendarCard
from jobhunt_desktop.domain.csv_export import ExportCard
from jobhunt_desktop.domain.entities import Event, EventKind, FollowUp
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.wording import FOLLOWUP_KIND_NAMES
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    EventRow,
    FollowUpRow,
    StageRow,
    TagRow,
    application_contacts,
    application_tags,
)
from jobhunt_desktop.persistence.repositories.common import OPEN_STATES, names_by_card


def export_cards(session: Session) -> list[ExportCard]:
    """Every card, archived ones too, in board order (stage, then position)."""
    a = ApplicationRow
    rows = session.execute(
        select(
            a.id,
            CompanyRow.name,
            a.title,
            StageRow.name,
            a.applied_on,
            a.url,
            a.location,
            a.work_mode,
            a.salary_min,
            a.salary_max,
            a.salary_currency,
            a.salary_period,
            a.salary_text,
            a.source,
            a.priority,
            a.notes,
            a.closed_reason,
            a.archived,
        )
        .join(CompanyRow, CompanyRow.id == a.company_id)
        .join(StageRow, StageRow.id == a.stage_id)
        .order_by(StageRow.position, a.position, a.id)
    ).all()
    tags = names_by_card(session, application_tags, "tag_id", TagRow)
    contacts = names_by_card(session, application_contacts, "contact_id", ContactRow)
    upcoming: dict[int, tuple[str, datetime]] = {}
    for app_id, kind, remind_at in session.execute(
        select(FollowUpRow.application_id, FollowUpRow.kind, FollowUpRow.remind_at)
        .where(FollowUpRow.state.in_(OPEN_STATES))
        .order_by(FollowUpRow.remind_at.desc())
    ):
        if app_id is not None:  # the earliest comes last, and wins
            upcoming[app_id] = (FOLLOWUP_KIND_NAMES[kind], remind_at)
    out = []
    for r in rows:
        next_kind, next_at = upcoming.get(r[0], (None, None))
        out.append(
            ExportCard(
                company=r[1],
                title=r[2],
                stage=r[3],
                applied_on=r[4],
                url=r[5],
                location=r[6],
                work_mode=r[7].value if r[7] else None,
                salary_min=r[8],
                salary_max=r[9],
                salary_currency=r[10],
                salary_period=r[11].value if r[11] else None,
                salary_text=r[12],
                source=r[13],
                priority=r[14],
                tags=tuple(tags.get(r[0], ())),
                contacts=tuple(contacts.get(r[0], ())),
                notes=r[15],
                next_follow_up=next_kind,
                next_follow_up_at=next_at,
                closed_reason=r[16].value if r[16] else None,
                archived=bool(r[17]),
            )
        )
    return out


_CALENDAR_EVENTS = (
    EventKind.INTERVIEW,
    EventKind.INTERVIEW_MOVED,
    EventKind.INTERVIEW_CANCELLED,
    EventKind.OFFER,
)


def calendar_sources(
    session: Session, resolved_since: datetime
) -> tuple[dict[int, CalendarCard], list[Event], list[FollowUp]]:
    """What the calendar is made from: the cards, their interviews, moves and offers
    (of cards with one of them since `resolved_since`), and the follow-ups open or
    resolved since then."""
    closed = StageRow.kind.in_([StageKind.CLOSED_LOST, StageKind.CLOSED_WON])
    cards = {
        r.id: CalendarCard(r.id, r.company, r.title, bool(r.closed or r.archived))
        for r in session.execute(
            select(
                ApplicationRow.id,
                CompanyRow.name.label("company"),
                ApplicationRow.title,
                ApplicationRow.archived,
                closed.label("closed"),
            )
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .join(StageRow, StageRow.id == ApplicationRow.stage_id)
        )
    }
    recent = (
        select(EventRow.application_id)
        .where(
            EventRow.kind.in_(_CALENDAR_EVENTS),
            or_(
                EventRow.occurred_at >= resolved_since,
                EventRow.new_starts_at >= resolved_since,
                EventRow.deadline_at >= resolved_since,
            ),
        )
        .distinct()
    )
    events = [
        mapping.event(row)
        for row in session.execute(
            select(*EventRow.__table__.columns)
            .where(EventRow.kind.in_(_CALENDAR_EVENTS), EventRow.application_id.in_(recent))
            .order_by(EventRow.id)
        )
    ]
    followups = [
        mapping.followup(row)
        for row in session.execute(
            select(*FollowUpRow.__table__.columns)
            .where(
                or_(
                    FollowUpRow.state.in_(OPEN_STATES),
                    FollowUpRow.resolved_at >= resolved_since,
                )
            )
            .order_by(FollowUpRow.id)
        )
    ]
    return cards, events, followups

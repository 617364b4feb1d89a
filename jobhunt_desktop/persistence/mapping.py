"""Rows to domain values and back; the only place that knows both shapes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Row

from jobhunt_desktop.domain.entities import (
    Application,
    Contact,
    ContactRole,
    Event,
    EventKind,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Mover,
    SalaryPeriod,
    WorkMode,
)
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind
from jobhunt_desktop.domain.templates import BUILTIN_TEMPLATES, Template
from jobhunt_desktop.domain.timeutil import as_utc
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    ContactRow,
    EventRow,
    FollowUpRow,
    StageRow,
    TemplateRow,
)

_FOLLOWUP_KINDS = {k.value: k for k in FollowUpKind}
_FOLLOWUP_STATES = {s.value: s for s in FollowUpState}


def utc(value: datetime | None) -> datetime | None:
    """Instants read back are UTC already (column_types); one assigned in this
    session keeps the zone it was given until then, so domain values are normalised."""
    return None if value is None else as_utc(value)


def template(row: TemplateRow) -> Template:
    """A stored row: an edited built-in keeps the built-in's flag (same key)."""
    return Template(
        key=row.key,
        name=row.name,
        kind=_FOLLOWUP_KINDS.get(row.kind) if row.kind else None,
        subject=row.subject,
        body=row.body,
        builtin=row.key in BUILTIN_TEMPLATES,
    )


def stage(row: StageRow) -> Stage:
    return Stage(
        id=row.id,
        name=row.name,
        position=row.position,
        colour=row.colour,
        kind=StageKind(row.kind),
        hidden=bool(row.hidden),
        closed_reason=ClosedReason(row.closed_reason) if row.closed_reason else None,
    )


def contact(row: ContactRow | Row[Any] | SimpleNamespace, company: str | None = None) -> Contact:
    """From an ORM row (its company loaded with it), or from a plain result row (or a
    namespace) with the same column names and the company's name given."""
    if isinstance(row, ContactRow):
        company = row.company.name if row.company is not None else None
    return Contact(
        id=row.id,
        name=row.name,
        role=ContactRole(row.role) if row.role else None,
        email=row.email,
        phone=row.phone,
        profile_url=row.profile_url,
        notes=row.notes,
        company=company,
    )


def application(
    row: ApplicationRow | Row[Any],
    its_stage: Stage,
    company: str = "",
    tags: Iterable[str] = (),
    contacts: Iterable[Contact] = (),
) -> Application:
    """From an ORM row (company, tags and contacts loaded with it), or from a plain
    result row with the same column names and those given."""
    if isinstance(row, ApplicationRow):
        company = row.company.name
        tags = (tag.name for tag in row.tags)
        contacts = (contact(c) for c in row.contacts)
    return Application(
        id=row.id,
        company=company,
        title=row.title,
        stage=its_stage,
        position=row.position,
        url=row.url,
        location=row.location,
        work_mode=WorkMode(row.work_mode) if row.work_mode else None,
        salary_min=row.salary_min,
        salary_max=row.salary_max,
        salary_currency=row.salary_currency,
        salary_period=SalaryPeriod(row.salary_period) if row.salary_period else None,
        salary_text=row.salary_text,
        source=row.source,
        priority=row.priority,
        tags=tuple(sorted(tags)),
        notes=row.notes,
        description=row.description,
        applied_on=row.applied_on,
        closed_reason=ClosedReason(row.closed_reason) if row.closed_reason else None,
        archived=bool(row.archived),
        created_at=utc(row.created_at),
        updated_at=utc(row.updated_at),
        stage_entered_at=utc(row.stage_entered_at),
        contacts=tuple(sorted(contacts, key=lambda c: c.id)),
    )


def event(row: EventRow | Row[Any] | SimpleNamespace) -> Event:
    """From an ORM row, a plain result row, or a namespace of the same column names."""
    return Event(
        id=row.id,
        application_id=row.application_id,
        kind=EventKind(row.kind),
        occurred_at=as_utc(row.occurred_at),
        recorded_at=as_utc(row.recorded_at),
        zone=row.zone,
        round=row.round,
        interview_kind=row.interview_kind,
        ends_at=utc(row.ends_at),
        location=row.location,
        interviewers=row.interviewers,
        promised_by=row.promised_by,
        next_steps=row.next_steps,
        contact_id=row.contact_id,
        feedback=row.feedback,
        deadline_at=utc(row.deadline_at),
        subject=row.subject,
        body=row.body,
        related_event_id=row.related_event_id,
        new_starts_at=utc(row.new_starts_at),
        new_ends_at=utc(row.new_ends_at),
        followup_kind=FollowUpKind(row.followup_kind) if row.followup_kind else None,
        notes=row.notes,
        implied=bool(row.implied),
        moved_by=Mover(row.moved_by) if row.moved_by else None,
    )


def followup(row: FollowUpRow | Row[Any]) -> FollowUp:
    """From an ORM row or a plain result row with the same column names."""
    return FollowUp(
        id=row.id,
        application_id=row.application_id,
        key=row.key,
        kind=_FOLLOWUP_KINDS[row.kind],
        rule=row.rule,
        due_at=as_utc(row.due_at),
        zone=row.zone,
        state=_FOLLOWUP_STATES[row.state],
        remind_at=as_utc(row.remind_at),
        overdue_at=utc(row.overdue_at),
        snoozed_until=utc(row.snoozed_until),
        sent_at=utc(row.sent_at),
        subject=row.subject,
        body=row.body,
        attempts=row.attempts,
        notified_at=utc(row.notified_at),
        last_error=row.last_error,
        reason=row.reason,
        created_at=utc(row.created_at),
        resolved_at=utc(row.resolved_at),
        notify_at=utc(row.notify_at),
    )

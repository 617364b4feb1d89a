"""What Insights reads, worked out where it is stored: per card its first answer and
whether it was interviewed or offered; its arrivals in each stage from history, as day
numbers; the promises made and the follow-ups sent, each with the first answer after
them (the next entries of the card's events by time); and the feedback texts. Spans
come back as days worked out by the database, so no instant is read that no figure
needs, and every read is answered from an index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import ScalarSelect

from jobhunt_desktop.domain.entities import EventKind, FollowUpKind
from jobhunt_desktop.domain.insights import (
    ANSWER_KINDS,
    InsightCard,
    Message,
    Promise,
    StageArrival,
)
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    EventRow,
    HistoryRow,
    TagRow,
    application_tags,
)
from jobhunt_desktop.persistence.repositories.common import names_by_card
from jobhunt_desktop.persistence.repositories.history import STAGE_RENAMED
from jobhunt_desktop.persistence.repositories.imports import IMPORTED
from jobhunt_desktop.persistence.sql_days import day_number, days_between


@dataclass(frozen=True, slots=True)
class InsightSources:
    cards: list[InsightCard]
    arrivals: list[StageArrival]  # each card's in the order they happened
    promises: list[Promise]
    messages: list[Message]
    feedback: list[tuple[int, str]]
    renames: list[tuple[str, str]]  # (old name, new name), oldest first


def insight_sources(session: Session) -> InsightSources:
    return InsightSources(
        _cards(session),
        _arrivals(session),
        _promises(session),
        _messages(session),
        _feedback(session),
        _renames(session),
    )


def _cards(session: Session) -> list[InsightCard]:
    """Per card, one probe of ix_events_card_time for its first answer (about half the
    time of grouping every answer); the cards with an interview or an offer come from
    ix_events_kind alone."""
    a, e = ApplicationRow, EventRow
    first_answer = (
        select(e.occurred_at)
        .where(e.application_id == a.id, e.kind.in_(ANSWER_KINDS))
        .order_by(e.occurred_at)
        .limit(1)
        .scalar_subquery()
    )

    def cards_with(kind: EventKind) -> set[int]:
        return set(session.scalars(select(e.application_id).where(e.kind == kind).distinct()))

    interviewed, offered = cards_with(EventKind.INTERVIEW), cards_with(EventKind.OFFER)

    imported = set(
        session.scalars(
            select(HistoryRow.application_id).where(HistoryRow.action == IMPORTED).distinct()
        )
    )
    rows = (
        session.connection()
        .execute(
            select(
                a.id,
                CompanyRow.name,
                a.source,
                a.applied_on,
                a.stage_id,
                a.archived,
                type_coerce(a.closed_reason, String()),  # its text: no enum to make
                first_answer,
            ).join(CompanyRow, CompanyRow.id == a.company_id)
        )
        .all()
    )
    tags = names_by_card(session, application_tags, "tag_id", TagRow)
    return [
        InsightCard(
            id=card,
            company=company,
            source=source,
            applied_on=applied_on,
            stage_id=stage_id,
            archived=bool(archived),
            closed_reason=closed_reason,
            imported=card in imported,
            tags=tuple(tags.get(card, ())),
            first_answer_at=first_at,
            interviewed=card in interviewed,
            offered=card in offered,
        )
        for card, company, source, applied_on, stage_id, archived, closed_reason, first_at in rows
    ]  # fmt: skip


def _arrivals(session: Session) -> list[StageArrival]:
    """Each card's arrivals in a stage, in the order they happened (undone moves left
    out), as day numbers: read in the order of ix_history_application, where a `lead()`
    window working out each stay took twice as long."""
    h = HistoryRow
    query = (
        select(h.application_id, h.new_value, day_number(h.at))
        .where(
            h.action.in_(("created", "moved")),
            h.field == "stage",
            h.undone.is_(False),
            h.application_id.is_not(None),
            h.new_value.is_not(None),
        )
        .order_by(h.application_id, h.at, h.id)
    )
    return list(map(StageArrival._make, session.connection().execute(query).all()))


def _renames(session: Session) -> list[tuple[str, str]]:
    h = HistoryRow
    query = (
        select(h.old_value, h.new_value)
        .where(h.action == STAGE_RENAMED, h.application_id.is_(None))
        .order_by(h.at, h.id)
    )
    return [(old, new) for old, new in session.execute(query) if old and new]


def _first_answer_after(made: type[EventRow]) -> ScalarSelect[datetime]:
    """The next answer on the card's events by time: ix_events_card_time holds the kind,
    so the search reads on from `made` and stops at the first answer."""
    later = aliased(EventRow)
    return (
        select(later.occurred_at)
        .where(
            later.application_id == made.application_id,
            later.occurred_at > made.occurred_at,
            later.kind.in_(ANSWER_KINDS),
        )
        .order_by(later.occurred_at)
        .limit(1)
        .scalar_subquery()
    )


def _promises(session: Session) -> list[Promise]:
    made = aliased(EventRow)
    query = select(
        made.application_id, made.occurred_at, made.promised_by, _first_answer_after(made)
    ).where(made.promised_by.is_not(None))
    return [
        Promise(app, at, by, answered)
        for app, at, by, answered in session.execute(query)
        if by is not None
    ]


def _messages(session: Session) -> list[Message]:
    sent = aliased(EventRow)
    query = select(
        sent.application_id,
        type_coerce(sent.followup_kind, String()),
        sent.occurred_at,
        days_between(sent.occurred_at, _first_answer_after(sent)),
    ).where(sent.kind == EventKind.MESSAGE_SENT)
    return list(map(Message._make, session.connection().execute(query).all()))


def _feedback(session: Session) -> list[tuple[int, str]]:
    """Rejection feedback, and what the employer said after the reply to a rejection.
    Three narrow reads by kind (the index answers each) instead of a subquery per reply."""
    e = EventRow
    rejections = select(e.application_id, e.feedback).where(
        e.kind == EventKind.REJECTION, e.feedback.is_not(None)
    )
    found = [(app, text) for app, text in session.execute(rejections) if text]
    first_reply_sent = (
        select(e.application_id, func.min(e.occurred_at))
        .where(e.kind == EventKind.MESSAGE_SENT, e.followup_kind == FollowUpKind.REJECTION_REPLY)
        .group_by(e.application_id)
    )
    replied = {app: at for app, at in session.execute(first_reply_sent)}
    if replied:
        answers = select(e.application_id, e.occurred_at, e.notes).where(
            e.kind == EventKind.REPLY, e.notes.is_not(None)
        )
        for app, at, text in session.execute(answers):
            if text and app in replied and replied[app] < at:
                found.append((app, text))
    return found

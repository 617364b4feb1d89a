"""Queries and writes behind the services, in portable SQLAlchemy.

Each repository works inside the session a service opened for one operation. Reads
hand back domain values and read models. The `row()` methods hand the service the
ORM row it is about to change, inside that same transaction; the service changes it
there and returns domain values, so no ORM object outlives the session.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, func, not_, or_, select, text, update
from sqlalchemy.orm import Session, joinedload, selectinload

from jobhunt_desktop.domain.entities import (
    Application,
    ClosedReason,
    Contact,
    Event,
    EventKind,
    FollowUp,
    FollowUpState,
)
from jobhunt_desktop.domain.errors import GoneError, NotFoundError
from jobhunt_desktop.domain.readmodels import BoardRow, DueRow, HistoryEntry
from jobhunt_desktop.domain.rules import (
    OfferElsewhere,
    PastApplication,
    PlannedFollowUp,
    company_key,
)
from jobhunt_desktop.domain.stages import Stage, StageKind
from jobhunt_desktop.domain.templates import Template
from jobhunt_desktop.domain.timeutil import as_utc
from jobhunt_desktop.domain.validation import MAX_ID, id_in
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.board_query import (
    TAGS_SQL,
    board_rows,
    board_sql,
    card_params,
    cards_sql,
)
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    EventRow,
    FollowUpRow,
    HistoryRow,
    SettingRow,
    StageRow,
    TagRow,
    TemplateRow,
)

OPEN_STATES = (FollowUpState.PENDING.value, FollowUpState.SNOOZED.value)
_FULL_APPLICATION = (
    joinedload(ApplicationRow.company),
    selectinload(ApplicationRow.tags),
    selectinload(ApplicationRow.contacts).joinedload(ContactRow.company),
)


class StageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Stage]:
        rows = self.session.scalars(select(StageRow).order_by(StageRow.position, StageRow.id))
        return [mapping.stage(row) for row in rows]

    def row(self, stage_id: int) -> StageRow:
        return _by_id(self.session, StageRow, stage_id, "no stage with id")

    def by_ref(self, stage: int | str) -> StageRow:
        """A stage by id (an int, or ASCII digits as typed) or else by name."""
        if isinstance(stage, int):
            return self.row(stage)
        number = id_in(stage)
        return self.row(number) if number is not None else self.by_name(stage.strip())

    def by_name(self, name: str) -> StageRow:
        row = self.session.scalar(select(StageRow).where(StageRow.name_key == name.casefold()))
        if row is None:
            known = ", ".join(s.name for s in self.all())
            raise NotFoundError(f"no stage named '{name}'; stages are: {known}")
        return row

    def first_of_kind(self, kind: StageKind) -> StageRow | None:
        return self.session.scalar(
            select(StageRow).where(StageRow.kind == kind.value).order_by(StageRow.position).limit(1)
        )


class CompanyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_or_create(self, name: str) -> CompanyRow:
        key = company_key(name)
        row = self.session.scalar(select(CompanyRow).where(CompanyRow.name_key == key))
        if row is None:
            row = CompanyRow(name=name.strip(), name_key=key)
            self.session.add(row)
            self.session.flush()
        return row


class TagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_or_create(self, names: Iterable[str]) -> list[TagRow]:
        wanted = sorted({n.strip().lower() for n in names if n.strip()})
        if not wanted:
            return []
        found = {
            t.name: t for t in self.session.scalars(select(TagRow).where(TagRow.name.in_(wanted)))
        }
        for name in wanted:
            if name not in found:
                found[name] = TagRow(name=name)
                self.session.add(found[name])
        self.session.flush()
        return [found[n] for n in wanted]


class ApplicationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def row(self, application_id: int) -> ApplicationRow:
        return _by_id(self.session, ApplicationRow, application_id, "no application with id")

    def get(self, application_id: int) -> Application:
        return self.to_domain(self.row(application_id))

    def present_rows(self, application_ids: Sequence[int]) -> tuple[list[ApplicationRow], int]:
        """The rows of the ids that still exist, in the order asked (once each), and
        how many of the ids were gone; NotFoundError when every one is."""
        wanted = list(dict.fromkeys(application_ids))
        rows = [
            row
            for row in (
                self.session.get(ApplicationRow, i) if 1 <= i <= MAX_ID else None for i in wanted
            )
            if row is not None
        ]
        if wanted and not rows:
            raise all_gone("application", wanted)
        return rows, len(wanted) - len(rows)

    def stages_of(self, application_ids: Sequence[int]) -> dict[int, int]:
        """The column each existing card is in."""
        return self._per_card(ApplicationRow.stage_id, application_ids)

    def versions(self, application_ids: Sequence[int]) -> dict[int, int]:
        """The change counter value each existing card was last written at."""
        return self._per_card(ApplicationRow.version, application_ids)

    def _per_card(self, column: Any, application_ids: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for chunk in chunks(application_ids):
            query = select(ApplicationRow.id, column).where(ApplicationRow.id.in_(chunk))
            found.update((r[0], r[1]) for r in self.session.execute(query))
        return found

    def to_domain(self, row: ApplicationRow) -> Application:
        return mapping.application(row, self.session.get_one(StageRow, row.stage_id))

    def get_many(self, application_ids: Sequence[int]) -> list[Application]:
        stages = {row.id: row for row in self.session.scalars(select(StageRow))}
        found: list[Application] = []
        for chunk in chunks(application_ids):
            rows = self.session.scalars(
                select(ApplicationRow)
                .where(ApplicationRow.id.in_(chunk))
                .options(*_FULL_APPLICATION)
            )
            found += [mapping.application(row, stages[row.stage_id]) for row in rows]
        return found

    def column_positions(self, stage_id: int) -> list[tuple[int, float]]:
        rows = self.session.execute(
            select(ApplicationRow.id, ApplicationRow.position)
            .where(ApplicationRow.stage_id == stage_id, ApplicationRow.archived.is_(False))
            .order_by(ApplicationRow.position, ApplicationRow.id)
        )
        return [(r[0], r[1]) for r in rows]

    def neighbours(
        self, stage_id: int, index: int, excluding: Sequence[int]
    ) -> tuple[float | None, float | None]:
        """Positions of the cards around a 0-based slot in a column, moving cards aside."""
        query = (
            select(ApplicationRow.position)
            .where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.stage_id == stage_id,
                ApplicationRow.id.not_in(list(excluding)),
            )
            .order_by(ApplicationRow.position, ApplicationRow.id)
        )
        if index <= 0:
            after = self.session.scalar(query.limit(1))
            return None, after
        pair = list(self.session.scalars(query.limit(2).offset(index - 1)))
        before = pair[0] if pair else self.last_position(stage_id, excluding)
        return before, pair[1] if len(pair) > 1 else None

    def last_position(self, stage_id: int, excluding: Sequence[int] = ()) -> float | None:
        return self.session.scalar(
            select(func.max(ApplicationRow.position)).where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.stage_id == stage_id,
                ApplicationRow.id.not_in(list(excluding)),
            )
        )

    def append_position(self, stage_id: int) -> float:
        """A position after every card of the column."""
        return (self.last_position(stage_id) or 0.0) + 1.0

    def board(self, include_archived: bool = False, stage_id: int | None = None) -> list[BoardRow]:
        params = {"stage_id": stage_id} if stage_id is not None else {}
        rows = self.session.execute(text(board_sql(include_archived, stage_id)), params)
        return board_rows(rows, self.session.execute(text(TAGS_SQL)))

    def board_cards(self, application_ids: Sequence[int]) -> list[BoardRow]:
        """The board rows of these cards (those still on the board)."""
        found: list[BoardRow] = []
        for chunk in chunks(application_ids):
            cards, tags = cards_sql(len(chunk))
            params = card_params(chunk)
            found += board_rows(
                self.session.execute(text(cards), params), self.session.execute(text(tags), params)
            )
        return found

    def past_at_company(self, company: str, exclude_id: int | None = None) -> list[PastApplication]:
        """Earlier applications at the same company with their latest rejection time."""
        key = company_key(company)
        rows = self.session.execute(
            select(
                ApplicationRow.id,
                CompanyRow.name,
                ApplicationRow.title,
                ApplicationRow.closed_reason,
                ApplicationRow.stage_entered_at,
                StageRow.kind,
            )
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .join(StageRow, StageRow.id == ApplicationRow.stage_id)
            .where(CompanyRow.name_key == key)
        ).all()
        ids = [r[0] for r in rows if r[0] != exclude_id]
        rejected: dict[int, datetime] = {}
        if ids:
            for app_id, last in self.session.execute(
                select(EventRow.application_id, func.max(EventRow.occurred_at))
                .where(EventRow.application_id.in_(ids), EventRow.kind == EventKind.REJECTION.value)
                .group_by(EventRow.application_id)
            ):
                rejected[app_id] = last or last
        result = []
        for app_id, name, title, reason, entered, _kind in rows:
            if app_id == exclude_id:
                continue
            when = rejected.get(app_id)
            if when is None and reason == "rejected":
                when = entered
            result.append(
                PastApplication(
                    application_id=app_id,
                    company=name,
                    title=title,
                    rejected_at=when,
                    closed_reason=None if reason is None else ClosedReason(reason),
                )
            )
        return result

    def ids_in_stage_kinds(self, kinds: Sequence[StageKind]) -> list[int]:
        return list(
            self.session.scalars(
                select(ApplicationRow.id)
                .join(StageRow, StageRow.id == ApplicationRow.stage_id)
                .where(
                    StageRow.kind.in_([k.value for k in kinds]),
                    ApplicationRow.archived.is_(False),
                )
            )
        )

    def open_offers(self) -> list[OfferElsewhere]:
        """Offers on applications still waiting in an offer stage (R8).

        Starts from the few cards in offer stages, so it stays cheap on a large board.
        """
        offer_stages = self._stage_ids([StageKind.OFFER])
        if not offer_stages:
            return []
        cards = {
            r[0]: (r[1], r[2])
            for r in self.session.execute(
                select(ApplicationRow.id, CompanyRow.name, ApplicationRow.title)
                .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
                .where(
                    ApplicationRow.archived.is_(False), ApplicationRow.stage_id.in_(offer_stages)
                )
            )
        }
        if not cards:
            return []
        offers = []
        for chunk in chunks(list(cards)):
            for app_id, event_id, at, deadline in self.session.execute(
                select(
                    EventRow.application_id, EventRow.id, EventRow.occurred_at, EventRow.deadline_at
                ).where(EventRow.application_id.in_(chunk), EventRow.kind == EventKind.OFFER.value)
            ):
                company, title = cards[app_id]
                offers.append(
                    OfferElsewhere(
                        application_id=app_id,
                        company=company,
                        title=title,
                        event_id=event_id,
                        received_at=at or at,
                        deadline_at=deadline,
                    )
                )
        return sorted(offers, key=lambda o: (o.received_at, o.event_id))

    def _stage_ids(self, kinds: Sequence[StageKind]) -> list[int]:
        return list(
            self.session.scalars(
                select(StageRow.id).where(StageRow.kind.in_([k.value for k in kinds]))
            )
        )

    def counts_for_r12(self) -> tuple[int, bool]:
        """(applications out there and undecided, whether an offer was accepted)."""
        live = ApplicationRow.archived.is_(False)
        active = (
            self.session.scalar(
                select(func.count(ApplicationRow.id)).where(
                    live,
                    ApplicationRow.stage_id.in_(
                        self._stage_ids([StageKind.ACTIVE, StageKind.OFFER])
                    ),
                )
            )
            or 0
        )
        active += (
            self.session.scalar(
                select(func.count(ApplicationRow.id)).where(
                    live,
                    ApplicationRow.stage_id.in_(self._stage_ids([StageKind.OPEN])),
                    ApplicationRow.applied_on.is_not(None),
                )
            )
            or 0
        )
        accepted = self.session.scalar(
            select(ApplicationRow.id)
            .where(ApplicationRow.stage_id.in_(self._stage_ids([StageKind.CLOSED_WON])))
            .limit(1)
        )
        return int(active), accepted is not None


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_application(self, application_id: int) -> list[Event]:
        rows = self.session.scalars(
            select(EventRow)
            .where(EventRow.application_id == application_id)
            .order_by(EventRow.occurred_at, EventRow.id)
        )
        return [mapping.event(row) for row in rows]

    def for_applications(self, application_ids: Sequence[int]) -> dict[int, list[Event]]:
        grouped: dict[int, list[Event]] = {}
        for chunk in chunks(application_ids):
            rows = self.session.scalars(
                select(EventRow)
                .where(EventRow.application_id.in_(chunk))
                .order_by(EventRow.occurred_at, EventRow.id)
            )
            for row in rows:
                grouped.setdefault(row.application_id, []).append(mapping.event(row))
        return grouped

    def row(self, event_id: int) -> EventRow:
        return _by_id(self.session, EventRow, event_id, "no event with id")

    def add(self, row: EventRow) -> Event:
        self.session.add(row)
        self.session.flush()
        return mapping.event(row)


class ContactRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def row(self, contact_id: int) -> ContactRow:
        return _by_id(self.session, ContactRow, contact_id, "no contact with id")

    def all(self) -> list[Contact]:
        rows = self.session.scalars(select(ContactRow).order_by(ContactRow.name, ContactRow.id))
        return [mapping.contact(row) for row in rows]


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def row(self, followup_id: int) -> FollowUpRow:
        return _by_id(self.session, FollowUpRow, followup_id, "no follow-up with id")

    def owners(self, followup_ids: Sequence[int]) -> dict[int, int | None]:
        """The card of each follow-up that exists (None: one of the whole search);
        NotFoundError when none does."""
        found: dict[int, int | None] = {}
        for chunk in chunks([i for i in followup_ids if 1 <= i <= MAX_ID]):
            query = select(FollowUpRow.id, FollowUpRow.application_id).where(
                FollowUpRow.id.in_(chunk)
            )
            found.update((r[0], r[1]) for r in self.session.execute(query))
        if followup_ids and not found:
            raise all_gone("follow-up", list(followup_ids))
        return found

    def for_application(self, application_id: int) -> list[FollowUp]:
        rows = self.session.scalars(
            select(FollowUpRow)
            .where(FollowUpRow.application_id == application_id)
            .order_by(FollowUpRow.due_at, FollowUpRow.id)
        )
        return [mapping.followup(row) for row in rows]

    def for_applications(self, application_ids: Sequence[int]) -> dict[int, list[FollowUp]]:
        grouped: dict[int, list[FollowUp]] = {}
        for chunk in chunks(application_ids):
            rows = self.session.scalars(
                select(FollowUpRow).where(FollowUpRow.application_id.in_(chunk))
            )
            for row in rows:
                assert row.application_id is not None
                grouped.setdefault(row.application_id, []).append(mapping.followup(row))
        return grouped

    def by_rule(self, rule: str) -> dict[int, list[FollowUp]]:
        """Every card-bound follow-up of one rule, grouped by card."""
        grouped: dict[int, list[FollowUp]] = {}
        rows = self.session.scalars(
            select(FollowUpRow).where(
                FollowUpRow.rule == rule, FollowUpRow.application_id.is_not(None)
            )
        )
        for row in rows:
            assert row.application_id is not None
            grouped.setdefault(row.application_id, []).append(mapping.followup(row))
        return grouped

    def global_ones(self, rule: str) -> list[FollowUp]:
        rows = self.session.scalars(
            select(FollowUpRow).where(
                FollowUpRow.application_id.is_(None), FollowUpRow.rule == rule
            )
        )
        return [mapping.followup(row) for row in rows]

    def create(self, plan: PlannedFollowUp, now: datetime) -> None:
        self.session.add(
            FollowUpRow(
                application_id=plan.application_id,
                key=plan.key,
                kind=plan.kind,
                rule=plan.rule,
                reason=plan.reason,
                due_at=plan.due_at,
                overdue_at=plan.overdue_at,
                zone=plan.zone,
                state=FollowUpState.PENDING,
                remind_at=plan.due_at,
                notify_at=plan.due_at,
                attempts=0,
                created_at=now,
            )
        )

    def reschedule(self, followup: FollowUp, plan: PlannedFollowUp) -> None:
        row = self.row(followup.id)
        row.due_at = plan.due_at
        row.overdue_at = plan.overdue_at
        row.reason = plan.reason
        row.zone = plan.zone
        if row.state == FollowUpState.PENDING.value:
            row.remind_at = plan.due_at
        _update_owed(row)

    def reopen(self, followup: FollowUp, plan: PlannedFollowUp) -> None:
        row = self.row(followup.id)
        row.state = FollowUpState.PENDING
        row.resolved_at = None
        row.snoozed_until = None
        self.reschedule(followup, plan)
        row.remind_at = plan.due_at
        _update_owed(row)

    def set_state(
        self, followup_id: int, state: FollowUpState, now: datetime, until: datetime | None = None
    ) -> FollowUpRow:
        row = self.row(followup_id)
        row.state = state
        if state is FollowUpState.SNOOZED:
            assert until is not None
            row.snoozed_until = until
            row.remind_at = until
            row.resolved_at = None
        elif state is FollowUpState.PENDING:
            row.snoozed_until = None
            row.remind_at = row.due_at
            row.resolved_at = None
        else:
            row.resolved_at = now
        _update_owed(row)
        return row

    def due(self, now: datetime, limit: int | None = None) -> list[DueRow]:
        """Open follow-ups whose time has come; served by the (state, remind_at) index."""
        if limit is None:
            return self._due_rows(self._listing().where(FollowUpRow.remind_at <= now))
        # One ordered range scan of the index per open state, merged: no sort of every
        # open follow-up just to read the first few.
        rows: list[DueRow] = []
        for state in OPEN_STATES:
            query = self._listing(state).where(FollowUpRow.remind_at <= now).limit(limit)
            rows += self._due_rows(query)
        rows.sort(key=lambda r: (r.followup.remind_at, r.followup.id))
        return rows[:limit]

    def count_due(
        self, now: datetime, start_of_today: datetime, end_of_today: datetime
    ) -> tuple[int, int]:
        """(due today and still on time, overdue), counted by the database.

        Overdue means past its own late mark, or (with none) due before today.
        """
        late = and_(
            FollowUpRow.remind_at <= now,
            or_(
                and_(FollowUpRow.overdue_at.is_not(None), FollowUpRow.overdue_at <= now),
                and_(
                    FollowUpRow.overdue_at.is_(None),
                    FollowUpRow.remind_at < start_of_today,
                ),
            ),
        )
        today = and_(FollowUpRow.remind_at < end_of_today, not_(late))
        row = self.session.execute(
            select(
                func.coalesce(func.sum(case((today, 1), else_=0)), 0),
                func.coalesce(func.sum(case((late, 1), else_=0)), 0),
            ).where(FollowUpRow.state.in_(OPEN_STATES))
        ).one()
        return int(row[0]), int(row[1])

    def pending(self, application_ids: Collection[int] | None = None) -> list[DueRow]:
        """Every open follow-up, soonest first: the Due view and `due --all`.

        With `application_ids`, only theirs and the board-wide ones (R12's nudge, which
        any change can re-plan): what a move between ordinary stages can change.
        """
        query = self._listing()
        if application_ids is not None:
            query = query.where(
                or_(
                    FollowUpRow.application_id.in_(list(application_ids)),
                    FollowUpRow.application_id.is_(None),
                )
            )
        return self._due_rows(query)

    @staticmethod
    def _listing(state: str | None = None) -> Select[Any]:
        # Plain rows, not ORM objects: a long Due list must stay cheap to read.
        return (
            select(
                FollowUpRow.__table__, CompanyRow.name.label("company_name"), ApplicationRow.title
            )
            .outerjoin(ApplicationRow, ApplicationRow.id == FollowUpRow.application_id)
            .outerjoin(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .where(
                FollowUpRow.state.in_(OPEN_STATES) if state is None else FollowUpRow.state == state
            )
            .order_by(FollowUpRow.remind_at, FollowUpRow.id)
        )

    def _due_rows(self, query: Select[Any]) -> list[DueRow]:
        return [
            DueRow(mapping.followup(row), row.company_name, row.title)
            for row in self.session.execute(query)
        ]

    def supersede(self, followup_id: int, now: datetime) -> None:
        row = self.row(followup_id)
        row.state = FollowUpState.SUPERSEDED
        row.resolved_at = now
        _update_owed(row)


class HistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        application_id: int | None,
        at: datetime,
        action: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        self.session.add(
            HistoryRow(
                application_id=application_id,
                at=at,
                action=action,
                field=field,
                old_value=old,
                new_value=new,
            )
        )

    def mark_undone(self, entry_ids: Collection[int], undone: bool) -> None:
        """An undo keeps the entries it took back, marked; a redo clears the mark."""
        for chunk in chunks(list(entry_ids)):
            for row in self.session.scalars(select(HistoryRow).where(HistoryRow.id.in_(chunk))):
                row.undone = undone

    def for_application(self, application_id: int) -> list[HistoryEntry]:
        rows = self.session.scalars(
            select(HistoryRow)
            .where(HistoryRow.application_id == application_id)
            .order_by(HistoryRow.at, HistoryRow.id)
        )
        return [
            HistoryEntry(
                at=r.at or r.at,
                action=r.action,
                field=r.field,
                old_value=r.old_value,
                new_value=r.new_value,
                undone=bool(r.undone),
            )
            for r in rows
        ]


class SettingsRepository:
    """The stored settings; read once per transaction however often they are asked for
    (an operation asks at each step), and read again after a change."""

    _READ = "jobhunt.settings"

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, str]:
        found = self.session.info.get(self._READ)
        if found is None:
            found = {r.key: r.value for r in self.session.scalars(select(SettingRow))}
            self.session.info[self._READ] = found
        return dict(found)

    def put(self, key: str, value: str) -> None:
        self.session.info.pop(self._READ, None)
        row = self.session.get(SettingRow, key)
        if row is None:
            self.session.add(SettingRow(key=key, value=value))
        else:
            row.value = value

    def delete(self, key: str) -> None:
        self.session.info.pop(self._READ, None)
        row = self.session.get(SettingRow, key)
        if row is not None:
            self.session.delete(row)


class TemplateRepository:
    """The user's templates and their edits of the built-in ones (same key)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Template]:
        rows = self.session.scalars(select(TemplateRow).order_by(TemplateRow.key))
        return [mapping.template(row) for row in rows]

    def get(self, key: str) -> Template | None:
        row = self.session.get(TemplateRow, key)
        return mapping.template(row) if row is not None else None

    def put(self, template: Template, now: datetime) -> None:
        row = self.session.get(TemplateRow, template.key)
        if row is None:
            row = TemplateRow(key=template.key)
            self.session.add(row)
        row.name = template.name
        row.kind = template.kind
        row.subject = template.subject
        row.body = template.body
        row.updated_at = now

    def delete(self, key: str) -> bool:
        row = self.session.get(TemplateRow, key)
        if row is None:
            return False
        self.session.delete(row)
        return True


@dataclass(frozen=True, slots=True)
class OwedRow:
    followup_id: int
    application_id: int | None
    kind: str
    notify_at: datetime
    claimed_at: datetime | None
    attempts: int
    company: str | None
    title: str | None


class ReminderRepository:
    """Owed notifications and their claims, read and written in plain SQL statements.

    Every query goes through the `notify_at` index, which holds only what is owed, so
    its cost does not grow with the follow-ups a long hunt leaves behind.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def owed(self, now: datetime, limit: int) -> list[OwedRow]:
        """Reminders whose time has come, claimed or not, earliest first."""
        query = (
            select(
                FollowUpRow.id,
                FollowUpRow.application_id,
                FollowUpRow.kind,
                FollowUpRow.notify_at,
                FollowUpRow.claimed_at,
                FollowUpRow.attempts,
                CompanyRow.name,
                ApplicationRow.title,
            )
            .outerjoin(ApplicationRow, ApplicationRow.id == FollowUpRow.application_id)
            .outerjoin(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .where(FollowUpRow.notify_at <= now)
            .order_by(FollowUpRow.notify_at, FollowUpRow.id)
            .limit(limit)
        )
        rows = self.session.execute(query).all()
        return [
            OwedRow(
                r[0],
                r[1],
                r[2],
                as_utc(r[3]),  # never NULL here: the query asks notify_at <= now
                r[4],
                r[5],
                r[6],
                r[7],
            )
            for r in rows
            if r[3] is not None
        ]

    def next_owed(self, after: datetime) -> datetime | None:
        value = self.session.scalar(
            select(func.min(FollowUpRow.notify_at)).where(FollowUpRow.notify_at > after)
        )
        return value

    def claim(
        self, followup_id: int, token: str, now: datetime, stale_before: datetime, max_attempts: int
    ) -> bool:
        """Take the reminder for this process; only one process can win it."""
        result = self.session.execute(
            update(FollowUpRow)
            .where(
                FollowUpRow.id == followup_id,
                FollowUpRow.notify_at <= now,
                or_(
                    FollowUpRow.claimed_at.is_(None),
                    FollowUpRow.claimed_at < stale_before,
                ),
                FollowUpRow.attempts < max_attempts,
            )
            .values(claimed_at=now, claimed_by=token, attempts=FollowUpRow.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    def delivered(self, followup_id: int, token: str, now: datetime) -> bool:
        result = self.session.execute(
            update(FollowUpRow)
            .where(FollowUpRow.id == followup_id, FollowUpRow.claimed_by == token)
            .values(
                notified_at=now,
                notify_at=None,
                claimed_at=None,
                claimed_by=None,
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    def failed(self, followup_id: int, token: str, error: str, retry_at: datetime | None) -> bool:
        """A delivery failed: try again at `retry_at`, or give up (None)."""
        result = self.session.execute(
            update(FollowUpRow)
            .where(FollowUpRow.id == followup_id, FollowUpRow.claimed_by == token)
            .values(
                notify_at=retry_at,
                claimed_at=None,
                claimed_by=None,
                last_error=error[:1000],
            )
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    def give_up_exhausted(self, now: datetime, max_attempts: int) -> int:
        """Reminders whose attempts are used up (their process died each time) stop."""
        result = self.session.execute(
            update(FollowUpRow)
            .where(
                FollowUpRow.notify_at <= now,
                FollowUpRow.attempts >= max_attempts,
                or_(FollowUpRow.claimed_at.is_(None), FollowUpRow.claimed_at < now),
            )
            .values(
                notify_at=None,
                claimed_at=None,
                claimed_by=None,
                last_error=func.coalesce(FollowUpRow.last_error, "no delivery after retries"),
            )
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result)


RowT = TypeVar("RowT")


def all_gone(what: str, ids: Sequence[int]) -> GoneError:
    if len(ids) == 1:
        return GoneError(f"no {what} with id {ids[0]}", len(ids))
    return GoneError(f"none of these {len(ids)} {what}s exists any more", len(ids))


def _by_id(session: Session, kind: type[RowT], row_id: int, missing: str) -> RowT:
    """The row with that id; NotFoundError also for an id no table can hold (the
    driver would otherwise fail to bind an integer beyond 64 bits)."""
    row = session.get(kind, row_id) if 1 <= row_id <= MAX_ID else None
    if row is None:
        raise NotFoundError(f"{missing} {row_id}")
    return row


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def owed_columns(
    state: str, remind_at: datetime | None, notified_at: datetime | None, notify_at: datetime | None
) -> dict[str, Any]:
    """The delivery columns to set after a change, so `notify_at` stays true: an open
    follow-up not yet notified at its current reminder time is owed one then (with
    fresh attempts); anything else none."""
    owed = (
        state in OPEN_STATES
        and remind_at is not None
        and (notified_at is None or notified_at < remind_at)
    )
    if not owed:
        return {"notify_at": None, "claimed_at": None, "claimed_by": None}
    if notify_at != remind_at:
        return {
            "notify_at": remind_at,
            "attempts": 0,
            "claimed_at": None,
            "claimed_by": None,
            "last_error": None,
        }
    return {}


def _update_owed(row: FollowUpRow) -> None:
    columns = owed_columns(row.state, row.remind_at, row.notified_at, row.notify_at)
    for name, value in columns.items():
        setattr(row, name, value)

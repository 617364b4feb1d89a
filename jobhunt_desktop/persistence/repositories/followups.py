"""Follow-ups: planned, rescheduled, snoozed, sent; and which of them are owed a
reminder."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, case, func, insert, not_, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jobhunt_desktop.domain.entities import (
    FollowUp,
    FollowUpState,
)
from jobhunt_desktop.domain.planner import FollowUpChanges, tells_news
from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.rules import (
    PlannedFollowUp,
)
from jobhunt_desktop.domain.validation import MAX_ID
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    FollowUpRow,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip
from jobhunt_desktop.persistence.repositories.common import (
    OPEN_STATES,
    all_gone,
    row_by_id,
)


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, followup_id: int) -> FollowUp:
        return mapping.followup(self._row(followup_id))

    def _row(self, followup_id: int) -> FollowUpRow:
        return row_by_id(self.session, FollowUpRow, followup_id, "no follow-up with id")

    def keep(self, followup_ids: Collection[int]) -> list[FollowUpRow]:
        """The rows of these follow-ups not in the session yet, read: the session finds
        them as long as the list returned is kept (`loaded`)."""
        known = self.session.identity_map
        wanted = {i for i in followup_ids if 1 <= i <= MAX_ID}
        rows: list[FollowUpRow] = []
        for chunk in chunks(sorted(i for i in wanted if identity_key(FollowUpRow, i) not in known)):
            rows.extend(self.session.scalars(select(FollowUpRow).where(FollowUpRow.id.in_(chunk))))
        return rows

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
        """In plain rows, not ORM objects: planning reads them after every write, and
        changes them through `replan`."""
        table = FollowUpRow.__table__
        grouped: dict[int, list[FollowUp]] = {}
        for chunk in chunks(application_ids):
            query = select(table).where(table.c.application_id.in_(chunk))
            for card, found in _grouped(self.session.execute(query)).items():
                grouped.setdefault(card, []).extend(found)
        return grouped

    def by_rule(
        self, rule: str, states: Collection[FollowUpState] | None = None
    ) -> dict[int, list[FollowUp]]:
        """The card-bound follow-ups of one rule (in these states), grouped by card; as
        plain rows, since a rule across cards reads many and changes few."""
        table = FollowUpRow.__table__
        query = select(table).where(table.c.rule == rule, table.c.application_id.is_not(None))
        if states is not None:
            query = query.where(table.c.state.in_([s.value for s in states]))
        return _grouped(self.session.execute(query))

    def open_times(self) -> dict[int, datetime]:
        """Every open follow-up's reminder time, by id: what a re-plan may move."""
        query = select(FollowUpRow.id, FollowUpRow.remind_at).where(
            FollowUpRow.state.in_(OPEN_STATES)
        )
        return {row[0]: row[1] for row in self.session.execute(query)}

    def by_keys(self, keys: Collection[str]) -> dict[int, list[FollowUp]]:
        """The card-bound follow-ups with these keys, grouped by card."""
        table = FollowUpRow.__table__
        grouped: dict[int, list[FollowUp]] = {}
        for chunk in chunks(keys):
            query = select(table).where(table.c.key.in_(chunk), table.c.application_id.is_not(None))
            for card, found in _grouped(self.session.execute(query)).items():
                grouped.setdefault(card, []).extend(found)
        return grouped

    def global_ones(self, rule: str) -> list[FollowUp]:
        rows = self.session.scalars(
            select(FollowUpRow).where(
                FollowUpRow.application_id.is_(None), FollowUpRow.rule == rule
            )
        )
        return [mapping.followup(row) for row in rows]

    def replan(self, changes: FollowUpChanges, now: datetime) -> None:
        """Store what the planner decided, from the follow-ups as it read them: each set
        of changed columns in one statement, the new ones in another; on a server they
        go with the transaction's next round trip."""
        changed = [(f, _rescheduled(f, plan)) for f, plan in changes.reschedule]
        changed += [(f, _reopened(f, plan)) for f, plan in changes.reopen]
        changed += [(f, _superseded(f, now)) for f in changes.supersede]
        table = cast(Table, FollowUpRow.__table__)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for followup, values in changed:
            by_columns.setdefault(tuple(sorted(values)), []).append({"row": followup.id, **values})
        for rows in by_columns.values():
            by_id = update(table).where(table.c.id == bindparam("row"))
            with_next_trip(self.session, by_id, rows if len(rows) > 1 else rows[0])
        seen = recorder(self.session)
        for followup, _ in changed:
            seen.followups.add(followup.id)
            if followup.application_id is not None:
                seen.cards.add(followup.application_id)
            row = self.session.identity_map.get(identity_key(FollowUpRow, followup.id))
            if row is not None:  # what the session holds would be out of date
                self.session.expire(row)
        self.create_many(changes.create, now)

    def create_many(self, plans: Sequence[PlannedFollowUp], now: datetime) -> None:
        """New follow-ups in one statement: an offer can plan a notice on every card in
        interviews at once. The ids and cards are noted for the operation's Changes."""
        if not plans:
            return
        table = cast(Table, FollowUpRow.__table__)
        rows = [
            {
                "application_id": plan.application_id,
                "key": plan.key,
                "kind": plan.kind,
                "rule": plan.rule,
                "reason": plan.reason,
                "due_at": plan.due_at,
                "overdue_at": plan.overdue_at,
                "zone": plan.zone,
                "state": FollowUpState.PENDING,
                "remind_at": plan.due_at,
                "notify_at": plan.due_at,
                "attempts": 0,
                "created_at": now,
            }
            for plan in plans
        ]
        seen = recorder(self.session)
        seen.cards.update(p.application_id for p in plans if p.application_id is not None)
        with_next_trip(
            self.session,
            insert(table).returning(table.c.id),
            rows,
            then=lambda ids: seen.followups.update(row[0] for row in ids),
        )

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

    def set_state(
        self, followup_id: int, state: FollowUpState, now: datetime, until: datetime | None = None
    ) -> FollowUp:
        row = self._row(followup_id)
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
        return mapping.followup(row)

    def record_sent(
        self,
        followup_id: int,
        now: datetime,
        sent_at: datetime,
        subject: str | None,
        body: str | None,
    ) -> None:
        """The message that answered the follow-up; it is closed as sent."""
        self.set_state(followup_id, FollowUpState.SENT, now)
        row = self._row(followup_id)
        row.sent_at, row.subject, row.body = sent_at, subject, body

    def set_sent_at(self, followup_id: int, sent_at: datetime) -> None:
        """The message that answered it was sent at another time than first logged."""
        self._row(followup_id).sent_at = sent_at

    def clear_sent(self, followup_id: int, now: datetime) -> bool:
        """Take back `record_sent`: the follow-up is open again; False if it was not sent."""
        row = self._row(followup_id)
        if row.state != FollowUpState.SENT:
            return False
        self.set_state(followup_id, FollowUpState.PENDING, now)
        row.sent_at = row.subject = row.body = None
        return True

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


def _rescheduled(followup: FollowUp, plan: PlannedFollowUp) -> dict[str, Any]:
    """The columns a re-planned follow-up takes: its new day, and a pending one's
    reminder with it; shown already, it is shown again if it has news to tell."""
    remind_at = plan.due_at if followup.state is FollowUpState.PENDING else followup.remind_at
    notified_at = None if tells_news(followup, plan) else followup.notified_at
    values: dict[str, Any] = {
        "due_at": plan.due_at,
        "overdue_at": plan.overdue_at,
        "reason": plan.reason,
        "zone": plan.zone,
        "remind_at": remind_at,
        "notified_at": notified_at,
    }
    owed = owed_columns(followup.state, remind_at, notified_at, followup.notify_at)
    return values | owed


def _reopened(followup: FollowUp, plan: PlannedFollowUp) -> dict[str, Any]:
    opened = replace(followup, state=FollowUpState.PENDING, resolved_at=None, snoozed_until=None)
    values = {"state": FollowUpState.PENDING, "resolved_at": None, "snoozed_until": None}
    return values | _rescheduled(opened, plan)


def _superseded(followup: FollowUp, now: datetime) -> dict[str, Any]:
    gone = FollowUpState.SUPERSEDED
    values = {"state": gone, "resolved_at": now}
    return values | owed_columns(gone, followup.remind_at, followup.notified_at, followup.notify_at)


def _update_owed(row: FollowUpRow) -> None:
    columns = owed_columns(row.state, row.remind_at, row.notified_at, row.notify_at)
    for name, value in columns.items():
        setattr(row, name, value)


def _grouped(rows: Any) -> dict[int, list[FollowUp]]:
    grouped: dict[int, list[FollowUp]] = {}
    for row in rows:
        grouped.setdefault(row.application_id, []).append(mapping.followup(row))
    return grouped

"""Which reminders are owed, and the claims that make each shown once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.timeutil import as_utc
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    FollowUpRow,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip
from jobhunt_desktop.persistence.repositories.common import (
    rowcount,
)

_FOLLOWUPS = cast(Table, FollowUpRow.__table__)


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

    def owed(self, now: datetime, limit: int | None, token: str | None = None) -> list[OwedRow]:
        """Reminders whose time has come, claimed or not, earliest first (with `token`:
        only those this process claimed)."""
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
        if token is not None:
            query = query.where(FollowUpRow.claimed_by == token)
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
        return bool(self.claim_many([followup_id], token, now, stale_before, max_attempts))

    def claim_many(
        self,
        followup_ids: Sequence[int],
        token: str,
        now: datetime,
        stale_before: datetime,
        max_attempts: int,
    ) -> set[int]:
        """Take these reminders for this process, in one statement: the ids of those
        won (another process may hold some)."""
        won: set[int] = set()
        for chunk in chunks(followup_ids):
            claiming = self._claiming(token, now, stale_before, max_attempts)
            returning = claiming.where(FollowUpRow.id.in_(chunk)).returning(FollowUpRow.id)
            won.update(self.session.scalars(returning))
        return won

    def claim_all(
        self, token: str, now: datetime, stale_before: datetime, max_attempts: int
    ) -> None:
        """Take every owed reminder no other process holds, in one statement: the one
        summary of a check covers them all, and a second process finds none left. On
        a server it goes with the next round trip (reading which were won)."""
        with_next_trip(self.session, self._claiming(token, now, stale_before, max_attempts))

    @staticmethod
    def _claiming(token: str, now: datetime, stale_before: datetime, max_attempts: int) -> Any:
        return (
            update(_FOLLOWUPS)
            .where(
                FollowUpRow.notify_at <= now,
                or_(
                    FollowUpRow.claimed_at.is_(None),
                    FollowUpRow.claimed_at < stale_before,
                ),
                FollowUpRow.attempts < max_attempts,
            )
            .values(claimed_at=now, claimed_by=token, attempts=FollowUpRow.attempts + 1)
        )

    def delivered_many(self, followup_ids: Sequence[int], token: str, now: datetime) -> None:
        """`delivered` for several, on a server with the next round trip."""
        for chunk in chunks(followup_ids):
            delivering = self._delivering(token, FollowUpRow.id.in_(chunk), now=now)
            with_next_trip(self.session, delivering)

    def delivered(self, followup_id: int, token: str, now: datetime) -> bool:
        return self._delivered(token, now, FollowUpRow.id == followup_id) == 1

    def _delivered(self, token: str, now: datetime, *where: Any) -> int:
        return rowcount(self.session.execute(self._delivering(token, *where, now=now)))

    @staticmethod
    def _delivering(token: str, *where: Any, now: datetime) -> Any:
        """Shown: not owed any more, and no longer this process's claim."""
        return (
            update(_FOLLOWUPS)
            .where(*where, FollowUpRow.claimed_by == token)
            .values(
                notified_at=now,
                notify_at=None,
                claimed_at=None,
                claimed_by=None,
                last_error=None,
            )
        )

    def failed(self, followup_id: int, token: str, error: str, retry_at: datetime | None) -> None:
        """A delivery failed: try again at `retry_at`, or give up (None); on a server
        with the next round trip."""
        with_next_trip(
            self.session,
            update(_FOLLOWUPS)
            .where(FollowUpRow.id == followup_id, FollowUpRow.claimed_by == token)
            .values(
                notify_at=retry_at,
                claimed_at=None,
                claimed_by=None,
                last_error=error[:1000],
            ),
        )

    def give_up_exhausted(self, now: datetime, max_attempts: int) -> None:
        """Reminders whose attempts are used up (their process died each time) stop;
        on a server with the next round trip (the read of what is owed)."""
        with_next_trip(
            self.session,
            update(_FOLLOWUPS)
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
            ),
        )

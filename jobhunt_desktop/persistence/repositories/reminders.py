"""Which reminders are owed, and the claims that make each shown once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.timeutil import as_utc
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    FollowUpRow,
)
from jobhunt_desktop.persistence.repositories.common import (
    rowcount,
)


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
        claimed = self._claim(token, now, stale_before, max_attempts, FollowUpRow.id == followup_id)
        return claimed == 1

    def claim_all(
        self, token: str, now: datetime, stale_before: datetime, max_attempts: int
    ) -> int:
        """Take every owed reminder no other process holds, in one statement: the one
        summary of a check covers them all, and a second process finds none left."""
        return self._claim(token, now, stale_before, max_attempts)

    def _claim(
        self, token: str, now: datetime, stale_before: datetime, max_attempts: int, *where: Any
    ) -> int:
        result = self.session.execute(
            update(FollowUpRow)
            .where(
                *where,
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
        return rowcount(result)

    def delivered_many(self, followup_ids: Sequence[int], token: str, now: datetime) -> None:
        for chunk in chunks(followup_ids):
            self._delivered(token, now, FollowUpRow.id.in_(chunk))

    def delivered(self, followup_id: int, token: str, now: datetime) -> bool:
        return self._delivered(token, now, FollowUpRow.id == followup_id) == 1

    def _delivered(self, token: str, now: datetime, *where: Any) -> int:
        """Shown: not owed any more, and no longer this process's claim."""
        result = self.session.execute(
            update(FollowUpRow)
            .where(*where, FollowUpRow.claimed_by == token)
            .values(
                notified_at=now,
                notify_at=None,
                claimed_at=None,
                claimed_by=None,
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
        return rowcount(result)

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
        return rowcount(result) == 1

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
        return rowcount(result)

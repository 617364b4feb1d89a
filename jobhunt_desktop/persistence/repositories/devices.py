"""Reminders on each device (computer) sharing one database: which it has shown, and
the claims that make the window and a watcher on one computer show each once.

A reminder goes out first through the follow-up's own claim (`reminders`), on
whichever computer checks first, which records it here as shown there. Every other
device then finds it here: shown elsewhere for the follow-up's present reminder time,
still open, and neither shown nor being shown on this device. Acting on it anywhere
(sent, dismissed, snoozed) changes its state or its reminder time, so it drops out
everywhere. Writers take turns (engine_setup), so a claim is read, then written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Select,
    Table,
    bindparam,
    exists,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import identity_key

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    FollowUpRow,
    ReminderShownRow,
)
from jobhunt_desktop.persistence.one_trip import together, with_next_trip
from jobhunt_desktop.persistence.repositories.common import OPEN_STATES
from jobhunt_desktop.persistence.repositories.reminders import OwedRow


class DeviceReminderRepository:
    def __init__(self, session: Session, device: str) -> None:
        self.session = session
        self.device = device

    def shown_elsewhere(self, now: datetime, stale_before: datetime, limit: int) -> list[OwedRow]:
        """Open reminders another device showed for their present reminder time, which
        this one has neither shown nor claimed (a claim older than `stale_before` was
        lost with its process), earliest first."""
        found = self.session.execute(
            _shown_elsewhere(),
            {"device": self.device, "now": now, "stale_before": stale_before, "limit": limit},
        )
        return [
            OwedRow(followup, app, kind, remind_at, None, 0, company, title)
            for followup, app, kind, remind_at, company, title in found
        ]

    def claim(self, rows: Sequence[OwedRow], token: str, now: datetime) -> None:
        """This process shows these on this device (found free by `shown_elsewhere` in
        the same transaction, so no other process can have taken them meanwhile)."""
        claimed = {"shown_at": None, "claimed_at": now, "claimed_by": token}
        values = {r.followup_id: {"remind_at": r.notify_at, **claimed} for r in rows}
        self._put(values, self._mine(list(values)))

    def shown(self, followup_ids: Sequence[int], token: str, now: datetime) -> None:
        """This process showed them: done on this device."""
        r = ReminderShownRow
        table = cast(Table, r.__table__)
        for chunk in chunks(followup_ids):  # on a server with the next round trip
            with_next_trip(
                self.session,
                update(table)
                .where(r.device == self.device, r.claimed_by == token, r.followup_id.in_(chunk))
                .values(shown_at=now, claimed_at=None, claimed_by=None),
            )
        for followup_id in followup_ids:  # what the session holds is read again if asked
            row = self.session.identity_map.get(identity_key(r, (followup_id, self.device)))
            if row is not None:
                self.session.expire(row)

    def record_shown(self, followup_ids: Sequence[int], now: datetime) -> None:
        """Shown here through the follow-up's own claim, for its present reminder time:
        the other devices find it from this."""

        def times() -> dict[int, datetime]:
            found: dict[int, datetime] = {}
            for chunk in chunks(followup_ids):
                query = select(FollowUpRow.id, FollowUpRow.remind_at).where(
                    FollowUpRow.id.in_(chunk)
                )
                found.update((followup, at) for followup, at in self.session.execute(query))
            return found

        # One round trip on a server (rows of follow-ups gone meanwhile are not used).
        remind_at, mine = together(self.session, times, lambda: self._mine(followup_ids))
        done = {"shown_at": now, "claimed_at": None, "claimed_by": None}
        self._put({f: {"remind_at": at, **done} for f, at in remind_at.items()}, mine)

    def _mine(self, followup_ids: Sequence[int]) -> set[int]:
        """Those of these follow-ups this device has a row for."""
        found: set[int] = set()
        r = ReminderShownRow
        for chunk in chunks(followup_ids):
            query = select(r.followup_id).where(r.device == self.device, r.followup_id.in_(chunk))
            found.update(self.session.scalars(query))
        return found

    def _put(self, values: dict[int, dict[str, Any]], present: set[int]) -> None:
        """This device's rows for these follow-ups, written whether there or not (the
        writers take turns: none can appear meanwhile); on a server with the next
        round trip."""
        table = cast(Table, ReminderShownRow.__table__)
        new = [
            {"followup_id": f, "device": self.device, **v}
            for f, v in values.items()
            if f not in present
        ]
        if new:
            with_next_trip(self.session, insert(table), new)
        changed = [{"row": f, **v} for f, v in values.items() if f in present]
        if changed:
            by_key = update(table).where(
                table.c.followup_id == bindparam("row"), table.c.device == self.device
            )
            with_next_trip(self.session, by_key, changed if len(changed) > 1 else changed[0])
        for followup_id in values:  # what the session holds is read again if asked
            row = self.session.identity_map.get(
                identity_key(ReminderShownRow, (followup_id, self.device))
            )
            if row is not None:
                self.session.expire(row)


@cache
def _shown_elsewhere() -> Select[int, int | None, FollowUpKind, datetime, str, str]:
    """The query of `shown_elsewhere`, built once: every reminder check asks it, and
    building it (an alias, a correlated EXISTS) costs more than running it."""
    # From what was shown (a small table) to the follow-ups, not the other way: the
    # open follow-ups past their reminder time are many in a long hunt. As a list to
    # look the follow-ups up in, so that a planner without statistics (SQLite's)
    # cannot start from those instead.
    f, there, here = FollowUpRow, ReminderShownRow, aliased(ReminderShownRow)
    device: BindParameter[str] = bindparam("device")
    shown_there = select(there.followup_id, there.remind_at).where(
        there.device != device, there.shown_at.is_not(None), there.remind_at <= bindparam("now")
    )
    taken_here = exists().where(
        here.followup_id == f.id,
        here.device == device,
        here.remind_at == f.remind_at,
        or_(here.shown_at.is_not(None), here.claimed_at >= bindparam("stale_before")),
    )
    return (
        select(f.id, f.application_id, f.kind, f.remind_at, CompanyRow.name, ApplicationRow.title)
        .outerjoin(ApplicationRow, ApplicationRow.id == f.application_id)
        .outerjoin(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
        .where(
            tuple_(f.id, f.remind_at).in_(shown_there),  # for its present reminder time
            f.state.in_(OPEN_STATES),
            f.notify_at.is_(None),  # not owed through its own claim any more
            ~taken_here,
        )
        .order_by(f.remind_at, f.id)
        .limit(bindparam("limit"))
    )

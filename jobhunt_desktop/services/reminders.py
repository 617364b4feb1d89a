"""The reminder engine: claim what is owed, notify, record the outcome, say when next.

The window (on a Qt timer) and `jobhunt-desktop reminders` (headless) run this same
`check`. It keeps no schedule of its own: the database says what is owed, and a
claim (an UPDATE only one process can win) makes each reminder go out once even with
several processes running; a claim left by a crashed process expires and is retried.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from jobhunt_desktop.domain.drafting import recipient_for
from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import StorageError, UserError
from jobhunt_desktop.domain.reminders import (
    CLAIM_TIMEOUT,
    COALESCE_ABOVE,
    MAX_ATTEMPTS,
    ClockWatch,
    Notice,
    OwedReminder,
    next_wake,
    notices_for,
    parse_quiet_hours,
    quiet_until,
    retry_at,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.notify.base import Notifier, NotifyError
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    OwedRow,
    ReminderRepository,
)
from jobhunt_desktop.persistence.repositories.devices import DeviceReminderRepository
from jobhunt_desktop.services.base import Service

log = logging.getLogger(__name__)

# Owed reminders looked at per check: more than COALESCE_ABOVE free among them, and the
# check claims every one owed for its one summary.
BATCH = 200
STORAGE_RETRY = timedelta(minutes=1)  # after a check the database could not serve


def process_token() -> str:
    """Names this process on its claims (host, pid and a random part)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class CheckResult:
    delivered: list[Notice] = field(default_factory=list)
    failed: list[tuple[Notice, str]] = field(default_factory=list)
    held_until: datetime | None = None  # quiet hours or a pause
    paused_until: datetime | None = None  # the user's pause, while it lasts
    next_check: datetime | None = None


class ReminderService(Service):
    def check(self, notifier: Notifier, token: str, device: str | None = None) -> CheckResult:
        """One pass: deliver what is owed now (unless held) and say when to look again.

        With a `device` (this computer's name for itself), what another computer sharing
        the database has shown is shown here once too."""
        now = self.now()
        glance = self._glance(now, device)
        settings = glance.settings
        paused = _paused_until(now, settings.reminders_paused_until)
        quiet_end = quiet_until(now, parse_quiet_hours(settings.quiet_hours), settings.time_zone)
        holds = [h for h in (paused, quiet_end) if h is not None]
        hold = max(holds) if holds else None
        result = CheckResult(held_until=hold, paused_until=paused)
        if hold is not None:
            result.next_check = next_wake(now, None, hold)
            return result
        claimed, others = self._claim(token, now, glance.owed)
        own = {r.followup_id: r for r in claimed}
        elsewhere = (
            self._claim_elsewhere(device, token, now)
            if device is not None and glance.shown_elsewhere
            else []
        )
        if not claimed and not elsewhere:  # nothing changed since the glance
            result.next_check = _next_wake(now, glance.next_owed, others)
            return result
        # Sent one by one, recorded together (a check shows a few at most, or one
        # summary): one transaction, a few round trips, however many were shown.
        shown: list[int] = []
        elsewhere_shown: list[int] = []
        failures: dict[int, str] = {}
        for notice in notices_for(self._describe(claimed + elsewhere)):
            ours = [i for i in notice.followup_ids if i in own]
            try:
                notifier.send(notice)
            except NotifyError as error:  # a claim from elsewhere goes stale: tried again
                result.failed.append((notice, str(error)))
                failures.update(dict.fromkeys(ours, str(error)))
            else:
                result.delivered.append(notice)
                shown += ours
                elsewhere_shown += [i for i in notice.followup_ids if i not in own]
        upcoming = self._recorded(shown, elsewhere_shown, failures, own, token, device)
        result.next_check = _next_wake(now, upcoming, others)
        return result

    # steps ---------------------------------------------------------------------------

    def _glance(self, now: datetime, device: str | None) -> _Glance:
        """What a check looks at first, in one read: most checks find nothing owed, and
        on a server each read costs its round trips (this is every minute's traffic)."""
        stale = now - CLAIM_TIMEOUT
        with self.db.read() as session:
            reminders = ReminderRepository(session)
            settings, owed, elsewhere, next_owed = together(  # one round trip on a server
                session,
                lambda: self.settings_in(session),
                lambda: reminders.owed(now, BATCH),
                lambda: (
                    device is not None
                    and bool(
                        DeviceReminderRepository(session, device).shown_elsewhere(now, stale, 1)
                    )
                ),
                lambda: reminders.next_owed(now),
            )
            return _Glance(settings, owed, elsewhere, next_owed)

    def _claim(
        self, token: str, now: datetime, owed: list[OwedRow]
    ) -> tuple[list[OwedRow], list[datetime]]:
        """The reminders this process won of those `owed` at the glance, and when the
        live claims of other processes were taken (they are looked at again once those
        claims go stale)."""
        stale = now - CLAIM_TIMEOUT

        def free(row: OwedRow) -> bool:
            return row.claimed_at is None or row.claimed_at < stale

        def others(rows: list[OwedRow]) -> list[datetime]:
            return [r.claimed_at for r in rows if r.claimed_at is not None and not free(r)]

        if not any(free(r) for r in owed):  # most checks: no write lock then
            return [], others(owed)
        with self.db.write() as session:
            repo = ReminderRepository(session)
            repo.give_up_exhausted(now, MAX_ATTEMPTS)
            (owed,) = together(session, lambda: repo.owed(now, BATCH))  # with the above
            free_rows = [row for row in owed if free(row) and row.attempts < MAX_ATTEMPTS]
            if len(free_rows) > COALESCE_ABOVE:  # one summary: it takes every one owed
                repo.claim_all(token, now, stale, MAX_ATTEMPTS)
                won = repo.owed(now, None, token)
            else:
                ids = [row.followup_id for row in free_rows]
                taken = repo.claim_many(ids, token, now, stale, MAX_ATTEMPTS)
                won = [row for row in free_rows if row.followup_id in taken]
        return won, others(owed)

    def _claim_elsewhere(self, device: str, token: str, now: datetime) -> list[OwedRow]:
        """What other devices showed and this one has not: claimed for this process
        (the glance saw some)."""
        stale = now - CLAIM_TIMEOUT
        with self.db.write() as session:
            repo = DeviceReminderRepository(session, device)
            found = repo.shown_elsewhere(now, stale, BATCH)
            repo.claim(found, token, now)
        return found

    def _recorded(
        self,
        ours: list[int],
        theirs: list[int],
        failures: dict[int, str],
        rows: dict[int, OwedRow],
        token: str,
        device: str | None,
    ) -> datetime | None:
        """Record what was shown and what failed, in one transaction; returns when the
        next reminder is owed, read after (a failure sets a time to retry)."""
        now = self.now()
        with self.db.write() as session:
            reminders = ReminderRepository(session)
            if ours:
                reminders.delivered_many(ours, token, now)
            for followup_id, error in failures.items():
                attempts = rows[followup_id].attempts + 1  # the claim counted one
                again = retry_at(attempts, now)
                if again is None:
                    error = f"gave up after {attempts} attempts: {error}"
                reminders.failed(followup_id, token, error, again)
            if device is not None:
                devices = DeviceReminderRepository(session, device)
                devices.record_shown(ours, now)
                devices.shown(theirs, token, now)
            (upcoming,) = together(session, lambda: reminders.next_owed(now))  # with the above
            return cast(datetime | None, upcoming)

    def _describe(self, rows: list[OwedRow]) -> list[OwedReminder]:
        """Whom each is for; only looked up when each gets a notification of its own."""
        contacts: dict[int, str | None] = {}
        cards = sorted({r.application_id for r in rows if r.application_id is not None})
        if 0 < len(rows) <= 3 and cards:
            with self.db.read() as session:
                apps = ApplicationRepository(session)
                found, events = together(  # one round trip on a server
                    session,
                    lambda: apps.get_many(cards),
                    lambda: EventRepository(session).for_applications(cards),
                )
                for app in found:
                    who = recipient_for(app, events.get(app.id, []))
                    contacts[app.id] = who.name.split()[0] if who.name else None
        return [
            OwedReminder(
                r.followup_id,
                r.application_id,
                FollowUpKind(r.kind),
                r.notify_at,
                r.company,
                r.title,
                contacts.get(r.application_id) if r.application_id is not None else None,
            )
            for r in rows
        ]


@dataclass(frozen=True, slots=True)
class _Glance:
    settings: Settings
    owed: list[OwedRow]
    shown_elsewhere: bool  # by another computer, and not yet here
    next_owed: datetime | None


def _next_wake(now: datetime, upcoming: datetime | None, claimed: list[datetime]) -> datetime:
    if claimed:  # other processes' claims: look again when they would have gone stale
        stale_at = min(claimed) + CLAIM_TIMEOUT
        upcoming = stale_at if upcoming is None else min(upcoming, stale_at)
    return next_wake(now, upcoming)


def _paused_until(now: datetime, paused_text: str) -> datetime | None:
    if not paused_text:
        return None
    paused = datetime.fromisoformat(paused_text)
    return paused if paused > now else None


def watch(
    service: ReminderService,
    notifier: Notifier,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
    slice_s: float = 5.0,
    on_result: Callable[[CheckResult], None] = lambda _: None,
    chores: Sequence[Callable[[], object]] = (),
    device: str | None = None,
) -> None:
    """The headless loop: check, then sleep until the next check is due, waking early
    when the wall clock jumps or the machine resumes from sleep. `chores` run after
    each check (the day's backup, the calendar file); what goes wrong in one is logged,
    never fatal."""
    token = process_token()
    clock = ClockWatch(service.now(), monotonic())
    while not should_stop():
        try:
            result = service.check(notifier, token, device)
        except StorageError as error:  # busy, a full disk, a drive gone: try again later
            log.warning("reminder check skipped: %s", error)
            result = CheckResult(next_check=service.now() + STORAGE_RETRY)
        on_result(result)
        for chore in chores:
            try:
                chore()
            except (UserError, OSError) as error:  # a full disk, a folder gone: later
                log.warning("a chore of the watcher failed: %s", error)
        wake_at = result.next_check or service.now()
        while not should_stop():
            left = (wake_at - service.now()).total_seconds()
            if left <= 0:
                break
            sleep(min(slice_s, left))
            if clock.jumped(service.now(), monotonic()):
                log.info("the clock jumped or the system resumed; checking now")
                break

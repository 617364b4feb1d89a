"""The reminder engine on a real file with a fake clock: timing, claims, retries."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.reminders import CLAIM_TIMEOUT, MAX_ATTEMPTS
from jobhunt_desktop.domain.timeutil import as_utc, parse_datetime
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import FollowUpRow
from jobhunt_desktop.persistence.repositories import ReminderRepository
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput
from jobhunt_desktop.services.reminders import CheckResult, watch
from tests.recording_notifier import RecordingNotifier

ZONE = "Europe/Berlin"


def at(text: str) -> datetime:
    return parse_datetime(text, ZONE)


def row(db: Database, followup_id: int) -> FollowUpRow:
    with db.read() as session:
        found = session.get(FollowUpRow, followup_id)
        assert found is not None
        return found


@pytest.fixture(autouse=True)
def no_weekly_nudge(services: Services) -> None:
    """R12 would add its own reminder to every test; one test turns it back on."""
    services.settings.set("r12_min_active", "1")


def interview(services: Services, company: str = "Acme", contact: str | None = "Dana Cruz") -> int:
    """A first round with its next steps noted: the thank-you (R1) is its one reminder."""
    app = services.applications.add(company, "Data Analyst", stage="Applied").id
    services.events.interview(
        app,
        at("2026-03-02T10:00"),
        next_steps="They will call when they have seen everyone",
        contact=ContactInput(name=contact, email="dana@acme.example") if contact else None,
    )
    return app


def thank_you(services: Services, app: int) -> int:
    return next(f.id for f in services.followups.chain(app) if f.kind is FollowUpKind.THANK_YOU)


def test_a_due_follow_up_is_notified_once_with_what_to_do_and_for_whom(
    db: Database, services: Services, clock: FixedClock
) -> None:
    app = interview(services)
    inbox = RecordingNotifier()
    early = services.reminders.check(inbox, "me")
    assert inbox.shown == []
    assert early.next_check == clock.now() + timedelta(minutes=1)  # capped at a minute

    clock.instant = at("2026-03-02T13:00")  # the thank-you fell due at 13:00
    result = services.reminders.check(inbox, "me")

    assert inbox.texts == ["Send a thank-you to Dana at Acme (Data Analyst)"]
    assert result.delivered[0].application_id == app
    stored = row(db, thank_you(services, app))
    assert stored.notified_at is not None and stored.notify_at is None
    assert stored.attempts == 1 and stored.claimed_by is None
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 1  # never twice


def test_next_check_is_the_next_owed_time_within_a_minute(
    services: Services, clock: FixedClock
) -> None:
    interview(services)
    clock.instant = at("2026-03-02T12:59:30")
    result = services.reminders.check(RecordingNotifier(), "me")
    assert result.next_check == at("2026-03-02T13:00")


def test_a_check_that_finds_nothing_owed_reads_once(
    services: Services, clock: FixedClock, db: Database
) -> None:
    """Every minute, on every computer: its settings, what is owed, what another
    computer showed and when to look again come in one read (one connection from the
    pool), a round trip a statement on a server."""
    from sqlalchemy import event

    interview(services)
    clock.instant = at("2026-03-02T12:59:30")
    sessions: list[object] = []
    listener = lambda *args: sessions.append(args)  # noqa: E731
    event.listen(db.engine, "checkout", listener)
    try:
        result = services.reminders.check(RecordingNotifier(), "me", "laptop")
    finally:
        event.remove(db.engine, "checkout", listener)
    assert len(sessions) == 1
    assert result.next_check == at("2026-03-02T13:00") and not result.delivered


def test_missed_reminders_arrive_after_a_gap_and_more_than_three_are_coalesced(
    services: Services, clock: FixedClock
) -> None:
    for company in ("Acme", "Globex", "Initech", "Umbrella", "Hooli"):
        interview(services, company)
    clock.instant = at("2026-03-06T09:00")  # the machine was off for days
    inbox = RecordingNotifier()
    result = services.reminders.check(inbox, "me")
    [summary] = inbox.shown
    owed = sum(len(n.followup_ids) for n in result.delivered)
    assert summary.title == f"{owed} follow-ups are due"
    assert summary.opens_due_view
    assert "more. See them under Follow-ups" in summary.message
    assert services.reminders.check(inbox, "me").delivered == []


def test_three_due_at_once_each_get_their_own(services: Services, clock: FixedClock) -> None:
    for company in ("Acme", "Globex", "Initech"):
        interview(services, company, contact=None)
    clock.instant = at("2026-03-02T13:00")
    inbox = RecordingNotifier()
    services.reminders.check(inbox, "me")
    assert sorted(inbox.texts) == [
        f"Send a thank-you to {c} (Data Analyst)" for c in ("Acme", "Globex", "Initech")
    ]


def test_a_snoozed_reminder_comes_back_at_its_snooze_time(
    services: Services, clock: FixedClock
) -> None:
    app = interview(services)
    clock.instant = at("2026-03-02T13:00")
    inbox = RecordingNotifier()
    services.reminders.check(inbox, "me")
    services.followups.snooze(thank_you(services, app), at("2026-03-03T09:00"))

    clock.instant = at("2026-03-03T08:59")
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 1
    clock.instant = at("2026-03-03T09:00")
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 2


def test_quiet_hours_hold_notifications_until_morning_across_a_dst_change(
    services: Services, clock: FixedClock
) -> None:
    app = interview(services)
    services.settings.set("quiet_hours", "22:00-08:00")
    # The night the clocks go forward in Berlin (29 March 2026, 02:00 -> 03:00).
    services.followups.snooze(thank_you(services, app), at("2026-03-28T23:30"))
    clock.instant = at("2026-03-28T23:30")
    inbox = RecordingNotifier()
    held = services.reminders.check(inbox, "me")
    assert inbox.shown == []
    assert held.held_until == at("2026-03-29T08:00")
    assert held.paused_until is None  # quiet hours, not a pause
    assert held.held_until == datetime.fromisoformat("2026-03-29T06:00:00+00:00")
    clock.instant = at("2026-03-29T08:00")
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 1


def test_a_pause_holds_until_its_end(services: Services, clock: FixedClock) -> None:
    interview(services)
    clock.instant = at("2026-03-02T13:00")
    services.settings.set("reminders_paused_until", "2026-03-02T14:00+01:00")
    inbox = RecordingNotifier()
    held = services.reminders.check(inbox, "me")
    assert held.held_until == held.paused_until == at("2026-03-02T14:00")
    clock.instant = at("2026-03-02T14:00")
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 1


def test_failures_are_recorded_retried_and_given_up_after_the_attempts(
    db: Database, services: Services, clock: FixedClock
) -> None:
    app = interview(services)
    followup = thank_you(services, app)
    clock.instant = at("2026-03-02T13:00")
    broken = RecordingNotifier(failing="notify-send is missing")
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        result = services.reminders.check(broken, "me")
        assert result.failed and result.failed[0][1] == "notify-send is missing"
        stored = row(db, followup)
        assert stored.attempts == attempt
        if stored.notify_at is None:
            break
        retry = as_utc(stored.notify_at)
        delays.append(retry - clock.instant)
        clock.instant = retry
    stored = row(db, followup)
    assert stored.notify_at is None
    assert stored.last_error == f"gave up after {MAX_ATTEMPTS} attempts: notify-send is missing"
    assert [d.total_seconds() // 60 for d in delays] == [1, 5, 15, 15]
    assert services.reminders.check(RecordingNotifier(), "me").delivered == []


def test_only_one_process_wins_a_claim_and_a_lost_claim_is_retried(
    db: Database, services: Services, clock: FixedClock
) -> None:
    app = interview(services)
    followup = thank_you(services, app)
    now = at("2026-03-02T13:00")
    stale = now - CLAIM_TIMEOUT
    with db.write() as session:
        repo = ReminderRepository(session)
        assert repo.claim(followup, "crashed", now, stale, MAX_ATTEMPTS)
        assert not repo.claim(followup, "other", now, stale, MAX_ATTEMPTS)
    # "crashed" never reports back; another process waits for the claim to go stale.
    clock.instant = now + timedelta(seconds=90)
    inbox = RecordingNotifier()
    waiting = services.reminders.check(inbox, "other")
    assert inbox.shown == [] and waiting.next_check == now + CLAIM_TIMEOUT
    clock.instant = now + CLAIM_TIMEOUT + timedelta(seconds=1)
    services.reminders.check(inbox, "other")
    assert len(inbox.shown) == 1
    assert row(db, followup).attempts == 2
    with db.write() as session:  # the crashed process cannot mark it any more
        assert not ReminderRepository(session).delivered(followup, "crashed", now)


def test_keep_applying_comes_through_the_same_path(services: Services, clock: FixedClock) -> None:
    services.settings.set("r12_min_active", "5")
    services.applications.add("Acme", "Analyst", stage="Applied")
    services.followups.replan_all()
    nudges = [
        f for f in services.followups.pending() if f.followup.kind is FollowUpKind.KEEP_APPLYING
    ]
    assert nudges
    clock.instant = nudges[0].followup.remind_at
    inbox = RecordingNotifier()
    services.reminders.check(inbox, "me")
    assert any(t.startswith("Keep applying") for t in inbox.texts)


def test_the_watch_loop_sleeps_until_due_and_wakes_early_on_a_clock_jump(
    services: Services, clock: FixedClock
) -> None:
    interview(services)
    clock.instant = at("2026-03-02T12:58")
    inbox = RecordingNotifier()
    mono = [0.0]
    slept: list[float] = []
    checks: list[datetime] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        mono[0] += seconds
        clock.advance(timedelta(seconds=seconds))
        if len(slept) == 3:  # the machine sleeps 2 days: wall time jumps, monotonic not
            clock.advance(timedelta(days=2))

    watch(
        services.reminders,
        inbox,
        should_stop=lambda: len(checks) >= 3,
        sleep=sleep,
        monotonic=lambda: mono[0],
        on_result=lambda _: checks.append(clock.now()),
    )
    assert slept[:3] == [5.0, 5.0, 5.0]
    assert checks[1] - checks[0] > timedelta(days=2)  # checked right after the jump
    assert checks[1] - checks[0] < timedelta(days=2, minutes=1)
    assert inbox.texts == ["Send a thank-you to Dana at Acme (Data Analyst)"]


def test_the_watch_loop_outlasts_a_database_that_stays_busy(
    quick_db: Database, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    services = Services.create(quick_db, clock, ZONE)
    services.settings.set("r12_min_active", "1")
    interview(services)
    clock.instant = at("2026-03-02T13:05")  # the thank-you is due
    inbox = RecordingNotifier()
    path = quick_db.path
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    results: list[CheckResult] = []

    def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))
        if other.in_transaction:
            other.execute("COMMIT")  # the other writer is done

    try:
        watch(
            services.reminders,
            inbox,
            should_stop=lambda: len(results) >= 2,
            sleep=sleep,
            on_result=results.append,
        )
    finally:
        other.close()
    assert results[0].delivered == [] and results[1].delivered != []
    assert inbox.texts == ["Send a thank-you to Dana at Acme (Data Analyst)"]
    assert any("reminder check skipped" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [("22:00-08:00", "22:00-08:00"), (" 9:30 - 12:00 ", "09:30-12:00"), ("off", "off")],
)
def test_quiet_hours_setting_is_checked(services: Services, text: str, normalised: str) -> None:
    assert services.settings.set("quiet_hours", text).value.value == normalised


def test_settings_for_reminders_do_not_replan(services: Services, clock: FixedClock) -> None:
    app = interview(services)
    before = services.followups.chain(app)
    services.settings.set("quiet_hours", "23:00-07:00")
    assert services.followups.chain(app) == before
    assert date(2026, 3, 2) == clock.now().date()


def test_more_than_a_batch_owed_is_one_summary_and_a_second_process_gets_none(
    db: Database, services: Services, clock: FixedClock
) -> None:
    from jobhunt_desktop.domain.entities import FollowUpState
    from jobhunt_desktop.services.reminders import BATCH

    app = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    now = at("2026-03-06T09:00")
    owed = BATCH + 50  # a long hunt after a week away: more than one check's look
    with db.write() as session:
        for number in range(owed):
            due = now - timedelta(minutes=number + 1)
            session.add(
                FollowUpRow(
                    application_id=app,
                    key=f"test:{number}",
                    kind=FollowUpKind.APPLICATION_CHECK,
                    rule="R5",
                    due_at=due,
                    zone=ZONE,
                    state=FollowUpState.PENDING,
                    remind_at=due,
                    notify_at=due,
                    attempts=0,
                    created_at=due,
                )
            )
    clock.instant = now
    window, watcher = RecordingNotifier(), RecordingNotifier()
    services.reminders.check(window, "window")
    services.reminders.check(watcher, "watcher")  # running beside it, a moment later
    [summary] = window.shown
    assert summary.title == f"{owed} follow-ups are due"
    assert watcher.shown == []
    assert services.reminders.check(window, "window").delivered == []


def test_a_further_offer_updates_the_open_notice_and_shows_it_once_more(
    db: Database, services: Services, clock: FixedClock
) -> None:
    first = services.applications.add("Northwind", "Analyst", stage="Interviewing").id
    second = services.applications.add("Initech", "Engineer", stage="Applied").id
    told = services.applications.add("Contoso", "Analyst", stage="Interviewing").id
    services.applications.move([first], "Offer")  # an offer, by the move alone
    inbox = RecordingNotifier()
    services.reminders.check(inbox, "me")
    assert inbox.texts == ["Tell Contoso (Analyst) about your other offer"]
    [notice] = [f for f in services.followups.chain(told) if f.rule == "R8"]

    clock.advance(timedelta(hours=2))
    services.events.offer(second)  # a further offer, logged
    [updated] = [f for f in services.followups.chain(told) if f.rule == "R8"]
    assert updated.id == notice.id and updated.due_at == notice.due_at
    assert "Northwind" in updated.reason and "Initech" in updated.reason
    services.reminders.check(inbox, "me")
    assert inbox.texts[1:] == ["Tell Contoso (Analyst) about your other offer"]
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 2  # once for each offer, never more

    clock.advance(timedelta(hours=1))
    services.events.offer(first, deadline_at=clock.now() + timedelta(days=5))
    services.reminders.check(inbox, "me")
    assert len(inbox.shown) == 2  # filling in a known offer is no news

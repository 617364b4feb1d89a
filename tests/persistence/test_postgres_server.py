"""What only a server does, on a real PostgreSQL server: its SQLSTATE errors come out
as StorageErrors, writers take turns through the advisory lock, a newer schema is
refused untouched, a server out of reach fails within the connect timeout, and a
connection that breaks during COMMIT is reported as an unknown outcome; and, for a
server far away, no round trip is spent on what does not need one."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from benchmarks.latency_proxy import LatencyProxy
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import (
    StorageBusyError,
    StorageOutcomeUnknownError,
    StorageReadOnlyError,
    StorageUnreachableError,
    UserError,
)
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.persistence.engine_setup import CONNECT_TIMEOUT_S
from jobhunt_desktop.persistence.models import ApplicationRow
from jobhunt_desktop.persistence.one_trip import only_learned
from jobhunt_desktop.persistence.sqlite_copies import DatabaseError
from jobhunt_desktop.services.container import Services
from tests.conftest import ZONE

MOVE_TRIPS = 4  # at most; see the test of a move below
OPERATION_TRIPS = 5  # at most, for every operation


def run_sql(url: str, *statements: str) -> list[object]:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            results = [conn.execute(text(s)) for s in statements]
            return [r.scalar() if r.returns_rows else None for r in results]
    finally:
        engine.dispose()


def cards(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ApplicationRow)) or 0)


def test_a_newer_schema_on_the_server_is_refused_and_left_alone(server_db: str) -> None:
    run_sql(server_db, "UPDATE alembic_version SET version_num = 'ffffffffffff'")
    with pytest.raises(DatabaseError, match="newer version of jobhunt-desktop"):
        open_database(server_db)
    assert run_sql(server_db, "SELECT version_num FROM alembic_version") == ["ffffffffffff"]
    assert run_sql(server_db, "SELECT count(*) FROM stages") == [8]


def test_writers_take_turns_and_one_kept_waiting_is_told_busy(
    server_db: str, clock: FixedClock
) -> None:
    first = open_database(server_db)
    second = open_database(server_db, busy_timeout_ms=300)
    try:
        other = Services.create(second, clock, ZONE)
        with first.write() as session:  # a writer on another computer, mid-change
            session.execute(text("SELECT 1"))
            started = time.monotonic()
            with pytest.raises(StorageBusyError) as caught:
                other.applications.add("Acme", "Analyst")
            waited = time.monotonic() - started
        assert 0.25 <= waited < 2.0
        assert "try again" in str(caught.value) and caught.value.retry_may_help
        with second.read() as session:  # readers never wait for writers
            session.execute(text("SELECT 1"))
        other.applications.add("Acme", "Analyst")  # the lock is free again
        assert cards(first) == 1
    finally:
        first.close()
        second.close()


def test_a_read_only_server_says_so_and_nothing_changes(server_db: str, clock: FixedClock) -> None:
    name = server_db.rsplit("/", 1)[1].split("?")[0]
    run_sql(server_db, f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    db = open_database(server_db)
    try:
        with pytest.raises(StorageReadOnlyError, match="only allows reading"):
            Services.create(db, clock, ZONE).applications.add("Acme", "Analyst")
        assert cards(db) == 0
    finally:
        db.close()


def test_a_server_that_is_not_there_is_out_of_reach_at_once(tmp_path: object) -> None:
    url = f"postgresql+psycopg://postgres@/jobs?host={tmp_path}"  # no server on that socket
    with pytest.raises(StorageUnreachableError, match="could not be reached") as caught:
        open_database(url)
    assert caught.value.retry_may_help


def test_a_server_that_does_not_answer_fails_within_the_connect_timeout() -> None:
    """A port that takes the connection and then says nothing, as a server behind a
    dropped network link does: the app gives up after the timeout, it never hangs."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        held: list[socket.socket] = []
        accepting = threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True)
        accepting.start()
        started = time.monotonic()
        with pytest.raises(StorageUnreachableError):
            open_database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/jobs")
        waited = time.monotonic() - started
        for connection in held:
            connection.close()
    assert CONNECT_TIMEOUT_S - 0.5 <= waited < CONNECT_TIMEOUT_S + 3


@pytest.mark.parametrize("next_action", ["a write", "a read"])
def test_a_connection_the_server_dropped_between_actions_is_replaced(
    server_db: str, clock: FixedClock, next_action: str
) -> None:
    db = open_database(server_db)
    try:
        services = Services.create(db, clock, ZONE)
        services.applications.add("Acme", "Analyst")
        run_sql(
            server_db,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        if next_action == "a write":  # on a new connection
            services.applications.add("Globex", "Engineer")
            assert cards(db) == 2
        else:
            assert [card.title for card in services.applications.board()] == ["Analyst"]
    finally:
        db.close()


@contextmanager
def through_proxy(
    server_db: str, round_trip_ms: float = 0
) -> Iterator[tuple[Database, LatencyProxy]]:
    """The database opened over TCP through a proxy that counts the round trips (those
    of statements sent together in a pipeline need a delay to be told apart)."""
    url = make_url(server_db)
    socket = str(Path(str(url.query["host"])) / ".s.PGSQL.5432")
    proxy = LatencyProxy(socket, round_trip_ms=round_trip_ms)
    port = proxy.start()
    db = open_database(url.set(host="127.0.0.1", port=port, query={}).render_as_string(False))
    try:
        yield db, proxy
    finally:
        db.close()
        proxy.stop()


def test_a_read_waits_on_its_statements_alone_and_a_write_on_one_more(
    server_db: str, clock: FixedClock
) -> None:
    """Far from the server every round trip costs: a read sends no BEGIN or ROLLBACK
    (plus one check that the connection still stands), a write sends its BEGIN with its
    lock and ends with the COMMIT, and the driver prepares no statements (which would
    cost a trip of their own the sixth time a statement is sent)."""
    with through_proxy(server_db) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        statements: list[str] = []  # as sent: not while a read was learned (one_trip)
        event.listen(
            db.engine,
            "after_cursor_execute",
            lambda *a: None if only_learned(a[4]) else statements.append(a[2]),
        )
        for _ in range(7):
            statements.clear()
            before = proxy.round_trips
            services.applications.board()
            assert statements[0] == "SELECT 1"
            assert proxy.round_trips - before == len(statements)
        for number in range(7):
            statements.clear()
            before = proxy.round_trips
            services.applications.add("Acme", f"Analyst {number}")
            assert statements[0].startswith("BEGIN; SET LOCAL lock_timeout")
            # the COMMIT, and no more; reads sent together may share a trip
            assert proxy.round_trips - before <= len(statements) + 1


def test_a_card_and_all_its_tables_are_read_in_one_round_trip(
    server_db: str, clock: FixedClock
) -> None:
    """What the card dialog draws (the card, its events, follow-ups, history and files,
    the stages and the settings) goes to the server in one pipeline, after the check
    that the connection still stands: two round trips, however many tables."""
    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        card = services.applications.add("Acme", "Analyst", stage="Applied").id
        services.events.reply(card, notes="They will call")
        before = proxy.round_trips
        story, settings = services.applications.story_and_settings(card)
        assert proxy.round_trips - before == 2
    assert story.application.company == "Acme" and story.application.stage.name == "Applied"
    assert [e.notes for e in story.events] == ["They will call"]
    assert story.followups and story.history and settings.time_zone


def test_a_write_ends_in_one_round_trip_with_its_log_entry_and_the_commit(
    server_db: str, clock: FixedClock
) -> None:
    """A write's BEGIN goes with its lock, and its change log entry, the cards'
    versions and the COMMIT go together: a write of one row costs three round trips."""
    from sqlalchemy import update

    from jobhunt_desktop.persistence.change_log import recorder

    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        card = Services.create(db, clock, ZONE).applications.add("Acme", "Analyst").id
        before = proxy.round_trips
        with db.write() as session:
            session.execute(
                update(ApplicationRow).where(ApplicationRow.id == card).values(title="Lead")
            )
            recorder(session).cards.add(card)
        assert proxy.round_trips - before == 3
        with db.read() as session:
            row = session.get(ApplicationRow, card)
            assert row is not None and row.title == "Lead" and row.version > 0


def test_a_move_sends_what_it_reads_and_its_end_together(server_db: str, clock: FixedClock) -> None:
    """A move's round trips: its BEGIN with the lock; what it decides from (the stages,
    the card, its events and follow-ups, the settings, the places in the column) in
    one; its writes (the card's place, the event it implies) sent with what the
    re-plan reads (the card's facts, R12's); and its end (the follow-ups' changes, its
    history, log entry and versions) with the COMMIT. Sent one statement at a time it
    took 21."""
    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        card = services.applications.add("Acme", "Analyst", stage="Applied").id
        screening = next(s.id for s in services.stages.all() if s.name == "Screening")
        before = proxy.round_trips
        services.applications.move([card], screening, index=0)
        trips = proxy.round_trips - before
        assert services.applications.get(card).stage.name == "Screening"
    assert trips <= MOVE_TRIPS


class Cards(NamedTuple):
    """What an operation works on: a card in Applied, one in interviews, the latter's
    interview."""

    card: int
    other: int
    event: int


OPERATIONS: dict[str, Callable[[Services, Cards], object]] = {
    "move into interviews": lambda s, c: s.applications.move([c.card], "Interviewing"),
    "move two cards": lambda s, c: s.applications.move([c.card, c.other], "Applied", 0),
    "edit": lambda s, c: s.applications.edit(c.card, {"title": "Lead", "location": "Oslo"}),
    "change the company and tags": lambda s, c: s.applications.edit(
        c.card, {"company": "Initech", "tags": ["remote", "sql"]}
    ),
    "log an interview": lambda s, c: s.events.interview(c.card, s.applications.now()),
    "log a reply": lambda s, c: s.events.reply(c.card, notes="They will call"),
    "log an offer": lambda s, c: s.events.offer(c.other),
    "log a rejection": lambda s, c: s.events.rejection(c.card),
    "log a message sent": lambda s, c: s.events.sent(c.card, subject="Thank you"),
    "correct an event": lambda s, c: s.events.edit(c.event, {"notes": "Went well"}),
    "remove an event": lambda s, c: s.events.delete(c.event),
    "record next steps": lambda s, c: s.events.record_next_steps(c.event, next_steps="A task"),
    "add at a known company": lambda s, _: s.applications.add("Acme", "Designer"),
    "add at a new company": lambda s, _: s.applications.add("Initech", "Designer"),
    "add a contact": lambda s, c: s.contacts.create(c.card, name="Dana Kim"),
    "archive": lambda s, c: s.applications.set_archived_many([c.card], True),
    "delete": lambda s, c: s.applications.delete_many([c.card, c.other]),
    "change a setting": lambda s, _: s.settings.set("r4_days", "21"),
    "pause reminders": lambda s, _: s.settings.pause_reminders(timedelta(hours=2)),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_an_operation_costs_at_most_five_round_trips(
    server_db: str, clock: FixedClock, name: str
) -> None:
    """What each one writes in its middle goes with the reads that follow, and what it
    writes last with the COMMIT: no write waits for an answer it does not need."""
    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        card = services.applications.add("Acme", "Analyst", stage="Applied").id
        other = services.applications.add("Globex", "Analyst", stage="Interviewing").id
        event = services.events.interview(other, clock.now()).event.id
        before = proxy.round_trips
        changed = OPERATIONS[name](services, Cards(card, other, event))
        trips = proxy.round_trips - before
    assert changed is not None
    assert trips <= OPERATION_TRIPS, f"{name}: {trips} round trips"


def test_undoing_a_move_or_a_delete_costs_at_most_five_round_trips(
    server_db: str, clock: FixedClock
) -> None:
    """An undo reads the cards as they are (to compare, and for the redo) in one trip
    and sends what it puts back with what the re-plan reads."""
    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        card = services.applications.add("Acme", "Analyst", stage="Applied").id
        other = services.applications.add("Globex", "Analyst", stage="Applied").id
        moved = services.applications.move([card], "Interviewing")
        gone = services.applications.delete(other)
        costs = []
        for undo in (
            lambda: services.undo.put_back(moved.before, own_versions=moved.changes.versions),
            lambda: services.applications.undelete(gone.value[0]),
        ):
            before = proxy.round_trips
            undo()
            costs.append(proxy.round_trips - before)
        assert services.applications.get(card).stage.name == "Applied"
        assert services.applications.get(other).company == "Globex"
    assert max(costs) <= OPERATION_TRIPS, costs


def test_a_reminder_check_with_nothing_owed_costs_two_round_trips(
    server_db: str, clock: FixedClock
) -> None:
    """Every minute's check, in the window and in the watcher: the check that the
    connection stands, and what it looks at (settings, what is owed, what another
    computer showed, when the next one is owed) in one. Showing three reminders then
    costs a claim, a read of whom they are for and one transaction recording them."""
    from jobhunt_desktop.domain.reminders import Notice

    class Shown:
        def __init__(self) -> None:
            self.notices: list[Notice] = []

        def problem(self) -> str | None:
            return None

        def send(self, notice: Notice) -> None:
            self.notices.append(notice)

    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        for name in ("Acme", "Globex"):  # a nudge each, and the search's own: three
            Services.create(db, clock, ZONE).applications.add(name, "Analyst", stage="Applied")
        later = Services.create(db, FixedClock(clock.now() + timedelta(days=30)), ZONE)
        shown = Shown()
        costs = []
        for _ in range(2):
            before = proxy.round_trips
            later.reminders.check(shown, "this process", "laptop")
            costs.append(proxy.round_trips - before)
    assert len(shown.notices) == 3
    assert costs[1] == 2
    assert costs[0] <= 12, costs


def test_dismissing_or_snoozing_a_follow_up_costs_five_round_trips(
    server_db: str, clock: FixedClock
) -> None:
    """Its BEGIN with the lock; the follow-up and whose it is; the card's state for the
    undo with the stages and settings; the change; and its end with the COMMIT."""
    from datetime import timedelta

    with through_proxy(server_db, round_trip_ms=10) as (db, proxy):
        services = Services.create(db, clock, ZONE)
        cards = [services.applications.add(n, "Analyst", stage="Applied").id for n in ("A", "B")]
        first, second = (services.followups.chain(card)[0].id for card in cards)
        costs = []
        for act in (
            lambda: services.followups.snooze(first, clock.now() + timedelta(days=1)),
            lambda: services.followups.dismiss(second),
        ):
            before = proxy.round_trips
            act()
            costs.append(proxy.round_trips - before)
        states = [services.followups.chain(card)[0].state.value for card in cards]
    assert costs == [5, 5]
    assert states == ["snoozed", "dismissed"]


def test_a_connection_lost_during_commit_is_an_unknown_outcome(
    server_db: str, clock: FixedClock
) -> None:
    """The server's own backend ends itself while it commits (a deferred trigger runs
    at COMMIT): the app cannot know whether the change was saved, and says so."""
    run_sql(
        server_db,
        "CREATE FUNCTION end_here() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER end_at_commit AFTER INSERT ON change_log "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_here()",
    )
    db = open_database(server_db)
    try:
        with pytest.raises(StorageOutcomeUnknownError, match="may or may not have been saved"):
            Services.create(db, clock, ZONE).applications.add("Acme", "Analyst")
    finally:
        db.close()


def test_backups_on_a_server_point_to_the_export(server_db: str, clock: FixedClock) -> None:
    db = open_database(server_db)
    try:
        with pytest.raises(UserError, match="export --format json"):
            Services.create(db, clock, ZONE).backups.backup()
    finally:
        db.close()

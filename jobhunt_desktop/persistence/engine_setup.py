"""Engine set-up: the one place that knows the dialect.

Every write transaction of the app reads, decides, then writes (where does a card
land in its new column, is this follow-up still due), so writers take turns: two
writers deciding on the same rows at once could lose an update or put two cards at
one position. SQLite gives that with `BEGIN IMMEDIATE`, which takes the file's write
lock up front. On PostgreSQL a write transaction begins by taking one transaction-level
advisory lock, held until its commit or rollback; readers never wait for it. Either way
a writer waits up to the busy timeout, then fails with a StorageBusyError and nothing
changed.

A server may be far away, where each round trip costs tens of milliseconds, so the
sessions' connections leave transactions to us (the driver's autocommit): a write sends
its BEGIN, lock timeout and lock as one message, and a read sends no BEGIN or ROLLBACK
at all (under READ COMMITTED each statement reads the latest commits either way; a read
"transaction" on a server bought nothing). What must see one moment across several
statements (an export) asks for a snapshot: REPEATABLE READ on a server, a read
transaction on SQLite, whose WAL keeps its moment. The driver prepares no statements, which
would cost a round trip each the first time. The connection is checked by the first
round trip of each session (`first_trip`), not by a ping of its own. Statements that
need not wait for each other's answers go in one round trip, through the driver's
pipeline (`send_together`, used by one_trip.py): the reads a use case decides from, and
the end of every write with its COMMIT.

A server that cannot be reached fails the connect after CONNECT_TIMEOUT_S seconds
instead of hanging the window.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

from jobhunt_desktop.persistence.sqlite_file import APPLICATION_ID

BEGIN_OPTION = "jobhunt_begin"  # execution option read by the `begin` hooks
WRITE = "IMMEDIATE"  # its value on write transactions
SNAPSHOT = "SNAPSHOT"  # on reads that must see one moment throughout
CONNECT_TIMEOUT_S = 5
Sent = tuple[str, Any]  # a statement as the driver is given it, and its parameters
WRITERS_LOCK = APPLICATION_ID  # the advisory lock's key: ours, and no other program's


def create_app_engine(url: URL, busy_timeout_ms: int) -> Engine:
    """An engine whose write transactions take turns (see the module's docstring)."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, busy_timeout_ms)
    if backend == "postgresql":
        return _postgres_engine(url, busy_timeout_ms)
    return create_engine(url)


def is_sqlite(engine: Engine) -> bool:
    return engine.url.get_backend_name() == "sqlite"


class SessionBinds(NamedTuple):
    """The binds of the three kinds of session: one engine (one pool), whose `begin`
    hook reads the option to open each kind of transaction its way."""

    read: Engine
    snapshot: Engine
    write: Engine


def session_binds(engine: Engine) -> SessionBinds:
    if engine.url.get_backend_name() == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return SessionBinds(
        engine,
        engine.execution_options(**{BEGIN_OPTION: SNAPSHOT}),
        engine.execution_options(**{BEGIN_OPTION: WRITE}),
    )


def first_trip(conn: Connection) -> None:
    """A session's first round trip, made before its work so that a connection the
    server dropped since its last use is found while nothing has been sent: a write's
    or a snapshot's BEGIN, a trivial query for a plain read on a server."""
    if conn.dialect.name == "postgresql" and conn.get_execution_options().get(BEGIN_OPTION) is None:
        conn.exec_driver_sql("SELECT 1")


# --- PostgreSQL --------------------------------------------------------------------------


def _postgres_engine(url: URL, busy_timeout_ms: int) -> Engine:
    engine = create_engine(
        url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "prepare_threshold": None}
    )
    # One message, no parameters (the simple protocol takes several statements): our
    # own numbers only.
    begin_write = (
        f"BEGIN; SET LOCAL lock_timeout = {int(busy_timeout_ms)}; "
        f"SELECT pg_advisory_xact_lock({int(WRITERS_LOCK)})"
    )

    def on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION)
        if mode == WRITE:
            conn.execution_options(no_parameters=True).exec_driver_sql(begin_write)
        elif mode == SNAPSHOT:
            conn.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    event.listen(engine, "begin", on_begin)
    return engine


def has_pipeline(conn: Connection) -> bool:
    """Whether statements can be sent together, in one round trip (psycopg's pipeline)."""
    return conn.dialect.driver == "psycopg"


# The type a made-up empty answer gives its columns (one_trip): PostgreSQL's int4, which
# the driver's result types all take (its float and numeric ones refuse an unknown one).
EMPTY_ANSWER_TYPE = 23


def send_together(conn: Connection, statements: Sequence[Sent]) -> list[Any] | None:
    """Send statements in one round trip, through the driver's pipeline, and return
    their cursors, each holding its answer; None where there is no pipeline (SQLite,
    where a statement costs no trip). A failure is raised as SQLAlchemy raises the
    driver's errors, so the storage errors read it as they read any other."""
    if not has_pipeline(conn) or not statements:
        return None
    import psycopg

    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    cursors: list[Any] = []
    try:
        with raw.pipeline():
            for sql, parameters in statements:
                cursor = raw.cursor()
                cursors.append(cursor)
                cursor.execute(sql, parameters)
    except psycopg.Error as error:
        for cursor in cursors:
            cursor.close()
        sql, parameters = statements[0]
        broken = raw.broken
        if broken:  # as SQLAlchemy does with its own: the pool drops it, no ROLLBACK tried
            conn.invalidate(error)
        raise DBAPIError.instance(
            sql, parameters, error, psycopg.Error, connection_invalidated=broken
        ) from error
    return cursors


def refresh_statistics(conn: Connection) -> None:
    """After a bulk load: the planner's statistics for the tables as they now are. A
    server gathers them by itself, but a while later, and meanwhile plans the app's
    queries for empty tables. SQLite's planner runs without statistics here (stale
    ones, kept in the file, would mislead it as the hunt grows), so it gets none."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE")


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> Engine:
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    def on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        _on_sqlite_connect(cast(sqlite3.Connection, dbapi_connection), busy_timeout_ms)

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(raw: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Per-connection settings; the driver's own BEGIN handling is switched off.

    With `isolation_level = None` the sqlite3 module no longer opens transactions
    behind our back (SQLAlchemy's documented pysqlite recipe); `_on_sqlite_begin`
    emits them. PRAGMA foreign_keys only works outside a transaction, as here.
    """
    raw.isolation_level = None
    raw.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}").close()
    _switch_to_wal(raw, busy_timeout_ms)  # readers and one writer at once
    raw.execute("PRAGMA synchronous=FULL").close()  # with WAL: each commit survives power loss
    raw.execute("PRAGMA foreign_keys=ON").close()


def _switch_to_wal(raw: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """`PRAGMA journal_mode=WAL`, retried while another connection holds the lock.

    Converting a file to WAL needs an exclusive lock, and SQLite reports BUSY at once,
    without calling the busy handler, when waiting could deadlock: this happens when
    two processes open the same new file together (the race test found it).
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    delay = 0.002
    while True:
        try:
            raw.execute("PRAGMA journal_mode=WAL").close()
            return
        except sqlite3.OperationalError as exc:
            busy = (exc.sqlite_errorname or "").startswith("SQLITE_BUSY")
            if not busy or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _on_sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for write transactions, a plain (deferred) BEGIN otherwise."""
    mode = conn.get_execution_options().get(BEGIN_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == WRITE else "BEGIN")


def set_outside_transaction(conn: Connection, pragma: str) -> None:
    """Run a PRAGMA on the SQLite driver connection before a transaction begins."""
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)
    raw.execute(pragma).close()

"""Opening the app's database safely: file checks, migrations, backups.

This module opens a SQLite file or a server. Above it, the services get short ORM
sessions from `Database.read()` and `Database.write()`, hand them to the repositories
and never see the dialect. The dialect's particulars live beside it: the engines'
settings and write locks (`engine_setup`), the file checks (`sqlite_file`) and the
error codes (`storage_errors`); the window's start-up reader is
`jobhunt_desktop.startup.quick_board`. The change marker other processes poll is
`PRAGMA data_version` on SQLite and the change counter elsewhere.

Why the care: the file holds someone's job hunt and several processes (the window,
the CLI, the reminder loop) may write to it at once. So a file that is not ours, is
damaged, or comes from a newer app version is refused without being touched; an
older file is copied aside before it is upgraded; an upgrade runs in one transaction;
and every write transaction takes the writers' lock up front (SQLite's `BEGIN
IMMEDIATE`, an advisory lock on a server) so that a read-then-write never fails with
"database is locked" nor loses an update.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from jobhunt_desktop.domain.errors import StorageError, UserError
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.persistence import (
    change_log,
    one_trip,
    private_files,
    sqlite_copies,
    storage_errors,
)
from jobhunt_desktop.persistence.database_choice import choose
from jobhunt_desktop.persistence.engine_setup import (
    BEGIN_OPTION,
    WRITE,
    create_app_engine,
    first_trip,
    refresh_statistics,
    session_binds,
    set_outside_transaction,
)
from jobhunt_desktop.persistence.server_errors import PasswordNeededError
from jobhunt_desktop.persistence.server_passwords import from_keyring
from jobhunt_desktop.persistence.sqlite_copies import DatabaseError
from jobhunt_desktop.persistence.sqlite_file import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_HEAD,
    SQLITE_MAGIC,
    connect_read_only,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")


class Database:
    """One open database: the engine and the two kinds of short transaction on it."""

    url: str
    engine: Engine
    path: Path | None

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.path = path
        self.label = str(path) if path is not None else self.url  # for messages
        binds = session_binds(engine)
        one_trip.install(engine)
        self._read_sessions = sessionmaker(bind=binds.read, expire_on_commit=False)
        self._snapshot_sessions = sessionmaker(bind=binds.snapshot, expire_on_commit=False)
        self._write_sessions = sessionmaker(bind=binds.write, expire_on_commit=False)
        for reads in (self._read_sessions, self._snapshot_sessions):
            event.listen(reads, "before_flush", _refuse_to_write)
            event.listen(reads, "do_orm_execute", _refuse_to_write_through)
        event.listen(self._write_sessions, "after_flush", change_log.record_flush)
        self._marker: sqlite3.Connection | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read: a session that refuses to write (a flush or an INSERT, UPDATE
        or DELETE through it raises), since on a server its statements run each on
        its own and a write would stay. On SQLite it is one read transaction.

        Closing the session rolls the transaction back and returns the connection,
        but unlike `Session.rollback()` it does not expire the loaded rows, so they
        stay readable (detached) after the block. Keep it short: an open read
        transaction pins the WAL and stops checkpoints.
        """
        with (
            storage_errors.translated(self.path, self.label),
            self._started(self._read_sessions) as session,
        ):
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read that sees one moment in all its statements, for what must agree with
        itself (an export: no follow-up of a card added after the cards were read). A
        plain `read()` on a server sees the latest commit at each statement."""
        with (
            storage_errors.translated(self.path, self.label),
            self._started(self._snapshot_sessions) as session,
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed if the block ends normally, else rolled back.

        On SQLite it starts with BEGIN IMMEDIATE at the session's first statement, so
        other writers wait here (up to the busy timeout) instead of failing later.
        What the environment causes (busy, disk full, read-only, I/O, damage) comes
        out as a StorageError, after the rollback. Before the commit the change is
        numbered and logged (change_log.py); `change_log.written(session)` then says
        what it changed. Everything is sent before the COMMIT itself, so a connection
        that breaks during it is the one case whose outcome is unknown: that raises
        StorageOutcomeUnknownError, to be looked at and never simply sent again.
        """
        with (
            storage_errors.translated(self.path, self.label),
            self._started(self._write_sessions) as session,
        ):
            yield session
            try:
                change_log.finish(session)  # on a server its last round trip commits
                session.commit()
            except DBAPIError as exc:
                if not exc.connection_invalidated or not change_log.committed_with_log(session):
                    raise
                raise storage_errors.outcome_unknown(self.label) from exc

    @contextmanager
    def trial(self) -> Iterator[Session]:
        """A write transaction that is always rolled back: to learn what a change
        would do (how many follow-ups a new setting re-times) before making it."""
        with storage_errors.translated(self.path, self.label):
            session = self._started(self._write_sessions)
            try:
                yield session
                session.flush()
            finally:
                session.rollback()
                session.close()

    def _started(self, sessions: sessionmaker[Session]) -> Session:
        """A session whose transaction has made its first round trip (engine_setup's
        `first_trip`). A connection the server dropped since its last use (a restart,
        a laptop that slept) is found there, before anything was sent, and replaced
        once. The caller closes the session (Session.__exit__ rolls back)."""
        for attempt in (1, 2):
            session = sessions()
            try:
                session.begin()
                first_trip(session.connection())
                return session
            except DBAPIError as exc:
                session.close()
                if attempt == 2 or not exc.connection_invalidated:
                    raise
        raise AssertionError("unreachable")

    def change_marker(self) -> int:
        """A number that moves when another connection commits: cheap enough to poll
        every second. On SQLite it is `PRAGMA data_version` of one connection kept
        for it (no file is read when nothing changed); elsewhere the change counter.
        """
        if self.engine.url.get_backend_name() != "sqlite" or self.path is None:
            with self.read() as session:
                return change_log.current_version(session)
        with storage_errors.translated(self.path, self.label):
            if self._marker is None:
                self._marker = sqlite3.connect(
                    f"{self.path.as_uri()}?mode=ro",
                    uri=True,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            return int(self._marker.execute("PRAGMA data_version").fetchone()[0])

    def after_bulk_load(self) -> None:
        """Tell the store that many rows just arrived (an import, a transfer)."""
        with storage_errors.translated(self.path, self.label), self.engine.begin() as conn:
            refresh_statistics(conn)

    def backup_to(self, target: Path) -> None:
        """Write a consistent copy of the SQLite database to `target` (replaced if present).

        Uses SQLite's online backup API, so other processes may keep writing; the copy
        is written beside the target, fsynced, checked, then renamed into place.
        """
        if self.engine.url.get_backend_name() != "sqlite":
            raise DatabaseError(
                f"'{self.url}' is not a SQLite file; back it up with the server's own tools"
            )
        target = Path(target).expanduser().absolute()
        if self.path is not None and _same_file(self.path, target):
            raise DatabaseError(f"'{target}' is the database itself; choose another file")
        if self.path is None:
            raise DatabaseError(f"'{self.url}' is not a file; it cannot be backed up")
        sqlite_copies.copy_file(self.path, target)

    def close(self) -> None:
        """Close every pooled connection (SQLite then checkpoints and removes the -wal)."""
        if self._marker is not None:
            self._marker.close()
            self._marker = None
        self.engine.dispose()


def _refuse_to_write(session: Session, *_args: object) -> None:
    raise RuntimeError("a read session does not write: use Database.write()")


def _refuse_to_write_through(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        _refuse_to_write(state.session)


def resolve_url(
    db_path: str | Path | None, database_url: str | None, environ: Mapping[str, str]
) -> str:
    """The URL of the database this run opens (database_choice says which)."""
    choice = choose(db_path, database_url, environ)
    if choice.url is not None:
        return choice.url
    assert choice.path is not None
    return sqlite_url(choice.path)


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file (absolute; odd characters are quoted)."""
    database = str(path.expanduser().absolute())
    return URL.create("sqlite", database=database).render_as_string(hide_password=False)


def open_database(
    url: str,
    *,
    migrate: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    back_up_first: bool = True,
    password: str | None = None,
) -> Database:
    """Check, open and (unless `migrate` is False) upgrade the database at `url`.

    `busy_timeout_ms` is how long an operation waits for another writer's lock before
    it gives up with StorageBusyError (the window waits less than a command does).
    Raises DatabaseError, with a message for the user, if the file is not ours, is
    damaged, is newer than this app, or cannot be upgraded; in those cases the file
    is left as it was. An upgrade is preceded by a backup unless `back_up_first` is
    False (for a scratch copy that is itself the backup's stand-in). `password` is
    one the person typed for a server, used as if the URL held it.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"'{url}' is not a database URL or path") from exc
    if password is not None:
        parsed = parsed.set(password=password)
    scripts = _Scripts(MIGRATIONS_DIR)
    path = _sqlite_file(parsed)
    state: _Schema | None = None  # None: not known before connecting
    if path is not None:
        parsed = parsed.set(database=str(path))
        state = _prepare_sqlite_file(path, scripts)
    label = str(path) if path is not None else parsed.render_as_string(hide_password=True)
    backup = path if back_up_first else None

    def opened(at: URL) -> Engine:
        try:
            engine = create_app_engine(at, busy_timeout_ms)
        except (SQLAlchemyError, ImportError) as exc:  # e.g. the driver is not installed
            raise DatabaseError(f"'{label}' could not be opened ({_reason(exc)})") from exc
        try:
            with storage_errors.translated(path, label):
                if migrate and state is not _Schema.CURRENT:
                    _migrate(engine, scripts, backup, label)
                else:
                    with engine.connect():  # fail here, with a clear message, if it cannot
                        pass
        except UserError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(f"'{label}' could not be opened ({_reason(exc)})") from exc
        return engine

    try:
        return Database(opened(parsed), path)
    except PasswordNeededError:  # neither the URL nor ~/.pgpass had it: the keyring may
        kept = from_keyring(parsed)
        if kept is None:
            raise
        return Database(opened(parsed.set(password=kept)), path)


class _Schema(Enum):
    NEW = "new"  # no tables yet: migrate from the start
    BEHIND = "behind"  # ours, at an older revision: back up, then migrate
    CURRENT = "current"  # ours, at head


@dataclass(frozen=True, slots=True)
class _Contents:
    tables: frozenset[str]
    heads: tuple[str, ...] | None  # None: alembic_version exists but cannot be read
    application_id: int | None  # None where the database has no such thing


def _sqlite_file(url: URL) -> Path | None:
    """The file a SQLite URL names, or None (in-memory, URI form, or not SQLite)."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or url.query.get("uri"):
        return None
    return Path(database).expanduser().absolute()


def _prepare_sqlite_file(path: Path, scripts: _Scripts) -> _Schema:
    """Create a missing file privately (0600 in a 0700 folder), or vet an existing one."""
    _make_private_folders(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        if not path.is_file():  # a folder, a device, a pipe: never a database of ours
            raise DatabaseError(
                f"'{path}' is not a file; give the path of a database file"
            ) from None
        return _judge(str(path), _read_sqlite_contents(path), scripts)
    except OSError as exc:
        raise DatabaseError(f"'{path}' could not be created ({exc.strerror})") from exc
    try:
        private_files.make_private(fd)  # exactly 0600, whatever the umask took away
    finally:
        os.close(fd)
    return _Schema.NEW


def _make_private_folders(folder: Path) -> None:
    """Create missing folders 0700, outermost first; existing ones are left alone."""
    try:
        private_files.make_private_folders(folder)
    except OSError as exc:
        raise DatabaseError(
            f"the folder '{exc.filename or folder}' could not be created ({exc.strerror})"
        ) from exc


def _read_sqlite_contents(path: Path) -> _Contents:
    """Read-only look at an existing file: is it SQLite, is it sound, what does it hold?"""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise DatabaseError(f"'{path}' could not be read ({exc.strerror})") from exc
    if not header:
        return _Contents(frozenset(), (), None)  # an empty file: a database not yet begun
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(
            f"'{path}' is not a jobhunt-desktop database (not a SQLite file); it was left untouched"
        )
    try:
        with closing(connect_read_only(path, header)) as con:
            con.execute("BEGIN")  # one snapshot for every question below
            check = [str(row[0]) for row in con.execute("PRAGMA quick_check(1)")]
            if check != ["ok"]:
                raise _damaged(path, check[0] if check else "no result")
            tables = frozenset(
                str(row[0])
                for row in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            )
            application_id = int(con.execute("PRAGMA application_id").fetchone()[0])
            heads: tuple[str, ...] | None = ()
            if "alembic_version" in tables:
                try:
                    heads = tuple(
                        str(row[0])
                        for row in con.execute("SELECT version_num FROM alembic_version")
                    )
                except sqlite3.OperationalError:
                    heads = None
    except sqlite3.Error as exc:
        storage = storage_errors.from_sqlite(exc, path, str(path))
        if storage is not None:
            raise storage from exc
        raise DatabaseError(f"'{path}' could not be read ({exc}); it was left untouched") from exc
    return _Contents(tables, heads, application_id)


def known_revisions() -> set[str]:
    """Every schema revision this version of the app knows (its own and older)."""
    return {script.revision for script in _Scripts(MIGRATIONS_DIR).get().walk_revisions()}


def vet_copy(path: Path) -> bool:
    """Whether a copy (a backup to restore) is ours and sound, read without changing
    it: True if it needs an upgrade first, False if it is at this version's schema.
    Raises DatabaseError, saying why, for a file that is not ours, not a database of
    cards, damaged, or newer than this app."""
    if not path.is_file():
        raise DatabaseError(f"'{path}' is not a file")
    contents = _read_sqlite_contents(path)
    state = _judge(str(path), contents, _Scripts(MIGRATIONS_DIR))
    if state is _Schema.NEW:
        raise DatabaseError(f"'{path}' holds no jobhunt-desktop data; it was left untouched")
    try:
        with path.open("rb") as f:
            header = f.read(100)
        with closing(connect_read_only(path, header)) as con:
            check = [str(row[0]) for row in con.execute("PRAGMA integrity_check(1)")]
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(f"'{path}' could not be read ({exc})") from exc
    if check != ["ok"]:
        raise _damaged(path, check[0] if check else "no result")
    return state is _Schema.BEHIND


def _damaged(path: Path, detail: str) -> StorageError:
    return storage_errors.damaged(str(path), f"SQLite integrity check: {detail}")


def _judge(label: str, contents: _Contents, scripts: _Scripts) -> _Schema:
    """Decide what to do with a database from what it holds; refuse what isn't ours."""
    not_ours = DatabaseError(
        f"'{label}' is not a jobhunt-desktop database (it holds another program's data); "
        "it was left untouched"
    )
    app_id = contents.application_id
    if app_id is not None and app_id not in (0, APPLICATION_ID):
        raise not_ours
    if contents.tables <= {"alembic_version"} and not contents.heads:
        return _Schema.NEW
    if not contents.heads or app_id == 0:
        raise not_ours
    if set(contents.heads) == {SCHEMA_HEAD}:
        return _Schema.CURRENT
    known = {script.revision for script in scripts.get().walk_revisions()}
    unknown = [head for head in contents.heads if head not in known]
    if unknown:
        raise DatabaseError(
            f"'{label}' was written by a newer version of jobhunt-desktop "
            f"(schema {', '.join(unknown)}); update the app to open it. "
            "The file was left untouched."
        )
    if set(contents.heads) == set(scripts.get().get_heads()):
        return _Schema.CURRENT
    return _Schema.BEHIND


# --- migrations ----------------------------------------------------------------------------


class _Scripts:
    """The migration scripts, read only when a file actually needs Alembic."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._directory: ScriptDirectory | None = None

    def get(self) -> ScriptDirectory:
        if self._directory is None:
            self._directory = _script_directory(self.location)
        return self._directory


def _script_directory(location: Path) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(location))


def _alembic_config(location: Path, connection: Connection | None = None) -> Config:
    """An Alembic config built in code: no alembic.ini to ship or to find."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _migrate(engine: Engine, scripts: _Scripts, path: Path | None, label: str) -> None:
    """Bring the schema to head in one transaction; any failure leaves it as it was.
    A file at `path` (None: none) is backed up first.

    On SQLite the transaction starts with BEGIN IMMEDIATE (so two processes opening
    the same new file do not both migrate) and foreign keys are off meanwhile: batch
    operations drop and recreate tables, which with foreign keys on would cascade or
    fail. `PRAGMA foreign_key_check` before the commit catches any link it broke.
    """
    is_sqlite = engine.url.get_backend_name() == "sqlite"
    with engine.connect() as conn:
        if is_sqlite:
            set_outside_transaction(conn, "PRAGMA foreign_keys=OFF")
            conn.execution_options(**{BEGIN_OPTION: WRITE})
        try:
            with conn.begin():
                _migrate_in_transaction(conn, scripts, path, label, is_sqlite)
        except UserError:
            raise
        except Exception as exc:
            storage = storage_errors.classify(exc, path, label)
            if storage is not None:
                raise storage from exc
            raise DatabaseError(
                f"'{label}' could not be upgraded to this version's schema "
                f"({_reason(exc)}); it was left as it was"
            ) from exc
        finally:
            if is_sqlite:
                try:
                    set_outside_transaction(conn, "PRAGMA foreign_keys=ON")
                except Exception:
                    conn.invalidate()  # never return a connection without foreign keys


def _migrate_in_transaction(
    conn: Connection, scripts: _Scripts, path: Path | None, label: str, is_sqlite: bool
) -> None:
    """Judge again under the write lock (another process may have migrated), then upgrade."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(conn).get_current_heads()
    application_id = None
    if is_sqlite:
        application_id = int(conn.exec_driver_sql("PRAGMA application_id").scalar_one())
    contents = _Contents(frozenset(inspect(conn).get_table_names()), heads, application_id)
    state = _judge(label, contents, scripts)
    if state is _Schema.CURRENT:
        return
    if state is _Schema.BEHIND and path is not None:
        sqlite_copies.before_upgrade(path)
    command.upgrade(_alembic_config(scripts.location, conn), "head")
    if is_sqlite:
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DatabaseError(
                f"'{label}' could not be upgraded: the new schema would break "
                f"{counted(len(broken), 'link')} between records, first in table '{broken[0][0]}'; "
                "it was left as it was"
            )
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


# --- small helpers -------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _reason(exc: BaseException) -> str:
    """The driver's own words for an error, on one line, without SQLAlchemy's extras."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    return text.splitlines()[0] if text else type(exc).__name__

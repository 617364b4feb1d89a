"""Opening, migrating, locking and backing up the database, on real SQLite files."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, closing
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, func, inspect, select, text

from jobhunt_desktop.domain.errors import StorageDamagedError
from jobhunt_desktop.domain.stages import DEFAULT_STAGES
from jobhunt_desktop.persistence import database
from jobhunt_desktop.persistence.database import (
    MIGRATIONS_DIR,
    Database,
    DatabaseError,
    open_database,
    resolve_url,
    sqlite_url,
)
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    Base,
    CompanyRow,
    EventRow,
    SettingRow,
    StageRow,
    TagRow,
)
from jobhunt_desktop.persistence.sqlite_file import SCHEMA_HEAD, default_database_path

REPO_ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("concurrent_writer.py")
HEAD = SCHEMA_HEAD


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """A permissive umask, so the modes checked below come from the code, not the umask."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "jobhunt.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(sqlite_url(db_path))
    yield database
    database.close()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def siblings(path: Path) -> list[Path]:
    return [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def raw(path: Path, timeout: float = 0.0) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


def add_sample_data(db: Database) -> None:
    now = datetime(2024, 5, 1, 9, 0)
    with db.write() as session:
        stage = session.scalars(select(StageRow).where(StageRow.name_key == "applied")).one()
        company = CompanyRow(name="Acme", name_key="acme")
        app = ApplicationRow(
            company=company,
            title="Engineer",
            stage_id=stage.id,
            applied_on=date(2024, 5, 1),
            created_at=now,
            updated_at=now,
            stage_entered_at=now,
            tags=[TagRow(name="remote")],
        )
        session.add(app)
        session.flush()
        session.add(
            EventRow(
                application_id=app.id,
                kind="reply",
                occurred_at=now,
                recorded_at=now,
                zone="Europe/Paris",
            )
        )


# --- a new database -------------------------------------------------------------------


def test_new_file_is_migrated_to_head_with_the_default_stages(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    with db.read() as session:
        stages = session.scalars(select(StageRow).order_by(StageRow.position)).all()
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert version == [HEAD]
    assert [(s.name, s.name_key, s.position, s.colour, s.kind, s.hidden) for s in stages] == [
        (spec.name, spec.name.casefold(), i, spec.colour, spec.kind.value, False)
        for i, spec in enumerate(DEFAULT_STAGES)
    ]


def test_migrated_schema_is_exactly_the_models(db: Database) -> None:
    """Autogenerate finds nothing to do: models.py and the migrations agree."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_opening_again_changes_nothing(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    before = db_path.read_bytes()
    database = open_database(sqlite_url(db_path))
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(StageRow)) == 8
    database.close()
    assert db_path.read_bytes() == before


def test_in_memory_database_works() -> None:
    database = open_database("sqlite://")
    assert database.path is None
    with database.write() as session:
        session.add(SettingRow(key="k", value="v"))
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(StageRow)) == 8
        assert session.get(SettingRow, "k") is not None
    database.close()


def test_a_bad_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="is not a database URL"):
        open_database("not a url at all")


def test_an_unusable_server_url_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database("nosuchdb://user:secret@host/jobs")
    assert str(caught.value).startswith("'nosuchdb://user:***@host/jobs' could not be opened (")
    assert "secret" not in str(caught.value)


# --- connection settings and file modes ------------------------------------------------


def pragmas(conn: Connection) -> tuple[str, int, int, int]:
    run = conn.exec_driver_sql
    return (
        run("PRAGMA journal_mode").scalar_one(),
        run("PRAGMA synchronous").scalar_one(),
        run("PRAGMA foreign_keys").scalar_one(),
        run("PRAGMA busy_timeout").scalar_one(),
    )


def test_every_connection_gets_the_pragmas(db: Database) -> None:
    with ExitStack() as stack:
        # Several at once, so that each is a separate new DBAPI connection.
        conns = [stack.enter_context(db.engine.connect()) for _ in range(3)]
        for conn in conns:
            assert pragmas(conn) == ("wal", 2, 1, 10000)
    with db.read() as session:
        assert pragmas(session.connection()) == ("wal", 2, 1, 10000)
    with db.write() as session:
        assert pragmas(session.connection()) == ("wal", 2, 1, 10000)


def test_foreign_keys_are_enforced(db: Database) -> None:
    now = datetime(2024, 1, 1)
    with pytest.raises(Exception, match="FOREIGN KEY"), db.write() as session:
        session.add(
            ApplicationRow(
                company_id=999,
                title="x",
                stage_id=999,
                created_at=now,
                updated_at=now,
                stage_entered_at=now,
            )
        )


def test_new_folder_and_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "made" / "for us" / "jobhunt.sqlite3"
    database = open_database(sqlite_url(path))
    with database.write() as session:
        session.add(SettingRow(key="k", value="v"))
    assert mode_of(tmp_path / "made") == 0o700
    assert mode_of(path.parent) == 0o700
    assert mode_of(path) == 0o600
    # -wal and -shm exist while connections are open; SQLite gives them the file's mode.
    assert {p.name for p in siblings(path)} == {"jobhunt.sqlite3-wal", "jobhunt.sqlite3-shm"}
    for each in siblings(path):
        assert mode_of(each) == 0o600
    database.close()


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    open_database(sqlite_url(folder / "jobhunt.sqlite3")).close()
    assert mode_of(folder) == 0o755
    assert mode_of(folder / "jobhunt.sqlite3") == 0o600


# --- transactions -------------------------------------------------------------------


def test_write_takes_the_write_lock_at_its_first_statement(db: Database, db_path: Path) -> None:
    with closing(raw(db_path)) as other:
        with db.write() as session:
            session.scalar(select(func.count()).select_from(StageRow))  # a read only
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at the end of the block
        other.execute("ROLLBACK")


def test_read_does_not_take_the_write_lock(db: Database, db_path: Path) -> None:
    with closing(raw(db_path)) as other, db.read() as session:
        session.scalar(select(func.count()).select_from(StageRow))
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        other.execute("COMMIT")


def test_write_commits(db: Database) -> None:
    with db.write() as session:
        session.add(SettingRow(key="theme", value="dark"))
    with db.read() as session:
        row = session.get(SettingRow, "theme")
        assert row is not None
        assert row.value == "dark"


def test_write_rolls_back_on_exception_and_releases_the_lock(db: Database, db_path: Path) -> None:
    with pytest.raises(RuntimeError, match="stop"), db.write() as session:
        session.add(SettingRow(key="theme", value="dark"))
        session.flush()
        raise RuntimeError("stop")
    with db.read() as session:
        assert session.get(SettingRow, "theme") is None
    with closing(raw(db_path)) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")


def checkpoint_busy(path: Path) -> int:
    """1 if some reader still pins the WAL (its snapshot), else 0."""
    with closing(raw(path)) as con:
        return int(con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])


def test_read_leaves_no_lock_or_snapshot_behind(db: Database, db_path: Path) -> None:
    def commit_elsewhere(key: str) -> None:
        with closing(raw(db_path)) as other:
            other.execute("INSERT INTO settings (key, value) VALUES (?, 'v')", (key,))

    with db.read() as session:
        session.scalar(select(func.count()).select_from(StageRow))
        commit_elsewhere("during")
        assert checkpoint_busy(db_path) == 1  # the test can see a pinned snapshot
    assert checkpoint_busy(db_path) == 0

    with pytest.raises(RuntimeError), db.read() as session:
        session.scalar(select(func.count()).select_from(StageRow))
        commit_elsewhere("during-2")
        raise RuntimeError("stop")
    assert checkpoint_busy(db_path) == 0


def run_writers(url: str, order: str, count: int) -> list[subprocess.CompletedProcess[str]]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), url, tag, str(count), order],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:  # both are ready before either starts
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_two_processes_read_then_write_at_once(db_path: Path) -> None:
    url = sqlite_url(db_path)
    open_database(url).close()
    results = run_writers(url, "open-first", 300)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stderr
    with closing(raw(db_path)) as con:
        values = sorted(int(v) for (v,) in con.execute("SELECT value FROM settings"))
    # Each transaction saw every earlier one: 600 rows numbered 1..600, none lost.
    assert values == list(range(1, 601))


def test_two_processes_create_the_same_new_file_at_once(db_path: Path) -> None:
    url = sqlite_url(db_path)
    results = run_writers(url, "go-first", 50)
    for result in results:
        assert result.returncode == 0, result.stderr
    with closing(raw(db_path)) as con:
        assert con.execute("SELECT count(*) FROM stages").fetchone() == (8,)
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert con.execute("SELECT count(*) FROM settings").fetchone() == (100,)


# --- files that are refused -------------------------------------------------------------


def assert_refused_untouched(path: Path, before: bytes, message: str) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database(sqlite_url(path))
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert siblings(path) == []


def test_refuses_a_newer_schema_without_touching_it(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    with closing(raw(db_path)) as con:
        con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    before = db_path.read_bytes()
    assert_refused_untouched(
        db_path,
        before,
        f"'{db_path}' was written by a newer version of jobhunt-desktop (schema ffffffffffff); "
        "update the app to open it. The file was left untouched.",
    )


def test_refuses_a_newer_schema_while_another_process_has_it_open(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    with closing(raw(db_path)) as holder:
        holder.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
        with pytest.raises(DatabaseError, match="newer version"):
            open_database(sqlite_url(db_path))
        assert holder.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "ffffffffffff",
        )


@pytest.mark.parametrize(
    "content",
    [
        b"Dear hiring manager,\nplease find attached my CV.\n" * 50,
        random.Random(7).randbytes(64 * 1024),
        b"SQLite format 3\x00 but too short",
    ],
    ids=["text", "random-bytes", "short-header"],
)
def test_refuses_a_file_that_is_not_sqlite(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(content)
    assert_refused_untouched(
        db_path,
        content,
        f"'{db_path}' is not a jobhunt-desktop database (not a SQLite file); it was left untouched",
    )


def test_refuses_another_programs_sqlite_file(db_path: Path) -> None:
    db_path.parent.mkdir()
    with closing(raw(db_path)) as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        con.execute("INSERT INTO notes (body) VALUES ('mine')")
    before = db_path.read_bytes()
    assert_refused_untouched(
        db_path,
        before,
        f"'{db_path}' is not a jobhunt-desktop database (it holds another program's data); "
        "it was left untouched",
    )
    assert before[18:20] == b"\x01\x01"  # still in its own journal mode, not switched to WAL


def test_refuses_another_programs_alembic_database(db_path: Path) -> None:
    db_path.parent.mkdir()
    with closing(raw(db_path)) as con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        con.execute("INSERT INTO alembic_version VALUES ('0001')")
        con.execute("CREATE TABLE stages (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseError, match="is not a jobhunt-desktop database"):
        open_database(sqlite_url(db_path))


def test_refuses_a_damaged_file(db_path: Path) -> None:
    database = open_database(sqlite_url(db_path))
    with database.write() as session:
        session.add_all(
            CompanyRow(name=f"Company {i}", name_key=f"company {i}", notes="n" * 100)
            for i in range(3000)
        )
    database.close()
    size = db_path.stat().st_size
    page = 4096
    assert size >= 100 * page
    data = bytearray(db_path.read_bytes())
    start = (size // page // 2) * page
    data[start : start + 3 * page] = b"\xa5" * (3 * page)  # three pages in the middle
    db_path.write_bytes(bytes(data))

    # The corruption is real: SQLite itself says so.
    with closing(sqlite3.connect(f"{db_path.as_uri()}?immutable=1", uri=True)) as con:
        try:
            result = con.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError:
            result = [("raised",)]
    assert result != [("ok",)]

    before = db_path.read_bytes()
    with pytest.raises(StorageDamagedError) as caught:
        open_database(sqlite_url(db_path))
    message = str(caught.value)
    assert message.startswith(f"'{db_path}' is damaged (SQLite integrity check: ")
    assert "it was left untouched" in message
    assert "\n" not in message
    assert db_path.read_bytes() == before
    assert siblings(db_path) == []


# --- upgrading an older file ---------------------------------------------------------------

PREVIOUS = "0003"  # the schema the release before this one left its files in


def downgraded(db_path: Path, revision: str = PREVIOUS) -> None:
    """Take a file this version made back to an older schema with the real downgrade
    scripts: a file as the earlier release left it, data and all."""
    from alembic import command

    engine = create_engine(sqlite_url(db_path))
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # batch copies drop tables
            conn.commit()
            with conn.begin():
                command.downgrade(database._alembic_config(MIGRATIONS_DIR, conn), revision)
    finally:
        engine.dispose()


def test_a_file_of_the_last_release_is_backed_up_then_upgraded(db_path: Path) -> None:
    database = open_database(sqlite_url(db_path))
    add_sample_data(database)
    database.close()
    downgraded(db_path)

    upgraded = open_database(sqlite_url(db_path))

    backups = sorted((db_path.parent / "backups").glob("*before-upgrade*"))
    assert len(backups) == 1
    backup = backups[0]
    assert re.fullmatch(r"jobhunt-\d{8}-\d{6}Z-before-upgrade\.sqlite3", backup.name)
    assert mode_of(backup) == 0o600
    assert mode_of(backup.parent) == 0o700
    with closing(raw(backup)) as con:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(PREVIOUS,)]
        assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
        columns = {row[1] for row in con.execute("PRAGMA table_info(applications)")}
        assert "version" not in columns

    with upgraded.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(HEAD,)]
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(applications)")}
        assert "version" in columns
        # The upgrade rebuilt `applications` through a batch copy; with foreign keys on,
        # that would have cascaded to events and tags. Everything is still there.
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM application_tags").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    upgraded.close()

    # At head now: opening again makes no second backup.
    open_database(sqlite_url(db_path)).close()
    assert len(list((db_path.parent / "backups").glob("*before-upgrade*"))) == 1


def test_a_failed_upgrade_leaves_the_file_as_it_was(db_path: Path) -> None:
    database = open_database(sqlite_url(db_path))
    add_sample_data(database)
    database.close()
    downgraded(db_path)
    with closing(raw(db_path)) as con:  # something else left a table the upgrade makes
        con.execute("CREATE TABLE change_log (note TEXT)")
        con.commit()

    with pytest.raises(DatabaseError) as caught:
        open_database(sqlite_url(db_path))
    message = str(caught.value)
    assert message.startswith(f"'{db_path}' could not be upgraded to this version's schema (")
    assert "change_log" in message
    assert message.endswith("it was left as it was")

    with closing(raw(db_path)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(PREVIOUS,)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert not any(t.startswith("_alembic_tmp") for t in tables)
        columns = {row[1] for row in con.execute("PRAGMA table_info(applications)")}
        assert "version" not in columns
        assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
        con.execute("DROP TABLE change_log")
        con.commit()
    # Once the stray table is gone, the upgrade goes through.
    open_database(sqlite_url(db_path)).close()


# --- backups on demand ---------------------------------------------------------------------


def test_backup_to_writes_a_private_consistent_copy(db: Database, tmp_path: Path) -> None:
    add_sample_data(db)
    target = tmp_path / "backups" / "copy.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"an old backup to be replaced")
    db.backup_to(target)
    assert mode_of(target) == 0o600
    assert siblings(target) == []
    assert [p.name for p in target.parent.iterdir()] == ["copy.sqlite3"]  # no temp left
    with closing(raw(target)) as con:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM applications").fetchone() == (1,)
    # The copy opens as a jobhunt-desktop database.
    open_database(sqlite_url(target)).close()


def test_backup_to_refuses_the_database_itself(db: Database, db_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is the database itself"):
        db.backup_to(db_path)


# --- choosing the database ------------------------------------------------------------------


def test_resolve_url_precedence(tmp_path: Path) -> None:
    env = {"JOBHUNT_DB": str(tmp_path / "env.sqlite3")}
    url = "postgresql://u@h/db"
    assert resolve_url(tmp_path / "flag.sqlite3", url, env) == url
    assert resolve_url(tmp_path / "flag.sqlite3", None, env) == sqlite_url(
        tmp_path / "flag.sqlite3"
    )
    assert resolve_url(None, None, env) == sqlite_url(tmp_path / "env.sqlite3")
    assert resolve_url(None, None, {}) == sqlite_url(default_database_path())
    assert resolve_url("", None, {"JOBHUNT_DB": ""}) == sqlite_url(default_database_path())


def test_resolve_url_paths_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    odd = tmp_path / "a b?c#d%20é" / "x.sqlite3"
    database = open_database(resolve_url(str(odd), None, {}))
    assert database.path == odd
    database.close()
    assert odd.exists()
    relative = open_database(resolve_url("rel.sqlite3", None, {}))
    assert relative.path == tmp_path / "rel.sqlite3"
    relative.close()


def test_default_database_path() -> None:
    path = default_database_path()
    assert path.name == "jobhunt.sqlite3"
    assert "jobhunt-desktop" in path.parts


def test_schema_head_constant_matches_the_migrations() -> None:
    scripts = ScriptDirectory.from_config(database._alembic_config(database.MIGRATIONS_DIR))
    assert scripts.get_heads() == [database.SCHEMA_HEAD]


def test_opening_a_current_file_does_not_load_alembic(tmp_path: Path) -> None:
    """Start-up stays quick: Alembic is imported only when a file must be migrated."""
    path = tmp_path / "current.sqlite3"
    open_database(f"sqlite:///{path}").close()
    code = (
        "import sys\n"
        "from jobhunt_desktop.persistence.database import open_database\n"
        f"open_database({str(f'sqlite:///{path}')!r}).close()\n"
        "sys.exit(1 if 'alembic' in sys.modules else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def file_at_revision(path: Path, revision: str) -> None:
    """A database exactly as an older version of the app left it."""
    from alembic import command

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(sqlite_url(path))
    with engine.begin() as conn:
        command.upgrade(database._alembic_config(MIGRATIONS_DIR, conn), revision)
        conn.exec_driver_sql(f"PRAGMA application_id={database.APPLICATION_ID}")
    engine.dispose()


def test_a_file_from_the_first_version_upgrades_and_keeps_owed_reminders(db_path: Path) -> None:
    file_at_revision(db_path, "0001")
    with closing(raw(db_path)) as con:
        con.execute(
            "INSERT INTO followups (key, kind, rule, due_at, zone, state, remind_at, attempts,"
            " created_at, notified_at) VALUES"
            " ('k1', 'keep_applying', 'R12', '2024-05-01 09:00:00', 'UTC', 'pending',"
            "  '2024-05-01 09:00:00', 0, '2024-05-01 08:00:00', NULL),"
            " ('k2', 'keep_applying', 'R12', '2024-05-08 09:00:00', 'UTC', 'pending',"
            "  '2024-05-08 09:00:00', 0, '2024-05-01 08:00:00', '2024-05-08 09:01:00'),"
            " ('k3', 'keep_applying', 'R12', '2024-05-15 09:00:00', 'UTC', 'dismissed',"
            "  '2024-05-15 09:00:00', 0, '2024-05-01 08:00:00', NULL)"
        )
        con.commit()

    upgraded = open_database(sqlite_url(db_path))
    with upgraded.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM templates").scalar_one() == 0
        owed = conn.exec_driver_sql("SELECT key, notify_at FROM followups ORDER BY key").all()
        assert [(k, str(n) if n else None) for k, n in owed] == [
            ("k1", "2024-05-01 09:00:00"),  # never notified: still owed
            ("k2", None),  # already notified
            ("k3", None),  # closed
        ]
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(HEAD,)]
    upgraded.close()
    assert len(list((db_path.parent / "backups").glob("*before-upgrade*"))) == 1


def test_a_new_database_is_0600_in_a_0700_folder_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "new" / "jobhunt.sqlite3"
    old_mask = os.umask(0o277)  # would leave the file read-only and the folder unusable
    try:
        database = open_database(sqlite_url(path))
    finally:
        os.umask(old_mask)
    database.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

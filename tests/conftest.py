"""Shared test set-up: Qt runs offscreen, and a real database file with a fake clock."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test reads or writes the user's own choice of database, data folder or state files
# (this computer's name, warnings given), nor is sent to the database a developer's
# shell names. The folders do not exist yet, as on a computer the app has never run on.
os.environ.pop("JOBHUNT_DATABASE_URL", None)
os.environ["XDG_CONFIG_HOME"] = os.path.join(tempfile.mkdtemp(prefix="jobhunt-tests-"), "config")
os.environ["XDG_DATA_HOME"] = os.path.join(os.path.dirname(os.environ["XDG_CONFIG_HOME"]), "data")
os.environ["XDG_STATE_HOME"] = os.path.join(os.path.dirname(os.environ["XDG_CONFIG_HOME"]), "state")

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services import error_log
from jobhunt_desktop.services.container import Services
from tests.postgres_server import HOW_TO_START, PostgresServer, server_url

ZONE = "Europe/Berlin"


@pytest.fixture(autouse=True)
def _no_log_file_between_tests() -> Iterator[None]:
    """A log file set up by one test (in its own folder) is not written by the next."""
    yield
    error_log.close_file_log()


# The tests of the store and the services run on both stores: a SQLite file and a
# real PostgreSQL server, and so do the window's tests of what another computer (or
# program) writes. A test that is about SQLite itself says so.
BOTH_STORES = (
    "tests/services",
    "tests/persistence",
    "tests/ui/test_one_road.py",
    "tests/ui/test_saving_off_thread.py",
)
ROOT = Path(__file__).resolve().parents[1]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store" not in metafunc.fixturenames:
        return
    where = Path(metafunc.definition.path).resolve().relative_to(ROOT).as_posix()
    if where.startswith(BOTH_STORES) and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("store", ["sqlite", "postgresql"])


@pytest.fixture
def store() -> str:
    """Which store the test runs on; the tests in BOTH_STORES get both."""
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = server_url()
    if url is None:
        pytest.skip(HOW_TO_START)
    server = PostgresServer(url)
    yield server
    server.close()


@pytest.fixture
def server_db(postgres_server: PostgresServer) -> Iterator[str]:
    """A new database on the test server, migrated, as a URL; dropped afterwards."""
    name = postgres_server.new_database()
    yield postgres_server.url_of(name)
    postgres_server.drop(name)


@pytest.fixture
def login_db(postgres_server: PostgresServer) -> Iterator[str]:
    """A database of the role that must give its password, as a URL without it."""
    url = postgres_server.login_database()
    yield url
    postgres_server.drop(url.rsplit("/", 1)[1].split("?", 1)[0])


@pytest.fixture
def db_url(store: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The database the test works on: a new SQLite file in its folder, or a new
    database on the server, migrated either way."""
    if store == "sqlite":
        yield f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        return
    yield request.getfixturevalue("server_db")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The test's database, open and migrated."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def quick_db(tmp_path: Path) -> Iterator[Database]:
    """The same file, waiting only 300 ms for another writer's lock (tests of a busy
    database stay short)."""
    database = open_database(f"sqlite:///{tmp_path / 'jobs.sqlite3'}", busy_timeout_ms=300)
    yield database
    database.close()


@pytest.fixture
def clock() -> FixedClock:
    """The only thing tests fake: Monday 2 March 2026, 09:00 in Berlin."""
    return FixedClock(parse_datetime("2026-03-02T09:00", ZONE))


@pytest.fixture
def services(db: Database, clock: FixedClock) -> Services:
    return Services.create(db, clock, ZONE)

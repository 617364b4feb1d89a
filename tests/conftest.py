"""Shared test set-up: Qt runs offscreen, and a real database file with a fake clock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services import error_log
from jobhunt_desktop.services.container import Services

ZONE = "Europe/Berlin"


@pytest.fixture(autouse=True)
def _no_log_file_between_tests() -> Iterator[None]:
    """A log file set up by one test (in its own folder) is not written by the next."""
    yield
    error_log.close_file_log()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A real SQLite file, migrated, in the test's own folder."""
    database = open_database(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
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

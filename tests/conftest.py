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
from jobhunt_desktop.services.container import Services

ZONE = "Europe/Berlin"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A real SQLite file, migrated, in the test's own folder."""
    database = open_database(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    yield database
    database.close()


@pytest.fixture
def clock() -> FixedClock:
    """The only thing tests fake: Monday 2 March 2026, 09:00 in Berlin."""
    return FixedClock(parse_datetime("2026-03-02T09:00", ZONE))


@pytest.fixture
def services(db: Database, clock: FixedClock) -> Services:
    return Services.create(db, clock, ZONE)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services.container import Services

ZONE = "Europe/Berlin"


def at(text: str) -> object:
    return parse_datetime(text, ZONE)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(parse_datetime("2026-03-02T09:00", ZONE))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    yield database
    database.close()


@pytest.fixture
def services(db: Database, clock: FixedClock) -> Services:
    return Services.create(db, clock, ZONE)

"""The kinds of session on either store: a read never writes, and a snapshot sees one
moment in all its statements while others commit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import ApplicationRow, SettingRow
from jobhunt_desktop.services.container import Services
from tests.conftest import ZONE


def test_a_read_refuses_to_write_and_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError, match="does not write"), db.read() as session:
        session.add(SettingRow(key="lost", value="v"))
        session.flush()
    with pytest.raises(RuntimeError, match="does not write"), db.snapshot() as session:
        session.execute(insert(SettingRow).values(key="lost", value="v"))
    with db.read() as session:
        assert session.get(SettingRow, "lost") is None


def test_a_snapshot_sees_one_moment_while_others_commit(db: Database, clock: FixedClock) -> None:
    services = Services.create(db, clock, ZONE)
    services.applications.add("Acme", "Analyst")
    count = select(func.count()).select_from(ApplicationRow)
    with db.snapshot() as session:
        assert session.scalar(count) == 1
        services.applications.add("Globex", "Engineer")  # committed meanwhile
        assert session.scalar(count) == 1
    with db.read() as session:
        assert session.scalar(count) == 2

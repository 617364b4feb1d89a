"""Instants go in in any zone and come back as aware UTC, whatever form the stored text
has: the app's own, one written with an offset, or a bare date."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from jobhunt_desktop.persistence.database import Database, open_database, sqlite_url
from jobhunt_desktop.persistence.models import HistoryRow

BERLIN_SUMMER = timezone(timedelta(hours=2))


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(sqlite_url(tmp_path / "types.sqlite3"))
    yield database  # type: ignore[misc]
    database.close()


def stored_at(db: Database, value: datetime) -> datetime:
    with db.write() as session:
        row = HistoryRow(at=value, action="note")
        session.add(row)
        session.flush()
        row_id = row.id
    with db.read() as session:
        return session.scalars(select(HistoryRow.at).where(HistoryRow.id == row_id)).one()


@pytest.mark.parametrize(
    "given",
    [
        datetime(2026, 3, 4, 10, 11, 12, 123456, tzinfo=UTC),
        datetime(2026, 3, 4, 12, 11, 12, 123456, tzinfo=BERLIN_SUMMER),
        datetime(2026, 3, 4, 10, 11, 12, 123456),  # naive: already UTC
    ],
)
def test_an_instant_comes_back_as_the_same_instant_in_utc(db: Database, given: datetime) -> None:
    back = stored_at(db, given)
    assert back.tzinfo is UTC
    assert back == datetime(2026, 3, 4, 10, 11, 12, 123456, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("2026-03-04 10:11:12.123456", datetime(2026, 3, 4, 10, 11, 12, 123456, tzinfo=UTC)),
        ("2026-03-04 10:11:12", datetime(2026, 3, 4, 10, 11, 12, tzinfo=UTC)),
        ("2026-03-04T12:11:12+02:00", datetime(2026, 3, 4, 10, 11, 12, tzinfo=UTC)),
        ("2026-03-04T10:11:12Z", datetime(2026, 3, 4, 10, 11, 12, tzinfo=UTC)),
        ("2026-03-04", datetime(2026, 3, 4, tzinfo=UTC)),
    ],
)
def test_stored_text_of_any_iso_form_is_read_as_utc(
    db: Database, tmp_path: Path, text: str, meant: datetime
) -> None:
    with sqlite3.connect(tmp_path / "types.sqlite3") as raw:
        raw.execute("INSERT INTO history (id, at, action) VALUES (99, ?, 'note')", (text,))
    with db.read() as session:
        back = session.scalars(select(HistoryRow.at).where(HistoryRow.id == 99)).one()
    assert back == meant
    assert back.tzinfo is UTC

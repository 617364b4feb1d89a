"""`transfer`: everything copied to the other store (a server from a file, a file from a
server) through the JSON export, ids kept and new ids past them, the two exports the
same; a target with cards refused unless told, the database in use refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services.container import Services
from tests.conftest import ZONE
from tests.services.test_exports import rich_board


@pytest.fixture
def other_url(store: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new database on the other store than the test's own."""
    if store == "postgresql":
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    yield request.getfixturevalue("server_db")


def tables(services: Services) -> object:
    return json.loads(services.exports.json())["tables"]


def companies(services: Services) -> list[str]:
    """Every card's company, by id (archived cards too)."""
    rows = json.loads(services.exports.json())["tables"]["applications"]["rows"]
    return [services.applications.get(row[0]).company for row in rows]


def opened(url: str, clock: FixedClock) -> tuple[Database, Services]:
    db = open_database(url)
    return db, Services.create(db, clock, ZONE)


def test_everything_goes_to_the_other_store_ids_kept_and_new_ids_past_them(
    services: Services, clock: FixedClock, other_url: str, tmp_path: Path
) -> None:
    rich_board(services, clock)
    done = services.transfer.to(other_url)
    assert done.cards == 3 and done.counts["events"] >= 2 and "***" not in done.target
    db, other = opened(other_url, clock)
    try:
        assert tables(other) == tables(services)
        assert other.attachments.content(other.attachments.of(1)[0].id)[1] == b"%PDF-1.4 \x00\xff"
        added = other.applications.add("Umbrella", "Analyst", stage="Applied").id
        assert added == 4  # past the copied ids, on a server's sequence too
        back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
        other.transfer.to(back)  # and back again, from wherever it went
    finally:
        db.close()
    db, returned = opened(back, clock)
    try:
        assert companies(returned) == [*companies(services), "Umbrella"]
    finally:
        db.close()


def test_a_server_plans_for_the_copied_rows_at_once_and_a_file_keeps_no_statistics(
    services: Services, clock: FixedClock, other_url: str
) -> None:
    """A server would gather its statistics a while after the copy, and plan the app's
    queries for empty tables until then; SQLite's planner runs without them here."""
    from sqlalchemy import create_engine, inspect, text

    rich_board(services, clock)
    services.transfer.to(other_url)
    engine = create_engine(other_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                found = "SELECT reltuples FROM pg_class WHERE relname = 'applications'"
                assert conn.execute(text(found)).scalar_one() == 3  # -1: never analyzed
            else:
                assert "sqlite_stat1" not in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_a_target_that_holds_cards_is_refused_unless_told(
    services: Services, clock: FixedClock, other_url: str
) -> None:
    services.applications.add("Acme", "Analyst")
    db, other = opened(other_url, clock)
    try:
        other.applications.add("Globex", "Engineer")
        with pytest.raises(UserError, match="already holds cards"):
            services.transfer.to(other_url)
        assert companies(other) == ["Globex"]
        services.transfer.to(other_url, replace=True)
        assert companies(other) == ["Acme"]
    finally:
        db.close()


def test_the_database_in_use_is_not_a_target(services: Services, db: Database) -> None:
    services.applications.add("Acme", "Analyst")
    with pytest.raises(UserError, match="is the database in use"):
        services.transfer.to(db.engine.url.render_as_string(hide_password=False), replace=True)
    assert companies(services) == ["Acme"]

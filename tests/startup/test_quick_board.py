"""The start-up reader: the same cards as the repository, or None and nothing touched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from jobhunt_desktop.domain.entities import FollowUpState
from jobhunt_desktop.persistence.board_query import OPEN_STATES
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.demo import seed_demo
from jobhunt_desktop.startup.quick_board import read_board_start

ZONE = "Europe/Berlin"


def file_of(db: Database) -> Path:
    assert db.path is not None
    return db.path


def test_top_cards_totals_stages_and_settings_match_the_services(
    db: Database, services: Services
) -> None:
    seed_demo(services)
    first = services.applications.board()[0]
    services.applications.edit(first.id, {"tags": ["remote", "python"]})
    services.applications.set_archived(services.applications.board()[1].id, True)
    services.stages.update("Wishlist", hidden=True)
    services.settings.set("time_zone", "America/New_York")

    start = read_board_start(file_of(db), "UTC", head_rows=3)

    assert start is not None
    assert list(start.stages) == services.stages.all()
    assert start.time_zone == services.settings.get().time_zone == "America/New_York"
    board = services.applications.board()
    visible = [s for s in services.stages.all() if not s.hidden]
    expected = [row for s in visible for row in [r for r in board if r.stage_id == s.id][:3]]
    assert list(start.rows) == expected
    assert any(row.tags for row in start.rows)
    assert any(row.next_remind_at is not None for row in start.rows)
    assert start.totals == {
        s.id: sum(1 for r in board if r.stage_id == s.id)
        for s in services.stages.all()
        if any(r.stage_id == s.id for r in board)
    }
    assert max(start.totals.values()) > 3  # the limit was exercised


def test_the_whole_board_when_it_fits(db: Database, services: Services) -> None:
    seed_demo(services)
    start = read_board_start(file_of(db), ZONE)
    assert start is not None
    assert list(start.rows) == services.applications.board()


def test_the_time_zone_falls_back_like_the_settings_do(db: Database, services: Services) -> None:
    start = read_board_start(file_of(db), ZONE)
    assert start is not None and start.time_zone == ZONE  # none stored: the system's
    with db.write() as session:  # written by an older version, or by hand
        session.execute(text("INSERT INTO settings (key, value) VALUES ('time_zone', 'Mars/Base')"))
    start = read_board_start(file_of(db), ZONE)
    assert start is not None and start.time_zone == ZONE == services.settings.get().time_zone


def test_a_database_in_use_is_read_as_committed(db: Database, services: Services) -> None:
    services.applications.add("Acme", "Analyst")
    with db.write() as session:  # another writer holds the lock, uncommitted
        session.execute(text("UPDATE applications SET title = 'Half-written'"))
        start = read_board_start(file_of(db), ZONE)
    assert start is not None
    assert [row.title for row in start.rows] == ["Analyst"]


@pytest.mark.parametrize(
    "content",
    [None, b"", b"not a database at all" * 10],
    ids=["missing", "empty", "not-sqlite"],
)
def test_unusual_files_give_none(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "jobs.sqlite3"
    if content is not None:
        path.write_bytes(content)
    assert read_board_start(path, ZONE) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if content is None else [path.name])
    if content is not None:
        assert path.read_bytes() == content


def test_another_programs_file_or_an_older_schema_gives_none(tmp_path: Path, db: Database) -> None:
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE alembic_version (version_num TEXT)")
        con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.close()
    before = foreign.read_bytes()
    assert read_board_start(foreign, ZONE) is None
    assert foreign.read_bytes() == before

    ours = file_of(db)
    db.close()
    with sqlite3.connect(ours) as con:
        con.execute("UPDATE alembic_version SET version_num = '0000'")
    con.close()
    assert read_board_start(ours, ZONE) is None


def test_the_open_states_spelled_out_for_start_up_are_the_entities_own() -> None:
    assert tuple(s.value for s in FollowUpState if s.is_open) == OPEN_STATES


def test_a_column_that_starts_folded_shows_only_its_count(db: Database, services: Services) -> None:
    seed_demo(services)
    closed = {s.id for s in services.stages.all() if s.kind.is_closed}
    board = services.applications.board()
    assert any(row.stage_id in closed for row in board)  # the demo has some

    start = read_board_start(file_of(db), ZONE, folded=lambda stage: stage.id in closed)

    assert start is not None
    assert list(start.rows) == [row for row in board if row.stage_id not in closed]
    assert {s: start.totals.get(s, 0) for s in closed} == {
        s: sum(1 for row in board if row.stage_id == s) for s in closed
    }

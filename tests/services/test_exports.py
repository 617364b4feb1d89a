"""Exports: the spreadsheet's shape and safety, and a JSON round trip that gives back
every table exactly."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.csv_export import HEADERS, revived
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database, sqlite_url
from jobhunt_desktop.services.attachments import FileToAttach
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput
from tests.conftest import ZONE


def rich_board(services: Services, clock: FixedClock) -> None:
    """A little of everything a job hunt leaves behind."""
    services.stages.add("Take-home", StageKind.ACTIVE, "#aa3377", position=2)
    services.settings.set("your_name", "Sam Rivera")
    services.drafting.save_template(None, "Short thanks", "Thanks", "Thank you, ${contact_name}.")
    acme = services.applications.add(
        "Acme",
        "Data Analyst",
        stage="Applied",
        url="https://jobs.acme.example/42",
        location="Berlin",
        salary_min=60000,
        salary_max=70000,
        salary_currency="EUR",
        salary_period="year",
        tags=["python", "remote-ok"],
        notes="Met them at a meetup.\nAsk about the team.",
        applied_on=clock.now().date(),
    ).id
    services.events.interview(
        acme,
        parse_datetime("2026-03-03T10:00", ZONE),
        next_steps="They decide by Friday",
        contact=ContactInput(name="Dana Cruz", email="dana@acme.example"),
    )
    services.attachments.attach([acme], [FileToAttach("cv.pdf", b"%PDF-1.4 \x00\xff")])
    globex = services.applications.add("Globex", "Engineer", stage="Applied").id
    clock.advance(timedelta(days=2))
    services.events.rejection(globex, feedback="We went with someone more senior.")
    initech = services.applications.add("Initech", '=HYPERLINK("x")', stage="Wishlist").id
    services.applications.edit(initech, {"notes": "+1 555 0100", "source": "@referral"})
    services.applications.set_archived(initech)
    services.followups.snooze(services.followups.chain(acme)[0].id, clock.now() + timedelta(1))


def test_the_csv_is_a_spreadsheet_file_with_safe_cells(
    services: Services, clock: FixedClock
) -> None:
    rich_board(services, clock)
    data = services.exports.csv()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ",".join(HEADERS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    by_company = {row["company"]: row for row in rows}
    assert set(by_company) == {"Acme", "Globex", "Initech"}
    acme = by_company["Acme"]
    assert acme["tags"] == "python; remote-ok"
    assert acme["notes"] == "Met them at a meetup.\nAsk about the team."  # quoted, kept
    assert (acme["salary_min"], acme["salary_max"], acme["salary_currency"]) == (
        "60000",
        "70000",
        "EUR",
    )
    assert acme["contacts"] == "Dana Cruz"
    assert acme["next_follow_up"] and acme["next_follow_up_on"]
    initech = by_company["Initech"]
    assert initech["title"] == '\'=HYPERLINK("x")'  # never run as a formula
    assert initech["notes"] == "'+1 555 0100" and initech["source"] == "'@referral"
    assert initech["archived"] == "yes"
    assert revived(initech["title"]) == '=HYPERLINK("x")'
    assert by_company["Globex"]["closed_reason"] == "rejected"


def table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of ours, read with the standard library."""
    with closing(sqlite3.connect(path)) as con:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                "('alembic_version', 'change_log', 'sqlite_sequence')"
            )
        ]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


@pytest.mark.sqlite_only  # compares the two files table by table
def test_a_json_export_restores_every_table_exactly(
    services: Services, db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rich_board(services, clock)
    data = services.exports.json()
    document = json.loads(data)
    assert (document["format"], document["format_version"]) == ("jobhunt-desktop", 1)

    target = open_database(sqlite_url(tmp_path / "new.sqlite3"))
    try:
        other = Services.create(target, clock, ZONE)
        done = other.exports.import_json(data)
        assert done.cards == 3 and done.changes.everything
        assert done.backup is not None and done.backup.reason == "before-import"
        assert db.path is not None and target.path is not None
        before, after = table_rows(db.path), table_rows(target.path)
        assert set(before) == set(after)
        for name in before:
            assert after[name] == before[name], name
        assert other.attachments.content(other.attachments.of(1)[0].id)[1] == b"%PDF-1.4 \x00\xff"
        # Refused the second time: the database holds cards now.
        with pytest.raises(UserError, match="already holds cards"):
            other.exports.import_json(data)
    finally:
        target.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=2), "newer version of jobhunt-desktop \\(format 2"),
        (lambda d: d.update(schema="9999"), "newer version of jobhunt-desktop \\(schema 9999"),
        (lambda d: d.pop("format"), "not a jobhunt-desktop export"),
    ],
)
def test_a_json_export_that_cannot_be_ours_is_refused(
    services: Services, clock: FixedClock, tmp_path: Path, change: Any, message: str
) -> None:
    services.applications.add("Acme", "Analyst")
    document = json.loads(services.exports.json())
    change(document)
    refused_into_a_new_database(document, message, clock, tmp_path)


def refused_into_a_new_database(
    document: dict[str, Any], message: str, clock: FixedClock, tmp_path: Path
) -> None:
    """Importing `document` into an empty database fails with `message`, adding nothing."""
    target = open_database(sqlite_url(tmp_path / "new.sqlite3"))
    try:
        other = Services.create(target, clock, ZONE)
        with pytest.raises(UserError, match=message):
            other.exports.import_json(json.dumps(document).encode())
        assert other.applications.board() == []
    finally:
        target.close()


def test_a_file_that_is_not_json_says_where_it_breaks(services: Services) -> None:
    with pytest.raises(UserError, match="not valid JSON \\(line 2, column 1"):
        services.exports.import_json(b'{"format": "jobhunt-desktop",\n}')


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t["applications"]["rows"][0].pop(), "holds a row this version cannot read"),
        (lambda t: t["applications"]["rows"][0].__setitem__(20, "yesterday"), "cannot read"),
        (lambda t: t["stages"]["rows"][0].__setitem__(5, "sideways"), "refuses"),
        (lambda t: t["applications"].pop("columns"), "is damaged"),
    ],
)
def test_a_damaged_json_export_is_refused_with_a_message(
    services: Services, clock: FixedClock, tmp_path: Path, damage: Any, message: str
) -> None:
    services.applications.add("Acme", "Analyst")
    document = json.loads(services.exports.json())
    damage(document["tables"])
    refused_into_a_new_database(document, message, clock, tmp_path)

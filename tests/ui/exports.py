"""A JSON export made elsewhere, for the tests that import one through the window."""

from __future__ import annotations

from pathlib import Path

from jobhunt_desktop.domain.clock import Clock
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.services.container import Services


def export_with(folder: Path, clock: Clock, *companies: str) -> Path:
    """`all.json` in `folder`: the export of a database of its own holding a card at
    each company."""
    other = open_database(sqlite_url(folder / "other.sqlite3"))
    try:
        source = Services.create(other, clock, "Europe/Berlin")
        for company in companies:
            source.applications.add(company, "Analyst")
        export = folder / "all.json"
        export.write_bytes(source.exports.json())
    finally:
        other.close()
    return export

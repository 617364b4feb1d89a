"""The end of every write: its change log entry, the cards' versions, the pruning of
old entries and, on a server, the COMMIT, all sent together."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from jobhunt_desktop.persistence import change_log as log
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import ApplicationRow, change_log
from jobhunt_desktop.services.container import Services


def retitle(db: Database, card: int, title: str) -> int:
    """A write of one card; the number its change was given."""
    with db.write() as session:
        session.execute(update(ApplicationRow).where(ApplicationRow.id == card).values(title=title))
        log.recorder(session).cards.add(card)
    (number,) = log.written(session).versions
    return number


def test_a_change_stamps_its_number_on_the_cards_it_touched(
    db: Database, services: Services
) -> None:
    card = services.applications.add("Acme", "Analyst").id
    other = services.applications.add("Globex", "Analyst").id
    number = retitle(db, card, "Lead Analyst")
    with db.read() as session:
        rows = session.execute(select(ApplicationRow.id, ApplicationRow.version))
        versions = {row.id: row.version for row in rows}
        newest = session.scalar(select(change_log.c.version).order_by(change_log.c.version.desc()))
    assert versions[card] == number == newest
    assert versions[other] < number


def test_old_entries_go_every_so_many_changes(
    db: Database, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log, "KEEP_ENTRIES", 3)
    monkeypatch.setattr(log, "_PRUNE_EVERY", 5)
    card = services.applications.add("Acme", "Analyst").id
    numbers = [retitle(db, card, f"Analyst {n}") for n in range(12)]
    last_pruned = max(n for n in numbers if n % 5 == 0)
    with db.read() as session:
        kept = list(session.scalars(select(change_log.c.version).order_by(change_log.c.version)))
    assert kept == list(range(last_pruned - 2, numbers[-1] + 1))

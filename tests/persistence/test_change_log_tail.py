"""The end of every write: its history, its change log entry, the cards' versions, the
pruning of old entries and, on a server, the COMMIT, all sent together."""

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


def test_the_history_a_change_wrote_comes_back_with_its_ids(
    db: Database, services: Services
) -> None:
    """History is written with the change's end, many entries a statement; the ids in
    the change are those entries' (an undo marks them)."""
    from jobhunt_desktop.persistence.models import HistoryRow
    from jobhunt_desktop.persistence.repositories import HistoryRepository

    cards = [services.applications.add(f"Co {n}", "Analyst").id for n in range(3)]
    at = services.applications.now()
    with db.write() as session:
        for n in range(250):  # more than one statement's worth
            HistoryRepository(session).record(cards[n % 3], at, "edited", "notes", None, str(n))
    changes = log.written(session)
    with db.read() as session:
        rows = session.scalars(select(HistoryRow).where(HistoryRow.id.in_(changes.history)))
        written = sorted((row.application_id, int(row.new_value or 0)) for row in rows)
    assert written == sorted((cards[n % 3], n) for n in range(250))
    assert set(cards) <= changes.cards

"""Reads sent together: on a server their statements go in one round trip, and what
each read returns is what it returns on its own, on a file and on a server alike."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, update

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import NotFoundError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import ApplicationRow, EventRow
from jobhunt_desktop.persistence.one_trip import together, with_next_trip
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    StageRepository,
)
from jobhunt_desktop.services.container import Services


@pytest.fixture
def card(services: Services) -> int:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.reply(card, notes="They will call")
    return card


def test_reads_together_return_what_each_returns_alone(
    db: Database, services: Services, card: int
) -> None:
    with db.read() as session:
        alone = (
            ApplicationRepository(session).get(card),
            EventRepository(session).for_application(card),
            session.scalar(select(func.count()).select_from(ApplicationRow)),
        )
    with db.read() as session:
        both = together(
            session,
            lambda: ApplicationRepository(session).get(card),
            lambda: EventRepository(session).for_application(card),
            lambda: session.scalar(select(func.count()).select_from(ApplicationRow)),
        )
    assert tuple(both) == alone
    assert both[0].company == "Acme" and [e.notes for e in both[1]] == ["They will call"]


def test_a_read_that_goes_on_from_an_answer_still_reads_the_rest(
    db: Database, services: Services, card: int
) -> None:
    """A statement that depends on what an earlier one found is not known ahead: it is
    sent when the read gets there, and the read returns the same."""

    def events_of_first_card() -> list[str]:
        first = session.scalar(select(func.min(ApplicationRow.id)))
        return list(session.scalars(select(EventRow.notes).where(EventRow.application_id == first)))

    with db.read() as session:
        (found,) = together(session, events_of_first_card)
    assert found == ["They will call"]


def test_a_read_that_refuses_an_empty_answer_says_why_only_if_it_must(
    db: Database, services: Services, card: int
) -> None:
    """Reads are learned against empty answers, which some refuse (not found): that is
    no error unless the real answer is refused too."""
    with db.read() as session:
        (found,) = together(session, lambda: ApplicationRepository(session).get(card))
        assert found.id == card
        with pytest.raises(NotFoundError):
            together(session, lambda: ApplicationRepository(session).get(card + 1000))


def test_what_a_read_keeps_in_its_session_is_what_it_really_read(
    db: Database, services: Services
) -> None:
    """The stages a session reads once are kept for its other reads: the empty answer
    they were learned with is not what is kept."""
    with db.read() as session:
        (stages,) = together(session, lambda: StageRepository(session).all())
        assert stages and StageRepository(session).all() == stages


def test_reads_together_within_reads_together_are_sent_with_them(
    db: Database, services: Services, card: int
) -> None:
    with db.read() as session:
        outer = together(
            session,
            lambda: together(
                session,
                lambda: ApplicationRepository(session).get(card).company,
                lambda: len(EventRepository(session).for_application(card)),
            ),
            lambda: len(StageRepository(session).all()),
        )
    assert outer == [["Acme", 1], len(services.stages.all())]


# --- writes sent with the next round trip ----------------------------------------------


def _title(card: int, title: str) -> object:
    return update(ApplicationRow.__table__).where(ApplicationRow.id == card).values(title=title)


def _title_of(session: object, card: int) -> str | None:
    return session.scalar(select(ApplicationRow.title).where(ApplicationRow.id == card))  # type: ignore[attr-defined]


def test_a_write_kept_for_the_next_trip_is_seen_by_the_reads_after_it(
    db: Database, services: Services, card: int
) -> None:
    """Sent with the reads together, or before a statement sent on its own: either way
    the server runs it first."""
    with db.write() as session:
        with_next_trip(session, _title(card, "Lead"))
        (together_read,) = together(session, lambda: _title_of(session, card))
        with_next_trip(session, _title(card, "Head"))
        alone = _title_of(session, card)
    assert (together_read, alone) == ("Lead", "Head")


def test_a_kept_write_of_many_rows_and_its_returned_rows(
    db: Database, services: Services, card: int, clock: FixedClock
) -> None:
    table = EventRow.__table__
    returned: list[list[tuple[object, ...]]] = []
    with db.write() as session:
        at = clock.now()
        rows = [
            {
                "application_id": card,
                "kind": "reply",
                "occurred_at": at,
                "recorded_at": at,
                "zone": "UTC",
            }
            for _ in range(3)
        ]
        with_next_trip(session, insert(table).returning(table.c.id), rows, then=returned.append)
        with_next_trip(
            session,
            update(table).where(table.c.id == table.c.id).values(notes="seen"),
        )
        together(session, lambda: None)  # the next trip: nothing else to read
    with db.read() as session:
        notes = list(session.scalars(select(EventRow.notes)))
    ids = sorted(row[0] for row in returned[0])
    assert len(ids) == 3 and notes == ["seen"] * 4  # and the reply's event too
    assert all(isinstance(i, int) for i in ids)


def test_a_kept_write_is_committed_with_the_transaction_or_rolled_back_with_it(
    db: Database, services: Services, card: int
) -> None:
    with db.write() as session:
        with_next_trip(session, _title(card, "Kept"))  # the last thing done: the COMMIT sends it
    with pytest.raises(RuntimeError), db.write() as session:
        with_next_trip(session, _title(card, "Dropped"))
        raise RuntimeError("the operation fails")
    with db.write() as session:  # the same connection again: nothing left over is sent
        together(session, lambda: None)
    assert services.applications.get(card).title == "Kept"


def test_a_write_asked_for_within_reads_sent_together_is_made_once(
    db: Database, services: Services, card: int
) -> None:
    """Reads must not write, but one that does is not answered empty or run twice: it
    writes once, when the reads run for real."""
    table = ApplicationRow.__table__
    with db.write() as session:

        def read_and_write() -> str | None:
            more = update(table).where(table.c.id == card).values(title=table.c.title + "!")
            with_next_trip(session, more)
            return _title_of(session, card)

        (seen,) = together(session, read_and_write)
    assert seen == "Analyst!"
    assert services.applications.get(card).title == "Analyst!"


def test_a_read_session_refuses_a_held_write(db: Database, services: Services, card: int) -> None:
    """As it refuses any other: on a server a read's statements commit each on its own."""
    with db.read() as session, pytest.raises(RuntimeError, match="does not write"):
        with_next_trip(session, _title(card, "Lead"))
    assert services.applications.get(card).title == "Analyst"

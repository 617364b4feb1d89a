"""Reads sent together: on a server their statements go in one round trip, and what
each read returns is what it returns on its own, on a file and on a server alike."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jobhunt_desktop.domain.errors import NotFoundError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import ApplicationRow, EventRow
from jobhunt_desktop.persistence.one_trip import together
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

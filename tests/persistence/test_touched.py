"""The storage layer notes, as it writes, what the rules beyond one card read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.rule_registry import Touched
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    SettingsRepository,
    StageRepository,
)
from jobhunt_desktop.services.container import Services

OPEN, ACTIVE = StageKind.OPEN, StageKind.ACTIVE


def touched_by(db: Database, write: Callable[[Session], object]) -> Touched:
    with db.write() as session:
        write(session)
        return recorder(session).touched


def test_a_card_that_changes_column_or_leaves_the_board_is_noted_with_its_stage_kinds(
    db: Database, services: Services, clock: FixedClock
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    screening = services.stages.all()[2].id
    assert touched_by(
        db, lambda s: ApplicationRepository(s).place(card, stage_id=screening)
    ).moves == ((OPEN, ACTIVE),)
    archive = touched_by(
        db, lambda s: ApplicationRepository(s).set_archived([card], True, clock.now())
    )
    assert archive.moves == ((ACTIVE, None),)
    assert touched_by(db, lambda s: ApplicationRepository(s).set_positions({card: 7.0})) == (
        Touched()
    )


def test_a_new_applied_date_an_offer_a_setting_and_a_column_kind_are_noted(
    db: Database, services: Services, clock: FixedClock
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Wishlist").id
    now = clock.now()
    day = date(2026, 3, 1)
    was = services.applications.get(card)
    applied = touched_by(
        db, lambda s: ApplicationRepository(s).change(card, {"applied_on": day}, now, was)
    )
    assert applied == Touched(applied=True)
    offer = touched_by(db, lambda s: EventRepository(s).add(card, EventKind.OFFER, now, now, "UTC"))
    assert offer == Touched(offer_events=True)
    reply = touched_by(db, lambda s: EventRepository(s).add(card, EventKind.REPLY, now, now, "UTC"))
    assert reply == Touched()
    assert touched_by(db, lambda s: SettingsRepository(s).put("r5_days", "9")) == Touched(
        settings=True
    )

    def change_kind(session: Session) -> None:
        stages = StageRepository(session)
        stages.change(stages.by_name("Wishlist").id, kind=StageKind.ACTIVE)

    assert touched_by(db, change_kind) == Touched(stages=True)


def test_an_added_card_enters_the_board_and_a_deleted_one_leaves_it(
    db: Database, services: Services, clock: FixedClock
) -> None:
    applied = services.stages.all()[1].id
    values = {"company": "Acme", "title": "Analyst"}

    def add(session: Session) -> None:
        ApplicationRepository(session).add(values, applied, clock.now())

    assert touched_by(db, add).moves == ((None, OPEN),)
    card = services.applications.board()[0].id
    assert touched_by(db, lambda s: ApplicationRepository(s).delete([card])).moves == (
        (OPEN, None),
    )

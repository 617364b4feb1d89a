"""Operations return their Changes, skip cards gone meanwhile, and undo exactly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobhunt_desktop.domain.changes import Changes, gone_message
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpState
from jobhunt_desktop.domain.errors import ChangedElsewhereError, GoneError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import FollowUpRow
from jobhunt_desktop.services.container import Services


def _cards(services: Services, count: int, stage: str = "Applied") -> list[int]:
    return [services.applications.add(f"Co {i}", "Analyst", stage=stage).id for i in range(count)]


def test_a_move_says_what_it_changed_and_numbers_it(services: Services) -> None:
    a, b = _cards(services, 2)
    moved = services.applications.move([a], "Screening")
    changes = moved.changes
    assert changes.cards == {a} and not changes.removed and b not in changes.cards
    assert len(changes.history) == 1  # the move's entry
    assert changes.version is not None and changes.version > 0
    assert services.changes.version() == changes.version


def test_another_process_reads_the_same_changes_from_the_log(
    services: Services, db: Database, clock: FixedClock
) -> None:
    a, b = _cards(services, 2)
    seen = services.changes.version()
    marker = services.changes.marker()
    other = Services.create(db, clock, "UTC")  # as a second program would
    moved = other.applications.move([b], "Screening")
    assert services.changes.marker() != marker  # data_version moved
    found, last = services.changes.since(seen)
    assert found.cards == {b} and a not in found.cards and last == moved.changes.version
    own, _ = services.changes.since(seen, own=[moved.changes.version or 0])
    assert not own  # a process leaves out its own writes


def test_undo_of_a_move_puts_back_stage_time_position_and_follow_ups(
    services: Services, clock: FixedClock
) -> None:
    a, b, c = _cards(services, 3)
    entered = services.applications.get(a).stage_entered_at
    clock.advance(timedelta(days=9))
    chase = next(f for f in services.followups.chain(a) if f.state.is_open)
    snoozed_until = clock.now() + timedelta(days=2)
    services.followups.snooze(chase.id, snoozed_until)
    before = [(f.id, f.state, f.snoozed_until) for f in services.followups.chain(a)]
    moved = services.applications.move([a], "Screening", index=0)
    entered_there = services.applications.get(a).stage_entered_at
    clock.advance(timedelta(hours=1))
    undone = services.undo.put_back(moved.before, moved.changes.history)
    assert a in undone.changes.cards
    card = services.applications.get(a)
    assert card.stage.name == "Applied" and card.stage_entered_at == entered
    assert [r.id for r in services.applications.board(stage="Applied")] == [a, b, c]
    assert [(f.id, f.state, f.snoozed_until) for f in services.followups.chain(a)] == before
    history = services.applications.story(a).history
    moves = [h for h in history if h.action == "moved"]
    assert len(moves) == 1 and moves[0].undone  # kept, marked; no second row

    services.undo.put_back(undone.value, moved.changes.history, undone=False)  # redo
    again = services.applications.get(a)
    assert again.stage.name == "Screening"
    assert again.stage_entered_at == entered_there  # not the time of the redo
    assert not [h for h in services.applications.story(a).history if h.undone]


def test_a_reminder_already_shown_is_not_owed_again_after_an_undo(
    services: Services, db: Database, clock: FixedClock
) -> None:
    (a,) = _cards(services, 1)
    clock.advance(timedelta(days=8))
    chase = next(f for f in services.followups.chain(a) if f.state.is_open)
    dismissed = services.followups.dismiss(chase.id)
    with db.write() as session:  # the reminder service showed it meanwhile
        row = session.get_one(FollowUpRow, chase.id)
        row.notified_at = clock.now().replace(tzinfo=None)
        row.notify_at = None
    services.undo.put_back(dismissed.before, dismissed.changes.history)
    reopened = next(f for f in services.followups.chain(a) if f.id == chase.id)
    assert reopened.state is FollowUpState.PENDING
    with db.read() as session:
        row = session.get_one(FollowUpRow, chase.id)
        assert row.notified_at is not None and row.notify_at is None


def test_actions_over_several_cards_skip_the_gone_and_say_so(services: Services) -> None:
    a, b, c = _cards(services, 3)
    services.applications.delete(c)
    moved = services.applications.move([a, b, c], "Screening")
    assert moved.changes.gone == 1 and moved.changes.cards >= {a, b}
    assert moved.before.card_ids == (a, b)  # its undo covers exactly what it did
    assert gone_message(moved.changes.gone, 3) == "1 was already gone."
    with pytest.raises(GoneError):
        services.applications.move([c], "Screening")
    chases = [f.id for x in (a, b) for f in services.followups.chain(x) if f.state.is_open]
    snoozed = services.followups.snooze_many(
        [*chases, 999], services.followups.now() + timedelta(1)
    )
    assert snoozed.changes.gone == 1 and len(snoozed.value) == len(chases)
    dismissed = services.followups.dismiss_many(chases)
    assert {f.state for f in dismissed.value} == {FollowUpState.DISMISSED}


def test_undo_refuses_to_overwrite_a_card_changed_elsewhere(
    services: Services, db: Database, clock: FixedClock
) -> None:
    (a,) = _cards(services, 1)
    moved = services.applications.move([a], "Screening")
    own = set(moved.changes.versions)
    Services.create(db, clock, "UTC").applications.edit(a, {"notes": "from the CLI"})
    with pytest.raises(ChangedElsewhereError):
        services.undo.put_back(moved.before, moved.changes.history, own_versions=own)
    assert services.applications.get(a).stage.name == "Screening"


def test_an_edit_over_a_value_changed_elsewhere_is_refused(services: Services) -> None:
    (a,) = _cards(services, 1)
    services.applications.edit(a, {"notes": "theirs"})
    with pytest.raises(ChangedElsewhereError):
        services.applications.edit(a, {"notes": "mine"}, expected={"notes": None})
    assert services.applications.get(a).notes == "theirs"


def test_changes_merge_and_say_what_concerns_whom() -> None:
    merged = Changes(cards=frozenset({1}), versions=(3,)) | Changes(
        removed=frozenset({1}), versions=(4,)
    )
    assert merged.removed == {1} and not merged.cards and merged.versions == (3, 4)
    assert merged.version == 4 and merged.touches_card(1) and not Changes()
    assert gone_message(2, 2) == "Those cards were already gone."

"""Where a card lands in a column, and what landing in a stage says about it."""

from __future__ import annotations

from datetime import date

import pytest

from jobhunt_desktop.domain.entities import ClosedReason
from jobhunt_desktop.domain.placement import (
    MIN_GAP,
    CardPlace,
    Landing,
    closed_reason_after_move,
    implies_applied,
    landing,
    positions_between,
    stage_after_logging,
)
from jobhunt_desktop.domain.stages import Stage, StageKind


def test_positions_fill_an_empty_column_follow_the_last_and_precede_the_first() -> None:
    assert positions_between(None, None, 3) == [1.0, 2.0, 3.0]
    assert positions_between(4.0, None, 2) == [5.0, 6.0]
    assert positions_between(None, 3.0, 2) == [1.0, 2.0]


def test_cards_dropped_between_two_share_the_gap_evenly_in_order() -> None:
    assert positions_between(1.0, 2.0, 3) == [1.25, 1.5, 1.75]


def test_no_room_between_neighbours_asks_for_a_renumbering() -> None:
    assert positions_between(1.0, 1.0 + MIN_GAP, 2) is None
    assert positions_between(1.0, 1.0 + 4 * MIN_GAP, 2) is not None


@pytest.mark.parametrize(
    ("target", "asked", "current", "expected"),
    [
        (StageKind.CLOSED_WON, None, None, ClosedReason.ACCEPTED),
        (StageKind.CLOSED_WON, ClosedReason.DECLINED, None, ClosedReason.DECLINED),
        (StageKind.CLOSED_LOST, ClosedReason.GHOSTED, None, ClosedReason.GHOSTED),
        (StageKind.CLOSED_LOST, None, ClosedReason.REJECTED, ClosedReason.REJECTED),
        (StageKind.ACTIVE, None, ClosedReason.REJECTED, None),  # back in the running
        (StageKind.OPEN, ClosedReason.GHOSTED, None, None),
    ],
)
def test_the_closed_reason_follows_the_stage(
    target: StageKind,
    asked: ClosedReason | None,
    current: ClosedReason | None,
    expected: ClosedReason | None,
) -> None:
    assert closed_reason_after_move(target, asked, current) is expected


def test_every_stage_but_the_first_open_one_means_the_application_went_out() -> None:
    assert not implies_applied(StageKind.OPEN, 1, 1)  # the wishlist
    assert implies_applied(StageKind.OPEN, 2, 1)  # an open stage after it: "Applied"
    assert implies_applied(StageKind.ACTIVE, 3, 1)
    assert implies_applied(StageKind.CLOSED_LOST, 5, 1)


def _board() -> list[Stage]:
    kinds = [
        ("Applied", StageKind.OPEN),
        ("Screening", StageKind.ACTIVE),
        ("Interviewing", StageKind.ACTIVE),
        ("Offer", StageKind.OFFER),
        ("Accepted", StageKind.CLOSED_WON),
        ("Rejected", StageKind.CLOSED_LOST),
    ]
    return [Stage(i, name, i, "#64748b", kind) for i, (name, kind) in enumerate(kinds, 1)]


def test_logging_moves_a_card_forward_only_and_an_interview_to_the_interview_stage() -> None:
    stages = _board()
    names = {s.name: s for s in stages}
    assert stage_after_logging(StageKind.OPEN, StageKind.ACTIVE, stages) == names["Interviewing"]
    assert stage_after_logging(StageKind.OPEN, StageKind.OFFER, stages) == names["Offer"]
    assert stage_after_logging(StageKind.ACTIVE, StageKind.CLOSED_LOST, stages) == names["Rejected"]
    assert stage_after_logging(StageKind.OFFER, StageKind.ACTIVE, stages) is None  # no way back
    assert stage_after_logging(StageKind.CLOSED_LOST, StageKind.ACTIVE, stages) is None
    assert stage_after_logging(StageKind.CLOSED_WON, StageKind.CLOSED_LOST, stages) is None
    assert stage_after_logging(StageKind.ACTIVE, StageKind.ACTIVE, stages) is None
    assert stage_after_logging(StageKind.OPEN, None, stages) is None
    no_interview = [s for s in stages if s.name != "Interviewing"]
    assert stage_after_logging(StageKind.OPEN, StageKind.ACTIVE, no_interview) == names["Screening"]
    only_open = [s for s in stages if s.kind is StageKind.OPEN]
    assert stage_after_logging(StageKind.OPEN, StageKind.ACTIVE, only_open) is None


TODAY = date(2026, 3, 4)
WISHLIST = Stage(1, "Wishlist", 0, "#000000", StageKind.OPEN)
APPLIED = Stage(2, "Applied", 1, "#000000", StageKind.OPEN)
REJECTED = Stage(7, "Rejected", 6, "#000000", StageKind.CLOSED_LOST)
ACCEPTED = Stage(8, "Accepted", 7, "#000000", StageKind.CLOSED_WON)


def _card(
    reason: ClosedReason | None = None, applied_on: date | None = None, stage_id: int = 1
) -> CardPlace:
    return CardPlace(5, stage_id, False, reason, applied_on)


def test_a_move_out_of_the_wishlist_dates_the_application_today_once() -> None:
    assert landing(_card(), APPLIED, WISHLIST.id, None, TODAY) == Landing(None, TODAY)
    earlier = date(2026, 1, 2)
    assert landing(_card(applied_on=earlier), APPLIED, 1, None, TODAY).applied_on == earlier


def test_a_card_dragged_back_to_the_wishlist_keeps_no_new_date() -> None:
    assert landing(_card(stage_id=2), WISHLIST, WISHLIST.id, None, TODAY).applied_on is None


def test_landing_in_a_closed_stage_says_why_and_leaving_it_forgets() -> None:
    assert landing(_card(), ACCEPTED, 1, None, TODAY).closed_reason is ClosedReason.ACCEPTED
    asked = landing(_card(), REJECTED, 1, ClosedReason.WITHDREW, TODAY)
    assert asked.closed_reason is ClosedReason.WITHDREW
    kept = landing(_card(ClosedReason.GHOSTED, stage_id=7), REJECTED, 1, None, TODAY)
    assert kept.closed_reason is ClosedReason.GHOSTED
    back = landing(_card(ClosedReason.REJECTED, stage_id=7), APPLIED, 1, None, TODAY)
    assert back.closed_reason is None

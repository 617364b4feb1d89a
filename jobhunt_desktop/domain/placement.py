"""Where a card lands and what landing in a stage says about it: pure decisions.

Positions in a column are floats, so a card can go between two others without
renumbering the column; when the gap gets too small to split, the caller renumbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from jobhunt_desktop.domain.entities import ClosedReason
from jobhunt_desktop.domain.stages import Stage, StageKind

# The way forward along the board; logging an event never moves a card back on it.
_FORWARD = (StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER, StageKind.CLOSED_WON)

MIN_GAP = 1e-6  # below this, floats stop telling neighbours apart reliably


class CardPlace(NamedTuple):
    """Where a card is and what its place has said about it so far."""

    id: int
    stage_id: int
    archived: bool
    closed_reason: ClosedReason | None
    applied_on: date | None
    entered_at: datetime | None = None  # when it entered the stage it is in


class Landing(NamedTuple):
    """What a card says once it is in its new stage."""

    closed_reason: ClosedReason | None
    applied_on: date | None


def landing(
    card: CardPlace,
    target: Stage,
    first_open_stage_id: int | None,
    asked_reason: ClosedReason | None,
    today: date,
) -> Landing:
    """What moving `card` into `target` means: why it is closed there (if it is), and
    that it was applied for today if the stage says it went out and no date is known."""
    applied = card.applied_on
    if applied is None and implies_applied(target.kind, target.id, first_open_stage_id):
        applied = today
    reason = closed_reason_after_move(
        target.kind, asked_reason, card.closed_reason, target.closed_reason
    )
    return Landing(reason, applied)


def positions_between(before: float | None, after: float | None, count: int) -> list[float] | None:
    """Positions for `count` cards between two neighbours (None: the column's edge on
    that side), or None when there is no room left between them."""
    if before is None and after is None:
        return [float(i) for i in range(1, count + 1)]
    if after is None:
        assert before is not None
        return [before + i for i in range(1, count + 1)]
    if before is None:
        return [after - (count + 1 - i) for i in range(1, count + 1)]
    step = (after - before) / (count + 1)
    if step < MIN_GAP:
        return None
    return [before + step * i for i in range(1, count + 1)]


def closed_reason_after_move(
    target: StageKind,
    asked: ClosedReason | None,
    current: ClosedReason | None,
    stage_default: ClosedReason | None = None,
) -> ClosedReason | None:
    """Why a card is closed once it is in the target stage: accepted in a won stage
    unless told otherwise; in a lost stage the reason given, else the stage's own
    (Rejected: rejected), else the one it had; none where the application goes on."""
    if target is StageKind.CLOSED_WON:
        return asked or ClosedReason.ACCEPTED
    if target is StageKind.CLOSED_LOST:
        return asked or stage_default or current
    return None


def implies_applied(kind: StageKind, stage_id: int, first_open_stage_id: int | None) -> bool:
    """Any stage but the first open one (the wishlist) means the application went out."""
    return kind is not StageKind.OPEN or stage_id != first_open_stage_id


def stage_after_logging(
    current: StageKind, wanted: StageKind | None, stages: Sequence[Stage]
) -> Stage | None:
    """Where logging an event moves a card (None: it stays): forward only, never out
    of a closed stage the user chose, never backward (an interview at an offer stays).
    An interview goes to the first active stage named like one, else the first active
    stage; anything else to the first stage of its kind. `stages` in board order."""
    if wanted is None or current is wanted:
        return None
    if wanted is StageKind.CLOSED_LOST:
        return None if current.is_closed else _first(stages, wanted)
    if current.is_closed or _FORWARD.index(current) > _FORWARD.index(wanted):
        return None
    if wanted is StageKind.ACTIVE:
        active = [s for s in stages if s.kind is StageKind.ACTIVE]
        return next((s for s in active if "interview" in s.name.casefold()), None) or (
            active[0] if active else None
        )
    return _first(stages, wanted)


def _first(stages: Sequence[Stage], kind: StageKind) -> Stage | None:
    return next((s for s in stages if s.kind is kind), None)


def withdrawal_stage(stages: Sequence[Stage]) -> Stage | None:
    """Where a card goes when the user withdraws it: a closed-lost stage that closes as
    *withdrew*, else the first one that is not for rejections (Ghosted/Withdrawn)."""
    lost = [s for s in stages if s.kind is StageKind.CLOSED_LOST]
    return next((s for s in lost if s.closed_reason is ClosedReason.WITHDREW), None) or next(
        (s for s in lost if s.closed_reason is not ClosedReason.REJECTED), None
    )

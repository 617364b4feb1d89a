"""Stages of the board and what kind of progress each one means."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from jobhunt_desktop.domain.errors import UserError


class StageKind(StrEnum):
    """What a stage means to the follow-up rules, whatever the user calls it."""

    OPEN = "open"  # not yet in conversation: wishlist, applied
    ACTIVE = "active"  # in conversation: screening, interviews
    OFFER = "offer"
    CLOSED_WON = "closed_won"
    CLOSED_LOST = "closed_lost"

    @property
    def is_closed(self) -> bool:
        return self in (StageKind.CLOSED_WON, StageKind.CLOSED_LOST)


class ClosedReason(StrEnum):
    REJECTED = "rejected"
    GHOSTED = "ghosted"
    WITHDREW = "withdrew"
    DECLINED = "declined"
    ACCEPTED = "accepted"
    ROLE_CLOSED = "role_closed"


class Stage(NamedTuple):
    """A column of the board (a named tuple: cheap to define and to make, see readmodels).

    `closed_reason` says why a card dropped into a closed-lost stage is closed."""

    id: int
    name: str
    position: int
    colour: str
    kind: StageKind
    hidden: bool = False
    closed_reason: ClosedReason | None = None


class StageSpec(NamedTuple):
    """A stage before it has an id: the default set and the `stages add` command."""

    name: str
    colour: str
    kind: StageKind


# Why a card can be closed in a closed-lost stage (accepted is the won stage's).
LOST_REASONS: tuple[ClosedReason, ...] = (
    ClosedReason.REJECTED,
    ClosedReason.GHOSTED,
    ClosedReason.WITHDREW,
    ClosedReason.DECLINED,
    ClosedReason.ROLE_CLOSED,
)


def stage_reason(
    kind: StageKind, name: str, asked: ClosedReason | None, current: ClosedReason | None
) -> ClosedReason | None:
    """The reason a stage of this kind keeps: the one asked for, else the one it had,
    else the one its name suggests; none for a stage that is not closed-lost."""
    if kind is not StageKind.CLOSED_LOST:
        if asked is not None:
            raise UserError(f"only a closed_lost stage closes its cards; '{name}' is {kind}")
        return None
    reason = asked or current or default_closed_reason(name, kind)
    if reason not in LOST_REASONS:
        raise UserError(f"a closed stage cannot close its cards as '{reason}'")
    return reason


def default_closed_reason(name: str, kind: StageKind) -> ClosedReason | None:
    """Why a card in a closed-lost stage of this name is closed, when nobody said: a
    stage named for rejections rejects, one for withdrawing alone means the user
    withdrew, any other (Ghosted/Withdrawn) means the employer went quiet."""
    if kind is not StageKind.CLOSED_LOST:
        return None
    text = name.casefold()
    if "reject" in text:
        return ClosedReason.REJECTED
    if "withdr" in text and "ghost" not in text:
        return ClosedReason.WITHDREW
    return ClosedReason.GHOSTED


DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("Wishlist", "#9aa5b1", StageKind.OPEN),
    StageSpec("Applied", "#3b82f6", StageKind.OPEN),
    StageSpec("Screening", "#14b8a6", StageKind.ACTIVE),
    StageSpec("Interviewing", "#8b5cf6", StageKind.ACTIVE),
    StageSpec("Offer", "#f59e0b", StageKind.OFFER),
    StageSpec("Accepted", "#22c55e", StageKind.CLOSED_WON),
    StageSpec("Rejected", "#ef4444", StageKind.CLOSED_LOST),
    StageSpec("Ghosted/Withdrawn", "#6b7280", StageKind.CLOSED_LOST),
)


def normalise_colour(value: str) -> str:
    """Accept `#rgb` or `#rrggbb` (the `#` optional) and return `#rrggbb` in lower case."""
    text = value.strip().lstrip("#").lower()
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6 or any(ch not in "0123456789abcdef" for ch in text):
        raise UserError(f"'{value}' is not a colour; use a hex value such as #3b82f6")
    return "#" + text

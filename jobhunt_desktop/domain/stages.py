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


class Stage(NamedTuple):
    """A column of the board (a named tuple: cheap to define and to make, see readmodels)."""

    id: int
    name: str
    position: int
    colour: str
    kind: StageKind
    hidden: bool = False


class StageSpec(NamedTuple):
    """A stage before it has an id: the default set and the `stages add` command."""

    name: str
    colour: str
    kind: StageKind


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

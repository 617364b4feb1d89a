"""Read models: flat values the board, the Due view and the CLI display.

They are filled by queries in bulk (no ORM objects), so a large board stays cheap.
They are named tuples rather than frozen dataclasses: a row is made in less than half
the time (10,000 of them at each full refresh), and defining them at start-up costs
far less.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from jobhunt_desktop.domain.stages import Stage

if TYPE_CHECKING:  # the board's start-up path does without the entities module
    from jobhunt_desktop.domain.entities import FollowUp


class BoardRow(NamedTuple):
    """What a card on the board shows, fetched in bulk without ORM objects."""

    id: int
    company: str
    title: str
    stage_id: int
    position: float
    priority: int
    tags: tuple[str, ...]
    location: str | None
    applied_on: date | None
    stage_entered_at: datetime
    notes: str | None
    next_remind_at: datetime | None  # the card's next open follow-up comes up
    next_late_mark_at: datetime | None  # the first of those with a late mark is late
    next_unmarked_at: datetime | None = None  # the first of those without one is due


class HistoryEntry(NamedTuple):
    at: datetime
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    undone: bool = False  # taken back with Undo; kept in the story


class DueRow(NamedTuple):
    followup: FollowUp
    company: str | None
    title: str | None


class BoardStart(NamedTuple):
    """What the window paints first, read straight from the file at start-up.

    `rows` holds the top cards of each column that starts open, as many as a screen
    shows, and `totals` every column's full count (all a folded one shows); the rest
    of the board follows moments later.
    `time_zone` is the one setting the first picture needs (for "late").
    """

    stages: tuple[Stage, ...]
    rows: tuple[BoardRow, ...]
    totals: dict[int, int]
    time_zone: str

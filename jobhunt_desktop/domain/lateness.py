"""What "late" and "days in a stage" mean, once, for every place that says them: the
card, the Follow-ups panel, the status bar, notifications and the command line.

A follow-up is due from its reminder time (its due time, or the end of its snooze).
It is late from its own late mark where its rule sets one (a thank-you note: a day
after the interview), and otherwise from the end of the local day on which it fell
due; never before it is due. Days in a stage are local calendar days since the card
entered it: entered today is 0.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from jobhunt_desktop.domain.timeutil import at_local, local_date

if TYPE_CHECKING:  # the board's start-up path does without the entities module
    from jobhunt_desktop.domain.entities import FollowUp

MIDNIGHT = time(0, 0)


def late_from(remind_at: datetime, late_mark: datetime | None, zone_name: str) -> datetime:
    """The instant a follow-up due at `remind_at` becomes late."""
    if late_mark is not None:
        return max(remind_at, late_mark)
    next_day = local_date(remind_at, zone_name) + timedelta(days=1)
    return at_local(next_day, MIDNIGHT, zone_name)


def is_late(remind_at: datetime, late_mark: datetime | None, now: datetime, zone_name: str) -> bool:
    return late_from(remind_at, late_mark, zone_name) <= now


def followup_is_late(f: FollowUp, now: datetime, zone_name: str) -> bool:
    """An open follow-up past the moment it became late."""
    return f.state.is_open and is_late(f.remind_at, f.overdue_at, now, zone_name)


def card_late_from(
    marked_late_from: datetime | None, unmarked_due_at: datetime | None, zone_name: str
) -> datetime | None:
    """When the first of a card's open follow-ups becomes late: from the earliest late
    moment of those with a late mark, and the earliest due time of those without."""
    moments = [marked_late_from] if marked_late_from is not None else []
    if unmarked_due_at is not None:
        moments.append(late_from(unmarked_due_at, None, zone_name))
    return min(moments, default=None)


def days_in_stage(entered_at: datetime, now: datetime, zone_name: str) -> int:
    return max(0, (local_date(now, zone_name) - local_date(entered_at, zone_name)).days)

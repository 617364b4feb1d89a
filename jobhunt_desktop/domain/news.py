"""What a stage move says happened: people drag a card instead of logging an event, so
the move records that event, marked as implied (PRODUCT.md, "A stage move is news").

The rules then plan from the implied event exactly as from a logged one. Logging the
same kind of event later fills the implied one in instead of adding a second; moving
back takes it away again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from jobhunt_desktop.domain.entities import ClosedReason, Event, EventKind
from jobhunt_desktop.domain.stages import StageKind

# Events a move can imply; any other kind is only ever logged.
IMPLIED_KINDS = (EventKind.REPLY, EventKind.OFFER, EventKind.REJECTION)

# Kinds of which one event on a card is enough: a second drag into Offer or Rejected
# says nothing new while the first offer or rejection is still on the card. A reply
# is news each time the card leaves an open stage, unless one was logged while it
# waited there.
_ONCE = (EventKind.OFFER, EventKind.REJECTION)


def news_of_move(old: StageKind, new: StageKind, reason: ClosedReason | None) -> EventKind | None:
    """The event a move from a stage of kind `old` into one of kind `new` implies, the
    card being closed there for `reason`: a rejection only when the reason is
    *rejected* (ghosted, withdrew and role closed are nobody's news), an offer on
    reaching an offer stage or the won stage from before it, a reply on leaving the
    open stages for an active one."""
    if new is StageKind.CLOSED_LOST:
        return EventKind.REJECTION if reason is ClosedReason.REJECTED else None
    won = (StageKind.OFFER, StageKind.CLOSED_WON)
    if new in won and old not in won:
        return EventKind.OFFER
    if new is StageKind.ACTIVE and old is StageKind.OPEN:
        return EventKind.REPLY
    return None


def still_holds(kind: EventKind, stage: StageKind, reason: ClosedReason | None) -> bool:
    """Whether an event a move implied is still true of a card now in a stage of kind
    `stage` (closed for `reason`): moving back removes what the move had said."""
    if kind is EventKind.REJECTION:
        return stage is StageKind.CLOSED_LOST and reason is ClosedReason.REJECTED
    if kind is EventKind.OFFER:
        return stage in (StageKind.OFFER, StageKind.CLOSED_WON, StageKind.CLOSED_LOST)
    return stage is not StageKind.OPEN


class MoveNews(NamedTuple):
    """What a move changes in a card's events: one to record, and those to remove."""

    record: EventKind | None
    remove: tuple[int, ...]


def move_news(
    old: StageKind,
    new: StageKind,
    reason: ClosedReason | None,
    events: Iterable[Event],
    entered_at: datetime | None = None,
) -> MoveNews:
    """The events a card's move records and removes, given the card's events so far
    and when it entered the stage it leaves: implied ones that no longer hold go; the
    move's own news is recorded unless the card already has it."""
    kept: list[Event] = []
    gone: list[int] = []
    for event in events:
        if event.implied and not still_holds(event.kind, new, reason):
            gone.append(event.id)
        else:
            kept.append(event)
    news = news_of_move(old, new, reason)
    if news is not None and any(
        e.kind is news
        and (e.implied or news in _ONCE or (entered_at is not None and e.occurred_at >= entered_at))
        for e in kept
    ):
        news = None
    return MoveNews(news, tuple(gone))


def implied_to_fill(kind: EventKind, events: Iterable[Event]) -> Event | None:
    """The implied event that logging an event of `kind` fills in, if there is one."""
    if kind not in IMPLIED_KINDS:
        return None
    implied = [e for e in events if e.implied and e.kind is kind]
    return max(implied, key=lambda e: (e.occurred_at, e.id), default=None)

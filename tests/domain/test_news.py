"""What a stage move says happened, and what it takes back (domain.news)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobhunt_desktop.domain.entities import ClosedReason, EventKind
from jobhunt_desktop.domain.news import implied_to_fill, move_news, news_of_move, still_holds
from jobhunt_desktop.domain.stages import StageKind
from tests.domain.factories import event, utc

OPEN, ACTIVE, OFFER = StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER
WON, LOST = StageKind.CLOSED_WON, StageKind.CLOSED_LOST


@pytest.mark.parametrize(
    ("old", "new", "reason", "news"),
    [
        (OPEN, LOST, ClosedReason.REJECTED, EventKind.REJECTION),
        (ACTIVE, LOST, ClosedReason.REJECTED, EventKind.REJECTION),
        (ACTIVE, LOST, ClosedReason.GHOSTED, None),
        (ACTIVE, LOST, ClosedReason.WITHDREW, None),
        (ACTIVE, LOST, ClosedReason.ROLE_CLOSED, None),
        (ACTIVE, OFFER, None, EventKind.OFFER),
        (OPEN, OFFER, None, EventKind.OFFER),
        (ACTIVE, WON, ClosedReason.ACCEPTED, EventKind.OFFER),
        (OFFER, WON, ClosedReason.ACCEPTED, None),
        (OFFER, OFFER, None, None),
        (OPEN, ACTIVE, None, EventKind.REPLY),
        (ACTIVE, ACTIVE, None, None),
        (LOST, ACTIVE, None, None),  # moving back out of a closed stage is no answer
        (ACTIVE, OPEN, None, None),
    ],
)
def test_what_a_move_implies(
    old: StageKind, new: StageKind, reason: ClosedReason | None, news: EventKind | None
) -> None:
    assert news_of_move(old, new, reason) is news


def test_what_still_holds_after_moving_on_or_back() -> None:
    assert still_holds(EventKind.REJECTION, LOST, ClosedReason.REJECTED)
    assert not still_holds(EventKind.REJECTION, LOST, ClosedReason.GHOSTED)
    assert not still_holds(EventKind.REJECTION, ACTIVE, None)
    assert still_holds(EventKind.OFFER, WON, ClosedReason.ACCEPTED)
    assert still_holds(EventKind.OFFER, LOST, ClosedReason.DECLINED)
    assert not still_holds(EventKind.OFFER, ACTIVE, None)
    assert still_holds(EventKind.REPLY, OFFER, None)
    assert not still_holds(EventKind.REPLY, OPEN, None)


def test_a_move_takes_back_only_implied_events_and_never_says_a_thing_twice() -> None:
    at = utc(2026, 3, 2, 9)
    implied = event(EventKind.REJECTION, at, implied=True)
    logged = event(EventKind.REJECTION, at)
    back = move_news(LOST, ACTIVE, None, [implied, logged])
    assert back.remove == (implied.id,) and back.record is None
    again = move_news(ACTIVE, LOST, ClosedReason.REJECTED, [logged])
    assert again.record is None  # the logged rejection is still on the card
    offer = event(EventKind.OFFER, at, implied=True)
    assert move_news(ACTIVE, OFFER, None, [offer]).record is None


def test_a_reply_logged_while_the_card_waited_is_the_answer_the_move_would_imply() -> None:
    entered = utc(2026, 3, 2, 9)
    earlier = event(EventKind.REPLY, entered - timedelta(days=3))
    while_there = event(EventKind.REPLY, entered + timedelta(days=1))
    assert move_news(OPEN, ACTIVE, None, [earlier], entered).record is EventKind.REPLY
    assert move_news(OPEN, ACTIVE, None, [while_there], entered).record is None


def test_logging_fills_in_the_latest_implied_event_of_its_kind() -> None:
    at = utc(2026, 3, 2, 9)
    implied = event(EventKind.OFFER, at, implied=True)
    assert implied_to_fill(EventKind.OFFER, [implied]) == implied
    assert implied_to_fill(EventKind.OFFER, [event(EventKind.OFFER, at)]) is None
    assert implied_to_fill(EventKind.INTERVIEW, [implied]) is None

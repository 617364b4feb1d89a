"""What the calendar shows: interviews and offer deadlines at their times, and the
open follow-ups as all-day entries (web calendars such as Google's ignore to-dos),
from the last 90 days on (older ones a calendar following the file already has).

Each entry's UID is made from what it stands for (the interview's event, the
follow-up's id), so a calendar that reads the file again updates its entries instead
of adding them twice; what went away (a cancelled interview, a follow-up sent or
dismissed, a deadline of a closed card) stays in the file a while as cancelled, so a
subscribed calendar takes it off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jobhunt_desktop.domain.entities import Event, EventKind, FollowUp
from jobhunt_desktop.domain.rules import current_interviews
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.wording import FOLLOWUP_KIND_NAMES

UID_DOMAIN = "jobhunt-desktop"
# How long what went away stays in the file, marked cancelled.
KEEP_CANCELLED = timedelta(days=90)
DEADLINE_LENGTH = timedelta(minutes=15)
_CHANGES = (EventKind.INTERVIEW_MOVED, EventKind.INTERVIEW_CANCELLED)


@dataclass(frozen=True, slots=True)
class CalendarCard:
    id: int
    company: str
    title: str
    closed: bool  # in a closed stage, or archived


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str
    summary: str
    start: datetime | date  # a date: all day
    end: datetime | date
    zone: str | None  # the time zone a timed entry is shown in
    description: str
    location: str | None = None
    url: str | None = None
    cancelled: bool = False
    sequence: int = 0  # grows with each change a calendar must take over


def _uid(what: str, number: int) -> str:
    return f"{what}-{number}@{UID_DOMAIN}"


def _web(text: str | None) -> str | None:
    return text if text and text.startswith(("https://", "http://")) else None


def _interviews(card: CalendarCard, events: Sequence[Event], now: datetime) -> list[CalendarEntry]:
    out = []
    moves: dict[int, int] = {}  # each move or cancellation is a new version to take over
    for e in events:
        if e.related_event_id is not None and e.kind in _CHANGES:
            moves[e.related_event_id] = moves.get(e.related_event_id, 0) + 1
    for interview in current_interviews(events):
        event = interview.event
        starts = interview.starts_at or event.occurred_at
        ends = interview.ends_at or event.end
        if now - ends > KEEP_CANCELLED:
            continue  # long past: a calendar that follows the file has it already
        if not interview.cancelled and interview.starts_at is None:
            continue  # moved, new time not known yet: nothing to put in a calendar
        kind = (event.interview_kind or "interview").lower()
        round_text = f"round {event.round} " if event.round else ""
        lines = [f"{card.title} at {card.company}: {round_text}{kind}"]
        if event.interviewers:
            lines.append(f"Interviewers: {event.interviewers}")
        if event.next_steps:
            lines.append(f"Next steps: {event.next_steps}")
        out.append(
            CalendarEntry(
                uid=_uid("interview", event.id),
                summary=f"Interview: {card.company} ({card.title})",
                start=starts,
                end=ends if ends > starts else starts + timedelta(hours=1),
                zone=event.zone,
                description="\n".join(lines),
                location=event.location,
                url=_web(event.location),
                cancelled=interview.cancelled,
                sequence=moves.get(event.id, 0),
            )
        )
    return out


def _deadlines(card: CalendarCard, events: Sequence[Event], now: datetime) -> list[CalendarEntry]:
    out = []
    for event in events:
        if event.kind is not EventKind.OFFER or event.deadline_at is None:
            continue
        if now - event.deadline_at > KEEP_CANCELLED:
            continue
        out.append(
            CalendarEntry(
                uid=_uid("offer-deadline", event.id),
                summary=f"Offer deadline: {card.company} ({card.title})",
                start=event.deadline_at,
                end=event.deadline_at + DEADLINE_LENGTH,
                zone=event.zone,
                description=f"Answer the offer for {card.title} at {card.company} by now.",
                cancelled=card.closed,
                sequence=1 if card.closed else 0,
            )
        )
    return out


def _followup(
    followup: FollowUp, card: CalendarCard | None, zone_name: str, now: datetime
) -> CalendarEntry | None:
    what = FOLLOWUP_KIND_NAMES[followup.kind]
    gone = not followup.state.is_open
    if gone and (followup.resolved_at is None or now - followup.resolved_at > KEEP_CANCELLED):
        return None
    day = local_date(followup.remind_at, zone_name)
    summary = f"Follow up: {what}"
    if card is not None:
        summary = f"{summary}, {card.company} ({card.title})"
    return CalendarEntry(
        uid=_uid("followup", followup.id),
        summary=summary,
        start=day,
        end=day + timedelta(days=1),
        zone=None,
        description=followup.reason or f"A {what} is due.",
        cancelled=gone,
        sequence=1 if gone else 0,
    )


def entries(
    cards: Mapping[int, CalendarCard],
    events: Sequence[Event],
    followups: Sequence[FollowUp],
    zone_name: str,
    now: datetime,
) -> list[CalendarEntry]:
    """Every entry of the calendar file, in a stable order."""
    by_card: dict[int, list[Event]] = {}
    for event in events:
        by_card.setdefault(event.application_id, []).append(event)
    out: list[CalendarEntry] = []
    for card_id, card_events in sorted(by_card.items()):
        card = cards.get(card_id)
        if card is not None:
            out += _interviews(card, card_events, now)
            out += _deadlines(card, card_events, now)
    for followup in sorted(followups, key=lambda f: f.id):
        card = cards.get(followup.application_id) if followup.application_id else None
        if followup.application_id is not None and card is None:
            continue
        entry = _followup(followup, card, zone_name, now)
        if entry is not None:
            out.append(entry)
    return out

"""Correcting what was logged: which fields of each kind of event can change, and
whether the result still makes sense. Pure decisions; the service stores them and the
plan follows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jobhunt_desktop.domain.entities import Event, EventKind, Mover
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.wording import EVENT_NAMES

MAX_ROUND = 20
_TEXT = ("interview_kind", "location", "interviewers", "next_steps", "notes", "feedback")
_TEXT_ALSO = ("subject", "body")

# Beyond `occurred_at` (when it happened), what each kind may say.
EDITABLE: Mapping[EventKind, frozenset[str]] = {
    EventKind.INTERVIEW: frozenset(
        {
            "ends_at",
            "round",
            "interview_kind",
            "location",
            "interviewers",
            "promised_by",
            "next_steps",
            "notes",
        }
    ),
    EventKind.INTERVIEW_MOVED: frozenset({"new_starts_at", "new_ends_at", "moved_by", "notes"}),
    EventKind.INTERVIEW_CANCELLED: frozenset({"notes"}),
    EventKind.REPLY: frozenset({"promised_by", "next_steps", "notes"}),
    EventKind.REJECTION: frozenset({"feedback"}),
    EventKind.OFFER: frozenset({"deadline_at", "notes"}),
    EventKind.MESSAGE_SENT: frozenset({"subject", "body"}),
}


def edited(event: Event, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The fields that really change, cleaned and checked against the event as a whole
    (an interview still ends after it starts, an offer's deadline comes after it).
    A field its kind does not have is a UserError, naming it."""
    allowed = EDITABLE[event.kind] | {"occurred_at"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        field = unknown[0].replace("_", " ")
        raise UserError(f"{EVENT_NAMES[event.kind]}: there is no {field} to change")
    cleaned = {name: _clean(name, value) for name, value in changes.items()}
    round_number = cleaned.get("round")
    if round_number is not None and not 1 <= int(round_number) <= MAX_ROUND:
        raise UserError(f"the round must be between 1 and {MAX_ROUND}")
    if "moved_by" in cleaned and cleaned["moved_by"] is not None:
        cleaned["moved_by"] = Mover(cleaned["moved_by"])
    if cleaned.get("occurred_at", event.occurred_at) is None:
        raise UserError("an event needs a time")
    after = replace(event, **cleaned)
    _check(after)
    return {name: value for name, value in cleaned.items() if getattr(event, name) != value}


def _clean(name: str, value: Any) -> Any:
    if name in _TEXT or name in _TEXT_ALSO:
        if value is None:
            return None
        text = str(value) if name == "body" else " ".join(str(value).split())
        return text if text.strip() else None
    return value


def _check(event: Event) -> None:
    ends = event.ends_at
    if event.kind is EventKind.INTERVIEW and ends is not None and ends < event.occurred_at:
        raise UserError("the interview cannot end before it starts")
    if event.kind is EventKind.INTERVIEW_MOVED:
        starts, new_ends = event.new_starts_at, event.new_ends_at
        if new_ends is not None and starts is None:
            raise UserError("a new end needs a new start")
        if starts is not None and new_ends is not None and new_ends < starts:
            raise UserError("the interview cannot end before it starts")
    deadline = event.deadline_at
    if event.kind is EventKind.OFFER and deadline is not None and deadline < event.occurred_at:
        raise UserError("the deadline is before the offer arrived")
    for name in ("occurred_at", "ends_at", "deadline_at", "new_starts_at", "new_ends_at"):
        value = getattr(event, name)
        if value is not None and not isinstance(value, datetime):
            raise UserError(f"{name.replace('_', ' ')} must be a time")
    if event.promised_by is not None and not isinstance(event.promised_by, date):
        raise UserError("the promised date must be a date")

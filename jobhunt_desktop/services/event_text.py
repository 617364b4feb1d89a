"""How logged events read in a line of history, and the cleaning of typed text; shared
by logging and correcting."""

from __future__ import annotations

from jobhunt_desktop.domain.entities import Event, EventKind
from jobhunt_desktop.domain.timeutil import isoformat_local


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def summary_steps(event: Event) -> str:
    parts = []
    if event.promised_by is not None:
        parts.append(f"answer promised by {event.promised_by.isoformat()}")
    if event.next_steps:
        parts.append(event.next_steps)
    return "; ".join(parts) or "updated"


def summary(event: Event) -> str:
    if event.kind is EventKind.INTERVIEW:
        return f"round {event.round} at {isoformat_local(event.occurred_at, event.zone)}"
    if event.kind is EventKind.MESSAGE_SENT:
        return event.subject or (event.followup_kind.value if event.followup_kind else "message")
    if event.kind is EventKind.OFFER and event.deadline_at is not None:
        return f"deadline {isoformat_local(event.deadline_at, event.zone)}"
    return isoformat_local(event.occurred_at, event.zone)

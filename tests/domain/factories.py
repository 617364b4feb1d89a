"""Small builders for domain values, so each rule test states only what matters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from jobhunt_desktop.domain.entities import Application, Event, EventKind, FollowUpKind
from jobhunt_desktop.domain.rules import (
    ApplicationFacts,
    OfferElsewhere,
    PlannedFollowUp,
    plan_application,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.stages import DEFAULT_STAGES, ClosedReason, Stage, StageKind

_ids = count(100)

APPLIED = Stage(2, "Applied", 1, "#3b82f6", StageKind.OPEN)
WISHLIST = Stage(1, "Wishlist", 0, "#9aa5b1", StageKind.OPEN)
INTERVIEWING = Stage(4, "Interviewing", 3, "#8b5cf6", StageKind.ACTIVE)
OFFER = Stage(5, "Offer", 4, "#f59e0b", StageKind.OFFER)
ACCEPTED = Stage(6, "Accepted", 5, "#22c55e", StageKind.CLOSED_WON)
REJECTED = Stage(7, "Rejected", 6, "#ef4444", StageKind.CLOSED_LOST)

# The default board as a new database has it, ids from 1 in board order.
DEFAULT_BOARD = [
    Stage(i + 1, spec.name, i, spec.colour, spec.kind, closed_reason=reason)
    for i, (spec, reason) in enumerate(
        zip(
            DEFAULT_STAGES,
            [None] * 6 + [ClosedReason.REJECTED, ClosedReason.GHOSTED],
            strict=True,
        )
    )
]

BERLIN = Settings(time_zone="Europe/Berlin")
NEW_YORK = Settings(time_zone="America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def app(
    stage: Stage = APPLIED, applied_on: date | None = date(2026, 3, 2), **kw: Any
) -> Application:
    return Application(
        id=kw.pop("id", 1),
        company=kw.pop("company", "Acme"),
        title="Data Analyst",
        stage=stage,
        applied_on=applied_on,
        **kw,
    )


def event(kind: EventKind, at: datetime, recorded: datetime | None = None, **kw: Any) -> Event:
    return Event(
        id=kw.pop("id", next(_ids)),
        application_id=kw.pop("application_id", 1),
        kind=kind,
        occurred_at=at,
        recorded_at=recorded or at,
        zone="Europe/Berlin",
        **kw,
    )


def interview(start: datetime, hours: float = 1, **kw: Any) -> Event:
    kw.setdefault("round", 1)
    return event(EventKind.INTERVIEW, start, ends_at=start + timedelta(hours=hours), **kw)


def sent(at: datetime, kind: FollowUpKind | None = FollowUpKind.NOTE, **kw: Any) -> Event:
    return event(EventKind.MESSAGE_SENT, at, followup_kind=kind, **kw)


def plan(
    application: Application,
    events: list[Event],
    settings: Settings = BERLIN,
    now: datetime | None = None,
    offers: tuple[OfferElsewhere, ...] = (),
) -> list[PlannedFollowUp]:
    facts = ApplicationFacts(application, tuple(events), offers)
    return plan_application(facts, settings, now or utc(2026, 3, 1))


def by_rule(planned: list[PlannedFollowUp], rule: str) -> list[PlannedFollowUp]:
    return [p for p in planned if p.rule == rule]


def only(planned: list[PlannedFollowUp], rule: str) -> PlannedFollowUp:
    found = by_rule(planned, rule)
    assert len(found) == 1, f"expected one {rule}, got {planned}"
    return found[0]


def with_stage(application: Application, stage: Stage) -> Application:
    return replace(application, stage=stage)

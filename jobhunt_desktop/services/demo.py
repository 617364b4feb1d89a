"""Realistic sample data for a first look, a screenshot or a demo, relative to now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from jobhunt_desktop.domain.entities import ContactRole
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import at_local, local_date
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput


@dataclass(frozen=True)
class _Card:
    company: str
    title: str
    stage: str
    applied_days_ago: int | None
    priority: str = "normal"
    tags: tuple[str, ...] = ()
    location: str | None = None


CARDS = (
    _Card(
        "Northwind Analytics",
        "Senior Data Analyst",
        "Interviewing",
        16,
        "top",
        ("sql", "remote"),
        "Remote",
    ),
    _Card("Lumen Health", "Analytics Engineer", "Interviewing", 21, "high", ("dbt",), "Berlin"),
    _Card(
        "Brightline Logistics", "BI Developer", "Screening", 9, "normal", ("power bi",), "Hamburg"
    ),
    _Card("Quarry & Co", "Data Analyst", "Applied", 10, "normal", ("sql",), "Munich"),
    _Card("Helio Energy", "Data Scientist", "Applied", 4, "high", ("python",), "Remote"),
    _Card("Tidewater Bank", "Risk Analyst", "Applied", 2, "normal", ("finance",), "Frankfurt"),
    _Card("Pinecrest Retail", "Insights Analyst", "Applied", 13, "low", (), "Leipzig"),
    _Card("Orbital Games", "Product Analyst", "Offer", 30, "top", ("product",), "Remote"),
    _Card("Fernway Travel", "Data Analyst", "Wishlist", None, "normal", ("travel",), "Cologne"),
    _Card("Copperleaf Labs", "Analytics Lead", "Wishlist", None, "high", ("lead",), "Remote"),
    _Card("Atlas Insurance", "Data Analyst", "Rejected", 40, "normal", (), "Stuttgart"),
    _Card("Kestrel Media", "Marketing Analyst", "Ghosted/Withdrawn", 45, "low", (), "Berlin"),
    _Card("Silverline Software", "BI Analyst", "Screening", 7, "normal", ("tableau",), "Remote"),
)


def seed_demo(services: Services) -> int:
    """Fill an empty database with a believable hunt; refuses to touch real data."""
    if services.applications.board(include_archived=True):
        raise UserError("the database already holds applications; seed-demo needs an empty one")
    now = services.followups.now()
    zone_name = services.settings.get().time_zone
    today = local_date(now, zone_name)
    ids: dict[str, int] = {}
    for card in CARDS:
        applied = today - timedelta(days=card.applied_days_ago) if card.applied_days_ago else None
        ids[card.company] = services.applications.add(
            card.company,
            card.title,
            stage="Wishlist",
            applied_on=applied,
            priority=card.priority,
            tags=list(card.tags),
            location=card.location,
        ).id

    def when(days_ago: int, hour: int = 10) -> datetime:
        return at_local(today - timedelta(days=days_ago), time(hour, 0), zone_name)

    events = services.events
    northwind = ids["Northwind Analytics"]
    events.interview(
        northwind,
        when(9),
        when(9, 11),
        1,
        "video",
        promised_by=today - timedelta(days=6),
        next_steps="Second round with the team",
        contact=ContactInput(
            name="Dana Whitfield", email="dana@northwind.example", role=ContactRole.RECRUITER
        ),
    )
    events.sent(northwind, "Thank you for today", "Thanks for the conversation.", at=when(9, 15))
    events.interview(
        northwind, when(2), when(2, 12), 2, "onsite", interviewers="Priya Natarajan, Tom Becker"
    )
    lumen = ids["Lumen Health"]
    events.interview(
        lumen,
        when(5),
        when(5, 11),
        1,
        "phone",
        promised_by=today + timedelta(days=3),
        contact=ContactInput(
            name="Marco Ruiz", email="marco@lumen.example", role=ContactRole.HIRING_MANAGER
        ),
    )
    events.reply(ids["Brightline Logistics"], at=when(3), notes="Recruiter call booked")
    events.reply(ids["Silverline Software"], at=when(1), promised_by=today + timedelta(days=4))
    orbital = ids["Orbital Games"]
    events.interview(orbital, when(20), when(20, 11), 1, "video")
    events.interview(orbital, when(12), when(12, 12), 2, "onsite")
    events.offer(
        orbital,
        at=when(1, 16),
        deadline_at=at_local(today + timedelta(days=6), time(23, 59), zone_name),
    )
    events.rejection(
        ids["Atlas Insurance"],
        at=when(1, 9),
        feedback="Strong SQL; they wanted more experience with forecasting.",
    )
    services.applications.move([ids["Kestrel Media"]], "Ghosted/Withdrawn")
    services.applications.move(
        [ids["Brightline Logistics"], ids["Silverline Software"]], "Screening"
    )
    for name in ("Quarry & Co", "Helio Energy", "Tidewater Bank", "Pinecrest Retail"):
        services.applications.move([ids[name]], "Applied")
    services.settings.set("your_name", services.settings.get().your_name or "Sam Rivera")
    return len(CARDS)

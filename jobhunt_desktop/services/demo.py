"""Realistic sample data for a first look, a screenshot or a demo.

The story is played forward in time on its own clock, ending now, so every card has
a believable history, days in its stage and follow-ups of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import ContactRole
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import at_local, local_date
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput

Step = tuple[float, Callable[[Services, dict[str, int]], object]]

CARDS: tuple[tuple[str, str, str, tuple[str, ...], str | None], ...] = (
    ("Northwind Analytics", "Senior Data Analyst", "top", ("sql", "remote"), "Remote"),
    ("Lumen Health", "Analytics Engineer", "high", ("dbt",), "Berlin"),
    ("Brightline Logistics", "BI Developer", "normal", ("power bi",), "Hamburg"),
    ("Quarry & Co", "Data Analyst", "normal", ("sql",), "Munich"),
    ("Helio Energy", "Data Scientist", "high", ("python",), "Remote"),
    ("Tidewater Bank", "Risk Analyst", "normal", ("finance",), "Frankfurt"),
    ("Pinecrest Retail", "Insights Analyst", "low", (), "Leipzig"),
    ("Orbital Games", "Product Analyst", "top", ("product",), "Remote"),
    ("Fernway Travel", "Data Analyst", "normal", ("travel",), "Cologne"),
    ("Copperleaf Labs", "Analytics Lead", "high", ("lead",), "Remote"),
    ("Atlas Insurance", "Data Analyst", "normal", (), "Stuttgart"),
    ("Kestrel Media", "Marketing Analyst", "low", (), "Berlin"),
    ("Silverline Software", "BI Analyst", "normal", ("tableau",), "Remote"),
)
# (days before now the card was added, stage it starts in)
STARTS = {
    "Northwind Analytics": (24, "Applied"),
    "Lumen Health": (21, "Applied"),
    "Brightline Logistics": (15, "Applied"),
    "Quarry & Co": (10, "Applied"),
    "Helio Energy": (4, "Applied"),
    "Tidewater Bank": (2, "Applied"),
    "Pinecrest Retail": (13, "Applied"),
    "Orbital Games": (34, "Applied"),
    "Fernway Travel": (6, "Wishlist"),
    "Copperleaf Labs": (1, "Wishlist"),
    "Atlas Insurance": (40, "Applied"),
    "Kestrel Media": (45, "Applied"),
    "Silverline Software": (8, "Applied"),
}


def _steps(now: datetime, zone_name: str) -> list[Step]:
    today = local_date(now, zone_name)

    def at(days_ago: float, hour: int = 10) -> datetime:
        return at_local(today - timedelta(days=int(days_ago)), time(hour, 0), zone_name)

    def day(days_from_now: int) -> date:
        return today + timedelta(days=days_from_now)

    def adder(card: tuple[str, str, str, tuple[str, ...], str | None], stage: str) -> Step:
        company, title, priority, tags, location = card

        def add(s: Services, ids: dict[str, int]) -> None:
            ids[company] = s.applications.add(
                company,
                title,
                stage=stage,
                priority=priority,
                tags=list(tags),
                location=location,
            ).id

        return (STARTS[company][0], add)

    steps: list[Step] = [adder(card, STARTS[card[0]][1]) for card in CARDS]
    steps += [
        (31, lambda s, ids: s.applications.move([ids["Orbital Games"]], "Screening")),
        (
            20,
            lambda s, ids: s.events.interview(
                ids["Orbital Games"],
                at(20),
                at(20, 11),
                1,
                "Video",
                next_steps="Panel interview next",
                promised_by=day(-16),
            ),
        ),
        (
            20,
            lambda s, ids: s.events.sent(
                ids["Orbital Games"], "Thank you", "Thanks for today.", at=at(20, 15)
            ),
        ),
        (
            12,
            lambda s, ids: s.events.interview(
                ids["Orbital Games"],
                at(12),
                at(12, 13),
                2,
                "On site",
                interviewers="Jun Park, Alma Reyes",
                promised_by=day(-5),
            ),
        ),
        (
            12,
            lambda s, ids: s.events.sent(
                ids["Orbital Games"], "Thank you", "Thanks for the afternoon.", at=at(12, 16)
            ),
        ),
        (33, lambda s, ids: s.applications.move([ids["Kestrel Media"]], "Ghosted/Withdrawn")),
        (
            12,
            lambda s, ids: s.events.interview(
                ids["Northwind Analytics"],
                at(12),
                at(12, 11),
                1,
                "Video",
                promised_by=day(-8),
                next_steps="Second round with the team",
                contact=ContactInput(
                    name="Dana Whitfield",
                    email="dana@northwind.example",
                    role=ContactRole.RECRUITER,
                ),
            ),
        ),
        (
            12,
            lambda s, ids: s.events.sent(
                ids["Northwind Analytics"],
                "Thank you for today",
                "Thanks for the conversation.",
                at=at(12, 15),
            ),
        ),
        (
            9,
            lambda s, ids: s.events.reply(
                ids["Northwind Analytics"], at=at(9), notes="Invited to a second round"
            ),
        ),
        (
            2,
            lambda s, ids: s.events.interview(
                ids["Northwind Analytics"],
                at(2),
                at(2, 12),
                2,
                "On site",
                interviewers="Priya Natarajan, Tom Becker",
                promised_by=day(3),
                next_steps="Dana calls with a decision",
            ),
        ),
        (
            2,
            lambda s, ids: s.events.sent(
                ids["Northwind Analytics"], "Thank you", "Thanks again.", at=at(2, 16)
            ),
        ),
        (
            5,
            lambda s, ids: s.events.interview(
                ids["Lumen Health"],
                at(5),
                at(5, 11),
                1,
                "phone",
                promised_by=day(3),
                next_steps="Marco sends a take-home task",
                contact=ContactInput(
                    name="Marco Ruiz", email="marco@lumen.example", role=ContactRole.HIRING_MANAGER
                ),
            ),
        ),
        (
            5,
            lambda s, ids: s.events.sent(
                ids["Lumen Health"], "Thank you", "Thanks for the call.", at=at(5, 14)
            ),
        ),
        (
            5,
            lambda s, ids: s.events.reply(
                ids["Brightline Logistics"], at=at(5), notes="Recruiter call booked"
            ),
        ),
        (5, lambda s, ids: s.applications.move([ids["Brightline Logistics"]], "Screening")),
        (
            6,
            lambda s, ids: s.events.sent(
                ids["Pinecrest Retail"], "Checking in", "Any news?", at=at(6, 9)
            ),
        ),
        (
            3,
            lambda s, ids: s.events.reply(ids["Silverline Software"], at=at(3), promised_by=day(4)),
        ),
        (3, lambda s, ids: s.applications.move([ids["Silverline Software"]], "Screening")),
        (
            8,
            lambda s, ids: s.events.rejection(
                ids["Atlas Insurance"],
                at=at(8, 9),
                feedback="Strong SQL; they wanted more forecasting experience.",
            ),
        ),
        (
            7,
            lambda s, ids: s.events.sent(
                ids["Atlas Insurance"], "Thanks for letting me know", "Thank you.", at=at(7, 9)
            ),
        ),
        (
            1,
            lambda s, ids: s.events.offer(
                ids["Orbital Games"],
                at=at(1, 16),
                deadline_at=at_local(day(6), time(23, 59), zone_name),
            ),
        ),
    ]
    return sorted(steps, key=lambda step: -step[0])


def seed_demo(services: Services) -> int:
    """Fill an empty database with a believable hunt; refuses to touch real data."""
    if services.applications.board(include_archived=True):
        raise UserError("the database already holds applications; seed-demo needs an empty one")
    now = services.followups.now()
    zone_name = services.settings.get().time_zone
    clock = FixedClock(now)
    story = Services.create(services.applications.db, clock, services.applications.default_zone)
    ids: dict[str, int] = {}
    today = local_date(now, zone_name)
    for days_ago, step in _steps(now, zone_name):
        # Each day's steps happen by that evening; adding cards happens in the morning.
        evening = at_local(today - timedelta(days=int(days_ago)), time(18, 0), zone_name)
        clock.instant = min(evening, now)
        step(story, ids)
    clock.instant = now
    story.followups.replan_all()
    if not services.settings.get().your_name:
        services.settings.set("your_name", "Sam Rivera")
    return len(CARDS)

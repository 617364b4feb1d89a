"""Insights read from a real database: moves taken back do not count, implied and
logged answers do, imported history is flagged, feedback becomes themes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.insights_json import as_json
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.imports import ImportRequest
from tests.conftest import ZONE


def funnel(services: Services) -> dict[str, int]:
    return {s.name: n for s, n in services.insights.compute().funnel}


def test_moves_taken_back_do_not_count(services: Services, clock: FixedClock) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    moved = services.applications.move([card], "Offer")
    assert funnel(services)["Offer"] == 1
    services.undo.put_back(moved.before, moved.changes.history)
    assert funnel(services)["Offer"] == 0 and funnel(services)["Screening"] == 0
    assert services.insights.compute().answered == 0  # the implied offer went with it


def test_answers_logged_or_implied_and_what_is_not_one(
    services: Services, clock: FixedClock
) -> None:
    replied = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=3))
    services.applications.move([replied], "Screening")  # implies a reply
    invited = services.applications.add("Globex", "Engineer", stage="Applied").id
    clock.advance(timedelta(days=2))
    services.events.interview(invited, clock.now() + timedelta(days=2))
    ghosted = services.applications.add("Initech", "Developer", stage="Applied").id
    services.applications.move([ghosted], "Ghosted/Withdrawn")
    found = services.insights.compute()
    assert (found.applied, found.answered) == (3, 2)
    days = {c.company: c for c in found.companies}
    assert days["Acme"].answered == 1 and days["Initech"].answered == 0


def test_follow_ups_promises_and_feedback_themes(services: Services, clock: FixedClock) -> None:
    ids = []
    for name in ("Acme", "Globex", "Initech"):
        card = services.applications.add(name, "Engineer", stage="Applied").id
        ids.append(card)
        services.events.sent(card, "Checking in", kind=FollowUpKind.APPLICATION_CHECK)
    clock.advance(timedelta(days=2))
    services.events.reply(ids[0], promised_by=(clock.now() + timedelta(days=5)).date())
    clock.advance(timedelta(days=3))
    services.events.rejection(ids[0], feedback="We need more Kubernetes experience.")
    services.events.rejection(ids[1], feedback="Kubernetes experience was missing.")
    clock.advance(timedelta(days=10))
    found = services.insights.compute()
    [checks] = found.followups
    assert (checks.kind, checks.sent) == ("application_check", 3)
    acme = next(c for c in found.companies if c.company == "Acme")
    assert acme.promises == 1  # kept: the rejection came before the promised day
    themes = {t.theme: t.application_ids for t in found.themes}
    assert themes["kubernetes experience"] == (ids[0], ids[1])
    shown = as_json(found)
    assert shown["feedback_themes"][0]["application_ids"] == [ids[0], ids[1]]


def test_imported_cards_are_flagged_and_counted_from_their_stage(
    services: Services, tmp_path: Path
) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(
        "Company,Role,Status,Date applied\n"
        "Acme,Analyst,Interview,2026-01-05\n"
        "Globex,Engineer,Rejected,2026-01-06\n"
        "Initech,Developer,Applied,2026-01-07\n"
    )
    services.imports.run(services.imports.preview(ImportRequest(sheet)))
    found = services.insights.compute()
    assert (found.cards, found.imported, found.applied, found.answered) == (3, 3, 3, 2)


def test_a_period_and_tags_choose_the_cards(services: Services, clock: FixedClock) -> None:
    services.applications.add("Acme", "Analyst", stage="Applied", tags=["remote"])
    services.applications.add(
        "Globex", "Engineer", stage="Applied", applied_on=parse_datetime("2025-06-01", ZONE).date()
    )
    since = (clock.now() - timedelta(days=30)).date()
    assert services.insights.compute(since=since).cards == 1
    assert services.insights.compute(tags=["remote"]).cards == 1
    services.settings.set("insights_archived", "off")
    services.applications.set_archived(services.applications.board()[0].id)
    assert services.insights.compute().cards == 1


def test_what_they_say_after_the_reply_to_a_rejection_feeds_the_themes(
    services: Services, clock: FixedClock
) -> None:
    ids = [services.applications.add(n, "Engineer", stage="Applied").id for n in ("A", "B", "C")]
    for card in ids:
        services.events.rejection(card)
    clock.advance(timedelta(days=1))
    services.events.reply(ids[2], notes="Stronger system design skills were the gap.")  # before
    for card in ids[:2]:
        services.events.sent(card, "Thank you", kind=FollowUpKind.REJECTION_REPLY)
    clock.advance(timedelta(days=1))
    for card in ids:
        services.events.reply(card, notes="Stronger system design skills were the gap.")
    themes = {t.theme: t.application_ids for t in services.insights.compute().themes}
    assert themes["system design skills"] == (ids[0], ids[1])  # C's came before it asked


def test_days_in_a_stage_and_to_an_answer_are_counted_by_the_database(
    services: Services, clock: FixedClock
) -> None:
    """Stays end at the card's next move (one taken back does not end it), and a
    follow-up is answered within 14 days by the first answer after it."""
    start = clock.now()
    cards = [services.applications.add(f"Co {i}", "Engineer", stage="Applied").id for i in range(5)]
    for card in cards:
        services.events.sent(card, "Checking in", kind=FollowUpKind.APPLICATION_CHECK)
    for i, card in enumerate(cards):
        clock.advance(start + timedelta(days=2 * (i + 1)) - clock.now())
        if i == 0:  # a move taken back: Applied goes on
            moved = services.applications.move([card], "Interviewing")
            services.undo.put_back(moved.before, moved.changes.history)
            clock.advance(timedelta(days=10))
        services.applications.move([card], "Screening")  # implies the answer
    clock.advance(timedelta(days=30))
    found = services.insights.compute()
    spent = {s.name: d for s, d in found.time_in_stage}
    assert spent["Applied"].count == 5
    assert spent["Applied"].median == 8.0  # 12, 4, 6, 8 and 10 days
    assert (spent["Applied"].low, spent["Applied"].high) == (6.0, 10.0)
    assert spent["Screening"].count == 0  # still there
    [checks] = found.followups
    assert checks.sent == 5 and checks.answered_within_14_days == 1.0  # 4 to 12 days each


def test_a_renamed_stage_keeps_what_its_cards_did_under_the_old_name(
    services: Services, clock: FixedClock
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=2))
    services.applications.move([card], "Screening")
    clock.advance(timedelta(days=3))
    services.applications.move([card], "Interviewing")
    services.stages.rename("Screening", "Phone screen")
    found = services.insights.compute()
    assert {s.name: n for s, n in found.funnel}["Phone screen"] == 1
    assert {s.name: d.count for s, d in found.time_in_stage}["Phone screen"] == 1

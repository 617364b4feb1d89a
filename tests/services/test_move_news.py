"""A stage move is news: it records the event it implies, logging fills that in, and
moving back (or undo) removes it and puts the plan back."""

from __future__ import annotations

from datetime import timedelta

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import ClosedReason, EventKind
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.services.container import Services


def _open(services: Services, app_id: int) -> dict[str, str]:
    return {f.rule: f.key for f in services.followups.chain(app_id) if f.state.is_open}


def _events(services: Services, app_id: int) -> list[tuple[EventKind, bool]]:
    return [(e.kind, e.implied) for e in services.applications.story(app_id).events]


def test_default_closed_stages_say_why_their_cards_are_closed(services: Services) -> None:
    reasons = {s.name: s.closed_reason for s in services.stages.all()}
    assert reasons["Rejected"] is ClosedReason.REJECTED
    assert reasons["Ghosted/Withdrawn"] is ClosedReason.GHOSTED
    assert reasons["Applied"] is None and reasons["Accepted"] is None
    declined = services.stages.add("Declined by me", StageKind.CLOSED_LOST).value
    assert declined.closed_reason is ClosedReason.GHOSTED
    turned = services.stages.add("Turned down", StageKind.CLOSED_LOST, closed_reason=None).value
    assert turned.closed_reason is ClosedReason.GHOSTED
    named = services.stages.add("Rejected late", StageKind.CLOSED_LOST).value
    assert named.closed_reason is ClosedReason.REJECTED
    chosen = services.stages.update("Turned down", closed_reason=ClosedReason.WITHDREW).value
    assert chosen.closed_reason is ClosedReason.WITHDREW
    reopened = services.stages.update("Turned down", kind=StageKind.ACTIVE).value
    assert reopened.closed_reason is None


def test_a_drag_to_rejected_is_a_rejection(services: Services, clock: FixedClock) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    assert set(_open(services, app)) == {"R5"}
    services.applications.move([app], "Rejected")
    card = services.applications.get(app)
    assert card.closed_reason is ClosedReason.REJECTED
    assert _events(services, app) == [(EventKind.REJECTION, True)]
    assert set(_open(services, app)) == {"R7"}  # the chase ended, a reply is planned
    later = services.applications.add("ACME Inc.", "Engineer")
    assert [p.application_id for p in later.recent_rejections] == [app]


def test_ghosted_and_withdrew_end_the_chase_and_plan_nothing(services: Services) -> None:
    quiet = services.applications.add("Quiet Co", "Analyst", stage="Applied").id
    left = services.applications.add("Left Co", "Analyst", stage="Applied").id
    services.applications.move([quiet], "Ghosted/Withdrawn")
    services.applications.move([left], "Ghosted/Withdrawn", closed_reason=ClosedReason.WITHDREW)
    assert services.applications.get(quiet).closed_reason is ClosedReason.GHOSTED
    assert services.applications.get(left).closed_reason is ClosedReason.WITHDREW
    for app in (quiet, left):
        assert _events(services, app) == []
        assert _open(services, app) == {}
    assert services.applications.add("Quiet Co", "Other").recent_rejections == ()


def test_logging_the_rejection_later_fills_in_the_implied_one(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Interviewing").id
    services.applications.move([app], "Rejected")
    [r7] = [f for f in services.followups.chain(app) if f.rule == "R7"]
    clock.advance(timedelta(days=3))
    heard = clock.now() - timedelta(days=2)
    services.events.rejection(app, at=heard, feedback="Wanted more SQL")
    [event] = services.applications.story(app).events
    assert (event.kind, event.implied) == (EventKind.REJECTION, False)
    assert event.feedback == "Wanted more SQL"
    assert event.occurred_at == heard
    [again] = [f for f in services.followups.chain(app) if f.rule == "R7" and f.state.is_open]
    # the same reminder, re-timed from the day they said it (a day after the drag)
    assert again.key == r7.key and again.due_at == r7.due_at + timedelta(days=1)


def test_moving_back_removes_the_implied_event_and_restores_the_plan(
    services: Services,
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    before = _open(services, app)
    services.applications.move([app], "Rejected")
    services.applications.move([app], "Applied")
    assert _events(services, app) == []
    assert _open(services, app) == before
    assert services.applications.get(app).closed_reason is None


def test_undo_of_a_drag_to_rejected_removes_the_rejection(services: Services) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    before = [(f.id, f.state, f.due_at) for f in services.followups.chain(app)]
    moved = services.applications.move([app], "Rejected")
    services.undo.put_back(moved.before, moved.changes.history)
    assert _events(services, app) == []
    assert [(f.id, f.state, f.due_at) for f in services.followups.chain(app)] == before
    assert services.applications.add("Acme", "Other").recent_rejections == ()


def test_a_drag_into_offer_tells_the_cards_in_interviews(services: Services) -> None:
    offer = services.applications.add("Northwind", "Analyst", stage="Interviewing").id
    other = services.applications.add("Contoso", "Engineer", stage="Interviewing").id
    services.applications.move([offer], "Offer")
    assert _events(services, offer) == [(EventKind.OFFER, True)]
    assert "R8" in _open(services, other)
    deadline = services.applications.now() + timedelta(days=10)
    services.events.offer(offer, deadline_at=deadline)
    [event] = services.applications.story(offer).events
    assert (event.kind, event.implied, event.deadline_at) == (EventKind.OFFER, False, deadline)
    assert "R9" in _open(services, offer)
    notices = [f for f in services.followups.chain(other) if f.rule == "R8"]
    assert len(notices) == 1 and notices[0].state.is_open
    services.applications.move([offer], "Interviewing")  # not an offer after all
    assert [k for k, _ in _events(services, offer)] == [EventKind.OFFER]  # logged: it stays


def test_a_drag_back_out_of_offer_takes_its_notices_away(services: Services) -> None:
    offer = services.applications.add("Northwind", "Analyst", stage="Interviewing").id
    other = services.applications.add("Contoso", "Engineer", stage="Interviewing").id
    services.applications.move([offer], "Offer")
    services.applications.move([offer], "Interviewing")
    assert _events(services, offer) == []
    assert "R8" not in _open(services, other)


def test_a_drag_out_of_applied_is_an_answer(services: Services) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    [r5] = [f for f in services.followups.chain(app) if f.state.is_open]
    services.applications.move([app], "Screening")
    assert _events(services, app) == [(EventKind.REPLY, True)]
    assert r5.key not in _open(services, app).values()  # the first check ended
    services.applications.move([app], "Interviewing")  # still in conversation: no news
    assert _events(services, app) == [(EventKind.REPLY, True)]
    services.events.reply(app, promised_by=services.applications.now().date())
    assert _events(services, app) == [(EventKind.REPLY, False)]  # filled in, not a second
    services.applications.move([app], "Applied")
    assert _events(services, app) == [(EventKind.REPLY, False)]


def test_accepting_implies_the_offer_only_when_none_was_there(services: Services) -> None:
    direct = services.applications.add("Acme", "Analyst", stage="Interviewing").id
    offered = services.applications.add("Beta", "Analyst", stage="Offer").id
    services.applications.move([direct], "Accepted")
    services.applications.move([offered], "Accepted")
    assert _events(services, direct) == [(EventKind.OFFER, True)]
    assert _events(services, offered) == []
    assert services.applications.get(direct).closed_reason is ClosedReason.ACCEPTED


def test_a_reply_logged_before_the_drag_is_the_answer_it_implies(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=2))
    services.events.reply(app, notes="They want a call")
    clock.advance(timedelta(hours=1))
    services.applications.move([app], "Screening")
    assert _events(services, app) == [(EventKind.REPLY, False)]  # not a second answer

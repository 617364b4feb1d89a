"""Correcting and removing what was logged: undoable, and the plan follows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind, FollowUpKind, FollowUpState
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.services.container import Services


def _open(services: Services, app: int) -> dict[str, object]:
    return {f.rule: f.due_at for f in services.followups.chain(app) if f.state.is_open}


def test_correcting_an_interview_re_times_its_thank_you(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    starts = clock.now() + timedelta(days=1)
    logged = services.events.interview(app, starts, next_steps="They will call")
    before = _open(services, app)["R1"]
    done = services.events.edit(
        logged.event.id,
        {"occurred_at": starts + timedelta(days=2), "ends_at": starts + timedelta(days=2, hours=1)},
    )
    assert done.value.occurred_at == starts + timedelta(days=2)
    assert _open(services, app)["R1"] == before + timedelta(days=2)  # type: ignore[operator]
    history = services.applications.story(app).history
    assert history[-1].action == "corrected"
    services.undo.put_back(done.before, done.changes.history)
    assert services.applications.story(app).events[0].occurred_at == starts
    assert _open(services, app)["R1"] == before


def test_a_correction_that_makes_no_sense_is_refused(services: Services, clock: FixedClock) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    starts = clock.now() + timedelta(days=1)
    interview = services.events.interview(app, starts).event
    with pytest.raises(UserError, match="end before it starts"):
        services.events.edit(interview.id, {"ends_at": starts - timedelta(hours=1)})
    rejection = services.events.rejection(app).event
    with pytest.raises(UserError, match="no round"):
        services.events.edit(rejection.id, {"round": 2})
    offer = services.applications.add("Beta", "Analyst", stage="Interviewing").id
    made = services.events.offer(offer).event
    with pytest.raises(UserError, match="deadline is before"):
        services.events.edit(made.id, {"deadline_at": made.occurred_at - timedelta(days=1)})
    assert services.events.edit(made.id, {}).changes.version is None  # nothing to do


def test_correcting_an_implied_event_makes_it_logged(services: Services) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.applications.move([app], "Rejected")
    [implied] = services.applications.story(app).events
    services.events.edit(implied.id, {"feedback": "More SQL next time"})
    [event] = services.applications.story(app).events
    assert (event.implied, event.feedback) == (False, "More SQL next time")
    services.applications.move([app], "Applied")
    assert [e.id for e in services.applications.story(app).events] == [event.id]  # it stays


def test_deleting_an_implied_event_ends_its_follow_ups_and_leaves_the_stage(
    services: Services,
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.applications.move([app], "Rejected")
    [implied] = services.applications.story(app).events
    assert "R7" in _open(services, app)
    done = services.events.delete(implied.id)
    assert services.applications.story(app).events == ()
    assert "R7" not in _open(services, app)
    assert services.applications.get(app).stage.name == "Rejected"
    services.undo.put_back(done.before, done.changes.history)
    assert [e.id for e in services.applications.story(app).events] == [implied.id]
    assert "R7" in _open(services, app)


def test_deleting_a_sent_message_opens_its_follow_up_again(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    [check] = [f for f in services.followups.chain(app) if f.state.is_open]
    sent = services.events.sent(app, subject="Checking in", kind=FollowUpKind.APPLICATION_CHECK)
    assert services.followups.chain(app)[0].state is FollowUpState.SENT
    services.events.delete(sent.event.id)
    again = next(f for f in services.followups.chain(app) if f.id == check.id)
    assert again.state is FollowUpState.PENDING and again.sent_at is None


def test_deleting_an_interview_takes_its_moves_with_it(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    interview = services.events.interview(app, clock.now() + timedelta(days=2)).event
    services.events.moved(app)
    services.events.delete(interview.id)
    kinds = [e.kind for e in services.applications.story(app).events]
    assert EventKind.INTERVIEW not in kinds and EventKind.INTERVIEW_MOVED not in kinds
    assert services.applications.get(app).stage.name == "Interviewing"  # the card stays


def test_correcting_when_a_message_went_keeps_its_follow_up_paired(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    sent = services.events.sent(app, subject="Checking in", kind=FollowUpKind.APPLICATION_CHECK)
    earlier = sent.event.occurred_at - timedelta(hours=5)
    services.events.edit(sent.event.id, {"occurred_at": earlier})
    [answered] = [f for f in services.followups.chain(app) if f.state is FollowUpState.SENT]
    assert answered.sent_at == earlier
    services.events.delete(sent.event.id)
    assert services.followups.chain(app)[0].state is FollowUpState.PENDING

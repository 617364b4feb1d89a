"""R6 for every move of an interview the employer makes, none for one the user asked
for; through the services and the draft (the command line: tests/cli)."""

from __future__ import annotations

from datetime import datetime, timedelta

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind, Mover
from jobhunt_desktop.domain.templates import format_moment
from jobhunt_desktop.services.container import Services


def _card_with_interview(services: Services, clock: FixedClock) -> tuple[int, datetime]:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    starts = clock.now() + timedelta(days=2)
    services.events.interview(app, starts, round=2, interviewers="Dana Kim")
    return app, starts


def _r6(services: Services, app: int) -> list[FollowUpKind]:
    return [f.kind for f in services.followups.chain(app) if f.rule == "R6" and f.state.is_open]


def test_a_move_to_a_known_new_time_asks_to_confirm_it(
    services: Services, clock: FixedClock
) -> None:
    app, starts = _card_with_interview(services, clock)
    new_start = starts + timedelta(days=5)
    services.events.moved(app, new_starts_at=new_start)
    assert _r6(services, app) == [FollowUpKind.RESCHEDULE_CONFIRM]
    draft = services.drafting.compose(app, kind=FollowUpKind.RESCHEDULE_CONFIRM)
    assert format_moment(new_start, services.settings.get().time_zone) in draft.body
    assert "the second interview" in draft.body
    assert "anything else has changed" in draft.body


def test_a_move_without_a_time_asks_what_changed(services: Services, clock: FixedClock) -> None:
    app, _ = _card_with_interview(services, clock)
    services.events.moved(app)
    assert _r6(services, app) == [FollowUpKind.RESCHEDULE_INQUIRY]


def test_a_move_the_user_asked_for_plans_no_question(services: Services, clock: FixedClock) -> None:
    app, starts = _card_with_interview(services, clock)
    services.events.moved(app, new_starts_at=starts + timedelta(days=5), by=Mover.ME)
    assert _r6(services, app) == []
    other, _ = _card_with_interview(services, clock)
    services.events.moved(other, by=Mover.ME)
    assert _r6(services, other) == []


def test_a_new_time_before_the_question_would_be_due_plans_none(
    services: Services, clock: FixedClock
) -> None:
    app, _ = _card_with_interview(services, clock)
    services.events.moved(app, new_starts_at=clock.now() + timedelta(hours=3))
    assert _r6(services, app) == []

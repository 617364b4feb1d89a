"""Re-planning is idempotent: examples, then properties over random event histories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobhunt_desktop.domain.entities import (
    Application,
    Event,
    EventKind,
    FollowUp,
    FollowUpKind,
    FollowUpState,
)
from jobhunt_desktop.domain.planner import reconcile
from jobhunt_desktop.domain.rules import PlannedFollowUp
from jobhunt_desktop.domain.timeutil import zone
from tests.domain.factories import (
    APPLIED,
    INTERVIEWING,
    OFFER,
    REJECTED,
    app,
    event,
    interview,
    plan,
    sent,
)

TZ = zone("Europe/Berlin")
START = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)


class Store:
    """An in-memory stand-in for the follow-ups table, applying changes as the
    service does."""

    def __init__(self) -> None:
        self.rows: list[FollowUp] = []

    def apply(self, planned: list[PlannedFollowUp]) -> None:
        changes = reconcile(self.rows, planned)
        for p in changes.create:
            self.rows.append(
                FollowUp(
                    id=len(self.rows) + 1,
                    application_id=p.application_id,
                    key=p.key,
                    kind=p.kind,
                    rule=p.rule,
                    due_at=p.due_at,
                    zone=p.zone,
                    state=FollowUpState.PENDING,
                    remind_at=p.due_at,
                    reason=p.reason,
                    overdue_at=p.overdue_at,
                )
            )
        for current, p in changes.reschedule + changes.reopen:
            self._swap(
                current,
                replace(
                    current,
                    due_at=p.due_at,
                    reason=p.reason,
                    overdue_at=p.overdue_at,
                    state=FollowUpState.PENDING
                    if current.state is FollowUpState.SUPERSEDED
                    else current.state,
                ),
            )
        for current in changes.supersede:
            self._swap(current, replace(current, state=FollowUpState.SUPERSEDED))

    def _swap(self, old: FollowUp, new: FollowUp) -> None:
        self.rows[self.rows.index(old)] = new

    def open(self) -> list[FollowUp]:
        return [r for r in self.rows if r.state.is_open]


def test_planning_twice_changes_nothing() -> None:
    store = Store()
    events = [interview(START + timedelta(days=3), promised_by=date(2026, 3, 9))]
    store.apply(plan(app(INTERVIEWING), events))
    before = list(store.rows)
    assert reconcile(store.rows, plan(app(INTERVIEWING), events)).empty
    store.apply(plan(app(INTERVIEWING), events))
    assert store.rows == before


def test_sent_and_dismissed_are_kept_and_not_recreated() -> None:
    store = Store()
    application = app(APPLIED)
    store.apply(plan(application, []))
    [r5] = store.rows
    store._swap(r5, replace(r5, state=FollowUpState.DISMISSED))
    store.apply(plan(application, []))
    assert [r.state for r in store.rows] == [FollowUpState.DISMISSED]


def test_reason_gone_supersedes_and_coming_back_reopens() -> None:
    store = Store()
    iv = interview(START + timedelta(days=3))
    cancel = event(EventKind.INTERVIEW_CANCELLED, START + timedelta(days=2), related_event_id=iv.id)
    store.apply(plan(app(INTERVIEWING), [iv]))
    assert {r.rule for r in store.open()} == {"R1", "R2"}
    store.apply(plan(app(INTERVIEWING), [iv, cancel]))
    assert {r.rule for r in store.open()} == {"R6"}
    assert {r.rule for r in store.rows if r.state is FollowUpState.SUPERSEDED} == {"R1", "R2"}
    store.apply(plan(app(INTERVIEWING), [iv]))  # the cancellation was undone
    assert {r.rule for r in store.open()} == {"R1", "R2"}
    assert len(store.rows) == 3


def test_a_moved_interview_reschedules_rather_than_duplicates() -> None:
    store = Store()
    iv = interview(START + timedelta(days=3))
    store.apply(plan(app(INTERVIEWING), [iv]))
    move = event(
        EventKind.INTERVIEW_MOVED,
        START + timedelta(days=1),
        related_event_id=iv.id,
        new_starts_at=START + timedelta(days=5),
    )
    store.apply(plan(app(INTERVIEWING), [iv, move]))
    r1 = [r for r in store.rows if r.rule == "R1"]
    assert len(r1) == 1
    assert r1[0].due_at == START + timedelta(days=5, hours=3)


# Properties ---------------------------------------------------------------------

STAGES = [APPLIED, INTERVIEWING, OFFER, REJECTED]
KINDS = [
    EventKind.INTERVIEW,
    EventKind.INTERVIEW_MOVED,
    EventKind.INTERVIEW_CANCELLED,
    EventKind.REPLY,
    EventKind.REJECTION,
    EventKind.OFFER,
    EventKind.MESSAGE_SENT,
]


@st.composite
def histories(draw: st.DrawFn) -> tuple[Application, list[Event]]:
    """A card and a random sequence of events, each logged at or after its time,
    including interviews logged after the fact and promised dates already past."""
    stage = draw(st.sampled_from(STAGES))
    applied = START.date() + timedelta(days=draw(st.integers(-20, 5)))
    application = app(stage, applied_on=draw(st.sampled_from([applied, None])))
    events: list[Event] = []
    clock = START
    for number in range(draw(st.integers(0, 9))):
        clock += timedelta(hours=draw(st.integers(1, 24 * 12)))
        kind = draw(st.sampled_from(KINDS))
        late = timedelta(hours=draw(st.integers(0, 24 * 10)))
        interviews = [e for e in events if e.kind is EventKind.INTERVIEW]
        eid = 1000 + number
        if kind is EventKind.INTERVIEW:
            ahead = timedelta(hours=draw(st.integers(-24 * 5, 24 * 10)))
            promised = draw(
                st.none()
                | st.integers(-5, 20).map(lambda d, c=clock: (c + timedelta(days=d)).date())
            )
            events.append(
                interview(
                    clock + ahead,
                    recorded=max(clock, clock + ahead) + late,
                    id=eid,
                    round=draw(st.integers(1, 4)),
                    promised_by=promised,
                )
            )
        elif kind in (EventKind.INTERVIEW_MOVED, EventKind.INTERVIEW_CANCELLED):
            if not interviews:
                continue
            target = draw(st.sampled_from(interviews))
            new_start = None
            if kind is EventKind.INTERVIEW_MOVED and draw(st.booleans()):
                new_start = clock + timedelta(days=draw(st.integers(1, 10)))
            events.append(
                event(
                    kind,
                    clock,
                    recorded=clock + late,
                    id=eid,
                    related_event_id=target.id,
                    new_starts_at=new_start,
                )
            )
        elif kind is EventKind.OFFER:
            deadline = clock + timedelta(days=draw(st.integers(0, 14)))
            events.append(event(kind, clock, recorded=clock + late, id=eid, deadline_at=deadline))
        elif kind is EventKind.MESSAGE_SENT:
            fk = draw(st.sampled_from([None, *FollowUpKind]))
            events.append(sent(clock, fk, recorded=clock + late, id=eid))
        else:
            events.append(event(kind, clock, recorded=clock + late, id=eid))
    return application, events


@settings(max_examples=300, deadline=None)
@given(histories())
def test_replanning_after_every_event_never_duplicates(
    history: tuple[Application, list[Event]],
) -> None:
    application, events = history
    store = Store()
    for upto in range(len(events) + 1):
        now = events[upto - 1].recorded_at if upto else START
        seen = events[:upto]
        store.apply(plan(application, seen, now=now))
        store.apply(plan(application, seen, now=now))  # and again: a no-op
        keys = [r.key for r in store.rows]
        assert len(keys) == len(set(keys))
        open_chasers = [r for r in store.open() if r.kind.is_chaser]
        assert len(open_chasers) <= 1
        assert reconcile(store.rows, plan(application, seen, now=now)).empty


@settings(max_examples=300, deadline=None)
@given(histories())
def test_nothing_is_due_before_the_event_that_caused_it(
    history: tuple[Application, list[Event]],
) -> None:
    application, events = history
    for p in plan(application, events, now=START + timedelta(days=200)):
        assert p.cause_at is not None
        assert p.due_at >= p.cause_at
        if p.rule in ("R1", "R2", "R4"):
            [iv] = [e for e in events if e.id == int(p.key.split(":")[4])]
            assert p.due_at >= iv.occurred_at or any(
                e.kind is EventKind.INTERVIEW_MOVED for e in events
            )


@settings(max_examples=200, deadline=None)
@given(histories())
def test_r10_no_two_chasers_within_the_gap(history: tuple[Application, list[Event]]) -> None:
    application, events = history
    messages = [e.occurred_at for e in events if e.kind is EventKind.MESSAGE_SENT]
    for p in plan(application, events):
        if p.kind.is_chaser and messages:
            assert p.due_at >= max(messages) + timedelta(days=7) - timedelta(hours=1)

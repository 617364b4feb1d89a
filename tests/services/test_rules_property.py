"""Random sequences of moves, logs and undos keep the follow-up rules' promises: at most
one open offer notice per card, never dated before the card entered interviews; no
reply to a rejection before the rejection; at most one implied event of a kind per card;
an undo returns the open follow-ups and the events to what they were, and a redo to
what they became; no reminder is shown twice for the same time."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.services.container import Services
from tests.recording_notifier import RecordingNotifier

ZONE = "Europe/Berlin"
STAGES = (
    "Wishlist",
    "Applied",
    "Screening",
    "Interviewing",
    "Offer",
    "Accepted",
    "Rejected",
    "Ghosted/Withdrawn",
)
CARDS = 3

step = st.one_of(
    st.tuples(st.just("move"), st.integers(0, CARDS - 1), st.sampled_from(STAGES)),
    st.tuples(st.just("offer"), st.integers(0, CARDS - 1)),
    st.tuples(st.just("interview"), st.integers(0, CARDS - 1)),
    st.tuples(st.just("reply"), st.integers(0, CARDS - 1)),
    st.tuples(st.just("rejection"), st.integers(0, CARDS - 1)),
    st.tuples(st.just("wait"), st.integers(1, 72)),
)


def open_plan(services: Services, cards: list[int]) -> dict[int, list[tuple[object, ...]]]:
    plan: dict[int, list[tuple[object, ...]]] = {}
    for card in cards:
        chain = services.followups.chain(card)
        plan[card] = sorted(
            (f.key, f.state.value, f.due_at, f.snoozed_until) for f in chain if f.state.is_open
        )
    return plan


def stories(services: Services, cards: list[int]) -> dict[int, list[tuple[object, ...]]]:
    """Each card's events as they stand, implied ones marked."""
    return {
        card: [
            (e.id, e.kind, e.implied, e.occurred_at)
            for e in services.applications.story(card).events
        ]
        for card in cards
    }


def test_random_sequences_keep_the_rules_promises(tmp_path_factory: object) -> None:
    base = Path(str(tmp_path_factory.mktemp("rules")))  # type: ignore[attr-defined]
    template = base / "template.sqlite3"
    open_database(sqlite_url(template)).close()
    runs = [0]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(step, min_size=1, max_size=10))
    def run(steps: list[tuple[object, ...]]) -> None:
        runs[0] += 1
        path = base / f"run{runs[0]}.sqlite3"
        shutil.copy(template, path)
        db = open_database(sqlite_url(path))
        try:
            clock = FixedClock(parse_datetime("2026-03-02T09:00", ZONE))
            services = Services.create(db, clock, ZONE)
            cards = [
                services.applications.add(f"Co {n}", "Analyst", stage="Applied").id
                for n in range(CARDS)
            ]
            inbox = RecordingNotifier()
            shown: set[tuple[int, object]] = set()
            for action, *args in steps:
                _show_once(services, inbox, cards, shown)
                before = open_plan(services, cards)
                told = stories(services, cards)
                if action == "wait":
                    clock.advance(timedelta(hours=int(args[0])))  # type: ignore[call-overload]
                    continue
                card = cards[int(args[0])]  # type: ignore[call-overload]
                if action == "move":
                    done = services.applications.move([card], str(args[1]))
                    changes, states = done.changes, done.before
                elif action == "offer":
                    log = services.events.offer(card)
                    changes, states = log.changes, log.before
                elif action == "interview":
                    log = services.events.interview(card, clock.now() + timedelta(days=1))
                    changes, states = log.changes, log.before
                elif action == "rejection":
                    log = services.events.rejection(card, feedback="Not this time")
                    changes, states = log.changes, log.before
                else:
                    log = services.events.reply(card)
                    changes, states = log.changes, log.before
                _check_promises(services, cards)
                if changes:  # undo it: the open follow-ups are what they were; redo it
                    after = open_plan(services, cards)
                    undone = services.undo.put_back(states, changes.history)
                    assert open_plan(services, cards) == before, (action, args)
                    assert stories(services, cards) == told, (action, args)
                    services.undo.put_back(undone.value, changes.history, undone=False)
                    assert open_plan(services, cards) == after, (action, args)
        finally:
            db.close()

    run()


def _show_once(
    services: Services, inbox: RecordingNotifier, cards: list[int], shown: set[tuple[int, object]]
) -> None:
    """Run a reminder check: no follow-up is shown twice for the same reminder time and
    text (an undo or a re-plan that puts a shown one back must not show it again; an
    offer notice naming a further offer is news, and shown once more)."""
    times = {
        f.id: (f.remind_at, f.reason) for card in cards for f in services.followups.chain(card)
    }
    before = len(inbox.shown)
    services.reminders.check(inbox, "property")
    for notice in inbox.shown[before:]:
        for followup_id in notice.followup_ids:
            moment = (followup_id, times.get(followup_id))
            assert moment not in shown, moment
            shown.add(moment)


def _check_promises(services: Services, cards: list[int]) -> None:
    for card in cards:
        chain = services.followups.chain(card)
        notices = [f for f in chain if f.rule == "R8" and f.state.is_open]
        assert len(notices) <= 1, notices
        entered = services.applications.get(card).stage_entered_at
        assert entered is not None
        for notice in notices:
            assert notice.due_at >= entered  # never dated before the card was there
        events = services.applications.story(card).events
        for reply in (f for f in chain if f.rule == "R7" and f.state.is_open):
            rejected = [e.occurred_at for e in events if e.kind is EventKind.REJECTION]
            assert rejected and reply.due_at >= max(rejected)  # never before its cause
        implied = [e.kind for e in events if e.implied]
        assert len(implied) == len(set(implied)), implied  # one of each, never a second

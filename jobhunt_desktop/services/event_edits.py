"""Correcting and removing what was logged, as undoable operations the plan follows.

Kept apart from `events` (which logs new things); `EventService` offers both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobhunt_desktop.domain.entities import Event, EventKind, FollowUp, FollowUpState
from jobhunt_desktop.domain.event_edits import edited
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.repositories import (
    EventRepository,
    FollowUpRepository,
    HistoryRepository,
)
from jobhunt_desktop.services.base import Operation, Service
from jobhunt_desktop.services.event_text import summary
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.services.planning import replan_after


class EventEdits(Service):
    def events_of(self, application_id: int) -> list[Event]:
        """A card's events, oldest first (`events ID`)."""
        with self.db.read() as session:
            return EventRepository(session).for_application(application_id)

    def edit(self, event_id: int, changes: Mapping[str, Any]) -> Outcome[Event]:
        """Correct a logged event (its time, its details); one the move implied is
        logged from then on. The card's follow-ups are planned again from it."""
        now = self.now()
        with self.operation([], also=[lambda s: EventRepository(s).get(event_id)]) as op:
            session = op.session
            events = EventRepository(session)
            event = self._on_card(op, op.read[0])
            card = event.application_id
            fields = edited(event, changes)
            if not fields and not event.implied:
                return op.outcome(event)
            result = events.correct_soon(event, implied=False, **fields)
            if event.kind is EventKind.MESSAGE_SENT and "occurred_at" in fields:
                # the follow-up it answered was sent then too
                followups = FollowUpRepository(session)
                found = _answered(followups.for_application(card), event)
                if found is not None:
                    followups.set_sent_at(found.id, fields["occurred_at"])
            HistoryRepository(session).record(
                card, now, "corrected", event.kind.value, summary(event), summary(result)
            )
            replan_after(session, [card], self.settings_in(session), now)
        return op.outcome(result)

    def delete(self, event_id: int) -> Outcome[None]:
        """Remove a logged event (an interview with the moves and cancellations that
        named it); a message sent opens the follow-up it had answered again. The card
        stays where it is, whatever the event had said."""
        now = self.now()
        with self.operation([], also=[lambda s: EventRepository(s).get(event_id)]) as op:
            session = op.session
            events = EventRepository(session)
            event = self._on_card(op, op.read[0])
            card = event.application_id
            story = snapshots.stories(op.before.cards, {card}).get(card, [])
            gone = [event, *(e for e in story if e.related_event_id == event.id)]
            if event.kind is EventKind.MESSAGE_SENT:
                followups = FollowUpRepository(session)
                found = _answered(followups.for_application(card), event)
                if found is not None:
                    followups.clear_sent(found.id, now)
            events.delete_many(gone)
            HistoryRepository(session).record(
                card, now, "removed", event.kind.value, summary(event), None
            )
            replan_after(session, [card], self.settings_in(session), now)
        return op.outcome(None)

    def _on_card(self, op: Operation, event: Event) -> Event:
        """The event, with its card's state kept for undo before anything changes."""
        op.card_ids.append(event.application_id)
        op.before = self.states(op.session, op.card_ids, links=False)
        return event


def _answered(followups: list[FollowUp], message: Event) -> FollowUp | None:
    """The follow-up a sent message closed: sent at its time, of its kind."""
    return next(
        (
            f
            for f in followups
            if f.state is FollowUpState.SENT
            and f.sent_at == message.occurred_at
            and f.kind is message.followup_kind
        ),
        None,
    )

"""Logging what happened: interviews, employer moves, replies, rejections, offers and
messages sent. Each log re-plans the card's follow-ups in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from jobhunt_desktop.domain.changes import NOTHING, Changes
from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    Event,
    EventKind,
    FollowUpKind,
    Mover,
)
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.news import implied_to_fill
from jobhunt_desktop.domain.placement import stage_after_logging
from jobhunt_desktop.domain.rules import current_interviews
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    ContactRepository,
    EventRepository,
    FollowUpRepository,
    HistoryRepository,
    StageRepository,
)
from jobhunt_desktop.services.base import Operation
from jobhunt_desktop.services.event_edits import EventEdits
from jobhunt_desktop.services.event_text import clean, summary, summary_steps
from jobhunt_desktop.services.outcome import Outcome, States
from jobhunt_desktop.services.planning import replan_after

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A contact named while logging: an existing id, or the details of a new one."""

    id: int | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    role: ContactRole | None = None


@dataclass(frozen=True, slots=True)
class InterviewingElsewhere:
    """An application in interviews that R8 suggests telling about an offer."""

    application_id: int
    company: str
    title: str


@dataclass(frozen=True, slots=True)
class LogResult:
    """The event logged; what it changed and the card before and after (for undo)."""

    event: Event
    moved_to: str | None = None
    interviewing_elsewhere: tuple[InterviewingElsewhere, ...] = ()
    closed_followup_id: int | None = None  # the follow-up a sent message answered
    changes: Changes = NOTHING
    before: States = field(default_factory=States)

    @property
    def happened(self) -> bool:
        return bool(self.changes)


def _done(result: LogResult, op: Operation) -> LogResult:
    return replace(result, changes=op.changes, before=op.before)


# The fields of an `Event` beyond its kind and time, by name, as logged.
Details = dict[str, Any]


class EventService(EventEdits):
    """Logging what happened (here) and correcting or removing it (`EventEdits`)."""

    def interview(
        self,
        application_id: int,
        starts_at: datetime,
        ends_at: datetime | None = None,
        round: int | None = None,
        kind: str | None = None,
        location: str | None = None,
        interviewers: str | None = None,
        promised_by: date | None = None,
        next_steps: str | None = None,
        contact: ContactInput | None = None,
    ) -> LogResult:
        """Log an interview, past or scheduled; R1, R2, R3 and R4 follow from it."""
        end = ends_at or starts_at + timedelta(hours=1)
        if end < starts_at:
            raise UserError("the interview cannot end before it starts")
        if round is not None and not 1 <= round <= 20:
            raise UserError("the round must be between 1 and 20")
        with self.operation([application_id]) as op:
            session = op.session
            if round is None:  # from the card's events as the operation read them
                story = snapshots.stories(op.before.cards, {application_id})
                past = [e for e in story.get(application_id, ()) if e.kind is EventKind.INTERVIEW]
                round = len(past) + 1
            details = Details(
                ends_at=end,
                round=round,
                interview_kind=clean(kind),
                location=clean(location),
                interviewers=clean(interviewers),
                promised_by=promised_by,
                next_steps=clean(next_steps),
                contact_id=self._contact(session, application_id, contact),
            )
            result = self._log(
                op, application_id, EventKind.INTERVIEW, starts_at, details, StageKind.ACTIVE
            )
        return _done(result, op)

    def record_next_steps(
        self,
        interview_id: int,
        promised_by: date | None = None,
        next_steps: str | None = None,
        contact: ContactInput | None = None,
    ) -> Outcome[Event]:
        """R2's answer: when they will reply, how, and who to contact."""
        now = self.now()
        with self.operation([], also=[lambda s: EventRepository(s).get(interview_id)]) as op:
            session = op.session
            events = EventRepository(session)
            event = op.read[0]
            if event.kind not in (EventKind.INTERVIEW, EventKind.REPLY):
                raise UserError(f"event {interview_id} is not an interview or a reply")
            card = event.application_id
            op.card_ids.append(card)
            op.before = self.states(session, op.card_ids)
            details = Details()
            if promised_by is not None:
                details["promised_by"] = promised_by
            if next_steps is not None:
                details["next_steps"] = clean(next_steps)
            contact_id = self._contact(session, card, contact)
            if contact_id is not None:
                details["contact_id"] = contact_id
            event = events.correct_soon(event, **details)
            HistoryRepository(session).record(
                card, now, "next_steps", event.kind.value, None, summary_steps(event)
            )
            replan_after(session, [card], self.settings_in(session), now)
        return op.outcome(event)

    def moved(
        self,
        application_id: int,
        interview_id: int | None = None,
        new_starts_at: datetime | None = None,
        new_ends_at: datetime | None = None,
        at: datetime | None = None,
        notes: str | None = None,
        by: Mover = Mover.EMPLOYER,
    ) -> LogResult:
        """An interview moved. One the employer moved calls for a question (R6): what
        changed, or, with a new time already known, a confirmation of it; one the user
        asked to move calls for none."""
        if new_ends_at is not None and new_starts_at is not None and new_ends_at < new_starts_at:
            raise UserError("the interview cannot end before it starts")
        with self.operation([application_id]) as op:
            session = op.session
            target = self._interview(session, application_id, interview_id)
            details = Details(
                related_event_id=target,
                new_starts_at=new_starts_at,
                new_ends_at=new_ends_at,
                notes=clean(notes),
                moved_by=by,
            )
            result = self._log(
                op, application_id, EventKind.INTERVIEW_MOVED, at or self.now(), details
            )
        return _done(result, op)

    def cancelled(
        self,
        application_id: int,
        interview_id: int | None = None,
        at: datetime | None = None,
        notes: str | None = None,
    ) -> LogResult:
        with self.operation([application_id]) as op:
            session = op.session
            target = self._interview(session, application_id, interview_id)
            details = Details(related_event_id=target, notes=clean(notes))
            result = self._log(
                op, application_id, EventKind.INTERVIEW_CANCELLED, at or self.now(), details
            )
        return _done(result, op)

    def reply(
        self,
        application_id: int,
        at: datetime | None = None,
        promised_by: date | None = None,
        next_steps: str | None = None,
        notes: str | None = None,
        contact: ContactInput | None = None,
    ) -> LogResult:
        """The employer answered: the chase restarts from here (R13)."""
        with self.operation([application_id]) as op:
            session = op.session
            details = Details(
                promised_by=promised_by,
                next_steps=clean(next_steps),
                notes=clean(notes),
                contact_id=self._contact(session, application_id, contact),
            )
            result = self._log(op, application_id, EventKind.REPLY, at or self.now(), details)
        return _done(result, op)

    def rejection(
        self,
        application_id: int,
        at: datetime | None = None,
        feedback: str | None = None,
    ) -> LogResult:
        """A rejection closes the card (R7 then drafts a gracious reply)."""
        with self.operation([application_id]) as op:
            result = self._log(
                op,
                application_id,
                EventKind.REJECTION,
                at or self.now(),
                Details(feedback=clean(feedback)),
                StageKind.CLOSED_LOST,
                ClosedReason.REJECTED,
            )
        return _done(result, op)

    def offer(
        self,
        application_id: int,
        at: datetime | None = None,
        deadline_at: datetime | None = None,
        notes: str | None = None,
    ) -> LogResult:
        """An offer; per R8 the result lists the other applications in interviews.

        Nothing else is closed: the search goes on until the user accepts (R12).
        """
        with self.operation([application_id]) as op:
            details = Details(deadline_at=deadline_at, notes=clean(notes))
            result = self._log(
                op,
                application_id,
                EventKind.OFFER,
                at or self.now(),
                details,
                StageKind.OFFER,
                elsewhere=True,
            )
        return _done(result, op)

    def interviewing_elsewhere(self, application_id: int) -> list[InterviewingElsewhere]:
        """R8: the other applications in interview stages, to tell about an offer."""
        with self.db.read() as session:
            return self._interviewing_elsewhere(session, application_id)

    def sent(
        self,
        application_id: int,
        subject: str | None = None,
        body: str | None = None,
        kind: FollowUpKind | None = None,
        followup_id: int | None = None,
        at: datetime | None = None,
    ) -> LogResult:
        """A message went out. It closes the follow-up it answers, if any, so the
        chain moves on (R10) instead of asking again."""
        now = self.now()
        with self.operation([application_id]) as op:
            session = op.session
            followups = FollowUpRepository(session)
            target = None
            if followup_id is not None:
                target = followups.get(followup_id)
                if target.application_id != application_id:
                    raise UserError(f"follow-up {followup_id} belongs to another application")
            else:
                # A message of a given kind answers the open follow-up of that kind;
                # one of no stated kind answers whichever message was due first.
                candidates = [
                    f
                    for f in followups.for_application(application_id)
                    if f.state.is_open
                    and f.kind.is_message
                    and (f.kind is kind if kind is not None else f.remind_at <= now)
                ]
                candidates.sort(key=lambda f: (f.remind_at, f.id))
                if candidates:
                    target = candidates[0]
            if target is not None and kind is None:
                kind = target.kind
            sent_at = at or now
            details = Details(
                subject=clean(subject),
                body=body if body and body.strip() else None,
                followup_kind=kind or FollowUpKind.NOTE,
            )
            if target is not None:
                followups.record_sent(target.id, now, sent_at, details["subject"], details["body"])
            result = self._log(op, application_id, EventKind.MESSAGE_SENT, sent_at, details)
            closed = target.id if target is not None else None
        return _done(replace(result, closed_followup_id=closed), op)

    def unsend(self, event_id: int, followup_id: int | None = None) -> Changes:
        """Undo `sent`: the message event goes, the follow-up it answered is open again,
        and the chain is planned as if it had never been sent."""
        now = self.now()
        with self.db.write() as session:
            events = EventRepository(session)
            event = events.get(event_id)
            if event.kind is not EventKind.MESSAGE_SENT:
                raise UserError(f"event {event_id} is not a sent message")
            application_id = event.application_id
            if followup_id is not None:
                followups = FollowUpRepository(session)
                if followups.get(followup_id).application_id != application_id:
                    raise UserError(f"follow-up {followup_id} belongs to another application")
                followups.clear_sent(followup_id, now)
            events.delete(event_id)
            HistoryRepository(session).record(
                application_id, now, "removed", event.kind.value, summary(event), None
            )
            replan_after(session, [application_id], self.settings_in(session), now)
        return written(session)

    # helpers -------------------------------------------------------------------

    def _log(
        self,
        op: Operation,
        application_id: int,
        kind: EventKind,
        occurred_at: datetime,
        details: Details,
        move_to: StageKind | None = None,
        closed_reason: ClosedReason | None = None,
        elsewhere: bool = False,
    ) -> LogResult:
        """Log an event on a card, from the card as the operation read it: the event,
        the card's new place and the re-plan's reads go to a server together, and
        with them, `elsewhere`, the other cards in interviews (R8, for an offer)."""
        now = self.now()
        session = op.session
        settings = self.settings_in(session)
        apps = ApplicationRepository(session)
        events = EventRepository(session)
        known = snapshots.card_rows(op.before.cards)
        if application_id not in known:
            apps.get(application_id)  # says it is gone (NotFoundError)
        (card,), _ = apps.present([application_id], known)
        stages = StageRepository(session)
        current = stages.get(card.stage_id)
        story = snapshots.stories(op.before.cards, {application_id}).get(application_id, [])
        implied = implied_to_fill(kind, story)
        soon = None
        if implied is not None:  # the move said it happened; now it is told how
            event = events.fill_in_soon(implied, occurred_at, **details)
        else:
            zone = settings.time_zone
            soon = events.add_soon(application_id, kind, occurred_at, now, zone, **details)
            event = soon.says
        history = HistoryRepository(session)
        history.record(application_id, now, "logged", event.kind.value, None, summary(event))
        target = stage_after_logging(current.kind, move_to, stages.all())
        place: dict[str, object] = {"updated_at": now}
        if target is not None:
            history.record(application_id, now, "moved", "stage", current.name, target.name)
            place["stage_entered_at"] = now
            was = known[application_id].get("closed_reason")
            if closed_reason and was != closed_reason:
                history.record(
                    application_id,
                    now,
                    "edited",
                    "closed_reason",
                    None if was is None else ClosedReason(was).value,
                    closed_reason.value,
                )
                place["closed_reason"] = closed_reason
            apps.place_at_end(application_id, target.id, place, were=[card])
        else:
            apps.place(application_id, **place)
        also = [lambda: self._interviewing_elsewhere(session, application_id)] if elsewhere else []
        others = replan_after(session, [application_id], settings, now, also)  # with the event
        if soon is not None:
            event = soon.stored()
        moved_to = target.name if target is not None else None
        return LogResult(event, moved_to, tuple(others[0]) if others else ())

    def _interview(self, session: Session, application_id: int, interview_id: int | None) -> int:
        events = EventRepository(session).for_application(application_id)
        if interview_id is not None:
            if not any(e.id == interview_id and e.kind is EventKind.INTERVIEW for e in events):
                raise NotFoundError(
                    f"application {application_id} has no interview with id {interview_id}"
                )
            return interview_id
        scheduled = [i for i in current_interviews(events) if not i.cancelled]
        if not scheduled:
            raise UserError(f"application {application_id} has no interview to move or cancel")
        return scheduled[-1].event.id

    def _contact(
        self, session: Session, application_id: int, given: ContactInput | None
    ) -> int | None:
        """The contact named while logging: linked to the card, its details updated;
        one of that name already on the card is used rather than a second made."""
        if given is None:
            return None
        contacts = ContactRepository(session)
        if given.id is not None:
            found = contacts.get(given.id)
        else:
            name = clean(given.name)
            if name is None:
                raise UserError("a contact needs a name")
            found = contacts.on_card(application_id, name) or contacts.add(
                application_id, {"name": name}, self.now()
            )
        details: dict[str, object] = {}
        if given.email is not None:
            details["email"] = clean(given.email)
        if given.phone is not None:
            details["phone"] = clean(given.phone)
        if given.role is not None:
            details["role"] = given.role
        if details:
            contacts.update(found.id, details)
        contacts.link(application_id, found.id)
        return found.id

    def _interviewing_elsewhere(
        self, session: Session, application_id: int
    ) -> list[InterviewingElsewhere]:
        return [
            InterviewingElsewhere(other, company, title)
            for other, company, title in ApplicationRepository(session).named_in_stage_kinds(
                [StageKind.ACTIVE]
            )
            if other != application_id
        ]

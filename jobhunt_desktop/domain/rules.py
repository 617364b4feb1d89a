"""The follow-up rules R1 to R13: which reminders an application calls for, and when.

Every function here is pure: the facts, the settings and "now" go in, planned
follow-ups come out. Each planned follow-up carries a stable key naming what caused
it, so planning again after any change finds the same reminders instead of new ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from jobhunt_desktop.domain.entities import (
    Application,
    ClosedReason,
    Event,
    EventKind,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Mover,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.timeutil import (
    add_business_days,
    add_local_days,
    at_local,
    day_at,
    end_of_local_day,
    local_date,
)


@dataclass(frozen=True, slots=True)
class PlannedFollowUp:
    """A reminder the rules ask for; `key` says what caused it, once and for all."""

    key: str
    application_id: int | None
    kind: FollowUpKind
    rule: str
    due_at: datetime
    zone: str
    reason: str
    overdue_at: datetime | None = None
    cause_at: datetime | None = None
    # When the newest fact it tells of became known: a reminder shown before that is
    # shown again (an offer notice that now names a further offer).
    news_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OfferElsewhere:
    """An open offer on another application, which R8 suggests mentioning here."""

    application_id: int
    company: str
    title: str
    event_id: int
    received_at: datetime
    deadline_at: datetime | None
    known_at: datetime | None = None  # when it was recorded (a move or a log)


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """What a card's own rules read. No rule reads its tags or contacts, so planning
    loads the card without them; a rule that comes to need them must load them."""

    application: Application
    events: tuple[Event, ...]
    offers_elsewhere: tuple[OfferElsewhere, ...] = ()
    offer_notice_sent_at: datetime | None = None  # the last offer notice sent from it


@dataclass(frozen=True, slots=True)
class Interview:
    """An interview as it stands after every move or cancellation the employer made."""

    event: Event
    starts_at: datetime | None
    ends_at: datetime | None
    cancelled: bool

    @property
    def scheduled(self) -> bool:
        return not self.cancelled and self.starts_at is not None and self.ends_at is not None


def _fmt_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _fmt_instant(instant: datetime, zone_name: str) -> str:
    return _fmt_day(local_date(instant, zone_name))


def current_interviews(events: Sequence[Event]) -> list[Interview]:
    """Apply each move and cancellation to the interview it names.

    A move with no new time leaves the interview unscheduled until the user logs one.
    """
    by_id = {
        e.id: Interview(e, e.occurred_at, e.end, False)
        for e in events
        if e.kind is EventKind.INTERVIEW
    }
    changes = (e for e in events if e.related_event_id in by_id)
    for event in sorted(changes, key=lambda e: (e.recorded_at, e.id)):
        if event.related_event_id in by_id:
            current = by_id[event.related_event_id]
            if event.kind is EventKind.INTERVIEW_CANCELLED:
                by_id[current.event.id] = Interview(current.event, None, None, True)
            elif event.kind is EventKind.INTERVIEW_MOVED:
                starts = event.new_starts_at
                length = current.event.end - current.event.occurred_at
                ends = None if starts is None else event.new_ends_at or starts + length
                by_id[current.event.id] = Interview(current.event, starts, ends, False)
    return sorted(by_id.values(), key=lambda i: (i.ends_at or i.event.occurred_at, i.event.id))


def _day_at_reminder(day: date, settings: Settings) -> datetime:
    return at_local(day, settings.reminder_time, settings.time_zone)


def _not_before(due: datetime, cause: datetime) -> datetime:
    return due if due >= cause else cause


def _plan(
    app_id: int,
    key: str,
    kind: FollowUpKind,
    rule: str,
    due: datetime,
    cause: datetime,
    settings: Settings,
    reason: str,
    overdue_at: datetime | None = None,
) -> PlannedFollowUp:
    return PlannedFollowUp(
        key=f"app:{app_id}:{rule}:{key}",
        application_id=app_id,
        kind=kind,
        rule=rule,
        due_at=_not_before(due, cause),
        zone=settings.time_zone,
        reason=reason,
        overdue_at=overdue_at,
        cause_at=cause,
    )


def thank_you_notes(
    app: Application, interviews: Sequence[Interview], events: Sequence[Event], s: Settings
) -> list[PlannedFollowUp]:
    """R1: a thank-you the same day, a couple of hours after each interview ends."""
    planned: list[PlannedFollowUp] = []
    thanks_sent = [
        e
        for e in events
        if e.kind is EventKind.MESSAGE_SENT and e.followup_kind is FollowUpKind.THANK_YOU
    ]
    for interview in interviews:
        if not interview.scheduled or interview.ends_at is None:
            continue
        end = interview.ends_at
        if interview.event.recorded_at > end + timedelta(days=s.r1_skip_after_days):
            continue  # logged long after the fact: a thank-you would be odd by now
        if any(e.occurred_at >= end for e in thanks_sent):
            continue
        due = min(end + timedelta(hours=s.r1_delay_hours), end_of_local_day(end, s.time_zone))
        planned.append(
            _plan(
                app.id,
                f"interview:{interview.event.id}",
                FollowUpKind.THANK_YOU,
                "R1",
                due,
                end,
                s,
                f"Interview on {_fmt_instant(end, s.time_zone)}",
                overdue_at=end + timedelta(hours=s.r1_overdue_hours),
            )
        )
    return planned


def next_steps_prompts(
    app: Application, interviews: Sequence[Interview], events: Sequence[Event], s: Settings
) -> list[PlannedFollowUp]:
    """R2: ask for the next steps (when, how, who) until they are written down.

    Only for the latest conversation: once the employer has moved on (another round,
    a reply, an offer, a rejection), the old next steps no longer matter.
    """
    planned: list[PlannedFollowUp] = []
    for interview in interviews:
        event = interview.event
        if not interview.scheduled or interview.ends_at is None:
            continue
        end = interview.ends_at
        if any(
            other.id != event.id
            and other.kind
            in (EventKind.INTERVIEW, EventKind.REPLY, EventKind.OFFER, EventKind.REJECTION)
            and other.occurred_at > end
            for other in events
        ):
            continue
        if event.promised_by is not None or (event.next_steps or "").strip():
            continue
        cause = max(event.recorded_at, interview.ends_at)
        planned.append(
            _plan(
                app.id,
                f"interview:{event.id}",
                FollowUpKind.RECORD_NEXT_STEPS,
                "R2",
                cause,
                cause,
                s,
                f"Next steps after the interview on {_fmt_instant(interview.ends_at, s.time_zone)}",
            )
        )
    return planned


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The employer's latest move, from which the chase is timed (R13 resets it)."""

    key: str
    at: datetime
    event: Event | None
    interview: Interview | None = None


_ANCHOR_KINDS = (
    EventKind.REPLY,
    EventKind.REJECTION,
    EventKind.OFFER,
    EventKind.INTERVIEW_CANCELLED,
)


def _latest_anchor(
    app: Application, events: Sequence[Event], interviews: Sequence[Interview]
) -> _Anchor | None:
    candidates: list[_Anchor] = []
    for interview in interviews:
        if interview.scheduled and interview.ends_at is not None:
            candidates.append(
                _Anchor(f"interview:{interview.event.id}", interview.ends_at, None, interview)
            )
    for event in events:
        unscheduled = (
            event.kind is EventKind.INTERVIEW_MOVED
            and event.new_starts_at is None
            and by_employer(event)
        )
        if event.kind in _ANCHOR_KINDS or unscheduled:
            candidates.append(_Anchor(f"{event.kind.value}:{event.id}", event.occurred_at, event))
    if candidates:
        return max(candidates, key=lambda a: (a.at, a.key))
    return None


def _chase_base(
    app: Application, anchor: _Anchor | None, s: Settings
) -> tuple[FollowUpKind, str, datetime, datetime, str] | None:
    """What the first chaser after the anchor is: (kind, rule, due, cause, reason)."""
    if anchor is None:
        if app.applied_on is None:
            return None
        due = _day_at_reminder(app.applied_on + timedelta(days=s.r5_days), s)
        return (
            FollowUpKind.APPLICATION_CHECK,
            "R5",
            due,
            at_local(app.applied_on, datetime.min.time(), s.time_zone),
            f"No news since applying on {_fmt_day(app.applied_on)}",
        )
    if anchor.interview is not None:
        interview = anchor.interview
        end = anchor.at
        promised = interview.event.promised_by
        if promised is not None:
            due = _day_at_reminder(add_business_days(promised, s.r3_business_days), s)
            return (
                FollowUpKind.STATUS_INQUIRY,
                "R3",
                due,
                end,
                f"They promised an answer by {_fmt_day(promised)}",
            )
        if (interview.event.round or 1) >= 2:
            return (
                FollowUpKind.ROUND_FOLLOW_UP,
                "R4",
                add_local_days(end, s.r4_days, s.time_zone),
                end,
                f"Round {interview.event.round} on {_fmt_instant(end, s.time_zone)}, "
                "no answer date given",
            )
        return None
    event = anchor.event
    assert event is not None
    if event.kind is EventKind.REPLY:
        if event.promised_by is not None:
            due = _day_at_reminder(add_business_days(event.promised_by, s.r3_business_days), s)
            return (
                FollowUpKind.STATUS_INQUIRY,
                "R3",
                due,
                event.occurred_at,
                f"They promised an answer by {_fmt_day(event.promised_by)}",
            )
        day = local_date(event.occurred_at, s.time_zone)
        return (
            FollowUpKind.APPLICATION_CHECK,
            "R5",
            _day_at_reminder(day + timedelta(days=s.r5_days), s),
            event.occurred_at,
            f"No news since their reply on {_fmt_day(day)}",
        )
    if event.kind in (EventKind.INTERVIEW_MOVED, EventKind.INTERVIEW_CANCELLED):
        day = local_date(event.occurred_at, s.time_zone)
        verb = "moved" if event.kind is EventKind.INTERVIEW_MOVED else "cancelled"
        return (
            FollowUpKind.RESCHEDULE_INQUIRY,
            "R6",
            _r6_due(event, s),
            event.occurred_at,
            f"They {verb} the interview on {_fmt_day(day)}",
        )
    return None  # a rejection or an offer: nothing to chase


def by_employer(event: Event) -> bool:
    """A move of an interview the user asked for calls for no question (R6)."""
    return event.moved_by is not Mover.ME


def _r6_due(event: Event, s: Settings) -> datetime:
    day = local_date(event.occurred_at, s.time_zone)
    return _day_at_reminder(day + timedelta(days=s.r6_days), s)


def new_time_questions(
    app: Application, events: Sequence[Event], s: Settings
) -> list[PlannedFollowUp]:
    """R6 when the employer moved an interview to a time already known: confirm it and
    ask whether anything else changed, unless the new time comes first. Only the
    latest change to each interview counts (a later move or a cancellation wins). It
    asks for no news, so it is no chaser: the chase after the interview goes on."""
    if app.is_closed:
        return []
    latest: dict[int, Event] = {}
    for event in events:
        if event.related_event_id is not None and event.kind in (
            EventKind.INTERVIEW_MOVED,
            EventKind.INTERVIEW_CANCELLED,
        ):
            held = latest.get(event.related_event_id)
            if held is None or (event.recorded_at, event.id) > (held.recorded_at, held.id):
                latest[event.related_event_id] = event
    planned = []
    for event in latest.values():
        if (
            event.kind is not EventKind.INTERVIEW_MOVED
            or event.new_starts_at is None
            or not by_employer(event)
        ):
            continue
        due = _r6_due(event, s)
        if event.new_starts_at <= due:
            continue  # the interview itself comes first: nothing to ask beforehand
        day = local_date(event.occurred_at, s.time_zone)
        when = _fmt_instant(event.new_starts_at, s.time_zone)
        planned.append(
            _plan(
                app.id,
                f"moved:{event.id}",
                FollowUpKind.RESCHEDULE_CONFIRM,
                "R6",
                due,
                event.occurred_at,
                s,
                f"They moved the interview to {when} on {_fmt_day(day)}",
            )
        )
    return planned


def chasers(
    app: Application, events: Sequence[Event], interviews: Sequence[Interview], s: Settings
) -> list[PlannedFollowUp]:
    """R3, R4, R5 and R6 under R10 and R13: ask for news, but never pester.

    The chase restarts at the employer's latest move (R13). After each unanswered
    chaser the next one waits the R10 gap; after the last allowed one the app stops
    and suggests closing the application instead.
    """
    if app.is_closed or app.stage.kind is StageKind.OFFER:
        return []
    anchor = _latest_anchor(app, events, interviews)
    base = _chase_base(app, anchor, s)
    if base is None:
        return []
    kind, rule, due, cause, reason = base
    anchor_key = anchor.key if anchor is not None else "applied"
    since = anchor.at if anchor is not None else cause
    sent = sorted(
        (
            e
            for e in events
            if e.kind is EventKind.MESSAGE_SENT
            and e.occurred_at >= since
            and (e.followup_kind is None or e.followup_kind.is_chaser)
        ),
        key=lambda e: e.occurred_at,
    )
    last_message = max(
        (e.occurred_at for e in events if e.kind is EventKind.MESSAGE_SENT), default=None
    )
    gap = timedelta(days=s.r10_gap_days)
    if len(sent) >= s.r10_max_unanswered:
        last = sent[-1].occurred_at
        return [
            _plan(
                app.id,
                f"{anchor_key}:closing",
                FollowUpKind.CONSIDER_CLOSING,
                "R10",
                add_local_days(last, s.r10_gap_days, s.time_zone),
                last,
                s,
                f"{len(sent)} follow-ups without an answer; mark it ghosted or closed?",
            )
        ]
    if sent:
        due = max(due, add_local_days(sent[-1].occurred_at, s.r10_gap_days, s.time_zone))
        reason = f"{reason}; follow-up {len(sent) + 1} of {s.r10_max_unanswered}"
    if last_message is not None and due < last_message + gap:
        due = add_local_days(last_message, s.r10_gap_days, s.time_zone)
    return [_plan(app.id, f"{anchor_key}:{len(sent) + 1}", kind, rule, due, cause, s, reason)]


def rejection_replies(
    app: Application, events: Sequence[Event], s: Settings
) -> list[PlannedFollowUp]:
    """R7: the day after a rejection, reply with thanks, ask for feedback and leads."""
    if app.archived:
        return []
    rejections = [e for e in events if e.kind is EventKind.REJECTION]
    if not rejections:
        return []
    event = max(rejections, key=lambda e: (e.occurred_at, e.id))
    day = local_date(event.occurred_at, s.time_zone)
    return [
        _plan(
            app.id,
            f"rejection:{event.id}",
            FollowUpKind.REJECTION_REPLY,
            "R7",
            _day_at_reminder(day + timedelta(days=s.r7_days), s),
            event.occurred_at,
            s,
            f"Rejected on {_fmt_day(day)}",
        )
    ]


def offer_deadlines(
    app: Application, events: Sequence[Event], s: Settings
) -> list[PlannedFollowUp]:
    """R9: a reminder some days before an offer's decision deadline."""
    if app.is_closed:
        return []
    offers = [e for e in events if e.kind is EventKind.OFFER and e.deadline_at is not None]
    if not offers:
        return []
    event = max(offers, key=lambda e: (e.occurred_at, e.id))
    assert event.deadline_at is not None
    deadline_day = local_date(event.deadline_at, s.time_zone)
    due = _day_at_reminder(deadline_day - timedelta(days=s.r9_days_before), s)
    return [
        _plan(
            app.id,
            f"offer:{event.id}",
            FollowUpKind.OFFER_DEADLINE,
            "R9",
            min(due, event.deadline_at),
            event.occurred_at,
            s,
            f"Offer decision due {_fmt_day(deadline_day)}",
        )
    ]


def offer_notices(
    app: Application,
    offers: Sequence[OfferElsewhere],
    s: Settings,
    now: datetime,
    sent_at: datetime | None = None,
) -> list[PlannedFollowUp]:
    """R8: while another employer's offer is open, tell this one (in interviews)."""
    if app.is_closed or app.stage.kind is not StageKind.ACTIVE:
        return []
    return offer_notices_for(app.id, app.stage_entered_at, offers, s, now, sent_at)


def offer_notices_for(
    application_id: int,
    entered_at: datetime | None,
    offers: Sequence[OfferElsewhere],
    s: Settings,
    now: datetime,
    sent_at: datetime | None = None,
) -> list[PlannedFollowUp]:
    """R8 for a card known to be in interviews: one notice, naming every open offer
    that arrived since the last notice was sent (`sent_at`). A further offer updates
    the open notice (its key, its due time and so its snooze stay: they come from the
    first offer it names) and it is shown again, for the new offer only; once sent, a
    later offer brings a new notice of its own.
    Due when the offer arrived or when the card entered interviews, whichever is later:
    never dated before the card was there. An offer arrived when it was received, or
    when the app learned of it if that was sooner (a drag into Offer, filled in later
    with a time of that same day, is no later an offer)."""
    news = [
        o
        for o in offers_in_arrival_order(offers, now)
        if o.application_id != application_id and (sent_at is None or _known(o) > sent_at)
    ]
    if not news:
        return []
    first = news[0]
    arrived = _arrived(first)
    due = arrived if entered_at is None else max(arrived, entered_at)
    named = [f"{o.company} ({o.title})" for o in news]
    reason = ("Offer from " if len(news) == 1 else "Offers from ") + _and_list(named)
    notice = _plan(
        application_id,
        f"offer:{first.event_id}",
        FollowUpKind.OFFER_NOTICE,
        "R8",
        due,
        due,
        s,
        reason,
    )
    return [replace(notice, news_at=max(_known(o) for o in news))]


class OffersInOrder(tuple[OfferElsewhere, ...]):
    """Open offers in the order they arrived: sorted once for a sweep over many cards."""


def offers_in_arrival_order(offers: Sequence[OfferElsewhere], now: datetime) -> OffersInOrder:
    """The offers still open (deadline not passed), in the order they arrived."""
    if isinstance(offers, OffersInOrder):
        return offers
    open_ones = (o for o in offers if o.deadline_at is None or o.deadline_at > now)
    return OffersInOrder(sorted(open_ones, key=lambda o: (_arrived(o), o.event_id)))


def _known(offer: OfferElsewhere) -> datetime:
    return offer.known_at or offer.received_at


def _arrived(offer: OfferElsewhere) -> datetime:
    return min(offer.received_at, _known(offer))


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def plan_application(facts: ApplicationFacts, s: Settings, now: datetime) -> list[PlannedFollowUp]:
    """Every follow-up one application calls for right now (R1 to R10, R13)."""
    app = facts.application
    if app.archived:
        return []
    events = sorted(facts.events, key=lambda e: (e.occurred_at, e.id))
    interviews = current_interviews(events)
    planned: list[PlannedFollowUp] = []
    if not app.is_closed:
        planned += thank_you_notes(app, interviews, events, s)
        planned += next_steps_prompts(app, interviews, events, s)
        planned += new_time_questions(app, events, s)
    planned += chasers(app, events, interviews, s)
    planned += rejection_replies(app, events, s)
    planned += offer_deadlines(app, events, s)
    planned += offer_notices(app, facts.offers_elsewhere, s, now, facts.offer_notice_sent_at)
    return planned


def is_counted_active(app: Application) -> bool:
    """R12 counts applications that are out there and not yet decided."""
    if app.is_closed:
        return False
    if app.stage.kind is StageKind.OPEN:
        return app.applied_on is not None
    return True


R12_EVERY = timedelta(days=7)


def keep_applying(
    active_count: int,
    offer_accepted: bool,
    s: Settings,
    now: datetime,
    previous: Sequence[FollowUp] = (),
) -> list[PlannedFollowUp]:
    """R12: while no offer is accepted and fewer applications than the minimum are under
    way, a nudge to keep applying. The first comes 7 days after the count fell below
    the minimum (or after the first card); the next 7 days after the last one was done
    with, on a day not yet over, so none is born late and no two come within 7 days.
    `previous` are the R12 follow-ups planned so far; one still open keeps its day."""
    if offer_accepted or active_count >= s.r12_min_active:
        return []
    latest = max(previous, key=lambda f: (f.due_at, f.id), default=None)
    if latest is not None and latest.state.is_open:
        due = latest.due_at
    elif latest is not None and latest.state is not FollowUpState.SUPERSEDED:
        due = add_local_days(latest.due_at, R12_EVERY.days, s.time_zone)
        today = local_date(now, s.time_zone)
        while local_date(due, s.time_zone) < today:
            due = add_local_days(due, R12_EVERY.days, s.time_zone)
    else:  # the first, or the count has just fallen below the minimum again
        due = day_at(now, R12_EVERY.days, s.reminder_time, s.time_zone)
    plural = "application is" if active_count == 1 else "applications are"
    return [
        PlannedFollowUp(
            key=f"R12:{local_date(due, s.time_zone).isoformat()}",
            application_id=None,
            kind=FollowUpKind.KEEP_APPLYING,
            rule="R12",
            due_at=due,
            zone=s.time_zone,
            reason=f"Only {active_count} {plural} active; aim for {s.r12_min_active}",
        )
    ]


@dataclass(frozen=True, slots=True)
class PastApplication:
    """What R11 needs to know of an earlier application."""

    application_id: int
    company: str
    title: str
    rejected_at: datetime | None
    closed_reason: ClosedReason | None


def company_key(name: str) -> str:
    """How company names are compared: case, spacing and common suffixes do not count."""
    words = name.casefold().replace(",", " ").replace(".", " ").split()
    suffixes = {"inc", "ltd", "llc", "gmbh", "ag", "sa", "plc", "corp", "co", "bv", "limited"}
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


def recent_rejections(
    company: str, earlier: Iterable[PastApplication], s: Settings, now: datetime
) -> list[PastApplication]:
    """R11: earlier applications at this company that were rejected recently."""
    key = company_key(company)
    horizon = now - timedelta(days=round(s.r11_months * 30.44))
    return sorted(
        (
            past
            for past in earlier
            if company_key(past.company) == key
            and past.rejected_at is not None
            and past.rejected_at >= horizon
        ),
        key=lambda p: p.rejected_at or now,
        reverse=True,
    )

"""What the app knows about a job hunt, as plain values the rules can reason about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from jobhunt_desktop.domain.errors import UserError

# ClosedReason is at home in stages (a stage says why its cards are closed); re-exported.
from jobhunt_desktop.domain.stages import ClosedReason as ClosedReason
from jobhunt_desktop.domain.stages import Stage


class WorkMode(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class SalaryPeriod(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    HOUR = "hour"


class ContactRole(StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    REFERRER = "referrer"
    OTHER = "other"


class EventKind(StrEnum):
    INTERVIEW = "interview"
    INTERVIEW_MOVED = "moved"
    INTERVIEW_CANCELLED = "cancelled"
    REPLY = "reply"
    REJECTION = "rejection"
    OFFER = "offer"
    MESSAGE_SENT = "sent"

    @property
    def is_from_employer(self) -> bool:
        """Anything the employer did counts as an answer and restarts the chase (R13)."""
        return self is not EventKind.MESSAGE_SENT


class Mover(StrEnum):
    """Who moved an interview: only a move the employer made calls for a question (R6)."""

    EMPLOYER = "employer"
    ME = "me"


class FollowUpKind(StrEnum):
    THANK_YOU = "thank_you"  # R1
    RECORD_NEXT_STEPS = "record_next_steps"  # R2
    STATUS_INQUIRY = "status_inquiry"  # R3
    ROUND_FOLLOW_UP = "round_follow_up"  # R4
    APPLICATION_CHECK = "application_check"  # R5
    RESCHEDULE_INQUIRY = "reschedule_inquiry"  # R6
    RESCHEDULE_CONFIRM = "reschedule_confirm"  # R6, the new time known: no chaser
    REJECTION_REPLY = "rejection_reply"  # R7
    OFFER_NOTICE = "offer_notice"  # R8
    OFFER_DEADLINE = "offer_deadline"  # R9
    CONSIDER_CLOSING = "consider_closing"  # R10
    KEEP_APPLYING = "keep_applying"  # R12
    WITHDRAWAL = "withdrawal"  # to the other employers once an offer is accepted
    NOTE = "note"  # a message the user sent on their own

    @property
    def is_chaser(self) -> bool:
        """Messages that ask the employer for news; R10 limits how many go unanswered."""
        return self in CHASER_KINDS

    @property
    def is_message(self) -> bool:
        """Follow-ups that lead to a message to send (the others are tasks for the user)."""
        return self not in (
            FollowUpKind.RECORD_NEXT_STEPS,
            FollowUpKind.OFFER_DEADLINE,
            FollowUpKind.CONSIDER_CLOSING,
            FollowUpKind.KEEP_APPLYING,
        )


CHASER_KINDS = frozenset(
    {
        FollowUpKind.STATUS_INQUIRY,
        FollowUpKind.ROUND_FOLLOW_UP,
        FollowUpKind.APPLICATION_CHECK,
        FollowUpKind.RESCHEDULE_INQUIRY,
        FollowUpKind.NOTE,
    }
)


class FollowUpState(StrEnum):
    PENDING = "pending"
    SNOOZED = "snoozed"
    SENT = "sent"
    DISMISSED = "dismissed"
    SUPERSEDED = "superseded"

    @property
    def is_open(self) -> bool:
        return self in (FollowUpState.PENDING, FollowUpState.SNOOZED)


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    name: str
    role: ContactRole | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    notes: str | None = None
    company: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened on an application; fields not used by a kind stay None.

    `occurred_at` is when it happened (an interview's start), `recorded_at` when the
    user logged it: an interview can be logged after the fact.
    """

    id: int
    application_id: int
    kind: EventKind
    occurred_at: datetime
    recorded_at: datetime
    zone: str
    round: int | None = None
    interview_kind: str | None = None
    ends_at: datetime | None = None
    location: str | None = None
    interviewers: str | None = None
    promised_by: date | None = None
    next_steps: str | None = None
    contact_id: int | None = None
    feedback: str | None = None
    deadline_at: datetime | None = None
    subject: str | None = None
    body: str | None = None
    related_event_id: int | None = None
    new_starts_at: datetime | None = None
    new_ends_at: datetime | None = None
    followup_kind: FollowUpKind | None = None
    notes: str | None = None
    implied: bool = False  # recorded by a stage move, not logged (domain.news)
    moved_by: Mover | None = None

    @property
    def end(self) -> datetime:
        return self.ends_at or self.occurred_at


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    company: str
    title: str
    stage: Stage
    position: float = 0.0
    url: str | None = None
    location: str | None = None
    work_mode: WorkMode | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    salary_period: SalaryPeriod | None = None
    salary_text: str | None = None
    source: str | None = None
    priority: int = 0
    tags: tuple[str, ...] = ()
    notes: str | None = None
    description: str | None = None
    applied_on: date | None = None
    closed_reason: ClosedReason | None = None
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    stage_entered_at: datetime | None = None
    contacts: tuple[Contact, ...] = field(default=())

    @property
    def is_closed(self) -> bool:
        return self.archived or self.stage.kind.is_closed


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A reminder the rules asked for, and what became of it."""

    id: int
    application_id: int | None
    key: str
    kind: FollowUpKind
    rule: str
    due_at: datetime
    zone: str
    state: FollowUpState
    remind_at: datetime
    overdue_at: datetime | None = None
    snoozed_until: datetime | None = None
    sent_at: datetime | None = None
    subject: str | None = None
    body: str | None = None
    attempts: int = 0
    notified_at: datetime | None = None
    last_error: str | None = None
    reason: str | None = None
    created_at: datetime | None = None
    resolved_at: datetime | None = None
    notify_at: datetime | None = None  # when a reminder is owed; None: none is


PRIORITY_NAMES: dict[int, str] = {0: "normal", 1: "high", 2: "top", -1: "low"}


def parse_priority(value: str) -> int:
    """Accept a name (low, normal, high, top) or a number from -1 to 2."""
    text = value.strip().lower()
    for number, name in PRIORITY_NAMES.items():
        if text == name:
            return number
    try:
        number = int(text)
    except ValueError:
        raise UserError(f"'{value}' is not a priority; use low, normal, high or top") from None
    if number not in PRIORITY_NAMES:
        raise UserError(f"priority {number} is out of range; use -1 (low) to 2 (top)")
    return number

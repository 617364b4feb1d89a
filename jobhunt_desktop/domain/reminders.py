"""When to remind and what a reminder says: pure rules for the reminder service.

The service itself only reads the database and claims rows; everything about timing
(quiet hours, pauses, retries, the next wake-up, clock jumps) and wording lives here
so it can be tested with a fake clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import at_local, day_at, local_date, resolve_local, zone

COALESCE_ABOVE = 3  # more due at once than this: one summary notification
MAX_ATTEMPTS = 5  # deliveries tried per reminder before giving up (recorded on the row)
CLAIM_TIMEOUT = timedelta(minutes=2)  # a claim older than this was lost with its process
CHECK_AT_LEAST_EVERY = timedelta(minutes=1)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
JUMP_TOLERANCE = timedelta(seconds=5)


@dataclass(frozen=True, slots=True)
class OwedReminder:
    """A follow-up whose notification is owed, with what the text needs."""

    followup_id: int
    application_id: int | None
    kind: FollowUpKind
    notify_at: datetime
    company: str | None
    title: str | None
    contact: str | None  # the first name of whom to write to, when known


@dataclass(frozen=True, slots=True)
class Notice:
    """One desktop notification; `followup_ids` are delivered (or not) with it."""

    title: str
    message: str
    followup_ids: tuple[int, ...]
    application_id: int | None  # the card a click opens; None: the Due view

    @property
    def opens_due_view(self) -> bool:
        return self.application_id is None


# What to do, with {who}: "Dana at Acme (Data Analyst)" or "Acme (Data Analyst)".
_MESSAGES: dict[FollowUpKind, str] = {
    FollowUpKind.THANK_YOU: "Send a thank-you to {who}",
    FollowUpKind.STATUS_INQUIRY: "Ask {who} for news",
    FollowUpKind.ROUND_FOLLOW_UP: "Follow up with {who} on the last round",
    FollowUpKind.APPLICATION_CHECK: "Check on your application with {who}",
    FollowUpKind.RESCHEDULE_INQUIRY: "Ask {who} about the moved interview",
    FollowUpKind.RESCHEDULE_CONFIRM: "Confirm the interview's new time with {who}",
    FollowUpKind.WITHDRAWAL: "Tell {who} you are withdrawing",
    FollowUpKind.REJECTION_REPLY: "Reply to the rejection from {who}",
    FollowUpKind.OFFER_NOTICE: "Tell {who} about your other offer",
    FollowUpKind.NOTE: "Send a note to {who}",
}
_TASKS: dict[FollowUpKind, str] = {
    FollowUpKind.RECORD_NEXT_STEPS: "Write down the next steps for {who}",
    FollowUpKind.OFFER_DEADLINE: "Decide on the offer from {who}",
    FollowUpKind.CONSIDER_CLOSING: "No answer from {who}: consider closing it",
}


def notice_text(item: OwedReminder) -> str:
    """What to do and for whom: "Send a thank-you to Dana at Acme (Data Analyst)"."""
    if item.kind is FollowUpKind.KEEP_APPLYING:
        return "Keep applying: a few new applications this week keep the hunt moving"
    where = item.company or "the employer"
    role = f" ({item.title})" if item.title else ""
    who = f"{where}{role}"
    if item.kind.is_message:
        if item.contact:
            who = f"{item.contact} at {who}"
        return _MESSAGES.get(item.kind, "Follow up with {who}").format(who=who)
    return _TASKS.get(item.kind, "Follow up with {who}").format(who=who)


def notices_for(items: Sequence[OwedReminder]) -> list[Notice]:
    """One notification each, or one summary when more than three are due at once
    (the check then claims every one owed, so a second process has none left)."""
    if not items:
        return []
    if len(items) > COALESCE_ABOVE:
        first = notice_text(items[0])
        return [
            Notice(
                f"{len(items)} follow-ups are due",
                f"{first}, and {len(items) - 1} more. "
                "See them under Follow-ups in jobhunt-desktop.",
                tuple(i.followup_id for i in items),
                None,
            )
        ]
    return [
        Notice("Follow-up due", notice_text(i), (i.followup_id,), i.application_id) for i in items
    ]


def retry_at(attempts: int, now: datetime) -> datetime | None:
    """When to try a failed delivery again; None once the attempts are used up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + RETRY_DELAYS[max(0, min(attempts, len(RETRY_DELAYS)) - 1)]


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """ "22:00-07:30" -> (22:00, 07:30); "" or "off" -> None."""
    cleaned = text.strip().lower()
    if cleaned in ("", "off", "none"):
        return None
    parts = cleaned.replace("\u2013", "-").split("-")  # an en dash reads the same
    try:
        start, end = (_clock_time(p) for p in parts)
    except ValueError:
        raise UserError(f"'{text}' is not a quiet-hours range; use HH:MM-HH:MM, or off") from None
    if start == end:
        raise UserError("quiet hours need a start and an end that differ")
    return start, end


def _clock_time(text: str) -> time:
    """ "9:30" or "09:30" -> 09:30."""
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def quiet_until(now: datetime, quiet: tuple[time, time] | None, zone_name: str) -> datetime | None:
    """The end of the quiet spell `now` falls in (in the user's zone), else None."""
    if quiet is None:
        return None
    start, end = quiet
    local = now.astimezone(zone(zone_name))
    wall = local.time().replace(tzinfo=None)
    day = local.date()
    if start < end:
        inside = start <= wall < end
        end_day = day
    else:  # over midnight, e.g. 22:00-07:00
        inside = wall >= start or wall < end
        end_day = day + timedelta(days=1) if wall >= start else day
    if not inside:
        return None
    return resolve_local(datetime.combine(end_day, end), zone_name)


def next_wake(
    now: datetime, next_owed: datetime | None, hold_until: datetime | None = None
) -> datetime:
    """The next check: the next owed reminder (or the end of a hold), but never later
    than a minute from now, so changes made elsewhere are seen soon."""
    latest = now + CHECK_AT_LEAST_EVERY
    wanted = hold_until if hold_until is not None else next_owed
    if wanted is None:
        return latest
    return max(now, min(wanted, latest))


@dataclass
class ClockWatch:
    """Tells a clock jump or a resume from sleep: between two ticks the wall clock
    moved by a different amount than the monotonic clock."""

    wall: datetime
    mono: float

    def jumped(self, wall: datetime, mono: float) -> bool:
        expected = timedelta(seconds=mono - self.mono)
        moved = wall - self.wall
        self.wall, self.mono = wall, mono
        return abs(moved - expected) > JUMP_TOLERANCE


# --- later: snoozing a follow-up and pausing reminders --------------------------------


@dataclass(frozen=True, slots=True)
class Later:
    """A "remind me later" choice: a word for the command line, a label for the window."""

    word: str
    label: str
    at: datetime


def snooze_choices(now: datetime, zone_name: str, reminder_time: time) -> list[Later]:
    """The quick snooze times: an hour, tomorrow morning, a week on (mornings at the
    user's reminder time, on their wall clock, so DST cannot shift them)."""
    today = local_date(now, zone_name)
    return [
        Later("hour", "In 1 hour", now + timedelta(hours=1)),
        Later(
            "tomorrow",
            "Tomorrow morning",
            at_local(today + timedelta(days=1), reminder_time, zone_name),
        ),
        Later("week", "Next week", at_local(today + timedelta(days=7), reminder_time, zone_name)),
    ]


def snooze_from_due(
    now: datetime, remind_at: datetime, days: int, zone_name: str, reminder_time: time
) -> datetime:
    """A card's "a day" or "a week later": counted from when the follow-up was due (or
    from now, if that is later), at the user's reminder time: a morning nudge, not one
    in the middle of the night."""
    return day_at(max(now, remind_at), days, reminder_time, zone_name)


def next_reminder_at(now: datetime, zone_name: str, reminder_time: time) -> datetime:
    """The next time of day reminders come: today's if it is still ahead, else
    tomorrow's."""
    today = local_date(now, zone_name)
    at = at_local(today, reminder_time, zone_name)
    return at if at > now else at_local(today + timedelta(days=1), reminder_time, zone_name)


def pause_end(now: datetime, span: timedelta, zone_name: str, reminder_time: time) -> datetime:
    """When a pause of `span` ends: a day or more means "until tomorrow's reminder time",
    anything shorter ends after the span."""
    if span < timedelta(days=1):
        return now + span
    return at_local(local_date(now, zone_name) + timedelta(days=1), reminder_time, zone_name)

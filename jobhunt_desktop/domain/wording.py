"""Human names for the app's codes, shared by the command line and the window so both
speak the same words."""

from __future__ import annotations

from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    EventKind,
    FollowUpKind,
    FollowUpState,
    SalaryPeriod,
    WorkMode,
)

RULE_ACTIONS = {
    "thank_you": "Send a thank-you note",
    "record_next_steps": "Write down the next steps",
    "status_inquiry": "Ask where things stand",
    "round_follow_up": "Follow up on the last round",
    "application_check": "Check on the application",
    "reschedule_inquiry": "Ask about the moved or cancelled interview",
    "reschedule_confirm": "Confirm the interview's new time",
    "rejection_reply": "Reply to the rejection",
    "offer_notice": "Tell them about your offer",
    "offer_deadline": "Decide on the offer",
    "consider_closing": "Consider closing it",
    "keep_applying": "Keep applying",
    "withdrawal": "Withdraw your application",
    "note": "Send a note",
}

# What each kind of follow-up is called where the window names it: kinds, never the
# brief's rule numbers (the CLI's `--json` keeps those).
FOLLOWUP_KIND_NAMES: dict[FollowUpKind, str] = {
    FollowUpKind.THANK_YOU: "thank-you note",
    FollowUpKind.RECORD_NEXT_STEPS: "next steps to note",
    FollowUpKind.STATUS_INQUIRY: "status inquiry",
    FollowUpKind.ROUND_FOLLOW_UP: "follow-up after a round",
    FollowUpKind.APPLICATION_CHECK: "status check",
    FollowUpKind.RESCHEDULE_INQUIRY: "question about a moved interview",
    FollowUpKind.RESCHEDULE_CONFIRM: "new-time confirmation",
    FollowUpKind.REJECTION_REPLY: "reply to a rejection",
    FollowUpKind.OFFER_NOTICE: "offer notice",
    FollowUpKind.OFFER_DEADLINE: "offer deadline",
    FollowUpKind.CONSIDER_CLOSING: "time to close it?",
    FollowUpKind.KEEP_APPLYING: "keep-applying nudge",
    FollowUpKind.WITHDRAWAL: "withdrawal note",
    FollowUpKind.NOTE: "note",
}

# Why each kind of follow-up comes up, in a sentence.
FOLLOWUP_KIND_HINTS: dict[FollowUpKind, str] = {
    FollowUpKind.THANK_YOU: "After an interview, a short thank-you the same day.",
    FollowUpKind.RECORD_NEXT_STEPS: (
        "After an interview is logged, note when they will answer, how, and who to ask."
    ),
    FollowUpKind.STATUS_INQUIRY: "The date they promised an answer by has passed without news.",
    FollowUpKind.ROUND_FOLLOW_UP: "A later round took place and no answer date was given.",
    FollowUpKind.APPLICATION_CHECK: "You applied and have heard nothing back yet.",
    FollowUpKind.RESCHEDULE_INQUIRY: "The employer moved or cancelled an interview.",
    FollowUpKind.RESCHEDULE_CONFIRM: (
        "The employer moved an interview to a new time: confirm it, and ask what else changed."
    ),
    FollowUpKind.REJECTION_REPLY: (
        "A rejection: thank them, and ask for feedback and other openings."
    ),
    FollowUpKind.OFFER_NOTICE: (
        "You have an offer while other employers are still interviewing you."
    ),
    FollowUpKind.OFFER_DEADLINE: "An offer's decision deadline is coming up.",
    FollowUpKind.CONSIDER_CLOSING: (
        "Two follow-ups went unanswered: time to consider closing this one."
    ),
    FollowUpKind.KEEP_APPLYING: (
        "Fewer applications are active than you aimed for: keep applying."
    ),
    FollowUpKind.WITHDRAWAL: (
        "You accepted an offer: let the other employers know you are withdrawing."
    ),
    FollowUpKind.NOTE: "A message of your own.",
}

EVENT_NAMES: dict[EventKind, str] = {
    EventKind.INTERVIEW: "Interview",
    EventKind.INTERVIEW_MOVED: "Interview moved",
    EventKind.INTERVIEW_CANCELLED: "Interview cancelled",
    EventKind.REPLY: "Reply",
    EventKind.REJECTION: "Rejection",
    EventKind.OFFER: "Offer",
    EventKind.MESSAGE_SENT: "Message sent",
}

FOLLOWUP_STATE_NAMES: dict[FollowUpState, str] = {
    FollowUpState.PENDING: "To do",
    FollowUpState.SNOOZED: "Snoozed",
    FollowUpState.SENT: "Done",
    FollowUpState.DISMISSED: "Dismissed",
    FollowUpState.SUPERSEDED: "No longer needed",
}

CONTACT_ROLE_NAMES: dict[ContactRole, str] = {
    ContactRole.RECRUITER: "Recruiter",
    ContactRole.HIRING_MANAGER: "Hiring manager",
    ContactRole.INTERVIEWER: "Interviewer",
    ContactRole.REFERRER: "Referrer",
    ContactRole.OTHER: "Other",
}

# What an interview was like, offered in the forms (anything else can be typed).
INTERVIEW_KINDS: tuple[str, ...] = (
    "Phone",
    "Video",
    "On site",
    "Technical",
    "Take-home",
    "Panel",
    "Other",
)

CLOSED_REASON_NAMES: dict[ClosedReason, str] = {
    ClosedReason.REJECTED: "Rejected",
    ClosedReason.GHOSTED: "Ghosted",
    ClosedReason.WITHDREW: "I withdrew",
    ClosedReason.DECLINED: "I declined",
    ClosedReason.ACCEPTED: "Accepted",
    ClosedReason.ROLE_CLOSED: "Role closed",
}

WORK_MODE_NAMES: dict[WorkMode, str] = {
    WorkMode.ONSITE: "On site",
    WorkMode.HYBRID: "Hybrid",
    WorkMode.REMOTE: "Remote",
}

SALARY_PERIOD_NAMES: dict[SalaryPeriod, str] = {
    SalaryPeriod.YEAR: "per year",
    SalaryPeriod.MONTH: "per month",
    SalaryPeriod.DAY: "per day",
    SalaryPeriod.HOUR: "per hour",
}

HISTORY_ACTIONS = {
    "created": "Created",
    "edited": "Edited",
    "moved": "Moved",
    "logged": "Logged",
    "next_steps": "Next steps noted",
    "followup": "Follow-up",
    "contact": "Contact",
    "archived": "Archived",
    "unarchived": "Brought back from the archive",
    "corrected": "Corrected",
    "removed": "Removed",
    "attached": "File kept",
}

# Field names of the history that read badly as they are.
_FIELD_LABELS = {"stage_entered_at": "Entered its stage", "file": "File"}


def field_label(name: str) -> str:
    """`salary_min` -> `Salary min`: good enough for history rows and messages."""
    if name in _FIELD_LABELS:
        return _FIELD_LABELS[name]
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def sentence(message: str) -> str:
    """Service messages are lower-case clauses; a dialog wants a sentence."""
    text = message.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def counted(count: int, thing: str, things: str | None = None) -> str:
    """'1 card', '3 cards': a count with its noun, never 'card(s)'."""
    return f"{count:,} {thing if count == 1 else things or thing + 's'}"

"""The composer's words that need no widget: the line saying which follow-up a message
answers, and the default name of its .eml file.

They live apart from the dialog because they are pure text, worked out from the
follow-up, the user's zone and the clock, and tested as such.
"""

from __future__ import annotations

import re
from datetime import datetime

from jobhunt_desktop.domain.entities import FollowUp
from jobhunt_desktop.domain.lateness import followup_is_late
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.wording import RULE_ACTIONS

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def followup_line(f: FollowUp | None, zone_name: str, now: datetime) -> str:
    """Which reminder the message answers and when it was due, so the user knows what
    "Mark as sent" will tick off: "Follow-up: Send a thank-you note · due Tue 3 Mar"."""
    if f is None:
        return "Not tied to a follow-up: marking it sent only notes it on the card."
    what = RULE_ACTIONS.get(f.kind.value, f.kind.value.replace("_", " ").capitalize())
    day = local_date(f.due_at, zone_name)
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    if day.year != local_date(now, zone_name).year:
        text += f" {day.year}"
    late = ", late" if followup_is_late(f, now, zone_name) else ""
    return f"Follow-up: {what} · due {text}{late}"


def file_name_for(company: str, subject: str) -> str:
    """A default .eml name that every file system accepts: "Acme - Thank you.eml"."""
    stem = _UNSAFE_IN_FILE_NAMES.sub(" ", f"{company} - {subject}" if subject else company)
    stem = " ".join(stem.split()).strip(" .")[:80].rstrip(" .")
    return f"{stem or 'message'}.eml"

"""The user's settings: who they are, their time zone, and every rule's timing.

Settings are stored as text (key, value) so that new keys need no schema change;
this module owns their names, types, defaults and limits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, time
from typing import Any

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import check_day, zone_name


@dataclass(frozen=True, slots=True)
class Settings:
    your_name: str = ""
    signature: str = ""
    time_zone: str = "UTC"
    reminder_time: time = time(9, 0)
    r1_delay_hours: int = 2
    r1_overdue_hours: int = 24
    r1_skip_after_days: int = 7
    r3_business_days: int = 2
    r4_days: int = 14
    r5_days: int = 7
    r6_days: int = 1
    r7_days: int = 1
    r9_days_before: int = 2
    r10_gap_days: int = 7
    r10_max_unanswered: int = 2
    r11_months: int = 6
    r12_min_active: int = 5
    quiet_hours: str = "off"
    reminders_paused_until: str = ""
    backup_days: int = 7
    backup_weeks: int = 4
    backup_months: int = 12
    calendar_file: bool = False
    weekly_goal: int = 5
    ghost_after_days: int = 30
    insights_archived: bool = True
    feedback_language: str = "english"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    help: str
    parse: Callable[[str], Any]
    low: int | None = None
    high: int | None = None
    affects_plans: bool = True  # changing it re-plans every card


def _text(value: str) -> str:
    return value


def _int(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise UserError(f"'{value}' is not a whole number") from None


def _switch(value: str) -> bool:
    text = value.strip().lower()
    if text in ("on", "yes", "true", "1"):
        return True
    if text in ("off", "no", "false", "0"):
        return False
    raise UserError(f"'{value}' is neither on nor off")


def _language(value: str) -> str:
    from jobhunt_desktop.domain.feedback_themes import LANGUAGES

    text = value.strip().lower()
    if text not in LANGUAGES:
        raise UserError(f"'{value}' is not a language themes know; known: {', '.join(LANGUAGES)}")
    return text


def _time(value: str) -> time:
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"'{value}' is not a time of day; use HH:MM") from None


def _quiet(value: str) -> str:
    from jobhunt_desktop.domain.reminders import parse_quiet_hours

    quiet = parse_quiet_hours(value)
    if quiet is None:
        return "off"
    return f"{quiet[0]:%H:%M}-{quiet[1]:%H:%M}"


def _instant_or_empty(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"'{value}' is not a date and time; use ISO-8601 with an offset") from None
    if instant.tzinfo is None:
        raise UserError(f"'{value}' needs an offset such as +01:00 or Z")
    check_day(instant.date(), value)
    return instant.astimezone(UTC).isoformat()


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("your_name", "Your name, used to sign drafts", _text, affects_plans=False),
    SettingSpec("signature", "Signature placed under drafts", _text, affects_plans=False),
    SettingSpec("time_zone", "IANA time zone for dates without an offset", zone_name),
    SettingSpec("reminder_time", "Time of day for reminders that fall on a date", _time),
    SettingSpec("r1_delay_hours", "R1: hours after an interview ends to send thanks", _int, 0, 24),
    SettingSpec(
        "r1_overdue_hours", "R1: hours after the interview a thank-you is late", _int, 1, 168
    ),
    SettingSpec(
        "r1_skip_after_days", "R1: no thank-you for interviews logged this late", _int, 1, 90
    ),
    SettingSpec("r3_business_days", "R3: business days after a promised date", _int, 1, 10),
    SettingSpec("r4_days", "R4: days after a later round with no promised date", _int, 14, 21),
    SettingSpec("r5_days", "R5: days after applying with no news", _int, 3, 30),
    SettingSpec("r6_days", "R6: days after a moved or cancelled interview", _int, 0, 3),
    SettingSpec("r7_days", "R7: days after a rejection to reply", _int, 0, 3),
    SettingSpec("r9_days_before", "R9: days before an offer deadline", _int, 1, 7),
    SettingSpec("r10_gap_days", "R10: least days between two follow-ups", _int, 3, 30),
    SettingSpec("r10_max_unanswered", "R10: unanswered follow-ups before stopping", _int, 1, 5),
    SettingSpec("r11_months", "R11: months a rejection counts as recent", _int, 0, 24),
    SettingSpec("r12_min_active", "R12: active applications below which to nudge", _int, 1, 20),
    SettingSpec(
        "quiet_hours",
        "Hold notifications in this span, e.g. 22:00-08:00 (off: never)",
        _quiet,
        affects_plans=False,
    ),
    SettingSpec(
        "reminders_paused_until",
        "No notifications before this time (empty: not paused)",
        _instant_or_empty,
        affects_plans=False,
    ),
    SettingSpec("backup_days", "Backups: keep the newest of this many days", _int, 1, 60, False),
    SettingSpec("backup_weeks", "Backups: and of this many weeks", _int, 0, 52, False),
    SettingSpec("backup_months", "Backups: and of this many months", _int, 0, 120, False),
    SettingSpec(
        "calendar_file",
        "Keep jobhunt-calendar.ics beside the database up to date (on/off)",
        _switch,
        affects_plans=False,
    ),
    SettingSpec("weekly_goal", "Insights: applications a week to aim for", _int, 1, 100, False),
    SettingSpec(
        "ghost_after_days",
        "Insights: days without an answer that count as ghosted",
        _int,
        7,
        180,
        False,
    ),
    SettingSpec(
        "insights_archived",
        "Insights: count archived cards too (on/off)",
        _switch,
        affects_plans=False,
    ),
    SettingSpec(
        "feedback_language",
        "Insights: the language of feedback, for its themes",
        _language,
        affects_plans=False,
    ),
)
SPEC_BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SPECS}


def spec_for(key: str) -> SettingSpec:
    spec = SPEC_BY_KEY.get(key.strip().lower())
    if spec is None:
        raise UserError(f"unknown setting '{key}'; known: {', '.join(SPEC_BY_KEY)}")
    return spec


def parse_value(key: str, raw: str) -> Any:
    """Parse and check one value; raises UserError with the reason."""
    spec = spec_for(key)
    value = spec.parse(raw)
    if isinstance(value, int) and not isinstance(value, bool):
        if spec.low is not None and value < spec.low:
            raise UserError(f"{spec.key} must be at least {spec.low}")
        if spec.high is not None and value > spec.high:
            raise UserError(f"{spec.key} must be at most {spec.high}")
    return value


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def from_stored(stored: Mapping[str, str], default_zone: str) -> Settings:
    """Build settings from stored text; a value that no longer parses falls back to
    its default instead of locking the user out."""
    settings = Settings(time_zone=default_zone)
    changes: dict[str, Any] = {}
    for key, raw in stored.items():
        if key not in SPEC_BY_KEY:
            continue
        try:
            changes[key] = parse_value(key, raw)
        except UserError:
            continue
    return replace(settings, **changes)


def as_text(settings: Settings) -> dict[str, str]:
    return {f.name: format_value(getattr(settings, f.name)) for f in fields(settings)}

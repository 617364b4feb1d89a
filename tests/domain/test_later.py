"""Snooze choices and pauses: on the user's wall clock, so DST cannot shift them."""

from __future__ import annotations

from datetime import time, timedelta

from jobhunt_desktop.domain.reminders import pause_end, snooze_choices, snooze_from_due
from jobhunt_desktop.domain.timeutil import day_at, next_full_hour, parse_datetime

ZONE = "Europe/Berlin"


def test_snooze_choices_an_hour_tomorrow_morning_and_a_week_on() -> None:
    now = parse_datetime("2026-03-09T14:10", ZONE)
    choices = snooze_choices(now, ZONE, time(8, 30))
    assert [(c.word, c.label) for c in choices] == [
        ("hour", "In 1 hour"),
        ("tomorrow", "Tomorrow morning"),
        ("week", "Next week"),
    ]
    assert [c.at for c in choices] == [
        now + timedelta(hours=1),
        parse_datetime("2026-03-10T08:30", ZONE),
        parse_datetime("2026-03-16T08:30", ZONE),
    ]


def test_tomorrow_morning_stays_at_the_reminder_time_across_the_clock_change() -> None:
    # Saturday evening before the clocks go forward: the morning is 08:30 summer time.
    now = parse_datetime("2026-03-28T21:00", ZONE)
    tomorrow = snooze_choices(now, ZONE, time(8, 30))[1].at
    assert tomorrow == parse_datetime("2026-03-29T08:30+02:00", ZONE)
    assert tomorrow - now == timedelta(hours=10, minutes=30)  # one hour less than usual


def test_a_pause_of_a_day_ends_at_tomorrows_reminder_time_a_shorter_one_after_it() -> None:
    now = parse_datetime("2026-03-09T23:30", ZONE)
    assert pause_end(now, timedelta(hours=1), ZONE, time(9, 0)) == now + timedelta(hours=1)
    assert pause_end(now, timedelta(days=1), ZONE, time(9, 0)) == parse_datetime(
        "2026-03-10T09:00", ZONE
    )


def test_a_card_snooze_counts_from_when_it_was_due_or_from_now_if_later() -> None:
    now = parse_datetime("2026-03-09T14:10", ZONE)
    due_later = parse_datetime("2026-03-12T09:00", ZONE)
    assert snooze_from_due(now, due_later, 1, ZONE, time(8, 30)) == parse_datetime(
        "2026-03-13T08:30", ZONE
    )
    overdue = parse_datetime("2026-03-01T09:00", ZONE)
    assert snooze_from_due(now, overdue, 7, ZONE, time(8, 30)) == parse_datetime(
        "2026-03-16T08:30", ZONE
    )


def test_days_later_and_the_next_full_hour_keep_the_wall_clock_across_dst() -> None:
    evening = parse_datetime("2026-03-28T21:00", ZONE)  # clocks go forward that night
    assert day_at(evening, 1, time(17, 0), ZONE) == parse_datetime("2026-03-29T17:00", ZONE)
    assert next_full_hour(evening, ZONE) == parse_datetime("2026-03-28T22:00", ZONE)
    before_gap = parse_datetime("2026-03-29T01:20", ZONE)  # 02:00 does not exist
    assert next_full_hour(before_gap, ZONE) == parse_datetime("2026-03-29T03:00", ZONE)

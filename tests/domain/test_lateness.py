"""Late, and days in a stage: one meaning for the card, the panel, the status bar,
notifications and the command line."""

from __future__ import annotations

from datetime import timedelta

from jobhunt_desktop.domain.lateness import card_late_from, days_in_stage, is_late, late_from
from jobhunt_desktop.domain.timeutil import parse_datetime

ZONE = "Europe/Berlin"


def at(text: str):  # type: ignore[no-untyped-def]
    return parse_datetime(text, ZONE)


def test_without_a_late_mark_it_is_late_once_the_local_day_it_fell_due_is_over() -> None:
    due = at("2026-03-09T16:00")
    assert late_from(due, None, ZONE) == at("2026-03-10T00:00")
    assert not is_late(due, None, at("2026-03-09T23:59"), ZONE)
    assert is_late(due, None, at("2026-03-10T00:00"), ZONE)


def test_a_late_mark_counts_but_never_before_the_follow_up_is_due() -> None:
    due, mark = at("2026-03-09T16:00"), at("2026-03-10T14:00")  # a thank-you: a day on
    assert late_from(due, mark, ZONE) == mark
    assert not is_late(due, mark, at("2026-03-10T09:00"), ZONE)
    snoozed = at("2026-03-12T09:00")  # snoozed past its mark: due again first
    assert late_from(snoozed, mark, ZONE) == snoozed


def test_the_day_ends_on_the_users_wall_clock_also_when_the_clocks_change() -> None:
    due = at("2026-03-28T20:00")  # the clocks go forward that night
    assert late_from(due, None, ZONE) == at("2026-03-29T00:00")
    assert late_from(due, None, ZONE) - due == timedelta(hours=4)


def test_a_card_is_late_from_the_first_of_its_follow_ups_to_be_late() -> None:
    assert card_late_from(None, None, ZONE) is None
    marked = at("2026-03-10T14:00")
    assert card_late_from(marked, None, ZONE) == marked
    assert card_late_from(marked, at("2026-03-08T09:00"), ZONE) == at("2026-03-09T00:00")


def test_days_in_a_stage_are_calendar_days_on_the_users_wall_clock() -> None:
    entered = at("2026-03-05T23:30")
    assert days_in_stage(entered, at("2026-03-05T23:59"), ZONE) == 0  # entered today
    assert days_in_stage(entered, at("2026-03-06T00:10"), ZONE) == 1  # 40 minutes later
    assert days_in_stage(entered, at("2026-03-10T08:00"), ZONE) == 5
    assert days_in_stage(entered, at("2026-03-05T10:00"), ZONE) == 0  # never negative

"""Reminders on several computers sharing one database (both stores): each computer
shows a due reminder once, the window and a watcher on one computer once between
them; acting on it anywhere clears it on all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.reminders import CLAIM_TIMEOUT
from jobhunt_desktop.services.container import Services
from tests.recording_notifier import RecordingNotifier
from tests.services.test_reminders import at, interview, thank_you


@pytest.fixture(autouse=True)
def no_weekly_nudge(services: Services) -> None:
    services.settings.set("r12_min_active", "1")


class Computer:
    """One computer: its window and its watcher, each with a notifier of its own."""

    def __init__(self, services: Services, device: str) -> None:
        self.services = services
        self.device = device
        self.window, self.watcher = RecordingNotifier(), RecordingNotifier()

    def check(self, by_watcher: bool = False) -> None:
        inbox, who = (self.watcher, "watcher") if by_watcher else (self.window, "window")
        self.services.reminders.check(inbox, f"{self.device}:{who}", self.device)

    @property
    def shown(self) -> list[str]:
        return self.window.texts + self.watcher.texts


def test_each_computer_shows_a_due_reminder_once(services: Services, clock: FixedClock) -> None:
    interview(services)
    laptop, desktop = Computer(services, "laptop"), Computer(services, "desktop")
    clock.instant = at("2026-03-02T13:00")
    laptop.check()
    laptop.check(by_watcher=True)  # the watcher beside the window
    assert laptop.shown == ["Send a thank-you to Dana at Acme (Data Analyst)"]
    desktop.check(by_watcher=True)  # the other computer, a moment later
    desktop.check()
    assert desktop.shown == laptop.shown
    clock.advance(timedelta(hours=1))
    for computer in (laptop, desktop):
        computer.check()
        computer.check(by_watcher=True)
    assert len(laptop.shown) == len(desktop.shown) == 1


def test_acting_on_it_anywhere_clears_it_on_all(services: Services, clock: FixedClock) -> None:
    first, second = interview(services, "Acme"), interview(services, "Globex")
    laptop, desktop = Computer(services, "laptop"), Computer(services, "desktop")
    clock.instant = at("2026-03-02T13:00")
    laptop.check()
    assert len(laptop.shown) == 2
    services.followups.dismiss(thank_you(services, first))  # dealt with on the laptop
    services.followups.snooze(thank_you(services, second), at("2026-03-03T09:00"))
    desktop.check()
    assert desktop.shown == []  # one dismissed, one snoozed: nothing owed there now
    clock.instant = at("2026-03-03T09:00")  # the snooze is over: once more on each
    desktop.check()
    laptop.check(by_watcher=True)
    laptop.check()
    assert desktop.shown == ["Send a thank-you to Dana at Globex (Data Analyst)"]
    assert laptop.shown[2:] == desktop.shown


def test_a_failed_showing_elsewhere_is_tried_again_once_its_claim_is_stale(
    services: Services, clock: FixedClock
) -> None:
    interview(services)
    laptop = Computer(services, "laptop")
    clock.instant = at("2026-03-02T13:00")
    laptop.check()
    broken = RecordingNotifier(failing="notify-send is missing")
    result = services.reminders.check(broken, "desktop:window", "desktop")
    assert result.failed and result.failed[0][1] == "notify-send is missing"
    desktop = Computer(services, "desktop")
    desktop.check(by_watcher=True)  # the claim is still live: not twice at once
    assert desktop.shown == []
    clock.advance(CLAIM_TIMEOUT + timedelta(seconds=1))
    desktop.check(by_watcher=True)
    assert desktop.shown == ["Send a thank-you to Dana at Acme (Data Analyst)"]
    assert laptop.shown == desktop.shown


def test_reminders_shown_before_computers_were_told_apart_are_not_shown_again(
    services: Services, clock: FixedClock
) -> None:
    interview(services)
    clock.instant = at("2026-03-02T13:00")
    before = RecordingNotifier()
    services.reminders.check(before, "older version")  # no device: as before this version
    assert len(before.shown) == 1
    desktop = Computer(services, "desktop")
    desktop.check()
    assert desktop.shown == []

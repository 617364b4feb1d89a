"""Reminders in the window: the runner's worker thread, the banner and the tray icon."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.reminders import CheckResult
from jobhunt_desktop.ui.main_window import MainWindow
from jobhunt_desktop.ui.reminders import ReminderBanner, ReminderRunner, TrayIcon
from tests.recording_notifier import RecordingNotifier

ZONE = "Europe/Berlin"


def owed(services: Services, clock: FixedClock) -> int:
    services.settings.set("r12_min_active", "1")
    app = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))  # the status check (R5) is owed now
    return app


def test_the_runner_checks_off_the_gui_thread_and_reports_back(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    app = owed(services, clock)
    desktop = RecordingNotifier()
    runner = ReminderRunner(services.reminders, desktop)
    with qtbot.waitSignal(runner.checked, timeout=10_000) as first:
        runner.start()
    result: CheckResult = first.args[0]
    assert [n.message for n in result.delivered] == [
        "Check on your application with Acme (Data Analyst)"
    ]
    assert desktop.shown[0].application_id == app
    assert 0 < runner._timer.remainingTime() <= 60_000  # the next look, within a minute
    runner.stop()


def test_when_the_desktop_cannot_show_it_the_window_does(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    owed(services, clock)
    runner = ReminderRunner(services.reminders, RecordingNotifier(failing="install libnotify-bin"))
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    runner.fallbackNotice.connect(banner.show_notice)
    with qtbot.waitSignal(runner.checked, timeout=10_000):
        runner.start()
    qtbot.waitUntil(lambda: bool(banner.notices))
    assert not banner.isHidden()
    assert "Check on your application with Acme" in banner.label.text()
    assert "install libnotify-bin" in banner.label.text()
    # Shown in the window, so delivered: not shown again.
    with qtbot.waitSignal(runner.checked, timeout=10_000) as again:
        runner.check_now()
    assert again.args[0].delivered == [] and again.args[0].failed == []
    runner.stop()


def test_a_clock_jump_checks_at_once(qtbot: QtBot, services: Services, clock: FixedClock) -> None:
    mono = [0.0]
    runner = ReminderRunner(services.reminders, RecordingNotifier(), monotonic=lambda: mono[0])
    with qtbot.waitSignal(runner.checked, timeout=10_000):
        runner.start()
    owed_app = owed(services, clock)  # the wall clock moved 8 days, the monotonic not
    assert owed_app
    with qtbot.waitSignal(runner.checked, timeout=10_000) as after:
        runner._look_for_jump()
    assert len(after.args[0].delivered) == 1
    runner.stop()


def test_tray_menu_and_message_clicks(qtbot: QtBot) -> None:
    tray = TrayIcon(QIcon())
    with qtbot.waitSignal(tray.pauseRequested) as paused:
        tray.pause_hour.trigger()
    assert paused.args == [timedelta(hours=1)]
    tray.set_paused(True)
    assert tray.resume_action.isVisible() and not tray.pause_day.isVisible()
    with qtbot.waitSignal(tray.pauseRequested) as resumed:
        tray.resume_action.trigger()
    assert resumed.args == [None]

    tray.show_notice(Notice("Follow-up due", "Send a thank-you", (1,), 7))
    with qtbot.waitSignal(tray.cardRequested) as card:
        tray.messageClicked.emit()
    assert card.args == [7]
    tray.show_notice(Notice("5 follow-ups are due", "…", (1, 2, 3, 4, 5), None))
    with qtbot.waitSignal(tray.dueRequested):
        tray.messageClicked.emit()


def test_reminders_wait_for_quiet_hours_in_the_window_too(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    owed(services, clock)
    clock.instant = parse_datetime("2026-03-10T23:00", ZONE)
    services.settings.set("quiet_hours", "22:00-08:00")
    desktop = RecordingNotifier()
    runner = ReminderRunner(services.reminders, desktop)
    with qtbot.waitSignal(runner.checked, timeout=10_000) as held:
        runner.start()
    assert held.args[0].held_until == parse_datetime("2026-03-11T08:00", ZONE)
    assert desktop.shown == []
    runner.stop()


def test_the_window_shows_what_the_desktop_cannot_and_pauses(
    qtbot: QtBot, services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    owed(services, clock)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()
    window.start_reminders(RecordingNotifier(failing="install libnotify-bin"), QIcon())
    assert window.banner is not None and window.reminders is not None
    qtbot.waitUntil(lambda: not window.banner.isHidden(), timeout=10_000)  # type: ignore[union-attr]
    assert "Check on your application with Acme" in window.banner.label.text()

    window.pause_reminders(timedelta(hours=1))
    paused = services.settings.get().reminders_paused_until
    assert datetime.fromisoformat(paused) == clock.now() + timedelta(hours=1)
    assert "Reminders paused until" in window.statusBar().currentMessage()
    window.pause_reminders(timedelta(days=1))  # until tomorrow at the reminder time
    assert datetime.fromisoformat(services.settings.get().reminders_paused_until) == (
        parse_datetime("2026-03-11T09:00", ZONE)
    )
    window.pause_reminders(None)
    assert services.settings.get().reminders_paused_until == ""
    qtbot.waitUntil(lambda: not window.reminders.busy, timeout=10_000)  # type: ignore[union-attr]


def test_closing_keeps_the_app_in_the_tray_when_chosen(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/close_to_tray", True)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()
    window.tray = TrayIcon(QIcon(), window)  # offscreen has no tray: give it one
    window.tray_action.setChecked(True)
    window.close()
    assert window.isHidden() and not window.quitting
    assert settings.value("window/tray_hint_shown", False, type=bool)
    window.bring_back()  # what the tray's Open does
    assert window.isVisible()
    window.tray_action.setChecked(False)
    assert window.close()

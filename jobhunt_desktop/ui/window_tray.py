"""Reminders while the window runs: the in-window banner, the tray icon and its menu,
and whether closing the window keeps the app running in the tray."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.domain.timeutil import zone
from jobhunt_desktop.notify.base import Notifier
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.services.reminders import CheckResult
from jobhunt_desktop.ui.dialogs.forms import ask_yes_no
from jobhunt_desktop.ui.reminders import ReminderBanner, ReminderRunner, TrayIcon

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow


def start_reminders(window: MainWindow, backend: Notifier, icon: QIcon) -> None:
    """Notify while the window runs; a tray icon where the desktop has a tray."""
    window.banner = banner = ReminderBanner(window)
    window.central_layout.insertWidget(0, banner)
    from jobhunt_desktop.services.device import this_device

    window.reminders = runner = ReminderRunner(
        window.services.reminders, backend, window, device=this_device
    )
    runner.fallbackNotice.connect(lambda notice, problem: _show(window, notice, problem))
    runner.checked.connect(lambda result: _checked(window, result))
    if QSystemTrayIcon.isSystemTrayAvailable():
        window.tray = tray = TrayIcon(icon, window)
        tray.openRequested.connect(window.bring_back)
        tray.dueRequested.connect(lambda: show_due(window))
        tray.cardRequested.connect(lambda card: open_from_tray(window, card))
        tray.pauseRequested.connect(window.pause_reminders)
        tray.quitRequested.connect(window.quit_app)
        tray.show()
    runner.start()


def show_due(window: MainWindow) -> None:
    window.bring_back()
    window.due_toggle.setChecked(True)
    window.toggle_due_panel(True)
    window.due_panel.setFocus(Qt.FocusReason.OtherFocusReason)


def open_from_tray(window: MainWindow, application_id: int) -> None:
    window.bring_back()
    window.open_card(application_id)


def pause_reminders(window: MainWindow, span: timedelta | None) -> None:
    """Pause (or resume) the reminders; on a server saved off the window's thread."""
    window.operations.run_soon(
        lambda s: s.settings.pause_reminders(span), lambda paused: _paused(window, paused)
    )


def _paused(window: MainWindow, paused: Outcome[datetime | None] | None) -> None:
    if paused is None:
        return
    until = paused.value
    if until is None:
        window.statusBar().showMessage("Reminders are on again.", 5000)
    else:
        shown = until.astimezone(zone(window.zone)).strftime("%a %d %b, %H:%M")
        window.statusBar().showMessage(f"Reminders paused until {shown}.", 8000)
    if window.reminders is not None:
        window.reminders.check_now()


def _show(window: MainWindow, notice: Notice, problem: str) -> None:
    """A reminder the desktop could not show, shown in the window (and the tray)."""
    assert window.banner is not None
    window.banner.show_notice(notice, problem)
    if window.tray is not None:
        window.tray.show_notice(notice)


def _checked(window: MainWindow, result: CheckResult) -> None:
    if window.tray is not None:
        window.tray.set_paused(result.paused_until is not None)


def keep_in_tray(window: MainWindow) -> bool:
    """Ask once whether closing keeps the app in the tray; remember the answer."""
    if window.tray is None or window.quitting:
        return False
    if not window.qsettings.contains("window/close_to_tray"):
        keep = ask_yes_no(
            window,
            "Keep reminding you?",
            "Keep jobhunt-desktop running in the tray when you close the window, so "
            "reminders still arrive? You can quit from the tray icon's menu, and "
            "change this under View.",
        )
        window.qsettings.setValue("window/close_to_tray", keep)
        window.tray_action.setChecked(keep)
    return window.tray_action.isChecked()


def hide_to_tray(window: MainWindow) -> None:
    """Closing with "keep running": the window goes, the tray says so once."""
    assert window.tray is not None
    window.hide()
    if not window.qsettings.value("window/tray_hint_shown", False, type=bool):
        window.tray.showMessage(
            "Still running",
            "jobhunt-desktop keeps reminding you from here. Quit from this menu.",
            window.tray.icon(),
            10_000,
        )
        window.qsettings.setValue("window/tray_hint_shown", True)


def stop(window: MainWindow) -> None:
    if window.reminders is not None:
        window.reminders.stop()
    if window.tray is not None:
        window.tray.hide()


def forget_unused_files(window: MainWindow) -> None:
    """On closing: the contents of files no card holds any more go (the undo that
    could have put them back closes with the window); a failure is only logged."""
    import logging

    from jobhunt_desktop.domain.errors import StorageError

    try:
        window.services.attachments.prune()
    except StorageError as error:
        logging.getLogger(__name__).warning("files not pruned: %s", error)

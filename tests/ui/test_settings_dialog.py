"""The Settings dialog: every config value, previewed re-timing, one undoable step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.settings_dialog import SettingsDialog
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import shown


def open_settings(window: MainWindow) -> SettingsDialog:
    window.settings_action.trigger()
    dialog = shown(window, SettingsDialog)
    assert dialog is not None
    return dialog


def test_settings_change_rule_timings_after_saying_how_many_they_re_time(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Acme", "Globex"):
        services.applications.add(name, "Analyst", stage="Applied")
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    dialog = open_settings(window)
    box = dialog.timings["r5_days"]
    assert (box.minimum(), box.maximum(), box.value()) == (3, 30, 7)
    words = [label.text() for label in dialog.findChildren(QLabel)]
    assert words and not any(re.search(r"\bR\d+\b", text) for text in words)  # kinds, not rules
    box.setValue(10)
    assert box.suffix() == " days"
    dialog.timings["r6_days"].setValue(1)
    assert dialog.timings["r6_days"].suffix() == " day"  # never "1 days"
    dialog.your_name.setText("Sam Rivera")
    dialog.reminder_time.setTime(QTime(8, 30))
    dialog.quiet.setChecked(True)
    dialog.ok_button.click()
    assert asked == ["This re-times 2 open follow-ups. Ctrl+Z puts them back."]
    settings = services.settings.get()
    assert (settings.r5_days, settings.your_name) == (10, "Sam Rivera")
    assert settings.reminder_time.strftime("%H:%M") == "08:30"
    assert settings.quiet_hours == "22:00-08:00"
    assert window.undo_stack.undoText() == "Change settings"
    window.undo_stack.undo()
    settings = services.settings.get()
    assert (settings.r5_days, settings.your_name, settings.quiet_hours) == (7, "", "off")
    window.undo_stack.redo()
    assert services.settings.get().r5_days == 10


def test_cancelling_the_re_timing_saves_nothing(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.applications.add("Acme", "Analyst", stage="Applied")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    dialog = open_settings(window)
    dialog.timings["r5_days"].setValue(12)
    dialog.ok_button.click()
    assert services.settings.get().r5_days == 7 and dialog.isVisible()


def test_window_preferences_apply_at_once(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialog = open_settings(window)
    assert not dialog.login.isChecked()
    dialog.tray.setChecked(True)
    dialog.login.setChecked(True)
    dialog.ok_button.click()
    assert window.tray_action.isChecked()
    entry = tmp_path / "config" / "autostart" / "jobhunt-desktop-reminders.desktop"
    assert entry.exists(), list((tmp_path / "config").rglob("*"))
    again = open_settings(window)
    assert again.login.isChecked() and again.tray.isChecked()
    again.login.setChecked(False)
    again.ok_button.click()
    assert not entry.exists()


def test_the_colour_scheme_switches_at_once_and_is_remembered(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from jobhunt_desktop.ui.theme import is_dark, stored_scheme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = open_settings(window)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
    dialog.ok_button.click()
    assert is_dark(app.palette()) and stored_scheme(window.qsettings) == "dark"
    again = open_settings(window)
    assert again.scheme.currentData() == "dark"
    again.scheme.setCurrentIndex(again.scheme.findData("light"))
    again.ok_button.click()
    assert not is_dark(app.palette())
    back = open_settings(window)
    back.scheme.setCurrentIndex(back.scheme.findData("system"))
    back.ok_button.click()
    assert stored_scheme(window.qsettings) == "system"


def test_the_first_start_asks_for_a_name_once_and_can_be_skipped(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    ini = str(tmp_path / "first.ini")
    first = MainWindow(services, QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    banner = first.board_actions.name_banner
    qtbot.waitUntil(banner.isVisible)
    banner.set_up.click()
    dialog = shown(first, SettingsDialog)
    assert dialog is not None and dialog.tabs.currentIndex() == 0
    assert not banner.isVisible()
    again = MainWindow(services, QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(20)
    assert not again.board_actions.name_banner.isVisible()  # asked once, never again


def test_no_name_is_asked_for_when_one_is_set(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    services.settings.set("your_name", "Sam Rivera")
    window = MainWindow(services, QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(20)
    assert not window.board_actions.name_banner.isVisible()


def test_the_dialog_holds_everything_config_holds(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobhunt_desktop.domain.settings import SPECS

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Ok)

    dialog = open_settings(window)
    shown = set(dialog.values())
    wanted = {spec.key for spec in SPECS} - {"reminders_paused_until"}  # Pause, in the tray
    assert shown == wanted
    dialog.zone.setCurrentText("America/New_York")
    dialog.signature.setPlainText("Sam Rivera\n+1 555 0100")
    dialog.mail.setCurrentIndex(dialog.mail.findData("outlook"))
    dialog.keeping["backup_weeks"].setValue(8)
    dialog.calendar_file.setChecked(True)
    dialog.ok_button.click()
    settings = window.services.settings.get()
    assert (settings.time_zone, settings.signature, settings.backup_weeks) == (
        "America/New_York",
        "Sam Rivera\n+1 555 0100",
        8,
    )
    assert settings.calendar_file
    assert window.qsettings.value("mail/program") == "outlook"


def test_the_demo_keeps_its_settings_apart_and_never_starts_at_login(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication

    from jobhunt_desktop.ui.theme import DEMO_APP_NAME

    name = QCoreApplication.applicationName()
    QCoreApplication.setApplicationName(DEMO_APP_NAME)
    try:
        dialog = open_settings(window)
        assert not dialog.login.isEnabled()
    finally:
        QCoreApplication.setApplicationName(name)

"""File > Back up now, File > Restore…, and the window's daily backup."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.restore_dialog import RestoreDialog
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.exports import export_with


def companies(window: MainWindow) -> list[str]:
    return sorted(
        c.model.card(r).company for c in window.board.columns for r in range(c.model.rowCount())
    )


def test_back_up_now_makes_a_copy_and_says_where(window: MainWindow, services: Services) -> None:
    services.applications.add("Acme", "Analyst")
    window.backup_action.trigger()
    [made] = services.backups.backups()
    assert made.reason == "manual" and made.cards == 1
    assert window.statusBar().currentMessage() == f"Backed up 1 card to {made.path}"


def test_restore_lists_the_copies_and_puts_one_back(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.applications.add("Acme", "Analyst")
    window.refresh()
    window.backup_action.trigger()
    globex = services.applications.add("Globex", "Engineer").id
    window.operations.perform("Edit", lambda s: s.applications.edit(globex, {"title": "Lead"}))
    assert window.undo_stack.count() == 1 and companies(window) == ["Acme", "Globex"]
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    shown: list[RestoreDialog] = []

    def choose() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreDialog))
        shown.append(dialog)
        item = dialog.list.topLevelItem(0)
        assert item is not None and item.text(2) == "1 card" and item.text(1) == "Made by you"
        dialog.restore_button.click()

    QTimer.singleShot(0, choose)
    window.restore_action.trigger()

    assert shown and asked and "backed up first" in asked[0]
    qtbot.waitUntil(lambda: companies(window) == ["Acme"])
    assert window.undo_stack.count() == 0
    reasons = sorted(b.reason for b in services.backups.backups())
    assert reasons == ["before-restore", "manual"]
    assert window.statusBar().currentMessage().startswith("Restored jobhunt-")


def test_a_refused_copy_says_why_and_changes_nothing(
    window: MainWindow,
    services: Services,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.applications.add("Acme", "Analyst")
    window.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    other = tmp_path / "notes.sqlite3"
    other.write_text("a list of things\n")
    window.data.restore_file(other)
    assert errors and "not a jobhunt-desktop database" in errors[0]
    assert companies(window) == ["Acme"]


def test_the_window_makes_the_days_backup_off_its_thread(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    services.applications.add("Acme", "Analyst")
    window.data.daily.run()
    qtbot.waitUntil(lambda: not window.data.daily.busy)
    assert [b.reason for b in services.backups.backups()] == ["daily"]
    window.data.daily.run()  # the same day: nothing more
    qtbot.waitUntil(lambda: not window.data.daily.busy)
    assert len(services.backups.backups()) == 1


def test_export_writes_the_chosen_kind_of_file(
    window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from jobhunt_desktop.ui.data_actions import EXPORT_FILTERS

    services.applications.add("Acme", "Analyst")
    for kind, start in (("csv", b"\xef\xbb\xbfcompany,"), ("json", b"{"), ("ics", b"BEGIN:")):
        chosen = next(f for f, k in EXPORT_FILTERS.items() if k == kind)
        target = tmp_path / f"out-{kind}"  # the extension is added
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *_a, t=target, c=chosen: (str(t), c)
        )
        window.export_action.trigger()
        written = target.with_name(f"{target.name}.{kind}")
        assert written.read_bytes().startswith(start), kind
        assert window.statusBar().currentMessage() == f"Exported to {written}"


def test_import_brings_a_json_export_into_an_empty_window(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    export = export_with(tmp_path, services.backups.clock, "Acme", "Globex")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(export), ""))
    window.import_action.trigger()
    qtbot.waitUntil(lambda: companies(window) == ["Acme", "Globex"])
    assert window.statusBar().currentMessage() == "Imported 2 cards from all.json"


def test_the_calendar_file_is_rewritten_after_a_change(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    services.settings.set("calendar_file", "on")
    keeper = window.data.calendar
    keeper._timer.setInterval(10)
    window.operations.run(lambda s: s.applications.add("Acme", "Analyst", stage="Applied"))
    path = services.calendar.file_path()
    qtbot.waitUntil(lambda: path.exists() and "Acme" in path.read_text())


def test_closing_the_window_stops_its_chores_and_waits_for_the_one_running(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chore still at work when the window goes would write into a store being
    closed, and answer a window already deleted."""
    services.settings.set("calendar_file", "on")
    keeper = window.data.calendar
    started, release = threading.Event(), threading.Event()
    rewrite = keeper.work

    def slow() -> None:
        started.set()
        release.wait(5)
        rewrite()

    monkeypatch.setattr(keeper, "work", slow)
    keeper.run()
    assert started.wait(5)
    window.data.daily.start()
    QTimer.singleShot(100, release.set)
    window.close()
    assert not keeper.busy  # the running one landed before the window went
    assert services.calendar.file_path().exists()
    assert not keeper._timer.isActive() and not window.data.daily._timer.isActive()

"""Window tests never block on a message box: warnings are recorded instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import ModalAnswers


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> QApplication:
    """Every test here may build a widget, and a widget made before the QApplication
    aborts the whole process: a test run on its own (or first on a worker) would."""
    return qapp


@pytest.fixture(autouse=True)
def _no_answers_left() -> Iterator[None]:
    """Forms answered in one test are never answered in the next, and a dialog one
    test left open is no modal window in the next."""
    yield
    ModalAnswers.stop_all()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.hide()


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    """The main window on the test's database, its layout kept in the test's folder."""
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning shown, in order, instead of a modal box."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown

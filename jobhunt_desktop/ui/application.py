"""Start the window: the QApplication, its icon and scheme, and the main loop."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("icon-256.png", "icon-64.png", "icon-32.png", "icon.png"):
        path = RESOURCES / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def run_window(services: Services, title: str, argv: Sequence[str] | None = None) -> int:
    QCoreApplication.setOrganizationName("jobhunt-desktop")
    QCoreApplication.setApplicationName("jobhunt-desktop")
    QGuiApplication.setDesktopFileName("jobhunt-desktop")
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    window = MainWindow(services, title=title)
    window.show()
    # First paint done: let scripts and benchmarks know when the board is on screen.
    QTimer.singleShot(0, lambda: window.setProperty("painted", True))
    app.styleHints().colorSchemeChanged.connect(lambda *_: window.update())
    return app.exec()

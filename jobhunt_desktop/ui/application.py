"""Start the window: the QApplication, its icon and scheme, and the main loop."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.main_window import MainWindow

# A source checkout keeps the icons in resources/; a wheel installs them into the
# hicolor theme under the installation prefix.
ICON_THEMES = (
    Path(__file__).resolve().parents[2] / "resources" / "hicolor",
    Path(sys.prefix) / "share" / "icons" / "hicolor",
)
ICON_SIZES = (256, 64, 32)


def app_icon() -> QIcon:
    icon = QIcon.fromTheme("jobhunt-desktop")
    for theme in ICON_THEMES:
        for size in ICON_SIZES:
            for folder in (theme / f"{size}x{size}", theme / f"{size}x{size}" / "apps"):
                path = folder / "jobhunt-desktop.png"
                if path.exists():
                    icon.addFile(str(path))
    return icon


class FirstPaintHook(QObject):
    """Test and benchmark hooks, all off by default, switched on by the environment.

    Once the main window has painted for the first time:

    - ``JOBHUNT_REPORT_PAINT=1`` prints ``PAINTED`` on stdout (benchmarks time it);
    - ``JOBHUNT_GEOMETRY_FILE=path`` writes the columns' list areas and first cards as
      JSON, in global screen coordinates (device-independent pixels, see ``dpr``), so an
      end-to-end test can drag with a real pointer;
    - ``JOBHUNT_EXIT_AFTER_PAINT=1`` then quits the application.
    """

    def __init__(
        self, window: MainWindow, report: bool, geometry_file: str, exit_after: bool
    ) -> None:
        super().__init__(window)
        self._window = window
        self._report = report
        self._geometry_file = geometry_file
        self._exit_after = exit_after
        self._seen = False
        window.installEventFilter(self)

    @classmethod
    def from_env(cls, window: MainWindow, env: Mapping[str, str]) -> FirstPaintHook | None:
        report = env.get("JOBHUNT_REPORT_PAINT") == "1"
        geometry_file = env.get("JOBHUNT_GEOMETRY_FILE", "")
        exit_after = env.get("JOBHUNT_EXIT_AFTER_PAINT") == "1"
        if not (report or geometry_file or exit_after):
            return None
        return cls(window, report, geometry_file, exit_after)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and watched is self._window and event.type() == QEvent.Type.Paint:
            self._seen = True
            # Children paint in the same pass; a zero timer runs once it is on screen.
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        if self._geometry_file:
            write_geometry(self._window, Path(self._geometry_file))
        if self._report:
            print("PAINTED", flush=True)
        if self._exit_after:
            QCoreApplication.quit()


def _global_rect(widget: QWidget, x: int, y: int, w: int, h: int) -> list[int]:
    at = widget.mapToGlobal(QPoint(x, y))
    return [at.x(), at.y(), w, h]


def write_geometry(window: MainWindow, path: Path) -> None:
    """The window, each column's card list and its first card as JSON, written atomically."""
    columns = []
    for column in window.board.columns:
        view = column.view.viewport()
        first_id, first_rect = None, None
        if column.model.rowCount():
            first_id = column.model.card(0).id
            card = column.view.visualRect(column.model.index(0, 0))
            first_rect = _global_rect(view, card.x(), card.y(), card.width(), card.height())
        columns.append(
            {
                "stage": column.model.stage.name,
                "list": _global_rect(view, 0, 0, view.width(), view.height()),
                "first_card_id": first_id,
                "first_card": first_rect,
            }
        )
    data = {
        "window": _global_rect(window, 0, 0, window.width(), window.height()),
        "dpr": window.devicePixelRatio(),
        "columns": columns,
    }
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(path)


def run_window(services: Services, title: str, argv: Sequence[str] | None = None) -> int:
    QCoreApplication.setOrganizationName("jobhunt-desktop")
    QCoreApplication.setApplicationName("jobhunt-desktop")
    QGuiApplication.setDesktopFileName("jobhunt-desktop")
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    window = MainWindow(services, title=title)
    FirstPaintHook.from_env(window, os.environ)  # off unless asked for; the window owns it
    window.show()
    # First paint done: let scripts and benchmarks know when the board is on screen.
    QTimer.singleShot(0, lambda: window.setProperty("painted", True))
    app.styleHints().colorSchemeChanged.connect(lambda *_: window.update())
    return app.exec()

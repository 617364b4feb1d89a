"""What an empty board says: add the first application, import them from a
spreadsheet, or try the app on sample data first, in a demo database of its own (its
own window, named as such, which never raises desktop notifications and never touches
the user's file)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow


class EmptyBoardHint(QFrame):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("empty-board")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            "Your board is empty. Add the applications you have sent (or mean to send), "
            "and the app reminds you when to follow up.",
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton("&Add your first application…", self)
        self.add_button.clicked.connect(lambda: window.quick_add())
        self.import_button = QPushButton("&Import from a spreadsheet…", self)
        self.import_button.setToolTip(
            "Bring in the applications you keep in a spreadsheet or another tracker "
            "(.csv or .xlsx, such as the exports of LinkedIn, JobSync or Hired)"
        )
        self.import_button.clicked.connect(lambda: window.data.import_file())
        self.demo_button = QPushButton("Try it on sa&mple data", self)
        self.demo_button.setToolTip(
            "Opens a separate window on a demo database filled with examples; your own "
            "file is not touched, and the demo raises no desktop notifications"
        )
        self.demo_button.clicked.connect(self.open_demo)
        row = QHBoxLayout(self)
        row.addWidget(text, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.import_button)
        row.addWidget(self.demo_button)
        self.hide()
        window.refreshed.connect(self.update_shown)

    def update_shown(self) -> None:
        empty = sum(c.model.total() for c in self.window_.board.columns) == 0
        self.setVisible(empty and self.window_.attached)

    def open_demo(self) -> bool:
        """Start the demo window: the same program, on the demo database."""
        started = QProcess.startDetached(sys.executable, ["-m", "jobhunt_desktop", "--demo"])
        ok = bool(started[0] if isinstance(started, tuple) else started)
        message = (
            "Opening a demo window with sample data…"
            if ok
            else "The demo could not be started; run `jobhunt-desktop --demo`."
        )
        self.window_.statusBar().showMessage(message, 8000)
        return ok

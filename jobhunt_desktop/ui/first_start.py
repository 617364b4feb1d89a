"""The first start asks, once and skippably, for the name and signature that sign the
drafts; a banner over the board, never a dialog in the way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

if TYPE_CHECKING:
    from jobhunt_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from jobhunt_desktop.ui.main_window import MainWindow

_ASKED = "first_start/asked_name"


class NameBanner(QFrame):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("name-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            "Welcome! Drafts are signed with your name: tell the app who you are, and add "
            "a signature if you like. You can do it any time in Settings (Ctrl+,).",
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.set_up = QPushButton("Add my &name…", self)
        self.set_up.clicked.connect(self.open_settings)
        self.later = QPushButton("Not no&w", self)
        self.later.clicked.connect(self.skip)
        row = QHBoxLayout(self)
        row.addWidget(text, 1)
        row.addWidget(self.set_up)
        row.addWidget(self.later)
        self.hide()

    def show_if_first_start(self) -> None:
        """Shown while no name is set, until answered (either button): then never
        again. Nothing is written before that, so the settings file is made later,
        private, by the start-up. The name is read off the window's thread on a
        server, and the banner shows once it lands."""
        if self.window_.qsettings.value(_ASKED, False, type=bool):
            return
        self.window_.operations.read_soon(lambda s: s.settings.get().your_name, self._named)

    def _named(self, name: str) -> None:
        if not name and not self.window_.qsettings.value(_ASKED, False, type=bool):
            self.show()

    def skip(self) -> None:
        self.window_.qsettings.setValue(_ASKED, True)
        self.hide()

    def open_settings(self) -> None:
        self.skip()
        self.window_.dialogs.settings(then=_at_your_name)


def _at_your_name(dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentIndex(0)
    dialog.your_name.setFocus()

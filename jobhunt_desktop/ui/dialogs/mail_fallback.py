"""Which mail program a draft opens in (a window preference), and, when nothing
opened it, saying so and offering the other ways out of the app."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from jobhunt_desktop.domain.messages import MAIL_PROGRAMS, WEB_COMPOSE

_KEY = "mail/program"


def stored_mail_program(settings: QSettings) -> str:
    value = str(settings.value(_KEY, "system"))
    return value if value in MAIL_PROGRAMS else "system"


def store_mail_program(settings: QSettings, program: str) -> None:
    settings.setValue(_KEY, program if program in MAIL_PROGRAMS else "system")


# What each offered way is called on its button.
WAYS = {
    "copy": "&Copy the text",
    "eml": "Save as .&eml…",
    "gmail": "Open &Gmail",
    "outlook": "Open &Outlook.com",
}


def ask_another_way(parent: QWidget, tried: str) -> str | None:
    """'copy', 'eml', 'gmail' or 'outlook' (not the one just tried), or None."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Nothing opened the message")
    where = "your mail program" if tried not in WEB_COMPOSE else "the browser"
    box.setText(
        f"Nothing on this computer opened the message in {where}. Nothing was sent; "
        "choose another way to get it out."
    )
    chosen: dict[object, str] = {}
    for way, label in WAYS.items():
        if way != tried:
            chosen[box.addButton(label, QMessageBox.ButtonRole.ActionRole)] = way
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return chosen.get(box.clickedButton())

"""Small widgets and helpers the dialogs share: dates in the user's zone, an optional
date, a contact sub-form and a friendly error box."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from jobhunt_desktop.domain.entities import ContactRole
from jobhunt_desktop.domain.timeutil import EARLIEST_DAY, LATEST_DAY
from jobhunt_desktop.domain.wording import CONTACT_ROLE_NAMES
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput

if TYPE_CHECKING:  # the operations module opens its boxes through this one
    from jobhunt_desktop.ui.operations import Operations, Work

T = TypeVar("T")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date) -> str:
    """'3 Mar 2026': unambiguous everywhere, and independent of the system locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def user_zone(services: Services) -> str:
    """The zone the user reads dates in; every wall-clock field is interpreted there."""
    return services.settings.get().time_zone


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def within_calendar(edit: QDateTimeEdit) -> None:
    """Offer only the days the app works with (Qt's own range ends in the year 9999)."""
    edit.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(LATEST_DAY))


def date_edit(day: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, showing the day the way format_day does."""
    edit = QDateEdit(to_qdate(day), parent)
    within_calendar(edit)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    return edit


def time_edit(at: time, parent: QWidget | None = None) -> QTimeEdit:
    edit = QTimeEdit(QTime(at.hour, at.minute), parent)
    edit.setDisplayFormat("HH:mm")
    return edit


def friendly(message: str) -> str:
    """Service messages start in lower case so they read well after 'error:'; a dialog
    shows them as a sentence."""
    text = message.strip()
    if not text:
        return "Something went wrong, and nothing was changed."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def show_error(parent: QWidget | None, message: str, title: str = "That didn't work") -> None:
    """One place for errors, so every dialog says them the same way and stays open."""
    QMessageBox.warning(parent, title, friendly(message))


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """A Yes/No question whose safe answer, No, is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class OptionalDateEdit(QWidget):
    """A date the user may leave out: a check box switches the date field on."""

    def __init__(self, label: str, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label, self)
        self.edit = date_edit(default, self)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class ContactForm(QWidget):
    """Who to follow up with; only a name is needed for the contact to be saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Dana Kim")
        self.name.setToolTip("Leave empty if nobody was named; the other fields need a name.")
        self.email = QLineEdit(self)
        self.email.setPlaceholderText("name@company.example")
        self.phone = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem("Not set", None)
        for role, text in CONTACT_ROLE_NAMES.items():  # the same words everywhere
            self.role.addItem(text, role.value)
        self.role.setToolTip("How this person fits into the hiring process.")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("N&ame:", self.name)
        layout.addRow("E&mail:", self.email)
        layout.addRow("P&hone:", self.phone)
        layout.addRow("Rol&e:", self.role)

    def value(self) -> ContactInput | None:
        name = self.name.text().strip()
        if not name:
            return None
        role = self.role.currentData()
        return ContactInput(
            name=name,
            email=self.email.text().strip() or None,
            phone=self.phone.text().strip() or None,
            role=ContactRole(role) if isinstance(role, str) and role else None,
        )


class HeldButtons:
    """A dialog's buttons while its write is on its way to the server: they wait, the
    main one saying Saving…, until it lands (on a file that is at once)."""

    def __init__(self, buttons: QDialogButtonBox, main: QPushButton) -> None:
        self.buttons, self.main = buttons, main
        self._text = ""  # the main button's own text, while it says Saving…

    @property
    def saving(self) -> bool:
        return bool(self._text)

    def perform(
        self,
        ops: Operations,
        label: str,
        work: Work[T],
        done: Callable[[T], None],
        title: str = "",
    ) -> None:
        """`Operations.perform_soon` for the dialog: `done` gets the result once it
        landed, if the dialog is still open; a failure is said over the dialog and the
        form stays as it is."""
        self._text = self.main.text()
        self.buttons.setEnabled(False)
        self.main.setText("Saving…")

        def landed(result: T | None) -> None:
            if not shiboken6.isValid(self.main):
                return
            self.buttons.setEnabled(True)
            self.main.setText(self._text)
            self._text = ""
            if result is not None:
                done(result)

        ops.perform_soon(label, work, landed, parent=self.main.window(), title=title)

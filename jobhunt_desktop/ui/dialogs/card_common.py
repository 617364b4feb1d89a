"""Pieces the card dialog's tabs share: what they are shown, how they act, and the
conversion between Qt's date widgets and aware datetimes in the user's zone.

Date and time widgets run on UTC internally and hold the *wall clock* of the user's
zone, so the system's own zone never shifts what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypeVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import FollowUp
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.timeutil import resolve_local, zone
from jobhunt_desktop.services.applications import Story
from jobhunt_desktop.ui.dialogs.forms import within_calendar
from jobhunt_desktop.ui.operations import Work

T = TypeVar("T")

ID_ROLE = Qt.ItemDataRole.UserRole
LATE_COLOUR = QColor("#c62828")
INVALID_STYLE = "border: 2px solid #d32f2f; border-radius: 3px;"
DATE_FORMAT = "ddd d MMM yyyy"
DATETIME_FORMAT = "ddd d MMM yyyy  HH:mm"


@dataclass(frozen=True, slots=True)
class CardView:
    """One consistent read of the card: every tab draws from the same moment."""

    story: Story
    settings: Settings
    now: datetime

    @property
    def chain(self) -> tuple[FollowUp, ...]:
        """The card's follow-ups, history included, in due order."""
        return self.story.followups

    @property
    def zone(self) -> str:
        return self.settings.time_zone

    @property
    def application_id(self) -> int:
        return self.story.application.id


class CardHost(Protocol):
    """What a tab needs from the dialog; keeps the tabs free of the dialog class. A
    tab reads through `fetch` and writes through `perform`, never on its own."""

    application_id: int

    def current(self) -> CardView: ...

    def perform(self, text: str, work: Work[T], message: Callable[[T], str]) -> None: ...

    def fetch(self, saying: str, work: Work[T], then: Callable[[T], None]) -> None: ...

    def ask(self, form: QDialog) -> bool: ...

    def confirm(self, title: str, question: str) -> bool: ...

    def show_error(self, message: str) -> None: ...

    def say(self, text: str) -> None: ...

    def draft(self, followup: FollowUp) -> None: ...


# time ------------------------------------------------------------------------------


def local_text(instant: datetime | None, zone_name: str) -> str:
    """A short, readable local time; the zone is the user's, not the computer's."""
    if instant is None:
        return ""
    local = instant.astimezone(zone(zone_name))
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def day_text(day: date | None) -> str:
    if day is None:
        return ""
    return f"{day:%a} {day.day} {day:%b %Y}"


def to_wall_clock(instant: datetime, zone_name: str) -> QDateTime:
    """An instant as the wall-clock time of the zone, held in a UTC QDateTime."""
    local = instant.astimezone(zone(zone_name))
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute),
        QTimeZone.utc(),
    )


def from_wall_clock(value: QDateTime, zone_name: str) -> datetime:
    """The aware instant of a wall-clock time typed in the user's zone (DST-safe)."""
    day, clock = value.date(), value.time()
    naive = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
    return resolve_local(naive, zone_name)


def datetime_edit(
    instant: datetime, zone_name: str, parent: QWidget | None = None
) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    within_calendar(edit)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setDateTime(to_wall_clock(instant, zone_name))
    edit.setToolTip(f"Your local time ({zone_name})")
    return edit


class OptionalDateTime(QWidget):
    """A date and time that may be left out, in the user's zone."""

    def __init__(
        self, label: str, instant: datetime, zone_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone_name = zone_name
        self.check = QCheckBox(label, self)
        self.edit = datetime_edit(instant, zone_name, self)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> datetime | None:
        if not self.check.isChecked():
            return None
        return from_wall_clock(self.edit.dateTime(), self.zone_name)

    def set_value(self, instant: datetime) -> None:
        self.edit.setDateTime(to_wall_clock(instant, self.zone_name))
        self.check.setChecked(True)


# widgets ---------------------------------------------------------------------------


def button(text: str, tip: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
    """A push button with a mnemonic in `text`, a tooltip, and no default-button habit."""
    push = QPushButton(text, parent)
    push.setToolTip(tip)
    push.setAutoDefault(False)
    push.clicked.connect(lambda _checked=False: slot())
    return push


def table(headers: Sequence[str], name: str, parent: QWidget) -> QTreeWidget:
    """A read-only, single-selection list with columns."""
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAccessibleName(name)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def row_item(values: Sequence[str], item_id: int | None = None) -> QTreeWidgetItem:
    item = QTreeWidgetItem([str(v) for v in values])
    if item_id is not None:
        item.setData(0, ID_ROLE, item_id)
    for column, value in enumerate(values):
        item.setToolTip(column, str(value))
    return item


def paint_late(item: QTreeWidgetItem) -> None:
    brush = QBrush(LATE_COLOUR)
    for column in range(item.columnCount()):
        item.setForeground(column, brush)


def selected_id(tree: QTreeWidget) -> int | None:
    item = tree.currentItem()
    if item is None or not item.isSelected():
        return None
    value = item.data(0, ID_ROLE)
    return int(value) if value is not None else None


def select_id(tree: QTreeWidget, item_id: int | None) -> None:
    """Keep the user's place in a list across a reload."""
    if item_id is None:
        return
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item is not None and item.data(0, ID_ROLE) == item_id:
            tree.setCurrentItem(item)
            return


def set_invalid(widget: QWidget, problem: str | None, tip: str) -> None:
    """Red border and the problem as tooltip, or back to normal with its usual hint."""
    widget.setProperty("invalid", problem is not None)
    widget.setStyleSheet(INVALID_STYLE if problem else "")
    widget.setToolTip(problem or tip)


class FormDialog(QDialog):
    """A small form with an OK button that says what it does, and Cancel."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel")
        cancel.setToolTip("Close without saving anything (Esc)")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget, tip: str = "") -> None:
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        if tip:
            widget.setToolTip(tip)
        self.form.addRow(caption, widget)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

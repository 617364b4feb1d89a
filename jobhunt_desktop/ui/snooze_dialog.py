"""The "Pick a date and time…" dialog of the Follow-ups panel's Snooze menu.

It lives apart from the panel because it is a dialog of its own with its own care:
the time is typed on the user's wall clock (their zone, not the system's), and a time
the clocks repeat when they go back is refused rather than guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.timeutil import LATEST_DAY, resolve_local, zone


def is_repeated(wall: datetime, zone_name: str) -> bool:
    """True for a wall-clock time that happens twice, when the clocks go back."""
    tz = zone(zone_name)
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return False
    return first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall


class SnoozeDialog(QDialog):
    """Pick a date and time on the user's wall clock (their zone, not the system's)."""

    def __init__(
        self, suggested: datetime, now: datetime, zone_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._zone = zone_name
        self.setWindowTitle("Snooze until")
        # The editor holds bare wall-clock numbers; UTC has no DST gaps to bend them.
        self.editor = QDateTimeEdit()
        if hasattr(self.editor, "setTimeZone"):  # Qt 6.7 and later
            self.editor.setTimeZone(QTimeZone.utc())
        else:
            self.editor.setTimeSpec(Qt.TimeSpec.UTC)
        self.editor.setMinimumDateTime(self._to_qt(now + timedelta(minutes=1)))
        self.editor.setMaximumDate(QDate(LATEST_DAY.year, LATEST_DAY.month, LATEST_DAY.day))
        self.editor.setDateTime(self._to_qt(max(suggested, now + timedelta(minutes=1))))
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.editor.setToolTip(f"Date and time in your time zone ({zone_name})")
        label = QLabel("&Remind me again on:")
        label.setBuddy(self.editor)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _to_qt(self, instant: datetime) -> QDateTime:
        local = instant.astimezone(zone(self._zone))
        return QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute),
            QTimeZone.utc(),
        )

    def wall_time(self) -> datetime:
        """What the editor shows, as a naive wall-clock time."""
        value = self.editor.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def chosen(self) -> datetime:
        """The picked moment as UTC; a time DST skips moves past the gap."""
        return resolve_local(self.wall_time(), self._zone)

    def _accept_if_valid(self) -> None:
        # A time the clocks skip is simply moved past the gap; one they repeat would
        # be a guess, so ask again.
        if is_repeated(self.wall_time(), self._zone):
            self.problem.setText(
                "That time happens twice that night, as the clocks go back. "
                "Pick a time outside that hour."
            )
            self.problem.show()
            return
        self.accept()

"""The Due list as a Qt table model: a thin adapter over open follow-ups.

The rows come from the services already read; the model only orders them (late ones
first, since those need attention most) and decides how each cell reads and looks.
It never reads the clock: the panel hands in "now" from the injected one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.lateness import followup_is_late, late_from
from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.timeutil import local_date, zone
from jobhunt_desktop.domain.wording import FOLLOWUP_KIND_HINTS, FOLLOWUP_KIND_NAMES, RULE_ACTIONS

Index = QModelIndex | QPersistentModelIndex

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Fixed colours rather than palette ones: they must read as "late" and "later" on
# light and dark themes alike.
_LATE = QBrush(QColor("#d32f2f"))
_LATER = QBrush(QColor("#8a8a8a"))


class DueColumn(IntEnum):
    WHEN = 0
    WHAT = 1
    WHO = 2
    RULE = 3
    WHY = 4


HEADERS: dict[DueColumn, str] = {
    DueColumn.WHEN: "When",
    DueColumn.WHAT: "What",
    DueColumn.WHO: "Who",
    DueColumn.RULE: "Kind",
    DueColumn.WHY: "Why",
}

HEADER_TIPS: dict[DueColumn, str] = {
    DueColumn.WHEN: "When the reminder comes up, in your time zone",
    DueColumn.WHAT: "What to do",
    DueColumn.WHO: "The application it is about",
    DueColumn.RULE: "What kind of follow-up it is",
    DueColumn.WHY: "What led to it",
}


class DueRole(IntEnum):
    FOLLOWUP_ID = Qt.ItemDataRole.UserRole + 1
    APPLICATION_ID = Qt.ItemDataRole.UserRole + 2  # None for the keep-applying nudge
    ROW = Qt.ItemDataRole.UserRole + 3  # the DueRow itself
    OVERDUE = Qt.ItemDataRole.UserRole + 4


def short_time(instant: datetime, zone_name: str, now: datetime) -> str:
    """ "Tue 10 Mar 09:00" on the user's wall clock, with the year only when it differs.

    Names are spelled out here, not by strftime, so the locale Qt sets cannot turn
    them into another language in an English window.
    """
    local = instant.astimezone(zone(zone_name))
    year = "" if local.year == local_date(now, zone_name).year else f" {local.year}"
    return (
        f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}{year} "
        f"{local.hour:02d}:{local.minute:02d}"
    )


def action_text(f: FollowUp) -> str:
    return RULE_ACTIONS.get(f.kind.value, f.kind.value.replace("_", " ").capitalize())


def who_text(row: DueRow) -> str:
    """R12 belongs to the whole search, not to one application."""
    if row.followup.application_id is None or row.company is None:
        return "Your search"
    return f"{row.company} — {row.title}" if row.title else row.company


class DueModel(QAbstractTableModel):
    """Open follow-ups, late first and then soonest first; read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DueRow] = []
        self._late: list[bool] = []
        self._now = datetime.min
        self._zone = "UTC"

    # what the panel feeds in ---------------------------------------------------------

    def set_rows(self, rows: Sequence[DueRow], now: datetime, zone_name: str) -> None:
        """Replace every row; `now` decides what is late, due or still to come."""
        late = {r.followup.id: followup_is_late(r.followup, now, zone_name) for r in rows}
        ordered = sorted(
            rows,
            key=lambda r: (not late[r.followup.id], r.followup.remind_at, r.followup.id),
        )
        marks = [late[r.followup.id] for r in ordered]
        if ordered == self._rows and marks == self._late and zone_name == self._zone:
            self._now = now  # the same rows, read again: nothing to repaint
            return
        self.beginResetModel()
        self._now = now
        self._zone = zone_name
        self._rows = ordered
        self._late = marks
        self.endResetModel()

    def due_row(self, row: int) -> DueRow:
        return self._rows[row]

    def is_late(self, row: int) -> bool:
        return self._late[row]

    def is_later(self, row: int) -> bool:
        """Not due yet: still to come, or snoozed past now."""
        return self._rows[row].followup.remind_at > self._now

    def now(self) -> datetime:
        return self._now

    def zone_name(self) -> str:
        return self._zone

    # Qt's table model -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DueColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DueColumn):
            return None
        column = DueColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[column]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(DueColumn):
            return None
        number = index.row()
        row = self._rows[number]
        column = DueColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, self._late[number])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, self._late[number])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column is DueColumn.WHAT:  # read out as the panel shows it
                late = self._late[number]
                return ", ".join(
                    self._display(row, c, late)
                    for c in (DueColumn.WHAT, DueColumn.WHO, DueColumn.WHEN)
                )
            return self._display(row, column, self._late[number])
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._late[number]:
                return _LATE
            return _LATER if self.is_later(number) else None
        if role == Qt.ItemDataRole.FontRole:
            if not self._late[number]:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == DueRole.FOLLOWUP_ID:
            return row.followup.id
        if role == DueRole.APPLICATION_ID:
            return row.followup.application_id
        if role == DueRole.ROW:
            return row
        if role == DueRole.OVERDUE:
            return self._late[number]
        return None

    # how a cell reads -----------------------------------------------------------------

    def _display(self, row: DueRow, column: DueColumn, late: bool) -> str:
        f = row.followup
        if column is DueColumn.WHEN:
            when = short_time(f.remind_at, self._zone, self._now)
            if late:
                return f"{when} · late"
            if f.state is FollowUpState.SNOOZED and f.remind_at > self._now:
                return f"{when} · snoozed"
            return when
        if column is DueColumn.WHAT:
            return action_text(f)
        if column is DueColumn.WHO:
            return who_text(row)
        if column is DueColumn.RULE:
            return FOLLOWUP_KIND_NAMES[f.kind].capitalize()
        return f.reason or ""

    def _tooltip(self, row: DueRow, column: DueColumn, late: bool) -> str:
        f = row.followup
        if column is DueColumn.WHEN:
            return self._when_tip(f, late)
        if column is DueColumn.WHAT:  # the panel's one column: the whole story of it
            lines = [action_text(f)]
            if f.subject:
                lines.append(f"Suggested subject: {f.subject}")
            lines += [
                "",
                self._tooltip(row, DueColumn.WHO, late),
                self._when_tip(f, late),
                f"Why: {f.reason or 'no reason was recorded'}",
                self._tooltip(row, DueColumn.RULE, late),
            ]
            return "\n".join(lines)
        if column is DueColumn.WHO:
            if f.application_id is None:
                return "About your search as a whole, not one application"
            return f"{who_text(row)}\nDouble-click or press Enter to open it"
        if column is DueColumn.RULE:
            name = FOLLOWUP_KIND_NAMES[f.kind].capitalize()
            return f"{name}: {FOLLOWUP_KIND_HINTS[f.kind]}"
        return f.reason or "No reason was recorded"

    def _when_tip(self, f: FollowUp, late: bool) -> str:
        lines = [f"Comes up {short_time(f.remind_at, self._zone, self._now)} ({self._zone})"]
        if f.state is FollowUpState.SNOOZED and f.snoozed_until is not None:
            lines.append(f"Snoozed until {short_time(f.snoozed_until, self._zone, self._now)}")
        if late:
            since = short_time(
                late_from(f.remind_at, f.overdue_at, self._zone), self._zone, self._now
            )
            lines.append(f"Late since {since}: best done as soon as you can")
        elif f.remind_at > self._now:
            lines.append("Not due yet")
        return "\n".join(lines)

"""The tables of the Insights view: companies, sources, follow-ups, time in stage.
Sortable by each column; numbers sort as numbers, "not enough data" last."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from jobhunt_desktop.domain.insights import Insights

NOT_ENOUGH = "not enough data"
Cell = str | int | float | None


class _Item(QTableWidgetItem):
    """A cell that sorts by its value, not its text."""

    def __init__(self, value: Cell, text: str) -> None:
        super().__init__(text)
        self.value = value
        self.setFlags(self.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if isinstance(value, int | float):
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if text == NOT_ENOUGH:  # there, but quieter than a figure
            self.setForeground(QPalette().color(QPalette.ColorRole.PlaceholderText))
            self.setToolTip("Fewer than 5 cards: a figure would mislead")

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.value, getattr(other, "value", None)
        if isinstance(mine, str) or isinstance(theirs, str):
            return str(mine or "").lower() < str(theirs or "").lower()
        if mine is None or theirs is None:
            return theirs is None and mine is not None  # "not enough data" sorts last
        return bool(mine < theirs)


def percent(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:.0%}"


def days(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:g}"


def _fill(
    table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[tuple[Cell, str]]]
) -> None:
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, (value, text) in enumerate(row):
            table.setItem(r, c, _Item(value, text))
    table.setSortingEnabled(True)
    table.resizeColumnsToContents()


def table(name: str, parent: QWidget) -> QTableWidget:
    view = QTableWidget(parent)
    view.setAccessibleName(name)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def show_companies(view: QTableWidget, f: Insights) -> None:
    _fill(
        view,
        ["Company", "Applications", "Answered", "Days to answer", "Promises kept", "Days late"],
        [
            [
                (c.company, c.company),
                (c.applications, str(c.applications)),
                (c.answered, str(c.answered)),
                (c.median_days_to_answer, days(c.median_days_to_answer)),
                (c.promises_kept, percent(c.promises_kept) if c.promises else "none made"),
                (c.median_days_late, days(c.median_days_late) if c.promises else ""),
            ]
            for c in f.companies
        ],
    )


def show_sources(view: QTableWidget, f: Insights) -> None:
    _fill(
        view,
        ["Source", "Applications", "Answered", "Interviews", "Offers", "Answer rate"],
        [
            [
                (s.source, s.source),
                (s.applications, str(s.applications)),
                (s.answered, str(s.answered)),
                (s.interviews, str(s.interviews)),
                (s.offers, str(s.offers)),
                (s.rate(s.answered), percent(s.rate(s.answered))),
            ]
            for s in f.sources
        ],
    )


def show_followups(view: QTableWidget, f: Insights, names: dict[str, str]) -> None:
    _fill(
        view,
        ["Follow-up", "Sent", "Answered within 14 days"],
        [
            [
                (names.get(x.kind, x.kind), names.get(x.kind, x.kind)),
                (x.sent, str(x.sent)),
                (x.answered_within_14_days, percent(x.answered_within_14_days)),
            ]
            for x in f.followups
        ],
    )


def show_stays(view: QTableWidget, f: Insights) -> None:
    _fill(
        view,
        ["Stage", "Median days", "Middle half", "Stays"],
        [
            [
                (stage.name, stage.name),
                (d.median, days(d.median)),
                (d.low, "" if d.median is None else f"{d.low:g} to {d.high:g}"),
                (d.count, str(d.count)),
            ]
            for stage, d in f.time_in_stage
        ],
    )

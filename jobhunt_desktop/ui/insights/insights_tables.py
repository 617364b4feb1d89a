"""The tables of the Insights view: companies, sources, follow-ups, time in stage.

One thin model over the figures (rows are made only as they are shown, so 2,500
companies cost nothing until scrolled to), sortable by each column: numbers sort as
numbers, and "not enough data" sorts last, shown quieter than a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jobhunt_desktop.domain.insights import (
    CompanyFigures,
    FollowUpFigures,
    Insights,
    SourceFigures,
    Spread,
)
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.wording import FOLLOWUP_KIND_NAMES

NOT_ENOUGH = "not enough data"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


# Follow-up kinds as the tables and the report name them, by the kind's value.
FOLLOWUP_NAMES = {kind.value: name.capitalize() for kind, name in FOLLOWUP_KIND_NAMES.items()}


def percent(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:.0%}"


def days(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:g}"


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]  # what the column sorts by (None: not enough data)
    text: Callable[[R], str]


class FiguresModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []
        self._quiet = QPalette().color(QPalette.ColorRole.PlaceholderText)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            value = column.value(row)
            if isinstance(value, str):
                return value.lower()
            return float("inf") if value is None else float(value)  # not enough data: last
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(column.value(row), str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.text(row) == NOT_ENOUGH:
            return self._quiet
        if role == Qt.ItemDataRole.ToolTipRole and column.text(row) == NOT_ENOUGH:
            return "Fewer than 5 cards: a figure would mislead"
        return None


def table(name: str, model: FiguresModel[Any], parent: QWidget) -> QTableView:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the figures' own order at first
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def companies_model(parent: QWidget) -> FiguresModel[CompanyFigures]:
    return FiguresModel(
        [
            Column("Company", lambda c: c.company, lambda c: c.company),
            Column("Applications", lambda c: c.applications, lambda c: str(c.applications)),
            Column("Answered", lambda c: c.answered, lambda c: str(c.answered)),
            Column(
                "Days to answer",
                lambda c: c.median_days_to_answer,
                lambda c: days(c.median_days_to_answer),
            ),
            Column(
                "Promises kept",
                lambda c: c.promises_kept if c.promises else -1,
                lambda c: percent(c.promises_kept) if c.promises else "none made",
            ),
            Column(
                "Days late",
                lambda c: c.median_days_late if c.promises else -1,
                lambda c: days(c.median_days_late) if c.promises else "",
            ),
        ],
        parent,
    )


def sources_model(parent: QWidget) -> FiguresModel[SourceFigures]:
    return FiguresModel(
        [
            Column("Source", lambda s: s.source, lambda s: s.source),
            Column("Applications", lambda s: s.applications, lambda s: str(s.applications)),
            Column("Answered", lambda s: s.answered, lambda s: str(s.answered)),
            Column("Interviews", lambda s: s.interviews, lambda s: str(s.interviews)),
            Column("Offers", lambda s: s.offers, lambda s: str(s.offers)),
            Column(
                "Answer rate",
                lambda s: s.rate(s.answered),
                lambda s: percent(s.rate(s.answered)),
            ),
        ],
        parent,
    )


def followups_model(parent: QWidget) -> FiguresModel[FollowUpFigures]:
    def name_of(kind: str) -> str:
        return FOLLOWUP_NAMES.get(kind, kind)

    return FiguresModel(
        [
            Column(
                "Follow-up",
                lambda f: name_of(f.kind),
                lambda f: name_of(f.kind),
            ),
            Column("Sent", lambda f: f.sent, lambda f: str(f.sent)),
            Column(
                "Answered within 14 days",
                lambda f: f.answered_within_14_days,
                lambda f: percent(f.answered_within_14_days),
            ),
        ],
        parent,
    )


def stays_model(parent: QWidget) -> FiguresModel[tuple[Stage, Spread]]:
    return FiguresModel(
        [
            Column("Stage", lambda r: r[0].position, lambda r: r[0].name),
            Column("Median days", lambda r: r[1].median, lambda r: days(r[1].median)),
            Column(
                "Middle half",
                lambda r: r[1].low,
                lambda r: "" if r[1].median is None else f"{r[1].low:g} to {r[1].high:g}",
            ),
            Column("Stays", lambda r: r[1].count, lambda r: str(r[1].count)),
        ],
        parent,
    )


def show(figures: Insights, models: dict[str, FiguresModel[Any]]) -> None:
    models["companies"].set_rows(figures.companies)
    models["sources"].set_rows(figures.sources)
    models["followups"].set_rows(figures.followups)
    models["stays"].set_rows(figures.time_in_stage)

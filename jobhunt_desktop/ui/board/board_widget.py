"""The board: columns side by side in a scroll area, fed with rows from the services."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollArea, QWidget

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.board.column_model import ColumnModel
from jobhunt_desktop.ui.board.column_widget import ColumnWidget
from jobhunt_desktop.ui.board.file_drops import FileDrops
from jobhunt_desktop.ui.board.filtering import CardFilter

# The board scrolls with slim bars drawn from the palette. Fusion's own vertical bar
# fills its gradient groove row by row each time it paints, which every column's first
# picture and every scroll step paid for; a flat style sheet bar costs next to nothing
# (benchmarks/window_benchmark.py times a column's repaint with its bar).
SLIM_SCROLLBAR = """
QScrollBar { background: transparent; border: none; }
QScrollBar:vertical { width: 10px; margin: 2px 1px 2px 1px; }
QScrollBar:horizontal { height: 10px; margin: 1px 2px 1px 2px; }
QScrollBar::handle { background: palette(mid); border-radius: 4px; }
QScrollBar::handle:vertical { min-height: 32px; }
QScrollBar::handle:horizontal { min-width: 32px; }
QScrollBar::handle:hover, QScrollBar::handle:pressed { background: palette(dark); }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }
"""


class BoardWidget(QScrollArea):
    openRequested = Signal(int)
    cardsDropped = Signal(list, int, int)
    filesDropped = Signal(list, list)  # card ids, paths of the files dropped on them
    collapsedChanged = Signal()

    def __init__(
        self,
        now: Callable[[], datetime],
        zone: Callable[[], str] = lambda: "UTC",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = zone
        self._filter = CardFilter()
        self.columns: list[ColumnWidget] = []
        self._inner = QWidget(self)
        self._layout = QHBoxLayout(self._inner)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(8)
        self._layout.addStretch(1)
        self.setWidget(self._inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.horizontalScrollBar().setStyleSheet(SLIM_SCROLLBAR)
        self.setAccessibleName("Board")

    def set_stages(self, stages: Sequence[Stage], collapsed: Iterable[int] = ()) -> None:
        """Rebuild the columns when stages change (rare); cards follow with set_rows."""
        shut = set(collapsed) | {c.stage_id for c in self.columns if c.collapsed}
        wanted = [s for s in stages if not s.hidden]
        if [c.stage_id for c in self.columns] == [s.id for s in wanted]:
            for column, stage in zip(self.columns, wanted, strict=True):
                column.set_stage(stage)
            return
        for column in self.columns:
            self._layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for stage in wanted:
            model = ColumnModel(stage, self._now, self._zone, self)
            model.set_filter(self._filter)
            model.cardsDropped.connect(self.cardsDropped)
            column = ColumnWidget(model, self._inner)
            FileDrops(column.view).filesDropped.connect(self.filesDropped)
            column.set_collapsed(stage.id in shut)
            column.view.openRequested.connect(self.openRequested)
            column.view.neighbourRequested.connect(
                lambda step, c=column: self._focus_neighbour(c, step)
            )
            column.collapsedChanged.connect(lambda *_: self.collapsedChanged.emit())
            column.view.verticalScrollBar().setStyleSheet(SLIM_SCROLLBAR)
            self._layout.insertWidget(self._layout.count() - 1, column)
            self.columns.append(column)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (the colour scheme changed): a style sheet reads ``palette()``
        when it is set, so the bars are given theirs again."""
        if event.type() == QEvent.Type.PaletteChange:
            bars = [self.horizontalScrollBar(), *(c.view.verticalScrollBar() for c in self.columns)]
            for bar in bars:
                bar.setStyleSheet(SLIM_SCROLLBAR)
        super().changeEvent(event)

    def set_rows(self, rows: Sequence[BoardRow], totals: Mapping[int, int] | None = None) -> None:
        """Cards for every column; `totals` when `rows` holds only each column's top."""
        by_stage: dict[int, list[BoardRow]] = {c.stage_id: [] for c in self.columns}
        for row in rows:
            if row.stage_id in by_stage:
                by_stage[row.stage_id].append(row)
        for column in self.columns:
            total = totals.get(column.stage_id, 0) if totals is not None else None
            column.show_rows(by_stage[column.stage_id], total)

    def set_filter(self, card_filter: CardFilter) -> None:
        self._filter = card_filter
        for column in self.columns:
            column.model.set_filter(card_filter)

    def column_for(self, stage_id: int) -> ColumnWidget | None:
        return next((c for c in self.columns if c.stage_id == stage_id), None)

    def current_column(self) -> ColumnWidget | None:
        focus = QApplication.focusWidget()
        for column in self.columns:
            if focus is column.view or (focus is not None and column.isAncestorOf(focus)):
                return column
        return next((c for c in self.columns if c.view.selected_ids()), None)

    def focus_current(self) -> None:
        """The keys go to the board: to the current column, else the first."""
        column = self.current_column() or next(iter(self.columns), None)
        if column is not None:
            column.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_ids(self) -> list[int]:
        column = self.current_column()
        return column.view.selected_ids() if column is not None else []

    def set_saving(self, ids: Collection[int], saving: bool) -> None:
        """Cards painted as saving, in whichever column they are."""
        for column in self.columns:
            column.model.set_saving(ids, saving)

    def is_saving(self, application_id: int) -> bool:
        return any(column.model.is_saving(application_id) for column in self.columns)

    def select(self, stage_id: int, ids: list[int]) -> None:
        column = self.column_for(stage_id)
        if column is None:
            return
        for other in self.columns:
            if other is not column:
                other.view.clearSelection()
        column.view.select_ids(ids)
        column.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(column)

    def collapsed_stage_ids(self) -> list[int]:
        return [c.stage_id for c in self.columns if c.collapsed]

    def _focus_neighbour(self, column: ColumnWidget, step: int) -> None:
        open_columns = [c for c in self.columns if not c.collapsed]
        if column not in open_columns:
            return
        at = open_columns.index(column) + step
        if 0 <= at < len(open_columns):
            target = open_columns[at]
            target.view.focus_first()
            self.ensureWidgetVisible(target)

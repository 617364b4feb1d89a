"""The Follow-ups list: one column painted in two lines, late first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jobhunt_desktop.ui.due_delegate import DueItemDelegate, row_height
from jobhunt_desktop.ui.due_model import DueColumn, DueModel


class DueTable(QTableView):
    """A table where Enter opens the current row, as a double-click does."""

    enterPressed = Signal(QModelIndex)

    def __init__(self, model: DueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(False)  # the order means something: late first
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the buttons
        # One column, painted in two lines (see DueItemDelegate); the others stay in
        # the model, its tooltips and the accessible text. A model reset shows every
        # section again, so they are hidden again after each.
        self.setItemDelegateForColumn(DueColumn.WHAT, DueItemDelegate(self))
        self._show_one_column()
        model.modelReset.connect(self._show_one_column)
        self.horizontalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(row_height(self.fontMetrics().height()))
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Follow-ups")
        self.setToolTip("Double-click or press Enter to open the application")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_one_column(self) -> None:
        for column in DueColumn:
            self.setColumnHidden(column, column is not DueColumn.WHAT)

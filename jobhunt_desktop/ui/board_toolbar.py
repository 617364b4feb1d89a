"""The toolbar over the board: New, and the search and filters that narrow every
column at once. Part of the first paint, so it holds only widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QMainWindow, QMenu, QToolBar, QWidget

from jobhunt_desktop.ui.board.filtering import CardFilter

if TYPE_CHECKING:
    from jobhunt_desktop.ui.board.board_widget import BoardWidget

PRIORITY_FILTERS: tuple[tuple[str, int | None], ...] = (
    ("Any priority", None),
    ("High and top", 1),
    ("Top only", 2),
)


class SearchField(QLineEdit):
    """The search: Escape clears it, and, once empty, hands the keys back to the board."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            if self.text():
                self.clear()
            else:
                self.left.emit()
            return
        super().keyPressEvent(event)


class BoardToolbar(QToolBar):
    filterChanged = Signal(object)  # CardFilter

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Board", parent)
        self.setObjectName("board-toolbar")
        self.setMovable(False)
        # By keyword: given positionally, PySide loads QIcon's class (and its enums)
        # before the first paint, to rule out QAction(QIcon, str).
        self.new_action = QAction(text="&New application…", parent=parent)
        self.new_action.setEnabled(False)
        self.search = SearchField(parent)
        self.search.setPlaceholderText("Search company, role, notes, tags")
        self.search.setToolTip("Narrow every column at once (Ctrl+F; Escape clears it)")
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._changed)
        self.tag_filter = QComboBox(parent)
        self.tag_filter.setToolTip("Show only cards with this tag")
        self.tag_filter.addItem("All tags", None)
        self.tag_filter.currentIndexChanged.connect(self._changed)
        self.priority_filter = QComboBox(parent)
        self.priority_filter.setToolTip("Show only cards of this priority or higher")
        for label, value in PRIORITY_FILTERS:
            self.priority_filter.addItem(label, value)
        self.priority_filter.currentIndexChanged.connect(self._changed)
        self.addAction(self.new_action)
        self.addSeparator()
        self.addWidget(self.search)
        self.addWidget(self.tag_filter)
        self.addWidget(self.priority_filter)

    def current_filter(self) -> CardFilter:
        return CardFilter(
            text=self.search.text(),
            tag=self.tag_filter.currentData(),
            min_priority=self.priority_filter.currentData(),
        )

    def set_tags(self, tags: Sequence[str]) -> None:
        """The tags on the board, keeping the chosen one where it still exists."""
        current = self.tag_filter.currentData()
        known = [self.tag_filter.itemData(i) for i in range(1, self.tag_filter.count())]
        if known == list(tags):
            return
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        at = self.tag_filter.findData(current) if current is not None else 0
        self.tag_filter.setCurrentIndex(max(0, at))
        self.tag_filter.blockSignals(False)

    def _changed(self, *_: object) -> None:
        self.filterChanged.emit(self.current_filter())


def build_bars(window: QMainWindow, board: BoardWidget) -> tuple[dict[str, QMenu], BoardToolbar]:
    """The menu bar's titles and the toolbar, in place for the first paint.

    Their actions do something only with the services, so
    `window_actions.build_actions` makes them when the services arrive; until then
    the toolbar's one button stands disabled, and the board looks as it will.
    """
    menus = {
        name: window.menuBar().addMenu(title)
        for name, title in (
            ("file", "&File"),
            ("edit", "&Edit"),
            ("card", "&Card"),
            ("view", "&View"),
            ("settings", "&Settings"),
            ("help", "&Help"),
        )
    }
    toolbar = BoardToolbar(window)
    toolbar.filterChanged.connect(board.set_filter)
    toolbar.search.left.connect(board.focus_current)
    return menus, toolbar

"""A column: its stage's header (colour, name, count) over a list of cards."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.board.card_delegate import CardDelegate
from jobhunt_desktop.ui.board.column_model import CardRole, ColumnModel

COLUMN_WIDTH = 214
COLLAPSED_WIDTH = 40


class CardListView(QListView):
    """A list of cards that drags ids, not rows, and speaks for the keyboard."""

    openRequested = Signal(int)
    neighbourRequested = Signal(int)  # -1: the column to the left, +1: to the right

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.doubleClicked.connect(self._open)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        return [self.model().index(r, 0).data(CardRole.ID) for r in rows]

    def select_ids(self, ids: list[int]) -> None:
        model = self.model()
        selection = self.selectionModel()
        selection.clearSelection()
        first = None
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(CardRole.ID) in ids:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(int(index.data(CardRole.ID)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid():
                self._open(current)
                return
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.neighbourRequested.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    def focus_first(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            first = self.model().index(0, 0)
            self.selectionModel().setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )


class VerticalLabel(QWidget):
    """A folded column's name and count, read bottom to top like a book's spine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""

    def setText(self, text: str) -> None:
        self._text = text
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.height() + 6, metrics.horizontalAdvance(self._text) + 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.translate(0, self.height())
        painter.rotate(-90)
        metrics = self.fontMetrics()
        painter.drawText(6, (self.width() + metrics.ascent() - metrics.descent()) // 2, self._text)
        painter.end()


class ColumnWidget(QFrame):
    collapsedChanged = Signal(int, bool)

    def __init__(self, model: ColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._known_total: int | None = None
        self.setObjectName("column")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = CardListView(self)
        self.view.setModel(model)
        self.view.setAccessibleName(f"{model.stage.name} column")

        self.swatch = QLabel(self)
        self.swatch.setFixedSize(12, 12)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count = QLabel(self)
        self.toggle = QToolButton(self)
        self.toggle.setAutoRaise(True)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._set_collapsed)

        self.spine = VerticalLabel(self)
        self.spine.setVisible(False)
        header = QHBoxLayout()
        header.setContentsMargins(8, 6, 4, 2)
        header.addWidget(self.swatch)
        header.addWidget(self.title, 1)
        header.addWidget(self.count)
        header.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.spine, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(0)
        self.set_stage(model.stage)
        model.modelReset.connect(self.update_count)

    def show_rows(self, rows: Sequence[BoardRow], total: int | None = None) -> None:
        """New cards for this column; the selected ones stay selected.

        `total` is the column's full count when `rows` are only its top cards.
        """
        keep = self.view.selected_ids()
        self._known_total = total
        self.model.set_rows(rows)
        if keep:
            self.view.select_ids(keep)

    @property
    def stage_id(self) -> int:
        return self.model.stage.id

    def set_stage(self, stage: Stage) -> None:
        self.model.stage = stage
        self.swatch.setStyleSheet(f"background: {stage.colour}; border-radius: 6px;")
        self.title.setText(stage.name)
        self.toggle.setVisible(stage.kind.is_closed)
        self.toggle.setToolTip(f"Collapse or expand {stage.name}")
        self.update_count()
        self._set_collapsed(self.toggle.isChecked())

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if self._known_total is not None and shown == total:
            shown = total = self._known_total
        self.spine.setText(f"{self.model.stage.name}  ·  {total}")
        self.count.setText(str(total) if shown == total else f"{shown}/{total}")
        self.count.setToolTip(f"{total} card(s) in {self.model.stage.name}")

    @property
    def collapsed(self) -> bool:
        return self.toggle.isChecked()

    def set_collapsed(self, collapsed: bool) -> None:
        self.toggle.setChecked(collapsed and self.model.stage.kind.is_closed)

    def _set_collapsed(self, collapsed: bool) -> None:
        self.view.setVisible(not collapsed)
        for part in (self.title, self.count, self.swatch):
            part.setVisible(not collapsed)
        self.spine.setVisible(collapsed)
        self.spine.setText(f"{self.model.stage.name}  ·  {self.model.total()}")
        self.toggle.setText("▸" if collapsed else "▾")
        self.setFixedWidth(COLLAPSED_WIDTH if collapsed else COLUMN_WIDTH)
        if collapsed:
            self.setToolTip(f"{self.model.stage.name}: {self.model.total()} card(s)")
        else:
            self.setToolTip("")
        self.collapsedChanged.emit(self.stage_id, collapsed)

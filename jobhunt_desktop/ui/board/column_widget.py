"""A column: its stage's header (colour, name, count) over a list of cards."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.board.card_delegate import CardDelegate
from jobhunt_desktop.ui.board.column_model import CARD_MIME, CardRole, ColumnModel

COLUMN_WIDTH = 214
# Narrower columns are still readable (names elide, "12 d here" shortens to "12 d"):
# with the Follow-ups panel shown, a 1280 px window shows every open column.
COLUMN_MIN_WIDTH = 164
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
        assert isinstance(model, ColumnModel)
        selection = self.selectionModel()
        selection.clearSelection()
        model.expose(ids)
        first = None
        for row in model.rows_of(ids):  # looked up in Python, not through Qt's data()
            index = model.index(row, 0)
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


class ColumnHeader(QWidget):
    """A column's colour, name and card count, painted as one widget.

    Three labels and a style-sheet swatch per column made the first paint measurably
    slower; the fold button exists only for stages that can fold (closed ones).
    """

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = ""
        self._count = ""
        self._colour = QColor()
        self._folded = False
        self._toggle: QToolButton | None = None

    def set_stage(self, name: str, colour: str, foldable: bool) -> None:
        self._name = name
        self._colour = QColor(colour)
        if foldable and self._toggle is None:
            self._toggle = QToolButton(self)
            self._toggle.setAutoRaise(True)
            self._toggle.setCheckable(True)
            self._toggle.toggled.connect(self.toggled)
            self.set_folded(self._folded)
        if self._toggle is not None:
            self._toggle.setVisible(foldable)
            self._toggle.setToolTip(f"Collapse or expand {name}")
        self._describe()
        self.update()

    def set_count(self, text: str, tip: str) -> None:
        self._count = text
        self.setToolTip(tip)
        self._describe()
        self.update()

    def set_folded(self, folded: bool) -> None:
        self._folded = folded
        if self._toggle is not None:
            blocked = self._toggle.blockSignals(True)
            self._toggle.setChecked(folded)
            self._toggle.blockSignals(blocked)
            self._toggle.setText("▸" if folded else "▾")
            self._place_toggle()
        self.update()

    def count_text(self) -> str:
        return self._count

    def _describe(self) -> None:
        self.setAccessibleName(f"{self._name}, {self._count}")

    def sizeHint(self) -> QSize:
        button = self._toggle.sizeHint().height() if self._toggle is not None else 0
        return QSize(120, max(self.fontMetrics().height() + 8, button + 4, 20))

    def minimumSizeHint(self) -> QSize:
        return QSize(COLLAPSED_WIDTH - 4, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_toggle()

    def _place_toggle(self) -> None:
        if self._toggle is None:
            return
        hint = self._toggle.sizeHint()
        y = (self.height() - hint.height()) // 2
        # A folded column is narrow: there the button sits in its middle.
        middle = (self.width() - hint.width()) // 2
        x = middle if self._folded else self.width() - hint.width() - 2
        self._toggle.setGeometry(x, max(0, y), hint.width(), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._folded:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        middle = self.height() // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawEllipse(8, middle - 6, 12, 12)
        right = self.width() - 6
        if self._toggle is not None and self._toggle.isVisible():
            right = self._toggle.x() - 4
        metrics = self.fontMetrics()
        baseline = middle + (metrics.ascent() - metrics.descent()) // 2
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        count_width = metrics.horizontalAdvance(self._count)
        painter.drawText(right - count_width, baseline, self._count)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        room = right - count_width - 8 - 26
        name = QFontMetrics(bold).elidedText(self._name, Qt.TextElideMode.ElideRight, room)
        painter.drawText(26, baseline, name)
        painter.end()


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
        self._collapsed = False
        self.drop_hover = False  # cards dragged over the folded column
        self.setAcceptDrops(True)  # the folded column takes drops itself (no list shown)
        self.setObjectName("column")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = CardListView(self)
        self.view.setModel(model)
        self.view.setAccessibleName(f"{model.stage.name} column")
        self.header = ColumnHeader(self)
        self.header.toggled.connect(self._set_collapsed)
        self.spine: VerticalLabel | None = None  # made when the column first folds

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.header)
        self._layout.addWidget(self.view, 1)
        self._layout.addStretch(0)
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

    def put_cards(self, rows: Sequence[BoardRow], gone: Collection[int]) -> None:
        """Just these cards changed: they take their places, `gone` leave; a selected
        card that was only read again stays selected."""
        keep = self.view.selected_ids()
        self.model.put_cards(rows, gone)
        self.update_count()
        if {r.id for r in rows} & set(keep):
            self.view.select_ids([i for i in keep if self.model.holds(i)])

    @property
    def stage_id(self) -> int:
        return self.model.stage.id

    def set_stage(self, stage: Stage) -> None:
        self.model.stage = stage
        self.header.set_stage(stage.name, stage.colour, stage.kind.is_closed)
        self.update_count()
        self._set_collapsed(self._collapsed and stage.kind.is_closed)

    def _counts(self) -> tuple[int, int]:
        """(shown, total); while only the top cards are in, the total is the file's."""
        shown, total = self.model.shown(), self.model.total()
        if self._known_total is not None and shown == total:
            shown = total = self._known_total
        return shown, total

    def update_count(self) -> None:
        shown, total = self._counts()
        if self.spine is not None:
            self.spine.setText(f"{self.model.stage.name}  ·  {total}")
        self.header.set_count(
            str(total) if shown == total else f"{shown}/{total}",
            f"{counted(total, 'card')} in {self.model.stage.name}",
        )

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    # A folded column shows no list to drop into: the column itself takes the cards,
    # at the end, lit up while they hover over it.

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._collapsed and event.mimeData().hasFormat(CARD_MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        if not self._collapsed:
            event.ignore()
            return
        data = event.mimeData()
        if self.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex()):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def _hover(self, on: bool) -> None:
        if on != self.drop_hover:
            self.drop_hover = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.drop_hover:
            painter = QPainter(self)
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            fill = QColor(colour)
            fill.setAlpha(60)
            painter.fillRect(self.rect().adjusted(1, 1, -1, -1), fill)
            painter.setPen(colour)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
            painter.end()

    def set_collapsed(self, collapsed: bool) -> None:
        wanted = collapsed and self.model.stage.kind.is_closed
        if wanted != self._collapsed:
            self._set_collapsed(wanted)

    def _set_collapsed(self, collapsed: bool) -> None:
        self._collapsed = collapsed
        self.header.set_folded(collapsed)
        self.view.setVisible(not collapsed)
        if collapsed and self.spine is None:
            self.spine = VerticalLabel(self)
            self._layout.insertWidget(2, self.spine, 0, Qt.AlignmentFlag.AlignHCenter)
        total = self._counts()[1]
        if self.spine is not None:
            self.spine.setText(f"{self.model.stage.name}  ·  {total}")
            self.spine.setVisible(collapsed)
        if collapsed:
            self.setFixedWidth(COLLAPSED_WIDTH)
        else:
            self.setMinimumWidth(COLUMN_MIN_WIDTH)
            self.setMaximumWidth(COLUMN_WIDTH)
        if collapsed:
            self.setToolTip(f"{self.model.stage.name}: {counted(total, 'card')}")
        else:
            self.setToolTip("")
        self.collapsedChanged.emit(self.stage_id, collapsed)

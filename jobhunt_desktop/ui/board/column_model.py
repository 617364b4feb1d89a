"""One column's cards as a Qt list model: a thin adapter over board rows.

Drops are decoded here and handed on as (ids, stage, index) so the window can save
them through the services at once; the model itself never writes anything.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from jobhunt_desktop.domain.placement import positions_between
from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.board.filtering import CardFilter

CARD_MIME = "application/x-jobhunt-card-ids"  # ids as ASCII digits, comma-separated
Index = QModelIndex | QPersistentModelIndex
# Combined once: views ask for a card's flags at every paint.
CARD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
)


def _order(row: BoardRow) -> tuple[float, int]:
    """Board order within a column, as the board query sorts it."""
    return row.position, row.id


def _index_in(rows: list[BoardRow], card: BoardRow) -> int:
    """Where `card` is in `rows` (kept in board order), or -1."""
    number = bisect.bisect_left(rows, _order(card), key=_order)
    return number if number < len(rows) and rows[number].id == card.id else -1


class CardRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1


def encode_ids(ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CARD_MIME, QByteArray(",".join(str(int(i)) for i in ids).encode("ascii")))
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(CARD_MIME):
        return []
    text = bytes(mime.data(CARD_MIME).data()).decode("ascii", errors="replace")
    parts = text.split(",")
    if not all(part.isascii() and part.isdigit() for part in parts):
        return []  # not ours, or damaged: drop nothing
    return [int(part) for part in parts]


PAGE = 100  # cards a view is shown at a time; scrolling to the end brings the next


class ColumnModel(QAbstractListModel):
    """Cards of one stage, in board order, narrowed by the current filter.

    The views see the first cards only and fetch more as the person scrolls
    (`canFetchMore`): a list view lays out every row it knows whenever one comes or
    goes, so a drop into a column of thousands would otherwise cost a layout of
    thousands.
    """

    cardsDropped = Signal(list, int, int)  # ids, stage id, index in the whole column

    def __init__(
        self,
        stage: Stage,
        now: Callable[[], datetime],
        zone: Callable[[], str] = lambda: "UTC",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self._now = now
        self._zone = zone
        self._all: list[BoardRow] = []  # in board order (_order), like _visible
        self._visible: list[BoardRow] = []
        self._by_id: dict[int, BoardRow] = {}
        self._exposed = 0  # how many of _visible the views know as rows
        self._filter = CardFilter()
        self._saving: set[int] = set()  # cards shown where they go, not yet saved there

    # what the board feeds in -------------------------------------------------

    def set_rows(self, rows: Sequence[BoardRow]) -> None:
        self.beginResetModel()
        self._all = sorted(rows, key=_order)
        self._by_id = {r.id: r for r in self._all}
        self._visible = [r for r in self._all if self._filter.matches(r)]
        self._exposed = min(len(self._visible), PAGE)
        self.endResetModel()

    def put_cards(self, rows: Sequence[BoardRow], gone: Collection[int]) -> None:
        """Take these cards in where they belong (or back where they are, changed) and
        let go of `gone`: the views move just those rows, nothing is reset. Each card
        is found by its place in the order, so a long column is not walked."""
        leaving = (set(gone) | {r.id for r in rows}) & self._by_id.keys()
        for card_id in leaving:
            old = self._by_id.pop(card_id)
            self._all.pop(_index_in(self._all, old))  # always found: both lists stay in order
            number = _index_in(self._visible, old)
            if number >= self._exposed:
                del self._visible[number]
            elif number >= 0:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._visible[number]
                self._exposed -= 1
                self.endRemoveRows()
        for row in rows:
            bisect.insort(self._all, row, key=_order)
            self._by_id[row.id] = row
            if self._filter.matches(row):
                at = bisect.bisect(self._visible, _order(row), key=_order)
                if at > self._exposed:
                    self._visible.insert(at, row)  # among the cards not fetched yet
                    continue
                self.beginInsertRows(QModelIndex(), at, at)
                self._visible.insert(at, row)
                self._exposed += 1
                self.endInsertRows()

    def expose(self, application_ids: Collection[int]) -> None:
        """Fetch through the last of these cards, so that a view can show them."""
        rows = [
            _index_in(self._visible, self._by_id[i]) for i in application_ids if i in self._by_id
        ]
        last = max(rows, default=-1)
        if last >= self._exposed:
            self.beginInsertRows(QModelIndex(), self._exposed, last)
            self._exposed = last + 1
            self.endInsertRows()

    def set_saving(self, application_ids: Collection[int], saving: bool) -> None:
        """Mark cards whose change is on its way to the store (or no longer is)."""
        if saving:
            self._saving.update(application_ids)
        else:
            self._saving.difference_update(application_ids)
        for number in self.rows_of(application_ids):
            at = self.index(number)
            self.dataChanged.emit(at, at)

    def is_saving(self, application_id: int) -> bool:
        return application_id in self._saving

    def places_at(self, index: int, moving: Collection[int]) -> list[float]:
        """Positions for the `moving` cards dropped at `index` (counted without them),
        to show them there while the store works out where they really go."""
        rest = [r.position for r in self._all if r.id not in moving]
        index = max(0, min(index, len(rest)))
        before = rest[index - 1] if index > 0 else None
        after = rest[index] if index < len(rest) else None
        found = positions_between(before, after, len(moving))
        return found if found is not None else [before or 0.0] * len(moving)  # ties: by id

    def set_filter(self, card_filter: CardFilter) -> None:
        self.beginResetModel()
        self._filter = card_filter
        self._visible = [r for r in self._all if card_filter.matches(r)]
        self._exposed = min(len(self._visible), PAGE)
        self.endResetModel()

    def total(self) -> int:
        return len(self._all)

    def shown(self) -> int:
        """The cards the filter lets through, fetched by the views or not."""
        return len(self._visible)

    def card(self, row: int) -> BoardRow:
        return self._visible[row]

    def board_row(self, application_id: int) -> BoardRow | None:
        """The card's board row, shown or filtered out (None: not in this column)."""
        return self._by_id.get(application_id)

    def holds(self, application_id: int) -> bool:
        """Whether the card is in this column (shown or filtered out)."""
        return application_id in self._by_id

    def rows_of(self, application_ids: Collection[int]) -> list[int]:
        """The rows of these cards that the views know, in order."""
        found = (self._by_id[i] for i in application_ids if i in self._by_id)
        rows = (_index_in(self._visible, card) for card in found)
        return sorted(n for n in rows if 0 <= n < self._exposed)

    def row_of(self, application_id: int) -> int | None:
        card = self._by_id.get(application_id)
        number = -1 if card is None else _index_in(self._visible, card)
        return number if 0 <= number < self._exposed else None

    def now(self) -> datetime:
        return self._now()

    def zone(self) -> str:
        """The user's time zone: "late" means due before today began there."""
        return self._zone()

    # Qt's list model -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._exposed

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._exposed < len(self._visible)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = min(PAGE, len(self._visible) - self._exposed)
        self.beginInsertRows(QModelIndex(), self._exposed, self._exposed + more - 1)
        self._exposed += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._exposed:
            return None
        card = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.company} — {card.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = f"\nTags: {', '.join(card.tags)}" if card.tags else ""
            where = f"\n{card.location}" if card.location else ""
            return f"{card.company}\n{card.title}{where}{tags}\nEnter opens it; drag to move."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            saving = ", saving" if card.id in self._saving else ""
            return f"{card.company}, {card.title}, in {self.stage.name}{saving}"
        if role == CardRole.ID:
            return card.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CARD_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids([self._visible[r].id for r in rows])

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and bool(decode_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Hand the drop on to be saved; the view is refreshed from the store after."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = decode_ids(data)
        if parent.isValid():  # dropped onto a card: insert before it
            row = parent.row()
        self.cardsDropped.emit(ids, self.stage.id, self._full_index(row, ids))
        return True

    def _full_index(self, visible_row: int, moving: Sequence[int]) -> int:
        """Where a drop between visible (filtered) cards lands in the whole column,
        counted without the cards being moved. Below the last card the view shows, it
        lands right after that card (before any not fetched yet), where it was seen
        to go."""
        rest = [r for r in self._all if r.id not in moving]
        if visible_row < 0 or visible_row >= self._exposed:
            visible_row = self._exposed
            if visible_row >= len(self._visible):
                return len(rest)
        anchor = self._visible[visible_row]
        candidates = [r for r in self._visible[visible_row:] if r.id not in moving]
        if not candidates:
            return len(rest)
        anchor = candidates[0]
        return next(i for i, r in enumerate(rest) if r.id == anchor.id)

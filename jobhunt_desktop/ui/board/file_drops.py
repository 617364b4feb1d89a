"""Files dropped on a card of the board are kept on it, or on every selected card when
dropped on one of them. Watches a column's list without changing how cards drag."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from jobhunt_desktop.ui.board.column_model import CardRole


def local_files(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
    """The local files a drag carries (none: not something to attach). The card's
    Files tab reads drops with it too."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class FileDrops(QObject):
    """An event filter on a card list's viewport; `filesDropped(card ids, paths)`."""

    filesDropped = Signal(list, list)

    def __init__(self, view: object) -> None:
        from PySide6.QtWidgets import QListView

        assert isinstance(view, QListView)
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDragEnterEvent | QDragMoveEvent | QDropEvent)
        paths = local_files(event)
        if not paths:
            return False  # a card being moved: the list handles it
        ids = self._targets(event)
        if not ids:
            event.ignore()
            return True
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.filesDropped.emit(ids, paths)
        return True

    def _targets(self, event: QDragMoveEvent | QDropEvent) -> list[int]:
        index = self.view.indexAt(event.position().toPoint())
        if not index.isValid():
            return []
        card = int(index.data(CardRole.ID))
        selected = [int(i.data(CardRole.ID)) for i in self.view.selectionModel().selectedIndexes()]
        return selected if card in selected else [card]

"""View > Archived: the cards taken off the board, to look through, open and bring
back (each restore one undoable step). The list follows every operation's Changes."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.dialogs.card_common import ID_ROLE, button
from jobhunt_desktop.ui.dialogs.forms import format_day
from jobhunt_desktop.ui.operations import Operations

EMPTY = "Nothing is archived. Archive a card (Delete) to take it off the board."


class ArchivedDialog(QDialog):
    openRequested = Signal(int)  # application id

    def __init__(
        self, ops: Operations, stages: Sequence[Stage], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.stage_names = {s.id: s.name for s in stages}
        self.setWindowTitle("Archived applications")
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Company", "Role", "Stage", "Applied"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName("Archived applications")
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda *_: self.open_selected())
        self.empty = QLabel("Reading the archive…")  # on a server, until the read lands
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.restore_button = button(
            "&Restore", "Put the selected cards back on the board", self.restore_selected, self
        )
        self.open_button = button(
            "&Open", "Open the selected card (Enter)", self.open_selected, self
        )
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        closing.rejected.connect(self.reject)
        actions.addWidget(closing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        self.resize(640, 420)
        ops.changed.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        """Read the archive again (on a server off the window's thread), then show it."""
        self.ops.read_soon(lambda s: s.applications.archived(), self._show)

    def _show(self, rows: list[BoardRow]) -> None:
        if not shiboken6.isValid(self):
            return
        keep = set(self.selected_ids())
        self.list.clear()
        for row in rows:
            self.list.addTopLevelItem(self._item(row, keep))
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.list.setVisible(bool(rows))
        self.empty.setText(EMPTY)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def _item(self, row: BoardRow, keep: set[int]) -> QTreeWidgetItem:
        applied = format_day(row.applied_on) if row.applied_on else "not yet"
        stage = self.stage_names.get(row.stage_id, "")
        item = QTreeWidgetItem([row.company, row.title, stage, applied])
        item.setData(0, ID_ROLE, row.id)
        if row.id in keep:
            item.setSelected(True)
        return item

    def selected_ids(self) -> list[int]:
        return [int(item.data(0, ID_ROLE)) for item in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        chosen = bool(self.selected_ids())
        self.restore_button.setEnabled(chosen)
        self.open_button.setEnabled(len(self.selected_ids()) == 1)

    def _on_changes(self, changes: Changes) -> None:
        if changes.cards or changes.removed or changes.everything:
            self.reload()

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        label = "Restore card" if len(ids) == 1 else f"Restore {len(ids)} cards"
        self.restore_button.setEnabled(False)  # on a server, until the commit

        def landed(done: object | None) -> None:
            if shiboken6.isValid(self):
                self._update_buttons()
            if done is not None:
                self.ops.notice.emit(f"Back on the board: {counted(len(ids), 'card')}.")

        self.ops.perform_soon(
            label,
            lambda s: s.applications.set_archived_many(ids, False),
            landed,
            asked=len(ids),
            parent=self,
        )

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.openRequested.emit(ids[0])

"""Manage the board's columns: each change is saved at once (one service call), and
`stagesChanged` lets the board redraw without waiting for the dialog to close."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.stages import LOST_REASONS, ClosedReason, Stage, StageKind
from jobhunt_desktop.domain.wording import CLOSED_REASON_NAMES
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.ui.dialogs.stage_widgets import (
    KIND_LABELS,
    KIND_SHORT,
    ColourButton,
    kind_combo,
    swatch,
)
from jobhunt_desktop.ui.operations import Operations, Work

T = TypeVar("T")

DEFAULT_COLOUR = "#64748b"
NAME, COLOUR, KIND, HIDDEN = range(4)


class StagesDialog(QDialog):
    """The list of columns on the left of the edits for the selected one, and a row to
    add a new one. Stages with cards cannot be removed: cards never vanish with them."""

    stagesChanged = Signal()

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        self.stages: list[Stage] = []
        self._loading = False
        self.setWindowTitle("Board columns")

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Name", "Colour", "Kind", "On the board"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COLOUR, KIND, HIDDEN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Columns, in board order")
        self.table.setToolTip("Columns in the order the board shows them, left to right.")
        self.table.itemSelectionChanged.connect(self._show_selected)

        # The selected stage ---------------------------------------------------------
        self.name = QLineEdit(self)
        self.name.setToolTip("Type a new name and press Enter or Rename.")
        self.name.returnPressed.connect(self.rename_selected)
        self.name.textChanged.connect(self._update_buttons)
        self.rename_button = self._button("&Rename", "Save the new name.", self.rename_selected)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.rename_button)
        self.colour_button = ColourButton("Change &colour…", DEFAULT_COLOUR, self)
        self.colour_button.setToolTip("Pick the colour of this column's header.")
        self.colour_button.colourChanged.connect(self.recolour_selected)
        self.kind = kind_combo(self)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.reason = QComboBox(self)
        for reason in LOST_REASONS:
            self.reason.addItem(CLOSED_REASON_NAMES[reason], reason.value)
        self.reason.setToolTip(
            "Why a card dropped here is closed. Only Rejected plans a reply and warns you"
            " before applying there again; the others end the follow-ups quietly."
        )
        self.reason.currentIndexChanged.connect(self._reason_chosen)
        self.hidden = QCheckBox("&Hide this column on the board", self)
        self.hidden.setToolTip("Hidden columns keep their cards; show them again any time.")
        self.hidden.toggled.connect(self._hidden_toggled)
        self.up_button = self._button("Move &up", "Move this column one place left.", self.move_up)
        self.down_button = self._button(
            "Move d&own", "Move this column one place right.", self.move_down
        )
        self.remove_button = self._button(
            "Remo&ve", "Remove this column. Only an empty column can go.", self.remove_selected
        )
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addStretch(1)
        order_row.addWidget(self.remove_button)
        self.selected_box = QGroupBox("Selected column", self)
        selected = QFormLayout(self.selected_box)
        name_label = QLabel("&Name:", self)
        name_label.setBuddy(self.name)
        selected.addRow(name_label, name_row)
        selected.addRow("Colour:", self.colour_button)
        selected.addRow("&Kind:", self.kind)
        self.reason_label = QLabel("Closes &as:", self)
        self.reason_label.setBuddy(self.reason)
        selected.addRow(self.reason_label, self.reason)
        selected.addRow(self.hidden)
        selected.addRow(order_row)

        # A new stage ---------------------------------------------------------------
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("e.g. Take-home task")
        self.new_name.setToolTip("The name of the new column.")
        self.new_name.textChanged.connect(self._update_buttons)
        self.new_name.returnPressed.connect(self.add_stage)
        self.new_kind = kind_combo(self)
        self.new_kind.setCurrentIndex(self.new_kind.findData(StageKind.ACTIVE.value))
        self.new_colour = ColourButton("Colour…", DEFAULT_COLOUR, self)
        self.new_colour.setToolTip("Pick the new column's colour.")
        self.add_button = self._button(
            "&Add column", "Add the new column at the right end.", self.add_stage
        )
        new_box = QGroupBox("New column", self)
        new_layout = QFormLayout(new_box)
        new_layout.addRow("Na&me:", self.new_name)
        new_layout.addRow("K&ind:", self.new_kind)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_colour)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        new_layout.addRow(add_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        side.addWidget(self.selected_box)
        side.addWidget(new_box)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(900, 440)

        self.reload()
        if self.stages:
            self.select(self.stages[0].id)
        self.table.setFocus()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter in a field must not press a button by surprise
        button.clicked.connect(slot)
        return button

    # reading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stages again (on a server off the window's thread, the dialog
        waiting) and redraw, keeping the selection."""
        keep = self.selected_id()
        stages = self.ops.run_waiting(lambda s: s.stages.all(), self, "Couldn't read the columns")
        if stages is None:  # it was said why; what is shown stays
            return
        self.stages = stages
        self._loading = True
        try:
            self.table.setRowCount(len(self.stages))
            for row, stage in enumerate(self.stages):
                name = QTableWidgetItem(stage.name)
                name.setData(Qt.ItemDataRole.UserRole, stage.id)
                colour = QTableWidgetItem(swatch(stage.colour), stage.colour)
                kind = QTableWidgetItem(KIND_SHORT[stage.kind])
                kind.setToolTip(KIND_LABELS[stage.kind])
                shown = QTableWidgetItem("Hidden" if stage.hidden else "Shown")
                for column, item in enumerate((name, colour, kind, shown)):
                    self.table.setItem(row, column, item)
        finally:
            self._loading = False
        if keep is not None and any(s.id == keep for s in self.stages):
            self.select(keep)
        self._show_selected()  # the controls show what is stored, also after a refusal

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), NAME)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) else None

    def selected(self) -> Stage | None:
        chosen = self.selected_id()
        return next((s for s in self.stages if s.id == chosen), None)

    def select(self, stage_id: int) -> None:
        for row, stage in enumerate(self.stages):
            if stage.id == stage_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, NAME)
                return

    def _show_selected(self) -> None:
        stage = self.selected()
        self._loading = True
        try:
            self.selected_box.setEnabled(stage is not None)
            if stage is not None:
                self.name.setText(stage.name)
                self.colour_button.set_colour(stage.colour)
                self.kind.setCurrentIndex(self.kind.findData(stage.kind.value))
                self.hidden.setChecked(stage.hidden)
                lost = stage.kind is StageKind.CLOSED_LOST
                self.reason.setVisible(lost)
                self.reason_label.setVisible(lost)
                if stage.closed_reason is not None:
                    self.reason.setCurrentIndex(self.reason.findData(stage.closed_reason.value))
        finally:
            self._loading = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        stage = self.selected()
        index = self.stages.index(stage) if stage is not None else -1
        text = self.name.text().strip()
        self.rename_button.setEnabled(stage is not None and bool(text) and text != stage.name)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self.stages) - 1)
        self.remove_button.setEnabled(stage is not None and len(self.stages) > 1)
        self.add_button.setEnabled(bool(self.new_name.text().strip()))

    # changing ----------------------------------------------------------------------

    def _change(
        self, action: str, work: Work[T], then: Callable[[T | None], None] | None = None
    ) -> None:
        """Run one operation, then `then` with its result (None: it failed and said
        why); redraw either way (after a failure the controls go back to what is
        stored). The board follows the operation's changes. On a server it is saved
        off the window's thread, the dialog waiting for it: one change at a time."""
        waiting = self.ops.background is not None
        keys = self.focusWidget()  # a disabled dialog lets go of the keyboard
        if waiting:
            self.setEnabled(False)

        def landed(result: T | None) -> None:
            if not shiboken6.isValid(self):
                return
            if waiting:
                self.setEnabled(True)
                if keys is not None and shiboken6.isValid(keys):
                    keys.setFocus()
            self.reload()
            if result is not None:
                self.stagesChanged.emit()
            if then is not None:
                then(result)

        self.ops.run_soon(work, landed, parent=self, title=f"Couldn't {action}")

    def rename_selected(self) -> None:
        stage = self.selected()
        text = self.name.text().strip()
        if stage is None or text == stage.name:
            return

        def renamed(done: object | None) -> None:
            if done is None:
                self.name.setText(text)  # keep what they typed, to correct it
                self.name.setFocus()

        self._change("rename the column", lambda s: s.stages.rename(stage.id, text), renamed)

    def recolour_selected(self, colour: str) -> None:
        stage = self.selected()
        if stage is None or self._loading:
            return
        self._change("change the colour", lambda s: s.stages.update(stage.id, colour=colour))

    def _kind_chosen(self, index: int) -> None:
        stage = self.selected()
        value = self.kind.itemData(index)
        if stage is None or self._loading or not isinstance(value, str):
            return
        kind = StageKind(value)
        if kind is not stage.kind:
            self._change("change the kind", lambda s: s.stages.update(stage.id, kind=kind))

    def _reason_chosen(self, index: int) -> None:
        stage = self.selected()
        value = self.reason.itemData(index)
        if stage is None or self._loading or not isinstance(value, str):
            return
        reason = ClosedReason(value)
        if reason is not stage.closed_reason:
            self._change(
                "change why its cards close",
                lambda s: s.stages.update(stage.id, closed_reason=reason),
            )

    def _hidden_toggled(self, hidden: bool) -> None:
        stage = self.selected()
        if stage is None or self._loading or hidden == stage.hidden:
            return
        self._change(
            "hide the column" if hidden else "show the column",
            lambda s: s.stages.update(stage.id, hidden=hidden),
        )

    def _move(self, step: int) -> None:
        stage = self.selected()
        if stage is None:
            return
        place = self.stages.index(stage) + 1 + step  # reorder counts from 1
        if 1 <= place <= len(self.stages):
            self._change(
                "move the column",
                lambda s: s.stages.reorder(stage.id, place),
                lambda _done: self.table.setFocus(),
            )

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def remove_selected(self) -> None:
        stage = self.selected()
        if stage is None:
            return
        index = self.stages.index(stage)

        def removed(done: object | None) -> None:
            if done is not None:
                if self.stages:
                    self.select(self.stages[min(index, len(self.stages) - 1)].id)
                self.table.setFocus()

        self._change("remove the column", lambda s: s.stages.remove(stage.id), removed)

    def add_stage(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        value = self.new_kind.currentData()
        kind = StageKind(value) if isinstance(value, str) else StageKind.ACTIVE
        colour = self.new_colour.colour

        def added(created: Outcome[Stage] | None) -> None:
            if created is not None:
                self.new_name.clear()
                self.select(created.value.id)

        self._change(
            "add the column", lambda s: s.stages.add(name, kind=kind, colour=colour), added
        )

"""File > Import… for a spreadsheet: a preview of exactly what would happen, where the
person can change how the file is read (its encoding), which column goes into which
field, the stage of each status value no stage fits, and the order of dates that read
both ways. Each change previews again; Import is possible once nothing is left to ask.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.import_columns import FIELD_NAMES, header_key
from jobhunt_desktop.domain.import_plan import Answers
from jobhunt_desktop.domain.import_stages import StageChoice, status_key
from jobhunt_desktop.domain.import_values import DayOrder
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.services.import_files import ImportFileError
from jobhunt_desktop.services.imports import ImportPreview, ImportRequest
from jobhunt_desktop.ui.operations import Operations

ENCODINGS = (
    ("Recognise it", None),
    ("UTF-8", "utf-8"),
    ("UTF-16", "utf-16"),
    ("Windows-1252", "cp1252"),
    ("Latin-1", "latin_1"),
    ("Central European (Windows-1250)", "cp1250"),
)
LEAVE_OUT = "skip"
INTO_NOTES = ""  # no field: the column goes into the notes
ORDERS = (
    ("Day first (03/04 is 3 April)", DayOrder.DAY_FIRST),
    ("Month first (03/04 is 4 March)", DayOrder.MONTH_FIRST),
)


class ImportDialog(QDialog):
    def __init__(self, ops: Operations, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(f"Import {path.name}")
        self.request = ImportRequest(path, lenient=True)
        self.preview: ImportPreview | None = None
        self.stages = ops.services.stages.all()

        self.read_as = QLabel(self)
        self.encoding = QComboBox(self)
        for name, code in ENCODINGS:
            self.encoding.addItem(name, code)
        self.encoding.setToolTip("If letters such as é or ü look wrong below, choose another")
        self.encoding.currentIndexChanged.connect(self._encoding_chosen)
        top = QHBoxLayout()
        top.addWidget(self.read_as, 1)
        label = QLabel("&Encoding:", self)
        label.setBuddy(self.encoding)
        top.addWidget(label)
        top.addWidget(self.encoding)

        self.columns = QTableWidget(0, 3, self)
        self.columns.setHorizontalHeaderLabels(["Column", "First value", "Goes into"])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().hide()
        self.columns.setAccessibleName("Columns of the file")
        self.questions = QGroupBox("Before it can be imported", self)
        self.question_form = QFormLayout(self.questions)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped = QListWidget(self)
        self.skipped.setAccessibleName("Rows left out")
        self.skipped.setMaximumHeight(110)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.questions)
        layout.addWidget(self.summary)
        layout.addWidget(self.skipped)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.refresh()

    # previewing ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the file again as the choices say, and show what would happen."""
        problem: list[str] = []
        preview = self.ops.run(
            lambda s: s.imports.preview(self.request),
            self,
            tell=problem.append,
        )
        self.preview = preview
        if preview is None:
            self.read_as.setText("The file could not be read.")
            self.summary.setText(problem[0] if problem else "")
            self.columns.setRowCount(0)
            self._ask([])
            self.skipped.clear()
            self.import_button.setEnabled(False)
            return
        sheet, plan = preview.sheet, preview.plan
        how = [f"header on line {sheet.header_line}"]
        if sheet.encoding_name:
            separator = {",": "commas", ";": "semicolons", "\t": "tabs"}.get(
                sheet.delimiter or ",", "commas"
            )
            how = [sheet.encoding_name, f"separated by {separator}", *how]
        self.read_as.setText("Read as " + ", ".join(how) + ".")
        self._show_columns(preview)
        self._ask_questions(preview)
        parts = [f"Adds {counted(len(plan.cards), 'card')}."]
        if plan.waiting:
            parts = [
                f"Adds {counted(len(plan.cards), 'card')}, and "
                f"{plan.waiting} more once the question above is answered."
            ]
        if sheet.columns.column_of("company") is None:
            parts = ["No column holds the company: choose it under Goes into."]
        if plan.skipped:
            parts.append(f"Leaves out {counted(len(plan.skipped), 'row')} (below).")
        if plan.unmapped_columns:
            parts.append(f"Into the notes: {', '.join(plan.unmapped_columns)}.")
        if plan.own_export:
            parts.append("This is an export of this app.")
        self.summary.setText(" ".join(parts))
        self.skipped.clear()
        self.skipped.addItems([f"Line {s.line}: {s.reason}" for s in plan.skipped])
        self.skipped.setVisible(bool(plan.skipped))
        self.import_button.setEnabled(not preview.questions() and bool(plan.cards))

    def _show_columns(self, preview: ImportPreview) -> None:
        sheet = preview.sheet
        first = sheet.rows[0].cells if sheet.rows else ()
        self.columns.setRowCount(len(sheet.headers))
        for row, header in enumerate(sheet.headers):
            name = QTableWidgetItem(header or f"column {row + 1}")
            sample = QTableWidgetItem(str(first[row]) if row < len(first) else "")
            for item in (name, sample):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(row, 0, name)
            self.columns.setItem(row, 1, sample)
            choice = QComboBox(self.columns)
            choice.addItem("Into the notes, under its name", INTO_NOTES)
            choice.addItem("Leave out", LEAVE_OUT)
            for field, words in FIELD_NAMES.items():
                choice.addItem(words, field)
            choice.setCurrentIndex(
                max(0, choice.findData(sheet.columns.fields.get(row, INTO_NOTES)))
            )
            choice.setAccessibleName(f"Where {header} goes")
            choice.currentIndexChanged.connect(
                lambda _i, h=header, c=choice: self._column_chosen(h, c.currentData())
            )
            self.columns.setCellWidget(row, 2, choice)
        self.columns.resizeColumnsToContents()

    def _ask_questions(self, preview: ImportPreview) -> None:
        rows: list[tuple[str, QComboBox]] = []
        for value in preview.plan.unknown_statuses:
            box = QComboBox(self.questions)
            box.addItem("Choose a stage…", None)
            for stage in self.stages:
                box.addItem(stage.name, stage.id)
            box.setAccessibleName(f"Stage for {value}")
            box.currentIndexChanged.connect(
                lambda _i, v=value, b=box: self._stage_chosen(v, b.currentData())
            )
            rows.append((f"Cards with the status “{value}” go into:", box))
        for header in preview.plan.ambiguous_dates:
            box = QComboBox(self.questions)
            box.addItem("Choose…", None)
            for words, order in ORDERS:
                box.addItem(words, order.value)
            box.setAccessibleName(f"Date order of {header}")
            box.currentIndexChanged.connect(
                lambda _i, h=header, b=box: self._order_chosen(h, b.currentData())
            )
            rows.append((f"The dates of “{header}” are written:", box))
        self._ask(rows)

    def _ask(self, rows: list[tuple[str, QComboBox]]) -> None:
        while self.question_form.rowCount():
            self.question_form.removeRow(0)
        for text, box in rows:
            self.question_form.addRow(text, box)
        self.questions.setVisible(bool(rows))

    # the person's choices ------------------------------------------------------------

    def _changed(self, request: ImportRequest) -> None:
        """Preview again once the signal that brought the choice has returned: the
        preview rebuilds the very box that sent it."""
        self.request = request
        self.import_button.setEnabled(False)
        QTimer.singleShot(0, self.refresh)

    def _encoding_chosen(self) -> None:
        self._changed(replace(self.request, encoding=self.encoding.currentData()))

    def _column_chosen(self, header: str, field: str) -> None:
        columns = dict(self.request.columns)
        columns[header_key(header)] = field
        self._changed(replace(self.request, columns=columns))

    def _stage_chosen(self, value: str, stage_id: int | None) -> None:
        if stage_id is None:
            return
        stage = next(s for s in self.stages if s.id == stage_id)
        answers = self.request.answers
        stages = {**answers.stages, status_key(value): StageChoice(stage.id, stage.closed_reason)}
        self._answer(replace(answers, stages=stages))

    def _order_chosen(self, header: str, order: str | None) -> None:
        if order is None:
            return
        answers = self.request.answers
        self._answer(replace(answers, day_orders={**answers.day_orders, header: DayOrder(order)}))

    def _answer(self, answers: Answers) -> None:
        self._changed(replace(self.request, answers=answers))

    def accept(self) -> None:
        if self.import_button.isEnabled():
            super().accept()


__all__ = ["ImportDialog", "ImportFileError"]

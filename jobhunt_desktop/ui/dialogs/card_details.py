"""The Details tab: every editable field of a card, checked as the user types.

Each field goes through the same `clean_fields` the services use, so the form can
never accept what a save would refuse; saving is an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import PRIORITY_NAMES, Application
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.lateness import days_in_stage
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.validation import EDITABLE_FIELDS, clean_fields
from jobhunt_desktop.domain.wording import (
    CLOSED_REASON_NAMES,
    SALARY_PERIOD_NAMES,
    WORK_MODE_NAMES,
    sentence,
)
from jobhunt_desktop.ui.dialogs.card_common import (
    CardView,
    button,
    set_invalid,
)
from jobhunt_desktop.ui.dialogs.card_fields import (
    APPLIED_TIP,
    COMBO_TIPS,
    LINE_FIELDS,
    TEXT_TIPS,
)
from jobhunt_desktop.ui.dialogs.forms import date_edit, to_date, to_qdate

SaveEdit = Callable[[Mapping[str, Any], Mapping[str, Any]], None]


def _days_in_stage(app: Application, view: CardView) -> str:
    if app.stage_entered_at is None:
        return ""
    days = days_in_stage(app.stage_entered_at, view.now, view.zone)
    if days == 0:
        return "since today"
    return "1 day in this stage" if days == 1 else f"{days} days in this stage"


def _same(name: str, left: Any, right: Any) -> bool:
    if name == "tags":
        return tuple(sorted(left or ())) == tuple(sorted(right or ()))
    return bool(left == right)


class DetailsTab(QWidget):
    """The card's fields; keeps what the user is typing when the card reloads."""

    def __init__(self, save: SaveEdit, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._started: dict[str, Any] = {}  # what typed-over fields held before
        self._app: Application | None = None
        self._today = today  # the injected clock's day: the default for "applied on"
        self.problems: dict[str, str] = {}
        self.lines: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.texts: dict[str, QPlainTextEdit] = {}

        self.stage_label = QLabel(self)
        self.stage_label.setAccessibleName("Stage")
        self.stage_label.setToolTip("Move the card on the board to change its stage")

        for name, (placeholder, tip) in LINE_FIELDS.items():
            edit = QLineEdit(self)
            edit.setPlaceholderText(placeholder)
            edit.setToolTip(tip)
            edit.setAccessibleName(name.replace("_", " "))
            edit.textChanged.connect(self.validate)
            self.lines[name] = edit
        self.lines["salary_currency"].setMaximumWidth(70)

        self.combos["work_mode"] = self._combo(
            [("Not set", None)] + [(label, m.value) for m, label in WORK_MODE_NAMES.items()]
        )
        self.combos["salary_period"] = self._combo(
            [("period not set", None)]
            + [(label, p.value) for p, label in SALARY_PERIOD_NAMES.items()]
        )
        self.combos["priority"] = self._combo(
            [(PRIORITY_NAMES[n].capitalize(), n) for n in sorted(PRIORITY_NAMES)]
        )
        self.combos["closed_reason"] = self._combo(
            [("Still open", None)] + [(label, r.value) for r, label in CLOSED_REASON_NAMES.items()]
        )
        for name, tip in COMBO_TIPS.items():
            self.combos[name].setToolTip(tip)
            self.combos[name].setAccessibleName(name.replace("_", " "))

        self.applied_on = date_edit(self._today, self)
        self.applied_on.setToolTip(APPLIED_TIP)
        self.applied_on.setAccessibleName("applied on")
        self.applied_on.dateChanged.connect(self.validate)
        self.not_applied = QCheckBox("Not applied &yet", self)
        self.not_applied.setToolTip("Tick this while the job is still on your wishlist")
        self.not_applied.toggled.connect(self._applied_toggled)

        for name, tip in TEXT_TIPS.items():
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setToolTip(tip)
            text.setAccessibleName(name)
            text.textChanged.connect(self.validate)
            self.texts[name] = text
        self.texts["notes"].setMaximumHeight(90)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setAccessibleName("Problems")
        self.error_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Save status")

        self.save_button = button(
            "&Save", "Save your changes; Ctrl+Z on the board undoes them", self.save, self
        )
        self.save_button.setDefault(True)
        self.revert_button: QPushButton = button(
            "D&iscard changes", "Put every field back as it was last saved", self.revert, self
        )
        self._build_layout()

    def _combo(self, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        for label, value in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.validate)
        return combo

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(label: str, widget: QWidget, buddy: QWidget | None = None) -> None:
            caption = QLabel(label, self)
            caption.setBuddy(buddy or widget)
            form.addRow(caption, widget)

        form.addRow("Stage:", self.stage_label)
        row("&Company", self.lines["company"])
        row("&Title", self.lines["title"])
        link = QWidget(self)
        link_row = QHBoxLayout(link)
        link_row.setContentsMargins(0, 0, 0, 0)
        link_row.addWidget(self.lines["url"], 1)
        self.open_link_button = button(
            "Open lin&k", "Open the job ad in your browser (Ctrl+L)", self.open_link, self
        )
        link_row.addWidget(self.open_link_button)
        self.lines["url"].textChanged.connect(self._link_typed)
        row("&Web address", link, self.lines["url"])
        row("&Location", self.lines["location"])
        row("Wor&k mode", self.combos["work_mode"])
        salary = QWidget(self)
        salary_row = QHBoxLayout(salary)
        salary_row.setContentsMargins(0, 0, 0, 0)
        salary_row.addWidget(self.lines["salary_min"], 2)
        salary_row.addWidget(QLabel("to", salary))
        salary_row.addWidget(self.lines["salary_max"], 2)
        salary_row.addWidget(self.lines["salary_currency"], 1)
        salary_row.addWidget(self.combos["salary_period"], 2)
        row("Sala&ry", salary, self.lines["salary_min"])
        row("As ad&vertised", self.lines["salary_text"])
        row("So&urce", self.lines["source"])
        row("&Priority", self.combos["priority"])
        row("Ta&gs", self.lines["tags"])
        applied = QWidget(self)
        applied_row = QHBoxLayout(applied)
        applied_row.setContentsMargins(0, 0, 0, 0)
        applied_row.addWidget(self.applied_on, 1)
        applied_row.addWidget(self.not_applied)
        row("&Applied on", applied, self.applied_on)
        row("Closed &because", self.combos["closed_reason"])
        row("&Notes", self.texts["notes"])
        row("&Description", self.texts["description"])

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    # reading and writing the widgets -----------------------------------------------

    def raw(self, name: str) -> Any:
        """What the user entered for a field, before any cleaning."""
        if name == "tags":
            return self.lines[name].text().split(",")
        if name in self.lines:
            return self.lines[name].text()
        if name in self.combos:
            return self.combos[name].currentData()
        if name in self.texts:
            return self.texts[name].toPlainText()
        if name == "applied_on":
            return None if self.not_applied.isChecked() else to_date(self.applied_on.date())
        raise KeyError(name)

    def _put(self, name: str, value: Any) -> None:
        if name == "tags":
            self.lines[name].setText(", ".join(value))
        elif name in self.lines:
            self.lines[name].setText("" if value is None else str(value))
        elif name in self.combos:
            combo = self.combos[name]
            wanted = value.value if hasattr(value, "value") else value
            index = combo.findData(wanted)
            combo.setCurrentIndex(max(index, 0))
        elif name in self.texts:
            self.texts[name].setPlainText(value or "")
        elif name == "applied_on":
            self.not_applied.setChecked(value is None)
            self.applied_on.setEnabled(value is not None)
            self.applied_on.setDate(to_qdate(value or self._today))

    def widget_for(self, name: str) -> QWidget:
        if name in self.lines:
            return self.lines[name]
        if name in self.combos:
            return self.combos[name]
        if name in self.texts:
            return self.texts[name]
        return self.applied_on

    def _usual_tip(self, name: str) -> str:
        if name in LINE_FIELDS:
            return LINE_FIELDS[name][1]
        return COMBO_TIPS.get(name) or TEXT_TIPS.get(name) or APPLIED_TIP

    def _clean(self) -> tuple[dict[str, Any], dict[str, str]]:
        cleaned: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name in EDITABLE_FIELDS:
            try:
                cleaned.update(clean_fields({name: self.raw(name)}))
            except UserError as error:
                problems[name] = sentence(str(error))
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            problems["salary_max"] = "The highest salary is below the lowest one."
        return cleaned, problems

    # behaviour -----------------------------------------------------------------------

    def link(self) -> str | None:
        """The job ad's address as typed (https:// added when left out), if any."""
        try:
            cleaned = clean_fields({"url": self.raw("url")})
        except UserError:
            return None
        value = cleaned.get("url")
        return value if isinstance(value, str) and value else None

    def _link_typed(self) -> None:
        self.open_link_button.setEnabled(self.link() is not None)

    def open_link(self) -> bool:
        """Open the job ad in the browser; say so when nothing could open it."""
        address = self.link()
        if address is None:
            return False
        if QDesktopServices.openUrl(QUrl(address)):
            return True
        self.status_label.setText(
            f"Nothing on this computer opened {address}; copy it from the field above."
        )
        return False

    def show_card(self, view: CardView) -> None:
        """Fill the fields; a field the user has changed keeps the user's value."""
        app = view.story.application
        self._today = local_date(view.now, view.zone)
        cleaned, problems = self._clean()
        previous = self._app
        self._block(True)
        try:
            for name in EDITABLE_FIELDS:
                typed = cleaned.get(name)
                untouched = previous is None or (
                    name not in problems and _same(name, typed, getattr(previous, name))
                )
                saved = name not in problems and _same(name, typed, getattr(app, name))
                if untouched or saved:
                    self._put(name, getattr(app, name))
                    self._started.pop(name, None)
                elif previous is not None and not _same(
                    name, getattr(app, name), getattr(previous, name)
                ):
                    # Typed over a value someone else has changed since: a save must
                    # say so rather than overwrite it (see `changes`).
                    self._started.setdefault(name, getattr(previous, name))
        finally:
            self._block(False)
        self._app = app
        stage = app.stage.name + (" (archived)" if app.archived else "")
        days = _days_in_stage(app, view)
        self.stage_label.setText(f"{stage} — {days}" if days else stage)
        self.validate()

    def _block(self, blocked: bool) -> None:
        widgets: list[QWidget] = [*self.lines.values(), *self.combos.values()]
        widgets += [*self.texts.values(), self.applied_on, self.not_applied]
        for widget in widgets:
            widget.blockSignals(blocked)

    def _applied_toggled(self, not_applied: bool) -> None:
        self.applied_on.setEnabled(not not_applied)
        self.validate()

    def validate(self) -> bool:
        """Mark each bad field, name the problems under the form, gate the Save button."""
        _, problems = self._clean()
        self.problems = problems
        for name in EDITABLE_FIELDS:
            set_invalid(self.widget_for(name), problems.get(name), self._usual_tip(name))
        if problems:
            self.error_label.setText("\n".join(problems.values()))
        self.error_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems and self._app is not None)
        self.revert_button.setEnabled(bool(problems) or bool(self.changes()[0]))
        self.status_label.setText("")
        return not problems

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The fields that differ from the saved card: new values and old ones."""
        if self._app is None:
            return {}, {}
        cleaned, problems = self._clean()
        new: dict[str, Any] = {}
        old: dict[str, Any] = {}
        for name, value in cleaned.items():
            before = getattr(self._app, name)
            if name not in problems and not _same(name, value, before):
                new[name] = value
                old[name] = self._started.get(name, before)
        return new, old

    def has_unsaved_changes(self) -> bool:
        return bool(self.problems) or bool(self.changes()[0])

    def save(self) -> None:
        if not self.validate():
            return
        new, old = self.changes()
        if not new:
            self.status_label.setText("Nothing has changed.")
            return
        self._started.clear()  # told once; saving again replaces the other change
        self._save(new, old)

    def revert(self) -> None:
        self._started.clear()
        if self._app is None:
            return
        self._block(True)
        try:
            for name in EDITABLE_FIELDS:
                self._put(name, getattr(self._app, name))
        finally:
            self._block(False)
        self.validate()

"""Quick add: a new card in a few keystrokes, with R11's warning while the company is
typed so the user sees an earlier rejection before saving, not after."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.rules import PastApplication
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.services.applications import AddResult
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.forms import format_day, user_zone
from jobhunt_desktop.ui.operations import Operations

DEBOUNCE_MS = 300


def rejection_warning(past: Sequence[PastApplication], zone_name: str) -> str:
    """R11 in words: one line per earlier application, newest first."""
    lines = []
    for item in past:
        when = (
            f" on {format_day(local_date(item.rejected_at, zone_name))}"
            if item.rejected_at is not None
            else ""
        )
        lines.append(
            f"{item.company} turned down your application for {item.title}{when} "
            f"(card #{item.application_id})."
        )
    if not lines:
        return ""
    lines.append("You can still add it: a new role or a new skill is a fine reason to try again.")
    return "\n".join(lines)


def split_tags(text: str) -> tuple[str, ...]:
    """Tags are typed as a comma-separated list: 'remote, python'."""
    return tuple(t.strip() for t in text.split(",") if t.strip())


class QuickAddDialog(QDialog):
    """Company, role and stage are enough; the rest can wait for the card dialog."""

    def __init__(
        self,
        ops: Operations,
        stages: Sequence[Stage],
        default_stage_id: int | None,
        parent: QWidget | None = None,
        zone: str | None = None,
    ) -> None:
        """`zone` is the user's, as the window knows it; without it it is read here."""
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        self.created_id: int | None = None
        self.add_result: AddResult | None = None
        self._zone = zone if zone is not None else user_zone(ops.services)
        self.setWindowTitle("Add an application")

        self.company = QLineEdit(self)
        self.company.setPlaceholderText("e.g. Acme")
        self.company.setToolTip("The employer's name. Needed.")
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("e.g. Data Analyst")
        self.title_edit.setToolTip("The job title, as the posting has it. Needed.")
        self.stage = QComboBox(self)
        self.stage.setToolTip("The column the new card starts in.")
        for stage in stages:
            label = f"{stage.name} (hidden)" if stage.hidden else stage.name
            self.stage.addItem(label, stage.id)
        index = self.stage.findData(default_stage_id) if default_stage_id is not None else -1
        self.stage.setCurrentIndex(max(index, 0))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://… (optional)")
        self.url.setToolTip("Where the job is posted, so you can find it again.")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("remote, python (optional)")
        self.tags.setToolTip("Words to filter the board by, separated by commas.")

        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        # Colours from the palette, so the box reads in a dark scheme as in a light one.
        self.warning.setStyleSheet(
            "QLabel { background: palette(tooltip-base); color: palette(tooltip-text);"
            " border: 1px solid palette(mid); border-radius: 4px; padding: 6px; }"
        )
        self.warning.setAccessibleName("Earlier rejection at this company")
        self.warning.hide()
        self.adding = False
        self.adding_label = QLabel("Adding…", self)
        self.adding_label.setAccessibleName("Status")
        self.adding_label.hide()

        form = QFormLayout()
        form.addRow("&Company:", self.company)
        form.addRow("&Role:", self.title_edit)
        form.addRow("&Stage:", self.stage)
        form.addRow("&Link:", self.url)
        form.addRow("&Tags:", self.tags)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add")
        self.ok_button.setToolTip("Add the card to the board.")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.adding_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_company)
        self.company.textChanged.connect(self._company_edited)
        self.company.textChanged.connect(self._update_ok)
        self.title_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.company.setFocus()

    def warning_text(self) -> str:
        return self.warning.text() if not self.warning.isHidden() else ""

    def _company_edited(self) -> None:
        self._timer.start()  # restarts: ask once the user pauses typing

    def _update_ok(self) -> None:
        ready = bool(self.company.text().strip() and self.title_edit.text().strip())
        self.ok_button.setEnabled(ready)

    def check_company(self) -> None:
        """R11: show the earlier rejections at this company, if any (on a server read
        off the window's thread, and shown if the name is still the one typed)."""
        name = self.company.text().strip()
        if not name:
            self._show_past(name, [])
            return

        def read(services: Services) -> list[PastApplication]:
            try:
                return services.applications.recent_rejections(name)
            except UserError:
                return []  # a warning is a courtesy; never block typing over it

        self.ops.read_soon(read, lambda past: self._show_past(name, past))

    def _show_past(self, name: str, past: list[PastApplication]) -> None:
        if not shiboken6.isValid(self) or self.company.text().strip() != name:
            return  # closed, or typed on meanwhile: a newer check is coming
        text = rejection_warning(past, self._zone)
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
        self.adjustSize()  # grow to show the whole warning (or shrink back)

    def accept(self) -> None:
        if not self.ok_button.isEnabled() or self.adding:
            return
        self._timer.stop()
        stage_id = self.stage.currentData()
        company, title, url = self.company.text(), self.title_edit.text(), self.url.text()
        tags = split_tags(self.tags.text())
        self._set_adding(True)  # on a server the dialog waits for it, the window not
        self.ops.run_soon(
            lambda s: s.applications.add(
                company,
                title,
                stage=stage_id if isinstance(stage_id, int) else None,
                url=url,
                tags=tags,
            ),
            self._added,
            parent=self,
            title="Couldn't add the card",
        )

    def _added(self, result: AddResult | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_adding(False)
        if result is None:  # the person was told why; what they typed is still here
            return
        self.add_result = result
        self.created_id = result.id
        super().accept()

    def reject(self) -> None:
        if not self.adding:  # a card on its way is added: the dialog closes when it is
            super().reject()

    def _set_adding(self, adding: bool) -> None:
        self.adding = adding
        self.buttons.setEnabled(not adding)
        self.adding_label.setVisible(adding)
        if not adding:
            self._update_ok()

"""File > Restore…: the backups kept, newest first, with what each holds, to put one
back (or another copy chosen from disk). The restore itself is `DataActions.restore`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.attachments import size_text
from jobhunt_desktop.domain.backup_policy import BackupFile
from jobhunt_desktop.domain.timeutil import zone
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.dialogs.card_common import ID_ROLE, button, row_item, table
from jobhunt_desktop.ui.dialogs.forms import format_day

REASON_NAMES = {
    "daily": "Daily",
    "manual": "Made by you",
    "before-import": "Before an import",
    "before-restore": "Before a restore",
    "before-upgrade": "Before an upgrade",
}


def when_text(copy: BackupFile, zone_name: str) -> str:
    local = copy.made_at.astimezone(zone(zone_name))
    return f"{format_day(local.date())}, {local:%H:%M}"


def cards_text(copy: BackupFile) -> str:
    return "unreadable" if copy.cards is None else counted(copy.cards, "card")


class RestoreDialog(QDialog):
    """Pick a copy; `chosen` is its path once the dialog is accepted."""

    def __init__(
        self, copies: Sequence[BackupFile], zone_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.copies = list(copies)
        self.chosen: Path | None = None
        intro = QLabel(
            "Put the cards of a backup back in place of the present ones. What is there "
            "now is backed up first, so this can be undone by restoring that copy.",
            self,
        )
        intro.setWordWrap(True)
        self.list = table(["Made", "Why", "Cards", "Size"], "Backups", self)
        for index, copy in enumerate(self.copies):
            values = [
                when_text(copy, zone_name),
                REASON_NAMES.get(copy.reason, copy.reason),
                cards_text(copy),
                size_text(copy.size),
            ]
            item = row_item(values, index)
            item.setToolTip(0, str(copy.path))
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.empty = QLabel("No backups yet. File > Back up now makes one.", self)
        self.empty.setVisible(not self.copies)
        self.list.setVisible(bool(self.copies))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda *_: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            "&Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.other_button = button(
            "&Other file…", "Restore a copy kept somewhere else", self.choose_file, self
        )
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
            self.list.setFocus()
        self._update_buttons()
        self.resize(560, 380)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectedItems()))

    def selected(self) -> BackupFile | None:
        items = self.list.selectedItems()
        return self.copies[int(items[0].data(0, ID_ROLE))] if items else None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore a backup", "", "jobhunt-desktop backups (*.sqlite3);;All files (*)"
        )
        if name:
            self.chosen = Path(name)
            super().accept()

    def accept(self) -> None:
        copy = self.selected()
        if copy is None:
            return
        self.chosen = copy.path
        super().accept()

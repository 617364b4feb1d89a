"""The template editor's placeholders column: every `${name}` a template may use, and
an Insert button that puts the chosen one where the cursor was last.

It lives apart from the dialog because it is a small tool of its own: it watches
which of the subject and the body had the focus last and inserts there, whatever
the rest of the editor is doing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.templates import PLACEHOLDERS
from jobhunt_desktop.ui.dialogs.card_common import button

NAME_ROLE = Qt.ItemDataRole.UserRole


class PlaceholderPicker(QWidget):
    """The list of placeholders over its Insert button, inserting into `subject` or
    `body`, whichever was used last (the body to begin with)."""

    def __init__(
        self, subject: QLineEdit, body: QPlainTextEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._subject = subject
        self._body = body
        self._target: QLineEdit | QPlainTextEdit = body
        for field in (subject, body):
            field.installEventFilter(self)

        label = QLabel("&Placeholders:", self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Placeholders")
        self.list.setToolTip("Double-click one to put it where the cursor is")
        for name, placeholder in PLACEHOLDERS.items():
            entry = QListWidgetItem(f"${{{name}}}")
            entry.setData(NAME_ROLE, name)
            entry.setToolTip(f"{placeholder.description}\nFor example: {placeholder.sample}")
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._insert_item)
        label.setBuddy(self.list)
        self.insert_button = button(
            "&Insert",
            "Put the chosen placeholder where the cursor is in the subject or body (Alt+I)",
            self.insert_placeholder,
            self,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.insert_button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Remember whether the subject or body had the cursor last."""
        if event.type() == QEvent.Type.FocusIn:
            if watched is self._subject:
                self._target = self._subject
            elif watched is self._body:
                self._target = self._body
        return super().eventFilter(watched, event)

    def insert_placeholder(self, name: str | None = None) -> None:
        """Put `${name}` (or the chosen placeholder) at the cursor of the subject or
        body, whichever was used last."""
        if name is None:
            entry = self.list.currentItem()
            if entry is None:
                return
            name = str(entry.data(NAME_ROLE))
        text = f"${{{name}}}"
        target = self._target
        if isinstance(target, QLineEdit):
            target.insert(text)
        else:
            target.insertPlainText(text)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _insert_item(self, entry: QListWidgetItem) -> None:
        self.insert_placeholder(str(entry.data(NAME_ROLE)))

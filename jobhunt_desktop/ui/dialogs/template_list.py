"""The template editor's list of templates: built-ins first, each saying whether the
user has changed it, then the user's own; each entry keeps its template's key.

It lives apart from the dialog so that how an entry reads and what it holds stay in
one widget, while the dialog decides what choosing, saving and deleting do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from jobhunt_desktop.services.drafting import TemplateItem
from jobhunt_desktop.ui.dialogs.template_editor_text import item_text, item_tip

KEY_ROLE = Qt.ItemDataRole.UserRole


class TemplateList(QListWidget):
    """One entry a template, its key under `KEY_ROLE`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Templates")
        self.setToolTip("Built-in templates answer their own follow-up; yours follow them")
        self.setWordWrap(True)  # long names wrap rather than hide their "(built in)"
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_items(self, items: Sequence[TemplateItem]) -> None:
        """Replace the entries with one for each of `items`, in their order."""
        self.clear()
        for item in items:
            entry = QListWidgetItem(item_text(item))
            entry.setData(KEY_ROLE, item.template.key)
            tip = item_tip(item)
            if tip is not None:
                entry.setToolTip(tip)
            self.addItem(entry)

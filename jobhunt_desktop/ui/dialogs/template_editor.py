"""The template editor: the user's wording for each follow-up message, with a live
preview filled from sample values.

A template that could not render is never saved: `validate`'s problems replace the
preview as they are typed, and Save stays off until they are fixed. Built-ins can be
edited and restored; the user's own templates can be added and deleted.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.templates import Template, older_meanings, validate
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.drafting import TemplateItem
from jobhunt_desktop.ui.dialogs.card_common import button, set_invalid
from jobhunt_desktop.ui.dialogs.forms import ask_yes_no
from jobhunt_desktop.ui.dialogs.placeholder_picker import PlaceholderPicker
from jobhunt_desktop.ui.dialogs.template_editor_text import Fields, item_text, sample_preview
from jobhunt_desktop.ui.dialogs.template_form import NAME_TIP, TemplateForm
from jobhunt_desktop.ui.dialogs.template_list import KEY_ROLE, TemplateList
from jobhunt_desktop.ui.operations import Operations

__all__ = ["TemplateEditorDialog", "item_text"]

ERROR_TITLE = "That did not work"


class TemplateEditorDialog(QDialog):
    """The list of templates on the left, the one chosen in a form on the right."""

    templatesChanged = Signal()  # saved, restored or deleted

    def __init__(
        self, ops: Operations, parent: QWidget | None = None, select: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        self._items: list[TemplateItem] = []
        self._key: str | None = None  # the template in the form; None for a new one
        self._baseline: Fields = ("", None, "", "")
        self._row = -1  # the list row whose template is in the form
        self._loading = False
        self.setWindowTitle("Message templates")
        self.setSizeGripEnabled(True)
        self.resize(1180, 700)

        self.list = TemplateList(self)
        self.list.currentRowChanged.connect(self._row_chosen)
        list_label = QLabel("&Templates:", self)
        list_label.setBuddy(self.list)
        self.new_button = button(
            "&New", "Start a template of your own from the text shown (Alt+N)", self.new, self
        )

        self.form = TemplateForm(self)
        self.name, self.kind = self.form.name, self.form.kind
        self.subject, self.body = self.form.subject, self.form.body
        self.preview, self.error = self.form.preview, self.form.error
        self.preview_stack, self.preview_label = self.form.preview_stack, self.form.preview_label
        self.name.textChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        self.subject.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)

        self.picker = PlaceholderPicker(self.subject, self.body, self)
        self.placeholders, self.insert_button = self.picker.list, self.picker.insert_button

        self.status = QLabel(self)
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.save_button = button("&Save", "Save this template (Alt+S)", self.save, self)
        self.restore_button = button(
            "&Restore default",
            "Put the built-in text back, forgetting your edits (Alt+R)",
            self.restore_default,
            self,
        )
        self.delete_button = button(
            "&Delete…", "Delete this template of yours (Alt+D)", self.delete, self
        )
        self.close_button = button("C&lose", "Close the editor (Esc)", self.reject, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for widget, stretch in ((left, 2), (self.form, 5), (self.picker, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([330, 630, 200])

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for push in (self.save_button, self.restore_button, self.delete_button, self.close_button):
            buttons.addWidget(push)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        order: list[QWidget] = [
            self.list,
            self.new_button,
            self.name,
            self.kind,
            self.subject,
            self.body,
            self.placeholders,
            self.insert_button,
            self.save_button,
            self.restore_button,
            self.delete_button,
            self.close_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.reload(select)
        self.list.setFocus()

    # reading ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the templates again (on a server off the window's thread, the editor
        waiting) and show `select` (or the first one)."""
        items = self.ops.run_waiting(lambda s: s.drafting.templates(), self, ERROR_TITLE)
        if items is None:  # unreadable: it was said why; what is shown stays
            return
        self._items = items
        self._loading = True
        self.list.show_items(self._items)
        self._loading = False
        keys = [item.template.key for item in self._items]
        row = keys.index(select) if select in keys else 0
        self._show_row(row)

    def current_item(self) -> TemplateItem | None:
        """The stored template in the form; None while a new one is being written."""
        return next((i for i in self._items if i.template.key == self._key), None)

    def fields(self) -> Fields:
        return self.form.fields()

    def is_dirty(self) -> bool:
        return self.fields() != self._baseline

    def _show_row(self, row: int) -> None:
        self._loading = True
        self.list.setCurrentRow(row)
        self._loading = False
        self._row = row
        if 0 <= row < len(self._items):
            self._load(self._items[row].template)
            self.say(" ".join(older_meanings(self._items[row].template)))

    def _load(self, template: Template) -> None:
        self._key = template.key
        self._fill(template.name, template.kind, template.subject, template.body)
        self.form.set_builtin(template.builtin)

    def _fill(self, name: str, kind: FollowUpKind | None, subject: str, body: str) -> None:
        self._loading = True
        self.form.set_fields(name, kind, subject, body)
        self._loading = False
        self._baseline = self.fields()
        self._changed()

    # keeping the preview and buttons in step -------------------------------------------

    def shown_problems(self) -> str:
        """The problems as the red label lists them, without the line-break guards."""
        return self.form.shown_problems()

    def problems(self) -> list[str]:
        """What stops the template from being saved: `validate`'s list."""
        return validate(self.subject.text(), self.body.toPlainText())

    def name_problem(self) -> str | None:
        return None if self.name.text().strip() else "The template needs a name."

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        problems = self.problems()
        name_problem = self.name_problem()
        set_invalid(self.name, name_problem, NAME_TIP)
        if not problems:
            try:
                self.preview.setPlainText(sample_preview(self._key, self.fields()))
            except UserError as error:  # validate() should have caught it
                problems = [str(error)]
        self.form.show_problems(problems)
        item = self.current_item()
        dirty = self.is_dirty()
        self.save_button.setEnabled(
            not problems and name_problem is None and (dirty or item is None)
        )
        builtin = item is not None and item.template.builtin
        self.restore_button.setEnabled(builtin and (dirty or (item is not None and item.modified)))
        self.delete_button.setEnabled(item is not None and not builtin)

    # acting ----------------------------------------------------------------------------

    def _row_chosen(self, row: int) -> None:
        if self._loading or row == self._row:
            return
        entry = self.list.item(row)
        wanted = entry.data(KEY_ROLE) if entry is not None else None
        if not self.may_leave():
            self._loading = True
            self.list.setCurrentRow(self._row)
            self._loading = False
            return
        # Saving on the way may have re-sorted the list: find the row again by key.
        keys = [item.template.key for item in self._items]
        self._show_row(keys.index(wanted) if wanted in keys else max(row, 0))

    def may_leave(self) -> bool:
        """Before another template or closing: keep, drop or stay with unsaved edits."""
        if not self.is_dirty():
            return True
        name = self.name.text().strip() or "the new template"
        answer = QMessageBox.question(
            self,
            "Save your changes?",
            f"You have changed “{name}”. Save the changes?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new(self) -> None:
        """A template of the user's own, starting from the text on show."""
        if not self.may_leave():
            return
        _, _, subject, body = self.fields()
        self._loading = True
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self._loading = False
        self._row = -1
        self._key = None
        self._fill("", None, subject, body)
        self.form.set_builtin(False)
        self.name.setFocus()
        self.say("A new template, starting from the text shown. Name it, change it, save it.")

    def save(self) -> bool:
        name, kind, subject, body = self.fields()
        key, chosen = self._key, FollowUpKind(kind) if kind else None
        saved = self.ops.run_waiting(
            lambda s: s.drafting.save_template(key, name, subject, body, chosen),
            self,
            ERROR_TITLE,
        )
        if saved is None:
            return False
        item = saved.value
        self.reload(item.template.key)
        self.say(f"Saved “{item.template.name}”.")
        self.templatesChanged.emit()
        return True

    def restore_default(self) -> None:
        item = self.current_item()
        if item is None or not item.template.builtin:
            return
        if not item.modified:  # only the form was changed: put the text back
            self._load(item.template)
            self.say("Back to the built-in text.")
            return
        if not self.confirm(
            "Restore the built-in text?",
            f"Put back the built-in text of “{item.template.name}”? Your edits to it will be lost.",
        ):
            return
        key = item.template.key
        restored = self.ops.run_waiting(
            lambda s: s.drafting.restore_default(key), self, ERROR_TITLE
        )
        if restored is None:
            return
        self.reload(restored.value.template.key)
        self.say("Back to the built-in text.")
        self.templatesChanged.emit()

    def delete(self) -> None:
        item = self.current_item()
        if item is None or item.template.builtin:
            return
        if not self.confirm(
            "Delete the template?",
            f"Delete your template “{item.template.name}”? This cannot be undone.",
        ):
            return
        key = item.template.key
        deleted = self.ops.run_waiting(lambda s: s.drafting.delete_template(key), self, ERROR_TITLE)
        if deleted is None:
            return
        self.reload()
        self.say(f"Deleted “{item.template.name}”.")
        self.templatesChanged.emit()

    def reject(self) -> None:
        """Esc, Close and the title bar's close button: ask about unsaved edits."""
        if self.may_leave():
            super().reject()

    # talking to the user ---------------------------------------------------------------

    def say(self, text: str) -> None:
        self.status.setText(text)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, ERROR_TITLE, sentence(message))

    def confirm(self, title: str, question: str) -> bool:
        return ask_yes_no(self, title, question)

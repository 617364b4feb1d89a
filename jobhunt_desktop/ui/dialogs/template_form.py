"""The middle of the template editor: the template's name, kind, subject and body, and
under them the preview with sample values or, in its place, what stops a save.

It lives apart from the dialog so that the form's widgets, and how they are filled,
read and shown, are in one place; the dialog decides when, and what is saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.services.drafting import MAX_NAME_CHARS
from jobhunt_desktop.ui.dialogs.template_editor_text import (
    ANY_KIND,
    PREVIEW_HEADING,
    PROBLEMS_HEADING,
    WORD_JOINER,
    Fields,
    kind_label,
    problems_text,
)

ERROR_STYLE = "color: #c62828;"
NAME_TIP = "What the template is called in the message window's template list"
BUILTIN_KIND_TIP = "A built-in template always answers its own follow-up"
OWN_KIND_TIP = "Which follow-up it is meant for; you can pick it for any message"


class TemplateForm(QWidget):
    """Name, kind, subject and body over the preview (or the problems)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each caption is made just before its field, so they are listed (to assistive
        # technology, too) in reading order: caption, field, caption, field…
        name_caption = QLabel("N&ame:", self)
        self.name = QLineEdit(self)
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText("Name your template")
        self.name.setToolTip(NAME_TIP)
        kind_caption = QLabel("Used &for:", self)
        self.kind = QComboBox(self)
        self.kind.addItem(ANY_KIND, None)
        for kind in FollowUpKind:
            if kind.is_message:
                self.kind.addItem(kind_label(kind), kind.value)
        subject_caption = QLabel("S&ubject:", self)
        self.subject = QLineEdit(self)
        self.subject.setToolTip("One line; placeholders such as ${position} are filled in")
        body_caption = QLabel("&Body:", self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName("Body")
        self.body.setToolTip("The message; placeholders such as ${company} are filled in")

        self.preview_label = QLabel(PREVIEW_HEADING, self)
        bold = QFont(self.preview_label.font())
        bold.setBold(True)
        self.preview_label.setFont(bold)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        self.preview.setToolTip("The message as it would read, filled with sample values")
        self.error = QLabel(self)
        self.error.setAccessibleName("Problems")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(ERROR_STYLE)
        error_scroll = QScrollArea(self)
        error_scroll.setWidgetResizable(True)
        error_scroll.setWidget(self.error)
        self.preview_stack = QStackedWidget(self)
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.addWidget(error_scroll)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[QLabel, QWidget], ...] = (
            (name_caption, self.name),
            (kind_caption, self.kind),
            (subject_caption, self.subject),
            (body_caption, self.body),
        )
        for caption, field in rows:
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 3)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_stack, 2)

    def fields(self) -> Fields:
        return (
            self.name.text(),
            self.kind.currentData(),
            self.subject.text(),
            self.body.toPlainText(),
        )

    def set_fields(self, name: str, kind: FollowUpKind | None, subject: str, body: str) -> None:
        self.name.setText(name)
        at = self.kind.findData(kind.value if kind is not None else None)
        self.kind.setCurrentIndex(max(at, 0))
        self.subject.setText(subject)
        self.body.setPlainText(body)

    def set_builtin(self, builtin: bool) -> None:
        """A built-in always answers its own follow-up: its kind cannot be changed."""
        self.kind.setEnabled(not builtin)
        self.kind.setToolTip(BUILTIN_KIND_TIP if builtin else OWN_KIND_TIP)

    def show_problems(self, problems: Sequence[str]) -> None:
        """The problems in red in place of the preview; with none, the preview."""
        if problems:
            self.error.setText(problems_text(problems))
            self.preview_stack.setCurrentIndex(1)
            self.preview_label.setText(PROBLEMS_HEADING)
        else:
            self.error.clear()
            self.preview_stack.setCurrentIndex(0)
            self.preview_label.setText(PREVIEW_HEADING)

    def shown_problems(self) -> str:
        """The problems as the red label lists them, without the line-break guards."""
        return self.error.text().replace(WORD_JOINER, "")

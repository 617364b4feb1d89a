"""The composer: the message a follow-up asks for, already written, ready to edit.

Nothing is sent from here. The text leaves through the user's own mail program (a
mailto link), the clipboard or an .eml file; "Mark as sent" only records that it
went, as one undoable step on the window's stack, so a slip is one Ctrl+Z away.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.messages import WEB_COMPOSE, compose_link, eml_bytes, plain_text
from jobhunt_desktop.domain.timeutil import zone
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.drafting import Composed
from jobhunt_desktop.services.events import LogResult
from jobhunt_desktop.services.files import save_private
from jobhunt_desktop.ui.dialogs.card_common import button as _button
from jobhunt_desktop.ui.dialogs.composer_text import file_name_for, followup_line
from jobhunt_desktop.ui.dialogs.forms import ask_yes_no
from jobhunt_desktop.ui.dialogs.mail_fallback import ask_another_way
from jobhunt_desktop.ui.operations import Operations

__all__ = ["ComposerDialog", "file_name_for", "followup_line"]

ERROR_TITLE = "That did not work"


class ComposerDialog(QDialog):
    """One drafted message; see the module docstring for what leaves the app and how."""

    markedSent = Signal(int)  # application id, once the message is logged as sent

    def __init__(
        self,
        ops: Operations,
        composed: Composed,
        parent: QWidget | None = None,
        mail_program: str = "system",
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.mail_program = mail_program  # see domain.messages.MAIL_PROGRAMS
        self.services: Services = ops.services
        services = ops.services
        self.composed = composed
        self._exported = False  # the text as it stands went out (mail, clipboard, file)
        self._switching = False
        self._template_index = -1
        self.setWindowTitle(f"Message to {composed.company} — {composed.position}")
        self.setSizeGripEnabled(True)
        self.resize(720, 640)

        heading = QLabel(f"{composed.company} — {composed.position}", self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        now = services.followups.now()
        self.answers = QLabel(followup_line(composed.followup, composed.time_zone, now), self)
        self.answers.setTextFormat(Qt.TextFormat.PlainText)
        self.answers.setWordWrap(True)
        self.answers.setAccessibleName("Follow-up")

        self.template_box = QComboBox(self)
        self.template_box.setToolTip(
            "Write the message again from another template; you are asked first if you "
            "changed the text"
        )
        self._fill_templates()
        self.template_box.currentIndexChanged.connect(self._template_chosen)

        self.to = QLineEdit(composed.recipient.address, self)
        self.to.setToolTip("Who it goes to; separate several addresses with commas")
        who = composed.recipient.name
        self.to.setPlaceholderText(
            f"No email address for {who} on the card: type one, or add it in your mail program"
            if who
            else "No contact on the card: type an address, or add it in your mail program"
        )
        self.subject = QLineEdit(composed.subject, self)
        self.subject.setToolTip("The subject line; change anything you like")
        self.body = QPlainTextEdit(composed.body, self)
        self.body.setToolTip("The message; change anything you like")
        self.body.setTabChangesFocus(True)
        self.body.setMinimumSize(520, 280)
        self.body.setAccessibleName("Message")
        for field in (self.subject, self.body, self.to):
            field.textChanged.connect(self._text_changed)

        self.status = QLabel(self)
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_button = _button(
            "&Open in mail program",
            "Start a new email with this text in your own mail program (Alt+O)",
            self.open_in_mail,
            self,
        )
        self.copy_button = _button(
            "&Copy",
            "Copy the subject and message to the clipboard, to paste anywhere (Alt+C)",
            self.copy,
            self,
        )
        self.save_button = _button(
            "Save &as .eml…",
            "Save an email file that your mail program opens as a draft (Alt+A)",
            self.save_as,
            self,
        )
        self.sent_button = _button(
            "Mark as &sent",
            "Once it has gone out: note it on the card and tick off the follow-up "
            "(Alt+S; Ctrl+Z on the board takes it back)",
            self.mark_sent,
            self,
        )
        self.close_button = _button(
            "C&lose", "Close without noting anything (Esc)", self.reject, self
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in (
            ("Te&mplate:", self.template_box),
            ("&To:", self.to),
            ("S&ubject:", self.subject),
            ("&Body:", self.body),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.copy_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sent_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.answers)
        layout.addLayout(form, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        order: list[QWidget] = [
            self.template_box,
            self.to,
            self.subject,
            self.body,
            self.open_button,
            self.copy_button,
            self.save_button,
            self.sent_button,
            self.close_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.body.setFocus()

    # what it shows ---------------------------------------------------------------------

    def _fill_templates(self) -> None:
        """Built-ins first, then the user's own after a line; the current one chosen."""
        self._switching = True
        box = self.template_box
        box.clear()
        own_started = False
        for item in self.composed.choices:
            template = item.template
            if not template.builtin and not own_started and box.count():
                box.insertSeparator(box.count())
                own_started = True
            name = f"{template.name} (edited)" if item.modified else template.name
            box.addItem(name, template.key)
        current = box.findData(self.composed.template.key)
        if current < 0:
            box.addItem(self.composed.template.name, self.composed.template.key)
            current = box.count() - 1
        box.setCurrentIndex(current)
        self._template_index = current
        self._switching = False

    def edited(self) -> bool:
        """True when the subject or text differs from what the template wrote."""
        return (
            self.subject.text() != self.composed.subject
            or self.body.toPlainText() != self.composed.body
        )

    def _text_changed(self, *_: object) -> None:
        self._exported = False

    def _template_chosen(self, index: int) -> None:
        if self._switching:
            return
        key = self.template_box.itemData(index)
        if not isinstance(key, str) or key == self.composed.template.key:
            self._template_index = index
            return
        name = self.template_box.itemText(index)
        if self.edited() and not self.confirm(
            "Replace your changes?",
            f"Write the message again from “{name}”? Your changes to the subject and "
            "text will be lost.",
        ):
            self._revert_template()
            return
        composed = self.composed
        followup_id = composed.followup.id if composed.followup is not None else None
        fresh = self.ops.run_waiting(  # on a server: this waits, the window goes on
            lambda s: s.drafting.compose(
                composed.application_id,
                followup_id=followup_id,
                kind=composed.kind,
                template_key=key,
            ),
            self,
            title=ERROR_TITLE,
        )
        if not shiboken6.isValid(self):
            return  # closed while it waited
        if fresh is None:  # it was said why
            self._revert_template()
            return
        self.composed = fresh
        self._template_index = index
        self.subject.setText(fresh.subject)
        self.body.setPlainText(fresh.body)
        self.say(f"Written from “{fresh.template.name}”.")

    def _revert_template(self) -> None:
        self._switching = True
        self.template_box.setCurrentIndex(self._template_index)
        self._switching = False

    # getting the text out ----------------------------------------------------------------

    def open_in_mail(self, program: str | None = None) -> bool:
        """Open the draft in the chosen mail program (the system's, or a web mail's
        compose page); a body too long for the link goes to the clipboard first, and
        the status line says to paste it. When nothing opened, say so and offer the
        other ways (copy, .eml, a web mail)."""
        program = program or self.mail_program
        body = self.body.toPlainText()
        try:
            link = compose_link(program, self.to.text(), self.subject.text(), body)
        except UserError as error:
            self.show_error(str(error))
            self.to.setFocus()
            return False
        if not link.body_in_link:
            QGuiApplication.clipboard().setText(body)
        if not QDesktopServices.openUrl(QUrl(link.url)):
            other = ask_another_way(self, program)
            if other == "copy":
                self.copy()
            elif other == "eml":
                self.save_as()
            elif other is not None:
                return self.open_in_mail(other)
            return False
        self._exported = True
        where = "your mail program" if program not in WEB_COMPOSE else "the browser"
        if link.body_in_link:
            self.say(f"Opened in {where}. Once it has gone, click Mark as sent.")
        else:
            self.say(
                f"Opened in {where}. The message is too long to hand over in a link, so it "
                "was copied to the clipboard: paste it into the new email (Ctrl+V)."
            )
        return True

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(
            plain_text(self.subject.text(), self.body.toPlainText())
        )
        self._exported = True
        self.say("Copied the subject and message: paste them into your email.")

    def save_as(self) -> None:
        """Ask where, then `save_eml`; the name is made from the company and subject."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        suggested = Path(folder) / file_name_for(self.composed.company, self.subject.text())
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the message as an email file", str(suggested), "Email files (*.eml)"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".eml":
            path = path.with_name(path.name + ".eml")
        self.save_eml(path)

    def save_eml(self, path: Path) -> bool:
        """Write the draft as an .eml file, dated now on the user's clock."""
        now = self.services.followups.now().astimezone(zone(self.composed.time_zone))
        try:
            data = eml_bytes(
                self.to.text(), self.subject.text(), self.body.toPlainText(), sender=None, date=now
            )
        except UserError as error:
            self.show_error(str(error))
            return False
        try:
            save_private(path, data)
        except OSError as error:
            self.show_error(f"could not save {path}: {error.strerror or error}")
            return False
        self._exported = True
        self.say(f"Saved as {path.name}. Open it to send it from your mail program.")
        return True

    # recording that it went ------------------------------------------------------------

    def mark_sent(self) -> None:
        """Log the message as sent (closing its follow-up) as one undoable step, then
        close; on an error the dialog stays open with the text as it was."""
        composed = self.composed
        card, subject, body = composed.application_id, self.subject.text(), self.body.toPlainText()
        followup_id = composed.followup.id if composed.followup is not None else None
        self.sent_button.setEnabled(False)  # one message, noted once
        self.say("Saving…" if self.ops.background is not None else "")

        def landed(result: LogResult | None) -> None:  # on a server, after the commit
            if shiboken6.isValid(self):
                self.sent_button.setEnabled(True)
                self.say("")
                if result is not None:
                    self.markedSent.emit(card)
                    self.accept()

        self.ops.perform_soon(
            f"Mark message to {composed.company} as sent",
            lambda s: s.events.sent(
                card, subject, body, kind=composed.kind, followup_id=followup_id
            ),
            landed,
            parent=self,
            title=ERROR_TITLE,
        )

    # talking to the user --------------------------------------------------------------

    def say(self, text: str) -> None:
        self.status.setText(text)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, ERROR_TITLE, sentence(message))

    def confirm(self, title: str, question: str) -> bool:
        return ask_yes_no(self, title, question)

    def reject(self) -> None:
        """Esc and Close: edited text that never left the app is lost, so ask first."""
        if (
            self.isVisible()
            and self.edited()
            and not self._exported
            and not self.confirm(
                "Close the message?",
                "Your changes to this message have not been copied, saved or opened in "
                "your mail program. Close it anyway?",
            )
        ):
            return
        super().reject()

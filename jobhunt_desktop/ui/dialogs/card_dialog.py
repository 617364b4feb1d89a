"""The card dialog: one application's whole story in tabs — details, contacts,
events, follow-ups and history.

It holds no session: every read and every change is a service call. After a change it
reloads itself from the services and calls `refresh` so the board follows. Field
edits go through the undo stack, so Ctrl+Z (here or on the board) takes them back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import FollowUp
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.card_common import CardView, T, button
from jobhunt_desktop.ui.dialogs.card_contacts import ContactsTab
from jobhunt_desktop.ui.dialogs.card_details import DetailsTab
from jobhunt_desktop.ui.dialogs.card_events import EventsTab
from jobhunt_desktop.ui.dialogs.card_followups import FollowUpsTab
from jobhunt_desktop.ui.dialogs.card_history import HistoryTab
from jobhunt_desktop.ui.dialogs.forms import ask_yes_no
from jobhunt_desktop.ui.storage_calls import call_with_retry, needs_telling
from jobhunt_desktop.ui.undo import EditCardCommand, push

__all__ = ["CardDialog"]

ERROR_TITLE = "That did not work"


class CardDialog(QDialog):
    """Everything about one application; see the module docstring for the contract."""

    DETAILS, CONTACTS, EVENTS, FOLLOWUPS, HISTORY = range(5)

    # application id, follow-up id: the window opens the composer over this dialog
    draftRequested = Signal(int, int)

    def __init__(
        self,
        services: Services,
        application_id: int,
        undo_stack: QUndoStack,
        refresh: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.application_id = application_id
        self.undo_stack = undo_stack
        self._refresh = refresh
        self._view: CardView | None = None
        self._closed = False
        self.setWindowTitle("Card")
        self.setSizeGripEnabled(True)
        self.resize(780, 620)

        try:
            today = local_date(services.followups.now(), services.settings.get().time_zone)
        except UserError:  # a broken zone setting: the reload below says so
            today = local_date(services.followups.now(), "UTC")
        self.details = DetailsTab(self.push_edit, today, self)
        self.contacts = ContactsTab(self, self)
        self.events = EventsTab(self, self)
        self.followups = FollowUpsTab(self, self)
        self.history = HistoryTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Card sections")
        self.tabs.setToolTip("Ctrl+Tab and Ctrl+Shift+Tab switch between the sections")
        for widget, label in (
            (self.details, "Details"),
            (self.contacts, "Contacts"),
            (self.events, "Events"),
            (self.followups, "Follow-ups"),
            (self.history, "History"),
        ):
            self.tabs.addTab(widget, label)

        self.status = QLabel(self)
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.close_button = button("Cl&ose", "Close this card (Esc)", self.reject, self)

        undo = undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(undo)
        self.addAction(redo)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.reload()

    # what the tabs call ----------------------------------------------------------------

    def current(self) -> CardView:
        """The last consistent read of the card."""
        assert self._view is not None, "the card has not been loaded"
        return self._view

    def reload(self) -> bool:
        """Read the card again from the services and redraw every tab."""
        try:
            story = self.services.applications.story(self.application_id)
            chain = tuple(self.services.followups.chain(self.application_id))
            settings = self.services.settings.get()
        except NotFoundError as error:
            # Deleted elsewhere (the board, the command line): nothing left to show.
            self.show_error(str(error))
            QTimer.singleShot(0, self.reject)
            return False
        except UserError as error:
            self.show_error(str(error))
            return False
        view = CardView(story, chain, settings, self.services.followups.now())
        self._view = view
        app = story.application
        self.setWindowTitle(f"{app.company} — {app.title}")
        self.details.show_card(view)
        self.contacts.show_card(view)
        self.events.show_card(view)
        self.followups.show_card(view)
        self.history.show_card(view)
        open_count = sum(1 for f in chain if f.state.is_open)
        self.tabs.setTabText(self.CONTACTS, f"Contacts ({len(app.contacts)})")
        self.tabs.setTabText(self.EVENTS, f"Events ({len(story.events)})")
        self.tabs.setTabText(self.FOLLOWUPS, f"Follow-ups ({open_count} open)")
        return True

    def perform(self, action: Callable[[], T], message: Callable[[T], str]) -> bool:
        """Run one service call; on a UserError say why and change nothing else."""
        try:
            result = call_with_retry(action, self)
        except UserError as error:
            if needs_telling(error):
                self.show_error(str(error))
            return False
        self.reload()
        self._refresh()
        self.say(message(result))
        return True

    def ask(self, form: QDialog) -> bool:
        """Show a small form; tests replace this to fill the form instead."""
        return form.exec() == QDialog.DialogCode.Accepted

    def confirm(self, title: str, question: str) -> bool:
        return ask_yes_no(self, title, question)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, ERROR_TITLE, sentence(message))

    def draft(self, followup: FollowUp) -> None:
        """Ask for the composer; the window owns it, as it owns the undo stack."""
        self.draftRequested.emit(self.application_id, followup.id)

    def reload_if_open(self) -> None:
        """After a change made elsewhere (a message marked sent, or its undo): safe to
        call after the dialog has closed or been deleted."""
        if self._alive():
            self.reload()

    def say(self, text: str) -> None:
        self.status.setText(text)

    # saving field edits through the undo stack -------------------------------------

    def push_edit(self, new: Mapping[str, Any], old: Mapping[str, Any]) -> None:
        """Save changed fields as one undoable command; on failure the form keeps
        what was typed."""
        command = EditCardCommand(
            self.services,
            self.application_id,
            new,
            old,
            self._after_command,
            self._command_error,
        )
        if push(self.undo_stack, command):
            self.say("Saved. Ctrl+Z undoes it.")

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and not self._closed

    def _after_command(self) -> None:
        """Runs after a save, undo or redo that happened, even after the dialog has closed."""
        self._refresh()
        if self._alive():
            self.say("")
            self.reload()

    def _command_error(self, message: str) -> None:
        if self._alive():
            self.show_error(message)
        else:
            QMessageBox.warning(None, ERROR_TITLE, sentence(message))

    # closing and showing again -------------------------------------------------------

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        if self._closed:
            self._closed = False
            self.reload()
        super().showEvent(event)

"""The card dialog: one application's whole story in tabs — details, contacts,
events, follow-ups and history.

It holds no session: every read is a service call and every change an operation
run by the window's `Operations`, so it joins the undo stack (Ctrl+Z here or on the
board takes it back). The dialog redraws when an operation's `Changes` touch its
card; when another program changed it, it says so, and a field saved over a value
changed elsewhere is refused rather than overwriting it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.entities import FollowUp
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.card_common import CardView, T, button
from jobhunt_desktop.ui.dialogs.card_contacts import ContactsTab
from jobhunt_desktop.ui.dialogs.card_details import DetailsTab
from jobhunt_desktop.ui.dialogs.card_events import EventsTab
from jobhunt_desktop.ui.dialogs.card_files import FilesTab
from jobhunt_desktop.ui.dialogs.card_followups import FollowUpsTab
from jobhunt_desktop.ui.dialogs.card_history import HistoryTab
from jobhunt_desktop.ui.dialogs.forms import ask_yes_no
from jobhunt_desktop.ui.operations import Operations, Work, or_refusal
from jobhunt_desktop.ui.undo import StepAction

if TYPE_CHECKING:
    from jobhunt_desktop.domain.entities import Application
    from jobhunt_desktop.services.outcome import Outcome

__all__ = ["CardDialog", "read_card"]

ERROR_TITLE = "That did not work"


def read_card(services: Services, application_id: int) -> CardView | UserError:
    """Everything the tabs show, or why it could not be read; on a server this runs
    off the window's thread (the dialog's first read, and after a change), so it
    only reads."""
    try:
        story, settings = services.applications.story_and_settings(application_id)
    except UserError as error:
        return error
    return CardView(story, settings, services.followups.now())


class CardDialog(QDialog):
    """Everything about one application; see the module docstring for the contract."""

    DETAILS, CONTACTS, EVENTS, FOLLOWUPS, FILES, HISTORY = range(6)

    # application id, follow-up id: the window opens the composer over this dialog
    draftRequested = Signal(int, int)

    def __init__(
        self,
        ops: Operations,
        application_id: int,
        parent: QWidget | None = None,
        view: CardView | UserError | None = None,
    ) -> None:
        """`view` is the card read already (on a server the window reads it off its
        thread before opening this); without it the card is read here."""
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        services = ops.services
        self.application_id = application_id
        self._view: CardView | None = None
        self._closed = False
        self.setWindowTitle("Card")
        self.setSizeGripEnabled(True)
        self.resize(780, 620)

        read = view if view is not None else read_card(services, application_id)
        zone = read.settings.time_zone if isinstance(read, CardView) else "UTC"
        try:
            today = local_date(services.followups.now(), zone)
        except UserError:  # a broken zone setting: showing the card below says so
            today = local_date(services.followups.now(), "UTC")
        self.details = DetailsTab(self.push_edit, today, self)
        self.contacts = ContactsTab(self, self)
        self.events = EventsTab(self, self)
        self.followups = FollowUpsTab(self, self)
        self.files = FilesTab(self, self)
        self.history = HistoryTab(self, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Card sections")
        self.tabs.setToolTip("Ctrl+Tab and Ctrl+Shift+Tab switch between the sections")
        for widget, label in (
            (self.details, "Details"),
            (self.contacts, "Contacts"),
            (self.events, "Events"),
            (self.followups, "Follow-ups"),
            (self.files, "Files"),
            (self.history, "History"),
        ):
            self.tabs.addTab(widget, label)

        self.status = QLabel(self)
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.close_button = button("Cl&ose", "Close this card (Esc)", self.reject, self)

        undo = StepAction(ops, self, True, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = StepAction(ops, self, False, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(undo)
        self.addAction(redo)
        self.open_link_action = QAction("Open the job link", self)
        self.open_link_action.setShortcut(QKeySequence("Ctrl+L"))
        self.open_link_action.triggered.connect(self.details.open_link)
        self.addAction(self.open_link_action)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        ops.changed.connect(self._on_changes)
        self._show(read)

    # what the tabs call ----------------------------------------------------------------

    def current(self) -> CardView:
        """The last consistent read of the card."""
        assert self._view is not None, "the card has not been loaded"
        return self._view

    def reload(self) -> bool:
        """Read the card again from the services and redraw every tab."""
        return self._show(self._read(self.services))

    def _read(self, services: Services) -> CardView | UserError:
        return read_card(services, self.application_id)

    def _show(self, read: CardView | UserError) -> bool:
        if isinstance(read, NotFoundError):
            # Deleted elsewhere (the board, the command line): nothing left to show.
            self.show_error(str(read))
            QTimer.singleShot(0, self.reject)
            return False
        if isinstance(read, UserError):
            self.show_error(str(read))
            return False
        view = read
        self._view = view
        story, chain = view.story, view.chain
        app = story.application
        self.setWindowTitle(f"{app.company} — {app.title}")
        self.details.show_card(view)
        self.contacts.show_card(view)
        self.events.show_card(view)
        self.followups.show_card(view)
        self.files.show_card(view)
        self.history.show_card(view)
        open_count = sum(1 for f in chain if f.state.is_open)
        self.tabs.setTabText(self.CONTACTS, f"Contacts ({len(app.contacts)})")
        self.tabs.setTabText(self.EVENTS, f"Events ({len(story.events)})")
        self.tabs.setTabText(self.FOLLOWUPS, f"Follow-ups ({open_count} open)")
        self.tabs.setTabText(self.FILES, f"Files ({len(story.attachments)})")
        return True

    def perform(self, text: str, work: Work[T], message: Callable[[T], str]) -> None:
        """Run one operation as an undoable step; on failure say why, change nothing.
        On a server it is saved off the window's thread, the card saying so meanwhile."""
        if self.ops.background is not None:
            self.say("Saving…")

        def landed(result: T | None) -> None:
            if self._alive():
                self.say("" if result is None else message(result))

        self.ops.perform_soon(text, work, landed, parent=self)

    def fetch(self, saying: str, work: Work[T], then: Callable[[T], None]) -> None:
        """Read what a tab goes on from (the people to pick from, a file's bytes): on a
        server off the window's thread, the card `saying` so meanwhile. A failure is
        said in a box over the card and `then` is not called."""
        if self.ops.background is not None:
            self.say(saying)

        def landed(value: T | UserError) -> None:
            if not self._alive():
                return
            self.say("")
            if isinstance(value, UserError):
                self.show_error(str(value))
            else:
                then(value)

        self.ops.read_soon(or_refusal(work), landed)

    def _on_changes(self, changes: Changes) -> None:
        if not self._alive() or not (
            changes.touches_card(self.application_id) or changes.contacts or changes.settings
        ):
            return
        if self.application_id in changes.removed:
            self.say("This card was deleted.")
            QTimer.singleShot(0, self.reject)
            return
        elsewhere = not self.ops.is_own(changes)

        def read(view: CardView | UserError) -> None:
            if self._alive():
                self._show(view)
                if elsewhere:
                    self.say(
                        "This card was changed in another window or program; it now shows that."
                    )

        self.ops.read_soon(self._read, read)  # on a server: off the window's thread

    def ask(self, form: QDialog) -> bool:
        """Show a small form over the card, modal; True when it was accepted."""
        return form.exec() == QDialog.DialogCode.Accepted

    def confirm(self, title: str, question: str) -> bool:
        return ask_yes_no(self, title, question)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, ERROR_TITLE, sentence(message))

    def draft(self, followup: FollowUp) -> None:
        """Ask for the composer; the window owns it, as it owns the undo stack."""
        self.draftRequested.emit(self.application_id, followup.id)

    def say(self, text: str) -> None:
        self.status.setText(text)

    # saving field edits through the undo stack -------------------------------------

    def push_edit(self, new: Mapping[str, Any], old: Mapping[str, Any]) -> None:
        """Save changed fields as one undoable step; the values the form started from
        must still be there (else another program changed them, and the save is
        refused). On failure the form keeps what was typed."""
        card = self.application_id
        expected = {name: old[name] for name in new}
        if self.ops.background is not None:  # on a server: the form waits, the window not
            self.say("Saving…")
            self.details.save_button.setEnabled(False)

        def landed(result: Outcome[Application] | None) -> None:
            if not self._alive():
                return
            self.details.validate()  # Save again as the form stands
            self.say("Saved. Ctrl+Z undoes it." if result is not None else "")

        self.ops.perform_soon(
            "Edit card",
            lambda s: s.applications.edit(card, new, expected),
            landed,
            parent=self,
        )

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and not self._closed

    # closing and showing again -------------------------------------------------------

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        if self._closed:
            self._closed = False
            self.reload()
        super().showEvent(event)

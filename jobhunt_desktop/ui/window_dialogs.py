"""Opening the window's dialogs: a card, the composer, the prompt after a move, quick
add, stages, templates. Each opens window-modal and deletes itself on close; their
writes go through the window's `Operations`."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services import autostart
from jobhunt_desktop.ui.dialogs.archived_dialog import ArchivedDialog
from jobhunt_desktop.ui.dialogs.card_common import CardView
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog, read_card
from jobhunt_desktop.ui.dialogs.composer import ComposerDialog
from jobhunt_desktop.ui.dialogs.mail_fallback import store_mail_program, stored_mail_program
from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog
from jobhunt_desktop.ui.dialogs.settings_dialog import SettingsDialog, WindowPrefs
from jobhunt_desktop.ui.dialogs.shortcuts import ShortcutsDialog
from jobhunt_desktop.ui.dialogs.stage_prompt_base import PromptFacts, read_facts
from jobhunt_desktop.ui.dialogs.stage_prompts import (
    AcceptedPrompt,
    OfferPrompt,
    PromptFactory,
    prompt_for,
)
from jobhunt_desktop.ui.dialogs.stages_dialog import StagesDialog
from jobhunt_desktop.ui.dialogs.template_editor import TemplateEditorDialog
from jobhunt_desktop.ui.operations import or_refusal
from jobhunt_desktop.ui.theme import apply_scheme, is_demo, store_scheme, stored_scheme

if TYPE_CHECKING:
    from jobhunt_desktop.domain.settings import Settings
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.services.drafting import Composed
    from jobhunt_desktop.ui.main_window import MainWindow

R = TypeVar("R")
D = TypeVar("D", bound=QDialog)


def _opened(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class DialogLauncher:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ops = window.operations
        self._opening: set[Hashable] = set()  # dialogs whose read is on its way

    def card(self, application_id: int) -> CardDialog | None:
        """The card's dialog (on a server once its read lands)."""
        return self._open_after_read(
            ("card", application_id),
            "Opening the card…",
            lambda services: read_card(services, application_id),
            lambda view: self._card(application_id, view),
        )

    def _card(self, application_id: int, view: CardView | UserError) -> CardDialog:
        dialog = CardDialog(self.ops, application_id, self.window, view)
        dialog.draftRequested.connect(
            lambda app, fid: self.composer(app, fid, parent=dialog)  # over the card
        )
        _opened(dialog)
        return dialog

    def composer(
        self,
        application_id: int,
        followup_id: int | None = None,
        kind: FollowUpKind | None = None,
        parent: QWidget | None = None,
        then: Callable[[ComposerDialog], object] | None = None,
    ) -> ComposerDialog | None:
        """The message a follow-up asks for, written out, over `parent` (a dialog that
        asked for it stays usable behind it); `then` is given the composer once it is
        open (on a server once its read lands)."""
        owner = parent or self.window

        def open_composer(composed: Composed | UserError) -> ComposerDialog | None:
            if owner is not self.window and not (shiboken6.isValid(owner) and owner.isVisible()):
                return None  # the dialog that asked closed while the draft was read
            if isinstance(composed, UserError):
                QMessageBox.warning(owner, "jobhunt-desktop", sentence(str(composed)))
                return None
            program = stored_mail_program(self.window.qsettings)
            dialog = ComposerDialog(self.ops, composed, owner, mail_program=program)
            dialog.markedSent.connect(
                lambda _app: self.window.statusBar().showMessage(
                    "Marked as sent. Ctrl+Z takes it back.", 8000
                )
            )
            _opened(dialog)
            if then is not None:
                then(dialog)
            return dialog

        return self._open_after_read(
            ("composer", application_id, followup_id, kind),
            "Writing the draft…",
            lambda s: s.drafting.compose(application_id, followup_id=followup_id, kind=kind),
            open_composer,
        )

    def _open_after_read(
        self,
        key: Hashable,
        saying: str,
        read: Callable[[Services], R],
        open_with: Callable[[R | UserError], D | None],
    ) -> D | None:
        """A dialog drawn from a read (or from why it could not be read). On a server
        the read runs off the window's thread and the dialog opens once it lands, the
        status bar `saying` what is coming meanwhile (asking again for the same dialog
        then is the same open); on a file it opens at once and is returned."""
        reading = or_refusal(read)
        if self.ops.background is None:
            return open_with(reading(self.ops.services))
        if key in self._opening:
            return None
        self._opening.add(key)
        bar = self.window.statusBar()
        if saying:
            bar.showMessage(saying)

        def landed(value: R | UserError) -> None:
            self._opening.discard(key)
            if saying and bar.currentMessage() == saying:
                bar.clearMessage()
            open_with(value)

        self.ops.read_soon(reading, landed)
        return None

    def prompt_after_move(self, application_id: int, stage: Stage) -> QDialog | None:
        """After a move into an interview, offer or closed stage, offer to say more
        (on a server once what it shows is read)."""
        prompt_class = prompt_for(stage)
        if prompt_class is None:
            return None

        return self._open_after_read(
            ("prompt", application_id),
            "",
            lambda s: read_facts(s, application_id, prompt_class.wants_others),
            lambda facts: self._prompt(prompt_class, application_id, facts),
        )

    def _prompt(
        self, prompt_class: PromptFactory, application_id: int, facts: PromptFacts | UserError
    ) -> QDialog | None:
        if isinstance(facts, UserError):  # the card went meanwhile: nothing to ask
            self.window.statusBar().showMessage(sentence(str(facts)), 8000)
            return None
        dialog = prompt_class(self.ops, application_id, self.window, facts)
        if isinstance(dialog, OfferPrompt):
            offer = dialog
            offer.draftRequested.connect(
                lambda other: self._note(offer, other, FollowUpKind.OFFER_NOTICE)
            )
        elif isinstance(dialog, AcceptedPrompt):
            if not dialog.others:  # nobody else to tell
                dialog.deleteLater()
                return None
            accepted = dialog
            accepted.draftRequested.connect(
                lambda other: self._note(accepted, other, FollowUpKind.WITHDRAWAL)
            )
        _opened(dialog)
        return dialog

    def _note(
        self, prompt: OfferPrompt | AcceptedPrompt, application_id: int, kind: FollowUpKind
    ) -> None:
        """A note to another employer (about an offer, or withdrawing), on its own card."""
        self.composer(
            application_id,
            kind=kind,
            parent=prompt,
            then=lambda composer: composer.markedSent.connect(prompt.note_sent),
        )

    def templates(self) -> TemplateEditorDialog:
        dialog = TemplateEditorDialog(self.ops, self.window)
        _opened(dialog)
        return dialog

    def quick_add(self, stage_id: int | None) -> QuickAddDialog:
        dialog = QuickAddDialog(
            self.ops, self.window.stages, stage_id, self.window, zone=self.window.zone
        )
        dialog.accepted.connect(lambda: self.window.select_added(dialog.created_id))
        _opened(dialog)
        return dialog

    def archived(self) -> ArchivedDialog:
        dialog = ArchivedDialog(self.ops, self.window.stages, self.window)
        dialog.openRequested.connect(lambda card: self.card(card))
        _opened(dialog)
        return dialog

    def insights(self) -> QDialog | None:
        """Open Insights; the first time, matplotlib builds its font cache, on a thread
        while a progress dialog says so."""
        from jobhunt_desktop.ui.insights.loading import charts_ready

        if not charts_ready(self.window):
            return None
        from jobhunt_desktop.ui.insights.insights_window import InsightsWindow

        dialog = InsightsWindow(self.window)
        _opened(dialog)
        return dialog

    def settings(
        self, *, then: Callable[[SettingsDialog], object] | None = None
    ) -> SettingsDialog | None:
        """The settings, filled from a read (on a server off the window's thread, the
        dialog opening once it lands); `then` is given the dialog once it is open."""

        def open_with(settings: Settings | UserError) -> SettingsDialog | None:
            if isinstance(settings, UserError):
                QMessageBox.warning(self.window, "jobhunt-desktop", sentence(str(settings)))
                return None
            dialog = SettingsDialog(self.ops, self._window_prefs(), self.window, settings)
            _opened(dialog)
            if then is not None:
                then(dialog)
            return dialog

        return self._open_after_read(("settings",), "", lambda s: s.settings.get(), open_with)

    def _window_prefs(self) -> WindowPrefs:
        window = self.window
        entry = autostart.entry_for(autostart.watcher_command(self.ops.services.reminders.db.path))

        def set_tray(on: bool) -> None:
            window.tray_action.setChecked(on)
            window.qsettings.setValue("window/close_to_tray", on)

        def set_at_login(on: bool) -> str | None:
            try:
                if on:
                    autostart.install(entry)
                else:
                    autostart.remove(entry)
            except OSError as error:
                return f"The reminder watcher could not be set up to start at login: {error}"
            return None

        def set_scheme(scheme: str) -> None:
            from PySide6.QtWidgets import QApplication

            store_scheme(window.qsettings, scheme)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_scheme(app, scheme)

        return WindowPrefs(
            window.tray_action.isChecked,
            set_tray,
            entry.path.exists,
            set_at_login,
            lambda: stored_scheme(window.qsettings),
            set_scheme,
            lambda: stored_mail_program(window.qsettings),
            lambda program: store_mail_program(window.qsettings, program),
            login_allowed=not is_demo(),
        )

    def shortcuts(self) -> ShortcutsDialog:
        actions = [a for menu in self.window.menus.values() for a in menu.actions()]
        dialog = ShortcutsDialog([*actions, *self.window.board.actions()], self.window)
        _opened(dialog)
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            "About jobhunt-desktop",
            "jobhunt-desktop keeps your job hunt in one file on your computer and reminds "
            "you when a follow-up is due, without ever pestering an employer.",
        )

    def stages(self) -> StagesDialog:
        dialog = StagesDialog(self.ops, self.window)
        _opened(dialog)
        return dialog

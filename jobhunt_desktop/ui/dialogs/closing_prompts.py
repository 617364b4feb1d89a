"""The questions asked after a card moves into a closed stage: why it ended (for any
closed-lost stage but Rejected), and, after accepting an offer, which other employers
to tell. The move itself has already said what happened (domain.news); these only
refine it, and both can be skipped.
"""

from __future__ import annotations

from typing import ClassVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import ClosedReason
from jobhunt_desktop.services.applications import StillOpen
from jobhunt_desktop.ui.dialogs.forms import HeldButtons
from jobhunt_desktop.ui.dialogs.stage_prompt_base import AfterMove, PromptFacts

# How each way of ending (but a rejection) is put to the user, default first.
ENDINGS: tuple[tuple[ClosedReason, str], ...] = (
    (ClosedReason.GHOSTED, "They stopped answering"),
    (ClosedReason.WITHDREW, "I withdrew"),
    (ClosedReason.DECLINED, "I turned down their offer"),
    (ClosedReason.ROLE_CLOSED, "They closed or filled the role"),
)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ClosingPrompt(AfterMove):
    """Why an application ended, when it was not a rejection. None of these plans a
    follow-up; only the reason kept on the card changes."""

    def build(self, facts: PromptFacts) -> None:
        app = facts.story.application
        self.current = app.closed_reason
        self.setWindowTitle(f"Closing {app.company}")
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(f"{app.title} at {app.company} is closed. What happened?", self))
        self.choices = QButtonGroup(self)
        self.buttons_by_reason: dict[ClosedReason, QRadioButton] = {}
        for number, (reason, text) in enumerate(ENDINGS):
            button = QRadioButton(f"&{number + 1} {text}", self)
            self.choices.addButton(button)
            self.buttons_by_reason[reason] = button
            layout.addWidget(button)
        chosen = self.current if self.current in self.buttons_by_reason else ClosedReason.GHOSTED
        self.buttons_by_reason[chosen].setChecked(True)
        layout.addWidget(
            _heading(
                "Nothing more is planned for it. If they turned you down, move it to a"
                " rejection stage instead: you'll be reminded to reply with thanks.",
                self,
            )
        )
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.skip_button = self.buttons.addButton("&Skip", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setToolTip("Keep it as the column says.")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.held = HeldButtons(self.buttons, self.ok_button)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.buttons_by_reason[chosen].setFocus()

    def chosen(self) -> ClosedReason:
        return next(r for r, b in self.buttons_by_reason.items() if b.isChecked())

    def accept(self) -> None:
        reason, card = self.chosen(), self.application_id
        if reason is self.current:
            super().accept()
        elif not self.held.saving:
            self.held.perform(
                self.ops,
                "Say why it closed",
                lambda s: s.applications.edit(card, {"closed_reason": reason}),
                self._said,
                "Couldn't save that",
            )

    def _said(self, _done: object) -> None:
        self.logged = True
        super().accept()

    def reject(self) -> None:
        if not self.held.saving:  # what is on its way is saved: the prompt waits for it
            super().reject()


class AcceptedPrompt(AfterMove):
    """After accepting an offer: the other applications still under way, each with a
    note to withdraw and a way to close it. Nothing is closed unless the user says so.

    The drafts are the window's composer: `draftRequested` asks for one, and
    `note_sent` marks an employer as told."""

    draftRequested = Signal(int)  # the other application's id

    wants_others: ClassVar[bool] = True

    def build(self, facts: PromptFacts) -> None:
        app = facts.story.application
        self.others: tuple[StillOpen, ...] = facts.others
        self.draft_buttons: dict[int, QPushButton] = {}
        self.close_buttons: dict[int, QPushButton] = {}
        self.withdrawn_stage = facts.withdrawn_stage
        self.setWindowTitle(f"Accepted: {app.company}")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _heading(
                f"Congratulations on the {app.title} role at {app.company}! These"
                " applications are still open. A short note to withdraw is courteous;"
                " none is closed unless you mark it withdrawn here.",
                self,
            )
        )
        rows = QWidget(self)
        rows_layout = QVBoxLayout(rows)
        for other in self.others:
            row = QHBoxLayout()
            label = QLabel(f"{other.company}: {other.title}", rows)
            label.setTextFormat(Qt.TextFormat.PlainText)
            draft = QPushButton("&Draft note…", rows)
            draft.setAutoDefault(False)
            draft.setToolTip(f"Write to {other.company} that you are withdrawing.")
            draft.setAccessibleName(f"Draft a withdrawal note to {other.company}")
            draft.clicked.connect(
                lambda _=False, o=other: self.draftRequested.emit(o.application_id)
            )
            close = QPushButton("&Mark withdrawn", rows)
            close.setAutoDefault(False)
            close.setToolTip("Close this application: you withdrew (Ctrl+Z undoes it).")
            close.setAccessibleName(f"Close the application at {other.company} as withdrawn")
            close.clicked.connect(lambda _=False, o=other: self.close_other(o))
            close.setVisible(self.withdrawn_stage is not None)
            label.setBuddy(draft)
            row.addWidget(label, 1)
            row.addWidget(draft)
            row.addWidget(close)
            rows_layout.addLayout(row)
            self.draft_buttons[other.application_id] = draft
            self.close_buttons[other.application_id] = close
        rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(self)
        done = buttons.addButton("&Done", QDialogButtonBox.ButtonRole.AcceptRole)
        done.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(600, min(520, 130 + 36 * len(self.others)))
        if self.draft_buttons:
            next(iter(self.draft_buttons.values())).setFocus()

    def close_other(self, other: StillOpen) -> None:
        """Close one other application as withdrawn, as one undoable step."""
        stage = self.withdrawn_stage
        if stage is None:
            return
        button = self.close_buttons[other.application_id]
        text = button.text()
        button.setEnabled(False)  # on a server, until the commit
        if self.ops.background is not None:
            button.setText("Saving…")

        def landed(done: object | None) -> None:
            if shiboken6.isValid(button):
                button.setText("Withdrawn ✓" if done is not None else text)
                button.setEnabled(done is None)

        self.ops.perform_soon(
            f"Withdraw from {other.company}",
            lambda s: s.applications.move(
                [other.application_id], stage.id, None, ClosedReason.WITHDREW
            ),
            landed,
            parent=self,
        )

    def note_sent(self, application_id: int) -> None:
        """The note to that employer was marked as sent: its button says so."""
        button = self.draft_buttons.get(application_id)
        if button is not None:
            button.setText("Sent ✓")
            button.setEnabled(False)

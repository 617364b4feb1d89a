"""The questions asked after a card moves into an interview, offer or rejection stage
(the closed stages' own are in `closing_prompts`).

A move already records what it implies (a rejection, an offer: domain.news); these
prompts fill in what a column cannot say (the interview's time, the offer's deadline,
the feedback), which re-times the follow-ups. Each can be skipped, and each tells its
caller through `logged` whether it wrote anything.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import ClosedReason, EventKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import Stage, StageKind
from jobhunt_desktop.domain.timeutil import at_local, resolve_local
from jobhunt_desktop.domain.wording import INTERVIEW_KINDS
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import InterviewingElsewhere, LogResult
from jobhunt_desktop.ui.dialogs.closing_prompts import AcceptedPrompt, ClosingPrompt
from jobhunt_desktop.ui.dialogs.forms import (
    ContactForm,
    OptionalDateEdit,
    date_edit,
    time_edit,
    to_date,
    to_qdate,
    to_time,
)
from jobhunt_desktop.ui.dialogs.stage_prompt_base import AfterMove, PromptFacts, StagePrompt
from jobhunt_desktop.ui.operations import Operations, Work

__all__ = [
    "AcceptedPrompt",
    "ClosingPrompt",
    "InterviewPrompt",
    "OfferPrompt",
    "RejectionPrompt",
    "StagePrompt",
    "prompt_after_move",
    "prompt_for",
]

ANSWER_CHANNELS = ("By email", "By phone", "Through the recruiter", "On the job portal")
MAX_ROUND = 20
_DEADLINE_TIME = time(23, 59)  # a decision deadline lasts the whole day


class InterviewPrompt(StagePrompt):
    """An interview and its next steps (R2), which set up R1, R3 and R4."""

    accept_text = "&Log interview"
    undo_text = "Log interview"

    def build(self, facts: PromptFacts) -> None:
        super().build(facts)
        app = self.application
        self.setWindowTitle(f"Interview at {app.company}")
        earlier = sum(1 for e in self.story.events if e.kind is EventKind.INTERVIEW)
        tomorrow = self.today + timedelta(days=1)

        self.day = date_edit(tomorrow, self)
        self.day.setToolTip(f"The day of the interview, in your time zone ({self.zone}).")
        self.starts = time_edit(time(10, 0), self)
        self.starts.setToolTip("When it starts.")
        self.ends = time_edit(time(11, 0), self)
        self.ends.setToolTip("When it ends; the thank-you reminder counts from here.")
        times = QHBoxLayout()
        times.addWidget(self.starts)
        times.addWidget(QLabel("to", self))
        times.addWidget(self.ends)
        times.addStretch(1)
        self.round = QSpinBox(self)
        self.round.setRange(1, MAX_ROUND)
        self.round.setValue(min(earlier + 1, MAX_ROUND))
        self.round.setToolTip(
            "From the second round on, a follow-up is planned if no date was given."
        )
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems(list(INTERVIEW_KINDS))
        self.kind.setCurrentIndex(-1)
        line = self.kind.lineEdit()
        if line is not None:
            line.setPlaceholderText("Choose or type")
        self.kind.setToolTip("Phone, video, on site… or your own word for it.")
        self.location = QLineEdit(self)
        self.location.setPlaceholderText("Address or meeting link")
        self.interviewers = QLineEdit(self)
        self.interviewers.setPlaceholderText("Who you'll meet, if you know")

        details = QFormLayout()
        details.addRow("&Date:", self.day)
        time_label = QLabel("&Time:", self)
        time_label.setBuddy(self.starts)
        details.addRow(time_label, times)
        details.addRow("&Round:", self.round)
        details.addRow("&Kind:", self.kind)
        details.addRow("&Where:", self.location)
        details.addRow("&Interviewers:", self.interviewers)

        self.promised_by = OptionalDateEdit("They'll answer by", tomorrow + timedelta(days=7), self)
        self.promised_by.setToolTip(
            "The date they promised an answer by. If it passes quietly, you'll be reminded"
            " to ask where things stand."
        )
        self.how = QComboBox(self)
        self.how.setEditable(True)
        self.how.addItems(list(ANSWER_CHANNELS))
        self.how.setCurrentIndex(-1)
        how_line = self.how.lineEdit()
        if how_line is not None:
            how_line.setPlaceholderText("How will they get back to you?")
        self.next_steps = QPlainTextEdit(self)
        self.next_steps.setPlaceholderText("Anything else agreed: a take-home, references…")
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setFixedHeight(60)
        self.contact = ContactForm(self)

        steps_box = QGroupBox("What happens next", self)
        steps = QFormLayout(steps_box)
        steps.addRow(
            self.heading(
                "Not sure yet? Leave this empty: after the interview you'll be reminded to"
                " note it down while it's fresh."
            )
        )
        steps.addRow("When:", self.promised_by)
        steps.addRow("H&ow:", self.how)
        steps.addRow("&Next steps:", self.next_steps)
        contact_box = QGroupBox("Who to follow up with", self)
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.addWidget(self.contact)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading(f"{app.title} at {app.company}: when is the interview?"))
        layout.addLayout(details)
        layout.addWidget(steps_box)
        layout.addWidget(contact_box)
        layout.addWidget(self.buttons)
        self.day.setFocus()

    def steps_text(self) -> str | None:
        parts = [self.how.currentText().strip(), self.next_steps.toPlainText().strip()]
        text = ". ".join(p.rstrip(".") for p in parts if p)
        return text or None

    def logging(self) -> Work[LogResult]:
        card, zone, day = self.application_id, self.zone, to_date(self.day.date())
        begin, end = to_time(self.starts.time()), to_time(self.ends.time())
        details: dict[str, Any] = {
            "round": self.round.value(),
            "kind": self.kind.currentText().strip() or None,
            "location": self.location.text(),
            "interviewers": self.interviewers.text(),
            "promised_by": self.promised_by.value(),
            "next_steps": self.steps_text(),
            "contact": self.contact.value(),
        }

        def log(s: Services) -> LogResult:
            starts = resolve_local(datetime.combine(day, begin), zone)
            ends = resolve_local(datetime.combine(day, end), zone)
            if ends <= starts:
                raise UserError("the interview has to end after it starts")
            return s.events.interview(card, starts, ends, **details)

        return log


class OfferPrompt(StagePrompt):
    """The offer and its deadline (R9); then R8: whom to tell, with a draft for each.

    The drafts are the window's composer (it owns the undo stack): `draftRequested`
    asks for one, and `note_sent` marks an employer as told.
    """

    accept_text = "&Log offer"
    undo_text = "Log offer"
    draftRequested = Signal(int)  # the other application's id

    def build(self, facts: PromptFacts) -> None:
        super().build(facts)
        app = self.application
        self.setWindowTitle(f"Offer from {app.company}")
        self.others: tuple[InterviewingElsewhere, ...] = ()
        self.draft_buttons: dict[int, QPushButton] = {}

        self.received = date_edit(self.today, self)
        self.received.setMaximumDate(to_qdate(self.today))
        self.received.setToolTip("The day the offer arrived.")
        self.deadline = OptionalDateEdit("Answer by", self.today + timedelta(days=7), self)
        self.deadline.setToolTip(
            "If they want an answer by a date, you'll be reminded two days before."
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Salary, start date, anything to weigh up…")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)

        form_page = QWidget(self)
        form = QFormLayout(form_page)
        form.addRow(self.heading(f"Congratulations on the {app.title} offer from {app.company}!"))
        form.addRow("&Received:", self.received)
        form.addRow("Deadline:", self.deadline)
        form.addRow("&Notes:", self.notes)

        self.others_page = QWidget(self)
        self.others_layout = QVBoxLayout(self.others_page)
        self.others_layout.addWidget(
            self.heading(
                "You're still interviewing elsewhere. Telling those employers now is"
                " courteous, and it's your best chance of hearing from them before you"
                " have to decide."
            )
        )

        self.pages = QStackedWidget(self)
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.others_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self.received.setFocus()

    def logging(self) -> Work[LogResult]:
        card, received = self.application_id, to_date(self.received.date())
        deadline, at, notes = self.deadline.value(), self.moment(received), self.notes.toPlainText()
        due = None if deadline is None else at_local(deadline, _DEADLINE_TIME, self.zone)

        def log(s: Services) -> LogResult:
            if deadline is not None and deadline < received:
                raise UserError("the deadline is before the day the offer arrived")
            return s.events.offer(card, at=at, deadline_at=due, notes=notes)

        return log

    def after_logging(self) -> bool:
        assert self.log_result is not None
        self.others = self.log_result.interviewing_elsewhere
        if not self.others:
            return True
        for other in self.others:
            row = QHBoxLayout()
            label = QLabel(f"{other.company}: {other.title}", self.others_page)
            label.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton("&Draft note…", self.others_page)
            button.setAutoDefault(False)
            button.setToolTip(f"Write a short note to {other.company} about your offer.")
            button.setAccessibleName(f"Draft a note to {other.company}")
            button.clicked.connect(lambda _=False, o=other: self.draft(o))
            label.setBuddy(button)
            row.addWidget(label, 1)
            row.addWidget(button)
            self.others_layout.addLayout(row)
            self.draft_buttons[other.application_id] = button
        self.others_layout.addStretch(1)
        self.pages.setCurrentWidget(self.others_page)
        self.ok_button.setText("&Done")
        self.skip_button.hide()
        next(iter(self.draft_buttons.values())).setFocus()
        return False

    def draft(self, other: InterviewingElsewhere) -> None:
        """Ask for the note to `other` on its R8 follow-up; the composer opens over
        this prompt, so the list stays in view."""
        self.draftRequested.emit(other.application_id)

    def note_sent(self, application_id: int) -> None:
        """The note to that employer was marked as sent: its button says so."""
        button = self.draft_buttons.get(application_id)
        if button is not None:
            button.setText("Sent ✓")
            button.setEnabled(False)


class RejectionPrompt(StagePrompt):
    """The rejection and any feedback: R7 then suggests a gracious reply the next day."""

    accept_text = "&Log rejection"
    undo_text = "Log rejection"

    def build(self, facts: PromptFacts) -> None:
        super().build(facts)
        app = self.application
        self.setWindowTitle(f"News from {app.company}")
        self.day = date_edit(self.today, self)
        self.day.setMaximumDate(to_qdate(self.today))
        self.day.setToolTip("The day you heard back.")
        self.feedback = QPlainTextEdit(self)
        self.feedback.setPlaceholderText("What they said, if anything: reasons, advice…")
        self.feedback.setTabChangesFocus(True)
        self.feedback.setToolTip(
            "Feedback you note here shows up in your patterns later; it's often more useful"
            " than it feels today."
        )
        form = QFormLayout()
        form.addRow("&Date:", self.day)
        form.addRow("&Feedback:", self.feedback)
        layout = QVBoxLayout(self)
        layout.addWidget(
            self.heading(
                f"Sorry to hear about the {app.title} role at {app.company}. You'll get a"
                " reminder to reply with thanks; a gracious answer keeps the door open."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.feedback.setFocus()

    def logging(self) -> Work[LogResult]:
        card, feedback = self.application_id, self.feedback.toPlainText()
        at = self.moment(to_date(self.day.date()))
        return lambda s: s.events.rejection(card, at=at, feedback=feedback)


# A prompt class: made from the window's operations, the card, a parent and the
# facts read for it (`read_facts`).
PromptFactory = type[AfterMove]


def prompt_for(stage: Stage) -> PromptFactory | None:
    """Which prompt, if any, a move into this stage calls for."""
    name = stage.name.casefold()
    if stage.kind is StageKind.ACTIVE and "interview" in name:
        return InterviewPrompt
    if stage.kind is StageKind.OFFER:
        return OfferPrompt
    if stage.kind is StageKind.CLOSED_LOST:
        return RejectionPrompt if stage.closed_reason is ClosedReason.REJECTED else ClosingPrompt
    if stage.kind is StageKind.CLOSED_WON:
        return AcceptedPrompt
    return None


def prompt_after_move(
    ops: Operations, stage: Stage, application_id: int, parent: QWidget | None = None
) -> bool:
    """Run the prompt for a move (modal) and tell whether something was logged."""
    prompt = prompt_for(stage)
    if prompt is None:
        return False
    dialog = prompt(ops, application_id, parent)
    dialog.exec()
    return bool(getattr(dialog, "logged", False))

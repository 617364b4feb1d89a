"""The compact forms the Events tab logs something new with: an interview, a moved or
cancelled one, a reply, a rejection, an offer, a message sent.

They live apart from the tab because each is a small dialog of its own whose values
are the keyword arguments of one EventService call; the tab only opens them and runs
the call. Times are typed in the user's zone and handed on as aware datetimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from jobhunt_desktop.domain.entities import Contact, EventKind, FollowUpKind, Mover
from jobhunt_desktop.domain.rules import Interview, current_interviews
from jobhunt_desktop.domain.timeutil import day_at, local_date, next_full_hour
from jobhunt_desktop.domain.wording import INTERVIEW_KINDS as WORDED_KINDS
from jobhunt_desktop.domain.wording import RULE_ACTIONS
from jobhunt_desktop.services.events import ContactInput
from jobhunt_desktop.ui.dialogs.card_common import (
    CardView,
    FormDialog,
    OptionalDateTime,
    datetime_edit,
    from_wall_clock,
    local_text,
)
from jobhunt_desktop.ui.dialogs.forms import OptionalDateEdit

INTERVIEW_KINDS = ("", *WORDED_KINDS)  # the first: not said


def _contact_combo(contacts: Sequence[Contact], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem("Nobody in particular", None)
    for contact in contacts:
        combo.addItem(contact.name, contact.id)
    return combo


def _contact_input(combo: QComboBox) -> ContactInput | None:
    chosen = combo.currentData()
    return None if chosen is None else ContactInput(id=int(chosen))


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
    return value.strip() or None


def interview_label(interview: Interview, zone_name: str) -> str:
    round_text = f"Round {interview.event.round}" if interview.event.round else "Interview"
    if interview.starts_at is None:
        return f"{round_text}, new time not known yet"
    return f"{round_text}, {local_text(interview.starts_at, zone_name)}"


def open_interviews(view: CardView) -> list[Interview]:
    """Interviews that can still be moved or cancelled, as they stand now."""
    return [i for i in current_interviews(view.story.events) if not i.cancelled]


class LogForm(FormDialog):
    """A form whose values are the keyword arguments of one EventService call."""

    def values(self) -> dict[str, Any]:
        raise NotImplementedError


class InterviewForm(LogForm):
    """An interview, past or coming: when, how long, which round, how and with whom."""

    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Log an interview", "&Log interview", parent)
        self.zone_name = view.zone
        rounds = sum(1 for e in view.story.events if e.kind is EventKind.INTERVIEW)
        self.starts = datetime_edit(next_full_hour(view.now, view.zone), view.zone, self)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(" minutes")
        self.round = QSpinBox(self)
        self.round.setRange(0, 20)
        self.round.setSpecialValueText(f"Next one (round {rounds + 1})")
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems(list(INTERVIEW_KINDS))
        self.location = QLineEdit(self)
        self.interviewers = QLineEdit(self)
        self.promised = OptionalDateEdit(
            "Answer &promised by", local_date(view.now, view.zone) + timedelta(days=7), self
        )
        self.next_steps = QLineEdit(self)
        self.contact = _contact_combo(view.story.application.contacts, self)
        self.add_row("&Starts", self.starts, f"When it starts, your time ({view.zone})")
        self.add_row("&Duration", self.minutes, "How long it lasts")
        self.add_row("&Round", self.round, "Which round this is; leave it to count for you")
        self.add_row("&Kind", self.kind, "Phone, video, on site… or type your own")
        self.add_row("&Where", self.location, "An address or a meeting link")
        self.add_row("&Interviewers", self.interviewers, "Who you spoke with")
        self.add_row("", self.promised, "Tick if they said when you will hear back")
        self.add_row("&Next steps", self.next_steps, "What happens next, as they told you")
        self.add_row("C&ontact", self.contact, "Your contact for this interview")

    def values(self) -> dict[str, Any]:
        starts = from_wall_clock(self.starts.dateTime(), self.zone_name)
        return {
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=self.minutes.value()),
            "round": self.round.value() or None,
            "kind": self.kind.currentText().strip() or None,
            "location": _text(self.location),
            "interviewers": _text(self.interviewers),
            "promised_by": self.promised.value(),
            "next_steps": _text(self.next_steps),
            "contact": _contact_input(self.contact),
        }


class InterviewChangeForm(LogForm):
    """An interview moved (by whom) or was cancelled: which one, and the new time."""

    def __init__(self, view: CardView, cancelled: bool, parent: QWidget | None = None) -> None:
        title = "Interview cancelled" if cancelled else "Interview moved"
        super().__init__(title, "&Log it", parent)
        self.cancelled = cancelled
        self.interviews = open_interviews(view)
        self.which = QComboBox(self)
        for interview in self.interviews:
            self.which.addItem(interview_label(interview, view.zone), interview.event.id)
        self.which.setCurrentIndex(self.which.count() - 1)
        self.which.setEnabled(self.which.count() > 1)
        self.add_row("&Which interview", self.which, "The interview the employer changed")
        self.new_time: OptionalDateTime | None = None
        self.minutes: QSpinBox | None = None
        self.mover: QComboBox | None = None
        if not cancelled:
            self.mover = QComboBox(self)
            self.mover.addItem("The employer", Mover.EMPLOYER.value)
            self.mover.addItem("I asked to move it", Mover.ME.value)
            self.add_row(
                "Moved &by",
                self.mover,
                "A move the employer made brings a reminder to ask what changed (or to"
                " confirm the new time); one you asked for does not",
            )
            last = self.interviews[-1] if self.interviews else None
            start = last.starts_at if last is not None and last.starts_at else view.now
            self.new_time = OptionalDateTime(
                "&New time known", start + timedelta(days=1), view.zone, self
            )
            self.minutes = QSpinBox(self)
            self.minutes.setRange(15, 720)
            self.minutes.setSingleStep(15)
            self.minutes.setSuffix(" minutes")
            length = last.event.end - last.event.occurred_at if last is not None else None
            self.minutes.setValue(int(length.total_seconds() // 60) if length else 60)
            self.add_row("", self.new_time, "Tick when they have given you the new time")
            self.add_row("&Duration", self.minutes, "How long the new slot lasts")
        self.notes = QLineEdit(self)
        self.add_row("No&tes", self.notes, "What they said")

    def values(self) -> dict[str, Any]:
        chosen = self.which.currentData()
        values: dict[str, Any] = {
            "interview_id": None if chosen is None else int(chosen),
            "notes": _text(self.notes),
        }
        if self.mover is not None:
            values["by"] = Mover(self.mover.currentData())
        if self.new_time is not None and self.minutes is not None:
            starts = self.new_time.value()
            values["new_starts_at"] = starts
            values["new_ends_at"] = (
                None if starts is None else starts + timedelta(minutes=self.minutes.value())
            )
        return values


class ReplyForm(LogForm):
    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Log a reply", "&Log reply", parent)
        self.zone_name = view.zone
        self.when = datetime_edit(view.now, view.zone, self)
        self.promised = OptionalDateEdit(
            "Answer &promised by", local_date(view.now, view.zone) + timedelta(days=7), self
        )
        self.next_steps = QLineEdit(self)
        self.notes = QLineEdit(self)
        self.contact = _contact_combo(view.story.application.contacts, self)
        self.add_row("&When", self.when, f"When they replied, your time ({view.zone})")
        self.add_row("", self.promised, "Tick if they said when you will hear more")
        self.add_row("&Next steps", self.next_steps, "What happens next")
        self.add_row("No&tes", self.notes, "What they said")
        self.add_row("C&ontact", self.contact, "Who replied")

    def values(self) -> dict[str, Any]:
        return {
            "at": from_wall_clock(self.when.dateTime(), self.zone_name),
            "promised_by": self.promised.value(),
            "next_steps": _text(self.next_steps),
            "notes": _text(self.notes),
            "contact": _contact_input(self.contact),
        }


class RejectionForm(LogForm):
    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Log a rejection", "&Log rejection", parent)
        self.zone_name = view.zone
        self.when = datetime_edit(view.now, view.zone, self)
        self.feedback = QPlainTextEdit(self)
        self.feedback.setTabChangesFocus(True)
        self.feedback.setMaximumHeight(100)
        self.add_row("&When", self.when, f"When you heard, your time ({view.zone})")
        self.add_row("&Feedback", self.feedback, "Any reasons or advice they gave")
        self.show_note("The card moves to your closed column. Sorry about this one.")

    def values(self) -> dict[str, Any]:
        return {
            "at": from_wall_clock(self.when.dateTime(), self.zone_name),
            "feedback": _text(self.feedback),
        }


class OfferForm(LogForm):
    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Log an offer", "&Log offer", parent)
        self.zone_name = view.zone
        self.when = datetime_edit(view.now, view.zone, self)
        self.deadline = OptionalDateTime(
            "&Deadline", day_at(view.now, 7, time(17, 0), view.zone), view.zone, self
        )
        self.notes = QLineEdit(self)
        self.add_row("&When", self.when, f"When the offer came, your time ({view.zone})")
        self.add_row("", self.deadline, "Tick if they want your answer by a certain time")
        self.add_row("No&tes", self.notes, "Salary, start date, anything to weigh up")

    def values(self) -> dict[str, Any]:
        return {
            "at": from_wall_clock(self.when.dateTime(), self.zone_name),
            "deadline_at": self.deadline.value(),
            "notes": _text(self.notes),
        }


class SentForm(LogForm):
    """A message the user sent; it ticks off the reminder it answers."""

    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Log a message you sent", "&Log message", parent)
        self.zone_name = view.zone
        self.kind = QComboBox(self)
        self.kind.addItem("Whatever reminder is due", None)
        for kind in FollowUpKind:
            if kind.is_message:
                self.kind.addItem(RULE_ACTIONS.get(kind.value, kind.value), kind.value)
        self.subject = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.body.setMaximumHeight(120)
        self.when = datetime_edit(view.now, view.zone, self)
        self.add_row("&Kind", self.kind, "Which reminder this message answers")
        self.add_row("&Subject", self.subject, "The subject line")
        self.add_row("&Body", self.body, "The text, if you want to keep it")
        self.add_row("&When", self.when, f"When you sent it, your time ({view.zone})")

    def values(self) -> dict[str, Any]:
        kind = self.kind.currentData()
        return {
            "subject": _text(self.subject),
            "body": self.body.toPlainText() or None,
            "kind": None if kind is None else FollowUpKind(kind),
            "at": from_wall_clock(self.when.dateTime(), self.zone_name),
        }

"""The form that corrects a logged event: its time and the details its kind has, filled
in as logged. Its values are the changes for `EventService.edit`; the service keeps
only those that differ and checks them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from jobhunt_desktop.domain.entities import Event, EventKind, Mover
from jobhunt_desktop.domain.event_edits import MAX_ROUND
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.wording import EVENT_NAMES
from jobhunt_desktop.ui.dialogs.card_common import (
    CardView,
    OptionalDateTime,
    datetime_edit,
    from_wall_clock,
)
from jobhunt_desktop.ui.dialogs.card_event_forms import INTERVIEW_KINDS, LogForm
from jobhunt_desktop.ui.dialogs.forms import OptionalDateEdit

_WHEN_TIPS = {
    EventKind.INTERVIEW: "When it starts",
    EventKind.MESSAGE_SENT: "When you sent it",
    EventKind.OFFER: "When the offer arrived",
}


def _minute(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0)


def _line(text: str | None, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(text or "", parent)
    edit.setClearButtonEnabled(True)
    return edit


class EventEditForm(LogForm):
    """Correct one event. Fields the kind does not have are not shown."""

    def __init__(self, view: CardView, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(f"Correct: {EVENT_NAMES[event.kind]}", "&Save", parent)
        self.logged_event = event
        self.zone_name = zone = view.zone
        self.fields: dict[str, Any] = {}
        if event.implied:
            self.show_note("Recorded by a move of the card; saving makes it logged.")
        self.when = datetime_edit(event.occurred_at, zone, self)
        self.add_row("&When", self.when, f"{_WHEN_TIPS.get(event.kind, 'When it happened')}")
        kind = event.kind
        if kind is EventKind.INTERVIEW:
            self.ends = datetime_edit(event.end, zone, self)
            self.add_row("&Ends", self.ends, "When it ends; the thank-you counts from here")
            self.round = QSpinBox(self)
            self.round.setRange(1, MAX_ROUND)
            self.round.setValue(event.round or 1)
            self.add_row("&Round", self.round, "Which round this was")
            self.kind = QComboBox(self)
            self.kind.setEditable(True)
            self.kind.addItems(list(INTERVIEW_KINDS))
            self.kind.setCurrentText(event.interview_kind or "")
            self.add_row("&Kind", self.kind, "Phone, video, on site… or your own word")
            self._text("location", "W&here", "An address or a meeting link")
            self._text("interviewers", "&Interviewers", "Who you spoke with, comma separated")
        if kind is EventKind.INTERVIEW_MOVED:
            self.mover = QComboBox(self)
            self.mover.addItem("The employer", Mover.EMPLOYER.value)
            self.mover.addItem("I asked to move it", Mover.ME.value)
            self.mover.setCurrentIndex(1 if event.moved_by is Mover.ME else 0)
            self.add_row("Moved &by", self.mover, "Only a move the employer made is followed up")
            start = event.new_starts_at or view.now
            self.new_time = OptionalDateTime("&New time known", start, zone, self)
            if event.new_starts_at is not None:
                self.new_time.set_value(event.new_starts_at)
            self.add_row("", self.new_time, "The new start, once they have given it")
        if kind in (EventKind.INTERVIEW, EventKind.REPLY):
            default = local_date(view.now, zone) + timedelta(days=7)
            self.promised = OptionalDateEdit("Answer &promised by", default, self)
            self.promised.set_value(event.promised_by)
            self.add_row("", self.promised, "The date they said you would hear by")
            self._text("next_steps", "Ne&xt steps", "What happens next, as they told you")
        if kind is EventKind.OFFER:
            deadline = event.deadline_at or view.now + timedelta(days=7)
            self.deadline = OptionalDateTime("&Deadline", deadline, zone, self)
            if event.deadline_at is not None:
                self.deadline.set_value(event.deadline_at)
            self.add_row("", self.deadline, "When they want your answer")
        if kind is EventKind.REJECTION:
            self.feedback = QPlainTextEdit(event.feedback or "", self)
            self.feedback.setTabChangesFocus(True)
            self.add_row("&Feedback", self.feedback, "What they said, if anything")
        if kind is EventKind.MESSAGE_SENT:
            self._text("subject", "&Subject", "The message's subject")
            self.body = QPlainTextEdit(event.body or "", self)
            self.body.setTabChangesFocus(True)
            self.add_row("&Message", self.body, "What you wrote")
        if kind not in (EventKind.REJECTION, EventKind.MESSAGE_SENT):
            self._text("notes", "No&tes", "Anything else worth keeping")
        self.when.setFocus()

    def _text(self, name: str, label: str, tip: str) -> None:
        edit = _line(getattr(self.logged_event, name), self)
        self.fields[name] = edit
        self.add_row(label, edit, tip)

    def values(self) -> dict[str, Any]:
        """Every field shown, as it stands; the service keeps what changed."""
        kind = self.logged_event.kind
        event = self.logged_event
        values: dict[str, Any] = {}
        when = from_wall_clock(self.when.dateTime(), self.zone_name)
        if _minute(when) != _minute(event.occurred_at):  # the form shows minutes only
            values["occurred_at"] = when
        values.update({name: edit.text() for name, edit in self.fields.items()})
        if kind is EventKind.INTERVIEW:
            ends = from_wall_clock(self.ends.dateTime(), self.zone_name)
            if _minute(ends) == _minute(event.end):  # not touched: it keeps its length
                ends = (values.get("occurred_at") or event.occurred_at) + (
                    event.end - event.occurred_at
                )
            if _minute(ends) != _minute(event.end):
                values["ends_at"] = ends
            values["round"] = self.round.value()
            values["interview_kind"] = self.kind.currentText()
        if kind is EventKind.INTERVIEW_MOVED:
            values["moved_by"] = Mover(self.mover.currentData())
            starts = self.new_time.value()
            old_start, old_end = event.new_starts_at, event.new_ends_at
            if starts is None:
                values.update(new_starts_at=None, new_ends_at=None)
            elif old_start is None or _minute(starts) != _minute(old_start):
                length = old_end - old_start if old_start and old_end else None
                values.update(new_starts_at=starts, new_ends_at=starts + length if length else None)
        if kind in (EventKind.INTERVIEW, EventKind.REPLY):
            values["promised_by"] = self.promised.value()
        if kind is EventKind.OFFER:
            values["deadline_at"] = self.deadline.value()
        if kind is EventKind.REJECTION:
            values["feedback"] = self.feedback.toPlainText()
        if kind is EventKind.MESSAGE_SENT:
            values["body"] = self.body.toPlainText()
        return values

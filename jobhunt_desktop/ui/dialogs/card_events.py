"""The Events tab: what happened on a card, oldest first, and compact forms to log
something new (they are in `card_event_forms`). Times are typed and shown in the
user's zone; the services get aware datetimes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from jobhunt_desktop.domain.entities import Contact, Event, EventKind, FollowUpKind
from jobhunt_desktop.domain.timeutil import zone
from jobhunt_desktop.domain.wording import EVENT_NAMES, RULE_ACTIONS
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import LogResult
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.ui.dialogs.card_common import (
    ID_ROLE,
    CardHost,
    CardView,
    button,
    day_text,
    local_text,
    row_item,
    table,
)
from jobhunt_desktop.ui.dialogs.card_event_forms import (
    InterviewChangeForm,
    InterviewForm,
    LogForm,
    OfferForm,
    RejectionForm,
    ReplyForm,
    SentForm,
    open_interviews,
)
from jobhunt_desktop.ui.dialogs.event_edit_form import EventEditForm

__all__ = [
    "EventsTab",
    "InterviewChangeForm",
    "InterviewForm",
    "OfferForm",
    "RejectionForm",
    "ReplyForm",
    "SentForm",
    "event_details",
]


def event_details(event: Event, view: CardView) -> str:
    """The facts of an event in a line: round, promised date, feedback, subject…"""
    zone_name = view.zone
    bits: list[str] = []
    if event.kind is EventKind.INTERVIEW:
        if event.interview_kind:
            bits.append(event.interview_kind)
        if event.ends_at is not None:
            bits.append(f"until {event.ends_at.astimezone(zone(zone_name)):%H:%M}")
        if event.location:
            bits.append(f"at {event.location}")
        if event.interviewers:
            bits.append(f"with {event.interviewers}")
    if event.kind in (EventKind.INTERVIEW_MOVED, EventKind.INTERVIEW_CANCELLED):
        target = next((e for e in view.story.events if e.id == event.related_event_id), None)
        if target is not None and target.round:
            bits.append(f"round {target.round}")
        if event.kind is EventKind.INTERVIEW_MOVED:
            if event.new_starts_at is None:
                bits.append("new time not known yet")
            else:
                bits.append(f"now {local_text(event.new_starts_at, zone_name)}")
    if event.promised_by is not None:
        bits.append(f"answer promised by {day_text(event.promised_by)}")
    if event.next_steps:
        bits.append(f"next: {event.next_steps}")
    if event.feedback:
        bits.append(f"feedback: {event.feedback}")
    if event.deadline_at is not None:
        bits.append(f"deadline {local_text(event.deadline_at, zone_name)}")
    if event.kind is EventKind.MESSAGE_SENT:
        if event.subject:
            bits.append(f"“{event.subject}”")
        if event.followup_kind is not None and event.followup_kind is not FollowUpKind.NOTE:
            bits.append(RULE_ACTIONS.get(event.followup_kind.value, "").lower())
    if event.contact_id is not None:
        who = next((c for c in view.story.application.contacts if c.id == event.contact_id), None)
        if who is not None:
            bits.append(f"contact: {who.name}")
    if event.notes:
        bits.append(event.notes)
    return "; ".join(b for b in bits if b)


def _what(event: Event) -> str:
    name = EVENT_NAMES.get(event.kind, event.kind.value)
    if event.kind is EventKind.INTERVIEW and event.round:
        name = f"{name}, round {event.round}"
    return f"{name} (from a move)" if event.implied else name


def _logged(done: str) -> Callable[[LogResult], str]:
    def message(result: LogResult) -> str:
        text = done
        if result.moved_to:
            text += f" The card moved to {result.moved_to}."
        if result.interviewing_elsewhere:
            names = ", ".join(o.company for o in result.interviewing_elsewhere)
            text += f" You are interviewing at {names} too; their cards remind you to tell them."
        return text

    return message


class EventsTab(QWidget):
    def __init__(self, host: CardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.list = table(("When", "What", "Details"), "Events", self)
        self.interview_button = button(
            "Log &interview…",
            "An interview that took place or is coming up",
            self.log_interview,
            self,
        )
        self.moved_button = button(
            "Interview &moved…", "The employer moved an interview", self.log_moved, self
        )
        self.cancelled_button = button(
            "Interview ca&ncelled…",
            "The employer called an interview off",
            self.log_cancelled,
            self,
        )
        self.reply_button = button("&Reply…", "The employer got back to you", self.log_reply, self)
        self.rejection_button = button(
            "Re&jection…", "They said no; the card closes", self.log_rejection, self
        )
        self.offer_button = button("O&ffer…", "They made you an offer", self.log_offer, self)
        self.sent_button = button(
            "Message &sent…", "You wrote to them: a thank-you, a follow-up…", self.log_sent, self
        )
        self.edit_button = button(
            "&Correct…", "Change what the selected event says (Enter)", self.edit_selected, self
        )
        self.delete_button = button(
            "Remo&ve",
            "Remove the selected event; the card stays where it is",
            self.delete_selected,
            self,
        )
        self.people_button = button(
            "Interviewers to con&tacts",
            "Add the people the selected interview names to this card's contacts",
            self.add_interviewers,
            self,
        )
        self.list.itemActivated.connect(lambda *_: self.edit_selected())
        self.list.itemSelectionChanged.connect(self._selection_changed)
        grid = QGridLayout()
        buttons = (
            self.interview_button,
            self.moved_button,
            self.cancelled_button,
            self.reply_button,
            self.rejection_button,
            self.offer_button,
            self.sent_button,
        )
        for index, push in enumerate(buttons):
            grid.addWidget(push, index // 4, index % 4)
        selected = QHBoxLayout()
        selected.addWidget(self.people_button)
        selected.addStretch(1)
        selected.addWidget(self.edit_button)
        selected.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(selected)
        layout.addLayout(grid)
        self._selection_changed()

    def show_card(self, view: CardView) -> None:
        self.list.clear()
        for event in view.story.events:
            values = (local_text(event.occurred_at, view.zone), _what(event))
            item = row_item((*values, event_details(event, view)), event.id)
            self.list.addTopLevelItem(item)
        for column in range(2):
            self.list.resizeColumnToContents(column)
        can_change = bool(open_interviews(view))
        for push in (self.moved_button, self.cancelled_button):
            push.setEnabled(can_change)
        self._selection_changed()

    def selected_event(self) -> Event | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        wanted = item.data(0, ID_ROLE)
        return next((e for e in self.host.current().story.events if e.id == wanted), None)

    def _selection_changed(self) -> None:
        current = self.list.currentItem()
        chosen = current is not None and current.isSelected()
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        event = self.selected_event() if chosen else None
        self.people_button.setEnabled(
            event is not None and event.kind is EventKind.INTERVIEW and bool(event.interviewers)
        )

    def add_interviewers(self) -> None:
        event = self.selected_event()
        if event is None:
            return

        def said(done: Outcome[list[Contact]]) -> str:
            if not done.value:
                return "They are all contacts of this card already."
            names = ", ".join(c.name for c in done.value)
            return f"Added to the contacts: {names}."

        self.host.perform(
            "Add interviewers to contacts", lambda s: s.contacts.add_interviewers(event.id), said
        )

    def edit_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        form = EventEditForm(self.host.current(), event, self)
        if not self.host.ask(form):
            return
        changes = form.values()
        self.host.perform(
            f"Correct {EVENT_NAMES[event.kind].lower()}",
            lambda s: s.events.edit(event.id, changes),
            lambda _done: "Corrected. The follow-ups follow the new details.",
        )

    def delete_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        name = EVENT_NAMES[event.kind].lower()
        when = local_text(event.occurred_at, self.host.current().zone)
        if not self.host.confirm(
            f"Remove this {name}?",
            f"Remove the {name} of {when}? Its follow-ups go with it; the card stays in"
            " its column. Ctrl+Z brings it back.",
        ):
            return
        self.host.perform(
            f"Remove {name}",
            lambda s: s.events.delete(event.id),
            lambda _done: f"Removed the {name}. Ctrl+Z brings it back.",
        )

    def _log(
        self, form: LogForm, call: Callable[[Services], Callable[..., LogResult]], done: str
    ) -> None:
        if not self.host.ask(form):
            return
        values = form.values()
        application_id = self.host.application_id
        text = done.removesuffix(".")
        self.host.perform(text, lambda s: call(s)(application_id, **values), _logged(done))

    def log_interview(self) -> None:
        view = self.host.current()
        form = InterviewForm(view, self)
        self._log(form, lambda s: s.events.interview, "Interview logged.")

    def log_moved(self) -> None:
        form = InterviewChangeForm(self.host.current(), cancelled=False, parent=self)
        self._log(form, lambda s: s.events.moved, "Logged the move.")

    def log_cancelled(self) -> None:
        form = InterviewChangeForm(self.host.current(), cancelled=True, parent=self)
        self._log(form, lambda s: s.events.cancelled, "Logged the cancellation.")

    def log_reply(self) -> None:
        self._log(ReplyForm(self.host.current(), self), lambda s: s.events.reply, "Reply logged.")

    def log_rejection(self) -> None:
        form = RejectionForm(self.host.current(), self)
        self._log(form, lambda s: s.events.rejection, "Rejection logged.")

    def log_offer(self) -> None:
        self._log(OfferForm(self.host.current(), self), lambda s: s.events.offer, "Offer logged.")

    def log_sent(self) -> None:
        self._log(SentForm(self.host.current(), self), lambda s: s.events.sent, "Message logged.")

"""The card dialog, offscreen over a real SQLite file with only the clock faked.

Sub-forms are never exec()'d: `dialog.ask` is replaced by a function that fills the
real form widgets and accepts, so the dialog's own code reads them back. Message
boxes are replaced by recorders, so no test can hang on a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    EventKind,
    FollowUpKind,
    FollowUpState,
    WorkMode,
)
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.card_common import LATE_COLOUR, to_wall_clock
from jobhunt_desktop.ui.dialogs.card_contacts import ContactForm, PickContactForm
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.dialogs.card_events import (
    InterviewChangeForm,
    InterviewForm,
    OfferForm,
    RejectionForm,
    ReplyForm,
    SentForm,
)
from jobhunt_desktop.ui.dialogs.card_followups import SnoozeForm
from jobhunt_desktop.ui.dialogs.event_edit_form import EventEditForm
from tests.ui.finding import ModalAnswers, rows, select_row
from tests.ui.operations import operations_for

ZONE = "Europe/Berlin"


def t(text: str) -> datetime:
    return parse_datetime(text, ZONE)


@pytest.fixture
def card(services: Services) -> int:
    return services.applications.add(
        "Acme",
        "Data Analyst",
        "Applied",
        salary_min=50000,
        salary_max=60000,
        salary_currency="EUR",
        url="https://acme.example/jobs/1",
        tags=["remote", "python"],
        work_mode="hybrid",
    ).id


class Harness:
    def __init__(self, dialog: CardDialog, stack: QUndoStack, refreshes: list[int]) -> None:
        self.dialog = dialog
        self.stack = stack
        self.refreshes = refreshes


@pytest.fixture
def make(qtbot: QtBot, services: Services, errors: list[str]) -> Callable[[int], Harness]:
    def build(application_id: int) -> Harness:
        stack = QUndoStack()
        refreshes: list[int] = []
        ops = operations_for(services, stack)
        ops.changed.connect(lambda _changes: refreshes.append(1))
        dialog = CardDialog(ops, application_id)
        qtbot.addWidget(dialog)
        dialog.show()
        return Harness(dialog, stack, refreshes)

    return build


_answering: list[ModalAnswers] = []


def answer_with(dialog: CardDialog, fill: Callable[[Any], None]) -> list[QDialog]:
    """The real forms open modal; each is filled and accepted as a person would."""
    for earlier in _answering:
        earlier.stop()
    _answering.clear()
    answers = ModalAnswers(fill)
    _answering.append(answers)
    dialog.destroyed.connect(answers.stop)
    return answers.seen


# details --------------------------------------------------------------------------


def test_the_dialog_shows_every_field_and_the_stage(
    make: Callable[[int], Harness], card: int, clock: FixedClock, services: Services
) -> None:
    clock.advance(timedelta(days=3))
    dialog = make(card).dialog
    details = dialog.details
    assert dialog.windowTitle() == "Acme — Data Analyst"
    assert details.lines["company"].text() == "Acme"
    assert details.lines["title"].text() == "Data Analyst"
    assert details.lines["url"].text() == "https://acme.example/jobs/1"
    assert details.lines["salary_min"].text() == "50000"
    assert details.lines["salary_max"].text() == "60000"
    assert details.lines["salary_currency"].text() == "EUR"
    assert details.lines["tags"].text() == "python, remote"
    assert details.combos["work_mode"].currentData() == WorkMode.HYBRID.value
    assert details.combos["priority"].currentText() == "Normal"
    assert details.combos["closed_reason"].currentData() is None
    # Applied stage implies it went out today (the clock's day, in Berlin).
    assert not details.not_applied.isChecked()
    assert details.applied_on.date() == QDate(2026, 3, 2)
    assert details.stage_label.text() == "Applied — 3 days in this stage"
    assert details.save_button.isEnabled()
    assert details.problems == {}


def test_a_wishlist_card_shows_not_applied_yet(
    make: Callable[[int], Harness], services: Services
) -> None:
    wish = services.applications.add("Globex", "Engineer", "Wishlist").id
    details = make(wish).dialog.details
    assert details.not_applied.isChecked()
    assert not details.applied_on.isEnabled()
    assert details.raw("applied_on") is None


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("salary_max", "100", "below the lowest"),
        ("salary_min", "lots", "whole number"),
        ("title", "   ", "cannot be empty"),
        ("company", "", "cannot be empty"),
        ("url", "not a web address", "not a web address"),
        ("salary_currency", "EURO", "currency code"),
    ],
)
def test_an_invalid_field_is_marked_and_blocks_save_until_fixed(
    make: Callable[[int], Harness], card: int, field: str, bad: str, words: str
) -> None:
    details = make(card).dialog.details
    edit = details.lines[field]
    good = edit.text()
    edit.setText(bad)
    assert not details.save_button.isEnabled()
    assert field in details.problems
    assert words in details.problems[field]
    assert edit.property("invalid") is True
    assert words in edit.toolTip()
    assert "border" in edit.styleSheet()
    assert details.error_label.isVisible()
    assert words in details.error_label.text()

    edit.setText(good)
    assert details.save_button.isEnabled()
    assert details.problems == {}
    assert edit.property("invalid") is False
    assert edit.styleSheet() == ""
    assert not details.error_label.isVisible()


def test_the_salary_check_clears_when_the_minimum_comes_down(
    make: Callable[[int], Harness], card: int
) -> None:
    details = make(card).dialog.details
    details.lines["salary_max"].setText("40000")
    assert not details.save_button.isEnabled()
    details.lines["salary_min"].setText("30000")
    assert details.save_button.isEnabled()
    assert details.changes()[0] == {"salary_min": 30000, "salary_max": 40000}


def test_save_writes_only_changed_fields_and_undo_restores_them(
    qtbot: QtBot, make: Callable[[int], Harness], card: int, services: Services
) -> None:
    harness = make(card)
    details = harness.dialog.details
    details.lines["title"].setText("Senior Data Analyst")
    details.lines["tags"].setText("Remote, sql")
    details.combos["priority"].setCurrentIndex(details.combos["priority"].findData(2))
    details.not_applied.setChecked(True)
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)

    saved = services.applications.get(card)
    assert saved.title == "Senior Data Analyst"
    assert saved.tags == ("remote", "sql")
    assert saved.priority == 2
    assert saved.applied_on is None
    assert saved.salary_max == 60000
    assert harness.stack.count() == 1
    assert harness.refreshes
    assert "Saved" in harness.dialog.status.text()
    edited = {h.field for h in services.applications.story(card).history if h.action == "edited"}
    assert edited == {"title", "tags", "priority", "applied_on"}
    history = rows(harness.dialog.history.list)
    assert ["Edited", "Title", "Data Analyst → Senior Data Analyst"] in [r[1:] for r in history]

    harness.stack.undo()
    restored = services.applications.get(card)
    assert restored.title == "Data Analyst"
    assert restored.tags == ("python", "remote")
    assert restored.priority == 0
    assert restored.applied_on == date(2026, 3, 2)
    # The open dialog follows the undo.
    assert details.lines["title"].text() == "Data Analyst"
    assert not details.not_applied.isChecked()

    harness.stack.redo()
    assert services.applications.get(card).title == "Senior Data Analyst"


def test_save_with_nothing_changed_pushes_nothing(
    make: Callable[[int], Harness], card: int
) -> None:
    harness = make(card)
    harness.dialog.details.save()
    assert harness.stack.count() == 0
    assert harness.dialog.details.status_label.text() == "Nothing has changed."


def test_a_refused_save_shows_the_reason_once_and_keeps_the_typing(
    make: Callable[[int], Harness], card: int, services: Services, errors: list[str]
) -> None:
    harness = make(card)
    details = harness.dialog.details
    details.lines["title"].setText("Analyst II")
    services.applications.delete(card)  # gone behind the dialog's back
    details.save()
    assert errors == [f"No application with id {card}."]
    assert harness.stack.count() == 0  # the failed command did not stay on the stack
    assert details.lines["title"].text() == "Analyst II"
    assert "Saved" not in harness.dialog.status.text()


def test_undo_after_the_dialog_closed_still_works(
    qtbot: QtBot, card: int, services: Services, errors: list[str]
) -> None:
    """As the main window opens it: deleted on close, while the stack lives on."""
    stack = QUndoStack()
    refreshes: list[int] = []
    ops = operations_for(services, stack)
    ops.changed.connect(lambda _changes: refreshes.append(1))
    dialog = CardDialog(ops, card)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.details.lines["location"].setText("Berlin")
    dialog.details.save()
    assert services.applications.get(card).location == "Berlin"
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    before = len(refreshes)
    stack.undo()
    assert services.applications.get(card).location is None
    assert len(refreshes) == before + 1
    assert errors == []


def test_unsaved_typing_survives_a_reload_from_another_tab(
    make: Callable[[int], Harness], card: int
) -> None:
    dialog = make(card).dialog
    dialog.details.lines["title"].setText("Lead Analyst")
    dialog.details.lines["salary_max"].setText("1")  # invalid, kept as typed too
    answer_with(dialog, lambda form: form.name.setText("Dana Kim"))
    dialog.contacts.add_contact()
    assert dialog.details.lines["title"].text() == "Lead Analyst"
    assert dialog.details.lines["salary_max"].text() == "1"
    assert dialog.details.lines["company"].text() == "Acme"


# contacts -------------------------------------------------------------------------


def test_adding_a_contact_creates_and_links_it(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    harness = make(card)
    dialog = harness.dialog

    def fill(form: ContactForm) -> None:
        assert not form.ok_button.isEnabled()  # a name is required
        form.name.setText("Dana Kim")
        form.email.setText("dana at acme")
        assert not form.ok_button.isEnabled()
        assert "email" in form.problems()
        form.email.setText("dana@acme.example")
        form.role.setCurrentIndex(form.role.findData(ContactRole.HIRING_MANAGER.value))
        form.phone.setText("+49 30 1234")
        assert form.ok_button.isEnabled()

    forms = answer_with(dialog, fill)
    dialog.contacts.add_button.click()
    assert isinstance(forms[0], ContactForm)
    linked = services.applications.get(card).contacts
    assert [(c.name, c.role, c.email, c.phone) for c in linked] == [
        ("Dana Kim", ContactRole.HIRING_MANAGER, "dana@acme.example", "+49 30 1234")
    ]
    assert rows(dialog.contacts.list) == [
        ["Dana Kim", "Hiring manager", "dana@acme.example", "+49 30 1234"]
    ]
    assert dialog.tabs.tabText(CardDialog.CONTACTS) == "Contacts (1)"
    assert harness.refreshes


def test_link_existing_edit_and_remove_a_contact(
    make: Callable[[int], Harness],
    card: int,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = services.applications.add("Globex", "Engineer", "Applied").id
    sam = services.contacts.create(other, name="Sam Lee", role=ContactRole.RECRUITER).value
    dialog = make(card).dialog

    answer_with(dialog, lambda form: form.choose(sam.id))
    dialog.contacts.link_button.click()
    assert [c.id for c in services.applications.get(card).contacts] == [sam.id]

    select_row(dialog.contacts.list, lambda r: r[0] == "Sam Lee")
    assert dialog.contacts.edit_button.isEnabled()
    answer_with(dialog, lambda form: form.email.setText("sam@globex.example"))
    dialog.contacts.edit_button.click()
    assert services.applications.get(card).contacts[0].email == "sam@globex.example"

    select_row(dialog.contacts.list, lambda r: r[0] == "Sam Lee")
    monkeypatch.setattr(dialog, "confirm", lambda *_: False)
    dialog.contacts.remove_button.click()
    assert len(services.applications.get(card).contacts) == 1
    monkeypatch.setattr(dialog, "confirm", lambda *_: True)
    dialog.contacts.remove_button.click()
    assert services.applications.get(card).contacts == ()
    # Unlinked, not deleted: Sam is still on the other card.
    assert [c.name for c in services.applications.get(other).contacts] == ["Sam Lee"]


def test_link_existing_offers_only_people_not_linked_yet(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    other = services.applications.add("Globex", "Engineer", "Applied").id
    services.contacts.create(card, name="Dana Kim")
    sam = services.contacts.create(other, name="Sam Lee").value
    dialog = make(card).dialog
    offered: list[list[str]] = []

    def fill(form: PickContactForm) -> None:
        offered.append([form.people.item(i).text() for i in range(form.people.count())])
        assert not form.ok_button.isEnabled()
        form.choose(sam.id)
        assert form.ok_button.isEnabled()

    answer_with(dialog, fill)
    dialog.contacts.link()
    assert len(offered[0]) == 1 and offered[0][0].startswith("Sam Lee")


# events ---------------------------------------------------------------------------


def test_logging_an_interview_creates_the_event_and_its_follow_ups(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    harness = make(card)
    dialog = harness.dialog

    def fill(form: InterviewForm) -> None:
        form.starts.setDateTime(to_wall_clock(t("2026-03-03T10:00"), ZONE))
        form.minutes.setValue(45)
        form.kind.setEditText("video")
        form.interviewers.setText("Dana Kim")
        form.location.setText("https://meet.example/acme")

    forms = answer_with(dialog, fill)
    dialog.events.interview_button.click()
    assert isinstance(forms[0], InterviewForm)

    story = services.applications.story(card)
    [event] = story.events
    assert event.kind is EventKind.INTERVIEW
    assert event.occurred_at == t("2026-03-03T10:00")  # 09:00 UTC: the zone was applied
    assert event.ends_at == t("2026-03-03T10:45")
    assert event.round == 1
    assert event.interview_kind == "video"
    assert event.promised_by is None  # nothing promised yet, so R2 asks for it
    assert story.application.stage.name == "Interviewing"

    assert rows(dialog.events.list) == [
        [
            "Tue 3 Mar 2026, 10:00",
            "Interview, round 1",
            "video; until 10:45; at https://meet.example/acme; with Dana Kim",
        ]
    ]
    shown = {r[2]: r for r in rows(dialog.followups.list)}
    assert {"Thank-you note", "Next steps to note"} <= set(shown)
    assert shown["Thank-you note"][3] == "Send a thank-you note"
    assert shown["Thank-you note"][0] == "Tue 3 Mar 2026, 12:45"  # 2 h after it ends, local time
    assert shown["Next steps to note"][3] == "Write down the next steps"
    assert "moved to Interviewing" in dialog.status.text()
    assert dialog.details.stage_label.text().startswith("Interviewing")
    assert harness.refreshes


def test_moving_a_chosen_interview_and_cancelling_another(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    first = services.events.interview(card, t("2026-03-03T10:00"), round=1).event
    second = services.events.interview(card, t("2026-03-05T14:00"), round=2).event
    dialog = make(card).dialog
    assert dialog.events.moved_button.isEnabled()

    def move(form: InterviewChangeForm) -> None:
        assert form.which.count() == 2
        assert form.which.isEnabled()
        form.which.setCurrentIndex(form.which.findData(first.id))
        assert form.new_time is not None
        form.new_time.set_value(t("2026-03-04T11:30"))
        form.notes.setText("their manager is ill")

    answer_with(dialog, move)
    dialog.events.moved_button.click()
    moved = [e for e in services.applications.story(card).events if e.kind.value == "moved"]
    assert [(m.related_event_id, m.new_starts_at) for m in moved] == [
        (first.id, t("2026-03-04T11:30"))
    ]
    assert moved[0].new_ends_at == t("2026-03-04T12:30")  # same length as before

    def cancel(form: InterviewChangeForm) -> None:
        form.which.setCurrentIndex(form.which.findData(second.id))

    answer_with(dialog, cancel)
    dialog.events.cancelled_button.click()
    events = services.applications.story(card).events
    cancelled = [e for e in events if e.kind is EventKind.INTERVIEW_CANCELLED]
    assert [c.related_event_id for c in cancelled] == [second.id]
    details = [r[2] for r in rows(dialog.events.list) if r[1] == "Interview cancelled"]
    assert details == ["round 2"]


def test_moved_and_cancelled_need_an_interview(make: Callable[[int], Harness], card: int) -> None:
    dialog = make(card).dialog
    assert not dialog.events.moved_button.isEnabled()
    assert not dialog.events.cancelled_button.isEnabled()


def test_reply_offer_and_message_sent_are_logged(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    dialog = make(card).dialog

    def reply(form: ReplyForm) -> None:
        form.promised.set_value(date(2026, 3, 9))
        form.notes.setText("they liked the CV")

    answer_with(dialog, reply)
    dialog.events.reply_button.click()

    def offer(form: OfferForm) -> None:
        form.deadline.set_value(t("2026-03-12T17:00"))

    answer_with(dialog, offer)
    dialog.events.offer_button.click()

    def sent(form: SentForm) -> None:
        form.kind.setCurrentIndex(form.kind.findData(FollowUpKind.NOTE.value))
        form.subject.setText("Thank you for the offer")
        form.body.setPlainText("Dear Dana, …")

    answer_with(dialog, sent)
    dialog.events.sent_button.click()

    events = services.applications.story(card).events
    kinds = [e.kind for e in events]
    assert kinds == [EventKind.REPLY, EventKind.OFFER, EventKind.MESSAGE_SENT]
    assert events[0].promised_by == date(2026, 3, 9)
    assert events[1].deadline_at == t("2026-03-12T17:00")
    assert events[2].subject == "Thank you for the offer"
    assert services.applications.get(card).stage.name == "Offer"
    offered = [r for r in rows(dialog.events.list) if r[1] == "Offer"]
    assert offered[0][2] == "deadline Thu 12 Mar 2026, 17:00"
    assert any(r[2] == "Offer deadline" for r in rows(dialog.followups.list))


def test_a_rejection_with_feedback_closes_the_card(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    dialog = make(card).dialog
    forms = answer_with(dialog, lambda form: form.feedback.setPlainText("More SQL next time"))
    dialog.events.rejection_button.click()
    assert isinstance(forms[0], RejectionForm)
    app = services.applications.story(card)
    assert app.events[-1].feedback == "More SQL next time"
    assert app.application.stage.name == "Rejected"
    assert app.application.closed_reason is ClosedReason.REJECTED
    assert dialog.details.combos["closed_reason"].currentData() == "rejected"
    assert any(r[2] == "Reply to a rejection" for r in rows(dialog.followups.list))


def test_a_service_error_is_shown_and_nothing_else_happens(
    make: Callable[[int], Harness], card: int, services: Services, errors: list[str]
) -> None:
    harness = make(card)
    dialog = harness.dialog
    other = services.applications.add("Globex", "Engineer", "Applied").id
    services.applications.delete(card)  # e.g. from the command line, meanwhile
    answer_with(dialog, lambda form: form.notes.setText("see you Monday"))
    dialog.events.reply_button.click()
    assert errors == [f"No application with id {card}."]
    assert harness.refreshes == []
    assert dialog.status.text() == ""
    assert services.applications.story(other).events == ()


# follow-ups -----------------------------------------------------------------------


def _followup(services: Services, card: int, rule: str) -> Any:
    return next(f for f in services.followups.chain(card) if f.rule == rule)


def test_snooze_a_day_a_week_or_until_a_picked_time(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    services.events.interview(card, t("2026-03-02T10:00"))
    dialog = make(card).dialog
    tab = dialog.followups

    select_row(tab.list, lambda r: r[2] == "Thank-you note")
    assert tab.snooze_button.isEnabled() and not tab.reopen_button.isEnabled()
    tab.day_action.trigger()
    r1 = _followup(services, card, "R1")
    assert r1.state is FollowUpState.SNOOZED
    assert r1.snoozed_until == t("2026-03-03T09:00")  # next morning, reminder time
    assert next(r for r in rows(tab.list) if r[2] == "Thank-you note")[1] == "Snoozed"

    select_row(tab.list, lambda r: r[2] == "Next steps to note")
    tab.week_action.trigger()
    assert _followup(services, card, "R2").snoozed_until == t("2026-03-09T09:00")

    def pick(form: SnoozeForm) -> None:
        form.until.setDateTime(to_wall_clock(t("2026-03-04T15:30"), ZONE))

    answer_with(dialog, pick)
    select_row(tab.list, lambda r: r[2] == "Thank-you note")
    tab.pick_action.trigger()
    assert _followup(services, card, "R1").snoozed_until == t("2026-03-04T15:30")


def test_dismiss_and_reopen(make: Callable[[int], Harness], card: int, services: Services) -> None:
    services.events.interview(card, t("2026-03-02T10:00"))
    harness = make(card)
    tab = harness.dialog.followups
    select_row(tab.list, lambda r: r[2] == "Thank-you note")
    tab.dismiss_button.click()
    assert _followup(services, card, "R1").state is FollowUpState.DISMISSED
    assert harness.refreshes
    assert tab.reopen_button.isEnabled() and not tab.dismiss_button.isEnabled()
    tab.reopen_button.click()
    assert _followup(services, card, "R1").state is FollowUpState.PENDING


def test_snoozing_into_the_past_is_refused_and_changes_nothing(
    make: Callable[[int], Harness], card: int, services: Services, errors: list[str]
) -> None:
    services.events.interview(card, t("2026-03-02T10:00"))
    dialog = make(card).dialog
    answer_with(
        dialog, lambda form: form.until.setDateTime(to_wall_clock(t("2026-03-01T09:00"), ZONE))
    )
    select_row(dialog.followups.list, lambda r: r[2] == "Thank-you note")
    dialog.followups.pick_action.trigger()
    assert errors == ["Snooze until a time in the future."]
    assert _followup(services, card, "R1").state is FollowUpState.PENDING


def test_overdue_follow_ups_are_red_by_the_injected_clock(
    make: Callable[[int], Harness], card: int, clock: FixedClock
) -> None:
    dialog = make(card).dialog
    r5 = next(i for i, r in enumerate(rows(dialog.followups.list)) if r[2] == "Status check")
    item = dialog.followups.list.topLevelItem(r5)
    assert item.text(1) == "To do"
    assert item.foreground(0).color() != LATE_COLOUR

    clock.advance(timedelta(days=10))  # R5 was due on day 7
    dialog.reload()
    item = dialog.followups.list.topLevelItem(r5)
    assert item.text(2) == "Status check"
    assert item.text(1) == "To do, late"
    assert item.foreground(0).color() == LATE_COLOUR
    assert item.foreground(4).color() == LATE_COLOUR


# history and keyboard -------------------------------------------------------------


def test_history_lists_the_story_in_order_in_local_time(
    make: Callable[[int], Harness], card: int, services: Services, clock: FixedClock
) -> None:
    clock.advance(timedelta(hours=2))
    services.applications.move([card], "Screening")
    clock.advance(timedelta(hours=1))
    services.applications.edit(card, {"notes": "call back"})
    history = rows(make(card).dialog.history.list)
    assert history == [
        ["Mon 2 Mar 2026, 09:00", "Created", "Stage", "Applied"],
        ["Mon 2 Mar 2026, 11:00", "Moved", "Stage", "Applied → Screening"],
        ["Mon 2 Mar 2026, 12:00", "Edited", "Notes", "(empty) → call back"],
    ]


def test_keyboard_tabs_escape_mnemonics_and_tooltips(
    qtbot: QtBot, make: Callable[[int], Harness], card: int
) -> None:
    dialog = make(card).dialog
    dialog.activateWindow()
    dialog.details.lines["title"].setFocus()
    assert dialog.tabs.currentIndex() == CardDialog.DETAILS
    qtbot.keyClick(
        dialog.details.lines["title"], Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
    )
    assert dialog.tabs.currentIndex() == CardDialog.CONTACTS
    qtbot.keyClick(dialog.tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == CardDialog.EVENTS

    for push in dialog.findChildren(QPushButton):
        assert "&" in push.text(), push.text()
        assert push.toolTip(), push.text()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    QApplication.processEvents()


def test_ctrl_z_in_the_dialog_undoes_the_last_save(
    qtbot: QtBot, make: Callable[[int], Harness], card: int, services: Services
) -> None:
    harness = make(card)
    dialog = harness.dialog
    dialog.details.lines["tags"].setText("Remote, SQL")
    dialog.details.save()
    assert services.applications.get(card).tags == ("remote", "sql")
    assert dialog.details.lines["tags"].text() == "remote, sql"  # shown as saved
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.tabs.setCurrentIndex(CardDialog.HISTORY)
    dialog.history.list.setFocus()
    qtbot.keyClick(dialog.history.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert harness.stack.index() == 0
    assert services.applications.get(card).tags == ("python", "remote")
    assert dialog.details.lines["tags"].text() == "python, remote"


def test_history_shows_snooze_times_on_the_users_clock(
    make: Callable[[int], Harness], card: int, services: Services
) -> None:
    services.events.interview(card, t("2026-03-02T10:00"))
    r1 = _followup(services, card, "R1")
    services.followups.snooze(r1.id, t("2026-03-03T09:00"))
    history = rows(make(card).dialog.history.list)
    snoozed = [r for r in history if r[1] == "Follow-up"]
    assert snoozed == [
        [
            "Mon 2 Mar 2026, 09:00",
            "Follow-up",
            "Send a thank-you note",
            "pending → snoozed until Tue 3 Mar 2026, 09:00",
        ]
    ]


def test_a_logged_event_is_corrected_and_removed_from_the_card(
    make: Callable[[int], Harness],
    card: int,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.applications.move([card], "Rejected")  # the move records the rejection
    harness = make(card)
    dialog = harness.dialog
    events = dialog.events
    assert rows(events.list)[0][1] == "Rejection (from a move)"
    assert not events.edit_button.isEnabled()
    events.list.setCurrentItem(events.list.topLevelItem(0))
    assert events.edit_button.isEnabled() and events.delete_button.isEnabled()

    def correct(form: EventEditForm) -> None:
        form.feedback.setPlainText("They went with someone internal.")

    seen = answer_with(dialog, correct)
    events.edit_button.click()
    assert isinstance(seen[0], EventEditForm)
    [event] = services.applications.story(card).events
    assert (event.implied, event.feedback) == (False, "They went with someone internal.")
    assert rows(events.list)[0][1] == "Rejection"

    events.list.setCurrentItem(events.list.topLevelItem(0))
    monkeypatch.setattr(dialog, "confirm", lambda *_: True)
    events.delete_button.click()
    assert services.applications.story(card).events == ()
    assert services.applications.get(card).stage.name == "Rejected"
    assert not any(f.rule == "R7" and f.state.is_open for f in services.followups.chain(card))
    harness.stack.undo()
    assert [e.feedback for e in services.applications.story(card).events] == [
        "They went with someone internal."
    ]


def test_the_add_contact_form_opens_ready_to_type_and_enter_saves(qtbot: QtBot) -> None:
    form = ContactForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    assert form.focusWidget() is form.name  # the cursor is in the name field
    assert form.note.isHidden() and not form.ok_button.isEnabled()  # no error yet
    qtbot.keyClicks(form.email, "dana")
    assert "does not look right" in form.note.text()  # judged once typed in
    assert "needs a name" not in form.note.text()  # the name was not typed in yet
    form.email.clear()
    qtbot.keyClicks(form.name, "Dana Kim")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert form.result() == QDialog.DialogCode.Accepted
    assert form.values()["name"] == "Dana Kim"
    assert [form.role.itemText(i) for i in range(form.role.count())][-1] == "Other"


def test_the_salary_currency_is_saved_on_its_own(
    make: Callable[[int], Harness], services: Services
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    details = make(card).dialog.details
    details.lines["salary_currency"].setText("usd")
    details.save()
    assert services.applications.get(card).salary_currency == "USD"


def test_the_job_link_opens_in_the_browser_from_the_card(
    make: Callable[[int], Harness],
    card: int,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    dialog = make(card).dialog
    dialog.details.open_link_button.click()
    assert opened == ["https://acme.example/jobs/1"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] == "https://acme.example/jobs/1" and len(opened) == 2
    dialog.details.lines["url"].setText("")
    assert not dialog.details.open_link_button.isEnabled()
    dialog.details.lines["url"].setText("jobs.example/42")  # https:// added, as when saved
    dialog.details.open_link_button.click()
    assert opened[-1] == "https://jobs.example/42"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    dialog.details.open_link_button.click()
    assert "Nothing on this computer opened" in dialog.details.status_label.text()


def test_interviewers_become_contacts_in_one_click(
    make: Callable[[int], Harness], card: int, services: Services, clock: FixedClock
) -> None:
    services.contacts.create(card, name="Dana Kim", email="dana@acme.example")
    services.events.interview(
        card, clock.now() + timedelta(days=1), interviewers="Dana, Raj Patel and Lee Chen"
    )
    harness = make(card)
    events = harness.dialog.events
    assert not events.people_button.isEnabled()
    events.list.setCurrentItem(events.list.topLevelItem(0))
    assert events.people_button.isEnabled()
    events.people_button.click()
    people = {c.name: c.role for c in services.applications.get(card).contacts}
    assert set(people) == {"Dana Kim", "Raj Patel", "Lee Chen"}  # Dana was there already
    assert people["Raj Patel"] is ContactRole.INTERVIEWER
    harness.stack.undo()
    assert {c.name for c in services.applications.get(card).contacts} == {"Dana Kim"}


def test_files_are_kept_opened_saved_and_removed_from_the_card(
    make: Callable[[int], Harness],
    card: int,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QFileDialog

    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF cv")
    harness = make(card)
    files = harness.dialog.files
    assert not files.open_button.isEnabled()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(cv))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(files, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(files, drop)  # a file dropped on the tab
    assert [r[0] for r in rows(files.list)] == ["cv.pdf"]
    assert rows(files.list)[0][1] == "7 bytes"
    files.list.topLevelItem(0).setSelected(True)
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    assert files.open_selected()
    assert Path(opened[0]).read_bytes() == b"%PDF cv" and Path(opened[0]).name == "cv.pdf"
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    files.save_button.click()
    assert target.read_bytes() == b"%PDF cv"
    files.list.topLevelItem(0).setSelected(True)
    files.remove_button.click()
    assert services.attachments.of(card) == [] and rows(files.list) == []
    harness.stack.undo()
    assert [a.name for a in services.attachments.of(card)] == ["cv.pdf"]


def test_the_stage_date_is_corrected_from_the_history_tab(
    make: Callable[[int], Harness], card: int, services: Services, clock: FixedClock
) -> None:
    from jobhunt_desktop.ui.dialogs.card_history import EntryDateForm

    harness = make(card)
    entered = services.applications.get(card).stage_entered_at
    assert entered is not None
    earlier = entered - timedelta(days=4)

    def fill(form: EntryDateForm) -> None:
        form.when.setDateTime(to_wall_clock(earlier, ZONE))

    seen = answer_with(harness.dialog, fill)
    harness.dialog.history.entry_button.click()
    assert isinstance(seen[0], EntryDateForm)
    assert services.applications.get(card).stage_entered_at == earlier
    last = rows(harness.dialog.history.list)[-1]
    assert last[1] == "Corrected" and last[2] == "Entered its stage"
    assert harness.dialog.details.stage_label.text() == "Applied — 4 days in this stage"
    harness.stack.undo()
    assert services.applications.get(card).stage_entered_at == entered


def test_correcting_an_interview_start_moves_its_end_along(
    make: Callable[[int], Harness], card: int, services: Services, clock: FixedClock
) -> None:
    starts = t("2026-03-05T10:00")
    services.events.interview(card, starts, starts + timedelta(minutes=45))
    dialog = make(card).dialog
    events = dialog.events
    events.list.setCurrentItem(events.list.topLevelItem(0))

    def later(form: EventEditForm) -> None:
        form.when.setDateTime(to_wall_clock(t("2026-03-06T14:00"), ZONE))

    answer_with(dialog, later)
    events.edit_button.click()
    [event] = services.applications.story(card).events
    assert (event.occurred_at, event.end) == (t("2026-03-06T14:00"), t("2026-03-06T14:45"))


def test_correcting_a_message_subject_keeps_its_time_and_its_follow_up(
    make: Callable[[int], Harness], card: int, services: Services, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=8, seconds=17))  # a time with seconds, as sends have
    sent = services.events.sent(card, subject="Checking in", kind=FollowUpKind.APPLICATION_CHECK)
    dialog = make(card).dialog
    events = dialog.events
    events.list.setCurrentItem(events.list.topLevelItem(0))

    def subject(form: EventEditForm) -> None:
        form.fields["subject"].setText("Checking in on my application")

    answer_with(dialog, subject)
    events.edit_button.click()
    [event] = services.applications.story(card).events
    assert event.subject == "Checking in on my application"
    assert event.occurred_at == sent.event.occurred_at  # the seconds kept
    services.events.delete(event.id)
    assert any(
        f.kind is FollowUpKind.APPLICATION_CHECK and f.state is FollowUpState.PENDING
        for f in services.followups.chain(card)
    )

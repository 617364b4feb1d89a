"""The composer, offscreen over a real SQLite file with only the clock faked: opened
from the Due panel, the card and the offer prompt, its text handed to a real mailto
handler, the clipboard and an .eml file, and "Mark as sent" undone and redone.

Message boxes are replaced by recorders, so no test can hang on a modal loop.
"""

from __future__ import annotations

import email
import email.policy
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind, FollowUp, FollowUpKind, FollowUpState
from jobhunt_desktop.domain.messages import MAILTO_LIMIT
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.dialogs.composer import ComposerDialog, file_name_for
from jobhunt_desktop.ui.dialogs.stage_prompts import AcceptedPrompt, OfferPrompt
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import opened_card, opened_composer, shown

ZONE = "Europe/Berlin"
# Characters that end a mailto field early, or need UTF-8, if encoded carelessly.
TRICKY = "Q&A? 100% + more #1 — naïve café, 5 € = ok"

# The kind of follow-up the card's list shows for each rule.
KIND_SHOWN = {"R1": "Thank-you note", "R2": "Next steps to note", "R5": "Status check"}


def t(text: str) -> datetime:
    return parse_datetime(text, ZONE)


@dataclass
class Hunt:
    acme: int  # interviewed this morning: the thank-you (R1) is due
    globex: int  # applied today, no contact: only R5 next week


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question nobody set an answer for is answered "No" rather than waiting for a
    click that never comes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)


@pytest.fixture
def hunt(services: Services, clock: FixedClock) -> Hunt:
    services.settings.set("your_name", "Sam Rivera")
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    services.contacts.create(acme, name="Dana Whitfield", email="dana@acme.example")
    services.events.interview(
        acme, t("2026-03-02T10:00"), t("2026-03-02T11:00"), interviewers="Dana Whitfield"
    )
    globex = services.applications.add("Globex", "Engineer", stage="Applied").id
    clock.advance(timedelta(hours=5))  # 14:00: the thank-you came up at 13:00
    return Hunt(acme, globex)


@pytest.fixture
def window(qtbot: QtBot, services: Services, hunt: Hunt, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    win.show()
    return win


class UrlCatcher(QObject):
    """Stands in for the user's mail program or browser: the desktop hands it the
    links of the scheme it is registered for."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def mail() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "handle")
    try:
        yield catcher
    finally:
        QDesktopServices.unsetUrlHandler("mailto")


def followup(services: Services, application_id: int, rule: str) -> FollowUp:
    return next(f for f in services.followups.chain(application_id) if f.rule == rule)


def sent_events(services: Services, application_id: int) -> list[object]:
    events = services.applications.story(application_id).events
    return [e for e in events if e.kind is EventKind.MESSAGE_SENT]


def due_row(window: MainWindow, application_id: int | None, rule: str) -> int:
    for number, row in enumerate(window.due_panel.rows()):
        f = row.followup
        if f.application_id == application_id and f.rule == rule:
            return number
    raise AssertionError(f"no {rule} row for {application_id}")


def draft_from_panel(qtbot: QtBot, window: MainWindow, application_id: int) -> ComposerDialog:
    panel = window.due_panel
    panel.view.selectRow(due_row(window, application_id, "R1"))
    assert panel.draft_button.isEnabled()
    qtbot.mouseClick(panel.draft_button, Qt.MouseButton.LeftButton)
    composer = shown(window, ComposerDialog)
    assert composer is not None and composer.isVisible()
    return composer


def answer(monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton) -> list[str]:
    """Every question asked, answered with `reply`."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# from the Due panel to sent, and back ------------------------------------------------


def test_draft_from_the_due_panel_then_mark_sent_undo_and_redo(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    assert composer.windowTitle() == "Message to Acme — Data Analyst"
    assert composer.to.text() == "Dana Whitfield <dana@acme.example>"
    subject, body = composer.subject.text(), composer.body.toPlainText()
    assert subject == "Thank you for the first interview"
    assert body.startswith("Hi Dana,\n\nThank you for taking the time to interview me for")
    assert "Data Analyst at Acme" in body and "thanks to the team" in body
    assert body.endswith("Best regards,\nSam Rivera")
    assert "${" not in subject + body
    assert composer.answers.text() == "Follow-up: Send a thank-you note · due Mon 2 Mar"
    assert composer.template_box.currentData() == FollowUpKind.THANK_YOU.value
    assert composer.body.hasFocus() or composer.focusWidget() is composer.body

    edited = body.replace("I enjoyed our conversation", f"I enjoyed our talk ({TRICKY})")
    composer.body.setPlainText(edited)
    qtbot.mouseClick(composer.sent_button, Qt.MouseButton.LeftButton)

    assert errors == []
    assert composer.result() == QDialog.DialogCode.Accepted
    assert followup(services, hunt.acme, "R1").state is FollowUpState.SENT
    [event] = sent_events(services, hunt.acme)
    assert event.body == edited and event.subject == subject  # type: ignore[attr-defined]
    assert event.followup_kind is FollowUpKind.THANK_YOU  # type: ignore[attr-defined]
    assert window.undo_stack.undoText() == "Mark message to Acme as sent"
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: all(r.followup.rule != "R1" for r in window.due_panel.rows()))

    window.undo_stack.undo()
    assert followup(services, hunt.acme, "R1").state is FollowUpState.PENDING
    assert sent_events(services, hunt.acme) == []
    qtbot.waitUntil(lambda: any(r.followup.rule == "R1" for r in window.due_panel.rows()))

    window.undo_stack.redo()
    assert followup(services, hunt.acme, "R1").state is FollowUpState.SENT
    [again] = sent_events(services, hunt.acme)
    assert again.body == edited  # type: ignore[attr-defined]
    assert errors == []


def test_draft_is_offered_only_for_one_message_to_an_employer(
    qtbot: QtBot, window: MainWindow, hunt: Hunt
) -> None:
    panel = window.due_panel
    assert not panel.draft_button.isEnabled()  # nothing selected
    panel.view.selectRow(due_row(window, hunt.acme, "R2"))  # note the next steps: a task
    assert not panel.draft_button.isEnabled() and not panel.draft_action.isEnabled()
    panel.due_only.setChecked(False)  # the keep-applying nudge comes up next week
    panel.view.selectRow(due_row(window, None, "R12"))  # keep applying: no card
    assert not panel.draft_button.isEnabled()
    panel.view.selectRow(due_row(window, hunt.acme, "R1"))
    assert panel.draft_button.isEnabled() and panel.draft_action.isEnabled()
    assert panel.draft_button.text() == "D&raft…" and panel.draft_button.toolTip()
    panel.view.selectAll()  # which one would it be? none
    assert not panel.draft_button.isEnabled()

    panel.view.selectRow(due_row(window, hunt.acme, "R1"))
    with qtbot.waitSignal(panel.draftRequested, timeout=1000) as asked:
        panel.draft_action.trigger()
    assert asked.args == [hunt.acme, followup(window.services, hunt.acme, "R1").id]


def test_enter_on_a_due_row_still_opens_the_card(
    qtbot: QtBot, window: MainWindow, hunt: Hunt
) -> None:
    panel = window.due_panel
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(due_row(window, hunt.acme, "R1"), 0))
    with qtbot.assertNotEmitted(panel.draftRequested):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    card = shown(window, CardDialog)
    assert isinstance(card, CardDialog) and card.application_id == hunt.acme
    assert shown(window, ComposerDialog) is None


def test_a_card_deleted_meanwhile_is_reported_and_nothing_is_pushed(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    r1 = followup(services, hunt.acme, "R1")
    composer.body.setPlainText("Kept while the error shows")
    services.applications.delete(hunt.acme)  # say, from the command line
    composer.sent_button.click()
    assert errors == [f"No follow-up with id {r1.id}."]
    assert composer.isVisible() and composer.body.toPlainText() == "Kept while the error shows"
    assert window.undo_stack.count() == 0


# getting the text out -----------------------------------------------------------------


def test_open_in_mail_program_hands_over_the_edited_text(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, mail: UrlCatcher, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    composer.subject.setText(f"Thanks — {TRICKY}")
    body = f"Hi Dana,\n\nLine two: {TRICKY}\n\nSam"
    composer.body.setPlainText(body)
    composer.open_button.click()

    assert errors == []
    [url] = mail.urls
    parts = urlsplit(bytes(url.toEncoded()).decode("ascii"))
    assert parts.scheme == "mailto" and unquote(parts.path) == "dana@acme.example"
    fields = parse_qs(parts.query, keep_blank_values=True)
    assert fields["subject"] == [f"Thanks — {TRICKY}"]
    assert fields["body"] == [body.replace("\n", "\r\n")]
    assert "Mark as sent" in composer.status.text()
    assert composer.isVisible()  # sending it is still to be confirmed


def test_a_body_too_long_for_a_link_goes_to_the_clipboard(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, mail: UrlCatcher, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    body = "\n".join(f"Paragraph {n}: " + "all the details, " * 10 for n in range(20))
    assert len(body) > MAILTO_LIMIT
    composer.body.setPlainText(body)
    QGuiApplication.clipboard().clear()
    composer.open_button.click()

    assert errors == []
    [url] = mail.urls
    fields = parse_qs(urlsplit(bytes(url.toEncoded()).decode("ascii")).query)
    assert "body" not in fields and fields["subject"] == ["Thank you for the first interview"]
    assert QGuiApplication.clipboard().text() == body
    status = composer.status.text()
    assert "copied" in status and "paste" in status


def test_a_bad_address_is_refused_before_anything_opens(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, mail: UrlCatcher, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    composer.to.setText("dana at acme")
    composer.open_button.click()
    assert mail.urls == []
    assert len(errors) == 1 and "not an email address" in errors[0]


def test_copy_puts_subject_and_message_on_the_clipboard(
    qtbot: QtBot, window: MainWindow, hunt: Hunt
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    composer.body.setPlainText("Hi Dana,\n\nThanks!")
    composer.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        "Subject: Thank you for the first interview\n\nHi Dana,\n\nThanks!"
    )
    assert "Copied" in composer.status.text()


def test_save_eml_writes_a_draft_a_mail_program_can_open(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, tmp_path: Path, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    body = f"Hi Dana,\n\n{TRICKY}\n\nSam"
    composer.body.setPlainText(body)
    path = tmp_path / "thanks.eml"
    old_mask = os.umask(0)  # the draft is private all the same
    try:
        assert composer.save_eml(path)
    finally:
        os.umask(old_mask)

    assert errors == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith((".eml", ".partial"))] == [
        "thanks.eml"
    ]
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Dana Whitfield <dana@acme.example>"
    assert message["Subject"] == "Thank you for the first interview"
    assert message["X-Unsent"] == "1"
    assert message["From"] is None
    assert message["Date"].datetime == t("2026-03-02T14:00")  # the services' clock
    assert message["Date"].datetime.utcoffset() == timedelta(hours=1)  # the user's zone
    content = message.get_content()  # type: ignore[attr-defined]
    assert content.replace("\r\n", "\n").rstrip("\n") == body
    assert "thanks.eml" in composer.status.text()


def test_save_eml_reports_a_folder_it_cannot_write(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, tmp_path: Path, errors: list[str]
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    assert not composer.save_eml(tmp_path / "missing" / "thanks.eml")
    assert len(errors) == 1 and "could not save" in errors[0].casefold()


def test_default_eml_names_are_safe_on_every_file_system() -> None:
    assert file_name_for("Acme", "Thank you") == "Acme - Thank you.eml"
    assert file_name_for("A/B: C", 'Re: "x"?') == "A B C - Re x.eml"
    assert file_name_for("Acme", "") == "Acme.eml"
    assert len(file_name_for("Acme", "word " * 100)) <= 84


# templates and edits -------------------------------------------------------------------


def test_switching_template_asks_before_replacing_edited_text(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, monkeypatch: pytest.MonkeyPatch
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    box = composer.template_box
    note = box.findData(FollowUpKind.NOTE.value)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    box.setCurrentIndex(note)  # nothing edited yet: no question
    assert asked == []
    assert composer.subject.text() == "My application for Data Analyst"
    assert "get in touch about my application for Data Analyst at Acme" in (
        composer.body.toPlainText()
    )
    assert composer.composed.followup is not None  # still answers the thank-you
    assert composer.composed.kind is FollowUpKind.THANK_YOU

    composer.body.setPlainText("My own words.")
    box.setCurrentIndex(box.findData(FollowUpKind.THANK_YOU.value))
    assert len(asked) == 1 and "Thank-you after an interview" in asked[0]
    assert box.currentIndex() == note  # kept: the user said no
    assert composer.body.toPlainText() == "My own words."

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    box.setCurrentIndex(box.findData(FollowUpKind.THANK_YOU.value))
    assert composer.subject.text() == "Thank you for the first interview"
    assert composer.body.toPlainText().startswith("Hi Dana,")


def test_escape_closes_at_once_unless_edited_text_would_be_lost(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, monkeypatch: pytest.MonkeyPatch
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    composer.body.setPlainText("Words I typed")
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.keyClick(composer.body, Qt.Key.Key_Escape)
    assert len(asked) == 1 and composer.isVisible()

    composer.copy_button.click()  # the text is safe on the clipboard now
    qtbot.keyClick(composer.body, Qt.Key.Key_Escape)
    assert len(asked) == 1 and not composer.isVisible()

    fresh = draft_from_panel(qtbot, window, hunt.acme)
    qtbot.keyClick(fresh.subject, Qt.Key.Key_Escape)
    assert len(asked) == 1 and not fresh.isVisible()


def test_no_key_marks_it_sent_by_accident(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    for widget in (composer.to, composer.subject, composer.body):
        for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
            qtbot.keyClick(widget, Qt.Key.Key_Return, modifier)
            qtbot.keyClick(widget, Qt.Key.Key_Enter, modifier)
    assert composer.isVisible()
    assert sent_events(services, hunt.acme) == []
    assert window.undo_stack.count() == 0


def test_buttons_have_keys_tips_and_a_sensible_tab_order(
    qtbot: QtBot, window: MainWindow, hunt: Hunt
) -> None:
    composer = draft_from_panel(qtbot, window, hunt.acme)
    buttons = composer.findChildren(QPushButton)
    keys = []
    for push in buttons:
        assert "&" in push.text() and push.toolTip(), push.text()
        assert not push.autoDefault() and not push.isDefault(), push.text()
        keys.append(push.text()[push.text().index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys

    order = [composer.template_box, composer.to, composer.subject, composer.body]
    order += [composer.open_button, composer.copy_button, composer.save_button]
    order += [composer.sent_button, composer.close_button]
    for first, second in pairwise(order):
        assert _next_focus(first) is second, (first, second)


def _next_focus(widget: object) -> object:
    """The next widget Tab reaches, skipping the ones that take no focus."""
    current = widget.nextInFocusChain()  # type: ignore[attr-defined]
    while current.focusPolicy() == Qt.FocusPolicy.NoFocus or current.focusProxy():
        current = current.nextInFocusChain()
    return current


def test_no_email_address_says_what_to_do(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, mail: UrlCatcher
) -> None:
    composer = opened_composer(window, hunt.globex, kind=FollowUpKind.APPLICATION_CHECK)
    assert composer is not None
    assert composer.to.text() == ""
    assert "No contact on the card" in composer.to.placeholderText()
    assert composer.composed.followup is not None and composer.composed.followup.rule == "R5"
    assert "due Mon 9 Mar" in composer.answers.text()
    assert "Dear" not in composer.body.toPlainText()
    assert composer.body.toPlainText().startswith("Hello,")
    composer.open_button.click()
    [url] = mail.urls
    assert bytes(url.toEncoded()).decode().startswith("mailto:?subject=")


# from the card and the offer prompt ---------------------------------------------------


def test_draft_from_the_card_and_the_card_follows_sent_and_undo(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, errors: list[str]
) -> None:
    card = opened_card(window, hunt.acme)
    tab = card.followups
    card.tabs.setCurrentIndex(CardDialog.FOLLOWUPS)

    def select(rule: str) -> None:
        for index in range(tab.list.topLevelItemCount()):
            item = tab.list.topLevelItem(index)
            if item is not None and item.text(2) == KIND_SHOWN[rule]:
                tab.list.setCurrentItem(item)
                return
        raise AssertionError(rule)

    def state(rule: str) -> str:
        for index in range(tab.list.topLevelItemCount()):
            item = tab.list.topLevelItem(index)
            if item is not None and item.text(2) == KIND_SHOWN[rule]:
                return item.text(1)
        raise AssertionError(rule)

    select("R2")  # a task for the user, not a message
    assert not tab.draft_button.isEnabled()
    select("R1")
    assert tab.draft_button.isEnabled() and tab.draft_button.toolTip()
    tab.draft_button.click()
    composer = shown(window, ComposerDialog)
    assert composer is not None and composer.parent() is card  # usable over the card
    assert composer.composed.followup is not None
    assert composer.composed.followup.id == followup(services, hunt.acme, "R1").id

    composer.sent_button.click()
    assert errors == []
    assert state("R1") == "Done"
    window.undo_stack.undo()
    assert state("R1") == "To do"

    select("R1")
    qtbot.keyClick(tab.list, Qt.Key.Key_Return)  # Enter on a message drafts it too
    assert shown(window, ComposerDialog) is not composer
    card.reject()
    window.undo_stack.redo()  # the card has gone: undo and redo still work
    assert followup(services, hunt.acme, "R1").state is FollowUpState.SENT


def test_the_offer_prompt_drafts_the_note_in_the_composer(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, errors: list[str]
) -> None:
    other = services.applications.add("Initech", "Data Engineer", stage="Interviewing").id
    services.contacts.create(other, name="Lee Park", email="lee@initech.example")
    offer_stage = next(s for s in services.stages.all() if s.kind is StageKind.OFFER)
    prompt = window.offer_prompt(hunt.acme, offer_stage)
    assert isinstance(prompt, OfferPrompt)
    prompt.deadline.set_value(date(2026, 3, 20))
    prompt.ok_button.click()
    assert list(prompt.draft_buttons) == [other]

    prompt.draft_buttons[other].click()
    composer = shown(window, ComposerDialog)
    assert composer is not None and composer.parent() is prompt
    r8 = followup(services, other, "R8")
    assert composer.composed.followup == r8 and composer.composed.kind is FollowUpKind.OFFER_NOTICE
    assert composer.to.text() == "Lee Park <lee@initech.example>"
    assert composer.subject.text() == "An update on my application for Data Engineer"
    body = composer.body.toPlainText()
    assert body.startswith("Hi Lee,") and "my answer is due Friday 20 March" in body
    assert "Initech" in body and "Acme" not in body  # the other employer is not named
    assert body.endswith("Sam Rivera")

    composer.sent_button.click()
    assert errors == []
    assert followup(services, other, "R8").state is FollowUpState.SENT
    [event] = sent_events(services, other)
    assert event.followup_kind is FollowUpKind.OFFER_NOTICE  # type: ignore[attr-defined]
    button = prompt.draft_buttons[other]
    assert not button.isEnabled() and button.text() == "Sent ✓"


def test_open_composer_reports_a_card_that_is_gone(
    window: MainWindow, services: Services, errors: list[str]
) -> None:
    assert opened_composer(window, 999) is None
    assert len(errors) == 1 and "999" in errors[0]


def test_the_accepted_prompt_drafts_a_withdrawal_note(
    qtbot: QtBot, window: MainWindow, services: Services, hunt: Hunt, errors: list[str]
) -> None:
    other = services.applications.add("Initech", "Data Engineer", stage="Interviewing").id
    services.contacts.create(other, name="Lee Park", email="lee@initech.example")
    won = next(s for s in services.stages.all() if s.kind is StageKind.CLOSED_WON)
    services.applications.move([hunt.acme], won.id)
    prompt = window.offer_prompt(hunt.acme, won)
    assert isinstance(prompt, AcceptedPrompt)
    assert other in prompt.draft_buttons
    prompt.draft_buttons[other].click()
    composer = shown(window, ComposerDialog)
    assert composer is not None and composer.parent() is prompt
    assert composer.composed.kind is FollowUpKind.WITHDRAWAL
    assert composer.subject.text() == "Withdrawing my application for Data Engineer"
    body = composer.body.toPlainText()
    assert body.startswith("Hi Lee,") and "accepted another offer" in body
    assert "Acme" not in body
    composer.sent_button.click()
    assert errors == []
    [event] = sent_events(services, other)
    assert event.followup_kind is FollowUpKind.WITHDRAWAL  # type: ignore[attr-defined]
    assert prompt.draft_buttons[other].text() == "Sent ✓"
    assert services.applications.get(other).stage.name == "Interviewing"


@pytest.fixture
def web() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "handle")
    try:
        yield catcher
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_a_draft_opens_in_the_chosen_web_mail(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, web: UrlCatcher, errors: list[str]
) -> None:
    window.qsettings.setValue("mail/program", "gmail")
    composer = draft_from_panel(qtbot, window, hunt.acme)
    composer.body.setPlainText("Hi Dana,\n\nThanks & more")
    composer.open_button.click()
    assert errors == []
    [url] = web.urls
    parts = urlsplit(bytes(url.toEncoded()).decode("ascii"))
    assert parts.netloc == "mail.google.com"
    fields = parse_qs(parts.query)
    assert fields["to"] == ["dana@acme.example"] and fields["body"] == ["Hi Dana,\n\nThanks & more"]
    assert fields["su"] == ["Thank you for the first interview"]
    assert "Opened in the browser" in composer.status.text()


def test_when_nothing_opens_the_draft_it_says_so_and_offers_another_way(
    qtbot: QtBot,
    window: MainWindow,
    hunt: Hunt,
    web: UrlCatcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jobhunt_desktop.ui.dialogs import composer as composer_module

    composer = draft_from_panel(qtbot, window, hunt.acme)
    real_open = QDesktopServices.openUrl
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: url.scheme() != "mailto" and real_open(url)
    )
    offered: list[str] = []

    def another_way(_parent: object, tried: str) -> str:
        offered.append(tried)
        return "outlook"

    monkeypatch.setattr(composer_module, "ask_another_way", another_way)
    assert composer.open_in_mail()
    assert offered == ["system"]  # it said the mail program did not open
    [url] = web.urls
    assert url.host() == "outlook.live.com" and "deeplink/compose" in url.path()
    monkeypatch.setattr(composer_module, "ask_another_way", lambda *_a: "copy")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert not composer.open_in_mail()
    assert "Thank you for the first interview" in QGuiApplication.clipboard().text()


def test_a_body_too_long_for_the_web_mail_link_goes_to_the_clipboard(
    qtbot: QtBot, window: MainWindow, hunt: Hunt, web: UrlCatcher
) -> None:
    from jobhunt_desktop.domain.messages import WEB_LIMIT

    window.qsettings.setValue("mail/program", "outlook")
    composer = draft_from_panel(qtbot, window, hunt.acme)
    body = "All the details. " * (WEB_LIMIT // 10)
    composer.body.setPlainText(body)
    QGuiApplication.clipboard().clear()
    composer.open_button.click()
    [url] = web.urls
    assert "body" not in parse_qs(urlsplit(bytes(url.toEncoded()).decode("ascii")).query)
    assert QGuiApplication.clipboard().text() == composer.body.toPlainText()
    assert "copied to the clipboard" in composer.status.text()

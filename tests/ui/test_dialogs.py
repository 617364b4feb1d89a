"""Quick add, the prompts after a move and the stages dialog, offscreen over a real
SQLite file with only the clock faked. Dialogs are driven through their buttons and
never exec()'d, so no test can hang on a modal loop."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    EventKind,
    FollowUpKind,
    FollowUpState,
)
from jobhunt_desktop.domain.stages import Stage, StageKind, default_closed_reason
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs import forms, stage_widgets
from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog, split_tags
from jobhunt_desktop.ui.dialogs.stage_prompts import (
    AcceptedPrompt,
    ClosingPrompt,
    InterviewPrompt,
    OfferPrompt,
    RejectionPrompt,
    prompt_after_move,
    prompt_for,
)
from jobhunt_desktop.ui.dialogs.stages_dialog import StagesDialog
from tests.ui.operations import operations_for

ZONE = "Europe/Berlin"


def t(text: str) -> datetime:
    return parse_datetime(text, ZONE)


def stage_id(services: Services, name: str) -> int:
    return next(s.id for s in services.stages.all() if s.name == name)


def open_rules(services: Services, app_id: int) -> dict[str, FollowUpState]:
    return {f.rule: f.state for f in services.followups.chain(app_id) if f.state.is_open}


# Quick add ---------------------------------------------------------------------------


def test_quick_add_needs_company_and_role_and_adds_in_the_chosen_stage(
    qtbot: QtBot, services: Services
) -> None:
    stages = services.stages.all()
    dialog = QuickAddDialog(operations_for(services), stages, None)
    qtbot.addWidget(dialog)
    assert dialog.stage.currentData() == stages[0].id
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.company, "Acme")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    dialog.title_edit.setText("Data Analyst")
    assert dialog.ok_button.isEnabled()
    dialog.stage.setCurrentIndex(dialog.stage.findData(stage_id(services, "Screening")))
    dialog.url.setText("jobs.acme.example/42")
    dialog.tags.setText("Remote, python,")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created_id is not None
    app = services.applications.get(dialog.created_id)
    assert (app.company, app.title, app.stage.name) == ("Acme", "Data Analyst", "Screening")
    assert app.tags == ("python", "remote")
    assert app.url == "https://jobs.acme.example/42"


def test_quick_add_starts_in_the_given_stage(qtbot: QtBot, services: Services) -> None:
    applied = stage_id(services, "Applied")
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), applied)
    qtbot.addWidget(dialog)
    assert dialog.stage.currentData() == applied
    assert split_tags(" a, ,b ") == ("a", "b")


def test_quick_add_warns_about_a_recent_rejection_and_still_adds(
    qtbot: QtBot, services: Services
) -> None:
    earlier = services.applications.add("Acme GmbH", "Data Analyst", stage="Screening").id
    services.events.rejection(earlier, feedback="More SQL, please")
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.company, "acme")
    assert dialog.warning_text() == ""  # debounced: nothing asked while typing
    qtbot.waitUntil(lambda: "Data Analyst" in dialog.warning_text(), timeout=3000)
    text = dialog.warning_text()
    assert f"(card #{earlier})" in text
    assert "on 2 Mar 2026" in text
    assert "turned down your application" in text
    dialog.title_edit.setText("BI Developer")
    dialog.ok_button.click()
    assert dialog.created_id is not None
    assert dialog.add_result is not None
    assert [p.application_id for p in dialog.add_result.recent_rejections] == [earlier]
    assert services.applications.get(dialog.created_id).title == "BI Developer"


def test_quick_add_grows_to_show_the_whole_warning(qtbot: QtBot, services: Services) -> None:
    for title in ("Data Analyst", "BI Developer", "Analytics Engineer"):
        earlier = services.applications.add("Acme", title, stage="Screening").id
        services.events.rejection(earlier, feedback="Not this time")
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), None)
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.height()
    dialog.company.setText("Acme")
    qtbot.waitUntil(lambda: dialog.warning_text() != "", timeout=3000)
    qtbot.waitUntil(lambda: dialog.height() > before)
    label = dialog.warning
    assert label.height() >= label.heightForWidth(label.width())  # nothing cut off
    assert "palette(" in label.styleSheet()  # light or dark, its colours are the scheme's


def test_quick_add_warning_goes_away_for_another_company(qtbot: QtBot, services: Services) -> None:
    earlier = services.applications.add("Acme", "Data Analyst", stage="Screening").id
    services.events.rejection(earlier)
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), None)
    qtbot.addWidget(dialog)
    dialog.company.setText("Acme")
    qtbot.waitUntil(lambda: dialog.warning_text() != "", timeout=3000)
    dialog.company.setText("Globex")
    qtbot.waitUntil(lambda: dialog.warning_text() == "", timeout=3000)


def test_quick_add_shows_an_error_and_stays_open(
    qtbot: QtBot, services: Services, errors: list[str]
) -> None:
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), None)
    qtbot.addWidget(dialog)
    dialog.company.setText("Acme")
    dialog.title_edit.setText("Analyst")
    dialog.url.setText("not a link")
    dialog.ok_button.click()
    assert len(errors) == 1 and "web address" in errors[0]
    assert errors[0].endswith(".")
    assert dialog.created_id is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert services.applications.board() == []


# Interview prompt --------------------------------------------------------------------


def test_interview_prompt_defaults_to_tomorrow_morning_and_the_next_round(
    qtbot: QtBot, services: Services
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.interview(app_id, t("2026-02-20T10:00"))
    prompt = InterviewPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    assert forms.to_date(prompt.day.date()) == date(2026, 3, 3)
    assert prompt.starts.time() == QTime(10, 0)
    assert prompt.ends.time() == QTime(11, 0)
    assert prompt.round.value() == 2
    assert prompt.promised_by.value() is None


def test_interview_prompt_logs_round_contact_and_promised_date(
    qtbot: QtBot, services: Services
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    prompt = InterviewPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    assert prompt.round.value() == 1
    prompt.kind.setCurrentText("video")
    prompt.location.setText("https://meet.example/abc")
    prompt.interviewers.setText("Dana Kim, Lee Park")
    prompt.promised_by.set_value(date(2026, 3, 6))
    prompt.how.setCurrentText("By email")
    prompt.next_steps.setPlainText("Send two references.")
    prompt.contact.name.setText("Dana Kim")
    prompt.contact.email.setText("dana@acme.example")
    prompt.contact.role.setCurrentIndex(prompt.contact.role.findData("recruiter"))
    prompt.ok_button.click()

    assert prompt.logged and prompt.result() == QDialog.DialogCode.Accepted
    [event] = services.applications.story(app_id).events
    assert event.kind is EventKind.INTERVIEW
    assert (event.occurred_at, event.ends_at) == (t("2026-03-03T10:00"), t("2026-03-03T11:00"))
    assert event.round == 1 and event.interview_kind == "video"
    assert event.location == "https://meet.example/abc"
    assert event.interviewers == "Dana Kim, Lee Park"
    assert event.promised_by == date(2026, 3, 6)
    assert event.next_steps == "By email. Send two references"
    app = services.applications.get(app_id)
    assert app.stage.name == "Interviewing"
    [contact] = app.contacts
    assert event.contact_id == contact.id
    assert (contact.name, contact.email, contact.role) == (
        "Dana Kim",
        "dana@acme.example",
        ContactRole.RECRUITER,
    )
    rules = open_rules(services, app_id)
    assert "R1" in rules and "R3" in rules and "R4" not in rules
    chain = {f.rule: f for f in services.followups.chain(app_id)}
    assert chain["R1"].due_at == t("2026-03-03T13:00")
    assert chain["R3"].due_at == t("2026-03-10T09:00")


def test_interview_prompt_second_round_without_a_date_plans_r4(
    qtbot: QtBot, services: Services
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.interview(app_id, t("2026-02-20T10:00"))
    prompt = InterviewPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    prompt.ok_button.click()
    assert prompt.logged
    second = services.applications.story(app_id).events[-1]
    assert second.round == 2 and second.promised_by is None and second.contact_id is None
    rules = open_rules(services, app_id)
    assert "R4" in rules and "R3" not in rules
    r4 = next(f for f in services.followups.chain(app_id) if f.rule == "R4")
    assert r4.kind is FollowUpKind.ROUND_FOLLOW_UP
    assert r4.due_at > t("2026-03-16T00:00")


def test_interview_prompt_skip_logs_nothing(qtbot: QtBot, services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Interviewing").id
    prompt = InterviewPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    prompt.skip_button.click()
    assert not prompt.logged
    assert prompt.result() == QDialog.DialogCode.Rejected
    assert services.applications.story(app_id).events == ()


def test_interview_prompt_refuses_an_end_before_the_start(
    qtbot: QtBot, services: Services, errors: list[str]
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Interviewing").id
    prompt = InterviewPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    prompt.ends.setTime(QTime(9, 30))
    prompt.ok_button.click()
    assert len(errors) == 1 and "end after it starts" in errors[0]
    assert not prompt.logged
    assert prompt.result() != QDialog.DialogCode.Accepted
    assert services.applications.story(app_id).events == ()


# Offer prompt ------------------------------------------------------------------------


def test_offer_prompt_logs_the_deadline_and_offers_notes_to_the_others(
    qtbot: QtBot, services: Services
) -> None:
    services.settings.set("your_name", "Sam Rivera")
    offer_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    other = services.applications.add("Globex", "Data Engineer", stage="Interviewing").id
    quiet = services.applications.add("Initech", "Analyst", stage="Applied").id
    services.contacts.create(other, name="Lee Park")
    prompt = OfferPrompt(operations_for(services), offer_id)
    qtbot.addWidget(prompt)
    prompt.deadline.set_value(date(2026, 3, 20))
    prompt.notes.setPlainText("65k, start in May")
    prompt.ok_button.click()

    assert prompt.logged
    assert prompt.result() != QDialog.DialogCode.Accepted  # stays open for R8's list
    [event] = services.applications.story(offer_id).events
    assert event.kind is EventKind.OFFER and event.notes == "65k, start in May"
    assert event.deadline_at == t("2026-03-20T23:59")
    assert services.applications.get(offer_id).stage.name == "Offer"
    r9 = next(f for f in services.followups.chain(offer_id) if f.rule == "R9")
    assert r9.due_at == t("2026-03-18T09:00")
    assert list(prompt.draft_buttons) == [other]
    assert quiet not in prompt.draft_buttons
    assert prompt.pages.currentWidget() is prompt.others_page

    r8 = next(f for f in services.followups.chain(other) if f.rule == "R8")
    assert r8.kind is FollowUpKind.OFFER_NOTICE and r8.state is FollowUpState.PENDING

    # The note itself is the window's composer (see test_composer); the prompt asks.
    button = prompt.draft_buttons[other]
    assert button.toolTip() and "&" in button.text()
    with qtbot.waitSignal(prompt.draftRequested, timeout=1000) as asked:
        button.click()
    assert asked.args == [other]
    prompt.note_sent(other)
    assert not button.isEnabled() and button.text() == "Sent ✓"
    prompt.ok_button.click()
    assert prompt.result() == QDialog.DialogCode.Accepted


def test_offer_prompt_closes_at_once_when_nobody_else_is_interviewing(
    qtbot: QtBot, services: Services
) -> None:
    offer_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    prompt = OfferPrompt(operations_for(services), offer_id)
    qtbot.addWidget(prompt)
    prompt.ok_button.click()
    assert prompt.logged and prompt.result() == QDialog.DialogCode.Accepted
    assert prompt.draft_buttons == {}
    [event] = services.applications.story(offer_id).events
    assert event.deadline_at is None and event.occurred_at == t("2026-03-02T09:00")


# Rejection prompt --------------------------------------------------------------------


def test_rejection_prompt_logs_the_feedback(qtbot: QtBot, services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Interviewing").id
    prompt = RejectionPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    prompt.day.setDate(forms.to_qdate(date(2026, 2, 27)))
    prompt.feedback.setPlainText("They chose someone with more SQL.")
    prompt.ok_button.click()
    assert prompt.logged and prompt.result() == QDialog.DialogCode.Accepted
    [event] = services.applications.story(app_id).events
    assert event.kind is EventKind.REJECTION
    assert event.feedback == "They chose someone with more SQL."
    assert event.occurred_at == t("2026-02-27T12:00")
    assert services.applications.get(app_id).stage.name == "Rejected"
    assert "R7" in open_rules(services, app_id)


def test_closing_prompt_says_why_it_ended_and_plans_nothing(
    qtbot: QtBot, services: Services
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.applications.move([app_id], "Ghosted/Withdrawn")
    prompt = ClosingPrompt(operations_for(services), app_id)
    qtbot.addWidget(prompt)
    assert prompt.chosen() is ClosedReason.GHOSTED
    prompt.buttons_by_reason[ClosedReason.WITHDREW].setChecked(True)
    prompt.ok_button.click()
    assert prompt.logged
    assert services.applications.get(app_id).closed_reason is ClosedReason.WITHDREW
    assert open_rules(services, app_id) == {}
    again = ClosingPrompt(operations_for(services), app_id)
    qtbot.addWidget(again)
    assert again.chosen() is ClosedReason.WITHDREW
    again.skip_button.click()
    assert not again.logged


def test_accepted_prompt_offers_withdrawal_notes_and_closes_only_on_request(
    qtbot: QtBot, services: Services
) -> None:
    won = services.applications.add("Acme", "Analyst", stage="Offer").id
    interviewing = services.applications.add("Beta", "Analyst", stage="Interviewing").id
    applied = services.applications.add("Gamma", "Analyst", stage="Applied").id
    services.applications.add("Delta", "Analyst", stage="Wishlist")  # never sent: not listed
    services.applications.move([won], "Accepted")
    prompt = AcceptedPrompt(operations_for(services), won)
    qtbot.addWidget(prompt)
    assert [o.application_id for o in prompt.others] == [interviewing, applied]
    with qtbot.waitSignal(prompt.draftRequested, timeout=1000) as asked:
        prompt.draft_buttons[applied].click()
    assert asked.args == [applied]
    assert services.applications.get(applied).stage.name == "Applied"  # nothing closed
    prompt.close_buttons[interviewing].click()
    closed = services.applications.get(interviewing)
    assert (closed.stage.name, closed.closed_reason) == ("Ghosted/Withdrawn", ClosedReason.WITHDREW)
    assert not prompt.close_buttons[interviewing].isEnabled()
    prompt.note_sent(applied)
    assert prompt.draft_buttons[applied].text() == "Sent ✓"


# Which prompt after a move -----------------------------------------------------------


def test_prompt_for_matches_stage_kind_and_name(services: Services) -> None:
    def stage(name: str, kind: StageKind) -> Stage:
        return Stage(1, name, 0, "#000000", kind, closed_reason=default_closed_reason(name, kind))

    assert prompt_for(stage("Interviewing", StageKind.ACTIVE)) is InterviewPrompt
    assert prompt_for(stage("Second INTERVIEW", StageKind.ACTIVE)) is InterviewPrompt
    assert prompt_for(stage("Screening", StageKind.ACTIVE)) is None
    assert prompt_for(stage("Interview wishlist", StageKind.OPEN)) is None
    assert prompt_for(stage("Offer", StageKind.OFFER)) is OfferPrompt
    assert prompt_for(stage("Rejected", StageKind.CLOSED_LOST)) is RejectionPrompt
    assert prompt_for(stage("Ghosted/Withdrawn", StageKind.CLOSED_LOST)) is ClosingPrompt
    assert prompt_for(stage("Accepted", StageKind.CLOSED_WON)) is AcceptedPrompt
    app_id = services.applications.add("Acme", "Analyst").id
    assert (
        prompt_after_move(operations_for(services), stage("Applied", StageKind.OPEN), app_id)
        is False
    )


# Stages dialog -----------------------------------------------------------------------


def names(services: Services) -> list[str]:
    return [s.name for s in services.stages.all()]


def test_stages_dialog_lists_the_stages_in_order(qtbot: QtBot, services: Services) -> None:
    dialog = StagesDialog(operations_for(services))
    qtbot.addWidget(dialog)
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert rows == names(services)
    assert dialog.selected_id() == services.stages.all()[0].id
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()


def test_stages_dialog_adds_renames_recolours_reorders_hides_and_removes(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    colours = iter(["#123456", "#abcdef"])

    def get_colour(*args: object) -> QColor:
        return QColor(next(colours))

    monkeypatch.setattr(stage_widgets.QColorDialog, "getColor", get_colour)
    dialog = StagesDialog(operations_for(services))
    qtbot.addWidget(dialog)
    before = names(services)

    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.new_name, "Take-home")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(StageKind.OPEN.value))
    dialog.new_colour.click()
    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.add_button.click()
    added = services.stages.all()[-1]
    assert names(services) == [*before, "Take-home"]
    assert (added.kind, added.colour) == (StageKind.OPEN, "#123456")
    assert dialog.selected_id() == added.id
    assert dialog.new_name.text() == ""

    dialog.name.setText("Take-home task")
    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.rename_button.click()
    assert names(services)[-1] == "Take-home task"

    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.colour_button.click()
    assert services.stages.all()[-1].colour == "#abcdef"

    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.kind.setCurrentIndex(dialog.kind.findData(StageKind.ACTIVE.value))
    assert services.stages.all()[-1].kind is StageKind.ACTIVE

    dialog.up_button.click()
    dialog.up_button.click()
    assert names(services)[-3] == "Take-home task"
    assert dialog.selected_id() == added.id
    dialog.down_button.click()
    assert names(services)[-2] == "Take-home task"

    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.hidden.click()
    assert next(s for s in services.stages.all() if s.id == added.id).hidden
    row = [s.id for s in services.stages.all()].index(added.id)
    assert dialog.table.item(row, 3).text() == "Hidden"
    dialog.hidden.click()
    assert not next(s for s in services.stages.all() if s.id == added.id).hidden

    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.remove_button.click()
    assert names(services) == before
    assert dialog.selected_id() is not None


def test_stages_dialog_sets_why_a_closed_stage_closes_its_cards(
    qtbot: QtBot, services: Services
) -> None:
    dialog = StagesDialog(operations_for(services))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(stage_id(services, "Applied"))
    assert not dialog.reason.isVisible()
    dialog.select(stage_id(services, "Ghosted/Withdrawn"))
    assert dialog.reason.isVisible()
    assert dialog.reason.currentData() == ClosedReason.GHOSTED.value
    with qtbot.waitSignal(dialog.stagesChanged, timeout=1000):
        dialog.reason.setCurrentIndex(dialog.reason.findData(ClosedReason.WITHDREW.value))
    ghosted = next(s for s in services.stages.all() if s.name == "Ghosted/Withdrawn")
    assert ghosted.closed_reason is ClosedReason.WITHDREW
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.applications.move([app_id], ghosted.id)
    assert services.applications.get(app_id).closed_reason is ClosedReason.WITHDREW


def test_stages_dialog_explains_why_a_stage_with_cards_stays(
    qtbot: QtBot, services: Services, errors: list[str]
) -> None:
    services.applications.add("Acme", "Analyst", stage="Applied")
    dialog = StagesDialog(operations_for(services))
    qtbot.addWidget(dialog)
    dialog.select(stage_id(services, "Applied"))
    with qtbot.assertNotEmitted(dialog.stagesChanged):
        dialog.remove_button.click()
    assert len(errors) == 1 and "still holds 1 application" in errors[0]
    assert "Applied" in names(services)


def test_stages_dialog_refuses_a_duplicate_name_and_restores_the_field(
    qtbot: QtBot, services: Services, errors: list[str]
) -> None:
    dialog = StagesDialog(operations_for(services))
    qtbot.addWidget(dialog)
    dialog.select(stage_id(services, "Screening"))
    dialog.name.setText("applied")
    dialog.rename_button.click()
    assert len(errors) == 1 and "already exists" in errors[0]
    assert dialog.name.text() == "applied"  # kept, to correct
    assert names(services).count("Screening") == 1
    dialog.kind.setCurrentIndex(dialog.kind.findData(StageKind.OFFER.value))
    assert dialog.selected() is not None and dialog.selected().kind is StageKind.OFFER


def test_date_fields_offer_only_the_apps_calendar(qtbot: QtBot) -> None:
    """A slip to the year 9999 in a date picker cannot reach the rules' arithmetic."""
    from PySide6.QtCore import QDate

    from jobhunt_desktop.domain.timeutil import EARLIEST_DAY, LATEST_DAY
    from jobhunt_desktop.ui.dialogs.card_common import datetime_edit
    from jobhunt_desktop.ui.dialogs.forms import date_edit, to_date

    day = date_edit(date(2026, 3, 2))
    qtbot.addWidget(day)
    day.setDate(QDate(9999, 12, 31))
    assert to_date(day.date()) == LATEST_DAY
    day.setDate(QDate(1752, 9, 14))
    assert to_date(day.date()) == EARLIEST_DAY
    moment = datetime_edit(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "Asia/Tokyo")
    qtbot.addWidget(moment)
    moment.setDate(QDate(9999, 12, 31))
    assert to_date(moment.date()) == LATEST_DAY


def test_the_start_warning_leaves_the_board_usable(qtbot: QtBot) -> None:
    from jobhunt_desktop.ui.application import show_start_warning

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    box = show_start_warning(window, "The database /x/Dropbox/j.sqlite3 is in a Dropbox folder.")
    assert box.isVisible() and "Dropbox folder" in box.text()
    assert not box.isModal() and QApplication.activeModalWidget() is None
    box.close()

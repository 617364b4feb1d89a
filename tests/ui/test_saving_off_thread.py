"""A move saved off the window's thread, as on a database server: the card shows where
it was put, marked as saving, until the commit; a failure puts it back and says why.

On the server the window saves this way by itself; on a file the tests give it the
same thread. Another writer holding the writers' lock (a real transaction on a second
connection) keeps the commit waiting, or makes it fail."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind, FollowUpState
from jobhunt_desktop.domain.errors import StorageUnreachableError
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.background import Background
from jobhunt_desktop.ui.board.column_model import ColumnModel, encode_ids
from jobhunt_desktop.ui.data_actions import EXPORT_FILTERS
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.dialogs.composer import ComposerDialog
from jobhunt_desktop.ui.dialogs.settings_dialog import SettingsDialog
from jobhunt_desktop.ui.dialogs.stage_prompts import RejectionPrompt
from jobhunt_desktop.ui.dialogs.stages_dialog import StagesDialog
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.exports import export_with
from tests.ui.finding import Boxes, opened_card, opened_composer, rows, select_row, shown

ZONE = "Europe/Berlin"
WAIT_MS = 400  # how long the window's database waits for another writer here


@pytest.fixture
def quick(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, busy_timeout_ms=WAIT_MS)
    yield database
    database.close()


@pytest.fixture
def services(quick: Database, clock: FixedClock) -> Services:
    return Services.create(quick, clock, ZONE)


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The window (tests/ui/conftest.py), saving off its thread even on a file."""
    if window.operations.background is None:
        window.operations.background = Background(window, "saving")
    return window


@pytest.fixture
def card(window: MainWindow, services: Services) -> int:
    """A card in Applied, on the board."""
    added = add(services, "Acme")
    window.refresh()
    return added


@contextmanager
def another_writer(db_url: str) -> Iterator[threading.Event]:
    """A second program in a write transaction until the event is set."""
    other = open_database(db_url)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with other.write() as session:
            session.connection()  # its BEGIN takes the writers' lock
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert holding.wait(10)
    try:
        yield release
    finally:
        release.set()
        thread.join(10)
        other.close()


def column(window: MainWindow, name: str) -> ColumnModel:
    return next(c.model for c in window.board.columns if c.model.stage.name == name)


def ids_in(window: MainWindow, name: str) -> list[int]:
    model = column(window, name)
    return [model.card(r).id for r in range(model.rowCount())]


def drop(window: MainWindow, ids: list[int], stage: str, row: int = -1) -> None:
    column(window, stage).dropMimeData(
        encode_ids(ids), Qt.DropAction.MoveAction, row, 0, QModelIndex()
    )


def add(services: Services, company: str, stage: str = "Applied") -> int:
    return services.applications.add(company, "Analyst", stage=stage).id


def test_a_dropped_card_shows_as_saving_where_it_was_put_until_the_commit(
    window: MainWindow, services: Services, db_url: str, qtbot: QtBot
) -> None:
    card, other = add(services, "Acme"), add(services, "Globex")
    early, late = add(services, "Initech", "Screening"), add(services, "Umbrella", "Screening")
    window.refresh()
    with another_writer(db_url) as release:
        drop(window, [card], "Screening", row=1)  # between the two
        assert ids_in(window, "Screening") == [early, card, late]  # at once, in its place
        assert ids_in(window, "Applied") == [other]
        screening = column(window, "Screening")
        assert screening.is_saving(card) and window.operations.saving
        accessible = screening.data(screening.index(1), Qt.ItemDataRole.AccessibleTextRole)
        assert accessible.endswith(", saving")
        qtbot.wait(100)  # the window answers meanwhile: nothing is saved yet
        assert services.applications.get(card).stage.name == "Applied"
        assert window.undo_stack.count() == 0
        release.set()
        assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Screening"
    assert not column(window, "Screening").is_saving(card)
    assert ids_in(window, "Screening") == [early, card, late]
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()  # saved the same way
    assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Applied"
    qtbot.waitUntil(lambda: ids_in(window, "Applied") == [card, other])


def test_a_move_that_cannot_be_saved_goes_back_and_says_why(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    before = column(window, "Applied").board_row(card)
    with another_writer(db_url):  # longer than the window waits
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        drop(window, [card], "Screening")
        assert ids_in(window, "Screening") == [card]
        assert window.operations.finish_saving()
    assert ids_in(window, "Applied") == [card] and ids_in(window, "Screening") == []
    assert column(window, "Applied").board_row(card) == before  # as it was, not re-read
    assert not column(window, "Applied").is_saving(card)
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert "Nothing was changed" in boxes.seen[0][1]
    assert services.applications.get(card).stage.name == "Applied"
    assert window.undo_stack.count() == 0


def test_two_moves_in_a_row_are_saved_in_the_order_they_were_made(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    with another_writer(db_url) as release:
        drop(window, [card], "Screening")
        drop(window, [card], "Interviewing")
        assert ids_in(window, "Interviewing") == [card]
        release.set()
        assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Interviewing"
    assert window.undo_stack.count() == 2


def test_closing_the_window_waits_for_a_move_on_its_way(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    with another_writer(db_url) as release:
        drop(window, [card], "Screening")
        threading.Timer(0.1, release.set).start()
        window.close()
    assert services.applications.get(card).stage.name == "Screening"


def test_archived_cards_leave_the_board_at_once_and_come_back_if_it_fails(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    other = add(services, "Globex")
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, [card])
    with another_writer(db_url):  # longer than the window waits: it fails
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        window.board_actions.archive_selected()
        assert ids_in(window, "Applied") == [other]  # gone at once
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert ids_in(window, "Applied") == [card, other]  # back, as it was
    assert window.board.selected_ids() == [card]  # and still the one chosen
    assert not services.applications.get(card).archived
    with another_writer(db_url) as release:  # this time it waits, then saves
        window.board_actions.archive_selected()
        assert ids_in(window, "Applied") == [other]
        release.set()
        assert window.operations.finish_saving()
    assert services.applications.get(card).archived
    assert ids_in(window, "Applied") == [other]
    assert "Archived 1 card." in window.statusBar().currentMessage()


def test_a_card_edit_says_saving_until_the_commit_and_keeps_the_typing_if_it_fails(
    window: MainWindow, services: Services, db_url: str, card: int, qtbot: QtBot
) -> None:
    dialog = opened_card(window, card)
    details = dialog.details
    details.lines["title"].setText("Senior Analyst")
    with another_writer(db_url) as release:
        details.save()
        assert dialog.status.text() == "Saving…"
        assert not details.save_button.isEnabled()  # no second save of the same typing
        qtbot.wait(100)  # the window answers meanwhile
        assert services.applications.get(card).title == "Analyst"
        release.set()
        assert window.operations.finish_saving()
    assert services.applications.get(card).title == "Senior Analyst"
    assert dialog.status.text() == "Saved. Ctrl+Z undoes it."
    assert window.undo_stack.count() == 1
    details.lines["title"].setText("Lead Analyst")
    with another_writer(db_url):  # longer than the window waits
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        details.save()
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert details.lines["title"].text() == "Lead Analyst"  # what was typed is kept
    assert details.save_button.isEnabled() and "Saved" not in dialog.status.text()
    assert services.applications.get(card).title == "Senior Analyst"
    assert window.undo_stack.count() == 1


def test_an_action_in_the_card_says_saving_until_the_commit(
    window: MainWindow, services: Services, db_url: str, card: int, clock: FixedClock
) -> None:
    services.events.interview(card, clock.now() - timedelta(hours=1))
    dialog = opened_card(window, card)
    tab = dialog.followups
    select_row(tab.list, lambda r: r[2] == "Thank-you note")
    with another_writer(db_url) as release:
        tab.dismiss_button.click()
        assert dialog.status.text() == "Saving…"
        release.set()
        assert window.operations.finish_saving()
    thanks = next(f for f in services.followups.chain(card) if f.rule == "R1")
    assert thanks.state is FollowUpState.DISMISSED
    assert dialog.status.text() not in ("", "Saving…")  # what was done, in its words
    assert next(r for r in rows(tab.list) if r[2] == "Thank-you note")[1] == "Dismissed"


def test_a_follow_up_dismissed_in_the_panel_goes_once_the_server_has_it(
    window: MainWindow, services: Services, db_url: str, card: int, clock: FixedClock
) -> None:
    services.events.interview(card, clock.now() - timedelta(hours=1))
    panel = window.due_panel
    panel.refresh()
    thanks = next(f for f in services.followups.chain(card) if f.rule == "R2")  # due now
    number = next(n for n, r in enumerate(panel.rows()) if r.followup.id == thanks.id)
    panel.view.selectRow(number)
    with another_writer(db_url) as release:
        panel.dismiss_selected()
        assert thanks.id in [r.followup.id for r in panel.rows()]  # not yet
        release.set()
        assert window.operations.finish_saving()
    assert thanks.id not in [r.followup.id for r in panel.rows()]
    after = next(f for f in services.followups.chain(card) if f.id == thanks.id)
    assert after.state is FollowUpState.DISMISSED
    assert window.undo_stack.count() == 1


def test_mark_as_sent_closes_the_composer_once_the_server_has_it(
    window: MainWindow, services: Services, db_url: str, card: int, clock: FixedClock
) -> None:
    services.events.interview(card, clock.now() - timedelta(hours=1))
    due = next(f for f in services.followups.chain(card) if f.rule == "R1")  # a thank-you
    composer = opened_composer(window, card, due.id)
    assert composer is not None and composer.isVisible()
    with another_writer(db_url) as release:
        composer.sent_button.click()
        assert composer.isVisible() and not composer.sent_button.isEnabled()
        assert composer.status.text() == "Saving…"
        release.set()
        assert window.operations.finish_saving()
    assert not shiboken6.isValid(composer) or not composer.isVisible()  # closed
    after = next(f for f in services.followups.chain(card) if f.id == due.id)
    assert after.state is FollowUpState.SENT
    assert window.undo_stack.count() == 1


def test_undo_pressed_while_a_move_is_saving_undoes_that_move(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    drop(window, [card], "Screening")
    assert window.operations.finish_saving()  # an earlier step, saved
    with another_writer(db_url) as release:
        drop(window, [card], "Interviewing")  # on its way
        window.undo_action.trigger()  # means this move, not the one before
        threading.Timer(0.1, release.set).start()
        assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Screening"
    assert ids_in(window, "Screening") == [card]
    assert (window.undo_stack.index(), window.undo_stack.count()) == (1, 2)
    assert window.redo_action.isEnabled()


def test_two_undos_in_a_row_take_back_both_steps_in_order(
    window: MainWindow, services: Services, card: int
) -> None:
    drop(window, [card], "Screening")
    drop(window, [card], "Interviewing")
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Applied"
    assert (window.undo_stack.index(), window.undo_stack.count()) == (0, 2)
    window.redo_action.trigger()
    assert window.operations.finish_saving()
    assert services.applications.get(card).stage.name == "Screening"


def test_an_undo_that_cannot_be_saved_says_why_and_leaves_the_stack(
    window: MainWindow, services: Services, db_url: str, card: int, qtbot: QtBot
) -> None:
    drop(window, [card], "Screening")
    assert window.operations.finish_saving()
    with another_writer(db_url):  # longer than the window waits: it fails
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        window.undo_action.trigger()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undoing"))
        assert window.statusBar().currentMessage() == "Undoing “Move to Screening”…"
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert services.applications.get(card).stage.name == "Screening"
    assert ids_in(window, "Screening") == [card]
    assert (window.undo_stack.index(), window.undo_stack.count()) == (0, 0)  # as on a file
    assert window.statusBar().currentMessage() == ""


def test_quick_add_says_adding_until_the_commit_and_keeps_the_typing_if_it_fails(
    window: MainWindow, services: Services, db_url: str, qtbot: QtBot
) -> None:
    dialog = window.quick_add()
    dialog.company.setText("Acme")
    dialog.title_edit.setText("Analyst")
    with another_writer(db_url):  # longer than the window waits: it fails
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        dialog.accept()
        assert dialog.adding_label.isVisible() and not dialog.buttons.isEnabled()
        dialog.reject()  # Esc while it is on its way: the card comes, the dialog waits
        assert dialog.isVisible()
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert dialog.isVisible() and dialog.company.text() == "Acme"
    assert not dialog.adding_label.isVisible() and dialog.ok_button.isEnabled()
    assert ids_in(window, "Wishlist") == []
    with another_writer(db_url) as release:
        dialog.accept()
        qtbot.wait(100)  # the window answers meanwhile
        assert dialog.isVisible() and ids_in(window, "Wishlist") == []
        release.set()
        assert window.operations.finish_saving()
    assert not shiboken6.isValid(dialog)  # closed once the card was there
    (added,) = ids_in(window, "Wishlist")
    assert services.applications.get(added).company == "Acme"
    assert window.board.selected_ids() == [added]


def test_quick_add_asks_about_past_rejections_off_the_window_thread(
    window: MainWindow, services: Services, card: int
) -> None:
    """The check for an earlier rejection at the company typed runs once the typing
    pauses; on a server off the window's thread, and an answer for a name typed on
    since is not shown."""
    services.events.rejection(card, feedback="More SQL, please")
    with statements_on_window(window) as on_window:
        dialog = window.quick_add()
        dialog.company.setText("Acme")
        dialog.check_company()
        dialog.company.setText("Acme Labs")  # typed on before the answer came
        assert window.operations.finish_saving()
        assert dialog.warning_text() == ""
        dialog.company.setText("Acme")
        dialog.check_company()
        assert window.operations.finish_saving()
    assert on_window == []
    assert f"(card #{card})" in dialog.warning_text()
    dialog.reject()


def test_a_stage_prompt_says_saving_until_the_commit_and_keeps_the_form_if_it_fails(
    window: MainWindow, services: Services, db_url: str, card: int
) -> None:
    rejected = next(s for s in window.stages if s.name == "Rejected")
    services.applications.move([card], rejected.id)
    with statements_on_window(window) as on_window:  # what it shows is read first
        assert window.offer_prompt(card, rejected) is None
        assert window.operations.finish_saving()
    assert on_window == []
    prompt = shown(window, RejectionPrompt)
    assert prompt is not None and prompt.application.company == "Acme"
    prompt.feedback.setPlainText("They chose someone with more SQL.")
    with another_writer(db_url):  # longer than the window waits: it fails
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        prompt.ok_button.click()
        assert prompt.ok_button.text() == "Saving…" and not prompt.buttons.isEnabled()
        prompt.reject()  # Esc meanwhile: what is on its way is saved, the prompt waits
        assert prompt.isVisible()
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert prompt.isVisible() and prompt.ok_button.text() == "&Log rejection"
    assert prompt.buttons.isEnabled() and not prompt.logged
    assert prompt.feedback.toPlainText() == "They chose someone with more SQL."
    with another_writer(db_url) as release:
        prompt.ok_button.click()
        assert prompt.ok_button.text() == "Saving…"
        release.set()
        assert window.operations.finish_saving()
    [event] = services.applications.story(card).events
    assert event.kind is EventKind.REJECTION
    assert event.feedback == "They chose someone with more SQL."
    assert window.undo_stack.count() == 1


def test_restoring_from_the_archive_waits_for_the_commit_then_says_so(
    window: MainWindow, services: Services, db_url: str, card: int, qtbot: QtBot
) -> None:
    services.applications.set_archived(card)
    window.refresh()
    with statements_on_window(window) as on_window:  # the list, read off the thread
        dialog = window.dialogs.archived()
        assert dialog.list.topLevelItemCount() == 0 and "Reading" in dialog.empty.text()
        assert window.operations.finish_saving()
    assert on_window == []
    dialog.list.topLevelItem(0).setSelected(True)
    with another_writer(db_url) as release:
        dialog.restore_selected()
        assert not dialog.restore_button.isEnabled()  # no second restore meanwhile
        assert ids_in(window, "Applied") == []
        release.set()
        assert window.operations.finish_saving()
    qtbot.waitUntil(lambda: ids_in(window, "Applied") == [card])
    assert window.statusBar().currentMessage() == "Back on the board: 1 card."
    assert window.undo_stack.count() == 1


def test_pausing_reminders_is_saved_off_the_thread_then_says_until_when(
    window: MainWindow, services: Services, db_url: str, clock: FixedClock
) -> None:
    with another_writer(db_url) as release:
        window.pause_reminders(timedelta(hours=1))
        assert services.settings.get().reminders_paused_until == ""  # on its way
        with statements_on_window(window) as on_window:
            release.set()
            assert window.operations.finish_saving()
    assert on_window == []  # told in the zone the window knows, nothing read for it
    assert services.settings.get().reminders_paused_until != ""
    until = (clock.now() + timedelta(hours=1)).astimezone(ZoneInfo(ZONE))
    shown_until = until.strftime("%a %d %b, %H:%M")
    assert window.statusBar().currentMessage() == f"Reminders paused until {shown_until}."


def test_settings_are_saved_off_the_thread_and_the_dialog_waits_for_them(
    window: MainWindow, services: Services, db_url: str
) -> None:
    with statements_on_window(window) as on_window:  # read first, then opened
        window.settings_action.trigger()
        assert shown(window, SettingsDialog) is None
        assert window.operations.finish_saving()
    assert on_window == []
    dialog = shown(window, SettingsDialog)
    assert dialog is not None
    dialog.weekly_goal.setValue(9)  # no follow-up moves: nothing to confirm
    with another_writer(db_url) as release:
        dialog.ok_button.click()
        assert dialog.ok_button.text() == "Saving…" and not dialog.buttons.isEnabled()
        dialog.reject()  # Esc meanwhile: the dialog waits for what is on its way
        assert dialog.isVisible() and services.settings.get().weekly_goal == 5
        release.set()
        assert window.operations.finish_saving()
    assert services.settings.get().weekly_goal == 9
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert window.undo_stack.count() == 1


def test_a_column_renamed_on_a_server_waits_for_the_commit_and_keeps_the_name_if_it_fails(
    window: MainWindow, services: Services, db_url: str
) -> None:
    dialog = StagesDialog(window.operations, window)
    applied = next(s for s in window.stages if s.name == "Applied")
    dialog.select(applied.id)
    dialog.name.setText("Sent")
    with another_writer(db_url):  # longer than the window waits: it fails
        boxes = Boxes(QMessageBox.StandardButton.Ok)
        dialog.rename_selected()
        assert not dialog.isEnabled()  # one change at a time
        assert window.operations.finish_saving()
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert dialog.isEnabled() and dialog.name.text() == "Sent"  # kept, to try again
    with another_writer(db_url) as release:
        dialog.rename_selected()
        release.set()
        assert window.operations.finish_saving()
    assert [s.name for s in services.stages.all()][1] == "Sent"
    assert "Sent" in [c.model.stage.name for c in window.board.columns]
    dialog.close()


@contextmanager
def statements_on_window(window: MainWindow) -> Iterator[list[str]]:
    """The statements sent from the window's thread meanwhile."""
    from sqlalchemy import event

    on_window: list[str] = []

    def seen(*args: object) -> None:
        if threading.current_thread() is threading.main_thread():
            on_window.append(str(args[2]))

    engine = window.services.applications.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield on_window
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_after_a_card_edit_the_card_is_read_again_off_the_window_thread(
    window: MainWindow, services: Services, card: int
) -> None:
    """The card dialog draws a saved change from the store again, as the store holds
    it: on a server that read runs after the save, off the window's thread."""
    dialog = opened_card(window, card)
    dialog.details.lines["title"].setText("Senior Analyst")
    with statements_on_window(window) as on_window:
        dialog.details.save()
        assert window.operations.finish_saving()
    assert on_window == []
    assert dialog.windowTitle() == "Acme — Senior Analyst"
    assert dialog.current().story.application.title == "Senior Analyst"
    assert dialog.details.lines["title"].text() == "Senior Analyst"
    dialog.close()


def test_a_card_and_its_draft_open_from_reads_off_the_window_thread(
    window: MainWindow, services: Services, card: int, clock: FixedClock
) -> None:
    """Opening a card, or the draft a follow-up asks for, reads it first: on a server
    off the window's thread, the status bar saying what is coming; asking twice
    meanwhile (a double press of Enter) opens it once."""
    services.events.interview(card, clock.now() - timedelta(hours=1))
    with statements_on_window(window) as on_window:
        assert window.open_card(card) is None
        assert window.statusBar().currentMessage() == "Opening the card…"
        window.open_card(card)
        assert window.operations.finish_saving()
        [dialog] = [d for d in window.findChildren(CardDialog) if d.isVisible()]
        assert dialog.windowTitle() == "Acme — Analyst"
        assert window.statusBar().currentMessage() == ""
        tab = dialog.followups
        select_row(tab.list, lambda r: r[2] == "Thank-you note")
        tab.draft_button.click()
        assert window.statusBar().currentMessage() == "Writing the draft…"
        assert window.operations.finish_saving()
    assert on_window == []
    composer = shown(window, ComposerDialog)
    assert composer is not None and composer.parent() is dialog
    assert composer.composed.followup is not None and composer.composed.followup.rule == "R1"


def test_an_export_and_an_import_run_off_the_window_thread(
    window: MainWindow,
    services: Services,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A whole export or import may be large: on a server it is read or written off
    the window's thread, the status bar saying so meanwhile."""
    export = export_with(tmp_path, clock, "Globex")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(export), ""))
    json_kind = next(f for f, k in EXPORT_FILTERS.items() if k == "json")
    target = tmp_path / "again.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), json_kind))
    with statements_on_window(window) as on_window:
        window.import_action.trigger()
        assert window.statusBar().currentMessage() == "Importing all.json…"
        assert window.operations.finish_saving()
        assert window.statusBar().currentMessage() == "Imported 1 card from all.json"
        window.export_action.trigger()
        assert window.statusBar().currentMessage() == "Exporting…" and not target.exists()
        assert window.operations.finish_saving()
    assert on_window == []
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    assert b'"Globex"' in target.read_bytes()
    board = window.board.columns
    on_board = [c.model.card(r).company for c in board for r in range(c.model.rowCount())]
    assert on_board == ["Globex"]  # the imported card, drawn from a read off the thread


def test_the_templates_editor_reads_and_saves_off_the_window_thread(
    window: MainWindow, services: Services, db_url: str
) -> None:
    """On a server the editor waits for its reads and saves, disabled, while the
    window goes on answering."""
    answered: list[bool] = []
    ticks = QTimer()
    ticks.timeout.connect(lambda: answered.append(editor.isEnabled()))
    with statements_on_window(window) as on_window:
        editor = window.dialogs.templates()
        assert editor.list.count() > 0 and editor.current_item() is not None
        editor.subject.setText("Many thanks for ${interview_round}, ${contact_first_name}")
        ticks.start(5)
        with another_writer(db_url) as release:
            threading.Timer(0.15, release.set).start()  # the save waits for the writer
            assert editor.save()
        ticks.stop()
    assert on_window == []
    assert False in answered  # the window answered while the editor waited
    assert editor.isEnabled() and "Saved" in editor.status.text()
    item = editor.current_item()
    assert item is not None and services.drafting.template(item.template.key).modified
    editor.close()


def test_f5_reads_the_whole_board_off_the_window_thread(
    window: MainWindow, services: Services, card: int
) -> None:
    other = add(services, "Globex")  # by another program
    with statements_on_window(window) as on_window:
        window.refresh_action.trigger()
        assert window.operations.finish_saving()
    assert on_window == []
    assert sorted(ids_in(window, "Applied")) == sorted([card, other])
    assert window.status.text() != ""


@pytest.mark.parametrize("columns", ["one", "all"])
def test_a_scheduled_refresh_reads_off_the_window_thread(
    window: MainWindow, services: Services, card: int, columns: str
) -> None:
    """What many changes at once or a change to the stages call for: the columns read
    again and drawn once the read lands."""
    other = add(services, "Globex")  # by another program
    applied = next(s.id for s in services.stages.all() if s.name == "Applied")
    scheduled = [applied] if columns == "one" else None
    with statements_on_window(window) as on_window:
        window.board_actions.schedule_refresh(scheduled)
        window.board_actions.run_refresh()
        assert window.operations.finish_saving()
    assert on_window == []
    assert sorted(ids_in(window, "Applied")) == sorted([card, other])


def test_a_change_of_many_cards_finds_their_columns_off_the_window_thread(
    window: MainWindow, services: Services, card: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a hundred cards (here two) a change re-reads the columns they were and are
    in rather than each card: which columns they are in now is read off the thread."""
    from jobhunt_desktop.ui import board_actions

    monkeypatch.setattr(board_actions, "CARDS_READ_ONE_BY_ONE", 1)
    other = add(services, "Globex")
    moved = services.applications.move([card, other], "Screening")  # another program
    with statements_on_window(window) as on_window:
        window.board_actions.on_changes(moved.changes)
        assert window.operations.finish_saving()
        window.board_actions.run_refresh()
        assert window.operations.finish_saving()
    assert on_window == []
    assert sorted(ids_in(window, "Screening")) == sorted([card, other])
    assert ids_in(window, "Applied") == []


def test_the_snooze_menu_shows_its_times_without_reading_on_the_window_thread(
    window: MainWindow, services: Services, card: int, clock: FixedClock
) -> None:
    """Its times come from the settings read with the Follow-ups list; after a change
    of settings they are read again."""
    services.events.interview(card, clock.now() - timedelta(hours=1))
    panel = window.due_panel
    panel.refresh_soon()
    assert window.operations.finish_saving()
    with statements_on_window(window) as on_window:
        panel.snooze_menu.aboutToShow.emit()
    assert on_window == []
    tomorrow = panel.snooze_actions[1].text()
    assert tomorrow.startswith("Tomorrow morning (") and "09:00" in tomorrow
    window.operations.run(lambda s: s.settings.set("reminder_time", "07:30"))
    assert window.operations.finish_saving()
    panel.snooze_menu.aboutToShow.emit()
    assert "07:30" in panel.snooze_actions[1].text()


def test_after_a_move_the_window_reads_nothing_on_its_own_thread(
    window: MainWindow, services: Services, card: int
) -> None:
    """What a move calls for (the card read again, the status line's counts, the
    Follow-ups panel's rows) is read off the window's thread too: on a slow server
    each read would hold the window for its round trips."""
    with statements_on_window(window) as on_window:
        drop(window, [card], "Screening")
        assert window.operations.finish_saving()
        window.board_actions.on_tick()  # the minute's tick: counts and the panel
        assert window.operations.finish_saving()
    assert on_window == []
    assert services.applications.get(card).stage.name == "Screening"
    assert ids_in(window, "Screening") == [card]


def test_a_read_that_fails_off_the_thread_says_so_and_keeps_what_is_shown(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.operations.finish_saving()
    shown = window.status.text()
    assert shown == "Nothing due today"

    def unreachable() -> object:
        raise StorageUnreachableError("the server did not answer", "db.example.org")

    monkeypatch.setattr(window.services.followups, "counts", unreachable)
    window.update_status()
    assert window.operations.finish_saving()
    assert window.statusBar().currentMessage().startswith("Couldn't read the latest changes:")
    assert window.status.text() == shown


def test_the_columns_dialog_keeps_the_keyboard_where_it_was_while_a_change_saves(
    window: MainWindow, services: Services, db_url: str
) -> None:
    """The dialog waits for each change on a server; the keys go back where they were
    (moving a column down twice from the keyboard, say) once it is saved."""
    with statements_on_window(window) as on_window:  # the list, read off the thread
        dialog = StagesDialog(window.operations, window)
        dialog.show()
        applied = next(s for s in window.stages if s.name == "Applied")
        dialog.select(applied.id)
        dialog.hidden.setFocus()
        with another_writer(db_url) as release:
            dialog.hidden.setChecked(True)  # saved at once, one change
            assert not dialog.isEnabled()
            release.set()
            assert window.operations.finish_saving()
    assert on_window == []
    assert dialog.focusWidget() is dialog.hidden
    with another_writer(db_url) as release:
        dialog.move_down()
        release.set()
        assert window.operations.finish_saving()
    assert dialog.focusWidget() is dialog.table  # as on a file
    assert [s.name for s in services.stages.all()][2] == "Applied"
    dialog.close()


def test_a_card_reads_its_contacts_and_files_off_the_window_thread(
    window: MainWindow,
    services: Services,
    card: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Linking someone reads the people to pick from, and opening or saving a file
    reads its bytes: on a server off the window's thread, the card saying so."""
    from PySide6.QtGui import QDesktopServices

    from jobhunt_desktop.ui.dialogs.card_contacts import PickContactForm
    from tests.ui.finding import ModalAnswers, caught_up

    other = add(services, "Globex")
    sam = services.contacts.create(other, name="Sam Lee").value
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF cv")
    services.attachments.attach_paths([card], [cv])
    caught_up(window)  # what was just written here is no news to the card when it opens
    dialog = opened_card(window, card)
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    ModalAnswers(lambda form: form.choose(sam.id), PickContactForm)
    with statements_on_window(window) as on_window:
        dialog.contacts.link()
        assert dialog.status.text() == "Reading your contacts…"
        assert window.operations.finish_saving()
        dialog.files.list.topLevelItem(0).setSelected(True)
        assert dialog.files.open_selected()
        assert dialog.status.text() == "Opening cv.pdf…" and opened == []
        assert window.operations.finish_saving()
        dialog.files.list.topLevelItem(0).setSelected(True)
        dialog.files.save_selected()
        assert dialog.status.text() == "Saving cv.pdf…"
        assert window.operations.finish_saving()
    assert on_window == []
    assert [c.name for c in services.applications.get(card).contacts] == ["Sam Lee"]
    assert Path(opened[0]).read_bytes() == b"%PDF cv"
    assert target.read_bytes() == b"%PDF cv"
    assert dialog.status.text() == f"Saved {target}."
    dialog.close()


def test_the_composer_writes_from_another_template_off_the_window_thread(
    window: MainWindow, services: Services, card: int, clock: FixedClock, db_url: str
) -> None:
    """Choosing another template writes the draft again from a read: on a server the
    composer waits for it, disabled, while the window goes on answering."""
    from jobhunt_desktop.domain.entities import FollowUpKind

    services.events.interview(card, clock.now() - timedelta(hours=1))
    composer = opened_composer(window, card, kind=FollowUpKind.THANK_YOU)
    assert composer is not None
    box = composer.template_box
    answered: list[bool] = []
    ticks = QTimer()
    ticks.timeout.connect(lambda: answered.append(composer.isEnabled()))
    ticks.start(5)
    with statements_on_window(window) as on_window, another_writer(db_url) as release:
        threading.Timer(0.15, release.set).start()  # the read waits behind the writer
        box.setCurrentIndex(box.findData(FollowUpKind.NOTE.value))
    ticks.stop()
    assert on_window == []
    assert False in answered  # the window answered while the composer waited
    assert composer.isEnabled()
    assert composer.subject.text() == "My application for Analyst"
    composer.close()


def test_the_first_start_reads_the_name_off_the_window_thread(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Whether to ask for a name is read off the window's thread on a server; the
    banner shows once the read lands."""
    banner = window.board_actions.name_banner
    banner.hide()
    with statements_on_window(window) as on_window:
        banner.show_if_first_start()
        assert not banner.isVisible()
        assert window.operations.finish_saving()
    assert on_window == []
    assert banner.isVisible()

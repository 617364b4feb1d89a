"""The board window offscreen: models, drops, undo, filters, keyboard, layout memory."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.board.column_model import CARD_MIME, ColumnModel, encode_ids
from jobhunt_desktop.ui.board_actions import delete_question
from jobhunt_desktop.ui.dialogs.archived_dialog import ArchivedDialog
from jobhunt_desktop.ui.dialogs.shortcuts import ShortcutsDialog
from jobhunt_desktop.ui.dialogs.stage_prompts import StagePrompt
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import shown

ZONE = "Europe/Berlin"


def column(window: MainWindow, name: str) -> ColumnModel:
    return next(c.model for c in window.board.columns if c.model.stage.name == name)


def column_ids(window: MainWindow, name: str) -> list[int]:
    model = column(window, name)
    return [model.card(r).id for r in range(model.rowCount())]


def add(services: Services, company: str, stage: str = "Applied", **kw: object) -> int:
    return services.applications.add(company, "Analyst", stage=stage, **kw).id


def test_every_column_model_passes_qt_model_checks(
    qtmodeltester: object, window: MainWindow, services: Services
) -> None:
    add(services, "Acme")
    add(services, "Globex", tags=["remote"])
    window.refresh()
    for board_column in window.board.columns:
        qtmodeltester.check(board_column.model)  # type: ignore[attr-defined]


def test_columns_follow_the_stages_with_counts(window: MainWindow, services: Services) -> None:
    for name in ("Acme", "Globex", "Initech"):
        add(services, name)
    window.refresh()
    names = [c.model.stage.name for c in window.board.columns]
    assert names == [s.name for s in services.stages.all()]
    applied = window.board.column_for(column(window, "Applied").stage.id)
    assert applied is not None and applied.header.count_text() == "3"


def test_a_drop_saves_the_new_stage_at_once_and_undo_restores_it(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    first, second = add(services, "Acme"), add(services, "Globex")
    window.refresh()
    screening = column(window, "Screening")
    accepted = screening.dropMimeData(
        encode_ids([first]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert accepted
    assert services.applications.get(first).stage.name == "Screening"  # saved at the drop
    history = services.applications.story(first).history
    assert (history[-1].action, history[-1].new_value) == ("moved", "Screening")
    qtbot.waitUntil(lambda: column_ids(window, "Screening") == [first])
    window.undo_stack.undo()
    assert services.applications.get(first).stage.name == "Applied"
    qtbot.waitUntil(lambda: column_ids(window, "Applied") == [first, second])
    window.undo_stack.redo()
    assert services.applications.get(first).stage.name == "Screening"


def test_a_drop_on_rejected_with_the_prompt_skipped_is_a_rejection(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    card = add(services, "Acme")
    window.refresh()
    column(window, "Rejected").dropMimeData(
        encode_ids([card]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: shown(window, StagePrompt) is not None)
    prompt = shown(window, StagePrompt)
    assert prompt is not None
    prompt.skip_button.click()
    [event] = services.applications.story(card).events
    assert (event.kind.value, event.implied) == ("rejection", True)
    rules = {f.rule for f in services.followups.chain(card) if f.state.is_open}
    assert rules == {"R7"}  # the chase ended; the reply is planned
    assert [p.application_id for p in services.applications.recent_rejections("Acme")] == [card]
    window.undo_stack.undo()  # the move and what it said go together
    assert services.applications.story(card).events == ()
    assert {f.rule for f in services.followups.chain(card) if f.state.is_open} == {"R5"}


def test_dropping_several_cards_moves_them_together_in_order(
    window: MainWindow, services: Services
) -> None:
    ids = [add(services, f"Co {i}") for i in range(4)]
    target = add(services, "Target", stage="Screening")
    window.refresh()
    screening = column(window, "Screening")
    screening.dropMimeData(
        encode_ids([ids[1], ids[3]]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    board = services.applications.board(stage="Screening")
    assert [r.id for r in board] == [ids[1], ids[3], target]
    assert window.undo_stack.count() == 1


def test_reordering_within_a_column(window: MainWindow, services: Services) -> None:
    ids = [add(services, f"Co {i}") for i in range(3)]
    window.refresh()
    applied = column(window, "Applied")
    applied.dropMimeData(encode_ids([ids[2]]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [r.id for r in services.applications.board(stage="Applied")] == [ids[2], ids[0], ids[1]]


def test_foreign_drops_are_refused(window: MainWindow, services: Services) -> None:
    add(services, "Acme")
    window.refresh()
    from PySide6.QtCore import QMimeData

    junk = QMimeData()
    junk.setText("hello")
    bad = QMimeData()
    bad.setData(CARD_MIME, b"not ids")
    empty = QMimeData()
    empty.setData(CARD_MIME, b"")
    odd = QMimeData()
    odd.setData(CARD_MIME, "1,²".encode())  # a digit to str.isdigit(), not to int()
    model = column(window, "Screening")
    for data in (junk, bad, empty, odd):
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert window.undo_stack.count() == 0


def test_filters_narrow_every_column(window: MainWindow, services: Services) -> None:
    add(services, "Acme", notes="met at a meetup")
    add(services, "Globex", tags=["remote"])
    add(services, "Initech", stage="Screening", tags=["remote"], priority="top")
    window.refresh()
    window.search.setText("remote")
    assert column_ids(window, "Applied") == [2] and column_ids(window, "Screening") == [3]
    window.search.setText("meetup")
    assert column_ids(window, "Applied") == [1] and column_ids(window, "Screening") == []
    window.search.clear()
    window.priority_filter.setCurrentIndex(window.priority_filter.findData(2))
    assert column_ids(window, "Applied") == [] and column_ids(window, "Screening") == [3]
    window.priority_filter.setCurrentIndex(0)
    window.tag_filter.setCurrentIndex(window.tag_filter.findData("remote"))
    assert column_ids(window, "Applied") == [2]
    screening = window.board.column_for(column(window, "Screening").stage.id)
    assert screening is not None and screening.header.count_text() == "1"


def test_a_drop_into_a_filtered_column_lands_before_the_card_it_was_dropped_on(
    window: MainWindow, services: Services
) -> None:
    a = add(services, "Acme", stage="Screening")
    b = add(services, "Bolt", stage="Screening", tags=["x"])
    c = add(services, "Crux", stage="Screening")
    moving = add(services, "Mover")
    window.refresh()
    window.search.setText("crux")  # only c is visible in Screening
    column(window, "Screening").dropMimeData(
        encode_ids([moving]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert [r.id for r in services.applications.board(stage="Screening")] == [a, b, moving, c]


def test_keyboard_moves_archives_and_ctrl_f(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    first = add(services, "Acme")
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, [first])
    window.next_action.trigger()
    assert services.applications.get(first).stage.name == "Screening"
    qtbot.waitUntil(lambda: column_ids(window, "Screening") == [first])
    window.board.select(column(window, "Screening").stage.id, [first])
    window.prev_action.trigger()
    assert services.applications.get(first).stage.name == "Applied"
    qtbot.waitUntil(lambda: column_ids(window, "Applied") == [first])
    window.board.select(column(window, "Applied").stage.id, [first])
    window.archive_action.trigger()
    assert services.applications.get(first).archived
    window.undo_stack.undo()
    assert not services.applications.get(first).archived
    window.find_action.trigger()
    assert window.search.hasFocus() or window.focusWidget() is window.search


def test_delete_asks_then_can_be_undone(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    first = add(services, "Acme")
    window.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.board.select(column(window, "Applied").stage.id, [first])
    window.delete_action.trigger()
    assert services.applications.board() == []
    window.undo_stack.undo()
    assert services.applications.get(first).company == "Acme"


def test_status_bar_counts_due_and_overdue(
    window: MainWindow, services: Services, clock: FixedClock
) -> None:
    for name in ("A", "B", "C", "D", "E"):
        add(services, name)
    clock.advance(timedelta(days=7))
    window.refresh()
    assert window.status.text() == "5 due today"
    clock.advance(timedelta(days=2))
    window.refresh()
    assert window.status.text() == "5 overdue"


def test_collapsed_columns_and_layout_are_remembered(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    rejected = next(c for c in first.board.columns if c.model.stage.name == "Rejected")
    rejected.set_collapsed(True)
    first.show()
    first.resize(640, 470)
    first.close()
    second = MainWindow(services, settings)
    qtbot.addWidget(second)
    again = next(c for c in second.board.columns if c.model.stage.name == "Rejected")
    assert again.collapsed and not again.view.isVisibleTo(second)
    assert (second.size().width(), second.size().height()) == (640, 470)


def test_moving_into_interviews_offers_the_interview_prompt_which_plans_the_rules(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    from datetime import date

    from jobhunt_desktop.ui.dialogs.stage_prompts import InterviewPrompt

    first = add(services, "Acme")
    window.refresh()
    column(window, "Interviewing").dropMimeData(
        encode_ids([first]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert services.applications.get(first).stage.name == "Interviewing"
    qtbot.waitUntil(lambda: isinstance(shown(window, StagePrompt), InterviewPrompt))
    prompt = shown(window, StagePrompt)
    assert isinstance(prompt, InterviewPrompt) and prompt.isVisible()
    prompt.round.setValue(2)
    prompt.promised_by.set_value(date(2026, 3, 6))
    prompt.ok_button.click()
    story = services.applications.story(first)
    [interview] = [e for e in story.events if e.kind.value == "interview"]
    assert interview.round == 2 and interview.promised_by == date(2026, 3, 6)
    rules = {f.rule for f in story.followups if f.state.is_open}
    assert {"R1", "R3"} <= rules
    # Without a promised date, a later round plans R4 instead of R3.
    second = add(services, "Globex")
    window.refresh()
    column(window, "Interviewing").dropMimeData(
        encode_ids([second]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: shown(window, StagePrompt) not in (None, prompt))
    later = shown(window, StagePrompt)
    assert isinstance(later, InterviewPrompt)
    later.round.setValue(2)
    later.promised_by.set_value(None)
    later.ok_button.click()
    rules = {f.rule for f in services.followups.chain(second) if f.state.is_open}
    assert {"R1", "R4"} <= rules and "R3" not in rules


def test_a_move_within_a_column_or_to_a_plain_stage_asks_nothing(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    first = add(services, "Acme")
    window.refresh()
    column(window, "Screening").dropMimeData(
        encode_ids([first]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.wait(50)
    assert shown(window, StagePrompt) is None


def test_quick_add_from_the_window_selects_the_new_card(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    other = add(services, "Acme", stage="Screening")
    window.refresh()
    window.board.select(column(window, "Screening").stage.id, [other])  # clicked last
    dialog = window.quick_add()
    assert dialog.stage.currentData() == services.stages.all()[0].id  # the first stage
    dialog.company.setText("Initech")
    dialog.title_edit.setText("Analyst")
    dialog.ok_button.click()
    [row] = [r for r in services.applications.board() if r.id != other]
    assert (row.company, row.title) == ("Initech", "Analyst")
    qtbot.waitUntil(lambda: row.id in window.board.selected_ids())


def test_enter_on_a_card_opens_its_story(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog

    first = add(services, "Acme")
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, [first])
    view = window.board.column_for(column(window, "Applied").stage.id)
    assert view is not None
    qtbot.keyClick(view.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(shown(window, CardDialog), CardDialog))
    assert (
        isinstance(shown(window, CardDialog), CardDialog) and shown(window, CardDialog).isVisible()
    )


def test_refresh_action_reloads_cards_written_by_another_process(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    add(services, "Acme")  # as if the command line wrote it
    assert column_ids(window, "Applied") == []
    window.refresh_action.trigger()
    assert column_ids(window, "Applied") == [1]
    assert window.due_panel.model.rowCount() == 0  # nothing due yet
    window.due_panel.due_only.setChecked(False)
    assert window.due_panel.model.rowCount() == 2  # the status check and the nudge, next week


def test_card_follow_up_wording_matches_the_due_panel_idea_of_late() -> None:
    from datetime import datetime

    from jobhunt_desktop.domain.readmodels import BoardRow
    from jobhunt_desktop.ui.board.card_delegate import next_follow_up_text

    now = parse_datetime("2026-03-10T01:30", ZONE)

    def card(
        due: str | None, late_mark: str | None = None, other_due: str | None = None
    ) -> BoardRow:
        """A card whose next follow-up is due at `due` (with its own late mark, or
        none), and perhaps another open one without a mark, due at `other_due`."""
        at = parse_datetime(due, ZONE) if due else None
        mark = parse_datetime(late_mark, ZONE) if late_mark else None
        unmarked = [at] if at is not None and mark is None else []
        unmarked += [parse_datetime(other_due, ZONE)] if other_due else []
        return BoardRow(
            1,
            "Acme",
            "Analyst",
            1,
            1.0,
            0,
            (),
            None,
            None,
            now,
            None,
            min([at, *unmarked]) if at is not None else None,
            max(at, mark) if at is not None and mark is not None else None,
            min(unmarked, default=None),
        )

    assert next_follow_up_text(card(None), now, ZONE) == ("", False)
    assert next_follow_up_text(card("2026-03-10T09:00"), now, ZONE) == ("Follow-up in 7 h", False)
    assert next_follow_up_text(card("2026-03-13T09:00"), now, ZONE) == ("Follow-up in 3 d", False)
    assert next_follow_up_text(card("2026-03-10T00:30"), now, ZONE) == ("Follow-up due", False)
    assert next_follow_up_text(card("2026-03-09T16:00"), now, ZONE) == ("Follow-up 1 d late", True)
    # A thank-you is late only after its own mark, a day after the interview.
    assert next_follow_up_text(card("2026-03-09T16:00", "2026-03-10T14:00"), now, ZONE) == (
        "Follow-up due",
        False,
    )
    # A card is late when any of its follow-ups is, not only its next one: here the
    # thank-you comes first and is not late yet, but a status check from two days ago is.
    both = card("2026-03-09T16:00", "2026-03-10T14:00", other_due="2026-03-08T09:00")
    assert next_follow_up_text(both, now, ZONE) == ("Follow-up 2 d late", True)
    assert isinstance(now, datetime)


def test_the_due_panel_follows_a_drop(
    window: MainWindow, services: Services, clock: FixedClock, qtbot: QtBot
) -> None:
    first = add(services, "Acme")
    for name in ("B", "C", "D", "E"):
        add(services, name)  # five active cards: no R12 nudge in the way
    clock.advance(timedelta(days=8))
    window.refresh()

    def panel_apps() -> set[int | None]:
        return {r.followup.application_id for r in window.due_panel.rows()}

    assert first in panel_apps()
    column(window, "Ghosted/Withdrawn").dropMimeData(
        encode_ids([first]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: first not in panel_apps())
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: first in panel_apps())


def test_an_offer_leaving_reloads_the_whole_panel_for_the_cards_it_told(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    talking = add(services, "Initech", stage="Interviewing")
    offering = add(services, "Acme", stage="Offer")
    services.events.offer(offering)
    window.refresh()

    def notices() -> set[int | None]:
        rows = window.due_panel.rows()
        return {r.followup.application_id for r in rows if r.followup.rule == "R8"}

    assert notices() == {talking}
    column(window, "Rejected").dropMimeData(
        encode_ids([offering]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: notices() == set())  # gone from a card that did not move
    told = window.due_panel.rows()
    window.due_panel.refresh()
    assert told == window.due_panel.rows()


def test_cards_can_be_dropped_on_a_folded_column(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    card = add(services, "Acme")
    window.refresh()
    ghosted = next(c for c in window.board.columns if c.model.stage.name == "Ghosted/Withdrawn")
    ghosted.set_collapsed(True)
    data = encode_ids([card])
    centre = QPointF(ghosted.rect().center())
    actions = Qt.DropAction.MoveAction
    enter = QDragEnterEvent(
        centre.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(ghosted, enter)
    assert enter.isAccepted() and ghosted.drop_hover  # lit up while the card hovers
    drop = QDropEvent(
        centre, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(ghosted, drop)
    assert drop.isAccepted() and not ghosted.drop_hover
    assert services.applications.get(card).stage.name == "Ghosted/Withdrawn"
    ghosted.set_collapsed(False)  # an open column leaves drops to its list
    late = QDragEnterEvent(
        centre.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(ghosted, late)
    assert not late.isAccepted()


def test_delete_names_the_cards_and_defaults_to_no(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [add(services, name) for name in ("Acme", "Globex", "Initech")]
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, ids[:2])
    asked: list[tuple[object, ...]] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return args[4]  # type: ignore[return-value]  # the default button: Enter

    monkeypatch.setattr(QMessageBox, "question", question)
    window.delete_selected()
    [(_, title, text, _buttons, default)] = asked
    assert title == "Delete permanently?"
    assert default == QMessageBox.StandardButton.No
    assert "Acme (Analyst)" in str(text) and "Globex (Analyst)" in str(text)
    assert "Initech" not in str(text) and "these 2 cards" in str(text)
    assert len(services.applications.board()) == 3  # No: nothing deleted
    assert delete_question([f"Co {i}" for i in range(8)], 8).count("•") == 5
    assert "…and 3 more" in delete_question([f"Co {i}" for i in range(8)], 8)


def test_the_selection_follows_a_card_moved_with_the_keyboard(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    card = add(services, "Acme")
    add(services, "Globex")
    window.refresh()
    window.show()
    window.board.select(column(window, "Applied").stage.id, [card])
    window.next_action.trigger()
    qtbot.waitUntil(lambda: window.board.selected_ids() == [card])
    window.next_action.trigger()  # Ctrl+Right twice: two stages on
    qtbot.waitUntil(lambda: services.applications.get(card).stage.name == "Interviewing")
    qtbot.waitUntil(lambda: window.board.selected_ids() == [card])


def test_escape_clears_the_search_then_returns_to_the_board(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    add(services, "Acme")
    window.refresh()
    window.show()
    window.focus_search()
    qtbot.keyClicks(window.search, "acme")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.search.hasFocus())
    assert window.board.current_column() is not None


def test_f1_lists_the_keyboard_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.shortcuts_action.trigger()
    dialog = shown(window, ShortcutsDialog)
    assert dialog is not None
    table = dialog.table
    listed = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert listed["Move to next stage"] == "Ctrl+Right"
    assert listed["Find"] == "Ctrl+F" and listed["Open the current card"] == "Enter"
    assert list(listed.values()).count("Ctrl+Right") == 1  # each action once


def test_the_search_narrows_the_follow_ups_panel_too(
    window: MainWindow, services: Services, clock: FixedClock, qtbot: QtBot
) -> None:
    add(services, "Acme")
    add(services, "Globex")
    clock.advance(timedelta(days=8))  # both status checks are due
    window.refresh()
    panel = window.due_panel
    panel.refresh()
    assert {r.company for r in panel.rows()} >= {"Acme", "Globex"}
    qtbot.keyClicks(window.search, "glob")
    assert [r.company for r in panel.rows()] == ["Globex"]
    window.search.setText("nobody")
    assert panel.rows() == [] and "matches the search" in panel.empty.text()
    window.search.clear()
    assert {r.company for r in panel.rows()} >= {"Acme", "Globex"}


def test_only_due_now_is_remembered(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    first.due_panel.due_only.setChecked(False)
    first.close()
    again = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert not again.due_panel.due_only.isChecked()


def test_archived_cards_can_be_seen_and_restored(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    kept, gone = add(services, "Acme"), add(services, "Globex")
    services.applications.set_archived(gone)
    window.refresh()
    window.archived_action.trigger()
    dialog = shown(window, ArchivedDialog)
    assert dialog is not None
    item = dialog.list.topLevelItem(0)
    assert dialog.list.topLevelItemCount() == 1 and item.text(0) == "Globex"
    assert item.text(2) == "Applied" and not dialog.restore_button.isEnabled()
    item.setSelected(True)
    dialog.restore_button.click()
    assert not services.applications.get(gone).archived
    qtbot.waitUntil(lambda: gone in column_ids(window, "Applied"))
    assert dialog.empty.isVisibleTo(dialog) and dialog.list.topLevelItemCount() == 0
    window.undo_stack.undo()  # archived again, and listed again
    assert services.applications.get(gone).archived
    assert dialog.list.topLevelItemCount() == 1
    assert kept in column_ids(window, "Applied")


def test_files_dropped_on_a_selected_card_go_on_every_selected_card(
    window: MainWindow, services: Services, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QMimeData, QUrl

    ids = [add(services, name) for name in ("Acme", "Globex", "Initech")]
    window.refresh()
    applied = window.board.column_for(column(window, "Applied").stage.id)
    assert applied is not None
    window.board.select(applied.stage_id, ids[:2])
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear team")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(letter))])
    card = applied.view.visualRect(applied.model.index(0, 0)).center()
    drop = QDropEvent(
        QPointF(card),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        card,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(applied.view.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(applied.view.viewport(), drop)
    assert drop.isAccepted()
    held = {i: [a.name for a in services.attachments.of(i)] for i in ids}
    assert held == {ids[0]: ["letter.txt"], ids[1]: ["letter.txt"], ids[2]: []}
    assert window.undo_stack.undoText() == "Attach 1 file"


def test_an_empty_board_says_what_to_do(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QProcess

    window.refresh()
    hint = window.board_actions.empty_hint
    qtbot.waitUntil(hint.isVisible)
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, args: started.append((program, args)) or True
    )
    hint.demo_button.click()
    assert started and started[0][1] == ["-m", "jobhunt_desktop", "--demo"]
    assert "demo window" in window.statusBar().currentMessage()
    add(services, "Acme")
    window.refresh()
    qtbot.waitUntil(lambda: not hint.isVisible())


def test_a_first_start_fits_the_screen(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    window = MainWindow(services, QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768  # a 1024x768 screen shows it all


def test_every_open_column_shows_at_1280_px_beside_the_follow_ups(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    add(services, "Acme")
    window.refresh()
    window.resize(1280, 760)
    window.splitter.setSizes([1000, 280])
    qtbot.wait(20)
    viewport = window.board.viewport()
    for board_column in window.board.columns:
        if board_column.collapsed:
            continue
        left = board_column.mapTo(viewport, board_column.rect().topLeft()).x()
        assert left >= 0 and left + board_column.width() <= viewport.width(), (
            board_column.model.stage.name
        )
        assert board_column.width() >= 160  # still readable
    window.resize(900, 700)  # narrower: the board scrolls sideways instead
    qtbot.wait(20)
    assert window.board.horizontalScrollBar().maximum() > 0
    assert min(c.width() for c in window.board.columns if not c.collapsed) >= 160

"""The window when the database is busy or failing, and when something unexpected breaks:
the person is told, nothing is half-done, and the undo stack holds only what happened."""

from __future__ import annotations

import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.board.column_model import ColumnModel, encode_ids
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog
from jobhunt_desktop.ui.error_hook import ErrorHook
from jobhunt_desktop.ui.main_window import MainWindow
from tests.full_disk import disk_full
from tests.ui.finding import Boxes
from tests.ui.operations import operations_for

Button = QMessageBox.StandardButton


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "jobs.sqlite3"


@pytest.fixture
def db(quick_db: Database) -> Database:
    """The window's database waits 300 ms for a lock here (2 s in the app)."""
    return quick_db


def column(window: MainWindow, name: str) -> ColumnModel:
    return next(c.model for c in window.board.columns if c.model.stage.name == name)


def test_a_drop_while_another_program_writes_says_busy_and_cancel_changes_nothing(
    window: MainWindow, services: Services, path: Path
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    window.refresh()
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # the watcher, say, in a long write
        boxes = Boxes(Button.Cancel)
        column(window, "Screening").dropMimeData(
            encode_ids([card]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
        )
        other.execute("ROLLBACK")
    assert len(boxes.seen) == 1  # one question, no second dialog after Cancel
    title, text = boxes.seen[0]
    assert title == "The database is busy"
    assert f"'{path}' is in use by another program" in text
    assert services.applications.get(card).stage.name == "Applied"
    assert window.undo_stack.count() == 0
    assert QApplication.overrideCursor() is None


def test_retry_after_the_lock_is_released_saves_the_drop_once(
    window: MainWindow, services: Services, path: Path, qtbot: QtBot
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    window.refresh()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    boxes = Boxes(Button.Retry, before={1: lambda: other.execute("COMMIT")})
    try:
        column(window, "Screening").dropMimeData(
            encode_ids([card]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
        )
    finally:
        other.close()
    assert len(boxes.seen) == 1
    assert services.applications.get(card).stage.name == "Screening"
    assert window.undo_stack.count() == 1
    moves = [h for h in services.applications.story(card).history if h.action == "moved"]
    assert len(moves) == 1
    window.undo_stack.undo()
    assert services.applications.get(card).stage.name == "Applied"


def locked(path: Path) -> sqlite3.Connection:
    """Another program in the middle of a write, until the connection is closed."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_failed_step_keeps_what_redo_could_still_bring_back(
    window: MainWindow, services: Services, path: Path
) -> None:
    first = services.applications.add("Acme", "Analyst", stage="Applied").id
    second = services.applications.add("Globex", "Engineer", stage="Applied").id
    window.refresh()
    screening = column(window, "Screening")
    screening.dropMimeData(encode_ids([first]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    window.undo_stack.undo()
    assert window.undo_stack.canRedo()
    with closing(locked(path)):
        boxes = Boxes(Button.Cancel)
        screening.dropMimeData(encode_ids([second]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert len(boxes.seen) == 1
    assert window.undo_stack.canRedo() and window.undo_stack.count() == 1
    window.undo_stack.redo()
    assert services.applications.get(first).stage.name == "Screening"
    assert services.applications.get(second).stage.name == "Applied"


def test_deleting_several_cards_while_busy_is_all_or_nothing_and_undoes_whole(
    window: MainWindow, services: Services, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [services.applications.add(f"Co {i}", "Analyst", stage="Applied").id for i in range(3)]
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, ids)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Button.Yes)
    with closing(locked(path)):
        boxes = Boxes(Button.Cancel)
        window.delete_selected()
    assert len(boxes.seen) == 1
    assert sorted(r.id for r in services.applications.board()) == ids
    assert window.undo_stack.count() == 0
    window.board.select(column(window, "Applied").stage.id, ids)
    window.delete_selected()  # nobody else is writing now
    assert services.applications.board() == []
    window.undo_stack.undo()
    assert sorted(r.id for r in services.applications.board()) == ids


def test_an_undo_that_cannot_be_done_says_why_and_leaves_the_stack(
    window: MainWindow, services: Services, errors: list[str]
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    window.refresh()
    column(window, "Screening").dropMimeData(
        encode_ids([card]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    services.applications.delete(card)  # the command line deleted it meanwhile
    window.undo_stack.undo()
    assert errors == ["That card was already gone."]
    assert window.undo_stack.count() == 0 and not window.undo_stack.canRedo()


def test_a_card_saved_while_busy_is_not_called_saved_and_keeps_what_was_typed(
    qtbot: QtBot, services: Services, path: Path
) -> None:
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    stack = QUndoStack()
    dialog = CardDialog(operations_for(services, stack), card)
    qtbot.addWidget(dialog)
    dialog.show()
    details = dialog.details
    details.lines["title"].setText("Senior Analyst")
    with closing(locked(path)):
        boxes = Boxes(Button.Cancel)
        qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    assert len(boxes.seen) == 1
    assert "Saved" not in dialog.status.text()
    assert details.lines["title"].text() == "Senior Analyst"
    assert services.applications.get(card).title == "Analyst"
    assert stack.count() == 0
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    assert services.applications.get(card).title == "Senior Analyst"
    assert dialog.status.text() == "Saved. Ctrl+Z undoes it."


def test_a_bug_in_a_command_keeps_it_off_the_stack(window: MainWindow, services: Services) -> None:
    def broken(_: Services) -> None:
        raise ZeroDivisionError("a bug in an operation")

    with pytest.raises(ZeroDivisionError):
        window.operations.perform("Broken", broken)
    assert window.undo_stack.count() == 0


def test_quick_add_while_busy_asks_once_and_keeps_the_dialog_open_with_what_was_typed(
    qtbot: QtBot, services: Services, path: Path
) -> None:
    dialog = QuickAddDialog(operations_for(services), services.stages.all(), None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.company.setText("Acme")
    dialog.title_edit.setText("Data Analyst")
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        boxes = Boxes(Button.Cancel)
        dialog.ok_button.click()
        other.execute("ROLLBACK")
    assert [title for title, _ in boxes.seen] == ["The database is busy"]
    assert dialog.isVisible() and dialog.created_id is None
    assert dialog.company.text() == "Acme"
    assert services.applications.board() == []
    dialog.ok_button.click()  # the other program is done now
    assert dialog.created_id is not None
    assert [row.company for row in services.applications.board()] == ["Acme"]


def test_a_full_disk_during_an_edit_shows_a_dialog_and_keeps_nothing(
    window: MainWindow, services: Services, db: Database
) -> None:
    card = services.applications.add("Acme", "Analyst", notes="short").id
    boxes = Boxes(Button.Ok)
    with disk_full(Path(db.label), db.engine):
        edited = window.operations.perform(
            "Edit card",
            lambda s: s.applications.edit(card, {"notes": "long " * 100_000}, {"notes": "short"}),
        )
    assert edited is None
    assert [title for title, _ in boxes.seen] == ["The database could not be used"]
    assert "the disk has no room left" in boxes.seen[0][1]
    assert services.applications.get(card).notes == "short"
    assert window.undo_stack.count() == 0


@pytest.fixture
def hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ErrorHook]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    installed = ErrorHook()
    installed.install()
    yield installed
    installed.uninstall()


def log_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "jobhunt-desktop" / "log" / "jobhunt-desktop.log"


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_slot_is_logged_and_shown_and_the_window_goes_on(
    hook: ErrorHook, window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    def broken_slot() -> None:
        raise ZeroDivisionError("a bug behind a button")

    boxes = Boxes(Button.Ok)
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(boxes.seen) == 1, timeout=5000)
    title, text = boxes.seen[0]
    log = log_file(tmp_path)
    assert title == "Something went wrong"
    assert "ZeroDivisionError: a bug behind a button" in text
    assert str(log) in text and "the window goes on" in text
    written = log.read_text()
    assert "Traceback" in written and "broken_slot" in written
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    # Still alive: the board refreshes and takes input.
    window.refresh()
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_error_on_a_worker_thread_is_shown_from_the_event_loop(
    hook: ErrorHook, tmp_path: Path, qtbot: QtBot
) -> None:
    def work() -> None:
        raise RuntimeError("the worker tripped")

    boxes = Boxes(Button.Ok)
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(boxes.seen) == 1, timeout=5000)
    assert "RuntimeError: the worker tripped" in boxes.seen[0][1]
    assert "the worker tripped" in log_file(tmp_path).read_text()


@pytest.mark.qt_no_exception_capture
def test_errors_that_come_while_the_dialog_is_open_are_counted_then_told_once(
    hook: ErrorHook, qtbot: QtBot
) -> None:
    def first() -> None:
        raise ValueError("one")

    def two_more() -> None:
        hook.report(ValueError("two"))
        hook.report(ValueError("three"))
        QApplication.processEvents()  # delivered while the first dialog is open
        assert hook.missed == 2

    boxes = Boxes(Button.Ok, Button.Ok, before={1: two_more})
    QTimer.singleShot(0, first)
    qtbot.waitUntil(lambda: len(boxes.seen) == 2, timeout=5000)
    qtbot.wait(100)
    assert "ValueError: one" in boxes.seen[0][1]
    assert boxes.seen[1][1].startswith("2 more unexpected errors came while")
    assert len(boxes.seen) == 2 and hook.missed == 0

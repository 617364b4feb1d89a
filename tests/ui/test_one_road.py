"""The window's one road for writes: partial success, exact undo, and what other
programs write arriving on the same Changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.board.column_model import ColumnModel, encode_ids
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import opened_card


def column(window: MainWindow, name: str) -> ColumnModel:
    return next(c.model for c in window.board.columns if c.model.stage.name == name)


def ids_in(window: MainWindow, name: str) -> list[int]:
    model = column(window, name)
    return [model.card(r).id for r in range(model.rowCount())]


def add(services: Services, company: str, stage: str = "Applied") -> int:
    return services.applications.add(company, "Analyst", stage=stage).id


@pytest.fixture
def elsewhere(db: Database, clock: FixedClock) -> Services:
    """The command line, or a second window, on the same file."""
    return Services.create(db, clock, "UTC")


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def drop(window: MainWindow, ids: list[int], stage: str) -> None:
    """A drop, saved (on a server it is saved off the window's thread)."""
    column(window, stage).dropMimeData(
        encode_ids(ids), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert window.operations.finish_saving()


def undo(window: MainWindow) -> None:
    """Ctrl+Z, and what it writes saved (off the window's thread on a server)."""
    window.undo_action.trigger()
    assert window.operations.finish_saving()


def redo(window: MainWindow) -> None:
    window.redo_action.trigger()
    assert window.operations.finish_saving()


def test_undoing_a_drop_puts_back_the_time_in_the_stage_and_marks_the_history(
    window: MainWindow, services: Services, clock: FixedClock
) -> None:
    card = add(services, "Acme")
    entered = services.applications.get(card).stage_entered_at
    clock.advance(timedelta(days=4))
    window.refresh()
    drop(window, [card], "Screening")
    undo(window)
    back = services.applications.get(card)
    assert back.stage.name == "Applied" and back.stage_entered_at == entered
    moves = [h for h in services.applications.story(card).history if h.action == "moved"]
    assert len(moves) == 1 and moves[0].undone
    redo(window)
    assert services.applications.get(card).stage.name == "Screening"
    moves = [h for h in services.applications.story(card).history if h.action == "moved"]
    assert len(moves) == 1 and not moves[0].undone


def test_deleting_cards_when_one_is_already_gone_deletes_the_rest_undoably(
    window: MainWindow, services: Services, elsewhere: Services, yes: None
) -> None:
    first, second = add(services, "Acme"), add(services, "Globex")
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, [first, second])
    elsewhere.applications.delete(second)  # the command line, meanwhile
    window.delete_action.trigger()
    assert window.operations.finish_saving()
    assert services.applications.board() == []
    assert window.statusBar().currentMessage() == "1 was already gone."
    assert window.undo_stack.count() == 1
    undo(window)
    assert [r.id for r in services.applications.board()] == [first]


def test_archiving_cards_that_are_all_gone_pushes_nothing(
    window: MainWindow, services: Services, elsewhere: Services, errors: list[str], qtbot: QtBot
) -> None:
    first = add(services, "Acme")
    window.refresh()
    window.board.select(column(window, "Applied").stage.id, [first])
    elsewhere.applications.delete(first)
    window.archive_action.trigger()
    assert window.operations.finish_saving()
    assert errors == ["That card was already gone."]
    qtbot.waitUntil(lambda: ids_in(window, "Applied") == [])  # never put back
    assert window.undo_stack.count() == 0


def test_the_window_shows_what_another_program_wrote_within_two_seconds(
    qtbot: QtBot, window: MainWindow, services: Services, elsewhere: Services
) -> None:
    card = add(services, "Acme")
    window.refresh()
    elsewhere.applications.move([card], "Screening")
    qtbot.waitUntil(lambda: ids_in(window, "Screening") == [card], timeout=2000)
    added = add(elsewhere, "Globex")
    qtbot.waitUntil(lambda: added in ids_in(window, "Applied"), timeout=2000)
    elsewhere.applications.delete(card)
    qtbot.waitUntil(lambda: ids_in(window, "Screening") == [], timeout=2000)


def test_a_look_that_finds_this_windows_own_write_tells_no_news(
    window: MainWindow, services: Services
) -> None:
    """The watcher's look leaves out the window's own writes as they were when it
    started; one that committed meanwhile is known as the window's once the look
    comes back, and is not announced as a change from elsewhere."""
    from jobhunt_desktop.ui.background import Finished
    from jobhunt_desktop.ui.change_watch import Look

    card = add(services, "Acme")
    window.refresh()
    before = services.changes.since(0)[1]
    drop(window, [card], "Screening")  # the window's own write
    own = services.changes.since(before)[0]  # the look saw it, not knowing it as ours
    assert own.versions and window.operations.is_own(own)
    announced: list[object] = []
    window.operations.changed.connect(announced.append)
    window.watcher._arrived(Finished(Look(own, window.watcher._marker, own.version or 0)))
    assert announced == []


def test_a_card_hidden_by_the_search_and_moved_elsewhere_leaves_its_old_column(
    qtbot: QtBot, window: MainWindow, services: Services, elsewhere: Services
) -> None:
    hidden, shown = add(services, "Acme"), add(services, "Globex")
    window.refresh()
    window.toolbar.search.setText("Globex")
    assert ids_in(window, "Applied") == [shown]
    elsewhere.applications.move([hidden], "Screening")
    qtbot.waitUntil(lambda: column(window, "Screening").total() == 1, timeout=2000)
    window.toolbar.search.clear()
    assert ids_in(window, "Applied") == [shown]
    assert ids_in(window, "Screening") == [hidden]


def test_an_open_card_changed_elsewhere_says_so_and_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, services: Services, elsewhere: Services, errors: list[str]
) -> None:
    card = add(services, "Acme")
    window.refresh()
    dialog = opened_card(window, card)
    dialog.details.lines["location"].setText("Berlin")  # typed, not saved yet
    elsewhere.applications.edit(card, {"location": "Paris"})
    qtbot.waitUntil(lambda: "another window or program" in dialog.status.text(), timeout=2000)
    assert dialog.details.lines["location"].text() == "Berlin"  # what was typed stays
    dialog.details.save()
    assert window.operations.finish_saving()  # on a server it is saved off the thread
    assert len(errors) == 1 and "location was changed in another window" in errors[0]
    assert services.applications.get(card).location == "Paris"
    dialog.details.save()  # told once: saving again is a choice
    assert window.operations.finish_saving()
    assert services.applications.get(card).location == "Berlin"


def test_undo_of_a_step_overtaken_elsewhere_says_so_instead_of_clobbering(
    window: MainWindow, services: Services, elsewhere: Services, errors: list[str]
) -> None:
    card = add(services, "Acme")
    window.refresh()
    drop(window, [card], "Screening")
    elsewhere.applications.edit(card, {"notes": "from the command line"})
    undo(window)
    assert len(errors) == 1 and "changed in another window or program" in errors[0]
    kept = services.applications.get(card)
    assert kept.stage.name == "Screening" and kept.notes == "from the command line"
    assert window.undo_stack.count() == 0


def test_a_drop_moves_just_that_card_and_matches_a_full_reload(
    qtmodeltester: object, qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    ids = [add(services, f"Co {i}") for i in range(5)]
    screening = [add(services, f"Sc {i}", "Screening") for i in range(3)]
    window.refresh()
    resets: list[str] = []
    for board_column in window.board.columns:
        name = board_column.model.stage.name
        board_column.model.modelReset.connect(lambda name=name: resets.append(name))
    column(window, "Screening").dropMimeData(
        encode_ids([ids[2]]), Qt.DropAction.MoveAction, 1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: ids[2] in ids_in(window, "Screening"))
    assert window.operations.finish_saving()
    qtbot.wait(20)
    assert resets == []  # the views moved one row each; nothing was read in full
    assert ids_in(window, "Screening") == [screening[0], ids[2], *screening[1:]]
    assert ids_in(window, "Applied") == [i for i in ids if i != ids[2]]
    told = {c.model.stage.name: ids_in(window, c.model.stage.name) for c in window.board.columns}
    window.refresh()
    assert told == {
        c.model.stage.name: ids_in(window, c.model.stage.name) for c in window.board.columns
    }
    for board_column in window.board.columns:
        qtmodeltester.check(board_column.model)  # type: ignore[attr-defined]
    undo(window)
    qtbot.waitUntil(lambda: ids_in(window, "Applied") == ids)

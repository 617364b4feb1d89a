"""File > Import… for a spreadsheet: the preview and its questions, the run on a
thread, one undo step; and the empty board's way in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.import_dialog import ImportDialog
from jobhunt_desktop.ui.import_runner import ImportRunner
from jobhunt_desktop.ui.main_window import MainWindow

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


def companies(window: MainWindow) -> list[str]:
    return sorted(
        c.model.card(r).company for c in window.board.columns for r in range(c.model.rowCount())
    )


def test_the_preview_asks_what_it_cannot_tell_and_then_allows_the_import(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = ImportDialog(window.operations, FIXTURES / "statuses.csv", window)
    qtbot.addWidget(dialog)
    assert dialog.read_as.text() == "Read as UTF-8, separated by commas, header on line 1."
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == "Adds 1 card, and 2 more once the question above is answered."
    assert dialog.questions.isVisibleTo(dialog)
    asked = dialog.question_form.itemAt(0, dialog.question_form.ItemRole.FieldRole)
    assert asked is not None
    box = asked.widget()
    assert isinstance(box, QComboBox) and box.accessibleName() == "Stage for Waiting on referral"
    box.setCurrentIndex(box.findText("Screening"))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.summary.text() == "Adds 3 cards."
    assert not dialog.questions.isVisibleTo(dialog)


def test_columns_are_mapped_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    dialog = ImportDialog(window.operations, FIXTURES / "no-header.csv", window)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("No column holds the company")
    assert not dialog.import_button.isEnabled()
    first = dialog.columns.cellWidget(0, 2)
    assert isinstance(first, QComboBox) and dialog.columns.item(0, 0).text() == "Acme"
    first.setCurrentIndex(first.findData("company"))  # the first row is data, not a header
    qtbot.waitUntil(dialog.import_button.isEnabled)
    box = dialog.columns.cellWidget(0, 2)
    assert isinstance(box, QComboBox) and box.currentData() == "company"
    assert dialog.summary.text().startswith("Adds 1 card.")


def test_an_import_runs_with_progress_and_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a: (str(FIXTURES / "my-sheet.csv"), "")
    )
    monkeypatch.setattr(ImportDialog, "exec", lambda self: ImportDialog.DialogCode.Accepted)
    runners: list[ImportRunner] = []
    original = window.data.import_sheet
    monkeypatch.setattr(window.data, "import_sheet", lambda p: runners.append(original(p)))
    window.import_action.trigger()
    qtbot.waitUntil(lambda: companies(window) == ["Acme Corp", "Hooli", "Pied Piper"])
    assert window.undo_stack.undoText() == "Import my-sheet.csv"
    assert window.statusBar().currentMessage() == "Imported 3 cards, 2 status checks due."
    assert [b.reason for b in services.backups.backups()] == ["before-import"]
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: companies(window) == [])
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: companies(window) == ["Acme Corp", "Hooli", "Pied Piper"])


def test_the_empty_board_offers_an_import(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.refresh()
    hint = window.board_actions.empty_hint
    assert hint.isVisible() and hint.import_button.text() == "&Import from a spreadsheet…"
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a: (asked.append("file"), ("", ""))[1]
    )
    hint.import_button.click()
    assert asked == ["file"]


def test_cancel_stops_the_import_with_nothing_added(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from jobhunt_desktop.services.imports import ImportRequest

    preview = services.imports.preview(ImportRequest(FIXTURES / "jobsync.csv"))
    runner = ImportRunner(window, preview)
    runner.dialog.canceled.emit()  # as the Cancel button does, before it starts
    runner.start()
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage() == "The import was cancelled; nothing was added."
        )
    )
    assert services.applications.board() == [] and window.undo_stack.count() == 0

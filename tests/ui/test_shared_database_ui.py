"""File > Use a shared database...: on a real PostgreSQL server, the board is copied
there on a thread of its own and the choice saved for every later start; a server
that holds cards already is taken as it is, or refused for a copy, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.persistence.database_choice import read_saved
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.shared_database_dialog import SharedDatabaseDialog
from jobhunt_desktop.ui.main_window import MainWindow
from jobhunt_desktop.ui.shared_database import choose_shared_database
from tests.conftest import ZONE
from tests.ui.test_storage_errors_ui import Boxes


@pytest.fixture
def server_url(server_db: str) -> str:
    return server_db


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "jobhunt-desktop" / "database.ini"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The restart offers made, each answered No."""
    questions: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def answer_dialog(monkeypatch: pytest.MonkeyPatch, url: str, copy: bool) -> None:
    def exec_(dialog: SharedDatabaseDialog) -> int:
        assert not dialog.use_button.isEnabled()  # nothing typed yet
        dialog.address.setText(url)
        assert dialog.use_button.isEnabled()
        dialog.copy_board.setChecked(copy)
        return SharedDatabaseDialog.DialogCode.Accepted

    monkeypatch.setattr(SharedDatabaseDialog, "exec", exec_)


def cards_on(url: str, clock: FixedClock) -> list[str]:
    db = open_database(url)
    try:
        services = Services.create(db, clock, ZONE)
        return [row.company for row in services.applications.board()]
    finally:
        db.close()


def test_the_board_goes_to_the_server_and_every_later_start_opens_it(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    clock: FixedClock,
    server_url: str,
    config: Path,
    asked: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for company in ("Acme", "Globex"):
        services.applications.add(company, "Analyst", stage="Applied")
    answer_dialog(monkeypatch, server_url, copy=True)
    assert choose_shared_database(window) is not None
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert "Every later start opens postgresql+psycopg://postgres@" in asked[0]
    assert "This board's 2 cards are there." in asked[0]
    saved = read_saved(config)
    assert saved is not None and saved.url == server_url
    assert sorted(cards_on(server_url, clock)) == ["Acme", "Globex"]


def test_a_server_with_cards_is_taken_as_it_is_or_refused_for_a_copy(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    clock: FixedClock,
    server_url: str,
    config: Path,
    asked: list[str],
    errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.applications.add("Acme", "Analyst")
    db = open_database(server_url)
    Services.create(db, clock, ZONE).applications.add("Initech", "Engineer")
    db.close()
    answer_dialog(monkeypatch, server_url, copy=True)
    choose_shared_database(window)
    qtbot.waitUntil(lambda: bool(errors), timeout=15000)
    assert "already holds cards" in errors[0] and "untick" in errors[0]
    assert read_saved(config) is None and not asked
    answer_dialog(monkeypatch, server_url, copy=False)  # the second computer's way
    choose_shared_database(window)
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert "cards are there" not in asked[0]
    assert cards_on(server_url, clock) == ["Initech"]
    saved = read_saved(config)
    assert saved is not None and saved.url == server_url


def test_a_server_out_of_reach_is_said_and_nothing_is_saved(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer_dialog(monkeypatch, f"postgresql+psycopg://me@/jobs?host={tmp_path}", copy=True)
    boxes = Boxes(QMessageBox.StandardButton.Ok)
    choose_shared_database(window)
    qtbot.waitUntil(lambda: bool(boxes.seen), timeout=15000)
    assert "could not be reached" in boxes.seen[0][1]
    assert read_saved(config) is None

"""Start-up: the board paints from a plain read of the file, the services follow."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.persistence.quick_board import read_board_start
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.demo import seed_demo
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.main_window import MainWindow, rows_that_fit, starts_folded

ZONE = "Europe/Berlin"


def shown(window: MainWindow) -> dict[str, tuple[int, str]]:
    return {
        c.model.stage.name: (c.model.rowCount(), c.header.count_text())
        for c in window.board.columns
    }


def test_window_paints_the_top_cards_then_attaches_the_services(
    qtbot: QtBot, tmp_path: Path, db: Database, services: Services, clock: FixedClock
) -> None:
    seed_demo(services)
    assert db.path is not None
    start = read_board_start(db.path, ZONE, head_rows=2)
    assert start is not None
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, settings, start=start, now=clock.now)
    qtbot.addWidget(window)
    window.show()

    board = services.applications.board()
    counts = {s.name: sum(1 for r in board if r.stage_id == s.id) for s in services.stages.all()}
    before = shown(window)
    for name, (rows, label) in before.items():
        assert rows == min(2, counts[name])
        assert label == str(counts[name])  # the full count, not the cards read so far
    assert not window.attached
    assert not window.new_action.isEnabled()
    assert window.open_card(board[0].id) is None  # it waits for the services
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Card", "&View", "&Settings", "&Help"]
    qtbot.waitExposed(window)
    placed = (window.search.mapTo(window, QPoint()), window.board.mapTo(window, QPoint()))

    window.attach(services)
    qtbot.wait(10)

    assert window.attached
    assert window.new_action.isEnabled()
    assert window.search.isClearButtonEnabled()
    assert [action.text() for action in window.menuBar().actions()] == menus
    assert all(action.menu().actions() for action in window.menuBar().actions())
    # The actions arrive with the services; nothing on screen moves when they do.
    assert (window.search.mapTo(window, QPoint()), window.board.mapTo(window, QPoint())) == placed
    assert {name: rows for name, (rows, _) in shown(window).items()} == counts
    assert window.due_panel.isVisible()
    assert "due" in window.status.text() or "overdue" in window.status.text()
    # What was asked for before the services came is done now: the card is open.
    opened = [d for d in window.findChildren(CardDialog) if d.isVisible()]
    assert [d.application_id for d in opened] == [board[0].id]


def test_columns_that_start_folded_are_counted_not_read(
    qtbot: QtBot, tmp_path: Path, db: Database, services: Services, clock: FixedClock
) -> None:
    """The first picture reads cards only for the columns it shows open: on a first
    run the closed stages start folded; once the user unfolds one, it is read too."""
    seed_demo(services)
    assert db.path is not None
    closed = [s for s in services.stages.all() if s.kind.is_closed]
    board = services.applications.board()
    in_closed = {s.name: sum(1 for r in board if r.stage_id == s.id) for s in closed}
    assert sum(in_closed.values()) > 0
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert rows_that_fit() >= 760 // 78

    def first_picture() -> dict[str, tuple[int, str]]:
        start = read_board_start(db.path, ZONE, rows_that_fit(), starts_folded(settings))
        assert start is not None
        window = MainWindow(None, settings, start=start, now=clock.now)
        qtbot.addWidget(window)
        return shown(window)

    first_run = first_picture()
    for name, total in in_closed.items():
        assert first_run[name] == (0, str(total))  # folded: its count, no cards read
    settings.setValue("board/collapsed", [])  # the user has unfolded every column
    unfolded = first_picture()
    for name, total in in_closed.items():
        assert unfolded[name] == (total, str(total))


def test_a_stored_fold_is_kept_and_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    from jobhunt_desktop.domain.stages import Stage, StageKind

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    applied = Stage(2, "Applied", 2, "#3b82f6", StageKind.OPEN)
    rejected = Stage(7, "Rejected", 7, "#ef4444", StageKind.CLOSED_LOST)
    assert [starts_folded(settings)(s) for s in (applied, rejected)] == [False, True]
    settings.setValue("board/collapsed", ["2", "not a number"])
    assert [starts_folded(settings)(s) for s in (applied, rejected)] == [True, False]


def test_a_window_needs_services_or_a_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="start board"):
        MainWindow(None)


def window_env(tmp_path: Path) -> dict[str, str]:
    """The app offscreen, saying PAINTED and READY, then quitting."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "JOBHUNT_REPORT_PAINT": "1",
        "JOBHUNT_EXIT_AFTER_PAINT": "1",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        # No session bus: reminders fall back to the window instead of the desktop.
        "DBUS_SESSION_BUS_ADDRESS": "",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    env.pop("JOBHUNT_DB", None)
    return env


def said_in_order(stdout: str) -> bool:
    """Painted, then taking input, then the rest read and the first check back."""
    words = stdout.split()
    return words[:2] == ["PAINTED", "ATTACHED"] and sorted(words[2:]) == ["FILLED", "READY"]


def start_window(
    db: Path, tmp_path: Path, code: str | None = None, umask: int = 0o022
) -> subprocess.CompletedProcess[str]:
    """Run the app (or `code`, given the path as argv[1]) until it is ready."""
    env = window_env(tmp_path)
    command = ["-m", "jobhunt_desktop", "--db"] if code is None else ["-c", code]
    return subprocess.run(
        [sys.executable, *command, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        umask=umask,
    )


def test_the_window_keeps_its_settings_file_private_whatever_the_umask(tmp_path: Path) -> None:
    result = start_window(tmp_path / "data" / "jobs.sqlite3", tmp_path, umask=0)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "config" / "jobhunt-desktop"
    conf = folder / "jobhunt-desktop.conf"
    assert stat.S_IMODE(conf.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data" / "jobs.sqlite3").stat().st_mode) == 0o600


def test_the_app_starts_on_a_new_file_and_on_a_filled_one(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    first = start_window(path, tmp_path)  # no file yet: created, migrated, then shown
    assert first.returncode == 0, first.stderr
    assert said_in_order(first.stdout)

    database = open_database(f"sqlite:///{path}")
    seed_demo(Services.create(database, FixedClock(parse_datetime("2026-03-02T09:00", ZONE)), ZONE))
    database.close()
    second = start_window(path, tmp_path)  # current file: painted before the ORM loads
    assert second.returncode == 0, second.stderr
    assert said_in_order(second.stdout)


def test_a_file_of_another_program_is_refused_before_any_window(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes, not a database\n" * 20)
    result = start_window(path, tmp_path)
    assert result.returncode == 1
    assert "not a jobhunt-desktop database" in result.stderr
    assert result.stdout == ""
    assert path.read_text() == "my notes, not a database\n" * 20


COLLECTION_REPORT = """
import gc, sys
from jobhunt_desktop.ui import application

def state():
    return "collecting" if gc.isenabled() else "paused"

def painted(self):
    print("painted", state(), flush=True)

def ready(self):
    print("ready", state(), flush=True)
    application.QCoreApplication.quit()

application.StartupHooks._say = lambda self, word: None
application.StartupHooks.painted = painted
application.StartupHooks.ready = ready
from jobhunt_desktop.app import main
code = main(["--db", sys.argv[1]])
print("after", state())
sys.exit(code)
"""


def test_garbage_collection_waits_until_the_window_is_ready(tmp_path: Path) -> None:
    result = start_window(tmp_path / "jobs.sqlite3", tmp_path, COLLECTION_REPORT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "painted paused",
        "ready collecting",
        "after collecting",
    ]


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path: Path) -> None:
    """The board is painted from a plain read: the ORM, the migrations and the services
    come after it. Python's import log and the app's PAINTED line share one stream,
    in order."""
    path = tmp_path / "jobs.sqlite3"
    database = open_database(f"sqlite:///{path}")
    seed_demo(Services.create(database, FixedClock(parse_datetime("2026-03-02T09:00", ZONE)), ZONE))
    database.close()
    env = {**window_env(tmp_path), "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jobhunt_desktop", "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and "PAINTED" in lines and "READY" in lines, done.stdout[-2000:]
    before = lines[: lines.index("PAINTED")]
    imported = {line.rsplit("|", 1)[-1].strip() for line in before if line.startswith("import")}
    heavy = (
        "sqlalchemy",
        "alembic",
        "jobhunt_desktop.persistence.database",
        "jobhunt_desktop.services.container",
        "jobhunt_desktop.ui.operations",
        "jobhunt_desktop.ui.due_panel",
    )
    early = sorted(m for m in imported if m in heavy or m.startswith(("sqlalchemy.", "alembic.")))
    assert early == []
    after = {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import")}
    assert "sqlalchemy" in after  # the log does show what comes later

"""Start-up: the board paints from a plain read of the file, the services follow."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.persistence.database import Database, open_database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.demo import seed_demo
from jobhunt_desktop.startup.quick_board import read_board_start
from jobhunt_desktop.ui.board.column_model import encode_ids
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog
from jobhunt_desktop.ui.main_window import MainWindow, rows_that_fit, starts_folded
from tests.postgres_server import LOGIN_PASSWORD

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


def unattached_window(qtbot: QtBot, tmp_path: Path, db: Database, clock: FixedClock) -> MainWindow:
    """The window as start-up paints it: from the quick board, no services yet,
    shown and active (offscreen, a shown window is activated as on a desktop)."""
    assert db.path is not None
    start = read_board_start(db.path, ZONE)
    assert start is not None
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, settings, start=start, now=clock.now)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitActive(window)
    return window


def quick_adds(window: MainWindow) -> list[QuickAddDialog]:
    return [d for d in window.findChildren(QuickAddDialog) if d.isVisible()]


def press_ctrl_n(window: MainWindow) -> None:
    """Ctrl+N as the window system delivers it: to the window, through Qt's shortcut
    map first, then as a key press to the focused widget."""
    window_handle = window.windowHandle()
    assert window_handle is not None
    QTest.keyClick(window_handle, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("focus", ["window", "cards", "search"])
def test_ctrl_n_before_the_services_opens_quick_add_once_they_are_in(
    qtbot: QtBot,
    tmp_path: Path,
    db: Database,
    services: Services,
    clock: FixedClock,
    focus: str,
) -> None:
    seed_demo(services)
    window = unattached_window(qtbot, tmp_path, db, clock)
    if focus == "cards":
        view = next(c.view for c in window.board.columns if c.model.rowCount())
        view.setFocus()
        view.setCurrentIndex(view.model().index(0, 0))
    elif focus == "search":
        window.search.setFocus()
    qtbot.waitUntil(lambda: focus == "window" or QApplication.focusWidget() is not None)

    press_ctrl_n(window)
    press_ctrl_n(window)  # impatient: still one dialog
    assert quick_adds(window) == []  # nothing to add to yet
    assert window.search.text() == ""

    window.attach(services)
    qtbot.waitUntil(lambda: len(quick_adds(window)) == 1)
    qtbot.wait(20)
    assert len(quick_adds(window)) == 1
    # Once the services are in, the same key press is the shortcut's.
    quick_adds(window)[0].reject()
    qtbot.waitUntil(lambda: quick_adds(window) == [])
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.new_action.triggered, timeout=2000):
        press_ctrl_n(window)
    assert len(quick_adds(window)) == 1


def test_a_drop_before_the_services_is_saved_once_they_are_in(
    qtbot: QtBot, tmp_path: Path, db: Database, services: Services, clock: FixedClock
) -> None:
    seed_demo(services)
    window = unattached_window(qtbot, tmp_path, db, clock)
    screening = next(c for c in window.board.columns if c.model.stage.name == "Screening")
    card = next(row for row in services.applications.board() if row.stage_id != screening.stage_id)
    before = services.applications.get(card.id).stage.name

    assert screening.model.dropMimeData(
        encode_ids([card.id]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert services.applications.get(card.id).stage.name == before  # it waits

    window.attach(services)
    assert services.applications.get(card.id).stage.name == "Screening"
    qtbot.waitUntil(lambda: window.stage_of(card.id) == screening.stage_id)
    assert screening.model.card(0).id == card.id  # where it was dropped


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
    env.pop("JOBHUNT_STARTUP_TRICKS", None)
    return env


def run_code(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `code`, a start of the app, given `args`, until it quits (a minute at most)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def said_in_order(stdout: str) -> bool:
    """Painted, then taking input, then the rest read and the first check back."""
    words = stdout.split()
    return words[:2] == ["PAINTED", "ATTACHED"] and sorted(words[2:]) == ["FILLED", "READY"]


def start_window(
    db: Path, tmp_path: Path, code: str | None = None, umask: int = 0o022, tricks: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the app (or `code`, given the path as argv[1]) until it is ready, with the
    start-up `tricks` that JOBHUNT_STARTUP_TRICKS switches off."""
    env = {**window_env(tmp_path), "JOBHUNT_STARTUP_TRICKS": tricks}
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

def frozen():
    return "frozen" if gc.get_freeze_count() > 10_000 else "not frozen"

def painted(self):
    print("painted", state(), flush=True)

def ready(self):
    print("ready", state(), frozen(), flush=True)
    application.QCoreApplication.quit()

application.StartupHooks._say = lambda self, word: None
application.StartupHooks.painted = painted
application.StartupHooks.ready = ready
from jobhunt_desktop.app import main
code = main(["--db", sys.argv[1]])
print("after", state())
sys.exit(code)
"""


@pytest.mark.parametrize(
    ("tricks", "at_paint", "at_ready"),
    [("", "paused", "frozen"), ("-gc", "collecting", "not frozen")],
)
def test_garbage_collection_waits_until_the_window_is_ready(
    tmp_path: Path, tricks: str, at_paint: str, at_ready: str
) -> None:
    """Then what the start made, which lives as long as the window, is left out of
    every later collection, which would otherwise walk it all again each time."""
    result = start_window(tmp_path / "jobs.sqlite3", tmp_path, COLLECTION_REPORT, tricks=tricks)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"painted {at_paint}",
        f"ready collecting {at_ready}",
        "after collecting",
    ]


# What the first paint must not wait for: the ORM, the migrations, the services
# (all but the terminal log, which main() sets up first) and the window's parts that
# work on them.
HEAVY = ("sqlalchemy", "alembic", "jobhunt_desktop.services")
ALLOWED_EARLY = {"jobhunt_desktop.services", "jobhunt_desktop.services.error_log"}
HEAVY_MODULES = {
    "jobhunt_desktop.persistence.database",
    "jobhunt_desktop.persistence.models",
    "jobhunt_desktop.ui.operations",
    "jobhunt_desktop.ui.due_panel",
}


def imported_before_paint(
    path: Path, tmp_path: Path, tricks: str = ""
) -> tuple[set[str], set[str]]:
    """The modules the app imports before it prints PAINTED, and all it imports.
    Python's import log and the PAINTED line share one stream, in order."""
    env = {**window_env(tmp_path), "PYTHONUNBUFFERED": "1", "JOBHUNT_STARTUP_TRICKS": tricks}
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

    def modules(log: list[str]) -> set[str]:
        return {line.rsplit("|", 1)[-1].strip() for line in log if line.startswith("import")}

    return modules(lines[: lines.index("PAINTED")]), modules(lines)


def too_early(imported: set[str]) -> list[str]:
    return sorted(
        m
        for m in imported - ALLOWED_EARLY
        if m in HEAVY_MODULES or any(m == h or m.startswith(h + ".") for h in HEAVY)
    )


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path: Path) -> None:
    """The board is painted from a plain read (jobhunt_desktop.startup): SQLAlchemy,
    Alembic and the services come after it."""
    path = tmp_path / "jobs.sqlite3"
    database = open_database(f"sqlite:///{path}")
    seed_demo(Services.create(database, FixedClock(parse_datetime("2026-03-02T09:00", ZONE)), ZONE))
    database.close()
    before, everything = imported_before_paint(path, tmp_path)
    assert too_early(before) == []
    assert "jobhunt_desktop.startup.quick_board" in before  # the board it painted
    assert {"sqlalchemy", "jobhunt_desktop.services.container"} <= everything
    # The check sees them when they do come first: the quick board switched off.
    switched_off, _ = imported_before_paint(path, tmp_path, "-quick")
    assert {"sqlalchemy", "jobhunt_desktop.services.container"} <= set(too_early(switched_off))


def geometry_of(tmp_path: Path, more_env: dict[str, str], *args: str) -> dict[str, object]:
    """Run the app until it is ready and read back what it wrote of its window."""
    geometry = tmp_path / "geometry.json"
    env = {**window_env(tmp_path), "JOBHUNT_GEOMETRY_FILE": str(geometry), **more_env}
    result = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shown: dict[str, object] = json.loads(geometry.read_text())
    return shown


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_first_paint_is_in_the_chosen_colour_scheme(tmp_path: Path, scheme: str) -> None:
    folder = tmp_path / "config" / "jobhunt-desktop"
    folder.mkdir(parents=True)
    (folder / "jobhunt-desktop.conf").write_text(f"[window]\ncolour_scheme={scheme}\n")
    shown = geometry_of(tmp_path, {}, "--db", str(tmp_path / "jobs.sqlite3"))
    assert shown["dark"] is (scheme == "dark")


def test_the_demo_window_is_named_and_keeps_to_itself(tmp_path: Path) -> None:
    more = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    assert "sample data (demo)" in geometry_of(tmp_path, more, "--demo")["title"]
    config = tmp_path / "config"
    assert (config / "jobhunt-desktop" / "jobhunt-desktop-demo.conf").exists()
    assert not (config / "jobhunt-desktop" / "jobhunt-desktop.conf").exists()
    assert not (tmp_path / "data" / "jobhunt-desktop" / "jobhunt.sqlite3").exists()


def test_the_window_warns_once_about_a_database_in_a_synced_folder(tmp_path: Path) -> None:
    """Asked after the first paint; what it said is remembered in the state folder."""
    box = tmp_path / "Dropbox"
    box.mkdir()
    path = box / "jobs.sqlite3"
    env = {**window_env(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "READY" in done.stdout, done.stderr[-2000:]
    warned = tmp_path / "state" / "jobhunt-desktop" / "shared-folder-warnings.txt"
    assert warned.read_text(encoding="utf-8").splitlines() == [str(path)]


OUT_OF_REACH = """
import sys, time
from jobhunt_desktop.ui import application, connecting

started = time.monotonic()

def painted(self):
    print("painted", round(time.monotonic() - started, 1), self._window.status.text(), flush=True)

def asked(parent, message):
    print("asked", round(time.monotonic() - started, 1), message, flush=True)
    return connecting.AfterFailure.LOCAL

application.StartupHooks.painted = painted
connecting.ask_after_failure = asked
from jobhunt_desktop.app import main
sys.exit(main(["--database-url", sys.argv[1]]))
"""


def test_a_server_out_of_reach_leaves_the_frame_up_and_offers_this_computers_file(
    tmp_path: Path,
) -> None:
    """The frame paints at once, saying where it connects; the failure comes within
    the connect timeout, and the file on this computer opens instead."""
    env = {**window_env(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    url = "postgresql+psycopg://me@127.0.0.1:1/jobs"  # nothing listens on port 1
    done = run_code(OUT_OF_REACH, env, url)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    painted, asked = lines[0].split(" ", 2), lines[1].split(" ", 2)
    assert painted[0] == "painted" and painted[2] == "Connecting to 127.0.0.1…"
    assert asked[0] == "asked" and "could not be reached" in asked[2]
    assert float(asked[1]) < 6.0
    assert "READY" in lines[2:]
    assert (tmp_path / "data" / "jobhunt-desktop" / "jobhunt.sqlite3").exists()


ASKS_FOR_A_PASSWORD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from jobhunt_desktop.ui import application

answers = ["not-" + sys.argv[2], sys.argv[2]]  # a typo first, then the right one

def answer():
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QInputDialog) and dialog.isVisible():
        print("asked", dialog.labelText().splitlines()[0], flush=True)
        dialog.setTextValue(answers.pop(0))
        dialog.accept()
    if answers:
        QTimer.singleShot(20, answer)

def painted(self):
    QTimer.singleShot(0, answer)

application.StartupHooks.painted = painted
from jobhunt_desktop.app import main
sys.exit(main(["--database-url", sys.argv[1]]))
"""


def test_a_server_wanting_a_password_found_nowhere_is_asked_for_it_and_it_is_kept_nowhere(
    tmp_path: Path, login_db: str
) -> None:
    env = {
        **window_env(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PGPASSFILE": str(tmp_path / "no.pgpass"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no keyring here
    }
    env.pop("PGPASSWORD", None)
    done = run_code(ASKS_FOR_A_PASSWORD, env, login_db, LOGIN_PASSWORD)
    assert done.returncode == 0, done.stderr[-2000:]
    asked = [line for line in done.stdout.splitlines() if line.startswith("asked")]
    assert asked == [
        "asked Password for with_password, on the server on this computer:",
        "asked That password was refused. Password for with_password, on the server on "
        "this computer:",
    ]
    assert "READY" in done.stdout  # the board opened on the server
    assert LOGIN_PASSWORD not in done.stdout + done.stderr
    for written in tmp_path.rglob("*"):
        if written.is_file():
            assert LOGIN_PASSWORD.encode() not in written.read_bytes(), written


def test_the_window_opens_on_a_server_painting_its_frame_first(
    tmp_path: Path, server_db: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "--database-url", server_db],
        capture_output=True,
        text=True,
        env=window_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert said_in_order(done.stdout)

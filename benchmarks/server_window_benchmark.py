"""How long the window stops answering around everyday actions, on a PostgreSQL server
reached through a proxy that adds 20 ms to every round trip: the longest gap between
ticks of a 5 ms timer on the window's thread, from the action until 3 s later.

The actions: drops (saved off the window's thread, then the moved card, the counts and
the Follow-ups list read again), an undo, a change made by another program (seen by the
window's watcher), F5's full reload, and opening a card twice (how long until it shows;
the first also builds the dialog's code). Also how many statements ran on the window's
thread over the drops and the undo (the aim is none).

Needs a server: export JOBHUNT_TEST_POSTGRES_URL=$(bash .ci/postgres start)
Run: python benchmarks/server_window_benchmark.py [--cards N] [--drops N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from benchmarks.latency_proxy import LatencyProxy
from benchmarks.server_benchmark import scratch_database
from jobhunt_desktop.domain.clock import SystemClock
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.startup import gc_pause
from jobhunt_desktop.ui.board.column_model import encode_ids
from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
from jobhunt_desktop.ui.main_window import MainWindow

ZONE = "Europe/Berlin"
STAGES = ("Applied", "Screening", "Interviewing")


class StallMeter:
    """The longest gap between ticks of a 5 ms timer on the window's thread."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def around(
        self,
        action: Callable[[], object],
        settle_s: float = 3.0,
        done: Callable[[], bool] | None = None,
    ) -> tuple[float, float]:
        """The action's own time (or until `done` holds) and the longest stall from its
        start until settled."""
        self.longest, self._last = 0.0, time.perf_counter()
        started = time.perf_counter()
        action()
        took = acted = time.perf_counter() - started
        until = time.perf_counter() + settle_s
        while time.perf_counter() < until:
            self.app.processEvents()
            if done is not None and done():
                took, done = time.perf_counter() - started, None
            time.sleep(0.002)
        return took, max(self.longest, acted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--drops", type=int, default=5)
    args = parser.parse_args()
    with scratch_database("jobhunt_window_bench") as url:
        filler = open_database(url.render_as_string(hide_password=False))
        fill = Services.create(filler, SystemClock(), ZONE)
        for n in range(args.cards):
            fill.applications.add(f"Company {n}", "Analyst", stage=STAGES[n % len(STAGES)])
        socket = str(Path(str(url.query["host"])) / ".s.PGSQL.5432")
        port = LatencyProxy(socket, round_trip_ms=20).start()
        far = url.set(host="127.0.0.1", port=port, query={}).render_as_string(False)
        measure(far, fill, args.drops)
        filler.close()


def measure(far: str, elsewhere: Services, drops: int) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    db = open_database(far)
    services = Services.create(db, SystemClock(), ZONE)
    with tempfile.TemporaryDirectory() as folder:
        ini = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, ini)
        window.show()
        meter = StallMeter(app)
        meter.around(lambda: None)  # the first paint and reads settle
        gc_pause.freeze()  # as the app does once its window is ready
        on_window: list[str] = []

        def seen(*_args: object) -> None:
            if threading.current_thread() is threading.main_thread():
                on_window.append("statement")

        event.listen(db.engine, "before_cursor_execute", seen)
        columns = {c.model.stage.name: c.model for c in window.board.columns}
        stalls = []
        for _ in range(drops):
            card = columns["Applied"].card(0).id
            target = columns["Screening"]
            stalls.append(
                meter.around(
                    lambda card=card, target=target: target.dropMimeData(
                        encode_ids([card]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
                    )
                )[1]
            )
        _, undo = meter.around(window.undo_action.trigger)
        event.remove(db.engine, "before_cursor_execute", seen)
        print(
            f"drop: longest stall median {sorted(stalls)[len(stalls) // 2] * 1e3:.1f} ms, "
            f"worst {max(stalls) * 1e3:.1f} ms; undo: {undo * 1e3:.1f} ms; statements on "
            f"the window's thread over {drops} drops and the undo: {len(on_window)}"
        )
        card = columns["Applied"].card(0).id
        interviewing = next(s.id for s in elsewhere.stages.all() if s.name == "Interviewing")
        started = time.perf_counter()
        elsewhere.applications.move([card], interviewing)  # another program, at 0 ms
        _, remote = meter.around(lambda: None, settle_s=3.0)
        shown = columns["Interviewing"].holds(card)
        print(
            f"a change from another program: longest stall {remote * 1e3:.1f} ms, on the "
            f"board {'yes' if shown else 'no'} after {time.perf_counter() - started:.1f} s"
        )
        _, stall = meter.around(window.refresh_action.trigger, settle_s=1.5)
        print(f"F5 (full reload, read off the window's thread): longest stall {stall * 1e3:.1f} ms")
        card = columns["Applied"].card(0).id

        def card_shown() -> bool:
            return any(d.isVisible() for d in window.findChildren(CardDialog))

        for time_ in ("first", "second"):
            took, stall = meter.around(lambda: window.open_card(card), 1.5, card_shown)
            print(
                f"opening a card, {time_} time: shown after {took * 1e3:.1f} ms, "
                f"longest stall {stall * 1e3:.1f} ms"
            )
            for dialog in window.findChildren(CardDialog):
                dialog.close()
        window.close()
    db.close()


if __name__ == "__main__":
    main()

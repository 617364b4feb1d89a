"""Insights at the size of a long job hunt: 10,000 cards, 50,000 events (store_benchmark's
file, follow-ups planned, some feedback written, and each card's way to its stage in the
history: created in Applied, then a move per stage on the way, about 25,000 entries).
Prints the median time of `stats` in process: the reads, the figures, and the feedback
themes, each on its own and together.
Run: python benchmarks/insights_benchmark.py [--apps N] [--events N] [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from benchmarks.store_benchmark import NOW, fill
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.feedback_themes import themes
from jobhunt_desktop.domain.insights import Period, compute
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.persistence.models import ApplicationRow, EventRow, HistoryRow, StageRow
from jobhunt_desktop.persistence.repositories import StageRepository
from jobhunt_desktop.persistence.repositories.insights import insight_sources
from jobhunt_desktop.services.collector import collector_held_off
from jobhunt_desktop.services.container import Services

ZONE = "Europe/Berlin"
REASONS = [
    "We were looking for more Kubernetes experience.",
    "The role needed someone more senior.",
    "Salary expectations were above our range.",
    "We went with a candidate with more industry experience.",
    "Strong interview, but we need deeper Kubernetes experience in production.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--no-history", action="store_true", help="leave the stage history empty, as before"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        fill(path, args.apps, args.events)
        db = open_database(sqlite_url(path))
        rng = random.Random(3)
        with db.write() as session:  # a rejection with feedback on one card in ten
            ids = list(session.scalars(select(EventRow.id).where(EventRow.kind == EventKind.REPLY)))
            for event_id in rng.sample(ids, min(len(ids), args.apps // 10)):
                session.execute(
                    update(EventRow)
                    .where(EventRow.id == event_id)
                    .values(kind=EventKind.REJECTION, feedback=rng.choice(REASONS))
                )
            if not args.no_history:
                add_history(session, rng)
        services = Services.create(db, FixedClock(NOW), ZONE)
        services.followups.replan_all()
        print(f"database: {args.apps:,} cards, {args.events:,} events")

        def median_ms(call: object) -> float:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                with collector_held_off():  # as InsightService.compute runs them
                    call()  # type: ignore[operator]
                times.append(time.perf_counter() - started)
            return statistics.median(times) * 1e3

        def read() -> object:
            with db.read() as session:
                return insight_sources(session), StageRepository(session).all()

        sources, stages = read()  # type: ignore[misc]
        today = NOW.date()
        figures = lambda: compute(  # noqa: E731
            sources.cards, sources.arrivals, stages, today,
            promises=sources.promises, messages=sources.messages, period=Period(), zone=ZONE,
        )  # fmt: skip
        print(f"  reads (five aggregate queries): {median_ms(read):.0f} ms")
        print(f"  figures (domain):               {median_ms(figures):.0f} ms")
        print(
            f"  feedback themes ({len(sources.feedback):,} texts): "
            f"{median_ms(lambda: themes(sources.feedback)):.0f} ms"
        )
        print(f"stats in process, all of it:      {median_ms(services.insights.compute):.0f} ms")
        view_ms(services, args.runs)
        db.close()


def add_history(session: Session, rng: random.Random) -> None:
    """Created in Applied on the applied day (a wishlist card in Wishlist), then moved a
    few days apart along the path to the card's stage; a closed card leaves from wherever
    it had got to."""
    stages = list(session.scalars(select(StageRow).order_by(StageRow.position)))
    path = [s for s in stages if s.kind is not StageKind.CLOSED_LOST]
    wishlist, path = path[0], path[1:]
    by_id = {s.id: s for s in stages}
    cards = session.execute(
        select(ApplicationRow.id, ApplicationRow.stage_id, ApplicationRow.applied_on)
    )
    rows = []
    for card, stage_id, applied_on in cards:
        at = datetime.combine(applied_on, datetime.min.time()) + timedelta(hours=9)
        target = by_id[stage_id]
        way = [path[0].name]
        if target is wishlist:
            way = [wishlist.name]
        elif target in path:
            way += [s.name for s in path[1 : path.index(target) + 1]]
        else:
            way += [s.name for s in path[1 : rng.randint(1, 3)]] + [target.name]
        rows.append({"application_id": card, "at": at, "action": "created", "field": "stage",
                     "new_value": way[0]})  # fmt: skip
        for old, new in itertools.pairwise(way):
            at += timedelta(days=rng.randint(1, 12))
            rows.append({"application_id": card, "at": at, "action": "moved", "field": "stage",
                         "old_value": old, "new_value": new})  # fmt: skip
    session.execute(insert(HistoryRow), rows)
    print(f"history: {len(rows):,} stage entries")


def view_ms(services: Services, runs: int) -> None:
    """View > Insights opened on the board, offscreen, once matplotlib is loaded."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jobhunt_desktop.ui.insights.insights_window import InsightsWindow
    from jobhunt_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        window.show()
        app.processEvents()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            view = InsightsWindow(window)
            view.show()
            app.processEvents()
            for canvas in view.canvases.values():
                canvas.draw()  # painted, not only laid out
            times.append(time.perf_counter() - started)
            view.close()
            view.deleteLater()
            app.processEvents()
        print(f"View > Insights opened and drawn:  {statistics.median(times) * 1e3:.0f} ms")
        window.close()


if __name__ == "__main__":
    main()

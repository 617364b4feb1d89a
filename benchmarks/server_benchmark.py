"""The same store on a SQLite file and on a PostgreSQL server, at a long hunt's size
(store_benchmark's 10,000 cards and 50,000 events, copied to the server by `transfer`):
the board's data, one move as a service call with the round trips it costs, and the
reminder check the window and the watcher run, on each (on the local server also the
round trips of the other everyday operations); on the server also through a
proxy that adds 20 ms to every round trip, as a server across the internet would.
Then the window's start on each (`python -m jobhunt_desktop`, as window_benchmark.py
times it): to its first paint (on a server the frame, saying it connects) and until
it is ready, with the ratio server/file.

Needs a server: export JOBHUNT_TEST_POSTGRES_URL=$(bash .ci/postgres start) (the test
cluster runs without fsync, so its commits are quicker than a real server's).
Run: python benchmarks/server_benchmark.py [--apps N] [--events N] [--moves N] [--starts N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from benchmarks.latency_proxy import LatencyProxy
from benchmarks.store_benchmark import NOW, fill
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.services.container import Services

ZONE = "Europe/Berlin"


class Quiet:
    """A notifier that shows nothing: the check's own cost is what is measured."""

    def problem(self) -> str | None:
        return None

    def send(self, notice: Notice) -> None:
        pass


class RoundTrips:
    """Round trips to the server, as the latency proxy counts them (statements sent
    together, in a pipeline, are one); none on a file."""

    def __init__(self, proxy: LatencyProxy | None) -> None:
        self.proxy = proxy

    @property
    def count(self) -> int:
        return self.proxy.round_trips if self.proxy is not None else 0


@contextmanager
def scratch_database(prefix: str) -> Iterator[URL]:
    """A database of its own on the test server, dropped afterwards."""
    server = os.environ.get("JOBHUNT_TEST_POSTGRES_URL")
    if not server:
        sys.exit("set JOBHUNT_TEST_POSTGRES_URL (bash .ci/postgres start prints it)")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def operation_trips(services: Services, trips: RoundTrips, ids: list[int]) -> str:
    """The round trips of one of each everyday operation, on cards not moved before."""
    due = [row.followup.id for row in services.followups.due(NOW + timedelta(days=60))]
    screening = next(s.id for s in services.stages.all() if s.name == "Screening")
    done: dict[str, Any] = {}
    operations: dict[str, Callable[[], object]] = {
        "move": lambda: done.setdefault(
            "move", services.applications.move([ids[-1]], screening, index=0)
        ),
        "undo": lambda: services.undo.put_back(
            done["move"].before, own_versions=done["move"].changes.versions
        ),
        "edit": lambda: services.applications.edit(ids[-2], {"title": "Lead Analyst"}, {}),
        "interview": lambda: services.events.interview(ids[-3], NOW - timedelta(hours=2)),
        "reply": lambda: services.events.reply(ids[-5], notes="They will call"),
        "offer": lambda: services.events.offer(ids[-6]),
        "snooze": lambda: services.followups.snooze(due[0], NOW + timedelta(days=1)),
        "dismiss": lambda: services.followups.dismiss(due[1]),
        "archive": lambda: services.applications.set_archived(ids[-4]),
        "add": lambda: services.applications.add("Newco", "Analyst", stage="Applied"),
        "delete": lambda: done.setdefault("gone", services.applications.delete(ids[-7])),
        "undelete": lambda: services.applications.undelete(done["gone"].value[0]),
    }
    costs = []
    for name, operation in operations.items():
        before = trips.count
        operation()
        costs.append(f"{name} {trips.count - before}")
    return ", ".join(costs)


def measure(label: str, url: str, moves: int, proxy: LatencyProxy | None = None) -> None:
    """The figures on one store; with `proxy` (the one `url` goes through) also the
    round trips of each operation."""
    db = open_database(url)
    services = Services.create(db, FixedClock(NOW), ZONE)
    trips = RoundTrips(proxy)
    board = median_ms(services.applications.board, 5)
    ids = [row.id for row in services.applications.board()]
    stage_ids = [s.id for s in services.stages.all()]
    rng = random.Random(11)
    per_move, costs = [], []
    for _ in range(moves):
        before = trips.count
        started = time.perf_counter()
        services.applications.move([rng.choice(ids)], rng.choice(stage_ids), index=0)
        per_move.append(time.perf_counter() - started)
        costs.append(trips.count - before)
    before = trips.count
    services.reminders.check(Quiet(), "bench", "bench-device")  # shows what is owed
    check_trips = trips.count - before
    before = trips.count
    check = median_ms(lambda: services.reminders.check(Quiet(), "bench", "bench-device"), 20)
    idle_trips = (trips.count - before) / 20  # nothing owed any more: every minute's check
    counted = (
        f", {statistics.median(costs):.0f} round trips" if proxy else "",
        f", {idle_trips:.0f} round trips (showing {check_trips})" if proxy else "",
    )
    print(
        f"{label:<28} board {board:7.1f} ms | move median "
        f"{statistics.median(per_move) * 1e3:6.1f} ms, p95 "
        f"{sorted(per_move)[int(len(per_move) * 0.95)] * 1e3:6.1f} ms{counted[0]} | "
        f"reminder check {check:6.1f} ms{counted[1]}"
    )
    if proxy:
        print(f"{'':<28} round trips: {operation_trips(services, trips, ids)}")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--starts", type=int, default=5, help="window starts per store")
    args = parser.parse_args()
    with (
        scratch_database("jobhunt_bench") as server_url,
        tempfile.TemporaryDirectory() as folder,
    ):
        path = Path(folder) / "bench.sqlite3"
        fill(path, args.apps, args.events)
        db = open_database(sqlite_url(path))
        source = Services.create(db, FixedClock(NOW), ZONE)
        source.followups.replan_all()
        started = time.perf_counter()
        done = source.transfer.to(server_url.render_as_string(hide_password=False))
        took = time.perf_counter() - started
        db.close()
        print(f"{done.cards:,} cards and all with them copied to the server in {took:.1f} s")
        measure("SQLite file", sqlite_url(path), args.moves)
        measure("PostgreSQL, local socket", server_url.render_as_string(False), args.moves)
        socket_dir = server_url.query["host"]
        socket = str(Path(str(socket_dir)) / ".s.PGSQL.5432")
        proxy = LatencyProxy(socket, round_trip_ms=20)
        far = server_url.set(host="127.0.0.1", port=proxy.start(), query={})
        far_moves = max(10, args.moves // 5)
        measure("PostgreSQL, +20 ms a trip", far.render_as_string(False), far_moves, proxy)
        if args.starts:
            near = server_url.render_as_string(False)
            starts(
                {
                    "SQLite file": ["--db", str(path)],
                    "PostgreSQL, local socket": ["--database-url", near],
                    "PostgreSQL, +20 ms a trip": ["--database-url", far.render_as_string(False)],
                },
                Path(folder),
                args.starts,
            )


def starts(stores: dict[str, list[str]], folder: Path, runs: int) -> None:
    """The window started on each store in turn, `runs` rounds after a warm-up one."""
    from benchmarks.window_benchmark import child_env, first_paint

    env = child_env(folder, "offscreen", None)
    commands = {name: [sys.executable, "-m", "jobhunt_desktop", *a] for name, a in stores.items()}
    for command in commands.values():
        first_paint(command, env)  # byte code cached, the server's caches warm
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            run = first_paint(command, env)
            times[name].append((run.seconds, run.ready))
    base = statistics.median(r for _, r in times["SQLite file"])
    for name, runs_of in times.items():
        paint = statistics.median(p for p, _ in runs_of) * 1e3
        ready = statistics.median(r for _, r in runs_of)
        print(
            f"window start, {name:<26} first paint {paint:6.0f} ms | ready "
            f"{ready * 1e3:6.0f} ms ({ready / base:.2f}x the file's)"
        )


if __name__ == "__main__":
    main()

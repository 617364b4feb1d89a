"""Reminder figures: one due check with 100,000 follow-ups, and the watcher at rest.

(a) one `ReminderService.check` (settings read, claim transaction, next-wake queries)
    on a file of 10,000 applications whose history left 100,000 follow-ups, nearly
    all of them long notified, sent, dismissed or superseded; median of --checks runs
    with nothing owed, after 20 warm-up checks, then one run that delivers 3 owed
    reminders (target: < 5 ms);
(b) the CPU time of `jobhunt-desktop reminders --watch` on that file over --idle
    seconds of wall time with nothing owed (target: near zero), from /proc.

Run: python benchmarks/reminder_benchmark.py [--followups N] [--checks N] [--idle S]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from benchmarks.store_benchmark import fill
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.persistence.models import ApplicationRow, FollowUpRow
from jobhunt_desktop.services.container import Services

ZONE = "UTC"
DEVICE = "bench-computer"  # as the window and the watcher check: with this computer's name


class Counting:
    """Counts notices instead of showing them: the figure is the engine's own time."""

    def __init__(self) -> None:
        self.count = 0

    def problem(self) -> str | None:
        return None

    def send(self, notice: Notice) -> None:
        self.count += 1


def add_followups(path: Path, total: int, now: datetime) -> None:
    db = open_database(f"sqlite:///{path}")
    rng = random.Random(11)
    naive = now.replace(tzinfo=None)
    with db.write() as session:
        session.execute(FollowUpRow.__table__.delete())
        app_ids = list(session.scalars(select(ApplicationRow.id)))
        rows = []
        for i in range(total):
            due = naive - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440))
            state = rng.choices(["sent", "dismissed", "superseded", "pending"], [40, 20, 37, 3])[0]
            future = state == "pending" and rng.random() < 0.5
            if future:
                due = naive + timedelta(days=rng.randint(1, 30))
            rows.append(
                {
                    "application_id": rng.choice(app_ids),
                    "key": f"bench:{i}",
                    "kind": "application_check",
                    "rule": "R5",
                    "due_at": due,
                    "zone": ZONE,
                    "state": state,
                    "remind_at": due,
                    "attempts": 1,
                    "created_at": due - timedelta(days=7),
                    "notified_at": None if future else due + timedelta(minutes=1),
                    "notify_at": due if future else None,
                }
            )
        session.execute(insert(FollowUpRow), rows)
    db.close()


def owe_three(path: Path, now: datetime) -> None:
    db = open_database(f"sqlite:///{path}")
    with db.write() as session:
        ids = list(
            session.scalars(select(FollowUpRow.id).where(FollowUpRow.state == "pending").limit(3))
        )
        session.execute(
            FollowUpRow.__table__.update()
            .where(FollowUpRow.id.in_(ids))
            .values(notify_at=now.replace(tzinfo=None) - timedelta(minutes=1))
        )
    db.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followups", type=int, default=100_000)
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--idle", type=float, default=60.0)
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "jobs.sqlite3"
        started = time.perf_counter()
        fill(path, 10_000, 10_000)
        add_followups(path, args.followups, now)
        print(
            f"database: 10,000 applications, {args.followups:,} follow-ups "
            f"({time.perf_counter() - started:.1f} s); Python {sys.version.split()[0]}"
        )
        db = open_database(f"sqlite:///{path}")
        services = Services.create(db, FixedClock(now), ZONE)
        services.settings.set("r12_min_active", "1")
        notifier = Counting()
        for _ in range(20):  # warm-up: first connections, SQLAlchemy's statement cache
            services.reminders.check(notifier, "bench", DEVICE)
        times = []
        for _ in range(args.checks):
            began = time.perf_counter()
            services.reminders.check(notifier, "bench", DEVICE)
            times.append(time.perf_counter() - began)
        times.sort()
        median, p95 = statistics.median(times) * 1e3, times[int(len(times) * 0.95)] * 1e3
        verdict = "ok" if median < 5 else "OVER TARGET"
        print(
            f"(a) one due check, nothing owed: median {median:.2f} ms, p95 {p95:.2f} ms "
            f"over {args.checks} checks (target < 5 ms: {verdict})"
        )
        db.close()
        owe_three(path, now)
        db = open_database(f"sqlite:///{path}")
        services = Services.create(db, FixedClock(now), ZONE)
        began = time.perf_counter()
        result = services.reminders.check(notifier, "bench", DEVICE)
        took = (time.perf_counter() - began) * 1e3
        print(f"    one due check delivering {len(result.delivered)} reminders: {took:.2f} ms")
        db.close()

        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
        watcher = subprocess.Popen(
            [sys.executable, "-m", "jobhunt_desktop", "--db", str(path), "reminders", "--watch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            time.sleep(3)  # started, first check done
            cpu_before, wall_before = cpu_seconds(watcher.pid), time.monotonic()
            time.sleep(args.idle)
            cpu = cpu_seconds(watcher.pid) - cpu_before
            wall = time.monotonic() - wall_before
        finally:
            watcher.terminate()
            watcher.wait(timeout=30)
        print(
            f"(b) watcher at rest: {cpu * 1e3:.0f} ms of CPU over {wall:.0f} s "
            f"({cpu / wall * 100:.3f} % of one core)"
        )


if __name__ == "__main__":
    main()

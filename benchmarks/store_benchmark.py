"""Store figures at a size a long job hunt reaches: 10,000 applications, 50,000 events.

Prints the time to load the board's data, the median time of one `move` as a service
call (a full user action: transaction, history, re-planning), and the time of the
due-follow-ups query. Run: python benchmarks/store_benchmark.py [--apps N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.rules import company_key
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.persistence.models import ApplicationRow, CompanyRow, EventRow, StageRow
from jobhunt_desktop.services.container import Services

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def fill(path: Path, apps: int, events: int) -> None:
    db = open_database(f"sqlite:///{path}")
    rng = random.Random(7)
    with db.write() as session:
        stages = list(session.scalars(select(StageRow).order_by(StageRow.position)))
        companies = [f"Company {i}" for i in range(apps // 4)]
        session.execute(
            insert(CompanyRow), [{"name": n, "name_key": company_key(n)} for n in companies]
        )
        company_ids = list(session.scalars(select(CompanyRow.id)))
        naive = NOW.replace(tzinfo=None)
        rows = []
        # A long search: most cards closed, a few dozen in play (stage order as seeded).
        weights = [4, 14, 2, 2, 0.3, 0, 48, 29.7][: len(stages)]
        for i in range(apps):
            stage = rng.choices(stages, weights)[0]
            rows.append(
                {
                    "company_id": rng.choice(company_ids),
                    "title": f"Role {i}",
                    "stage_id": stage.id,
                    "position": float(i),
                    "priority": rng.choice([-1, 0, 0, 1, 2]),
                    "archived": False,
                    "created_at": naive - timedelta(days=rng.randint(0, 700)),
                    "updated_at": naive,
                    "stage_entered_at": naive - timedelta(days=rng.randint(0, 90)),
                    "applied_on": (naive - timedelta(days=rng.randint(0, 700))).date(),
                }
            )
        session.execute(insert(ApplicationRow), rows)
        app_ids = list(session.scalars(select(ApplicationRow.id)))
        kinds = [EventKind.INTERVIEW, EventKind.REPLY, EventKind.MESSAGE_SENT, EventKind.REPLY]
        event_rows = []
        for _ in range(events):
            at = naive - timedelta(hours=rng.randint(0, 24 * 700))
            kind = rng.choice(kinds)
            event_rows.append(
                {
                    "application_id": rng.choice(app_ids),
                    "kind": kind.value,
                    "occurred_at": at,
                    "recorded_at": at,
                    "zone": "Europe/Berlin",
                    "ends_at": at + timedelta(hours=1) if kind is EventKind.INTERVIEW else None,
                    "round": rng.randint(1, 3) if kind is EventKind.INTERVIEW else None,
                }
            )
        session.execute(insert(EventRow), event_rows)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        fill(path, args.apps, args.events)
        print(
            f"filled {args.apps} applications, {args.events} events "
            f"in {time.perf_counter() - started:.1f} s"
        )

        db = open_database(f"sqlite:///{path}")
        services = Services.create(db, FixedClock(NOW), "Europe/Berlin")
        started = time.perf_counter()
        planned = services.followups.replan_all()
        print(
            f"planned follow-ups for {planned.value} applications in "
            f"{time.perf_counter() - started:.1f} s"
        )

        loads = []
        for _ in range(5):
            started = time.perf_counter()
            board = services.applications.board()
            loads.append(time.perf_counter() - started)
        print(
            f"board data load ({len(board)} cards): median {statistics.median(loads) * 1e3:.1f} ms"
        )

        rng = random.Random(11)
        stage_ids = [s.id for s in services.stages.all()]
        ids = [row.id for row in board]
        moves = []
        for _ in range(args.moves):
            started = time.perf_counter()
            services.applications.move([rng.choice(ids)], rng.choice(stage_ids), index=0)
            moves.append(time.perf_counter() - started)
        print(
            f"move as a service call: median {statistics.median(moves) * 1e3:.2f} ms, "
            f"p95 {sorted(moves)[int(len(moves) * 0.95)] * 1e3:.2f} ms ({args.moves} moves)"
        )

        dues = []
        for _ in range(20):
            started = time.perf_counter()
            due = services.followups.due(NOW)
            dues.append(time.perf_counter() - started)
        print(
            f"due follow-ups query, whole list ({len(due)} due): "
            f"median {statistics.median(dues) * 1e3:.1f} ms"
        )
        firsts = []
        for _ in range(50):
            started = time.perf_counter()
            services.followups.due(NOW, limit=50)
            firsts.append(time.perf_counter() - started)
        print(
            "due follow-ups query, first 50 (what a reminder check reads): "
            f"median {statistics.median(firsts) * 1e3:.2f} ms"
        )
        db.close()


if __name__ == "__main__":
    main()

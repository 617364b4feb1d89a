"""Two computers on one PostgreSQL server for 20 seconds, each moving cards and
showing reminders as its window and its watcher: no move is lost, no two cards share
a position, and each reminder is shown once on each computer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from jobhunt_desktop.domain.clock import SystemClock
from jobhunt_desktop.domain.entities import FollowUpKind, FollowUpState
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.persistence.models import ApplicationRow, FollowUpRow, HistoryRow
from jobhunt_desktop.services.container import Services

ROOT = Path(__file__).resolve().parents[2]
WORKER = str(ROOT / "tests/persistence/two_computers_worker.py")
SECONDS = 20
CARDS = 12
REMINDERS = 30


def prepare(url: str) -> tuple[list[int], list[int]]:
    """Cards to move, and reminders falling due one after another during the run, on a
    card of their own that nobody moves (a move re-plans its card's follow-ups)."""
    db = open_database(url)
    try:
        services = Services.create(db, SystemClock(), "UTC")
        services.settings.set("r12_min_active", "1")
        cards = [
            services.applications.add(f"Company {i}", "Analyst", stage="Applied").id
            for i in range(CARDS)
        ]
        holder = services.applications.add("Reminders Inc", "Analyst", stage="Wishlist").id
        start = datetime.now(UTC).replace(tzinfo=None)
        with db.write() as session:
            for n in range(REMINDERS):
                due = start + timedelta(seconds=n * (SECONDS - 4) / REMINDERS)
                session.add(
                    FollowUpRow(
                        application_id=holder, key=f"run:{n}", kind=FollowUpKind.APPLICATION_CHECK,
                        rule="R5", due_at=due, zone="UTC", state=FollowUpState.PENDING,
                        remind_at=due, notify_at=due, attempts=0, created_at=due,
                    )
                )  # fmt: skip
            session.flush()
        with db.read() as session:
            reminders = list(
                session.scalars(select(FollowUpRow.id).where(FollowUpRow.key.like("run:%")))
            )
        return cards, reminders
    finally:
        db.close()


def test_two_computers_moving_cards_and_showing_reminders(server_db: str, tmp_path: Path) -> None:
    cards, reminders = prepare(server_db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests/persistence/two_computers_worker.py"),
                server_db,
                device,
                str(SECONDS),
                str(seed),
                ",".join(map(str, cards)),
                str(tmp_path / device),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for seed, device in enumerate(("laptop", "desktop"))
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        assert worker.wait(timeout=SECONDS + 60) == 0
        for pipe in (worker.stdin, worker.stdout):
            if pipe is not None:
                pipe.close()
    runs = {d: json.loads((tmp_path / d).read_text()) for d in ("laptop", "desktop")}

    db = open_database(server_db)
    try:
        with db.read() as session:
            places = session.execute(
                select(ApplicationRow.stage_id, ApplicationRow.position, func.count())
                .group_by(ApplicationRow.stage_id, ApplicationRow.position)
                .having(func.count() > 1)
            ).all()
            assert places == []  # no two cards at one position
            moved = session.scalar(
                select(func.count()).select_from(HistoryRow).where(HistoryRow.action == "moved")
            )
            made = sum(len(run["moves"]) for run in runs.values())
            assert made > 50 and moved == made  # every move that reported a change is there
            for card in cards:  # and each card is where its last recorded move put it
                last = session.scalar(
                    select(HistoryRow.new_value)
                    .where(HistoryRow.application_id == card, HistoryRow.field == "stage")
                    .order_by(HistoryRow.id.desc())
                    .limit(1)
                )
                assert (
                    last
                    == Services.create(db, SystemClock(), "UTC").applications.get(card).stage.name
                )
    finally:
        db.close()
    for device, run in runs.items():
        # Only the reminders due through the run are counted: the moves' own follow-ups
        # come back by design when a move is news to them (another offer, say).
        per_reminder = Counter(f for f, _token in run["shown"] if f in reminders)
        assert per_reminder == dict.fromkeys(reminders, 1), device  # window and watcher together
        tokens = {token for _followup, token in run["shown"]}
        assert tokens <= {f"{device}:window", f"{device}:watcher"}

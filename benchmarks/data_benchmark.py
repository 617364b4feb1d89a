"""Data in and out at the size of a long job hunt: 10,000 cards, 50,000 events.

Prints the time of one backup (the copy, and the integrity check of the copy on its
own), of the CSV and JSON exports, of the calendar export, and of importing a
10,000-row spreadsheet into an empty database (reading and previewing it, then the
import with its planning). Medians of --runs runs where a run is cheap enough to
repeat. Run: python benchmarks/data_benchmark.py [--apps N] [--events N] [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_benchmark import NOW, fill
from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.import_plan import Answers
from jobhunt_desktop.domain.import_values import DayOrder
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.persistence.sqlite_copies import copy_file
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.imports import ImportRequest

ZONE = "Europe/Berlin"
STATUSES = ["Applied", "Phone screen", "Interview", "Rejected", "Ghosted", "Offer", "Wishlist"]


def timed(call: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def spreadsheet(path: Path, rows: int) -> None:
    """A sheet as people keep one: their own headers, dates and salaries as typed."""
    rng = random.Random(5)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Company", "Role", "Status", "Date applied", "Salary", "Location", "Notes"])
        for i in range(rows):
            out.writerow(
                [
                    f"Company {i % 2500}",
                    f"Role {i}",
                    rng.choice(STATUSES),
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026",
                    f"{rng.randint(40, 90)}k",
                    rng.choice(["Berlin", "Remote", "Lisbon", "Toronto"]),
                    "Found through a friend" if i % 7 == 0 else "",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        path = folder / "bench.sqlite3"
        fill(path, args.apps, args.events)
        db = open_database(sqlite_url(path))
        services = Services.create(db, FixedClock(NOW), ZONE)
        services.followups.replan_all()
        size = path.stat().st_size / 2**20
        print(f"database: {args.apps:,} cards, {args.events:,} events, {size:.1f} MiB")

        copy = folder / "copy.sqlite3"
        backup, _ = timed(lambda: services.backups.backup(copy), args.runs)

        def check() -> object:
            with closing(sqlite3.connect(copy)) as con:
                return con.execute("PRAGMA integrity_check(1)").fetchone()

        checking, _ = timed(check, args.runs)
        plain = folder / "plain.sqlite3"
        print(
            f"backup: {backup * 1e3:.0f} ms, of which the integrity check of the copy "
            f"{checking * 1e3:.0f} ms (copy_file alone, same path: "
            f"{timed(lambda: copy_file(path, plain), args.runs)[0] * 1e3:.0f} ms)"
        )

        for name, export in (
            ("CSV", services.exports.csv),
            ("JSON", services.exports.json),
            ("calendar (.ics)", services.calendar.ics),
        ):
            took, data = timed(export, args.runs)
            assert isinstance(data, bytes)
            print(f"export {name}: {took * 1e3:.0f} ms ({len(data) / 2**20:.1f} MiB)")
        db.close()

        sheet = folder / "sheet.csv"
        spreadsheet(sheet, args.apps)
        target = open_database(sqlite_url(folder / "imported.sqlite3"))
        other = Services.create(target, FixedClock(NOW), ZONE)
        started = time.perf_counter()
        request = ImportRequest(sheet, answers=Answers(day_order=DayOrder.DAY_FIRST))
        preview = other.imports.preview(request)
        previewed = time.perf_counter() - started
        started = time.perf_counter()
        done = other.imports.run(preview)
        ran = time.perf_counter() - started
        print(
            f"import of a {args.apps:,}-row CSV: {previewed + ran:.2f} s in all "
            f"(read and preview {previewed:.2f} s, import with planning {ran:.2f} s; "
            f"{len(done.added):,} cards, {done.due:,} status checks due, "
            f"{done.missed:,} follow-ups missed)"
        )
        target.close()


if __name__ == "__main__":
    main()

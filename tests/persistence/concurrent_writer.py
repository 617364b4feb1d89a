"""Child process for test_database.py: many short read-then-write transactions.

Usage: concurrent_writer.py URL TAG COUNT open-first|go-first

Prints "ready" and waits for a line on stdin, so that the test can start several
of these at the same moment. With `open-first` it opens the database before waiting;
with `go-first` it waits first, so the processes also race to create and migrate it.
"""

from __future__ import annotations

import sys

from sqlalchemy import func, select

from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.persistence.models import SettingRow


def main(argv: list[str]) -> int:
    url, tag, count, order = argv[1], argv[2], int(argv[3]), argv[4]
    db = open_database(url) if order == "open-first" else None
    print("ready", flush=True)
    sys.stdin.readline()
    if db is None:
        db = open_database(url)
    try:
        for i in range(count):
            with db.write() as session:
                # Read, then write on what was read: only safe if the transaction
                # holds the write lock from its start (BEGIN IMMEDIATE).
                seen = session.scalar(select(func.count()).select_from(SettingRow)) or 0
                session.add(SettingRow(key=f"{tag}-{i:04d}", value=str(seen + 1)))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

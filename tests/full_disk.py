"""A real "disk full" from SQLite: no page may be added beyond those the file has now.

`PRAGMA max_page_count` holds per connection, so it is set on every new connection
of the engine (or of every engine, given the Pool class) while the block runs; the
pools are emptied before and after, so no connection escapes either way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool


@contextmanager
def disk_full(path: Path, target: Engine | type[Pool] = Pool) -> Iterator[None]:
    engine = target if isinstance(target, Engine) else None
    if engine is not None:
        engine.dispose()
    with closing(sqlite3.connect(path)) as con:
        pages = int(con.execute("PRAGMA page_count").fetchone()[0])

    def no_room(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}").close()

    event.listen(target, "connect", no_room)
    try:
        yield
    finally:
        event.remove(target, "connect", no_room)
        if engine is not None:
            engine.dispose()

"""The one lazy import of the start: the services, opened when first asked for.

The ORM, the migrations and the services are most of what a start imports, and the
first paint needs none of them. `DeferredServices` keeps what opening them takes and
imports them only when it is called: the window calls it once its board, read by
`quick_board`, is on screen, or first of all when there is no board to paint yet (a
new file, an older schema, a database server).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from jobhunt_desktop.domain.clock import Clock

if TYPE_CHECKING:
    from jobhunt_desktop.persistence.database import Database
    from jobhunt_desktop.services.container import Services


class DeferredServices:
    """Called, opens the database (checked, upgraded if need be) and builds the
    services; `close` closes every database it opened."""

    def __init__(
        self,
        db_path: str | Path | None,
        database_url: str | None,
        environ: Mapping[str, str],
        clock: Clock,
        default_zone: str,
        busy_timeout_ms: int,
    ) -> None:
        self._where = (db_path, database_url, dict(environ))
        self._clock = clock
        self._default_zone = default_zone
        self._busy_timeout_ms = busy_timeout_ms
        self._opened: list[Database] = []

    def __call__(self, password: str | None = None) -> Services:
        """`password`: one the person typed for a server (kept by nothing but its
        connections)."""
        from jobhunt_desktop.persistence.database import open_database, resolve_url
        from jobhunt_desktop.services.container import Services

        url = resolve_url(*self._where)
        db = open_database(url, busy_timeout_ms=self._busy_timeout_ms, password=password)
        self._opened.append(db)
        return Services.create(db, self._clock, self._default_zone)

    def close(self) -> None:
        opened, self._opened = self._opened, []
        for db in opened:
            db.close()

"""Read the board straight from the file, before SQLAlchemy is imported.

Start-up is dominated by importing the ORM, which the first picture of the board
does not need. This reader answers with plain sqlite3 and the shared board query,
or with None whenever anything is unusual (no file yet, an older schema, a file of
another program, a damaged one): the normal path then opens, checks, and reports.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.readmodels import BoardStart
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.timeutil import zone_name
from jobhunt_desktop.persistence import board_query
from jobhunt_desktop.persistence.sqlite_file import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    SQLITE_MAGIC,
    connect_read_only,
)

log = logging.getLogger(__name__)

# A column of cards on a tall screen (1440 px of list at 78 px a card is 18 cards);
# the rest arrive with the services, right after the first paint. The window asks for
# as many as its screen can show.
HEAD_ROWS = 24

# The board query's columns for the top cards of one column. SQLite-only, like this
# reader: the next follow-up is looked up per card, with the index named, as
# SQLite's planner (without ANALYZE statistics) would otherwise scan by state.
# tests/startup/test_quick_board.py keeps its rows equal to the repository's.
_OPEN_OF_CARD = f"""FROM followups AS f INDEXED BY ix_followups_application
        WHERE f.application_id = a.id AND f.state IN ({board_query.OPEN_STATES_SQL})"""
_HEAD_SQL = f"""
SELECT a.id, c.name, a.title, a.stage_id, a.position, a.priority, a.location,
       a.applied_on, a.stage_entered_at, a.notes,
       (SELECT min(f.remind_at) {_OPEN_OF_CARD}),
       (SELECT {board_query.MARKED_LATE_FROM} {_OPEN_OF_CARD}),
       (SELECT {board_query.UNMARKED_DUE_AT} {_OPEN_OF_CARD})
FROM applications AS a JOIN companies AS c ON c.id = a.company_id
WHERE a.archived = 0 AND a.stage_id = :stage_id
ORDER BY a.position, a.id
LIMIT :limit
"""
_ZONE_SQL = "SELECT value FROM settings WHERE key = 'time_zone'"
_TOTALS_SQL = "SELECT stage_id, count(*) FROM applications WHERE archived = 0 GROUP BY stage_id"


def read_board_start(
    path: Path,
    default_zone: str,
    head_rows: int = HEAD_ROWS,
    folded: Callable[[Stage], bool] | None = None,
) -> BoardStart | None:
    """Stages, each column's count and top `head_rows` cards, and the time zone; a
    column that starts `folded` shows only its count, so none of its cards are read."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
        if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
            return None
        with closing(connect_read_only(path, header)) as con:
            con.execute("BEGIN")  # one snapshot for every read below
            if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            heads = [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]
            if heads != [SCHEMA_HEAD]:
                return None
            stages = board_query.stages(con.execute(board_query.STAGES_SQL))
            raw = [
                row
                for stage in stages
                if not stage.hidden and not (folded is not None and folded(stage))
                for row in con.execute(_HEAD_SQL, {"stage_id": stage.id, "limit": head_rows})
            ]
            ids = ",".join(str(int(row[0])) for row in raw) or "NULL"
            tags = con.execute(f"{board_query.TAGS_SQL} WHERE at.application_id IN ({ids})")
            rows = board_query.board_rows(raw, tags)
            totals = dict(con.execute(_TOTALS_SQL).fetchall())
            stored = con.execute(_ZONE_SQL).fetchone()
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.debug("no quick board for %s: %s", path, exc)
        return None
    return BoardStart(tuple(stages), tuple(rows), totals, stored_zone(stored, default_zone))


def stored_zone(stored: tuple[str] | None, default_zone: str) -> str:
    """The user's time zone as the settings would read it: a name that no longer
    parses falls back to the default, like every other setting."""
    if stored is None:
        return default_zone
    try:
        return zone_name(stored[0])
    except UserError:
        return default_zone

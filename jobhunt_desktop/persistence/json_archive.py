"""Everything the database holds as one JSON document, and back (docs/export-json.md).

Table by table from the models, so a column added by a migration is in the export
with no code here, and the same file moves between SQLite and a server. Values are
written by their column's type (instants as ISO 8601 in UTC, days as ISO dates, file
contents as base64) and read back through the same types, so a round trip gives the
rows exactly, ids included.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    delete,
    insert,
    select,
    type_coerce,
)
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.column_types import EnumText, UtcDateTime
from jobhunt_desktop.persistence.models import ApplicationRow, Base, ContactRow, change_log
from jobhunt_desktop.persistence.sqlite_file import SCHEMA_HEAD

FORMAT = "jobhunt-desktop"
FORMAT_VERSION = 1
# Not part of the data: the change counter belongs to one database's readers.
_LEFT_OUT = {change_log.name}
_INSERT_ROWS = 500  # rows per INSERT statement

Encoder = Callable[[Any], Any]


def tables() -> list[Table]:
    """The tables in the order rows can be inserted (each after those it refers to)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in _LEFT_OUT]


def dump(session: Session, exported_at: datetime) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": SCHEMA_HEAD,
        "exported_at": exported_at.astimezone(UTC).isoformat(),
        "tables": {},
    }
    for table in tables():
        columns = list(table.columns)
        # Read instants as the naive UTC the column stores and kinds as their text,
        # skipping the round trip through aware datetimes and enum members.
        read = [_as_stored(c) for c in columns]
        encoders = [(i, enc) for i, c in enumerate(columns) if (enc := _encoder(c.type))]
        query = select(*read).order_by(*table.primary_key.columns)
        rows = []
        for row in session.execute(query):
            values = list(row)
            for index, encode in encoders:
                if values[index] is not None:
                    values[index] = encode(values[index])
            rows.append(values)
        out["tables"][table.name] = {"columns": [c.name for c in columns], "rows": rows}
    return out


def _as_stored(column: Column[Any]) -> Any:
    if isinstance(column.type, UtcDateTime):
        return type_coerce(column, DateTime()).label(column.name)
    if isinstance(column.type, EnumText):
        return type_coerce(column, String()).label(column.name)
    return column


def check(document: Mapping[str, Any], known_revisions: set[str]) -> None:
    """Refuse, saying why, what is not an export of ours or is newer than the app."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise UserError("this is not a jobhunt-desktop export (its 'format' is missing)")
    version = document.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise UserError(
            f"this export was written by a newer version of jobhunt-desktop (format "
            f"{version}); update the app to import it. Nothing was changed."
        )
    schema = document.get("schema")
    if schema not in known_revisions:
        raise UserError(
            f"this export was written by a newer version of jobhunt-desktop (schema "
            f"{schema}); update the app to import it. Nothing was changed."
        )
    if not isinstance(document.get("tables"), Mapping):
        raise UserError("this export holds no tables; nothing was changed")


def holds_cards(session: Session) -> bool:
    """Whether a database has anything of its own a whole import would replace."""
    return any(
        session.scalar(select(row.id).limit(1)) is not None for row in (ApplicationRow, ContactRow)
    )


def load(session: Session, document: Mapping[str, Any]) -> dict[str, int]:
    """Replace every table's rows by the document's (checked first); returns how many
    rows each table got. Part of the caller's transaction."""
    by_name = {t.name: t for t in tables()}
    given = document["tables"]
    unknown = sorted(set(given) - set(by_name) - _LEFT_OUT)
    if unknown:
        raise UserError(f"this export holds tables this version does not know: {unknown}")
    for table in reversed(tables()):
        session.execute(delete(table))
    counts: dict[str, int] = {}
    for table in tables():
        part = given.get(table.name)
        if not part:
            counts[table.name] = 0
            continue
        if not isinstance(part, Mapping) or not isinstance(part.get("columns"), list):
            raise UserError(f"the table '{table.name}' of this export is damaged; nothing changed")
        names = list(part["columns"])
        missing = [n for n in names if n not in table.c]
        if missing:
            raise UserError(
                f"the table '{table.name}' of this export has columns this version does "
                f"not know: {', '.join(missing)}; nothing was changed"
            )
        decoders = [_decoder(table.c[n].type) for n in names]
        try:
            rows = [
                {
                    n: None if v is None else dec(v)
                    for n, v, dec in zip(names, row, decoders, strict=True)
                }
                for row in part["rows"]
            ]
        except (TypeError, ValueError, binascii.Error) as exc:
            raise UserError(
                f"the table '{table.name}' of this export holds a row this version cannot "
                f"read ({exc}); nothing was changed"
            ) from exc
        try:
            for start in range(0, len(rows), _INSERT_ROWS):
                session.execute(insert(table), rows[start : start + _INSERT_ROWS])
        except (IntegrityError, StatementError) as exc:  # a value the schema refuses
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise UserError(
                f"the table '{table.name}' of this export holds rows the database refuses "
                f"({reason}); nothing was changed"
            ) from exc
        counts[table.name] = len(rows)
    return counts


def _encoder(kind: Any) -> Encoder | None:
    """How a stored value (as `_as_stored` reads it) is written; None: as it is."""
    if isinstance(kind, UtcDateTime):
        return _utc_text
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, LargeBinary):
        return lambda v: base64.b64encode(v).decode("ascii")
    if isinstance(kind, Boolean):
        return bool
    return None


def _utc_text(value: datetime) -> str:
    """A stored instant (naive UTC) as ISO 8601 with its offset."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "+00:00"


def _decoder(kind: Any) -> Encoder:
    if isinstance(kind, UtcDateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, LargeBinary):
        return lambda v: base64.b64decode(v, validate=True)
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, Integer):
        return int
    if isinstance(kind, Float):
        return float
    return lambda v: v

"""Column types that carry domain values, so no caller converts by hand.

Every instant is stored as UTC without a zone (each dialect then compares them the
same way) and read back as an aware UTC datetime; a naive value given is taken to
be UTC already.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"an instant is needed here, not {value!r}")
        instant: datetime = value.astimezone(UTC) if value.tzinfo is not None else value
        return instant.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        read: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        return read.replace(tzinfo=UTC) if read.tzinfo is None else read.astimezone(UTC)

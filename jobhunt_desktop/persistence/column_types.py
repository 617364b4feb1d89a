"""Column types that carry domain values, so no caller converts by hand.

Every instant is stored as UTC without a zone (each dialect then compares them the
same way) and read back as an aware UTC datetime; a naive value given is taken to
be UTC already. Every enum is stored as its text and read back as the enum.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, String
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


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A domain enum stored as its value's text: given as the enum (or its text), read
    back as the enum. Unknown text in the file is an error, not a silent string."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)

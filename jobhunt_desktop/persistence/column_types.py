"""Column types that carry domain values, so no caller converts by hand.

Every instant is stored as UTC without a zone (each dialect then compares them the
same way) and read back as an aware UTC datetime; a naive value given is taken to
be UTC already. Every enum is stored as its text and read back as the enum.
"""

from __future__ import annotations

from collections.abc import Callable
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

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        """What the driver gives, straight to an aware UTC instant, in one step: DateTime's
        own parse followed by `replace(tzinfo=...)` took about 1.5 µs a value, most of the
        time of reading a large board or the history Insights counts."""
        return _instant_from_stored


def _instant_from_stored(value: Any) -> datetime | None:
    if value is None:
        return None
    read: datetime
    if isinstance(value, str):  # SQLite keeps the text it was given
        try:
            read = datetime.fromisoformat(value + "+00:00")
        except ValueError:  # text with an offset of its own
            read = datetime.fromisoformat(value)
    else:
        read = value
    if read.tzinfo is UTC:
        return read
    if read.tzinfo is not None:
        return read.astimezone(UTC)
    # the constructor: three times quicker than replace(tzinfo=UTC) on Python 3.11
    return datetime(
        read.year, read.month, read.day, read.hour, read.minute, read.second,
        read.microsecond, UTC,
    )  # fmt: skip


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

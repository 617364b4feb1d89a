"""Time is passed in, never read globally, so every rule can be tested at any instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """The real clock, used only where the app is wired together."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to; the one thing tests are allowed to fake.

    A plain class: the window's start imports this module, and a dataclass would
    bring in the dataclasses module for nothing else on that path.
    """

    def __init__(self, instant: datetime | None = None) -> None:
        self.instant = instant or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __repr__(self) -> str:
        return f"FixedClock({self.instant.isoformat()})"

    def now(self) -> datetime:
        return self.instant

    def advance(self, delta: timedelta) -> None:
        self.instant = self.instant + delta

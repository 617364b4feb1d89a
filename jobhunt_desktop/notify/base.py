"""The one small interface every notification backend offers."""

from __future__ import annotations

from typing import Protocol

from jobhunt_desktop.domain.reminders import Notice


class NotifyError(Exception):
    """A notification could not be shown; the message says why in plain words, and
    what to install when that is the cause."""


class Notifier(Protocol):
    def problem(self) -> str | None:
        """What stops notifications from showing right now, in plain words, or None."""
        ...

    def send(self, notice: Notice) -> None:
        """Show `notice` or raise NotifyError; never anything else."""
        ...

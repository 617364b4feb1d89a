"""Stands in for the desktop in engine tests: keeps what it was asked to show, or
refuses with a reason. (The real notification server is used in tests/e2e.)"""

from __future__ import annotations

from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.notify.base import NotifyError


class RecordingNotifier:
    def __init__(self, failing: str | None = None) -> None:
        self.shown: list[Notice] = []
        self.failing = failing

    def problem(self) -> str | None:
        return self.failing

    def send(self, notice: Notice) -> None:
        if self.failing is not None:
            raise NotifyError(self.failing)
        self.shown.append(notice)

    @property
    def texts(self) -> list[str]:
        return [n.message for n in self.shown]

"""What every command is handed: the services, the user's zone, and where to write."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from jobhunt_desktop.domain.timeutil import parse_date, parse_datetime
from jobhunt_desktop.notify.base import Notifier
from jobhunt_desktop.services.container import Services


@dataclass
class Context:
    services: Services
    zone: str
    # Looked up when the context is made, so that a redirected stdout is honoured.
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    notifier: Callable[[], Notifier] | None = None  # app.py picks the backend
    # The database named for this run (--db or --database-url, or the environment), which
    # a watcher started at login must be told too; None: the saved choice or the default.
    named_database: Path | str | None = None

    def when(self, text: str | None, *, end_of_day: bool = False) -> datetime | None:
        return None if text is None else parse_datetime(text, self.zone, end_of_day=end_of_day)

    def day(self, text: str | None) -> date | None:
        return None if text is None else parse_date(text)

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def json(self, items: list[dict[str, Any]] | dict[str, Any]) -> None:
        json.dump(items, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

"""What the Follow-ups panel and the status line read, apart from showing it: the
read runs where the window's operations put it (off the window's thread on a server),
the showing on the window's thread."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.services.followups import DueCounts

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.ui.operations import Work


def summary_text(counts: DueCounts) -> str:
    """One line for the status bar: "3 due today · 1 overdue" or "Nothing due today"."""
    parts = []
    if counts.due_today:
        parts.append(f"{counts.due_today} due today")
    if counts.overdue:
        parts.append(f"{counts.overdue} overdue")
    return " · ".join(parts) if parts else "Nothing due today"


class DueRead(NamedTuple):
    """What the list was read from: the time, the settings, and the open follow-ups
    (all of them when `whole`, else those of the cards asked about and the board's)."""

    now: datetime
    settings: Settings
    rows: list[DueRow]
    whole: bool


def reading(applications: Collection[int] | None, whole: bool) -> Work[DueRead]:
    """The read: every open follow-up (`whole`), or those of these cards."""
    changed = sorted(set(applications or ()))

    def read(s: Services) -> DueRead:
        fresh = s.followups.pending() if whole else s.followups.pending(changed)
        return DueRead(s.followups.now(), s.settings.get(), fresh, whole)

    return read


def merged(
    known: list[DueRow] | None, read: DueRead, applications: Collection[int] | None
) -> list[DueRow]:
    """Every open follow-up: the rows read last, those of the cards read again replaced."""
    if read.whole or known is None:
        return read.rows
    changed = set(applications or ())
    kept = [
        r
        for r in known
        if r.followup.application_id is not None and r.followup.application_id not in changed
    ]
    return kept + read.rows

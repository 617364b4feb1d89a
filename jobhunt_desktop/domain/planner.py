"""Turn what the rules ask for into changes to the stored follow-ups, idempotently.

Keys make planning safe to repeat: a key already stored is never created twice; a
sent or dismissed follow-up stays as history; an open one whose reason went away is
superseded; a superseded one whose reason came back (an undo) is opened again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.rules import PlannedFollowUp


@dataclass
class FollowUpChanges:
    create: list[PlannedFollowUp] = field(default_factory=list)
    reschedule: list[tuple[FollowUp, PlannedFollowUp]] = field(default_factory=list)
    reopen: list[tuple[FollowUp, PlannedFollowUp]] = field(default_factory=list)
    supersede: list[FollowUp] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.reschedule or self.reopen or self.supersede)

    def __iadd__(self, other: FollowUpChanges) -> FollowUpChanges:
        """Another scope's changes too, to be stored with these."""
        self.create += other.create
        self.reschedule += other.reschedule
        self.reopen += other.reopen
        self.supersede += other.supersede
        return self


def reconcile(existing: Sequence[FollowUp], planned: Sequence[PlannedFollowUp]) -> FollowUpChanges:
    """Compare stored follow-ups (of one scope) with what the rules want now."""
    changes = FollowUpChanges()
    stored = {f.key: f for f in existing}
    wanted: dict[str, PlannedFollowUp] = {}
    for plan in planned:
        wanted.setdefault(plan.key, plan)
    for key, plan in wanted.items():
        current = stored.get(key)
        if current is None:
            changes.create.append(plan)
        elif current.state is FollowUpState.SUPERSEDED:
            changes.reopen.append((current, plan))
        elif current.state.is_open and (
            current.due_at != plan.due_at
            or current.overdue_at != plan.overdue_at
            or current.reason != plan.reason
            or current.zone != plan.zone
            or tells_news(current, plan)
        ):
            changes.reschedule.append((current, plan))
    for key, current in stored.items():
        if key not in wanted and current.state.is_open:
            changes.supersede.append(current)
    return changes


def tells_news(current: FollowUp, plan: PlannedFollowUp) -> bool:
    """Whether a reminder already shown has something new to tell (a further offer
    named on an open offer notice): it is then shown again, once."""
    return (
        current.notified_at is not None
        and plan.news_at is not None
        and plan.news_at > current.notified_at
    )

"""Reading and acting on follow-ups: what is due, a card's chain, snooze, dismiss."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.timeutil import at_local, local_date
from jobhunt_desktop.persistence.change_log import recorder, written
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    FollowUpRepository,
    HistoryRepository,
    StageRepository,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.services.planning import replan_after


@dataclass(frozen=True, slots=True)
class DueCounts:
    due_today: int
    overdue: int


class FollowUpService(Service):
    def due(self, now: datetime | None = None, limit: int | None = None) -> list[DueRow]:
        """Open follow-ups whose time has come, earliest first."""
        with self.db.read() as session:
            return FollowUpRepository(session).due(now or self.now(), limit)

    def pending(self, application_ids: Collection[int] | None = None) -> list[DueRow]:
        with self.db.read() as session:
            return FollowUpRepository(session).pending(application_ids)

    def counts(self, now: datetime | None = None) -> DueCounts:
        """For the status bar: how many are due today (still on time) and overdue."""
        moment = now or self.now()
        zone_name = self.settings().time_zone
        today = local_date(moment, zone_name)
        end_of_today = at_local(today + timedelta(days=1), time(0, 0), zone_name)
        start_of_today = at_local(today, time(0, 0), zone_name)
        with self.db.read() as session:
            due_today, overdue = FollowUpRepository(session).count_due(
                moment, start_of_today, end_of_today
            )
        return DueCounts(due_today, overdue)

    def chain(self, application_id: int) -> list[FollowUp]:
        """A card's whole chain, history included, in due order."""
        with self.db.read() as session:
            ApplicationRepository(session).get(application_id)  # NotFoundError if gone
            return FollowUpRepository(session).for_application(application_id)

    def snooze(self, followup_id: int, until: datetime) -> Outcome[FollowUp]:
        return _one(self.snooze_many([followup_id], until), followup_id)

    def snooze_many(self, followup_ids: Sequence[int], until: datetime) -> Outcome[list[FollowUp]]:
        """Snooze several follow-ups in one transaction; ids gone meanwhile are counted."""
        if until <= self.now():
            raise UserError("snooze until a time in the future")
        return self._set(followup_ids, FollowUpState.SNOOZED, until)

    def dismiss(self, followup_id: int) -> Outcome[FollowUp]:
        return _one(self.dismiss_many([followup_id]), followup_id)

    def dismiss_many(self, followup_ids: Sequence[int]) -> Outcome[list[FollowUp]]:
        return self._set(followup_ids, FollowUpState.DISMISSED)

    def reopen(self, followup_id: int) -> Outcome[FollowUp]:
        """Open a snoozed or dismissed follow-up again (the command line's undo)."""
        return _one(self._set([followup_id], FollowUpState.PENDING), followup_id)

    def replan_all(self, now: datetime | None = None) -> Outcome[int]:
        """Re-plan every card, after a settings change or for a periodic check."""
        moment = now or self.now()
        with self.db.write() as session:
            settings, _, ids = together(  # one round trip on a server
                session,
                lambda: self.settings_in(session),
                StageRepository(session).all,  # kept for the re-plan's reads
                ApplicationRepository(session).on_board,
            )
            replan_after(session, ids, settings, moment)
        return Outcome(len(ids), written(session))

    def _set(
        self, followup_ids: Sequence[int], state: FollowUpState, until: datetime | None = None
    ) -> Outcome[list[FollowUp]]:
        now = self.now()
        wanted = list(dict.fromkeys(followup_ids))
        with self.db.write() as session:
            repo = FollowUpRepository(session)
            present, _kept = together(  # one round trip on a server; `_kept` holds the rows
                session, lambda: repo.owners(wanted), lambda: repo.keep(wanted)
            )
            recorder(session).gone = len(wanted) - len(present)
            cards = sorted({card for card in present.values() if card is not None})
            board = None in present.values()
            before = self.states(session, cards, board)
            done = []
            for followup_id in (i for i in wanted if i in present):
                current = repo.get(followup_id).state
                refused = None
                if state is FollowUpState.PENDING:
                    if current not in (FollowUpState.SNOOZED, FollowUpState.DISMISSED):
                        refused = f"follow-up {followup_id} is {current.value}; nothing to undo"
                elif not current.is_open:
                    refused = f"follow-up {followup_id} is already {current.value}"
                if refused is not None:
                    if len(wanted) == 1:
                        raise UserError(refused)
                    continue
                changed = repo.set_state(followup_id, state, now, until)
                detail = (
                    state.value if until is None else f"{state.value} until {until.isoformat()}"
                )
                HistoryRepository(session).record(
                    changed.application_id, now, "followup", changed.kind, current.value, detail
                )
                done.append(changed)
            reopened = [f.application_id for f in done if f.application_id is not None]
            if reopened and state is FollowUpState.PENDING:
                replan_after(session, reopened, self.settings_in(session), now)
            elif any(f.application_id is None for f in done):  # the search's nudge, done
                replan_after(session, [], self.settings_in(session), now)  # plans the next
        return Outcome(done, written(session), before)


def _one(outcome: Outcome[list[FollowUp]], followup_id: int) -> Outcome[FollowUp]:
    if not outcome.value:
        raise NotFoundError(f"no follow-up with id {followup_id}")
    return Outcome(outcome.value[0], outcome.changes, outcome.before)

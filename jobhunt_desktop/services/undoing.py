"""Undo and redo for the window: put cards back exactly as an operation found or left
them, and mark the history it wrote as undone (or done again)."""

from __future__ import annotations

from collections.abc import Collection

from jobhunt_desktop.domain.errors import ChangedElsewhereError
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.change_log import recorder, written
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    HistoryRepository,
    StageRepository,
    all_gone,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome, States
from jobhunt_desktop.services.planning import replan_across


class UndoService(Service):
    def put_back(
        self,
        states: States,
        history: Collection[int] = (),
        undone: bool = True,
        own_versions: Collection[int] | None = None,
    ) -> Outcome[States]:
        """Return the cards to `states`; cards deleted since are counted as gone. The
        value is the states it replaced: what a redo (or the undo of a redo) puts back.

        With `own_versions`, a card last written by anyone else (its version is not
        one of them) is not overwritten: ChangedElsewhereError says so and nothing
        changes.
        """
        now = self.now()
        with self.db.write() as session:
            # The cards as they are now (what a redo puts back, and what is compared
            # with), the stages and the settings: one round trip on a server.
            replaced, _, settings = together(
                session,
                lambda: self.states(session, states.card_ids, board=states.board is not None),
                StageRepository(session).all,
                lambda: self.settings_in(session),
            )
            versions = {i: row["version"] for i, row in snapshots.card_rows(replaced.cards).items()}
            if own_versions is not None:
                overtaken = sorted(i for i, v in versions.items() if v not in own_versions)
                if overtaken:
                    raise ChangedElsewhereError(_overtaken(overtaken))
            present = [state for state in states.cards if state.application_id in versions]
            if states.cards and not present:
                raise all_gone("application", states.card_ids)
            recorder(session).gone = len(states.cards) - len(present)
            restored = [state.application_id for state in present]
            snapshots.put_states(session, present, now, replaced.cards)
            if states.board is not None and replaced.board is not None:
                snapshots.put_board_followups(session, states.board, now, replaced.board)
            HistoryRepository(session).mark_undone(history, undone)
            if present or states.board is not None:
                replan_across(session, settings, now, restored, states.board is None)
        return Outcome(replaced, written(session))


def _overtaken(ids: list[int]) -> str:
    which = f"card {ids[0]}" if len(ids) == 1 else f"{len(ids)} of these cards"
    return (
        f"{which.capitalize()} changed in another window or program since; "
        "undoing now would overwrite that, so nothing was changed"
    )

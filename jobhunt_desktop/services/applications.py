"""Cards: add, read, edit, move, archive, delete. Every write is one transaction that
returns what it changed and, where the window can undo it, the cards before and after."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from jobhunt_desktop.domain.attachments import Attachment
from jobhunt_desktop.domain.changes import NOTHING, Changes
from jobhunt_desktop.domain.entities import Application, ClosedReason, Event, EventKind, FollowUp
from jobhunt_desktop.domain.errors import ChangedElsewhereError, UserError
from jobhunt_desktop.domain.news import move_news
from jobhunt_desktop.domain.placement import implies_applied, landing, positions_between
from jobhunt_desktop.domain.readmodels import BoardRow, HistoryEntry
from jobhunt_desktop.domain.rules import PastApplication, recent_rejections
from jobhunt_desktop.domain.stages import Stage, StageKind
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.validation import MAX_ID, clean_fields
from jobhunt_desktop.domain.wording import field_label
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.change_log import recorder, written
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    AttachmentRepository,
    EventRepository,
    FollowUpRepository,
    HistoryRepository,
    StageRepository,
)
from jobhunt_desktop.persistence.snapshots import CardSnapshot as CardSnapshot
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome, States
from jobhunt_desktop.services.planning import replan_after

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session

    from jobhunt_desktop.domain.settings import Settings


@dataclass(frozen=True, slots=True)
class AddResult:
    id: int
    recent_rejections: tuple[PastApplication, ...]
    changes: Changes = NOTHING


@dataclass(frozen=True, slots=True)
class Story:
    """Everything known about one application, for `show` and the card dialog."""

    application: Application
    events: tuple[Event, ...]
    followups: tuple[FollowUp, ...]
    history: tuple[HistoryEntry, ...]
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class StillOpen:
    """Another application still under way: once an offer is accepted, each is offered
    a note to withdraw (none is closed without the user's word)."""

    application_id: int
    company: str
    title: str


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class ApplicationService(Service):
    def recent_rejections(self, company: str) -> list[PastApplication]:
        """R11: earlier applications at this company rejected within the set months."""
        with self.db.read() as session:
            return self._recent_rejections(session, company, None)

    def _recent_rejections(
        self, session: Session, company: str, exclude: int | None
    ) -> list[PastApplication]:
        return recent_rejections(
            company,
            ApplicationRepository(session).past_at_company(company, exclude),
            self.settings_in(session),
            self.now(),
        )

    def add(
        self, company: str, title: str, stage: int | str | None = None, **fields: Any
    ) -> AddResult:
        values = clean_fields({"company": company, "title": title, **fields})
        now = self.now()
        with self.db.write() as session:
            stages = StageRepository(session)
            # The settings, the stages and the earlier applications at the company (for
            # a warning), read together: one round trip on a server.
            apps = ApplicationRepository(session)
            settings, _, past = together(
                session,
                lambda: self.settings_in(session),
                stages.all,
                lambda: apps.past_at_company(values["company"]),
            )
            if stage is not None:
                target = stages.by_ref(stage)
            else:
                first = stages.all()
                if not first:
                    raise UserError("there are no stages; add one with `stages add`")
                target = first[0]
            if values.get("applied_on") is None and _implies_applied(stages, target):
                values["applied_on"] = local_date(now, settings.time_zone)
            warnings = recent_rejections(values["company"], past, settings, now)
            added = apps.add(values, target.id, now)
            HistoryRepository(session).record(added, now, "created", "stage", None, target.name)
            replan_after(session, [added], settings, now)
        return AddResult(added, tuple(warnings), written(session))

    def get(self, application_id: int) -> Application:
        with self.db.read() as session:
            return ApplicationRepository(session).get(application_id)

    def story(self, application_id: int) -> Story:
        with self.db.read() as session:
            return _story(session, application_id)[0]

    def story_and_settings(self, application_id: int) -> tuple[Story, Settings]:
        """The story with the user's settings (for its dates), as the card dialog draws
        them: read together, in one round trip on a server."""
        with self.db.read() as session:
            story, (settings,) = _story(session, application_id, lambda: self.settings_in(session))
            return story, settings

    def story_and_elsewhere(
        self, application_id: int
    ) -> tuple[Story, Settings, list[StillOpen], list[Stage]]:
        """What the prompt after an accepted offer reads, in one read: the story and
        settings, the other applications under way, and the stages (to withdraw)."""
        with self.db.read() as session:
            story, (settings, rows) = _story(
                session,
                application_id,
                lambda: self.settings_in(session),
                lambda: ApplicationRepository(session).under_way(exclude=application_id),
            )
            stages = StageRepository(session).all()  # read with the story, and kept
            return story, settings, [StillOpen(*row) for row in rows], stages

    def still_open_elsewhere(self, application_id: int) -> list[StillOpen]:
        """The other applications under way, to withdraw from after accepting this one."""
        with self.db.read() as session:
            rows = ApplicationRepository(session).under_way(exclude=application_id)
        return [StillOpen(*row) for row in rows]

    def board_cards(self, application_ids: Sequence[int]) -> list[BoardRow]:
        """The board rows of just these cards (archived or deleted ones are left out)."""
        with self.db.read() as session:
            return ApplicationRepository(session).board_cards(application_ids)

    def stages_of(self, application_ids: Sequence[int]) -> dict[int, int]:
        """The column each existing card is in now."""
        with self.db.read() as session:
            return ApplicationRepository(session).stages_of(application_ids)

    def board(
        self, include_archived: bool = False, stage: int | str | None = None
    ) -> list[BoardRow]:
        with self.db.read() as session:
            stage_id = None if stage is None else StageRepository(session).by_ref(stage).id
            return ApplicationRepository(session).board(include_archived, stage_id)

    def archived(self) -> list[BoardRow]:
        """The cards taken off the board, to look through and bring back."""
        with self.db.read() as session:
            return ApplicationRepository(session).board(only_archived=True)

    def edit(
        self,
        application_id: int,
        changes: Mapping[str, Any],
        expected: Mapping[str, Any] | None = None,
    ) -> Outcome[Application]:
        """Change fields; each changed field leaves a history row with old and new value.

        With `expected` (the values the person started from), a field that holds
        something else by now was changed elsewhere: ChangedElsewhereError, nothing
        written."""
        values = clean_fields(changes)
        wanted_before = dict(expected or {})
        now = self.now()
        with self.db.write() as session:
            apps = ApplicationRepository(session)
            # The card, its state for the undo and the settings for the re-plan, read
            # together (one round trip on a server); the card's stage is one of the stages.
            _, before, states, settings = together(
                session,
                StageRepository(session).all,
                lambda: apps.get(application_id),
                lambda: self.states(session, [application_id]),
                lambda: self.settings_in(session),
            )
            stale = [n for n, v in wanted_before.items() if getattr(before, n) != v]
            if stale:
                raise ChangedElsewhereError(
                    f"the {field_label(stale[0]).lower()} was changed in another window or "
                    "program since you started typing; nothing was saved. Save again to "
                    "replace it with what you typed"
                )
            low = values.get("salary_min", before.salary_min)
            high = values.get("salary_max", before.salary_max)
            if low is not None and high is not None and low > high:
                raise UserError("the minimum salary is above the maximum")
            changed = {n: v for n, v in values.items() if getattr(before, n) != v}
            if not changed:
                return Outcome(before, NOTHING, States())
            apps.change(application_id, changed, now, was=before)
            history = HistoryRepository(session)
            for name, value in changed.items():
                old = _text(getattr(before, name))
                history.record(application_id, now, "edited", name, old, _text(value))
            # The card as saved is read with what the re-plan reads, after the change.
            (result,) = replan_after(
                session, [application_id], settings, now, also=[lambda: apps.get(application_id)]
            )
        return Outcome(result, written(session), states)

    def correct_stage_entry(self, application_id: int, entered_at: datetime) -> Outcome[None]:
        """Say when the card really entered its stage (the move was recorded late, or
        early, or the card was added after the fact); the history keeps the time it
        had, the days in the stage and the plan follow the new one. Never after now."""
        now = self.now()
        if entered_at > now:
            raise UserError("a card cannot have entered its stage in the future")
        with self.operation([application_id]) as op:
            session = op.session
            apps = ApplicationRepository(session)
            card = apps.get(application_id)
            if card.stage_entered_at == entered_at:
                return op.outcome(None)
            apps.place(application_id, stage_entered_at=entered_at)
            HistoryRepository(session).record(
                application_id,
                now,
                "corrected",
                "stage_entered_at",
                _text(card.stage_entered_at),
                _text(entered_at),
            )
            replan_after(session, [application_id], self.settings_in(session), now)
        return op.outcome(None)

    def move(
        self,
        application_ids: Sequence[int],
        stage: int | str,
        index: int | None = None,
        closed_reason: ClosedReason | None = None,
    ) -> Outcome[None]:
        """Move cards together into a column at `index` (None: the end), in one
        transaction. Cards gone meanwhile are counted in `changes.gone`; the rest move.

        A move into another stage is news (domain.news): it records the event it
        implies (a rejection, an offer, a reply) and removes the implied ones it
        undoes, and the card's follow-ups are planned from that."""
        now = self.now()
        with self.db.write() as session:
            stages = StageRepository(session)
            apps = ApplicationRepository(session)
            asked = [i for i in dict.fromkeys(application_ids) if 1 <= i <= MAX_ID]
            # What the move decides from, read together (one round trip on a server):
            # the stages, the cards as they are (for the undo too), the settings, and,
            # given a column's id, the places around `index` there.
            _, before, settings, around = together(
                session,
                stages.all,
                lambda: self.states(session, asked, links=False),
                lambda: self.settings_in(session),  # a move changes none
                lambda: self._positions(apps, asked, stage, index) if type(stage) is int else None,
            )
            target = stages.by_ref(stage)
            known = snapshots.card_rows(before.cards)
            cards, recorder(session).gone = apps.present(application_ids, known)
            moving = [c.id for c in cards]
            positions = (
                around
                if around is not None and moving == asked  # else read for other cards
                else self._positions(apps, moving, target.id, index)
            )
            board = {s.id: s for s in stages.all()}
            first_open = next((s.id for s in board.values() if s.kind is StageKind.OPEN), None)
            today = local_date(now, settings.time_zone)
            history = HistoryRepository(session)
            events = EventRepository(session)
            moving = [c.id for c in cards if c.stage_id != target.id]
            stories = snapshots.stories(before.cards, set(moving))  # read for the undo
            changed_stage = []
            said: list[tuple[int, EventKind]] = []  # what the move implies, card by card
            unsaid: list[Event] = []  # implied events it takes back
            places: dict[int, dict[str, Any]] = {}
            for card in cards:
                old_stage = board[card.stage_id]
                places[card.id] = {"position": positions.pop(card.id)}
                if old_stage.id == target.id:
                    continue
                changed_stage.append(card.id)
                lands = landing(card, target, first_open, closed_reason, today)
                places[card.id].update(
                    stage_id=target.id,
                    stage_entered_at=now,
                    updated_at=now,
                    closed_reason=lands.closed_reason,
                    applied_on=lands.applied_on,
                )
                history.record(card.id, now, "moved", "stage", old_stage.name, target.name)
                news = move_news(
                    old_stage.kind,
                    target.kind,
                    lands.closed_reason,
                    stories.get(card.id, ()),
                    card.entered_at,
                )
                unsaid += [e for e in stories.get(card.id, ()) if e.id in news.remove]
                if news.record is not None:
                    said.append((card.id, news.record))
                if lands.closed_reason != card.closed_reason:
                    history.record(
                        card.id,
                        now,
                        "edited",
                        "closed_reason",
                        _text(card.closed_reason),
                        _text(lands.closed_reason),
                    )
            events.delete_many(unsaid)
            events.add_implied(said, now, settings.time_zone)
            apps.place_many(places, were=cards)  # where they were: read above
            apps.set_positions(positions)  # the column's other cards, when renumbered
            if changed_stage:
                replan_after(session, changed_stage, settings, now)
        return Outcome(None, written(session), before)

    @staticmethod
    def _positions(
        apps: ApplicationRepository,
        moving: Sequence[int],
        stage_id: int,
        index: int | None,
    ) -> dict[int, float]:
        """New positions for the moving cards at `index` in the column; when there is
        no room between the neighbours, for the whole column, renumbered."""
        if not moving:
            return {}
        if index is None:
            before_pos, after_pos = apps.last_position(stage_id, moving), None
        else:
            before_pos, after_pos = apps.neighbours(stage_id, index, moving)
        positions = positions_between(before_pos, after_pos, len(moving))
        if positions is None:
            column = [i for i, _ in apps.column_positions(stage_id) if i not in moving]
            at = len(column) if index is None else max(0, min(index, len(column)))
            ordered = column[:at] + list(moving) + column[at:]
            return {i: float(n) for n, i in enumerate(ordered, start=1)}
        return dict(zip(moving, positions, strict=True))

    def set_archived(self, application_id: int, archived: bool = True) -> Outcome[None]:
        return self.set_archived_many([application_id], archived)

    def set_archived_many(
        self, application_ids: Sequence[int], archived: bool = True
    ) -> Outcome[None]:
        """Archive (or bring back) several cards in one transaction; cards gone
        meanwhile are counted, the rest change."""
        now = self.now()
        asked = [i for i in dict.fromkeys(application_ids) if 1 <= i <= MAX_ID]
        with self.db.write() as session:
            apps, history = ApplicationRepository(session), HistoryRepository(session)
            # Where the cards are, their states for the undo (all asked: the few that
            # need none are left out below), the stages and the settings: one round trip.
            (cards, recorder(session).gone), taken, _, settings = together(
                session,
                lambda: apps.present(application_ids),
                lambda: self.states(session, asked, links=False),
                StageRepository(session).all,
                lambda: self.settings_in(session),
            )
            touched = [card.id for card in cards if card.archived != archived]
            before = States(tuple(s for s in taken.cards if s.application_id in touched))
            if touched:
                apps.set_archived(touched, archived, now, were=cards)
                for card_id in touched:
                    history.record(card_id, now, "archived" if archived else "unarchived")
                replan_after(session, touched, settings, now)
        return Outcome(None, written(session), before)

    def delete(self, application_id: int) -> Outcome[list[CardSnapshot]]:
        """Remove a card and its whole story; the snapshot lets the window undo it."""
        return self.delete_many([application_id])

    def delete_many(self, application_ids: Sequence[int]) -> Outcome[list[CardSnapshot]]:
        """Remove several cards in one transaction, with their snapshots; cards gone
        meanwhile are counted, and the snapshots cover exactly the cards removed."""
        now = self.now()
        with self.db.write() as session:
            apps = ApplicationRepository(session)
            # The cards whole (for the undo), the stages and the settings (for the
            # re-plan), read together: one round trip on a server.
            taken, _, settings = together(
                session,
                lambda: snapshots.take_many(session, application_ids),
                StageRepository(session).all,
                lambda: self.settings_in(session),
            )
            known = {t.application_id: dict(t.rows)["applications"][0] for t in taken}
            cards, recorder(session).gone = apps.present(application_ids, known)
            apps.delete([card.id for card in cards], were=cards)
            if cards:
                replan_after(session, [], settings, now)
        return Outcome(taken, written(session))

    def undelete(self, snapshot: CardSnapshot) -> Changes:
        """Put a deleted card back exactly as it was, with the same ids."""
        return self.undelete_many([snapshot])

    def undelete_many(self, taken: Sequence[CardSnapshot]) -> Changes:
        """Put deleted cards back in one transaction, exactly as they were."""
        now = self.now()
        with self.db.write() as session:
            settings, _ = together(
                session, lambda: self.settings_in(session), StageRepository(session).all
            )
            for snapshot in taken:
                snapshots.put_back(session, snapshot)
            replan_after(session, [s.application_id for s in taken], settings, now)
        return written(session)


def _implies_applied(stages: StageRepository, stage: Stage) -> bool:
    first = stages.first_of_kind(StageKind.OPEN) if stage.kind is StageKind.OPEN else None
    return implies_applied(stage.kind, stage.id, first.id if first else None)


def _story(
    session: Session, application_id: int, *more: Callable[[], Any]
) -> tuple[Story, list[Any]]:
    """The card and its tables, and what `more` reads, read together (one round trip
    on a server)."""
    _stages, card, events, followups, history, attachments, *also = together(
        session,
        lambda: StageRepository(session).all(),  # the card's stage is one of them
        lambda: ApplicationRepository(session).get(application_id),
        lambda: EventRepository(session).for_application(application_id),
        lambda: FollowUpRepository(session).for_application(application_id),
        lambda: HistoryRepository(session).for_application(application_id),
        lambda: AttachmentRepository(session).for_application(application_id),
        *more,
    )
    story = Story(card, tuple(events), tuple(followups), tuple(history), tuple(attachments))
    return story, also

"""Cards: add, read, edit, move, archive. Every call is one short transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from jobhunt_desktop.domain.entities import Application, ClosedReason, Event, FollowUp
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.placement import (
    closed_reason_after_move,
    implies_applied,
    positions_between,
)
from jobhunt_desktop.domain.readmodels import BoardRow, HistoryEntry
from jobhunt_desktop.domain.rules import PastApplication, recent_rejections
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.validation import clean_fields
from jobhunt_desktop.persistence import snapshots
from jobhunt_desktop.persistence.mapping import to_db
from jobhunt_desktop.persistence.models import ApplicationRow, StageRow
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    CompanyRepository,
    EventRepository,
    FollowUpRepository,
    HistoryRepository,
    StageRepository,
    TagRepository,
)
from jobhunt_desktop.persistence.snapshots import CardSnapshot as CardSnapshot
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.planning import replan_after


@dataclass(frozen=True, slots=True)
class AddResult:
    id: int
    recent_rejections: tuple[PastApplication, ...]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a card was: enough to put it back exactly (undo)."""

    application_id: int
    stage_id: int
    position: float


@dataclass(frozen=True, slots=True)
class Story:
    """Everything known about one application, for `show` and the card dialog."""

    application: Application
    events: tuple[Event, ...]
    followups: tuple[FollowUp, ...]
    history: tuple[HistoryEntry, ...]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(value)
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
            settings = self.settings_in(session)
            stages = StageRepository(session)
            if stage is not None:
                stage_row = stages.by_ref(stage)
            else:
                first = stages.all()
                if not first:
                    raise UserError("there are no stages; add one with `stages add`")
                stage_row = stages.row(first[0].id)
            if values.get("applied_on") is None and _implies_applied(stages, stage_row):
                values["applied_on"] = local_date(now, settings.time_zone)
            apps = ApplicationRepository(session)
            warnings = self._recent_rejections(session, values["company"], None)
            row = ApplicationRow(
                company=CompanyRepository(session).get_or_create(values.pop("company")),
                title=values.pop("title"),
                stage_id=stage_row.id,
                position=apps.append_position(stage_row.id),
                created_at=to_db(now),
                updated_at=to_db(now),
                stage_entered_at=to_db(now),
                archived=False,
                priority=0,
            )
            tags = values.pop("tags", ())
            for name, value in values.items():
                setattr(row, name, value.value if hasattr(value, "value") else value)
            row.tags = TagRepository(session).get_or_create(tags)
            session.add(row)
            session.flush()
            HistoryRepository(session).record(row.id, now, "created", "stage", None, stage_row.name)
            replan_after(session, [row.id], settings, now)
            return AddResult(row.id, tuple(warnings))

    def get(self, application_id: int) -> Application:
        with self.db.read() as session:
            return ApplicationRepository(session).get(application_id)

    def story(self, application_id: int) -> Story:
        with self.db.read() as session:
            return Story(
                application=ApplicationRepository(session).get(application_id),
                events=tuple(EventRepository(session).for_application(application_id)),
                followups=tuple(FollowUpRepository(session).for_application(application_id)),
                history=tuple(HistoryRepository(session).for_application(application_id)),
            )

    def board(
        self, include_archived: bool = False, stage: int | str | None = None
    ) -> list[BoardRow]:
        with self.db.read() as session:
            stage_id = None if stage is None else StageRepository(session).by_ref(stage).id
            return ApplicationRepository(session).board(include_archived, stage_id)

    def edit(self, application_id: int, changes: Mapping[str, Any]) -> Application:
        """Change fields; each changed field leaves a history row with old and new value."""
        values = clean_fields(changes)
        now = self.now()
        with self.db.write() as session:
            apps = ApplicationRepository(session)
            row = apps.row(application_id)
            before = apps.to_domain(row)
            low = values.get("salary_min", before.salary_min)
            high = values.get("salary_max", before.salary_max)
            if low is not None and high is not None and low > high:
                raise UserError("the minimum salary is above the maximum")
            history = HistoryRepository(session)
            changed = False
            for name, value in values.items():
                old = getattr(before, name)
                if old == value:
                    continue
                changed = True
                if name == "company":
                    row.company = CompanyRepository(session).get_or_create(value)
                elif name == "tags":
                    row.tags = TagRepository(session).get_or_create(value)
                else:
                    setattr(row, name, value.value if hasattr(value, "value") else value)
                history.record(application_id, now, "edited", name, _text(old), _text(value))
            if changed:
                row.updated_at = to_db(now)  # type: ignore[assignment]
                session.flush()
                replan_after(session, [application_id], self.settings_in(session), now)
            return apps.to_domain(row)

    def move(
        self,
        application_ids: Sequence[int],
        stage: int | str,
        index: int | None = None,
        closed_reason: ClosedReason | None = None,
    ) -> list[Placement]:
        """Move cards together into a column at `index` (None: the end), in one
        transaction; returns where they were so the move can be undone."""
        if not application_ids:
            return []
        now = self.now()
        with self.db.write() as session:
            stages = StageRepository(session)
            target = stages.by_ref(stage)
            apps = ApplicationRepository(session)
            rows = [apps.row(i) for i in dict.fromkeys(application_ids)]
            before = [Placement(r.id, r.stage_id, r.position) for r in rows]
            moving = [r.id for r in rows]
            if index is None:
                before_pos, after_pos = apps.last_position(target.id, moving), None
            else:
                before_pos, after_pos = apps.neighbours(target.id, index, moving)
            positions = positions_between(before_pos, after_pos, len(rows))
            if positions is None:
                column = [i for i, _ in apps.column_positions(target.id) if i not in moving]
                at = len(column) if index is None else max(0, min(index, len(column)))
                self._renumber(session, column[:at] + moving + column[at:])
            else:
                for row, position in zip(rows, positions, strict=True):
                    row.position = position
            history = HistoryRepository(session)
            offers_changed = False
            for row in rows:
                old_stage = stages.row(row.stage_id)
                if old_stage.id != target.id:
                    offers_changed = offers_changed or StageKind.OFFER.value in (
                        old_stage.kind,
                        target.kind,
                    )
                    row.stage_id = target.id
                    row.stage_entered_at = to_db(now)  # type: ignore[assignment]
                    row.updated_at = to_db(now)  # type: ignore[assignment]
                    history.record(row.id, now, "moved", "stage", old_stage.name, target.name)
                    self._closed_reason_on_move(row, target, closed_reason, history, now)
                    if row.applied_on is None and _implies_applied(stages, target):
                        row.applied_on = local_date(now, self.settings_in(session).time_zone)
            session.flush()
            changed_stage = [p.application_id for p in before if p.stage_id != target.id]
            if changed_stage:
                replan_after(session, changed_stage, self.settings_in(session), now, offers_changed)
            return before

    def restore(self, placements: Sequence[Placement]) -> None:
        """Put cards back where they were (undo of a move), recorded as a move."""
        now = self.now()
        with self.db.write() as session:
            apps = ApplicationRepository(session)
            stages = StageRepository(session)
            history = HistoryRepository(session)
            touched = []
            for placement in placements:
                row = apps.row(placement.application_id)
                if row.stage_id != placement.stage_id:
                    old, new = stages.row(row.stage_id), stages.row(placement.stage_id)
                    history.record(row.id, now, "moved", "stage", old.name, new.name)
                    row.stage_id = placement.stage_id
                    row.stage_entered_at = to_db(now)  # type: ignore[assignment]
                    touched.append(row.id)
                row.position = placement.position
            session.flush()
            replan_after(session, touched, self.settings_in(session), now, offers_changed=True)

    def set_archived(self, application_id: int, archived: bool = True) -> None:
        self.set_archived_many([application_id], archived)

    def set_archived_many(self, application_ids: Sequence[int], archived: bool = True) -> None:
        """Archive (or bring back) several cards in one transaction: all or none."""
        now = self.now()
        with self.db.write() as session:
            apps, history = ApplicationRepository(session), HistoryRepository(session)
            touched = []
            for application_id in application_ids:
                row = apps.row(application_id)
                if bool(row.archived) == archived:
                    continue
                row.archived = archived
                row.updated_at = to_db(now)  # type: ignore[assignment]
                history.record(application_id, now, "archived" if archived else "unarchived")
                touched.append(application_id)
            if not touched:
                return
            session.flush()
            replan_after(session, touched, self.settings_in(session), now, True)

    def delete(self, application_id: int) -> CardSnapshot:
        """Remove a card and its whole story; the snapshot lets the window undo it."""
        return self.delete_many([application_id])[0]

    def delete_many(self, application_ids: Sequence[int]) -> list[CardSnapshot]:
        """Remove several cards in one transaction (all or none), with their snapshots."""
        now = self.now()
        with self.db.write() as session:
            apps = ApplicationRepository(session)
            taken = []
            for application_id in application_ids:
                taken.append(snapshots.take(session, application_id))
                session.delete(apps.row(application_id))
            session.flush()
            replan_after(session, [], self.settings_in(session), now, True)
            return taken

    def undelete(self, snapshot: CardSnapshot) -> None:
        """Put a deleted card back exactly as it was, with the same ids."""
        self.undelete_many([snapshot])

    def undelete_many(self, taken: Sequence[CardSnapshot]) -> None:
        """Put deleted cards back in one transaction, exactly as they were."""
        now = self.now()
        with self.db.write() as session:
            for snapshot in taken:
                snapshots.put_back(session, snapshot)
            session.flush()
            ids = [snapshot.application_id for snapshot in taken]
            replan_after(session, ids, self.settings_in(session), now, True)

    @staticmethod
    def _closed_reason_on_move(
        row: ApplicationRow,
        target: StageRow,
        reason: ClosedReason | None,
        history: HistoryRepository,
        now: datetime,
    ) -> None:
        old = row.closed_reason
        decided = closed_reason_after_move(
            StageKind(target.kind), reason, ClosedReason(old) if old else None
        )
        new = decided.value if decided is not None else None
        if new != old:
            row.closed_reason = new
            history.record(row.id, now, "edited", "closed_reason", old, new)

    @staticmethod
    def _renumber(session: Session, ordered_ids: Sequence[int]) -> None:
        apps = ApplicationRepository(session)
        for number, application_id in enumerate(ordered_ids, start=1):
            apps.row(application_id).position = float(number)


def _implies_applied(stages: StageRepository, stage: StageRow) -> bool:
    first = stages.first_of_kind(StageKind.OPEN) if stage.kind == StageKind.OPEN.value else None
    return implies_applied(StageKind(stage.kind), stage.id, first.id if first else None)

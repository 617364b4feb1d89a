"""Re-plan follow-ups inside the transaction of the change that called for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from jobhunt_desktop.domain.planner import FollowUpChanges, reconcile
from jobhunt_desktop.domain.rules import (
    ApplicationFacts,
    OfferElsewhere,
    keep_applying,
    plan_application,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    FollowUpRepository,
)


def apply_changes(repo: FollowUpRepository, changes: FollowUpChanges, now: datetime) -> None:
    for plan in changes.create:
        repo.create(plan, now)
    for followup, plan in changes.reschedule:
        repo.reschedule(followup, plan)
    for followup, plan in changes.reopen:
        repo.reopen(followup, plan)
    for followup in changes.supersede:
        repo.supersede(followup.id, now)


def replan_application(
    session: Session,
    application_id: int,
    settings: Settings,
    now: datetime,
    offers: Sequence[OfferElsewhere] | None = None,
) -> FollowUpChanges:
    apps = ApplicationRepository(session)
    app = apps.get(application_id)
    open_offers = apps.open_offers() if offers is None else offers
    facts = ApplicationFacts(
        application=app,
        events=tuple(EventRepository(session).for_application(application_id)),
        offers_elsewhere=tuple(o for o in open_offers if o.application_id != application_id),
    )
    repo = FollowUpRepository(session)
    changes = reconcile(
        repo.for_application(application_id), plan_application(facts, settings, now)
    )
    apply_changes(repo, changes, now)
    session.flush()
    return changes


def replan_keep_applying(session: Session, settings: Settings, now: datetime) -> None:
    """R12 is about the whole search, not one card."""
    active, accepted = ApplicationRepository(session).counts_for_r12()
    repo = FollowUpRepository(session)
    apply_changes(
        repo,
        reconcile(repo.global_ones("R12"), keep_applying(active, accepted, settings, now)),
        now,
    )


def replan_after(
    session: Session,
    application_ids: Iterable[int],
    settings: Settings,
    now: datetime,
    offers_changed: bool = False,
) -> None:
    """Re-plan the cards a change touched; an offer appearing or going away also
    touches every card in interviews (R8), and any change can alter R12's count."""
    ids = set(application_ids)
    if offers_changed:
        ids.update(ApplicationRepository(session).ids_in_stage_kinds([StageKind.ACTIVE]))
        ids.update(_ids_with_open_offer_notices(session))
    offers = ApplicationRepository(session).open_offers() if ids else []
    for application_id in sorted(ids):
        replan_application(session, application_id, settings, now, offers)
    replan_keep_applying(session, settings, now)


def _ids_with_open_offer_notices(session: Session) -> list[int]:
    return FollowUpRepository(session).application_ids_with_open("R8")

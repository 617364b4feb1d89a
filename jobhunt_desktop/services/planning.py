"""Re-plan follow-ups inside the transaction of the operation that called for it.

A card's own rules are planned in full from its facts; the rules across cards are
re-planned too when the caller says their facts may have moved (R8, after an offer
came or went) or always (R12, a few counts). Whichever of those actually changed
a follow-up is recorded in the operation's `Changes` (`replanned`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from jobhunt_desktop.domain.planner import FollowUpChanges, reconcile
from jobhunt_desktop.domain.rules import (
    ApplicationFacts,
    OfferElsewhere,
    keep_applying,
    offer_notices_for,
    plan_application,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    FollowUpRepository,
)

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session


def apply_changes(repo: FollowUpRepository, changes: FollowUpChanges, now: datetime) -> bool:
    """Store the planner's changes; True if there were any."""
    for plan in changes.create:
        repo.create(plan, now)
    for followup, plan in changes.reschedule:
        repo.reschedule(followup, plan)
    for followup, plan in changes.reopen:
        repo.reopen(followup, plan)
    for followup in changes.supersede:
        repo.supersede(followup.id, now)
    return not changes.empty


def replan_applications(
    session: Session,
    application_ids: Iterable[int],
    settings: Settings,
    now: datetime,
    offers: Sequence[OfferElsewhere] | None = None,
) -> None:
    """Plan the given cards in full, loading their facts in bulk."""
    ids = sorted(set(application_ids))
    if not ids:
        return
    apps_repo = ApplicationRepository(session)
    apps = apps_repo.get_many(ids)
    open_offers: Sequence[OfferElsewhere] = ()
    if any(a.stage.kind is StageKind.ACTIVE and not a.is_closed for a in apps):
        open_offers = apps_repo.open_offers() if offers is None else offers
    events = EventRepository(session).for_applications(ids)
    repo = FollowUpRepository(session)
    existing = repo.for_applications(ids)
    for app in apps:
        facts = ApplicationFacts(
            application=app,
            events=tuple(events.get(app.id, ())),
            offers_elsewhere=tuple(o for o in open_offers if o.application_id != app.id),
        )
        changes = reconcile(existing.get(app.id, []), plan_application(facts, settings, now))
        apply_changes(repo, changes, now)
    session.flush()


def sweep_offer_notices(
    session: Session, settings: Settings, now: datetime, skip: Iterable[int] = ()
) -> None:
    """R8 across the board after an offer appeared or went away: only the offer notices
    of cards in interviews change, so only they are planned (a few queries in all)."""
    skipped = set(skip)
    apps = ApplicationRepository(session)
    offers = apps.open_offers()
    active = set(apps.ids_in_stage_kinds([StageKind.ACTIVE])) - skipped
    repo = FollowUpRepository(session)
    existing = {k: v for k, v in repo.by_rule("R8").items() if k not in skipped}
    changed = False
    for application_id in sorted(active | existing.keys()):
        wanted = (
            offer_notices_for(application_id, offers, settings, now)
            if application_id in active
            else []
        )
        changed |= apply_changes(repo, reconcile(existing.get(application_id, []), wanted), now)
    session.flush()
    if changed:
        recorder(session).replanned.add("R8")


def replan_keep_applying(session: Session, settings: Settings, now: datetime) -> None:
    """R12 is about the whole search, not one card."""
    active, accepted = ApplicationRepository(session).counts_for_r12(settings.r12_min_active)
    repo = FollowUpRepository(session)
    wanted = keep_applying(active, accepted, settings, now)
    if apply_changes(repo, reconcile(repo.global_ones("R12"), wanted), now):
        recorder(session).replanned.add("R12")


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
    replan_applications(session, ids, settings, now)
    if offers_changed:
        sweep_offer_notices(session, settings, now, skip=ids)
    replan_keep_applying(session, settings, now)


def replan_across(
    session: Session,
    settings: Settings,
    now: datetime,
    restored: Iterable[int],
    board: bool = True,
) -> None:
    """After cards were put back exactly (undo): only the plans that span cards follow,
    R8 for the other cards and, unless the board's own follow-ups were put back, R12."""
    sweep_offer_notices(session, settings, now, skip=restored)
    if board:
        replan_keep_applying(session, settings, now)

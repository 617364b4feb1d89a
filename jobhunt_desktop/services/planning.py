"""Re-plan follow-ups inside the transaction of the operation that called for it.

A card's own rules are planned in full from its facts. The rules across cards and of
the board (`domain.rule_registry`) are planned again when the operation changed a fact
they read, as the storage layer noted while it wrote (`Touched`); R12 also when its
week has no nudge planned yet. Whichever of those actually changed a follow-up is
recorded in the operation's `Changes` (`replanned`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.planner import FollowUpChanges, reconcile
from jobhunt_desktop.domain.rule_registry import RuleId, Scope, facts_changed, to_replan
from jobhunt_desktop.domain.rules import (
    ApplicationFacts,
    OfferElsewhere,
    keep_applying,
    offer_notices_for,
    offers_in_arrival_order,
    plan_application,
)
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    FollowUpRepository,
)

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session


def apply_changes(repo: FollowUpRepository, changes: FollowUpChanges, now: datetime) -> bool:
    """Store the planner's changes; True if there were any."""
    repo.replan(changes, now)
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
    repo = FollowUpRepository(session)
    # A card that entered interviews in this transaction is planned with the offers
    # elsewhere (R8): those are read with the rest then, not after them.
    entered = any(after is StageKind.ACTIVE for _, after in recorder(session).touched.moves)
    apps, events, existing, offers_read = together(  # one round trip on a server
        session,
        lambda: apps_repo.get_many(ids, links=False),  # no rule reads tags or contacts
        lambda: EventRepository(session).for_applications(ids),
        lambda: repo.for_applications(ids),
        lambda: apps_repo.open_offers() if offers is None and entered else offers,
    )
    open_offers: Sequence[OfferElsewhere] = ()
    if any(a.stage.kind is StageKind.ACTIVE and not a.is_closed for a in apps):
        open_offers = apps_repo.open_offers() if offers_read is None else offers_read
    combined = FollowUpChanges()  # stored together: a statement for every card, not each
    for app in apps:
        facts = ApplicationFacts(
            application=app,
            events=tuple(events.get(app.id, ())),
            offers_elsewhere=tuple(o for o in open_offers if o.application_id != app.id),
            offer_notice_sent_at=_last_notice_sent(existing.get(app.id, [])),
        )
        combined += reconcile(existing.get(app.id, []), plan_application(facts, settings, now))
    apply_changes(repo, combined, now)


def sweep_offer_notices(
    session: Session, settings: Settings, now: datetime, skip: Iterable[int] = ()
) -> None:
    """R8 across the board after an offer appeared or went away: only the offer notices
    of cards in interviews change, so only they are planned (a few queries in all)."""
    skipped = set(skip)
    apps = ApplicationRepository(session)
    repo = FollowUpRepository(session)
    # The notices that can matter: open ones (kept, updated or superseded), sent ones
    # (a later offer brings a new one), and, read next, any others with a key wanted.
    told = (FollowUpState.PENDING, FollowUpState.SNOOZED, FollowUpState.SENT)
    open_offers, entered, notices = together(  # one round trip on a server
        session,
        apps.open_offers,
        lambda: apps.entered_stage_kinds([StageKind.ACTIVE]),
        lambda: repo.by_rule(RuleId.R8, told),
    )
    offers = offers_in_arrival_order(open_offers, now)  # sorted once for all
    active = set(entered) - skipped
    existing = {k: v for k, v in notices.items() if k not in skipped}
    wanted = {
        application_id: offer_notices_for(
            application_id,
            entered[application_id],
            offers,
            settings,
            now,
            _last_notice_sent(existing.get(application_id, [])),
        )
        for application_id in active
    }
    known = {f.key for found in existing.values() for f in found}
    for application_id, found in repo.by_keys(
        {p.key for plans in wanted.values() for p in plans} - known
    ).items():
        existing.setdefault(application_id, []).extend(found)
    combined = FollowUpChanges()
    for application_id in sorted(active | existing.keys()):
        combined += reconcile(existing.get(application_id, []), wanted.get(application_id, []))
    changed = apply_changes(repo, combined, now)
    if changed:
        recorder(session).replanned.add(RuleId.R8)


def _last_notice_sent(followups: Iterable[FollowUp]) -> datetime | None:
    """When an offer notice on the card was last sent: offers older than that are told."""
    sent = [
        f.sent_at or f.resolved_at
        for f in followups
        if f.rule == RuleId.R8 and f.state is FollowUpState.SENT
    ]
    return max((t for t in sent if t is not None), default=None)


def replan_keep_applying(
    session: Session, settings: Settings, now: datetime, facts_changed: bool = True
) -> None:
    """R12 is about the whole search, not one card. An open nudge keeps its day until
    the facts R12 reads change; with none open, the next one is planned (a week after
    the last one done with, or once the count falls below the minimum)."""
    repo = FollowUpRepository(session)

    def counts() -> tuple[int, int]:
        return ApplicationRepository(session).counts_for_r12(settings.r12_min_active)

    # Read together, one round trip on a server (the counts go unused when an open
    # nudge keeps its day: they cost the server little, and a round trip none).
    existing, (active, accepted) = together(session, lambda: repo.global_ones(RuleId.R12), counts)
    if not facts_changed and any(f.state.is_open for f in existing):
        return
    wanted = keep_applying(active, accepted, settings, now, existing)
    if apply_changes(repo, reconcile(existing, wanted), now):
        recorder(session).replanned.add(RuleId.R12)


def replan_after(
    session: Session, application_ids: Iterable[int], settings: Settings, now: datetime
) -> None:
    """Re-plan the cards a change touched, and the rules beyond them whose facts the
    change touched (an offer coming or going re-plans R8 on every card in interviews)."""
    ids = set(application_ids)
    replan_applications(session, ids, settings, now)
    changed = facts_changed(recorder(session).touched)
    beyond = to_replan(changed, (Scope.ACROSS, Scope.BOARD))
    if RuleId.R8 in beyond:
        sweep_offer_notices(session, settings, now, skip=ids)
    replan_keep_applying(session, settings, now, RuleId.R12 in beyond)


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

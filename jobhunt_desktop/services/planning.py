"""Re-plan follow-ups inside the transaction of the operation that called for it.

A card's own rules are planned in full from its facts. The rules across cards and of
the board (`domain.rule_registry`) are planned again when the operation changed a fact
they read, as the storage layer noted while it wrote (`Touched`); R12 also when its
week has no nudge planned yet. Whichever of those actually changed a follow-up is
recorded in the operation's `Changes` (`replanned`).

Each scope reads its facts (`_CardFacts`, `_SweepFacts`, `_BoardFacts`), then decides
from them: `replan_after` reads all three at once, one round trip on a server, with
the operation's writes before them (sent first, so the reads see them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobhunt_desktop.domain.entities import Application, Event, FollowUp, FollowUpState
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
    StageRepository,
)

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session


def apply_changes(repo: FollowUpRepository, changes: FollowUpChanges, now: datetime) -> bool:
    """Store the planner's changes; True if there were any."""
    repo.replan(changes, now)
    return not changes.empty


# --- the cards' own rules ---------------------------------------------------------------


@dataclass(frozen=True)
class _CardFacts:
    apps: list[Application]
    events: dict[int, list[Event]]
    followups: dict[int, list[FollowUp]]
    offers: Sequence[OfferElsewhere]  # open offers on the board (R8)


def _read_cards(
    session: Session, ids: Sequence[int], offers: Sequence[OfferElsewhere] | None
) -> _CardFacts:
    apps_repo = ApplicationRepository(session)
    # A card in interviews is planned with the offers elsewhere (R8): read with the
    # rest, whether it is one or not (from the few cards in offer stages: cheap), so
    # that on a server they cost no round trip of their own.
    apps, events, followups, offers_read = together(  # one round trip on a server
        session,
        lambda: apps_repo.get_many(ids, links=False),  # no rule reads tags or contacts
        lambda: EventRepository(session).for_applications(ids),
        lambda: FollowUpRepository(session).for_applications(ids),
        lambda: apps_repo.open_offers() if offers is None else offers,
    )
    return _CardFacts(apps, events, followups, offers_read)


def _plan_cards(session: Session, facts: _CardFacts, settings: Settings, now: datetime) -> None:
    open_offers: Sequence[OfferElsewhere] = ()
    if any(a.stage.kind is StageKind.ACTIVE and not a.is_closed for a in facts.apps):
        open_offers = facts.offers
    combined = FollowUpChanges()  # stored together: a statement for every card, not each
    for app in facts.apps:
        existing = facts.followups.get(app.id, [])
        card = ApplicationFacts(
            application=app,
            events=tuple(facts.events.get(app.id, ())),
            offers_elsewhere=tuple(o for o in open_offers if o.application_id != app.id),
            offer_notice_sent_at=_last_notice_sent(existing),
        )
        combined += reconcile(existing, plan_application(card, settings, now))
    apply_changes(FollowUpRepository(session), combined, now)


def replan_applications(
    session: Session,
    application_ids: Iterable[int],
    settings: Settings,
    now: datetime,
    offers: Sequence[OfferElsewhere] | None = None,
) -> None:
    """Plan the given cards in full, loading their facts in bulk."""
    ids = sorted(set(application_ids))
    if ids:
        _plan_cards(session, _read_cards(session, ids, offers), settings, now)


# --- R8 across the cards in interviews --------------------------------------------------

_TOLD = (FollowUpState.PENDING, FollowUpState.SNOOZED, FollowUpState.SENT)


@dataclass(frozen=True)
class _SweepFacts:
    open_offers: Sequence[OfferElsewhere]
    entered: dict[int, datetime]  # the cards in interviews, and when they got there
    notices: dict[int, list[FollowUp]]


def _read_sweep(session: Session) -> _SweepFacts:
    # The notices that can matter: open ones (kept, updated or superseded), sent ones
    # (a later offer brings a new one), and, read when planned, any others with a key
    # wanted.
    apps = ApplicationRepository(session)
    open_offers, entered, notices = together(  # one round trip on a server
        session,
        apps.open_offers,
        lambda: apps.entered_stage_kinds([StageKind.ACTIVE]),
        lambda: FollowUpRepository(session).by_rule(RuleId.R8, _TOLD),
    )
    return _SweepFacts(open_offers, entered, notices)


def _sweep(
    session: Session, facts: _SweepFacts, settings: Settings, now: datetime, skip: Iterable[int]
) -> None:
    skipped = set(skip)
    repo = FollowUpRepository(session)
    offers = offers_in_arrival_order(facts.open_offers, now)  # sorted once for all
    active = set(facts.entered) - skipped
    existing = {k: v for k, v in facts.notices.items() if k not in skipped}
    wanted = {
        application_id: offer_notices_for(
            application_id,
            facts.entered[application_id],
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
    if apply_changes(repo, combined, now):
        recorder(session).replanned.add(RuleId.R8)


def sweep_offer_notices(
    session: Session, settings: Settings, now: datetime, skip: Iterable[int] = ()
) -> None:
    """R8 across the board after an offer appeared or went away: only the offer notices
    of cards in interviews change, so only they are planned (a few queries in all)."""
    _sweep(session, _read_sweep(session), settings, now, skip)


def _last_notice_sent(followups: Iterable[FollowUp]) -> datetime | None:
    """When an offer notice on the card was last sent: offers older than that are told."""
    sent = [
        f.sent_at or f.resolved_at
        for f in followups
        if f.rule == RuleId.R8 and f.state is FollowUpState.SENT
    ]
    return max((t for t in sent if t is not None), default=None)


# --- R12, the search as a whole ---------------------------------------------------------


@dataclass(frozen=True)
class _BoardFacts:
    nudges: list[FollowUp]
    active: int
    accepted: bool  # an offer was accepted


def _read_board(session: Session, settings: Settings) -> _BoardFacts:
    # Read together, one round trip on a server (the counts go unused when an open
    # nudge keeps its day: they cost the server little, and a round trip none).
    repo = FollowUpRepository(session)
    nudges, (active, accepted) = together(
        session,
        lambda: repo.global_ones(RuleId.R12),
        lambda: ApplicationRepository(session).counts_for_r12(settings.r12_min_active),
    )
    return _BoardFacts(nudges, active, accepted)


def _keep_applying(
    session: Session, facts: _BoardFacts, settings: Settings, now: datetime, changed: bool
) -> None:
    if not changed and any(f.state.is_open for f in facts.nudges):
        return
    wanted = keep_applying(facts.active, facts.accepted, settings, now, facts.nudges)
    if apply_changes(FollowUpRepository(session), reconcile(facts.nudges, wanted), now):
        recorder(session).replanned.add(RuleId.R12)


def replan_keep_applying(
    session: Session, settings: Settings, now: datetime, facts_changed: bool = True
) -> None:
    """R12 is about the whole search, not one card. An open nudge keeps its day until
    the facts R12 reads change; with none open, the next one is planned (a week after
    the last one done with, or once the count falls below the minimum)."""
    _keep_applying(session, _read_board(session, settings), settings, now, facts_changed)


# --- after an operation -----------------------------------------------------------------


def replan_after(
    session: Session,
    application_ids: Iterable[int],
    settings: Settings,
    now: datetime,
    also: Sequence[Callable[[], Any]] = (),
) -> list[Any]:
    """Re-plan the cards a change touched, and the rules beyond them whose facts the
    change touched (an offer coming or going re-plans R8 on every card in interviews).

    What they all read goes together, and `also`, reads of the operation's own that
    must see its writes (the card as saved): what those return is returned."""
    ids = sorted(set(application_ids))
    StageRepository(session).all()  # the cards' reads need them: read first, unless kept
    beyond = to_replan(facts_changed(recorder(session).touched), (Scope.ACROSS, Scope.BOARD))
    sweeping = RuleId.R8 in beyond
    cards, sweep, board, *extra = together(
        session,
        lambda: _read_cards(session, ids, None) if ids else None,
        lambda: _read_sweep(session) if sweeping else None,
        lambda: _read_board(session, settings),
        *also,
    )
    if cards is not None:
        _plan_cards(session, cards, settings, now)
    if sweep is not None:
        _sweep(session, sweep, settings, now, skip=ids)
    _keep_applying(session, board, settings, now, RuleId.R12 in beyond)
    return extra


def replan_across(
    session: Session,
    settings: Settings,
    now: datetime,
    restored: Iterable[int],
    board: bool = True,
) -> None:
    """After cards were put back exactly (undo): only the plans that span cards follow,
    R8 for the other cards and, unless the board's own follow-ups were put back, R12
    (what both read goes together: one round trip on a server)."""
    sweep, facts = together(
        session,
        lambda: _read_sweep(session),
        lambda: _read_board(session, settings) if board else None,
    )
    _sweep(session, sweep, settings, now, skip=restored)
    if facts is not None:
        _keep_applying(session, facts, settings, now, changed=True)

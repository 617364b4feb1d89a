"""Why the search goes the way it goes: figures read back from the stored history.

Pure: the rows come in as plain values (read with aggregate-friendly queries), and
every figure is decided here, so each can be worked out by hand in a test. A rate
or a median built on fewer than `MIN_SAMPLE` cards is None: "not enough data".

- The funnel follows the board's path (open, active, offer and won stages, in board
  order). A card reached a stage if its history shows it there or in any later stage
  of the path, so a skipped Screening still counts. Closed-lost stages are exits,
  counted beside it. Moves taken back with Undo do not count.
- A card is answered when the employer replied, invited, made an offer or rejected
  it (logged, or implied by a move); ghosted, withdrawn and closed roles are not
  answers. A card whose history was imported counts from what is known: its stage
  says it was answered, but not when.
"""

from __future__ import annotations

import functools
import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.feedback_themes import Theme
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.domain.timeutil import zone as time_zone

MIN_SAMPLE = 5
ANSWER_WINDOW_DAYS = 14  # a follow-up counts as answered within this
PATH_KINDS = (StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER, StageKind.CLOSED_WON)
ANSWER_KINDS = (
    EventKind.REPLY,
    EventKind.INTERVIEW,
    EventKind.INTERVIEW_MOVED,
    EventKind.OFFER,
    EventKind.REJECTION,
)
UNKNOWN_SOURCE = "not recorded"


class InsightCard(NamedTuple):
    """A card with what its events add up to (aggregated where they are stored)."""

    id: int
    company: str
    source: str | None
    applied_on: date | None
    stage_id: int
    archived: bool
    closed_reason: str | None
    imported: bool
    tags: tuple[str, ...] = ()
    first_answer_at: datetime | None = None  # the employer's first answer, logged or implied
    interviewed: bool = False
    offered: bool = False


class StageArrival(NamedTuple):
    """A card arriving in a stage (by the stage's name, as history keeps it). `day` is
    the instant as a day number, days with their fraction from any fixed origin: a stay
    lasts from one arrival of the card to its next, and only that difference counts."""

    card_id: int
    stage: str
    day: float


class Promise(NamedTuple):
    """An answer date the employer gave, and when they first answered after it."""

    card_id: int
    made_at: datetime
    promised_by: date
    answered_at: datetime | None


class Message(NamedTuple):
    """A follow-up sent, and the days until the employer first answered after it."""

    card_id: int
    kind: str | None  # a FollowUpKind's value
    sent_at: datetime
    days_to_answer: float | None


class Period(NamedTuple):
    since: date | None = None
    until: date | None = None

    def holds(self, day: date | None) -> bool:
        if day is None:
            return self.since is None and self.until is None
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


ALL_TIME = Period()


@dataclass(frozen=True, slots=True)
class Spread:
    """A median and its interquartile range, in days; None below the sample."""

    median: float | None
    low: float | None = None
    high: float | None = None
    count: int = 0


@dataclass(frozen=True, slots=True)
class CompanyFigures:
    company: str
    applications: int
    answered: int
    median_days_to_answer: float | None
    promises: int
    promises_kept: float | None  # share met, None below the sample
    median_days_late: float | None


@dataclass(frozen=True, slots=True)
class SourceFigures:
    source: str
    applications: int
    answered: int
    interviews: int
    offers: int

    def rate(self, part: int) -> float | None:
        return part / self.applications if self.applications >= MIN_SAMPLE else None


@dataclass(frozen=True, slots=True)
class FollowUpFigures:
    kind: str
    sent: int
    answered_within_14_days: float | None


@dataclass(frozen=True, slots=True)
class Insights:
    funnel: list[tuple[Stage, int]]
    exits: list[tuple[Stage, int]]
    applied: int
    answered: int
    response_rate: float | None
    ghosted: int
    ghosting_rate: float | None
    days_to_answer: Spread
    time_in_stage: list[tuple[Stage, Spread]]
    companies: list[CompanyFigures]
    sources: list[SourceFigures]
    followups: list[FollowUpFigures]
    weekly: list[tuple[date, int, int]]  # week's Monday, applied, answered of those
    activity: list[tuple[date, int]]  # week's Monday, applications sent that week
    weekly_goal: int
    imported: int  # cards whose history came from an import
    cards: int
    card_ids: frozenset[int] = frozenset()  # the cards the figures are of
    themes: list[Theme] = field(default_factory=list)
    feedback: tuple[tuple[int, str], ...] = ()  # (card, text) the themes come from


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole >= MIN_SAMPLE else None


def spread(values: Sequence[float]) -> Spread:
    if len(values) < MIN_SAMPLE:
        return Spread(None, count=len(values))
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(statistics.median(values), low, high, len(values))


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if len(values) >= MIN_SAMPLE else None


@functools.cache  # a hunt has a few hundred distinct days, seen many times
def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def path_and_exits(stages: Sequence[Stage]) -> tuple[list[Stage], list[Stage]]:
    ordered = sorted(stages, key=lambda s: (s.position, s.id))
    path = [s for s in ordered if s.kind in PATH_KINDS]
    exits = [s for s in ordered if s.kind is StageKind.CLOSED_LOST]
    return path, exits


def compute(
    cards: Sequence[InsightCard],
    arrivals: Sequence[StageArrival],
    stages: Sequence[Stage],
    today: date,
    *,
    promises: Iterable[Promise] = (),
    messages: Iterable[Message] = (),
    renames: Sequence[tuple[str, str]] = (),
    period: Period = ALL_TIME,
    tags: Sequence[str] = (),
    ghost_after_days: int = 30,
    weekly_goal: int = 5,
    include_archived: bool = True,
    zone: str = "UTC",
) -> Insights:
    """Every figure of the cards chosen by `period` (applied date) and `tags` (all of
    them), with their stage `arrivals` (each card's in the order they happened); days
    are counted in `zone`, the person's. `renames` are the stages' renames,
    (old name, new name) oldest first, so history told an old name finds its stage."""
    wanted_tags = {t.lower() for t in tags}
    eligible = [
        c
        for c in cards
        if (include_archived or not c.archived) and (not wanted_tags or wanted_tags <= set(c.tags))
    ]
    # Cards by the day they were applied for; what was sent, by the day it was sent.
    chosen = eligible if period == ALL_TIME else [c for c in eligible if period.holds(c.applied_on)]
    ids = {c.id for c in chosen}
    seen, stays_by_stage = _visits(arrivals, ids, stages, renames)
    by_id = {s.id: s for s in stages}
    path, exit_stages = path_and_exits(stages)
    funnel, exits = _funnel(chosen, seen, by_id, path, exit_stages)

    answered_at: dict[int, datetime | None] = {}
    for card in chosen:
        if _answered(card, by_id):
            answered_at[card.id] = card.first_answer_at
    applied = [c for c in chosen if c.applied_on is not None]
    answered = [c for c in applied if c.id in answered_at]
    old_enough = [
        c
        for c in applied
        if c.applied_on is not None and (today - c.applied_on).days >= ghost_after_days
    ]
    ghosted = [c for c in old_enough if c.id not in answered_at]
    days = _days_to_answer(applied, answered_at, zone)
    eligible_ids = {c.id for c in eligible}
    due_promises = [p for p in promises if p.card_id in ids and p.promised_by < today]
    return Insights(
        funnel=funnel,
        exits=exits,
        applied=len(applied),
        answered=len(answered),
        response_rate=rate(len(answered), len(applied)),
        ghosted=len(ghosted),
        ghosting_rate=rate(len(ghosted), len(old_enough)),
        days_to_answer=spread(list(days.values())),
        time_in_stage=_time_in_stage(stays_by_stage, stages),
        companies=_companies(chosen, due_promises, answered_at, days, zone),
        sources=_sources(chosen, answered_at, seen, by_id),
        followups=_followups([m for m in messages if m.card_id in eligible_ids], period, zone),
        weekly=_weekly(applied, answered_at),
        activity=_activity(chosen),
        weekly_goal=weekly_goal,
        imported=sum(1 for c in chosen if c.imported),
        cards=len(chosen),
        card_ids=frozenset(ids),
    )


def _visits(
    arrivals: Sequence[StageArrival],
    ids: set[int],
    stages: Sequence[Stage],
    renames: Sequence[tuple[str, str]] = (),
) -> tuple[dict[int, set[int]], dict[int, list[float]]]:
    """The stages each chosen card has been in, and the days of every finished stay
    per stage, from each card's arrivals in the order they happened. History keeps a
    stage's name as it was; a name matches without case."""
    by_name = stages_by_name(stages, renames)
    seen: dict[int, set[int]] = defaultdict(set)
    days_in: dict[int, list[float]] = defaultdict(list)
    for (card_id, name, day), after in itertools.zip_longest(arrivals, arrivals[1:]):
        if card_id not in ids:
            continue
        stage = by_name.get(name) or by_name.get(name.lower())
        if stage is None:
            continue
        seen[card_id].add(stage.id)
        if after is not None and after.card_id == card_id:  # a stay that has ended
            days_in[stage.id].append(after.day - day)
    return seen, days_in


def stages_by_name(
    stages: Sequence[Stage], renames: Sequence[tuple[str, str]] = ()
) -> dict[str, Stage]:
    """Each name history may hold (as given and in lower case) to its stage: today's
    names, and every earlier name followed through its renames to today's. A name in
    use today is that stage's, whatever it once meant."""
    current = {s.name.lower(): s for s in stages}
    became: dict[str, str] = {}
    for old, new in renames:
        became[old.lower()] = new.lower()
    found: dict[str, Stage] = {}
    for old in became:
        name, steps = old, 0
        while name not in current and name in became and steps <= len(became):
            name, steps = became[name], steps + 1
        if name in current:
            found[old] = current[name]
    found |= current
    return found | {s.name: s for s in stages}


def _funnel(
    cards: Sequence[InsightCard],
    seen: Mapping[int, set[int]],
    by_id: Mapping[int, Stage],
    path: Sequence[Stage],
    exits: Sequence[Stage],
) -> tuple[list[tuple[Stage, int]], list[tuple[Stage, int]]]:
    index = {s.id: i for i, s in enumerate(path)}
    reached = [0] * (len(path) + 1)  # reached[i]: cards whose furthest stage is i - 1
    exited: Counter[int] = Counter()
    exit_ids = {s.id for s in exits}
    for card in cards:
        been = seen.get(card.id, set())
        furthest = index.get(card.stage_id, -1)
        for stage_id in been:
            if index.get(stage_id, -1) > furthest:
                furthest = index[stage_id]
            if stage_id in exit_ids:
                exited[stage_id] += 1
        if card.stage_id in exit_ids and card.stage_id not in been:
            exited[card.stage_id] += 1
        reached[furthest + 1] += 1
    # a card counts in every stage of the path up to its furthest
    counts = list(itertools.accumulate(reversed(reached[1:])))[::-1]
    return list(zip(path, counts, strict=True)), [(s, exited[s.id]) for s in exits]


def _answered(card: InsightCard, by_id: Mapping[int, Stage]) -> bool:
    """Whether the employer answered: an answer is stored, or (for a card whose
    history was imported, so no events came with it) its stage says so."""
    if card.first_answer_at is not None:
        return True
    stage = by_id.get(card.stage_id)
    if stage is None:
        return False
    if stage.kind is StageKind.CLOSED_LOST:
        return card.closed_reason == ClosedReason.REJECTED
    return card.imported and stage.kind in (StageKind.ACTIVE, StageKind.OFFER, StageKind.CLOSED_WON)


def _days_to_answer(
    applied: Sequence[InsightCard], answered_at: Mapping[int, datetime | None], zone: str
) -> dict[int, float]:
    out = {}
    tz = time_zone(zone)
    for card in applied:
        at = answered_at.get(card.id)
        if at is not None and card.applied_on is not None:
            out[card.id] = float(max(0, (at.astimezone(tz).date() - card.applied_on).days))
    return out


def _time_in_stage(
    days_in: Mapping[int, list[float]], stages: Sequence[Stage]
) -> list[tuple[Stage, Spread]]:
    ordered = sorted(stages, key=lambda s: (s.position, s.id))
    return [(s, spread(days_in.get(s.id, []))) for s in ordered if not s.kind.is_closed]


def _companies(
    cards: Sequence[InsightCard],
    promises: Sequence[Promise],
    answered_at: Mapping[int, datetime | None],
    days: Mapping[int, float],
    zone: str,
) -> list[CompanyFigures]:
    applications: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    waits: dict[str, list[float]] = defaultdict(list)
    company_of = {}
    for card in cards:  # one pass: a hunt has thousands of companies, a few cards each
        company = company_of[card.id] = card.company
        applications[company] += 1
        if card.id in answered_at:
            answered[company] += 1
        if card.id in days:
            waits[company].append(days[card.id])
    kept: Counter[str] = Counter()
    due: Counter[str] = Counter()
    late: dict[str, list[float]] = defaultdict(list)
    for promise in promises:
        company = company_of[promise.card_id]
        due[company] += 1
        answer = local_date(promise.answered_at, zone) if promise.answered_at else None
        if answer is not None and answer <= promise.promised_by:
            kept[company] += 1
        elif answer is not None:
            late[company].append(float((answer - promise.promised_by).days))
    out = [
        CompanyFigures(
            company=company,
            applications=count,
            answered=answered[company],
            median_days_to_answer=_median(waits.get(company, ())),
            promises=due[company],
            promises_kept=rate(kept[company], due[company]),
            median_days_late=_median(late[company]) if company in late else None,
        )
        for company, count in applications.items()
    ]
    return sorted(out, key=lambda c: (-c.applications, c.company.lower()))


def _sources(
    cards: Sequence[InsightCard],
    answered_at: Mapping[int, datetime | None],
    seen: Mapping[int, set[int]],
    by_id: Mapping[int, Stage],
) -> list[SourceFigures]:
    groups: dict[str, list[InsightCard]] = defaultdict(list)
    for card in cards:
        groups[(card.source or "").strip() or UNKNOWN_SOURCE].append(card)

    active = {s.id for s in by_id.values() if s.kind is StageKind.ACTIVE}
    offer = {s.id for s in by_id.values() if s.kind is StageKind.OFFER}

    def been(card: InsightCard, stages: set[int]) -> bool:
        return card.id in seen and not stages.isdisjoint(seen[card.id])

    out = [
        SourceFigures(
            source=source,
            applications=len(group),
            answered=sum(1 for c in group if c.id in answered_at),
            interviews=sum(1 for c in group if c.interviewed or been(c, active)),
            offers=sum(1 for c in group if c.offered or been(c, offer)),
        )
        for source, group in groups.items()
    ]
    return sorted(out, key=lambda s: (-s.applications, s.source.lower()))


def _followups(messages: Sequence[Message], period: Period, zone: str) -> list[FollowUpFigures]:
    sent: dict[str, list[bool]] = defaultdict(list)
    for _card, kind, sent_at, days in messages:
        if period != ALL_TIME and not period.holds(local_date(sent_at, zone)):
            continue
        sent[kind or "other"].append(days is not None and days <= ANSWER_WINDOW_DAYS)
    return [
        FollowUpFigures(kind, len(flags), rate(sum(flags), len(flags)))
        for kind, flags in sorted(sent.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def _weekly(
    applied: Sequence[InsightCard], answered_at: Mapping[int, datetime | None]
) -> list[tuple[date, int, int]]:
    weeks: dict[date, list[bool]] = defaultdict(list)
    for card in applied:
        assert card.applied_on is not None
        weeks[monday(card.applied_on)].append(card.id in answered_at)
    return [(week, len(flags), sum(flags)) for week, flags in sorted(weeks.items())]


def _activity(cards: Sequence[InsightCard]) -> list[tuple[date, int]]:
    weeks: Counter[date] = Counter(monday(c.applied_on) for c in cards if c.applied_on)
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    out, week = [], first
    while week <= last:  # every week, the empty ones too
        out.append((week, weeks[week]))
        week += timedelta(days=7)
    return out

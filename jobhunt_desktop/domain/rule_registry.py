"""The follow-up rules as a table: each with its id, its reach, and the facts it reads.

A rule's scope says whose facts it plans from. The rules of one card are planned in
full whenever an operation touches that card. A rule across cards (R8: an offer on
one card is news for the cards in interviews) or of the board as a whole (R12: the
search) is planned again only when an operation changed a fact it reads; what an
operation changed is `Touched`, collected by the storage layer as it writes, so no
caller has to say "an offer may have changed".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from jobhunt_desktop.domain.stages import StageKind


class RuleId(StrEnum):
    """The rules of the brief; the CLI's `--json` and the stored follow-ups keep them."""

    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"
    R6 = "R6"
    R7 = "R7"
    R8 = "R8"
    R9 = "R9"
    R10 = "R10"
    R11 = "R11"
    R12 = "R12"
    R13 = "R13"


class Scope(StrEnum):
    CARD = "card"  # planned from one card's own facts
    ACROSS = "across"  # a card's plan that depends on other cards
    BOARD = "board"  # belongs to no card: the search as a whole


class Fact(StrEnum):
    """Facts that rules beyond one card read."""

    OFFERS = "open offers"  # offers on cards in offer stages
    UNDER_WAY = "applications under way"  # R12's count, and whether one was accepted
    SETTINGS = "settings"  # the timings every rule reads
    STAGES = "stage kinds"  # what a column means


@dataclass(frozen=True, slots=True)
class Rule:
    id: RuleId
    scope: Scope
    facts: frozenset[Fact]
    what: str  # in the user's words, as the window says it
    plans: bool = True  # False: it warns at the moment, and plans no follow-up (R11)


_EVERY_RULE_READS = frozenset({Fact.SETTINGS, Fact.STAGES})

RULES: tuple[Rule, ...] = (
    Rule(RuleId.R1, Scope.CARD, _EVERY_RULE_READS, "thank-you note after an interview"),
    Rule(RuleId.R2, Scope.CARD, _EVERY_RULE_READS, "note the next steps of an interview"),
    Rule(RuleId.R3, Scope.CARD, _EVERY_RULE_READS, "status inquiry after a promised date"),
    Rule(RuleId.R4, Scope.CARD, _EVERY_RULE_READS, "follow-up after a later round"),
    Rule(RuleId.R5, Scope.CARD, _EVERY_RULE_READS, "status check on an application"),
    Rule(RuleId.R6, Scope.CARD, _EVERY_RULE_READS, "ask about a moved interview"),
    Rule(RuleId.R7, Scope.CARD, _EVERY_RULE_READS, "reply to a rejection"),
    Rule(
        RuleId.R8,
        Scope.ACROSS,
        # A card entering or leaving interviews re-plans its own notice (one card's
        # rules); the others' notices change only with the offers.
        _EVERY_RULE_READS | {Fact.OFFERS},
        "offer notice to the employers still interviewing you",
    ),
    Rule(RuleId.R9, Scope.CARD, _EVERY_RULE_READS, "offer deadline coming up"),
    Rule(RuleId.R10, Scope.CARD, _EVERY_RULE_READS, "no more than one chase a week"),
    Rule(
        RuleId.R11,
        Scope.ACROSS,
        frozenset({Fact.SETTINGS}),
        "warning when a company turned you down recently",
        plans=False,
    ),
    Rule(
        RuleId.R12,
        Scope.BOARD,
        _EVERY_RULE_READS | {Fact.UNDER_WAY},
        "weekly nudge to keep applying",
    ),
    Rule(RuleId.R13, Scope.CARD, _EVERY_RULE_READS, "an answer restarts the chase"),
)
RULE_BY_ID = {rule.id: rule for rule in RULES}


@dataclass(frozen=True, slots=True)
class Touched:
    """What an operation changed, in the terms the rules read.

    `moves` holds, for each card whose place changed, the kind of its stage before and
    after; None where it was not on the board (added, or archived) or is not any more
    (deleted, or archived). `applied` says that a card's applied-for date changed."""

    moves: tuple[tuple[StageKind | None, StageKind | None], ...] = ()
    offer_events: bool = False  # an offer was logged, edited or removed
    applied: bool = False
    settings: bool = False
    stages: bool = False  # a column's kind changed, or one came or went
    everything: bool = False  # put back wholesale (undo), or not known

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.moves + other.moves,
            self.offer_events or other.offer_events,
            self.applied or other.applied,
            self.settings or other.settings,
            self.stages or other.stages,
            self.everything or other.everything,
        )


NOTHING_TOUCHED = Touched()
_UNDER_WAY_KINDS = (StageKind.ACTIVE, StageKind.OFFER)


def facts_changed(touched: Touched) -> frozenset[Fact]:
    """The facts beyond single cards that an operation may have changed."""
    if touched.everything:
        return frozenset(Fact)
    facts: set[Fact] = set()
    if touched.settings:
        facts.add(Fact.SETTINGS)
    if touched.stages:
        facts.add(Fact.STAGES)
    if touched.offer_events:
        facts.add(Fact.OFFERS)
    if touched.applied:
        facts.add(Fact.UNDER_WAY)
    for before, after in touched.moves:
        if before == after:
            continue
        kinds = {before, after}
        if StageKind.OFFER in kinds:
            facts.add(Fact.OFFERS)
        # Open stages count only once applied for: a card coming or going there may
        # change the count as well as one entering or leaving a stage under way.
        if kinds & {*_UNDER_WAY_KINDS, StageKind.OPEN, StageKind.CLOSED_WON}:
            facts.add(Fact.UNDER_WAY)
    return frozenset(facts)


def to_replan(facts: Collection[Fact], scopes: Iterable[Scope]) -> list[RuleId]:
    """The planning rules of these scopes that read a fact that changed, in table order."""
    wanted, changed = set(scopes), set(facts)
    return [r.id for r in RULES if r.plans and r.scope in wanted and r.facts & changed]

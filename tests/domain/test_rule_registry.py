"""The rules' table: each rule's reach, and which facts a change touches."""

from __future__ import annotations

import pytest

from jobhunt_desktop.domain.rule_registry import (
    RULE_BY_ID,
    RULES,
    Fact,
    RuleId,
    Scope,
    Touched,
    facts_changed,
    to_replan,
)
from jobhunt_desktop.domain.stages import StageKind

OPEN, ACTIVE, OFFER = StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER
WON, LOST = StageKind.CLOSED_WON, StageKind.CLOSED_LOST
BEYOND = (Scope.ACROSS, Scope.BOARD)


def test_every_rule_is_in_the_table_once_with_its_reach() -> None:
    assert [r.id for r in RULES] == list(RuleId)
    assert RULE_BY_ID[RuleId.R8].scope is Scope.ACROSS
    assert RULE_BY_ID[RuleId.R12].scope is Scope.BOARD
    card_rules = {r.id for r in RULES if r.scope is Scope.CARD}
    assert card_rules == set(RuleId) - {RuleId.R8, RuleId.R11, RuleId.R12}
    assert not RULE_BY_ID[RuleId.R11].plans  # a warning when adding, not a follow-up


@pytest.mark.parametrize(
    ("move", "facts"),
    [
        ((OPEN, ACTIVE), {Fact.UNDER_WAY}),  # its own offer notice: one card's rules
        ((ACTIVE, OFFER), {Fact.OFFERS, Fact.UNDER_WAY}),
        ((OFFER, LOST), {Fact.OFFERS, Fact.UNDER_WAY}),
        ((LOST, WON), {Fact.UNDER_WAY}),
        ((OFFER, None), {Fact.OFFERS, Fact.UNDER_WAY}),  # archived or deleted
        ((None, OPEN), {Fact.UNDER_WAY}),  # added, perhaps already applied for
        ((OPEN, OPEN), set()),  # Wishlist to Applied says so through the date
        ((LOST, LOST), set()),
    ],
)
def test_a_move_touches_the_facts_of_the_stage_kinds_it_leaves_and_enters(
    move: tuple[StageKind | None, StageKind | None], facts: set[Fact]
) -> None:
    assert facts_changed(Touched(moves=(move,))) == facts


def test_offers_dates_settings_and_columns_touch_their_facts() -> None:
    assert facts_changed(Touched(offer_events=True)) == {Fact.OFFERS}
    assert facts_changed(Touched(applied=True)) == {Fact.UNDER_WAY}
    assert facts_changed(Touched(settings=True)) == {Fact.SETTINGS}
    assert facts_changed(Touched(stages=True)) == {Fact.STAGES}
    assert facts_changed(Touched(everything=True)) == set(Fact)
    assert facts_changed(Touched()) == set()
    both = Touched(offer_events=True) | Touched(moves=((OPEN, ACTIVE),))
    assert facts_changed(both) == {Fact.OFFERS, Fact.UNDER_WAY}


def test_only_the_rules_reading_a_changed_fact_are_planned_again() -> None:
    assert to_replan({Fact.OFFERS}, BEYOND) == [RuleId.R8]
    assert to_replan({Fact.UNDER_WAY}, BEYOND) == [RuleId.R12]
    assert to_replan({Fact.SETTINGS}, BEYOND) == [RuleId.R8, RuleId.R12]
    assert to_replan(set(), BEYOND) == []
    assert RuleId.R1 in to_replan({Fact.SETTINGS}, (Scope.CARD,))

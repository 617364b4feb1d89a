"""Insights on small hand-built histories, each figure worked out here by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobhunt_desktop.domain.feedback_themes import themes
from jobhunt_desktop.domain.insights import (
    InsightCard,
    Message,
    Period,
    Promise,
    StageArrival,
    compute,
    stages_by_name,
)
from jobhunt_desktop.domain.insights_json import as_json
from tests.domain.factories import DEFAULT_BOARD

STAGES = DEFAULT_BOARD
ID = {s.name: s.id for s in STAGES}
TODAY = date(2026, 6, 1)


def at(day: int, hour: int = 9) -> datetime:
    """Day `day` of 2026 (1 = 1 January), in UTC."""
    return datetime(2026, 1, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


def card(
    card_id: int,
    stage: str = "Applied",
    applied: int | None = 1,
    answer: int | None = None,
    **more: object,
) -> InsightCard:
    fields: dict[str, object] = {
        "company": f"Company {card_id}",
        "source": None,
        "archived": False,
        "closed_reason": None,
        "imported": False,
    }
    fields.update(more)
    return InsightCard(
        id=card_id,
        stage_id=ID[stage],
        applied_on=None if applied is None else at(applied).date(),
        first_answer_at=None if answer is None else at(answer),
        **fields,  # type: ignore[arg-type]
    )


def path(card_id: int, *stages: tuple[str, int]) -> list[StageArrival]:
    """The card's arrivals, from the days it arrived in each stage."""
    return [StageArrival(card_id, name, float(day)) for name, day in stages]


def test_the_funnel_counts_a_skipped_stage_and_the_exits_beside_it() -> None:
    cards = [
        card(1, "Offer", answer=5),
        card(2, "Rejected", answer=9, closed_reason="rejected"),
        card(3, "Ghosted/Withdrawn", closed_reason="ghosted"),
        card(4, "Applied"),
    ]
    entries = [
        *path(1, ("Applied", 1), ("Interviewing", 5), ("Offer", 20)),  # skipped Screening
        *path(2, ("Applied", 1), ("Screening", 9), ("Rejected", 12)),
        *path(3, ("Applied", 1), ("Ghosted/Withdrawn", 40)),
        *path(4, ("Applied", 1)),
    ]
    found = compute(cards, entries, STAGES, TODAY)
    assert [(s.name, n) for s, n in found.funnel] == [
        ("Wishlist", 4),
        ("Applied", 4),
        ("Screening", 2),  # card 1 skipped it, and still counts: it got further
        ("Interviewing", 1),
        ("Offer", 1),
        ("Accepted", 0),
    ]
    assert [(s.name, n) for s, n in found.exits] == [("Rejected", 1), ("Ghosted/Withdrawn", 1)]


def test_answers_rates_and_the_small_sample_rule() -> None:
    few = [card(1, answer=3), card(2), card(3, "Rejected", closed_reason="rejected")]
    small = compute(few, [], STAGES, TODAY)
    assert (small.applied, small.answered) == (3, 2)
    assert small.response_rate is None  # 3 applied: not enough data
    assert small.days_to_answer.median is None

    cards = [
        card(1, answer=3),  # 2 days
        card(2, answer=5),  # 4 days
        card(3, answer=7),  # 6 days
        card(4, answer=11),  # 10 days
        card(5, answer=21),  # 20 days
        card(6, "Ghosted/Withdrawn", closed_reason="ghosted"),  # not an answer
        card(7, applied=140),  # applied 12 days before TODAY: too soon to be ghosted
        card(8, "Wishlist", applied=None),  # not applied
    ]
    found = compute(cards, [], STAGES, TODAY)
    assert (found.applied, found.answered) == (7, 5)
    assert found.response_rate == 5 / 7
    assert found.ghosted == 1  # card 6; card 7 is younger than 30 days
    assert found.ghosting_rate is not None and found.ghosting_rate == 1 / 6
    assert found.days_to_answer.median == 6.0
    assert (found.days_to_answer.low, found.days_to_answer.high) == (4.0, 10.0)
    assert found.cards == 8


def test_imported_cards_count_from_what_is_known() -> None:
    cards = [
        card(1, "Interviewing", imported=True),  # answered, when unknown
        card(2, "Interviewing", imported=False),  # no answer stored, not imported
        card(3, "Rejected", imported=True, closed_reason="rejected"),
    ]
    found = compute(cards, [], STAGES, TODAY)
    assert (found.answered, found.imported) == (2, 2)
    assert found.days_to_answer.count == 0  # no time is known


def test_time_in_each_stage_from_completed_stays() -> None:
    cards = [card(i) for i in range(1, 6)]
    entries = [
        e for i in range(1, 6) for e in path(i, ("Applied", 1), ("Screening", 1 + i * 2))
    ]  # 2, 4, 6, 8, 10 days in Applied; Screening goes on
    found = compute(cards, entries, STAGES, TODAY)
    spent = {s.name: d for s, d in found.time_in_stage}
    assert spent["Applied"].median == 6.0 and spent["Applied"].count == 5
    assert spent["Screening"].count == 0  # still there: not a finished stay


def test_companies_and_their_promises() -> None:
    cards = [card(i, company="Acme", answer=10 + i) for i in range(1, 6)] + [card(6)]
    promises = [
        Promise(1, at(5), at(10).date(), at(9)),  # kept
        Promise(2, at(5), at(10).date(), at(10)),  # kept, on the day
        Promise(3, at(5), at(10).date(), at(13)),  # 3 days late
        Promise(4, at(5), at(10).date(), None),  # never answered
        Promise(5, at(5), at(10).date(), at(11)),  # 1 day late
        Promise(5, at(5), TODAY + timedelta(days=3), None),  # not due yet: left out
    ]
    found = compute(cards, [], STAGES, TODAY, promises=promises)
    acme = next(c for c in found.companies if c.company == "Acme")
    assert (acme.applications, acme.answered, acme.promises) == (5, 5, 5)
    assert acme.median_days_to_answer == 12.0  # answers after 10..14 days
    assert acme.promises_kept == 2 / 5
    assert acme.median_days_late is None  # two late answers: below the sample


def test_sources_with_interviews_and_offers() -> None:
    cards = [
        card(1, "Interviewing", source="Referral", answer=4, interviewed=True),
        card(2, "Offer", source="Referral", answer=4, offered=True),
        card(3, source="Job board"),
        card(4, source=""),
    ]
    entries = path(2, ("Applied", 1), ("Interviewing", 4), ("Offer", 10))
    found = compute(cards, entries, STAGES, TODAY)
    by_source = {s.source: s for s in found.sources}
    referral = by_source["Referral"]
    assert (referral.applications, referral.answered, referral.interviews, referral.offers) == (
        2,
        2,
        2,
        1,
    )
    assert referral.rate(referral.answered) is None  # 2 applications: not enough data
    assert set(by_source) == {"Referral", "Job board", "not recorded"}


def test_follow_ups_answered_within_fourteen_days_by_the_day_sent() -> None:
    messages = [
        Message(1, "thank_you", at(10), 2.0),
        Message(2, "thank_you", at(10), 14.0),  # 14 days: within
        Message(3, "thank_you", at(10), 15.0),  # 15 days: too late
        Message(4, "thank_you", at(10), None),
        Message(5, "thank_you", at(10), 1.0),
        Message(1, "status_inquiry", at(100), None),  # outside the period
    ]
    cards = [card(i, applied=1) for i in range(1, 6)]
    found = compute(cards, [], STAGES, TODAY, messages=messages, period=Period(until=at(60).date()))
    assert [(f.kind, f.sent, f.answered_within_14_days) for f in found.followups] == [
        ("thank_you", 5, 3 / 5)
    ]


def test_period_tags_archive_and_activity_weeks() -> None:
    cards = [
        card(1, applied=5, tags=("remote",)),  # Mon 5 Jan 2026
        card(2, applied=6, tags=("remote", "python")),
        card(3, applied=20, tags=("python",)),  # Tue 20 Jan: two weeks later
        card(4, applied=100, archived=True),
    ]
    found = compute(cards, [], STAGES, TODAY, period=Period(at(1).date(), at(31).date()))
    assert found.cards == 3
    assert found.activity == [
        (date(2026, 1, 5), 2),
        (date(2026, 1, 12), 0),  # an empty week shows as one
        (date(2026, 1, 19), 1),
    ]
    tagged = compute(cards, [], STAGES, TODAY, tags=["Python"])
    assert tagged.card_ids == {2, 3}
    assert compute(cards, [], STAGES, TODAY, include_archived=False).cards == 3
    assert compute(cards, [], STAGES, TODAY).cards == 4


def test_feedback_themes_recur_across_cards_in_their_usual_words() -> None:
    found = themes(
        [
            (1, "We were looking for someone with more Kubernetes experience."),
            (2, "The team wanted more experience with Kubernetes in production."),
            (3, "Strong candidate, but we need deeper Kubernetes experience."),
            (4, "We went with someone more senior."),
            (5, "They chose a more senior person; seniority mattered."),
            (6, "Salary expectations were too high."),
        ]
    )
    by_theme = {t.theme: t.application_ids for t in found}
    assert by_theme["kubernetes experience"] == (1, 3)
    assert by_theme["kubernetes"] == (1, 2, 3)
    assert by_theme["experience"] == (1, 2, 3)
    assert by_theme["senior"] == (4, 5)  # "senior" and "seniority" are one stem
    assert "more senior" not in by_theme  # "more" says nothing: no phrase ends or starts so
    assert all(len(ids) >= 2 for ids in by_theme.values())
    assert "salary expectations" not in by_theme  # one card only


def test_the_json_shape() -> None:
    found = as_json(compute([card(1, answer=3)], [], STAGES, TODAY))
    assert set(found) >= {
        "funnel",
        "exits",
        "applied",
        "answered",
        "response_rate",
        "ghosted",
        "median_days_to_answer",
        "time_in_stage",
        "companies",
        "sources",
        "followups",
        "feedback_themes",
    }
    assert found["funnel"][0] == {"stage": "Wishlist", "reached": 1}
    assert found["response_rate"] is None and found["median_days_to_answer"] is None


cards_strategy = st.lists(
    st.builds(
        lambda i, stage, applied, answer, imported: card(
            i,
            stage,
            applied=applied,
            answer=None if answer is None or applied is None else applied + answer,
            imported=imported,
            closed_reason="rejected" if stage == "Rejected" else None,
        ),
        st.integers(1, 10_000),
        st.sampled_from([s.name for s in STAGES]),
        st.one_of(st.none(), st.integers(1, 150)),
        st.one_of(st.none(), st.integers(0, 60)),
        st.booleans(),
    ),
    max_size=40,
    unique_by=lambda c: c.id,
)


@settings(max_examples=150, deadline=None)
@given(
    cards=cards_strategy,
    moves=st.lists(
        st.tuples(
            st.integers(1, 10_000), st.sampled_from([s.name for s in STAGES]), st.integers(1, 150)
        ),
        max_size=60,
    ),
)
def test_the_funnel_never_grows_and_rates_stay_within_bounds(
    cards: list[InsightCard], moves: list[tuple[int, str, int]]
) -> None:
    arrivals: dict[int, list[tuple[str, int]]] = {}
    for i, name, day in sorted(moves, key=lambda m: m[2]):
        arrivals.setdefault(i, []).append((name, day))
    found = compute(cards, [a for i, way in arrivals.items() for a in path(i, *way)], STAGES, TODAY)
    reached = [n for _, n in found.funnel]
    assert reached == sorted(reached, reverse=True)
    assert all(n <= found.cards for n in reached)
    for value in (found.response_rate, found.ghosting_rate):
        assert value is None or 0.0 <= value <= 1.0
    assert found.answered <= found.applied <= found.cards


def test_follow_ups_are_chosen_by_the_local_day_they_were_sent() -> None:
    late = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)  # 00:30 on 1 March in Berlin
    messages = [Message(1, "thank_you", late, None)]
    march = Period(since=date(2026, 3, 1))
    found = compute(
        [card(1)], [], STAGES, TODAY, messages=messages, period=march, zone="Europe/Berlin"
    )
    assert [(f.kind, f.sent) for f in found.followups] == [("thank_you", 1)]


def test_history_told_an_old_name_finds_the_stage_by_its_renames() -> None:
    """Screening became Phone screen, then Call; a new stage took the name Screening
    meanwhile. Old entries follow the renames; today's names are today's stages."""
    renamed = [s._replace(name="Call") if s.name == "Screening" else s for s in STAGES]
    renames = [("Screening", "Phone screen"), ("Phone screen", "Call")]
    cards = [card(1, "Offer"), card(2, "Applied")]
    arrivals = [
        *path(1, ("Applied", 1), ("Phone screen", 3), ("Offer", 9)),
        *path(2, ("Applied", 1)),
    ]
    found = compute(cards, arrivals, renamed, TODAY, renames=renames)
    reached = {s.name: n for s, n in found.funnel}
    assert reached["Call"] == 1
    named = stages_by_name(renamed, renames)
    assert named["screening"].name == "Call" and named["phone screen"].name == "Call"
    spent = {s.name: d.count for s, d in found.time_in_stage}
    assert spent["Call"] == 1  # six days, under its old name
    loop = [("A", "B"), ("B", "A")]  # renamed back and forth: no endless walk
    assert stages_by_name(renamed, loop).keys() >= {"call", "Call"}

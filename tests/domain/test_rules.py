"""Example tests for each follow-up rule, with the edge cases the brief names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from jobhunt_desktop.domain.entities import (
    EventKind,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Mover,
)
from jobhunt_desktop.domain.rules import (
    ApplicationFacts,
    OfferElsewhere,
    PastApplication,
    is_counted_active,
    keep_applying,
    plan_application,
    recent_rejections,
)
from jobhunt_desktop.domain.timeutil import zone
from tests.domain.factories import (
    ACCEPTED,
    APPLIED,
    BERLIN,
    INTERVIEWING,
    NEW_YORK,
    OFFER,
    REJECTED,
    WISHLIST,
    app,
    by_rule,
    event,
    interview,
    only,
    plan,
    sent,
    utc,
)

BERLIN_TZ = zone("Europe/Berlin")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN_TZ)  # type: ignore[misc]


# R1: thank-you ---------------------------------------------------------------


def test_r1_thank_you_two_hours_after_the_interview_ends_and_late_after_a_day() -> None:
    iv = interview(berlin(2026, 3, 10, 10, 0), hours=1)
    r1 = only(plan(app(INTERVIEWING), [iv]), "R1")
    assert r1.kind is FollowUpKind.THANK_YOU
    assert r1.due_at == berlin(2026, 3, 10, 13, 0)
    assert r1.overdue_at == berlin(2026, 3, 11, 11, 0)
    assert r1.key == f"app:1:R1:interview:{iv.id}"


def test_r1_stays_on_the_same_day_for_a_late_interview() -> None:
    iv = interview(berlin(2026, 3, 10, 21, 0), hours=1.5)
    r1 = only(plan(app(INTERVIEWING), [iv]), "R1")
    assert r1.due_at == berlin(2026, 3, 10, 23, 59)


def test_r1_for_an_interview_logged_after_the_fact_is_due_at_once_but_never_before_it() -> None:
    start = berlin(2026, 3, 10, 10, 0)
    iv = interview(start, recorded=start + timedelta(days=2))
    r1 = only(plan(app(INTERVIEWING), [iv], now=start + timedelta(days=2)), "R1")
    assert r1.due_at == berlin(2026, 3, 10, 13, 0)
    assert r1.due_at >= iv.end


def test_r1_is_skipped_for_an_interview_logged_long_after_it() -> None:
    start = berlin(2026, 3, 10, 10, 0)
    iv = interview(start, recorded=start + timedelta(days=30))
    assert by_rule(plan(app(INTERVIEWING), [iv]), "R1") == []


def test_r1_gone_when_cancelled_and_follows_a_moved_interview() -> None:
    iv = interview(berlin(2026, 3, 10, 10, 0))
    cancel = event(EventKind.INTERVIEW_CANCELLED, berlin(2026, 3, 9, 12), related_event_id=iv.id)
    assert by_rule(plan(app(INTERVIEWING), [iv, cancel]), "R1") == []
    move = event(
        EventKind.INTERVIEW_MOVED,
        berlin(2026, 3, 9, 12),
        related_event_id=iv.id,
        new_starts_at=berlin(2026, 3, 12, 15, 0),
    )
    r1 = only(plan(app(INTERVIEWING), [iv, move]), "R1")
    assert r1.due_at == berlin(2026, 3, 12, 18, 0)  # same one-hour length, 2 h after


def test_r1_not_planned_once_a_thank_you_went_out() -> None:
    iv = interview(berlin(2026, 3, 10, 10, 0))
    thanks = sent(berlin(2026, 3, 10, 14, 0), FollowUpKind.THANK_YOU)
    assert by_rule(plan(app(INTERVIEWING), [iv, thanks]), "R1") == []


# R2: record next steps -------------------------------------------------------


def test_r2_asks_for_next_steps_until_they_are_recorded() -> None:
    iv = interview(berlin(2026, 3, 10, 10, 0))
    r2 = only(plan(app(INTERVIEWING), [iv]), "R2")
    assert r2.kind is FollowUpKind.RECORD_NEXT_STEPS
    assert r2.due_at == iv.end
    done = replace(iv, next_steps="HR calls by Friday")
    assert by_rule(plan(app(INTERVIEWING), [done]), "R2") == []


def test_r2_for_a_past_interview_is_due_when_logged() -> None:
    iv = interview(berlin(2026, 3, 10, 10, 0), recorded=berlin(2026, 3, 11, 8, 0))
    assert only(plan(app(INTERVIEWING), [iv]), "R2").due_at == berlin(2026, 3, 11, 8, 0)


def test_r2_only_for_the_latest_conversation() -> None:
    first = interview(berlin(2026, 3, 10, 10, 0), round=1)
    second = interview(berlin(2026, 3, 17, 10, 0), round=2)
    [r2] = by_rule(plan(app(INTERVIEWING), [first, second]), "R2")
    assert r2.key.endswith(f"interview:{second.id}")
    offer = event(EventKind.OFFER, berlin(2026, 3, 20, 10))
    assert by_rule(plan(app(INTERVIEWING), [first, second, offer]), "R2") == []


# R3: promised date passed ------------------------------------------------------


def test_r3_two_business_days_after_the_promised_date_skipping_the_weekend() -> None:
    iv = interview(berlin(2026, 3, 5, 10, 0), promised_by=date(2026, 3, 6))  # Thu, promise Fri
    r3 = only(plan(app(INTERVIEWING), [iv]), "R3")
    assert r3.kind is FollowUpKind.STATUS_INQUIRY
    assert r3.due_at == berlin(2026, 3, 10, 9, 0)  # Tuesday at the reminder time
    assert "Fri 6 Mar 2026" in r3.reason


def test_r3_promise_on_a_weekend_counts_from_monday() -> None:
    iv = interview(berlin(2026, 3, 5, 10, 0), promised_by=date(2026, 3, 7))  # Saturday
    assert only(plan(app(INTERVIEWING), [iv]), "R3").due_at == berlin(2026, 3, 10, 9, 0)


def test_r3_across_the_dst_change_keeps_the_local_reminder_time() -> None:
    iv = interview(berlin(2026, 3, 26, 10, 0), promised_by=date(2026, 3, 27))  # Fri before DST
    r3 = only(plan(app(INTERVIEWING), [iv]), "R3")
    assert r3.due_at == berlin(2026, 3, 31, 9, 0)
    assert r3.due_at == utc(2026, 3, 31, 7, 0)  # summer time: UTC+2


def test_r3_promised_date_already_past_when_logged_is_due_at_once_not_before_the_interview() -> (
    None
):
    iv = interview(
        berlin(2026, 3, 10, 10, 0),
        promised_by=date(2026, 3, 2),
        recorded=berlin(2026, 3, 12, 8, 0),
    )
    r3 = only(plan(app(INTERVIEWING), [iv]), "R3")
    assert r3.due_at == iv.end


def test_r3_from_a_reply_that_promised_a_date() -> None:
    reply = event(EventKind.REPLY, berlin(2026, 3, 4, 16, 0), promised_by=date(2026, 3, 11))
    r3 = only(plan(app(APPLIED), [reply]), "R3")
    assert r3.due_at == berlin(2026, 3, 13, 9, 0)


# R4: later round without a date ---------------------------------------------------


def test_r4_fourteen_days_after_a_second_round_same_wall_time_across_dst() -> None:
    iv = interview(berlin(2026, 3, 20, 10, 0), round=2)
    r4 = only(plan(app(INTERVIEWING), [iv]), "R4")
    assert r4.kind is FollowUpKind.ROUND_FOLLOW_UP
    assert r4.due_at == berlin(2026, 4, 3, 11, 0)
    assert r4.due_at - iv.end == timedelta(days=14) - timedelta(hours=1)  # one hour lost to DST


def test_r4_uses_the_users_setting_and_not_round_one() -> None:
    settings = replace(BERLIN, r4_days=21)
    iv2 = interview(berlin(2026, 3, 2, 10, 0), round=2)
    assert only(plan(app(INTERVIEWING), [iv2], settings), "R4").due_at == berlin(2026, 3, 23, 11)
    iv1 = interview(berlin(2026, 3, 2, 10, 0), round=1)
    assert by_rule(plan(app(INTERVIEWING), [iv1]), "R4") == []
    assert by_rule(plan(app(INTERVIEWING), [iv1]), "R5") == []


# R5: nothing back after applying -------------------------------------------------


def test_r5_seven_days_after_applying() -> None:
    r5 = only(plan(app(APPLIED, applied_on=date(2026, 3, 2)), []), "R5")
    assert r5.kind is FollowUpKind.APPLICATION_CHECK
    assert r5.due_at == berlin(2026, 3, 9, 9, 0)


def test_r5_needs_an_application_date_and_an_open_card() -> None:
    assert plan(app(WISHLIST, applied_on=None), []) == []
    assert by_rule(plan(app(REJECTED), []), "R5") == []


def test_r5_in_another_zone() -> None:
    r5 = only(plan(app(APPLIED, applied_on=date(2026, 3, 2)), [], NEW_YORK), "R5")
    assert r5.due_at == utc(2026, 3, 9, 13, 0)  # 9:00 EDT, the day after the US change
    assert r5.zone == "America/New_York"


# R6: moved or cancelled ----------------------------------------------------------


def test_r6_the_day_after_a_cancellation() -> None:
    iv = interview(berlin(2026, 3, 12, 10, 0))
    cancel = event(EventKind.INTERVIEW_CANCELLED, berlin(2026, 3, 10, 15), related_event_id=iv.id)
    r6 = only(plan(app(INTERVIEWING), [iv, cancel]), "R6")
    assert r6.kind is FollowUpKind.RESCHEDULE_INQUIRY
    assert r6.due_at == berlin(2026, 3, 11, 9, 0)


def test_r6_for_every_move_the_employer_makes() -> None:
    iv = interview(berlin(2026, 3, 12, 10, 0))
    vague = event(EventKind.INTERVIEW_MOVED, berlin(2026, 3, 10, 15), related_event_id=iv.id)
    r6 = only(plan(app(INTERVIEWING), [iv, vague]), "R6")
    assert (r6.kind, r6.due_at) == (FollowUpKind.RESCHEDULE_INQUIRY, berlin(2026, 3, 11, 9))
    assert by_rule(plan(app(INTERVIEWING), [iv, vague]), "R1") == []
    exact = replace(vague, new_starts_at=berlin(2026, 3, 16, 10))
    confirm = only(plan(app(INTERVIEWING), [iv, exact]), "R6")
    assert (confirm.kind, confirm.due_at) == (
        FollowUpKind.RESCHEDULE_CONFIRM,
        berlin(2026, 3, 11, 9),
    )
    assert "16 Mar" in confirm.reason
    assert not confirm.kind.is_chaser  # it asks for no news: the chase after it goes on


def test_no_r6_for_a_move_the_user_asked_for_or_a_new_time_that_comes_first() -> None:
    iv = interview(berlin(2026, 3, 12, 10, 0))
    mine = event(
        EventKind.INTERVIEW_MOVED,
        berlin(2026, 3, 10, 15),
        related_event_id=iv.id,
        moved_by=Mover.ME,
    )
    assert by_rule(plan(app(INTERVIEWING), [iv, mine]), "R6") == []
    assert (
        by_rule(
            plan(app(INTERVIEWING), [iv, replace(mine, new_starts_at=berlin(2026, 3, 16, 10))]),
            "R6",
        )
        == []
    )
    soon = event(
        EventKind.INTERVIEW_MOVED,
        berlin(2026, 3, 10, 15),
        related_event_id=iv.id,
        new_starts_at=berlin(2026, 3, 11, 8, 30),  # before R6's 9:00 the next day
    )
    assert by_rule(plan(app(INTERVIEWING), [iv, soon]), "R6") == []
    later = event(EventKind.INTERVIEW_CANCELLED, berlin(2026, 3, 10, 16), related_event_id=iv.id)
    [r6] = by_rule(plan(app(INTERVIEWING), [iv, soon, later]), "R6")  # the cancel wins
    assert r6.kind is FollowUpKind.RESCHEDULE_INQUIRY


# R7: rejection -----------------------------------------------------------------


def test_r7_reply_to_a_rejection_next_day_and_no_more_chasing() -> None:
    rejection = event(EventKind.REJECTION, berlin(2026, 3, 10, 17, 0), feedback="More SQL")
    planned = plan(app(REJECTED), [rejection])
    r7 = only(planned, "R7")
    assert r7.kind is FollowUpKind.REJECTION_REPLY
    assert r7.due_at == berlin(2026, 3, 11, 9, 0)
    assert [p.rule for p in planned] == ["R7"]


# R8: offer while interviewing elsewhere ----------------------------------------------


def _offer(deadline: datetime | None = None) -> OfferElsewhere:
    return OfferElsewhere(9, "Globex", "Analyst", 77, berlin(2026, 3, 10, 12), deadline)


def test_r8_tells_an_employer_in_interviews_at_once() -> None:
    r8 = only(plan(app(INTERVIEWING), [], offers=(_offer(),)), "R8")
    assert r8.kind is FollowUpKind.OFFER_NOTICE
    assert r8.due_at == berlin(2026, 3, 10, 12)
    assert "Globex" in r8.reason


def test_r8_not_for_cards_outside_interviews_nor_after_the_offer_expired() -> None:
    assert by_rule(plan(app(APPLIED), [], offers=(_offer(),)), "R8") == []
    expired = _offer(deadline=berlin(2026, 3, 12))
    planned = plan(app(INTERVIEWING), [], now=berlin(2026, 3, 13), offers=(expired,))
    assert by_rule(planned, "R8") == []


def test_r8_is_one_notice_per_card_naming_every_open_offer() -> None:
    second = OfferElsewhere(10, "Initech", "Engineer", 80, berlin(2026, 3, 11, 9), None)
    [r8] = by_rule(plan(app(INTERVIEWING), [], offers=(_offer(), second)), "R8")
    assert r8.reason == "Offers from Globex (Analyst) and Initech (Engineer)"
    assert r8.key.endswith("offer:77")  # the first offer's: the notice keeps its place
    assert r8.due_at == berlin(2026, 3, 10, 12)


def test_r8_after_a_notice_was_sent_a_later_offer_brings_a_notice_of_its_own() -> None:
    second = OfferElsewhere(10, "Initech", "Engineer", 80, berlin(2026, 3, 11, 9), None)
    sent = berlin(2026, 3, 10, 15)  # the notice about Globex's offer went out
    facts = ApplicationFacts(app(INTERVIEWING), (), (_offer(), second), offer_notice_sent_at=sent)
    [r8] = by_rule(plan_application(facts, BERLIN, berlin(2026, 3, 11, 10)), "R8")
    assert r8.reason == "Offer from Initech (Engineer)" and r8.key.endswith("offer:80")
    later = ApplicationFacts(app(INTERVIEWING), (), (_offer(),), offer_notice_sent_at=sent)
    assert by_rule(plan_application(later, BERLIN, berlin(2026, 3, 11, 10)), "R8") == []


def test_r8_is_never_dated_before_the_card_entered_interviews() -> None:
    entered = berlin(2026, 3, 12, 16)  # two days after the offer arrived elsewhere
    card = replace(app(INTERVIEWING), stage_entered_at=entered)
    [r8] = by_rule(plan(card, [], now=berlin(2026, 3, 12, 17), offers=(_offer(),)), "R8")
    assert r8.due_at == entered


# R9: offer deadline --------------------------------------------------------------


def test_r9_two_days_before_the_deadline() -> None:
    offer = event(EventKind.OFFER, berlin(2026, 3, 10, 12), deadline_at=berlin(2026, 3, 20, 23, 59))
    r9 = only(plan(app(OFFER), [offer]), "R9")
    assert r9.due_at == berlin(2026, 3, 18, 9, 0)


def test_r9_short_deadline_is_due_at_once_and_never_after_the_deadline() -> None:
    offer = event(EventKind.OFFER, berlin(2026, 3, 10, 12), deadline_at=berlin(2026, 3, 11, 8))
    r9 = only(plan(app(OFFER), [offer]), "R9")
    assert r9.due_at == berlin(2026, 3, 10, 12)
    assert by_rule(plan(app(ACCEPTED), [offer]), "R9") == []


# R10: persistence, not pestering -----------------------------------------------------


def test_r10_second_chaser_waits_seven_days_after_the_first() -> None:
    first = sent(berlin(2026, 3, 9, 10), FollowUpKind.APPLICATION_CHECK)
    r5 = only(plan(app(APPLIED), [first]), "R5")
    assert r5.key.endswith(":2")
    assert r5.due_at == berlin(2026, 3, 16, 10)
    assert "follow-up 2 of 2" in r5.reason


def test_r10_stops_after_two_unanswered_and_suggests_closing() -> None:
    events = [
        sent(berlin(2026, 3, 9, 10), FollowUpKind.APPLICATION_CHECK),
        sent(berlin(2026, 3, 16, 10), FollowUpKind.APPLICATION_CHECK),
    ]
    planned = plan(app(APPLIED), events)
    assert by_rule(planned, "R5") == []
    r10 = only(planned, "R10")
    assert r10.kind is FollowUpKind.CONSIDER_CLOSING
    assert r10.due_at == berlin(2026, 3, 23, 10)


def test_r10_any_message_pushes_the_next_chaser_a_week_out() -> None:
    iv = interview(berlin(2026, 3, 5, 10, 0), promised_by=date(2026, 3, 6))
    thanks = sent(berlin(2026, 3, 9, 18), FollowUpKind.THANK_YOU)
    r3 = only(plan(app(INTERVIEWING), [iv, thanks]), "R3")
    assert r3.due_at == berlin(2026, 3, 16, 18)
    assert r3.key.endswith(":1")  # a thank-you is not a chaser


# R11: recent rejection at the same company -------------------------------------------


def test_r11_warns_about_a_recent_rejection_at_the_same_company() -> None:
    now = berlin(2026, 9, 1)
    earlier = [
        PastApplication(3, "ACME Inc.", "Analyst", berlin(2026, 5, 1), None),
        PastApplication(4, "Acme", "Engineer", berlin(2025, 12, 1), None),  # 9 months: too old
        PastApplication(5, "Acme Rockets", "Pilot", berlin(2026, 8, 1), None),
        PastApplication(6, "acme", "Intern", None, None),  # never rejected
    ]
    found = recent_rejections("Acme", earlier, BERLIN, now)
    assert [p.application_id for p in found] == [3]
    assert (
        recent_rejections("Acme", earlier, replace(BERLIN, r11_months=12), now)[1].application_id
        == 4
    )


# R12: keep searching -------------------------------------------------------------


def test_r12_first_nudge_comes_a_week_on_and_is_never_born_late() -> None:
    now = berlin(2026, 3, 10, 15)  # a Tuesday: the first card of the hunt
    [nudge] = keep_applying(2, False, BERLIN, now)
    assert nudge.due_at == berlin(2026, 3, 17, 9)  # a week on, at the reminder time
    assert nudge.key == "R12:2026-03-17"
    assert keep_applying(5, False, BERLIN, now) == []
    assert keep_applying(0, True, BERLIN, now) == []


def test_r12_keeps_an_open_nudge_where_it_is_and_plans_the_next_a_week_after_the_last() -> None:
    due = berlin(2026, 3, 17, 9)
    first = FollowUp(
        1,
        None,
        "R12:2026-03-17",
        FollowUpKind.KEEP_APPLYING,
        "R12",
        due,
        "Europe/Berlin",
        FollowUpState.PENDING,
        due,
    )
    later = berlin(2026, 3, 20, 12)
    [kept] = keep_applying(3, False, BERLIN, later, [first])
    assert (
        kept.due_at == first.due_at and kept.reason == "Only 3 applications are active; aim for 5"
    )
    dismissed = replace(first, state=FollowUpState.DISMISSED)
    [following] = keep_applying(3, False, BERLIN, later, [dismissed])
    assert following.due_at == berlin(2026, 3, 24, 9)  # never two within 7 days
    long_after = berlin(2026, 4, 20, 12)  # weeks went by: the next is today, not back-dated
    [today] = keep_applying(3, False, BERLIN, long_after, [dismissed])
    assert today.due_at == berlin(2026, 4, 21, 9)
    superseded = replace(first, state=FollowUpState.SUPERSEDED)  # the count rose, then fell
    [again] = keep_applying(3, False, BERLIN, later, [superseded])
    assert again.due_at == berlin(2026, 3, 27, 9)  # a week after it fell below the minimum


def test_r12_counts_only_applications_that_are_out() -> None:
    assert is_counted_active(app(APPLIED))
    assert not is_counted_active(app(WISHLIST, applied_on=None))
    assert is_counted_active(app(INTERVIEWING, applied_on=None))
    assert not is_counted_active(app(REJECTED))
    assert not is_counted_active(app(INTERVIEWING, archived=True))


def test_an_offer_does_not_stop_other_cards_being_chased() -> None:
    """R12: nothing is closed by an offer until one is accepted."""
    offer = _offer()
    planned = plan(app(APPLIED), [], offers=(offer,))
    assert only(planned, "R5")


# R13: a reply resets the chain ----------------------------------------------------


def test_r13_a_reply_restarts_the_chase_from_the_reply() -> None:
    events = [
        sent(berlin(2026, 3, 9, 10), FollowUpKind.APPLICATION_CHECK),
        sent(berlin(2026, 3, 16, 10), FollowUpKind.APPLICATION_CHECK),
        event(EventKind.REPLY, berlin(2026, 3, 18, 11)),
    ]
    planned = plan(app(APPLIED), events)
    assert by_rule(planned, "R10") == []
    chaser = only(planned, "R5")
    assert chaser.key.endswith(":1")
    assert "reply" in chaser.key
    assert chaser.due_at == berlin(2026, 3, 25, 9)


def test_archived_cards_get_nothing() -> None:
    assert plan(app(APPLIED, archived=True), [interview(berlin(2026, 3, 10, 10))]) == []

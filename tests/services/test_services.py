"""Use cases on a real SQLite file, with only the clock faked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time, timedelta
from typing import Any

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind, FollowUpState
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput

ZONE = "Europe/Berlin"


def t(text: str):  # type: ignore[no-untyped-def]
    return parse_datetime(text, ZONE)


def open_rules(services: Services, app_id: int) -> dict[str, FollowUpState]:
    return {f.rule: f.state for f in services.followups.chain(app_id) if f.state.is_open}


def test_default_stages_and_adding_a_card(services: Services) -> None:
    assert [s.name for s in services.stages.all()][:3] == ["Wishlist", "Applied", "Screening"]
    result = services.applications.add("Acme", "Data Analyst", stage="applied", tags=["Remote"])
    app = services.applications.get(result.id)
    assert app.stage.name == "Applied"
    assert app.applied_on == date(2026, 3, 2)  # a card in Applied has been sent today
    assert app.tags == ("remote",)
    assert open_rules(services, result.id) == {"R5": FollowUpState.PENDING}
    wish = services.applications.add("Initech", "Analyst")
    assert services.applications.get(wish.id).applied_on is None


def test_r11_warns_with_the_earlier_application(services: Services, clock: FixedClock) -> None:
    first = services.applications.add("Acme Inc.", "Analyst", stage="Applied").id
    services.events.rejection(first, feedback="More SQL please")
    assert services.applications.get(first).stage.name == "Rejected"
    clock.advance(timedelta(days=40))
    second = services.applications.add("ACME", "Engineer", stage="Applied")
    assert [p.application_id for p in second.recent_rejections] == [first]
    clock.advance(timedelta(days=200))
    assert services.applications.recent_rejections("acme") == []


def test_move_records_history_and_its_undo_puts_the_cards_back(services: Services) -> None:
    ids = [services.applications.add(f"Co {i}", "Role", stage="Applied").id for i in range(3)]
    moved = services.applications.move([ids[2], ids[0]], "Screening", index=0)
    board = services.applications.board(stage="Screening")
    assert [r.id for r in board] == [ids[2], ids[0]]
    story = services.applications.story(ids[0])
    assert [(h.action, h.old_value, h.new_value) for h in story.history][-1] == (
        "moved",
        "Applied",
        "Screening",
    )
    services.undo.put_back(moved.before, moved.changes.history)
    assert [r.id for r in services.applications.board(stage="Applied")] == ids


def test_reorder_within_a_column(services: Services) -> None:
    ids = [services.applications.add(f"Co {i}", "Role", stage="Applied").id for i in range(4)]
    services.applications.move([ids[3]], "Applied", index=1)
    assert [r.id for r in services.applications.board(stage="Applied")] == [
        ids[0],
        ids[3],
        ids[1],
        ids[2],
    ]


def test_many_moves_between_the_same_neighbours_renumber_instead_of_colliding(
    services: Services,
) -> None:
    ids = [services.applications.add(f"Co {i}", "Role", stage="Applied").id for i in range(3)]
    for _ in range(60):
        services.applications.move([ids[2]], "Applied", index=1)
        services.applications.move([ids[1]], "Applied", index=1)
    order = [r.id for r in services.applications.board(stage="Applied")]
    assert sorted(order) == sorted(ids) and len(set(order)) == 3
    positions = [r.position for r in services.applications.board(stage="Applied")]
    assert positions == sorted(positions) and len(set(positions)) == 3


def test_interview_plans_r1_r2_and_cancellation_supersedes_them(services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    result = services.events.interview(app_id, t("2026-03-05T10:00"), t("2026-03-05T11:00"))
    assert result.moved_to == "Interviewing"
    assert open_rules(services, app_id) == {
        "R1": FollowUpState.PENDING,
        "R2": FollowUpState.PENDING,
    }
    r1 = next(f for f in services.followups.chain(app_id) if f.rule == "R1")
    assert r1.due_at == t("2026-03-05T13:00")
    services.events.cancelled(app_id)
    states = {f.rule: f.state for f in services.followups.chain(app_id)}
    assert states["R1"] is FollowUpState.SUPERSEDED
    assert states["R6"] is FollowUpState.PENDING
    assert states["R5"] is FollowUpState.SUPERSEDED


def test_next_steps_satisfy_r2_and_plan_r3(services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    interview = services.events.interview(app_id, t("2026-03-05T10:00")).event
    services.events.record_next_steps(
        interview.id,
        date(2026, 3, 6),
        "HR calls",
        ContactInput(name="Dana Kim", email="d@a.example"),
    )
    assert open_rules(services, app_id) == {
        "R1": FollowUpState.PENDING,
        "R3": FollowUpState.PENDING,
    }
    app = services.applications.get(app_id)
    assert [c.name for c in app.contacts] == ["Dana Kim"]
    r3 = next(f for f in services.followups.chain(app_id) if f.rule == "R3")
    assert r3.due_at == t("2026-03-10T09:00")


def test_sending_closes_the_follow_up_and_r10_stops_after_two(
    services: Services, clock: FixedClock
) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=7))
    [due] = [d for d in services.followups.due() if d.followup.application_id == app_id]
    assert due.followup.rule == "R5" and due.company == "Acme"
    services.events.sent(app_id, "Checking in", "Hello", followup_id=due.followup.id)
    chain = services.followups.chain(app_id)
    assert chain[0].state is FollowUpState.SENT and chain[0].subject == "Checking in"
    assert chain[1].state is FollowUpState.PENDING
    assert chain[1].due_at == clock.now() + timedelta(days=7)
    clock.advance(timedelta(days=7))
    services.events.sent(app_id, "Still interested")  # matched to the due chaser
    kinds = [(f.kind, f.state) for f in services.followups.chain(app_id)]
    assert kinds[-1] == (FollowUpKind.CONSIDER_CLOSING, FollowUpState.PENDING)
    assert [s for _, s in kinds].count(FollowUpState.SENT) == 2
    services.events.reply(app_id)  # R13: the employer answered
    assert set(open_rules(services, app_id)) == {"R5"}


def test_offer_notifies_cards_in_interviews_and_plans_r9(services: Services) -> None:
    a = services.applications.add("Acme", "Analyst", stage="Applied").id
    b = services.applications.add("Globex", "Analyst", stage="Interviewing").id
    c = services.applications.add("Initech", "Analyst", stage="Applied").id
    result = services.events.offer(a, deadline_at=t("2026-03-20T23:59"))
    assert result.moved_to == "Offer"
    assert [o.application_id for o in result.interviewing_elsewhere] == [b]
    assert "R8" in open_rules(services, b)
    assert "R8" not in open_rules(services, c)
    r9 = next(f for f in services.followups.chain(a) if f.rule == "R9")
    assert r9.due_at == t("2026-03-18T09:00")
    services.applications.move([a], "Accepted")  # accepting ends R8 and R9
    assert "R8" not in open_rules(services, b)
    assert "R9" not in open_rules(services, a)
    assert services.applications.get(b).stage.name == "Interviewing"  # not auto-closed


def test_two_offers_bring_one_notice_per_card_in_interviews(services: Services) -> None:
    a = services.applications.add("Acme", "Analyst", stage="Applied").id
    b = services.applications.add("Globex", "Analyst", stage="Applied").id
    c = services.applications.add("Initech", "Analyst", stage="Interviewing").id
    services.events.offer(a)
    services.events.offer(b)
    notices = [f for f in services.followups.chain(c) if f.rule == "R8" and f.state.is_open]
    assert len(notices) == 1
    assert notices[0].reason == "Offers from Acme (Analyst) and Globex (Analyst)"
    draft = services.drafting.compose(c, followup_id=notices[0].id)
    assert "Acme" not in draft.body and "Globex" not in draft.body  # no other employer named
    assert "preference" not in draft.body


def statements_of_a_second_offer(services: Services, interviewing: int) -> int:
    """How many statements a second offer sends, with this many cards in interviews
    whose offer notices it rewords."""

    first = services.applications.add("Acme", "Analyst", stage="Applied").id
    second = services.applications.add("Globex", "Analyst", stage="Applied").id
    cards = [
        services.applications.add(f"Co {n}", "Analyst", stage="Interviewing").id
        for n in range(interviewing)
    ]
    services.events.offer(first)
    with statements_sent(services) as sent:
        services.events.offer(second)
    for card in cards:
        notices = [f for f in services.followups.chain(card) if f.rule == "R8" and f.state.is_open]
        assert [n.reason for n in notices] == ["Offers from Acme (Analyst) and Globex (Analyst)"]
    return len(sent)


def test_an_offer_rewords_the_notices_of_every_card_in_interviews_in_a_few_statements(
    services: Services,
) -> None:
    cards = 40
    assert statements_of_a_second_offer(services, cards) < cards  # not two for each card


@contextmanager
def statements_sent(services: Services) -> Iterator[list[str]]:
    """The statements sent meanwhile, each on one line (those sent together in one
    round trip on a server each once: not while their read was learned)."""
    from sqlalchemy import event

    from jobhunt_desktop.persistence.one_trip import only_learned

    sent: list[str] = []
    engine = services.applications.db.engine

    def listener(*args: Any) -> None:
        if not only_learned(args[4]):
            sent.append(" ".join(args[2].split()))

    event.listen(engine, "after_cursor_execute", listener)
    try:
        yield sent
    finally:
        event.remove(engine, "after_cursor_execute", listener)


def test_a_move_reads_where_its_card_was_once(services: Services) -> None:
    """Each statement is a round trip to a server: where the card was is read once,
    with the rest of its row for the undo, not again to learn where it is nor to note
    which stage kinds it left and entered."""
    card = services.applications.add("Acme", "Analyst", stage="Applied").id
    other = services.applications.add("Globex", "Analyst", stage="Interviewing").id
    with statements_sent(services) as sent:
        moved = services.applications.move([card], "Screening")
        offer = services.applications.move([card], "Offer")
    rows = [q for q in sent if q.startswith("SELECT applications.id, applications.company_id,")]
    assert len([q for q in rows if " JOIN companies " not in q]) == 2  # one a move
    assert not [q for q in sent if q.startswith("SELECT applications.id, applications.stage_id,")]
    assert "R8" in offer.changes.replanned and "R8" in open_rules(services, other)  # noted
    assert moved.changes.cards == {card}


def test_a_move_reads_its_card_once_to_decide_and_once_to_plan(services: Services) -> None:
    """Each statement is a round trip to a server. Before writing, one read of the
    card's events and follow-ups serves both the undo and what the move implies, and
    the rows it supersedes are not asked for again; after writing, planning reads them
    as written, without the card's tags and contacts (no rule reads them)."""
    card = services.applications.add("Acme", "Analyst", stage="Applied", tags=["Remote"]).id
    services.contacts.create(card, name="Ann Lee")
    with statements_sent(services) as sent:
        moved = services.applications.move([card], "Screening")
    events = [q for q in sent if q.startswith("SELECT events.id, events.application_id,")]
    followups = [q for q in sent if "FROM followups WHERE followups.application_id IN" in q]
    assert len(events) == 2 and len(followups) == 2
    assert not [q for q in sent if "application_tags" in q or "application_contacts" in q]
    assert open_rules(services, card)  # planned from what was read
    assert moved.changes.followups  # the Applied nudge gave way to the Screening one


def test_a_card_dialogs_read_takes_one_statement_a_table(services: Services) -> None:
    """What the card dialog draws, read in one go: on a server each statement is a round
    trip, so the card comes with its company, tags and contacts in one statement, and
    its follow-ups and the settings in the same read."""
    card = services.applications.add("Acme", "Analyst", stage="Applied", tags=["Remote"]).id
    services.contacts.create(card, name="Ann Lee")
    services.events.reply(card, notes="They will call next week")
    with statements_sent(services) as sent:
        story, settings = services.applications.story_and_settings(card)
    app = story.application
    assert (app.company, app.tags, [c.name for c in app.contacts]) == (
        "Acme",
        ("remote",),  # tags are kept in lower case
        ["Ann Lee"],
    )
    assert len(story.events) == 1 and story.followups and story.history
    assert settings == services.settings.get()
    tables = [q.split(" FROM ", 1)[1].split()[0] for q in sent if " FROM " in q]
    assert sorted(tables) == sorted(
        ["applications", "stages", "events", "followups", "history", "attachments", "settings"]
    )


def test_the_prompt_after_an_accepted_offer_reads_the_rest_with_the_card(
    services: Services,
) -> None:
    """The other applications under way and the stages come in the card's own read,
    a statement a table (the stages once), with the settings."""
    acme = services.applications.add("Acme", "Analyst", stage="Offer").id
    services.applications.add("Globex", "Engineer", stage="Screening")
    services.applications.add("Initech", "Analyst", stage="Rejected")
    with statements_sent(services) as sent:
        story, settings, elsewhere, stages = services.applications.story_and_elsewhere(acme)
    assert story.application.company == "Acme" and settings == services.settings.get()
    assert [(o.company, o.title) for o in elsewhere] == [("Globex", "Engineer")]
    assert [s.name for s in stages] == [s.name for s in services.stages.all()]
    tables = [q.split(" FROM ", 1)[1].split()[0] for q in sent if " FROM " in q]
    assert tables.count("stages") == 1  # read once, for the card and the list
    assert tables.count("settings") == 1


def test_the_offers_elsewhere_are_read_in_one_statement(services: Services) -> None:
    """Planning a card in interviews reads the offers waiting on other cards (R8): the
    cards in offer stages and their offers in one statement, one round trip."""
    acme = services.applications.add("Acme", "Analyst", stage="Screening").id
    services.events.offer(acme)
    globex = services.applications.add("Globex", "Analyst", stage="Screening").id
    with statements_sent(services) as sent:
        services.applications.move([globex], "Interviewing")
    offers = [q for q in sent if q.startswith("SELECT applications.id, companies.name,")]
    assert len(offers) == 1 and " JOIN events " in offers[0]
    assert "R8" in open_rules(services, globex)  # told of the offer at Acme


def test_the_rules_across_cards_follow_the_facts_an_operation_changed(
    services: Services, clock: FixedClock
) -> None:
    a = services.applications.add("Acme", "Analyst", stage="Applied").id
    b = services.applications.add("Globex", "Analyst", stage="Interviewing").id
    offer = services.events.offer(a)  # an offer: the card in interviews hears of it
    assert "R8" in offer.changes.replanned and "R8" in open_rules(services, b)
    edit = services.applications.edit(b, {"notes": "met the team"})  # no offer fact
    assert edit.changes.replanned == frozenset()
    clock.advance(timedelta(days=7))  # the search's nudge is planned already: it stays
    week = services.applications.edit(b, {"notes": "sent the slides"})
    assert week.changes.replanned == frozenset()
    gone = services.applications.set_archived(a, True)  # the offer leaves the board
    assert "R8" in gone.changes.replanned and "R8" not in open_rules(services, b)


def test_r12_weekly_nudge_follows_the_active_count(services: Services, clock: FixedClock) -> None:
    services.applications.add("Acme", "Analyst", stage="Applied")
    assert services.followups.due() == []  # the first nudge is a week on, never born late
    week = clock.now() + timedelta(days=7)
    [nudge] = [d.followup for d in services.followups.due(week) if d.followup.rule == "R12"]
    assert nudge.due_at == t("2026-03-09T09:00")
    services.followups.dismiss(nudge.id)  # done with it: the next is planned a week on
    [following] = [r.followup for r in services.followups.pending() if r.followup.rule == "R12"]
    assert following.due_at == t("2026-03-16T09:00")
    for i in range(4):
        services.applications.add(f"Co {i}", "Role", stage="Applied")
    assert [r for r in services.followups.pending() if r.followup.rule == "R12"] == []


def test_snooze_dismiss_and_reopen(services: Services, clock: FixedClock) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    f = next(d.followup for d in services.followups.due() if d.followup.rule == "R5")
    services.followups.snooze(f.id, clock.now() + timedelta(days=1))
    assert all(d.followup.id != f.id for d in services.followups.due())
    assert any(
        d.followup.id == f.id for d in services.followups.due(clock.now() + timedelta(days=1))
    )
    with pytest.raises(UserError):
        services.followups.snooze(f.id, clock.now() - timedelta(hours=1))
    services.followups.dismiss(f.id)
    assert services.followups.chain(app_id)[0].state is FollowUpState.DISMISSED
    with pytest.raises(UserError):
        services.followups.dismiss(f.id)
    services.followups.reopen(f.id)
    assert services.followups.chain(app_id)[0].state is FollowUpState.PENDING


def test_settings_change_replans_every_card(services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.settings.set("r5_days", "10")
    [r5] = [f for f in services.followups.chain(app_id) if f.state.is_open]
    assert r5.due_at == t("2026-03-12T09:00")
    with pytest.raises(UserError):
        services.settings.set("r4_days", "30")
    with pytest.raises(UserError):
        services.settings.set("time_zone", "Mars/Olympus")
    assert services.settings.get().r4_days == 14


def test_edit_validates_and_records_each_change(services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst").id
    services.applications.edit(app_id, {"title": "Senior Analyst", "salary_min": "60,000"})
    with pytest.raises(UserError):
        services.applications.edit(app_id, {"salary_max": "100", "title": "X"})
    app = services.applications.get(app_id)
    assert (app.title, app.salary_min, app.salary_max) == ("Senior Analyst", 60000, None)
    fields = [h.field for h in services.applications.story(app_id).history if h.action == "edited"]
    assert fields == ["title", "salary_min"]


def test_stages_add_rename_reorder_remove(services: Services) -> None:
    services.stages.add("Take-home", colour="#123")
    services.stages.reorder("take-home", 4)
    names = [s.name for s in services.stages.all()]
    assert names[3] == "Take-home"
    services.stages.rename("TAKE-HOME", "Assignment")
    with pytest.raises(UserError):
        services.stages.rename("Assignment", "applied")
    app_id = services.applications.add("Acme", "Analyst", stage="assignment").id
    with pytest.raises(UserError):
        services.stages.remove("Assignment")
    services.applications.move([app_id], "Applied")
    services.stages.remove("Assignment")
    assert "Assignment" not in [s.name for s in services.stages.all()]
    assert [s.position for s in services.stages.all()] == list(range(8))


def test_unknown_ids_and_stages_are_clear_errors(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no application with id 42"):
        services.applications.get(42)
    with pytest.raises(NotFoundError, match="no stage named 'Nope'"):
        services.applications.add("Acme", "Analyst", stage="Nope")
    assert services.applications.board() == []


def test_due_with_a_limit_merges_pending_and_snoozed_in_time_order(
    services: Services, clock: FixedClock
) -> None:
    ids = [services.applications.add(f"Co {i}", "Role", stage="Applied").id for i in range(5)]
    clock.advance(timedelta(days=10))
    chasers = [d.followup for d in services.followups.due() if d.followup.rule == "R5"]
    assert [f.application_id for f in chasers] == ids
    services.followups.snooze(chasers[3].id, clock.now() + timedelta(hours=1))
    later = clock.now() + timedelta(hours=2)
    full = [d.followup.id for d in services.followups.due(later)]
    for limit in (1, 2, 5, 50):
        assert [d.followup.id for d in services.followups.due(later, limit)] == full[:limit]
    assert full.index(chasers[3].id) == len(full) - 1  # its reminder time is now the latest


def test_delete_can_be_undone_with_the_whole_story(services: Services) -> None:
    app_id = services.applications.add("Acme", "Analyst", stage="Applied", tags=["sql"]).id
    services.events.interview(app_id, t("2026-03-05T10:00"), contact=ContactInput(name="Dana Kim"))
    before = services.applications.story(app_id)
    snapshot = services.applications.delete(app_id).value[0]
    with pytest.raises(NotFoundError):
        services.applications.get(app_id)
    services.applications.undelete(snapshot)
    after = services.applications.story(app_id)
    assert after.application == before.application
    assert after.events == before.events
    assert [f.key for f in after.followups] == [f.key for f in before.followups]
    assert after.history == before.history


def test_due_counts_agree_with_the_overdue_rule(services: Services, clock: FixedClock) -> None:
    from jobhunt_desktop.domain.lateness import followup_is_late
    from jobhunt_desktop.domain.timeutil import at_local, local_date

    for i in range(3):
        services.applications.add(f"Co {i}", "Role", stage="Applied")
    app_id = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.interview(app_id, clock.now() + timedelta(days=7, hours=1))
    for hours in (0, 24 * 7 + 4, 24 * 8 + 6, 24 * 9):
        now = clock.now() + timedelta(hours=hours)
        start = at_local(local_date(now, ZONE), time(0, 0), ZONE)
        end = start + timedelta(days=1)
        pending = [r.followup for r in services.followups.pending()]
        late = sum(followup_is_late(f, now, ZONE) for f in pending)
        today = sum(1 for f in pending if not followup_is_late(f, now, ZONE) and f.remind_at < end)
        counts = services.followups.counts(now)
        assert (counts.due_today, counts.overdue) == (today, late)


def test_deleting_or_archiving_several_cards_skips_those_already_gone(
    services: Services,
) -> None:
    ids = [services.applications.add(f"Co {i}", "Analyst", stage="Applied").id for i in range(3)]
    gone = services.applications.delete(ids[2]).value[0]
    archived = services.applications.set_archived_many(ids, True)
    assert archived.changes.gone == 1 and archived.changes.cards == set(ids[:2])
    assert services.applications.board() == []
    services.applications.set_archived_many(ids[:2], False)
    deleted = services.applications.delete_many(ids)  # the last is gone already
    assert deleted.changes.gone == 1 and deleted.changes.removed == set(ids[:2])
    assert [t.application_id for t in deleted.value] == ids[:2]
    with pytest.raises(NotFoundError):
        services.applications.delete_many(ids)  # every one is gone: nothing to do
    services.applications.undelete(gone)
    services.applications.undelete_many(deleted.value)
    services.applications.set_archived_many(ids, True)
    assert services.applications.board() == []
    assert len(services.applications.board(True)) == 3

"""Drafting through the services: the right template, filled from the card, on a real file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUp, FollowUpKind, FollowUpState
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.templates import BUILTIN_TEMPLATES
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import ContactInput

ZONE = "Europe/Berlin"


def at(text: str) -> datetime:
    return parse_datetime(text, ZONE)


def open_of(services: Services, app_id: int, kind: FollowUpKind) -> FollowUp:
    return next(f for f in services.followups.chain(app_id) if f.kind is kind and f.state.is_open)


@pytest.fixture
def named(services: Services) -> Services:
    services.settings.set("your_name", "Jordan Ellis")
    services.settings.set("signature", "Jordan Ellis\n+49 30 1234567")
    return services


def test_thank_you_names_the_contact_the_round_and_the_interviewers(
    named: Services, clock: FixedClock
) -> None:
    app = named.applications.add("Northwind Labs", "Data Analyst", stage="Applied").id
    named.events.interview(
        app,
        at("2026-03-02T10:00"),
        round=2,
        interviewers="Dana Whitfield, Sam Okafor",
        promised_by=date(2026, 3, 13),
        contact=ContactInput(name="Dana Whitfield", email="dana@northwind.example"),
    )
    clock.advance(timedelta(hours=4))
    composed = named.drafting.compose(app)

    assert composed.kind is FollowUpKind.THANK_YOU
    assert composed.template.key == "thank_you"
    assert composed.recipient.address == "Dana Whitfield <dana@northwind.example>"
    assert composed.subject == "Thank you for the second interview"
    assert composed.body.startswith("Hi Dana,")
    for part in ("Data Analyst", "Northwind Labs", "Friday 13 March", "thanks to Sam Okafor"):
        assert part in composed.body
    assert "Dana Whitfield" not in composed.body  # the reader is thanked as "you"
    assert composed.body.endswith("Jordan Ellis\n+49 30 1234567")
    assert "$" not in composed.subject + composed.body


def test_status_inquiry_names_the_promised_date(services: Services, clock: FixedClock) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.interview(app, at("2026-03-02T10:00"), promised_by=date(2026, 3, 6))
    clock.advance(timedelta(days=10))
    inquiry = open_of(services, app, FollowUpKind.STATUS_INQUIRY)

    composed = services.drafting.compose(app, followup_id=inquiry.id)

    assert composed.followup == inquiry
    assert composed.template.key == "status_inquiry"
    assert "Friday 6 March" in composed.body
    assert composed.body.startswith("Hello,")  # nobody named: a neutral greeting
    assert composed.recipient.address == ""
    assert "$" not in composed.subject + composed.body


def test_missing_data_reads_naturally(services: Services, clock: FixedClock) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    composed = services.drafting.compose(app)
    assert composed.kind is FollowUpKind.APPLICATION_CHECK
    assert "$" not in composed.subject + composed.body
    assert "Acme" in composed.body


def test_the_recipient_is_the_contact_the_next_steps_named(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.contacts.create(app, name="Robin Recruiter", email="robin@acme.example")
    services.contacts.create(app, name="Lee Newest", email="lee@acme.example")
    assert services.drafting.compose(app).recipient.email == "lee@acme.example"

    robin = next(c for c in services.applications.get(app).contacts if c.name == "Robin Recruiter")
    services.events.interview(app, at("2026-03-02T10:00"), contact=ContactInput(id=robin.id))
    clock.advance(timedelta(hours=3))
    assert services.drafting.compose(app).recipient.email == "robin@acme.example"


def test_offer_notice_gives_the_other_offers_deadline_without_its_company(
    services: Services, clock: FixedClock
) -> None:
    offering = services.applications.add("Globex", "Engineer", stage="Interviewing").id
    waiting = services.applications.add("Initech", "Engineer", stage="Interviewing").id
    services.events.offer(offering, deadline_at=at("2026-03-13T17:00"))
    notice = open_of(services, waiting, FollowUpKind.OFFER_NOTICE)

    composed = services.drafting.compose(waiting, followup_id=notice.id)

    assert composed.template.key == "offer_notice"
    assert "Friday 13 March" in composed.body
    assert "Initech" in composed.body
    assert "Globex" not in composed.subject + composed.body


def test_a_task_is_not_drafted_and_unknown_ids_are_named(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    services.events.interview(app, at("2026-03-02T10:00"))
    clock.advance(timedelta(hours=3))
    task = open_of(services, app, FollowUpKind.RECORD_NEXT_STEPS)
    with pytest.raises(UserError, match="task for you"):
        services.drafting.compose(app, followup_id=task.id)
    with pytest.raises(UserError, match="no follow-up 999"):
        services.drafting.compose(app, followup_id=999)
    with pytest.raises(UserError, match="no template 'nope'"):
        services.drafting.compose(app, template_key="nope")


def test_edited_builtins_restore_and_own_templates(services: Services, clock: FixedClock) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    services.drafting.save_template(
        "application_check", "Status check", "Any news, ${company}?", "${greeting}\n\nShort one."
    )
    item = services.drafting.template("application_check")
    assert item.modified and item.template.builtin
    assert services.drafting.compose(app).subject == "Any news, Acme?"

    services.drafting.restore_default("application_check")
    assert services.drafting.compose(app).subject == (
        BUILTIN_TEMPLATES["application_check"].subject.replace("${position}", "Analyst")
    )

    own = services.drafting.save_template(
        None, "Coffee chat", "Coffee, ${contact_first_name}?", "x"
    )
    assert own.value.template.key == "my-coffee-chat"
    again = services.drafting.save_template(None, "Coffee chat", "Another", "y")
    assert again.value.template.key == "my-coffee-chat-2"
    keys = [i.template.key for i in services.drafting.templates()]
    assert keys[: len(BUILTIN_TEMPLATES)] == list(BUILTIN_TEMPLATES)
    assert keys[-2:] == ["my-coffee-chat", "my-coffee-chat-2"]
    composed = services.drafting.compose(app, template_key="my-coffee-chat")
    assert composed.subject == "Coffee, there?"

    services.drafting.delete_template("my-coffee-chat")
    with pytest.raises(UserError, match="built in"):
        services.drafting.delete_template("thank_you")
    with pytest.raises(UserError, match="no default"):
        services.drafting.restore_default("my-coffee-chat-2")


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Hi", "${__import__}", "__import__"),
        ("Hi", "${company.__class__}", "company.__class__"),
        ("Hi {{ 7*7 }}", "body", "{{"),
        ("Hi", "x" * 1_000_000, "20,000"),
        ("", "body", "subject"),
    ],
    ids=["import", "attribute", "jinja", "one-megabyte", "no-subject"],
)
def test_a_template_that_cannot_render_is_not_saved(
    services: Services, subject: str, body: str, message: str
) -> None:
    with pytest.raises(UserError, match="was not saved") as caught:
        services.drafting.save_template(None, "Bad", subject, body)
    assert message in str(caught.value)
    assert len(services.drafting.templates()) == len(BUILTIN_TEMPLATES)


def test_marking_sent_moves_the_chain_and_undo_puts_it_back(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    clock.advance(timedelta(days=8))
    first = services.drafting.compose(app)
    assert first.followup is not None
    before = services.followups.chain(app)

    sent = services.events.sent(
        app, first.subject, first.body, first.kind, followup_id=first.followup.id
    )

    assert sent.closed_followup_id == first.followup.id
    chain = {f.id: f for f in services.followups.chain(app)}
    assert chain[first.followup.id].state is FollowUpState.SENT
    assert chain[first.followup.id].subject == first.subject
    following = [f for f in chain.values() if f.state.is_open and f.kind.is_chaser]
    assert len(following) == 1  # R10: one chaser at a time, at least 7 days later
    assert following[0].due_at >= clock.now() + timedelta(days=7)
    story = services.applications.story(app)
    assert story.events[-1].body == first.body

    services.events.unsend(sent.event.id, sent.closed_followup_id)

    after = services.followups.chain(app)
    assert [(f.key, f.state, f.due_at) for f in after if f.state.is_open] == [
        (f.key, f.state, f.due_at) for f in before if f.state.is_open
    ]
    assert not any(e.body == first.body for e in services.applications.story(app).events)


def test_two_unanswered_chasers_lead_to_closing_and_a_reply_restarts(
    services: Services, clock: FixedClock
) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    for _ in range(2):
        clock.advance(timedelta(days=8))
        composed = services.drafting.compose(app)
        assert composed.followup is not None and composed.followup.kind.is_chaser
        services.events.sent(app, composed.subject, composed.body, followup_id=composed.followup.id)
    kinds = {f.kind for f in services.followups.chain(app) if f.state.is_open}
    assert FollowUpKind.CONSIDER_CLOSING in kinds  # R10: stop asking, suggest closing
    assert not any(k.is_chaser for k in kinds)

    services.events.reply(app, at=clock.now())  # R13: the employer moved, chase restarts
    kinds = {f.kind for f in services.followups.chain(app) if f.state.is_open}
    assert FollowUpKind.CONSIDER_CLOSING not in kinds
    assert any(k.is_chaser for k in kinds)

"""Drafting the message a follow-up leads to, and keeping the user's templates.

Built-in templates live in the code; the database holds the user's own and their
edits of the built-ins (under the same key), so "restore default" is a delete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.drafting import (
    Recipient,
    cause_event_id,
    pick_followup,
    recipient_for,
    values_for,
)
from jobhunt_desktop.domain.entities import EventKind, FollowUp, FollowUpKind
from jobhunt_desktop.domain.errors import NotFoundError, UserError
from jobhunt_desktop.domain.templates import BUILTIN_TEMPLATES, Template, render, validate
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    EventRepository,
    FollowUpRepository,
    TemplateRepository,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome

MAX_NAME_CHARS = 120
NOTE_KEY = FollowUpKind.NOTE.value


@dataclass(frozen=True, slots=True)
class TemplateItem:
    template: Template
    modified: bool  # a built-in the user has edited


@dataclass(frozen=True, slots=True)
class Composed:
    """A ready draft and what it was made from, so another template can be tried."""

    application_id: int
    company: str
    position: str
    followup: FollowUp | None
    kind: FollowUpKind
    template: Template
    recipient: Recipient
    subject: str
    body: str
    values: dict[str, str] = field(default_factory=dict)
    # What the composer offers beside the draft, read with it: the templates to write
    # it again from, and the user's zone for its dates.
    choices: tuple[TemplateItem, ...] = ()
    time_zone: str = "UTC"


class DraftingService(Service):
    # templates ---------------------------------------------------------------------

    def templates(self) -> list[TemplateItem]:
        """Built-ins first, in rule order (with the user's edits), then the user's own."""
        with self.db.read() as session:
            stored = {t.key: t for t in TemplateRepository(session).all()}
        return _items(stored)

    def template(self, key: str) -> TemplateItem:
        items = self.templates()
        for item in items:
            if item.template.key == key:
                return item
        known = ", ".join(item.template.key for item in items)
        raise NotFoundError(f"no template '{key}'; templates are: {known}")

    def save_template(
        self,
        key: str | None,
        name: str,
        subject: str,
        body: str,
        kind: FollowUpKind | None = None,
    ) -> Outcome[TemplateItem]:
        """Store an edit of a built-in or a template of the user's (a new one when
        `key` is None); refused, with every problem listed, unless it can render."""
        name = " ".join(name.split())
        problems = validate(subject, body)
        if not name:
            problems.insert(0, "The template needs a name.")
        elif len(name) > MAX_NAME_CHARS:
            problems.insert(0, f"The name is longer than {MAX_NAME_CHARS} characters.")
        if problems:
            raise UserError("the template was not saved:\n- " + "\n- ".join(problems))
        builtin = BUILTIN_TEMPLATES.get(key) if key is not None else None
        if builtin is not None:
            kind = builtin.kind  # a built-in keeps answering its own rule
        now = self.now()
        with self.db.write() as session:
            repo = TemplateRepository(session)
            if key is None:
                taken = set(BUILTIN_TEMPLATES) | {t.key for t in repo.all()}
                key = _new_key(name, taken)
            elif builtin is None and repo.get(key) is None:
                raise NotFoundError(f"no template '{key}'")
            template = Template(key, name, kind, subject, body, builtin is not None)
            repo.put(template, now)
        return Outcome(TemplateItem(template, builtin is not None), written(session))

    def restore_default(self, key: str) -> Outcome[TemplateItem]:
        builtin = BUILTIN_TEMPLATES.get(key)
        with self.db.write() as session:
            repo = TemplateRepository(session)
            if builtin is None:
                if repo.get(key) is None:
                    raise NotFoundError(f"no template '{key}'")
                raise UserError(f"'{key}' is one of your own templates; it has no default")
            repo.delete(key)
        return Outcome(TemplateItem(builtin, False), written(session))

    def delete_template(self, key: str) -> Changes:
        if key in BUILTIN_TEMPLATES:
            raise UserError(f"'{key}' is built in and cannot be deleted; restore its default")
        with self.db.write() as session:
            if not TemplateRepository(session).delete(key):
                raise NotFoundError(f"no template '{key}'")
        return written(session)

    # drafts ------------------------------------------------------------------------

    def compose(
        self,
        application_id: int,
        *,
        followup_id: int | None = None,
        kind: FollowUpKind | None = None,
        template_key: str | None = None,
    ) -> Composed:
        """The draft for a follow-up (given, or the card's first open one of `kind`),
        filled from the card, its contacts, its events and the user's settings."""
        now = self.now()
        with self.db.read() as session:
            settings = self.settings_in(session)
            app = ApplicationRepository(session).get(application_id)
            events = EventRepository(session).for_application(application_id)
            followups = FollowUpRepository(session).for_application(application_id)
            followup = _chosen(followups, followup_id, kind, now, application_id)
            offer = None
            offer_id = cause_event_id(followup, "offer")  # R8: the offer is on another card
            if offer_id is not None:
                try:
                    offer = EventRepository(session).get(offer_id)
                except NotFoundError:
                    offer = None
                if offer is not None and offer.kind is not EventKind.OFFER:
                    offer = None
            stored = {t.key: t for t in TemplateRepository(session).all()}
        draft_kind = followup.kind if followup is not None else kind or FollowUpKind.NOTE
        template = _template_for(stored, template_key, draft_kind)
        recipient = recipient_for(app, events)
        values = values_for(app, events, followup, settings, now, recipient, offer)
        draft = render(template, values)
        return Composed(
            application_id=application_id,
            company=app.company,
            position=app.title,
            followup=followup,
            kind=draft_kind,
            template=template,
            recipient=recipient,
            subject=draft.subject,
            body=draft.body,
            values=values,
            choices=tuple(_items(stored)),
            time_zone=settings.time_zone,
        )


def _items(stored: dict[str, Template]) -> list[TemplateItem]:
    """Built-ins first, in rule order (with the user's edits), then the user's own."""
    items = [
        TemplateItem(stored.get(key, builtin), key in stored)
        for key, builtin in BUILTIN_TEMPLATES.items()
    ]
    own = sorted(
        (t for key, t in stored.items() if key not in BUILTIN_TEMPLATES),
        key=lambda t: (t.name.casefold(), t.key),
    )
    return items + [TemplateItem(t, False) for t in own]


def _chosen(
    followups: list[FollowUp],
    followup_id: int | None,
    kind: FollowUpKind | None,
    now: datetime,
    application_id: int,
) -> FollowUp | None:
    if followup_id is None:
        return pick_followup(followups, kind, now)
    for f in followups:
        if f.id == followup_id:
            if not f.kind.is_message:
                raise UserError(f"follow-up {followup_id} is a task for you, not a message to send")
            return f
    raise NotFoundError(f"application {application_id} has no follow-up {followup_id}")


def _template_for(
    stored: dict[str, Template], template_key: str | None, kind: FollowUpKind
) -> Template:
    if template_key is not None:
        found = stored.get(template_key) or BUILTIN_TEMPLATES.get(template_key)
        if found is None:
            raise NotFoundError(f"no template '{template_key}'")
        return found
    key = kind.value if kind.value in BUILTIN_TEMPLATES else NOTE_KEY
    return stored.get(key) or BUILTIN_TEMPLATES[key]


def _new_key(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "template"
    base = f"my-{base}"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key

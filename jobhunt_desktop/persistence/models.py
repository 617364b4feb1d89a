"""The schema. Portable SQLAlchemy types only: the engine setup alone knows it is SQLite.

Every datetime column holds UTC (stored naive where the dialect has no zones); the
IANA zone the user meant sits beside the times that came from them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    EventKind,
    FollowUpKind,
    FollowUpState,
    Mover,
    SalaryPeriod,
    WorkMode,
)
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.persistence.column_types import EnumText, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# A deleted card's rows keep their ids for its undo: SQLite must not hand them out
# again (AUTOINCREMENT); other databases never reuse a sequence value anyway.
_NEVER_REUSED = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


application_tags = Table(
    "application_tags",
    Base.metadata,
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

application_contacts = Table(
    "application_contacts",
    Base.metadata,
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
)


class StageRow(Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    colour: Mapped[str] = mapped_column(String(9))
    kind: Mapped[StageKind] = mapped_column(EnumText(StageKind, 20))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_reason: Mapped[ClosedReason | None] = mapped_column(EnumText(ClosedReason, 20))


class CompanyRow(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[ContactRole | None] = mapped_column(EnumText(ContactRole, 40))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(60))
    profile_url: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    company: Mapped[CompanyRow | None] = relationship(lazy="joined")


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    location: Mapped[str | None] = mapped_column(String(200))
    work_mode: Mapped[WorkMode | None] = mapped_column(EnumText(WorkMode, 20))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    salary_period: Mapped[SalaryPeriod | None] = mapped_column(EnumText(SalaryPeriod, 10))
    salary_text: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str | None] = mapped_column(String(200))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"))
    position: Mapped[float] = mapped_column(Float, default=0.0)
    applied_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[ClosedReason | None] = mapped_column(EnumText(ClosedReason, 20))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    stage_entered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The change counter of the last write that touched the card (change_log.py).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # Loaded on access: writes touch a row without its tags and contacts; bulk reads
    # ask for them with loader options.
    company: Mapped[CompanyRow] = relationship()
    tags: Mapped[list[TagRow]] = relationship(secondary=application_tags)
    contacts: Mapped[list[ContactRow]] = relationship(secondary=application_contacts)

    __table_args__ = (
        Index("ix_applications_board", "archived", "stage_id", "position"),
        Index("ix_applications_company_id", "company_id"),
        _NEVER_REUSED,
    )


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[EventKind] = mapped_column(EnumText(EventKind, 20))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    round: Mapped[int | None] = mapped_column(Integer)
    interview_kind: Mapped[str | None] = mapped_column(String(40))
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    location: Mapped[str | None] = mapped_column(String(500))
    interviewers: Mapped[str | None] = mapped_column(String(500))
    promised_by: Mapped[date | None] = mapped_column(Date)
    next_steps: Mapped[str | None] = mapped_column(Text)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    feedback: Mapped[str | None] = mapped_column(Text)
    deadline_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    subject: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str | None] = mapped_column(Text)
    related_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL")
    )
    new_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    new_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    followup_kind: Mapped[FollowUpKind | None] = mapped_column(EnumText(FollowUpKind, 40))
    notes: Mapped[str | None] = mapped_column(Text)
    # Recorded by a stage move rather than logged: logging it fills it in, moving back
    # removes it (domain.news).
    implied: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    moved_by: Mapped[Mover | None] = mapped_column(EnumText(Mover, 20))

    __table_args__ = (
        Index("ix_events_card_time", "application_id", "occurred_at", "kind"),
        Index("ix_events_kind", "kind", "application_id", "occurred_at", "followup_kind"),
        Index("ix_events_promised", "promised_by", "application_id", "occurred_at"),
        _NEVER_REUSED,
    )


class FollowUpRow(Base):
    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE")
    )
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[FollowUpKind] = mapped_column(EnumText(FollowUpKind, 40))
    rule: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(String(500))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    state: Mapped[FollowUpState] = mapped_column(EnumText(FollowUpState, 20))
    remind_at: Mapped[datetime] = mapped_column(UtcDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    subject: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # When a notification is owed (NULL: none). The reminder service reads only this
    # column, through its own index, so a due check stays quick however many
    # follow-ups a long hunt leaves behind. A claim marks the process delivering it.
    notify_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_followups_due", "state", "remind_at"),
        Index("ix_followups_application", "application_id"),
        Index("ix_followups_notify", "notify_at"),
        _NEVER_REUSED,
    )


class ReminderShownRow(Base):
    """A follow-up's reminder on one device (computer): the reminder time it was shown
    for there, or is being shown for by the process that claimed it. With a database
    shared by several computers, each shows a reminder once."""

    __tablename__ = "reminders_shown"

    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), primary_key=True
    )
    device: Mapped[str] = mapped_column(String(64), primary_key=True)
    remind_at: Mapped[datetime] = mapped_column(UtcDateTime)
    shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))


class HistoryRow(Base):
    """Every stage change, edit and logged fact, so a card's story can be read back."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE")
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # Undone from the window: kept in the story, shown as undone.
    undone: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    __table_args__ = (Index("ix_history_application", "application_id", "at"), _NEVER_REUSED)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TemplateRow(Base):
    """A message template the user wrote, or their edit of a built-in one (same key).

    Built-in texts live in the code, so a new version can improve them; only what
    the user changed is stored, and "restore default" deletes the row.
    """

    __tablename__ = "templates"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[FollowUpKind | None] = mapped_column(EnumText(FollowUpKind, 40))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BlobRow(Base):
    """A file's contents, once however many cards hold it (keyed by its SHA-256)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AttachmentRow(Base):
    """A file on a card: its name and when it was added; the contents are a blob."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_attachments_application", "application_id"), _NEVER_REUSED)


# One row per write transaction; the version is the change counter (change_log.py).
# Columns hold space-separated ids and words, read back by other processes.
change_log = Table(
    "change_log",
    Base.metadata,
    Column("version", Integer, primary_key=True, autoincrement=True),
    Column("cards", Text),
    Column("removed", Text),
    Column("followups", Text),
    Column("flags", Text),
    Column("rules", Text),
    sqlite_autoincrement=True,
)


__all__ = [
    "ApplicationRow",
    "AttachmentRow",
    "Base",
    "BlobRow",
    "CompanyRow",
    "ContactRow",
    "EventRow",
    "FollowUpRow",
    "HistoryRow",
    "SettingRow",
    "StageRow",
    "TagRow",
    "TemplateRow",
    "application_contacts",
    "application_tags",
    "change_log",
]

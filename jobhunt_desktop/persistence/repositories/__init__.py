"""Queries and writes behind the services, in portable SQLAlchemy.

Each repository works inside the session a service opened for one operation. It
takes and returns domain values and read models: ORM rows stay in here, and so do
the company and tag rows a card's fields are stored in.
"""

from jobhunt_desktop.persistence.repositories.applications import ApplicationRepository
from jobhunt_desktop.persistence.repositories.attachments import AttachmentRepository
from jobhunt_desktop.persistence.repositories.common import OPEN_STATES, all_gone
from jobhunt_desktop.persistence.repositories.contacts import ContactRepository
from jobhunt_desktop.persistence.repositories.events import EventRepository
from jobhunt_desktop.persistence.repositories.followups import FollowUpRepository, owed_columns
from jobhunt_desktop.persistence.repositories.history import HistoryRepository
from jobhunt_desktop.persistence.repositories.reminders import OwedRow, ReminderRepository
from jobhunt_desktop.persistence.repositories.settings import (
    SettingsRepository,
    TemplateRepository,
)
from jobhunt_desktop.persistence.repositories.stages import StageRepository

__all__ = [
    "OPEN_STATES",
    "ApplicationRepository",
    "AttachmentRepository",
    "ContactRepository",
    "EventRepository",
    "FollowUpRepository",
    "HistoryRepository",
    "OwedRow",
    "ReminderRepository",
    "SettingsRepository",
    "StageRepository",
    "TemplateRepository",
    "all_gone",
    "owed_columns",
]

"""All services over one database and one clock, as the CLI and the window use them."""

from __future__ import annotations

from dataclasses import dataclass

from jobhunt_desktop.domain.clock import Clock
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.services.applications import ApplicationService
from jobhunt_desktop.services.attachments import AttachmentService
from jobhunt_desktop.services.backups import BackupService
from jobhunt_desktop.services.calendar import CalendarService
from jobhunt_desktop.services.changes import ChangeService
from jobhunt_desktop.services.contacts import ContactService
from jobhunt_desktop.services.drafting import DraftingService
from jobhunt_desktop.services.events import EventService
from jobhunt_desktop.services.exports import ExportService
from jobhunt_desktop.services.followups import FollowUpService
from jobhunt_desktop.services.imports import ImportService
from jobhunt_desktop.services.insights import InsightService
from jobhunt_desktop.services.reminders import ReminderService
from jobhunt_desktop.services.settings import SettingsService
from jobhunt_desktop.services.stages import StageService
from jobhunt_desktop.services.transfer import TransferService
from jobhunt_desktop.services.undoing import UndoService


@dataclass(frozen=True)
class Services:
    applications: ApplicationService
    events: EventService
    followups: FollowUpService
    stages: StageService
    settings: SettingsService
    contacts: ContactService
    drafting: DraftingService
    reminders: ReminderService
    undo: UndoService
    changes: ChangeService
    attachments: AttachmentService
    backups: BackupService
    exports: ExportService
    calendar: CalendarService
    imports: ImportService
    insights: InsightService
    transfer: TransferService

    @property
    def on_server(self) -> bool:
        """Whether the cards are on a database server rather than in a file here."""
        return self.applications.db.path is None

    @classmethod
    def create(cls, db: Database, clock: Clock, default_zone: str) -> Services:
        args = (db, clock, default_zone)
        return cls(
            applications=ApplicationService(*args),
            events=EventService(*args),
            followups=FollowUpService(*args),
            stages=StageService(*args),
            settings=SettingsService(*args),
            contacts=ContactService(*args),
            drafting=DraftingService(*args),
            reminders=ReminderService(*args),
            undo=UndoService(*args),
            changes=ChangeService(*args),
            attachments=AttachmentService(*args),
            backups=BackupService(*args),
            exports=ExportService(*args),
            calendar=CalendarService(*args),
            imports=ImportService(*args),
            insights=InsightService(*args),
            transfer=TransferService(*args),
        )

"""What every service shares: the database, the clock and the system's time zone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from jobhunt_desktop.domain.clock import Clock
from jobhunt_desktop.domain.settings import Settings, from_stored
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.repositories import SettingsRepository


class Service:
    def __init__(self, db: Database, clock: Clock, default_zone: str) -> None:
        self.db = db
        self.clock = clock
        self.default_zone = default_zone

    def now(self) -> datetime:
        return self.clock.now()

    def settings_in(self, session: Session) -> Settings:
        return from_stored(SettingsRepository(session).all(), self.default_zone)

    def settings(self) -> Settings:
        with self.db.read() as session:
            return self.settings_in(session)

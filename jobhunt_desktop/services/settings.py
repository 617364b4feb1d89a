"""Reading and changing the user's settings; a timing change re-plans every card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jobhunt_desktop.domain.reminders import pause_end
from jobhunt_desktop.domain.settings import (
    SPECS,
    Settings,
    as_text,
    format_value,
    parse_value,
    spec_for,
)
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import ApplicationRepository, SettingsRepository
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.services.planning import replan_after

PAUSE_KEY = "reminders_paused_until"


@dataclass(frozen=True, slots=True)
class SettingItem:
    key: str
    value: str
    help: str
    is_default: bool


class SettingsService(Service):
    def get(self) -> Settings:
        return self.settings()

    def items(self) -> list[SettingItem]:
        with self.db.read() as session:
            stored = SettingsRepository(session).all()
            current = as_text(self.settings_in(session))
        return [
            SettingItem(spec.key, current[spec.key], spec.help, spec.key not in stored)
            for spec in SPECS
        ]

    def set(self, key: str, raw: str) -> Outcome[SettingItem]:
        """Check and store one value; rule timings take effect on every card at once."""
        spec = spec_for(key)
        value = parse_value(spec.key, raw)
        now = self.now()
        with self.db.write() as session:
            SettingsRepository(session).put(spec.key, format_value(value))
            session.flush()
            if spec.affects_plans:
                ids = [r.id for r in ApplicationRepository(session).board()]
                replan_after(session, ids, self.settings_in(session), now)
        item = SettingItem(spec.key, format_value(value), spec.help, False)
        return Outcome(item, written(session))

    def reset(self, key: str) -> Outcome[SettingItem]:
        spec = spec_for(key)
        now = self.now()
        with self.db.write() as session:
            SettingsRepository(session).delete(spec.key)
            session.flush()
            settings = self.settings_in(session)
            if spec.affects_plans:
                ids = [r.id for r in ApplicationRepository(session).board()]
                replan_after(session, ids, settings, now)
            item = SettingItem(spec.key, as_text(settings)[spec.key], spec.help, True)
        return Outcome(item, written(session))

    def pause_reminders(self, span: timedelta | None) -> Outcome[datetime | None]:
        """Hold notifications for `span` (a day or more: until tomorrow's reminder time),
        or resume them with None; returns when the pause ends. The window, the watcher
        and a one-shot check all honour it."""
        if span is None:
            return Outcome(None, self.reset(PAUSE_KEY).changes)
        settings = self.get()
        until = pause_end(self.now(), span, settings.time_zone, settings.reminder_time)
        return Outcome(until, self.set(PAUSE_KEY, until.isoformat()).changes)

"""The calendar file: built with the `icalendar` library from `domain.calendar_feed`,
exported on demand, and (a setting) kept up to date in the data folder for desktop
calendar apps that subscribe to a file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jobhunt_desktop.domain.calendar_feed import KEEP_CANCELLED, CalendarEntry, entries
from jobhunt_desktop.persistence import change_log
from jobhunt_desktop.persistence.private_files import write_private_bytes
from jobhunt_desktop.persistence.repositories.exports import calendar_sources
from jobhunt_desktop.persistence.sqlite_file import default_database_path
from jobhunt_desktop.services.base import Service

CALENDAR_FILE_NAME = "jobhunt-calendar.ics"
PRODUCT_ID = "-//jobhunt-desktop//jobhunt-desktop//EN"


class CalendarService(Service):
    _written: tuple[Path, int] | None = None  # the file and change number last written

    def ics(self) -> bytes:
        now = self.now()
        with self.db.read() as session:
            cards, events, followups = calendar_sources(session, now - KEEP_CANCELLED)
            zone = self.settings_in(session).time_zone
        return render(entries(cards, events, followups, zone, now), now)

    def file_path(self) -> Path:
        """Beside the database (for a server: in the user's data folder)."""
        return (self.db.path or default_database_path()).parent / CALENDAR_FILE_NAME

    def keep_file_current(self) -> Path | None:
        """Rewrite the subscribed file if the setting is on and the data changed since
        this process last wrote it; the path written, or None."""
        if not self.settings().calendar_file:
            return None
        with self.db.read() as session:
            version = change_log.current_version(session)
        path = self.file_path()
        if self._written == (path, version) and path.exists():
            return None
        # Beside a file, the folder exists; on a server the app's data folder may not yet.
        write_private_bytes(path, self.ics(), create_folders=self.db.path is None)
        self._written = (path, version)
        return path


def render(items: list[CalendarEntry], now: datetime) -> bytes:
    from icalendar import Calendar, Event  # only when a calendar is made

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Job hunt")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("summary", item.summary)
        event.add("dtstart", _when(item.start, item.zone))
        event.add("dtend", _when(item.end, item.zone))
        event.add("description", item.description)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if isinstance(item.start, date) else "OPAQUE")
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _when(value: datetime | date, zone: str | None) -> datetime | date:
    if isinstance(value, datetime) and zone:
        return value.astimezone(ZoneInfo(zone))
    return value

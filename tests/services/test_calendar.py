"""The calendar file: interviews in their zone, offer deadlines, follow-ups all day,
UIDs that stay put, and what went away marked cancelled."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

from icalendar import Calendar

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from tests.conftest import ZONE


def read(data: bytes) -> dict[str, dict[str, object]]:
    """Each VEVENT by UID: its properties, decoded."""
    out = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        out[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "status": str(event["STATUS"]),
            "sequence": int(event["SEQUENCE"]),
            "location": str(event.get("LOCATION", "")),
            "description": str(event.get("DESCRIPTION", "")),
            "tzid": event["DTSTART"].params.get("TZID"),
        }
    return out


def test_interviews_deadlines_and_follow_ups_are_in_the_calendar(
    services: Services, clock: FixedClock
) -> None:
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    starts = parse_datetime("2026-03-04T10:00", ZONE)
    services.events.interview(
        acme,
        starts,
        kind="Video",
        location="https://meet.example/acme",
        interviewers="Dana Cruz, Lee Wong",
    )
    globex = services.applications.add("Globex", "Engineer", stage="Interviewing").id
    deadline = parse_datetime("2026-03-10T17:00", ZONE)
    services.events.offer(globex, deadline_at=deadline)

    found = read(services.calendar.ics())

    interview = next(v for k, v in found.items() if k.startswith("interview-"))
    assert interview["summary"] == "Interview: Acme (Data Analyst)"
    assert interview["start"] == starts and interview["end"] == starts + timedelta(hours=1)
    assert interview["tzid"] == ZONE
    assert interview["location"] == "https://meet.example/acme"
    assert "Interviewers: Dana Cruz, Lee Wong" in str(interview["description"])
    offer = next(v for k, v in found.items() if k.startswith("offer-deadline-"))
    assert offer["summary"] == "Offer deadline: Globex (Engineer)" and offer["start"] == deadline
    followups = [v for k, v in found.items() if k.startswith("followup-")]
    assert followups and all(isinstance(f["start"], date) for f in followups)
    thanks = next(f for f in followups if "thank-you" in str(f["summary"]))
    assert thanks["start"] == date(2026, 3, 4)  # all day, on the day it comes up
    assert thanks["end"] == date(2026, 3, 5)
    assert (interview["status"], offer["status"], thanks["status"]) == ("CONFIRMED",) * 3


def test_uids_stay_and_what_went_away_is_cancelled(services: Services, clock: FixedClock) -> None:
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    services.events.interview(acme, parse_datetime("2026-03-04T10:00", ZONE))
    first = read(services.calendar.ics())
    assert read(services.calendar.ics()).keys() == first.keys()  # the same UIDs each time

    services.events.cancelled(acme)
    clock.advance(timedelta(hours=1))
    again = read(services.calendar.ics())
    [uid] = [k for k in first if k.startswith("interview-")]
    assert (again[uid]["status"], again[uid]["sequence"]) == ("CANCELLED", 1)

    def status(found: dict[str, dict[str, object]], what: str) -> object:
        return next(v["status"] for v in found.values() if what in str(v["summary"]))

    assert status(first, "thank-you") == "CONFIRMED"
    assert status(again, "thank-you") == "CANCELLED"  # same UID, taken off
    assert status(again, "moved interview") == "CONFIRMED"  # what comes instead


def test_the_subscribed_file_is_kept_current_when_the_setting_is_on(
    services: Services, clock: FixedClock
) -> None:
    assert services.calendar.keep_file_current() is None  # off by default
    services.settings.set("calendar_file", "on")
    path = services.calendar.keep_file_current()
    assert path is not None and path == services.calendar.file_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert services.calendar.keep_file_current() is None  # nothing changed since
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    services.events.interview(acme, parse_datetime("2026-03-04T10:00", ZONE))
    assert services.calendar.keep_file_current() == path
    assert "Interview: Acme" in path.read_text()


def test_the_calendar_starts_ninety_days_back(services: Services, clock: FixedClock) -> None:
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    services.events.interview(acme, parse_datetime("2025-10-01T10:00", ZONE))  # 5 months ago
    globex = services.applications.add("Globex", "Engineer", stage="Applied").id
    services.events.interview(globex, parse_datetime("2026-01-15T10:00", ZONE))  # 6 weeks ago
    summaries = [v["summary"] for v in read(services.calendar.ics()).values()]
    assert "Interview: Globex (Engineer)" in summaries
    assert "Interview: Acme (Data Analyst)" not in summaries

"""Reading and changing the user's settings; a timing change re-plans every card."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from jobhunt_desktop.domain.reminders import pause_end
from jobhunt_desktop.domain.settings import (
    SPEC_BY_KEY,
    SPECS,
    Settings,
    as_text,
    format_value,
    parse_value,
    spec_for,
)
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.one_trip import together
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    FollowUpRepository,
    SettingsRepository,
    StageRepository,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome
from jobhunt_desktop.services.planning import replan_after

if TYPE_CHECKING:  # a session is handed on to the repositories, never used here
    from sqlalchemy.orm import Session

PAUSE_KEY = "reminders_paused_until"


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """What a change of settings did: the stored values before (None: the default),
    those after, and how many open follow-ups it re-timed."""

    before: dict[str, str | None]
    after: dict[str, str]
    retimed: int


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
        value = format_value(parse_value(spec.key, raw))
        with self.db.write() as session:
            SettingsRepository(session).put(spec.key, value)
            if spec.affects_plans:
                self._replan_all(session)
        return Outcome(SettingItem(spec.key, value, spec.help, False), written(session))

    def change(self, values: Mapping[str, str]) -> Outcome[SettingsChange]:
        """Several settings at once, as one step (the Settings dialog): each value
        checked first, nothing stored if one is wrong; every card re-planned once if
        any of them times the rules. `value.before` undoes it with another change."""
        with self.db.write() as session:
            result = self._change(session, values)
        return Outcome(result, written(session))

    def preview(self, values: Mapping[str, str]) -> int:
        """How many open follow-ups `change(values)` would re-time, found by making the
        change in a transaction that is rolled back."""
        with self.db.trial() as session:
            return self._change(session, values).retimed

    def _change(self, session: Session, values: Mapping[str, str]) -> SettingsChange:
        parsed = {spec_for(k).key: format_value(parse_value(k, v)) for k, v in values.items()}
        repo = SettingsRepository(session)
        stored = repo.all()
        current = as_text(self.settings_in(session))
        changed = {k: v for k, v in parsed.items() if current[k] != v}
        before: dict[str, str | None] = {k: stored.get(k) for k in changed}
        for key, value in changed.items():
            repo.put(key, value)
        retimed = 0
        if any(SPEC_BY_KEY[k].affects_plans for k in changed):
            followups = FollowUpRepository(session)
            (open_before,) = self._replan_all(session, also=[followups.open_times])
            (open_after,) = together(session, followups.open_times)  # with the re-plan's writes
            retimed = sum(1 for i, at in open_before.items() if open_after.get(i) != at)
            retimed += sum(1 for i in open_after if i not in open_before)
        return SettingsChange(before, dict(changed), retimed)

    def restore(self, before: Mapping[str, str | None]) -> Outcome[SettingsChange]:
        """Undo a `change`: each key back to its stored value, or to its default."""
        with self.db.write() as session:
            repo = SettingsRepository(session)
            for key, value in before.items():
                if value is None:
                    repo.delete(key)
                else:
                    repo.put(key, value)
            if any(SPEC_BY_KEY[k].affects_plans for k in before):
                self._replan_all(session)
        return Outcome(SettingsChange({}, {}, 0), written(session))

    def reset(self, key: str) -> Outcome[SettingItem]:
        spec = spec_for(key)
        with self.db.write() as session:
            SettingsRepository(session).delete(spec.key)
            if spec.affects_plans:
                self._replan_all(session)
            value = as_text(self.settings_in(session))[spec.key]
        return Outcome(SettingItem(spec.key, value, spec.help, True), written(session))

    def _replan_all(self, session: Session, also: Sequence[Callable[[], Any]] = ()) -> list[Any]:
        """Every card planned again under the settings as the session now has them;
        `also`: reads to make with the settings and the cards' ids (before the re-plan),
        whose answers are returned."""
        settings, _, ids, *read = together(  # one round trip on a server, with the writes
            session,
            lambda: self.settings_in(session),
            StageRepository(session).all,  # kept for the re-plan's reads, which need them
            ApplicationRepository(session).on_board,
            *also,
        )
        replan_after(session, ids, settings, self.now())
        return read
        session.flush()

    def pause_reminders(self, span: timedelta | None) -> Outcome[datetime | None]:
        """Hold notifications for `span` (a day or more: until tomorrow's reminder time),
        or resume them with None; returns when the pause ends. The window, the watcher
        and a one-shot check all honour it."""
        if span is None:
            return Outcome(None, self.reset(PAUSE_KEY).changes)
        with self.db.write() as session:  # the settings it reads and the pause: one step
            settings = self.settings_in(session)
            until = pause_end(self.now(), span, settings.time_zone, settings.reminder_time)
            SettingsRepository(session).put(PAUSE_KEY, until.isoformat())
        return Outcome(until, written(session))

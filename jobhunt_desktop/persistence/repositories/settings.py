"""The stored settings and the templates."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jobhunt_desktop.domain.templates import Template
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.models import (
    SettingRow,
    TemplateRow,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip


class SettingsRepository:
    """The stored settings; read once per transaction however often they are asked for
    (an operation asks at each step), and read again after a change."""

    _READ = "jobhunt.settings"

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, str]:
        found = self.session.info.get(self._READ)
        if found is None:
            found = {r.key: r.value for r in self.session.scalars(select(SettingRow))}
            self.session.info[self._READ] = found
        return dict(found)

    def put(self, key: str, value: str) -> None:
        """Store a value, whether one was there or not; on a server with the next
        round trip (nothing is read first)."""
        self.session.info.pop(self._READ, None)
        recorder(self.session).touch(settings=True)
        recorder(self.session).flags.add("settings")
        table = cast(Table, SettingRow.__table__)
        with_next_trip(self.session, delete(table).where(table.c.key == key))
        with_next_trip(self.session, insert(table).values(key=key, value=value))
        row = self.session.identity_map.get(identity_key(SettingRow, key))
        if row is not None:  # what the session holds would be out of date
            self.session.expunge(row)

    def delete(self, key: str) -> None:
        self.session.info.pop(self._READ, None)
        recorder(self.session).touch(settings=True)
        row = self.session.get(SettingRow, key)
        if row is not None:
            self.session.delete(row)


class TemplateRepository:
    """The user's templates and their edits of the built-in ones (same key)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Template]:
        rows = self.session.scalars(select(TemplateRow).order_by(TemplateRow.key))
        return [mapping.template(row) for row in rows]

    def get(self, key: str) -> Template | None:
        row = self.session.get(TemplateRow, key)
        return mapping.template(row) if row is not None else None

    def put(self, template: Template, now: datetime) -> None:
        row = self.session.get(TemplateRow, template.key)
        if row is None:
            row = TemplateRow(key=template.key)
            self.session.add(row)
        row.name = template.name
        row.kind = template.kind
        row.subject = template.subject
        row.body = template.body
        row.updated_at = now

    def delete(self, key: str) -> bool:
        row = self.session.get(TemplateRow, key)
        if row is None:
            return False
        self.session.delete(row)
        return True

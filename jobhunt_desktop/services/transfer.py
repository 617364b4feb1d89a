"""Copying everything to another database (a SQLite file to a server, or back):
through the JSON export and import, so there is one copier, then the target's own
export is compared with the source's, so a copy that came out different is never
taken for a good one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jobhunt_desktop.domain.backup_policy import BackupFile
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence import json_archive
from jobhunt_desktop.persistence.database import open_database, resolve_url
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.exports import ExportService


class TargetHoldsCardsError(UserError):
    def __init__(self, label: str) -> None:
        super().__init__(
            f"'{label}' already holds cards; a transfer goes into an empty database "
            "(or give --replace to replace what it holds). Nothing was changed."
        )
        self.label = label


@dataclass(frozen=True, slots=True)
class Transferred:
    target: str  # where to, without a password
    counts: dict[str, int]
    backup: BackupFile | None  # the target file's copy made before it was replaced

    @property
    def cards(self) -> int:
        return self.counts.get("applications", 0)


class TransferService(Service):
    def to(self, target: str, *, replace: bool = False) -> Transferred:
        """Copy every table, ids kept, into `target` (a URL or a file path), migrated
        first. Refused, with nothing changed, into a database that holds cards unless
        `replace`, or into this same database."""
        url = resolve_url(target, None, {}) if "://" not in target else target
        data = ExportService(self.db, self.clock, self.default_zone).json()
        other = open_database(url)
        try:
            if _same_database(self.db.url, other.url, self.db.path, other.path):
                raise UserError(f"'{other.label}' is the database in use; name another one")
            with other.read() as session:
                if not replace and json_archive.holds_cards(session):
                    raise TargetHoldsCardsError(other.label)
            copier = ExportService(other, self.clock, self.default_zone)
            done = copier.import_json(data, replace=replace)
            copied = copier.json()
        finally:
            other.close()
        if _tables(copied) != _tables(data):
            raise UserError(
                f"the copy in '{other.label}' differs from this database after the transfer; "
                "do not rely on it, and report this as a bug"
            )
        return Transferred(other.label, done.counts, done.backup)


def _same_database(url: str, other_url: str, path: object, other_path: object) -> bool:
    if path is not None or other_path is not None:
        return path is not None and path == other_path
    return url == other_url


def _tables(export: bytes) -> Any:
    return json.loads(export)["tables"]

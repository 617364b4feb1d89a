"""Taking the data out: a spreadsheet of the cards, everything as JSON, and the
calendar; and bringing a whole JSON export back into an empty database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jobhunt_desktop.domain.backup_policy import BEFORE_IMPORT, BackupFile
from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.csv_export import csv_bytes
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence import change_log, json_archive
from jobhunt_desktop.persistence.database import known_revisions
from jobhunt_desktop.persistence.id_sequences import advance_past_ids
from jobhunt_desktop.persistence.repositories.exports import export_cards
from jobhunt_desktop.services.backups import BackupService
from jobhunt_desktop.services.base import Service


@dataclass(frozen=True, slots=True)
class WholeImport:
    """What a JSON import brought: rows per table, and the copy made before it."""

    counts: dict[str, int]
    backup: BackupFile | None
    changes: Changes

    @property
    def cards(self) -> int:
        return self.counts.get("applications", 0)


class ExportService(Service):
    def csv(self) -> bytes:
        with self.db.snapshot() as session:
            cards = export_cards(session)
            zone = self.settings_in(session).time_zone
        return csv_bytes(cards, zone)

    def json(self) -> bytes:
        with self.db.snapshot() as session:  # one moment: every row's links are in it
            document = json_archive.dump(session, self.now())
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def import_json(self, data: bytes, *, replace: bool = False) -> WholeImport:
        """Everything of an export, ids kept, into a database without cards of its own;
        refused (nothing changed) into one that has them unless told to `replace` what
        it holds, or from a newer version. A file is backed up first."""
        document = _parsed(data)
        json_archive.check(document, known_revisions())
        with self.db.read() as session:
            if not replace and json_archive.holds_cards(session):
                raise UserError(_NOT_EMPTY)
        backup = BackupService(self.db, self.clock, self.default_zone).before(BEFORE_IMPORT)
        with self.db.write() as session:
            if not replace and json_archive.holds_cards(session):  # a card added meanwhile
                raise UserError(_NOT_EMPTY)
            counts = json_archive.load(session, document)
            advance_past_ids(session, json_archive.tables())
            version = change_log.log_everything(session)
        self.db.after_bulk_load()
        return WholeImport(counts, backup, Changes(everything=True, versions=(version,)))


_NOT_EMPTY = (
    "this database already holds cards or contacts; a whole export goes into an empty "
    "one (start the app with --db NEW_FILE). Nothing was changed."
)


def _parsed(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UserError(
            f"this file is not UTF-8 text (byte {exc.start}); nothing was changed"
        ) from exc
    except json.JSONDecodeError as exc:
        raise UserError(
            f"this file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "nothing was changed"
        ) from exc

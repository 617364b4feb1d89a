"""Backups of the SQLite file: made on demand (or by the app before an operation),
listed with what each holds, and pruned by the keeping policy after each new one."""

from __future__ import annotations

from pathlib import Path

from jobhunt_desktop.domain.backup_policy import MANUAL, REASONS, BackupFile, to_keep
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.backup_files import (
    card_count,
    folder_for,
    listed,
    new_path,
)
from jobhunt_desktop.services.base import Service


class BackupService(Service):
    def _folder(self) -> Path:
        if self.db.path is None:
            raise UserError(
                "backups are for a SQLite file; on a database server, `export --format json` "
                "is the backup"
            )
        return folder_for(self.db.path)

    def backup(self, output: Path | None = None, reason: str = MANUAL) -> BackupFile:
        """A consistent copy, checked before it is kept; into the backups folder (then
        pruned by the policy) unless an `output` file is named."""
        if reason not in REASONS:
            raise ValueError(f"not a reason for a backup: {reason}")
        now = self.now()
        if output is not None:
            self.db.backup_to(output)
            path = output.expanduser().absolute()
            return BackupFile(path, now, reason, path.stat().st_size, card_count(path))
        folder = self._folder()
        path = new_path(folder, now, reason)
        self.db.backup_to(path)
        self._prune(folder)
        return next(b for b in listed(folder) if b.path == path)

    def backups(self) -> list[BackupFile]:
        """The copies kept, newest first."""
        return listed(self._folder())

    def _prune(self, folder: Path) -> None:
        copies = listed(folder)
        keep = to_keep([c.as_copy() for c in copies], self.now(), self.settings().time_zone)
        for copy in copies:
            if copy.path.name not in keep:
                copy.path.unlink(missing_ok=True)

"""Backups of the SQLite file: made on demand, once a day, or before an operation
that replaces much (an import, a restore, an upgrade); listed with what each holds;
pruned by the keeping policy after each new one; and restored in place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jobhunt_desktop.domain.backup_policy import (
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    REASONS,
    BackupFile,
    Policy,
    to_keep,
)
from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.persistence import change_log
from jobhunt_desktop.persistence.backup_files import (
    card_count,
    copies,
    described,
    folder_for,
    listed,
    made_days,
    new_path,
)
from jobhunt_desktop.persistence.database import vet_copy
from jobhunt_desktop.persistence.restore import restore_into
from jobhunt_desktop.services.base import Service


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did: the copy of what was there before, and what it brought."""

    before: BackupFile
    cards: int | None
    changes: Changes


class BackupService(Service):
    def _folder(self) -> Path:
        if self.db.path is None:
            raise UserError(
                "backups are for a SQLite file; on a database server, `export --format json` "
                "is the backup"
            )
        return folder_for(self.db.path)

    def backup(
        self, output: Path | None = None, reason: str = MANUAL, prune: bool = True
    ) -> BackupFile:
        """A consistent copy, checked before it is kept; into the backups folder (then,
        unless told not to, pruned by the policy) unless an `output` file is named."""
        if reason not in REASONS:
            raise ValueError(f"not a reason for a backup: {reason}")
        now = self.now()
        if output is not None:
            self.db.backup_to(output)
            return described(output.expanduser().absolute(), now, reason)
        folder = self._folder()
        path = new_path(folder, now, reason)
        self.db.backup_to(path)
        if prune:
            self._prune(folder)
        return described(path, now, reason)

    def before(self, reason: str) -> BackupFile | None:
        """The copy made before an operation that replaces much (an import); none
        where the database is not a file (on a server the JSON export is the backup)."""
        return None if self.db.path is None else self.backup(reason=reason)

    def daily_if_due(self) -> BackupFile | None:
        """Today's copy, unless one was made today already (by the window, the watcher
        or the user) or the database is not a file."""
        if self.db.path is None:
            return None
        zone = self.settings().time_zone
        today = local_date(self.now(), zone)
        if today in made_days(self._folder(), zone):
            return None
        return self.backup(reason=DAILY)

    def backups(self) -> list[BackupFile]:
        """The copies kept, newest first."""
        return listed(self._folder())

    def restore(self, copy: Path) -> Restored:
        """Put a backup back: refused, with nothing changed, for a file that is not
        ours, is damaged or is newer than the app; otherwise what is there now is
        backed up first. Reminders already shown stay shown."""
        copy = copy.expanduser().absolute()
        folder = self._folder()
        if self.db.path is not None and copy.exists() and copy.samefile(self.db.path):
            raise UserError(f"'{copy}' is the database itself; choose a backup")
        needs_upgrade = vet_copy(copy)
        cards = card_count(copy)
        before = self.backup(reason=BEFORE_RESTORE, prune=False)  # `copy` may be one
        first = restore_into(self.db, copy, folder, needs_upgrade)
        with self.db.write() as session:  # past any write that slipped in meanwhile
            last = change_log.log_everything(session)
        self._prune(folder)
        return Restored(before, cards, Changes(everything=True, versions=(first, last)))

    def _prune(self, folder: Path) -> None:
        kept = copies(folder)
        settings = self.settings()
        policy = Policy(settings.backup_days, settings.backup_weeks, settings.backup_months)
        keep = to_keep(kept, self.now(), settings.time_zone, policy)
        for copy in kept:
            if copy.name not in keep:
                (folder / copy.name).unlink(missing_ok=True)

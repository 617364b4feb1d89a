"""Bringing in a spreadsheet: a preview that says exactly what would happen, then one
transaction that adds every card, made after a backup, undone in one step.

Imported history is not news: no events are implied by the stages cards arrive in,
so no reply to a rejection is planned for an old rejection; what would have fallen
due before the import is recorded as missed; only each open card's latest status
check is due, at the next reminder time (more than three then come as one summary).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jobhunt_desktop.domain.backup_policy import BEFORE_IMPORT, BackupFile
from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_plan import (
    Answers,
    ImportPlan,
    Skipped,
    plan_import,
    without_duplicates,
)
from jobhunt_desktop.domain.reminders import next_reminder_at
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.persistence.change_log import written
from jobhunt_desktop.persistence.repositories import StageRepository
from jobhunt_desktop.persistence.repositories.imports import (
    add_cards,
    existing_keys,
    settle_imported,
)
from jobhunt_desktop.services.backups import BackupService
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.import_files import Sheet, read_sheet
from jobhunt_desktop.services.planning import replan_after

Progress = Callable[[str, int, int], bool]  # (step, done, total) -> go on?
_CHUNK = 500


class ImportCancelledError(UserError):
    """The person stopped the import; nothing was written."""


@dataclass(frozen=True, slots=True)
class ImportRequest:
    path: Path
    encoding: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # header key -> field
    answers: Answers = field(default_factory=Answers)
    lenient: bool = False  # a file without a company header is read for mapping


@dataclass(frozen=True, slots=True)
class ImportPreview:
    request: ImportRequest
    sheet: Sheet
    plan: ImportPlan

    def questions(self) -> list[str]:
        """What must be answered before the import can run, as the CLI says it."""
        asked = []
        if self.sheet.columns.column_of("company") is None:
            asked.append("no column holds the company; name it with --map COLUMN=company")
        if self.plan.unknown_statuses:
            values = ", ".join(f"'{v}'" for v in self.plan.unknown_statuses)
            asked.append(
                f"no stage is known for the status {values}; name one with "
                f"--stage-map '{self.plan.unknown_statuses[0]}=STAGE'"
            )
        if self.plan.ambiguous_dates:
            columns = ", ".join(f"'{c}'" for c in self.plan.ambiguous_dates)
            asked.append(
                f"the dates of {columns} read both as day/month and as month/day; say "
                "which with --day-first or --month-first"
            )
        return asked


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: list[int]
    skipped: tuple[Skipped, ...]
    unmapped_columns: tuple[str, ...]
    missed: int
    due: int
    backup: BackupFile | None
    changes: Changes


class ImportService(Service):
    def preview(self, request: ImportRequest) -> ImportPreview:
        sheet = read_sheet(
            request.path,
            encoding=request.encoding,
            overrides=request.columns,
            lenient=request.lenient,
        )
        with self.db.read() as session:
            stages = StageRepository(session).all()
            existing = existing_keys(session)
        plan = plan_import(
            sheet.headers,
            ((r.line, r.cells) for r in sheet.rows),
            sheet.columns,
            stages,
            existing,
            request.answers,
        )
        return ImportPreview(request, sheet, plan)

    def run(self, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
        """Add the previewed cards in one transaction (after a backup of the file);
        rows that became duplicates since the preview are skipped too."""
        questions = preview.questions()
        if questions:
            raise UserError("; ".join(questions) + ". Nothing was imported.")
        go_on = progress or (lambda _step, _done, _total: True)
        if not go_on("backup", 0, 1):
            raise ImportCancelledError("the import was cancelled; nothing was imported")
        backup = None
        if preview.plan.cards:
            backup = BackupService(self.db, self.clock, self.default_zone).before(BEFORE_IMPORT)
        now = self.now()
        source = preview.request.path.name
        with self.db.write() as session:
            settings = self.settings_in(session)
            cards, skipped = without_duplicates(preview.plan, existing_keys(session))
            present = {s.id for s in StageRepository(session).all()}
            if any(c.stage.stage_id not in present for c in cards):
                raise UserError(
                    "a stage the preview chose is gone since; preview the file again. "
                    "Nothing was imported."
                )
            added: list[int] = []
            for start in range(0, len(cards), _CHUNK):
                if not go_on("cards", start, len(cards)):
                    raise ImportCancelledError("the import was cancelled; nothing was imported")
                chunk = cards[start : start + _CHUNK]
                added += add_cards(session, chunk, now, settings.time_zone, source)
            for start in range(0, len(added), _CHUNK):
                if not go_on("plans", start, len(added)):
                    raise ImportCancelledError("the import was cancelled; nothing was imported")
                replan_after(session, added[start : start + _CHUNK], settings, now)
            next_at = next_reminder_at(now, settings.time_zone, settings.reminder_time)
            missed, due = settle_imported(session, added, now, next_at)
            go_on("saving", len(added), len(added))
        return ImportResult(
            added,
            skipped,
            preview.plan.unmapped_columns,
            missed,
            due,
            backup,
            written(session),
        )


def summary(result: ImportResult) -> str:
    """One line for the CLI and the window's status bar."""
    parts = [f"Imported {counted(len(result.added), 'card')}"]
    if result.skipped:
        parts.append(f"skipped {counted(len(result.skipped), 'row')}")
    if result.due:
        parts.append(f"{counted(result.due, 'status check')} due")
    return ", ".join(parts) + "."


__all__ = [
    "ImportCancelledError",
    "ImportPreview",
    "ImportRequest",
    "ImportResult",
    "ImportService",
    "summary",
]

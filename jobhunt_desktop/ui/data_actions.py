"""What File does with the data as a whole: Back up now, Restore…, Export…, Import…;
and the chores done on threads of their own, so the board never waits for them: the
day's backup a little after the window is ready, and the subscribed calendar file
rewritten a moment after each change."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.background import Background, Finished, answer_until
from jobhunt_desktop.ui.dialogs.forms import show_error

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.services.exports import WholeImport
    from jobhunt_desktop.ui.import_runner import ImportRunner
    from jobhunt_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_DAILY_MS = 20_000  # after the window is ready: start-up work comes first
DAILY_EVERY_MS = 60 * 60 * 1000  # a window kept open past midnight makes the next one
CALENDAR_DELAY_MS = 3000  # changes come in bursts: one rewrite after them
CHORE_WAIT_S = 15.0  # how long a closing window waits for a chore at work


class _Chore(QObject):
    """A service call run on a thread of its own, one at a time: asked again while it
    runs, it runs once more after. What goes wrong is logged and handed to
    `finished`; a bug does not end the window."""

    what = "a chore"

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._thread = Background(self, self.what)
        self._again = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)

    def stop(self, limit_s: float = CHORE_WAIT_S) -> None:
        """Before the window closes: no more turns, and the one at work lands first (a
        chore left running would write into a store being closed, and answer a window
        already gone), unless it takes longer than `limit_s`."""
        self._stopped = True
        self._timer.stop()
        answer_until(lambda: not self._thread.busy, limit_s)

    @property
    def busy(self) -> bool:
        return self._thread.busy

    def wanted(self) -> bool:
        return self.window.attached

    def work(self) -> None:
        raise NotImplementedError

    def finished(self, problem: str) -> None:
        """Back on the window's thread."""

    def run(self) -> None:
        if self._stopped:
            return
        if self._thread.busy:
            self._again = True
            return
        try:
            if not self.wanted():
                return
        except UserError:  # busy or gone for a moment: the next turn tries again
            return
        self._thread.submit(self._work, self._done)

    def _work(self) -> str:
        """ "" when all went well, else the problem to show (a bug: logged, and said)."""
        try:
            self.work()
        except (UserError, OSError) as error:
            log.warning("%s failed: %s", self.what, error)
            return str(error)
        return ""

    def _done(self, done: Finished[str]) -> None:
        if self._stopped:
            return
        problem = done.value if done.ok else f"{self.what} failed; the log has the details"
        self.finished(problem or "")
        if self._again:
            self._again = False
            self.run()


class DailyBackup(_Chore):
    """Makes the day's copy unless the watcher, or an earlier look, did already."""

    what = "the day's backup"

    def __init__(self, window: MainWindow, first_ms: int = FIRST_DAILY_MS) -> None:
        super().__init__(window)
        self._told = False
        self.first_ms = first_ms

    def start(self) -> None:
        """The first look soon after the window is ready, then one an hour."""
        self._timer.start(self.first_ms)

    def work(self) -> None:
        made = self.window.services.backups.daily_if_due()
        if made is not None:
            log.info("the day's backup: %s", made.path)

    def finished(self, problem: str) -> None:
        self._timer.start(DAILY_EVERY_MS)
        if problem and not self._told:  # once per window: it is retried each hour
            self._told = True
            self.window.statusBar().showMessage(f"No backup today: {problem}", 15000)


class CalendarKeeper(_Chore):
    """Rewrites the subscribed calendar file (when the setting is on) a moment after
    the data changed, from this window or elsewhere."""

    what = "the calendar file"

    def __init__(self, window: MainWindow, delay_ms: int = CALENDAR_DELAY_MS) -> None:
        super().__init__(window)
        self._timer.setInterval(delay_ms)

    def soon(self) -> None:
        self._timer.start()

    def work(self) -> None:
        services = self.window.services  # the setting is read here, on the chore's
        if services.settings.get().calendar_file:  # thread: on a server it is a trip
            services.calendar.keep_file_current()


class DataActions:
    """What File does with the data as a whole."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.daily = DailyBackup(window)
        self.calendar = CalendarKeeper(window)
        window.filled.connect(self.daily.start)
        window.filled.connect(self.calendar.soon)
        window.operations.changed.connect(lambda _changes: self.calendar.soon())

    def stop(self) -> None:
        """The window is closing: its chores end first."""
        self.daily.stop()
        self.calendar.stop()

    def back_up_now(self) -> None:
        made = self.window.operations.run(
            lambda s: s.backups.backup(), title="Couldn't make a backup"
        )
        if made is not None:
            cards = "" if made.cards is None else f" {counted(made.cards, 'card')}"
            self.window.statusBar().showMessage(f"Backed up{cards} to {made.path}", 10000)

    def restore(self) -> None:
        from jobhunt_desktop.ui.dialogs.restore_dialog import RestoreDialog

        window = self.window
        copies = window.operations.run(lambda s: s.backups.backups(), title="Couldn't restore")
        if copies is None:
            return
        dialog = RestoreDialog(copies, window.zone, window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore_file(dialog.chosen)

    def restore_file(self, path: Path) -> None:
        from jobhunt_desktop.ui.dialogs.forms import ask_yes_no

        window = self.window
        if not ask_yes_no(
            window,
            "Restore this backup?",
            f"The cards on the board are replaced by those of {path.name}. What is there "
            "now is backed up first. Undo (Ctrl+Z) cannot bring it back; restoring that "
            "copy can.",
        ):
            return
        done = window.operations.run(
            lambda s: s.backups.restore(path), title="Couldn't restore the backup"
        )
        if done is None:
            return
        window.undo_stack.clear()  # its steps belong to the cards that were replaced
        cards = "" if done.cards is None else f" ({counted(done.cards, 'card')})"
        window.statusBar().showMessage(
            f"Restored {path.name}{cards}. What was there before: {done.before.path.name}",
            15000,
        )

    def export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from jobhunt_desktop.services.files import save_private

        window = self.window
        name, chosen = QFileDialog.getSaveFileName(
            window, "Export", _default_name(window), ";;".join(EXPORT_FILTERS)
        )
        if not name:
            return
        path = Path(name)
        kind = EXPORT_FILTERS.get(chosen) or _kind_of(path)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")

        def save(made: bytes | None) -> None:
            self._landed("Exporting…")
            if made is None:
                return
            try:
                save_private(path, made)
            except OSError as exc:
                show_error(window, f"'{path}' could not be written ({exc.strerror})")
                return
            window.statusBar().showMessage(f"Exported to {path}", 10000)

        # On a server the export is read off the window's thread: it may be large.
        self._meanwhile("Exporting…")
        window.operations.run_soon(lambda s: _made(s, kind), save, title="Couldn't export")

    def import_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        window = self.window
        name, _ = QFileDialog.getOpenFileName(window, "Import", "", ";;".join(IMPORT_FILTERS))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".json":
            self.import_sheet(path)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_error(window, f"'{path}' could not be read ({exc.strerror})")
            return

        def imported(done: WholeImport | None) -> None:
            self._landed(importing)
            if done is None:
                return
            window.undo_stack.clear()
            window.statusBar().showMessage(
                f"Imported {counted(done.cards, 'card')} from {path.name}", 10000
            )

        importing = f"Importing {path.name}…"
        self._meanwhile(importing)
        window.operations.run_soon(
            lambda s: s.exports.import_json(data), imported, title="Couldn't import"
        )

    def _meanwhile(self, text: str) -> None:
        """What the status bar says while work runs off the window's thread (on a
        server); its own message replaces this once it lands."""
        if self.window.operations.background is not None:
            self.window.statusBar().showMessage(text)

    def _landed(self, text: str) -> None:
        bar = self.window.statusBar()
        if bar.currentMessage() == text:
            bar.clearMessage()

    def import_sheet(self, path: Path) -> ImportRunner | None:
        """Preview, ask what is unknown, then import on a thread with progress."""
        from jobhunt_desktop.ui.dialogs.import_dialog import ImportDialog
        from jobhunt_desktop.ui.import_runner import ImportRunner

        dialog = ImportDialog(self.window.operations, path, self.window)
        if dialog.exec() != ImportDialog.DialogCode.Accepted or dialog.preview is None:
            return None
        runner = ImportRunner(self.window, dialog.preview)
        runner.start()
        return runner


IMPORT_FILTERS = (
    "Spreadsheets and exports (*.csv *.tsv *.txt *.xlsx *.json)",
    "Spreadsheets (*.csv *.tsv *.txt *.xlsx)",
    "jobhunt-desktop export (*.json)",
    "All files (*)",
)
# The Save dialog's file types and the export each one makes.
EXPORT_FILTERS = {
    "Spreadsheet, a row per card (*.csv)": "csv",
    "Everything, to keep or move (*.json)": "json",
    "Calendar: interviews, deadlines, follow-ups (*.ics)": "ics",
}


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FILTERS.values() else "csv"


def _default_name(window: MainWindow) -> str:
    return f"jobhunt-{window.now().date().isoformat()}.csv"


def _made(services: Services, kind: str) -> bytes:
    if kind == "json":
        return services.exports.json()
    if kind == "ics":
        return services.calendar.ics()
    return services.exports.csv()

"""The board's side of the one road: moving, archiving and deleting the selected
cards as operations, and re-reading the columns an operation's `Changes` touch."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from jobhunt_desktop.domain.changes import Changes, gone_message
from jobhunt_desktop.domain.errors import StorageError
from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.empty_board import EmptyBoardHint
from jobhunt_desktop.ui.first_start import NameBanner
from jobhunt_desktop.ui.operations import Work

if TYPE_CHECKING:
    from jobhunt_desktop.services.outcome import Outcome
    from jobhunt_desktop.ui.main_window import MainWindow

T = TypeVar("T")
TICK_MS = 60_000
# An operation on more cards than this re-reads their columns whole, in one query each.
CARDS_READ_ONE_BY_ONE = 100


class BoardActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ops = window.operations
        self.board = window.board
        self._pending: set[int] | None = set()  # None: every column
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_refresh)
        self._status = QTimer(self)
        self._status.setSingleShot(True)
        self._status.setInterval(0)
        self._status.timeout.connect(self.window.update_status)
        self.ops.changed.connect(self.on_changes)
        self.board.filesDropped.connect(self.attach_files)
        self.empty_hint = EmptyBoardHint(window)
        window.central_layout.insertWidget(0, self.empty_hint)
        self.name_banner = NameBanner(window)
        window.central_layout.insertWidget(0, self.name_banner)
        QTimer.singleShot(0, self.name_banner.show_if_first_start)  # once it is all in
        self._tick = QTimer(self)  # "due today" becomes "late" with the clock alone
        self._tick.timeout.connect(self.on_tick)
        self._tick.start(TICK_MS)

    def on_tick(self) -> None:
        self.window.update_status()
        for column in self.board.columns:
            column.view.viewport().update()
        self.window.due_panel.refresh_soon()

    # reading what changed --------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Re-read what an operation (this window's or another program's) touched: the
        columns its cards were and are in, and the counts in the status line."""
        if changes.everything or changes.stages or changes.settings:
            self.schedule_refresh()
            return
        if changes.changed_followups or changes.replanned:
            self._status.start()  # the counts of what is due and late, once painted
        ids = changes.cards | changes.removed
        if not ids:
            return
        if len(ids) > CARDS_READ_ONE_BY_ONE or self._pending is None or self._pending:
            # The columns the cards were in, and (read: on a server off the window's
            # thread) the ones they are in now.
            stages: set[int | None] = {self.stage_of(i) for i in ids}
            if not changes.cards:
                self.schedule_refresh(stages)
                return
            cards = sorted(changes.cards)
            self.ops.read_soon(
                lambda s: s.applications.stages_of(cards),
                lambda found: self.schedule_refresh(stages | set(found.values())),
            )
            return
        self.put_cards(ids)

    def put_cards(self, ids: Collection[int]) -> None:
        """Read just these cards and move each to where it now belongs: the rest of
        the board is neither read nor repainted. On a server that is read off the
        window's thread; a card being saved again meanwhile stays as the board shows
        it (its own save brings it)."""
        wanted = sorted(ids)

        def show(rows: list[BoardRow]) -> None:
            settled = [i for i in wanted if not self.board.is_saving(i)]
            self.place([r for r in rows if r.id in settled], settled)

        self.ops.read_soon(lambda s: s.applications.board_cards(wanted), show)

    def place(self, rows: Iterable[BoardRow], ids: Collection[int]) -> None:
        """Show these cards (of `ids`; the others are gone) in their columns."""
        by_stage: dict[int, list[BoardRow]] = {}
        for row in rows:
            by_stage.setdefault(row.stage_id, []).append(row)
        for column in self.board.columns:
            mine = by_stage.get(column.stage_id, [])
            if mine or any(column.model.holds(i) for i in ids):
                column.put_cards(mine, ids)
        self.window.refreshed.emit()

    def schedule_refresh(self, stages: Iterable[int | None] | None = None) -> None:
        """Coalesce refreshes; only the named columns are read again (no stages: all)."""
        if stages is None or self._pending is None:
            self._pending = None
        else:
            self._pending.update(s for s in stages if s is not None)
        self._timer.start(0)

    def run_refresh(self) -> None:
        """The refresh scheduled: read off the window's thread on a server, then drawn."""
        stages, self._pending = self._pending, set()
        self._timer.stop()
        if stages is None:
            self.window.refresh_soon()
            return
        wanted = [i for i in stages if i is not None and self.board.column_for(i) is not None]

        def show(read: dict[int, list[BoardRow]]) -> None:
            for stage_id, rows in read.items():
                column = self.board.column_for(stage_id)
                if column is not None:
                    column.show_rows(rows)
            self.window.update_status()
            self.window.refreshed.emit()  # the Follow-ups panel follows the Changes itself

        self.ops.read_soon(lambda s: {i: s.applications.board(stage=i) for i in wanted}, show)

    def board_row(self, application_id: int) -> BoardRow | None:
        for column in self.board.columns:
            row = column.model.board_row(application_id)
            if row is not None:
                return row
        return None

    def board_rows(self, ids: Iterable[int]) -> list[BoardRow]:
        """The rows of those of these cards the board holds, in the order given."""
        return [row for i in ids if (row := self.board_row(i)) is not None]

    def stage_of(self, application_id: int) -> int | None:
        row = self.board_row(application_id)
        return None if row is None else row.stage_id

    # acting on the selected cards ------------------------------------------------

    def move(self, ids: list[int], stage_id: int, index: int) -> None:
        """A drop: saved in one transaction, as one undoable step. On a server the
        cards show where they were put, marked as saving, until the commit; if it
        fails they go back where they were and the person is told why."""
        stage = next((s for s in self.window.stages if s.id == stage_id), None)
        if stage is None or not ids:
            return
        sources = {self.stage_of(i) for i in ids}
        label = (
            f"Move to {stage.name}" if len(ids) == 1 else f"Move {len(ids)} cards to {stage.name}"
        )

        def landed(moved: Outcome[None] | None) -> None:
            if moved is None:
                return
            QTimer.singleShot(0, lambda: self.board.select(stage_id, ids))
            if len(ids) == 1 and sources != {stage_id}:
                QTimer.singleShot(0, lambda: self.window.offer_prompt(ids[0], stage))

        self.save_soon(
            label,
            lambda s: s.applications.move(ids, stage_id, index),
            ids,
            lambda: self.moved_rows(ids, stage_id, index),
            landed,
        )

    def save_soon(
        self,
        label: str,
        work: Work[T],
        ids: list[int],
        meanwhile: Callable[[], list[BoardRow]],
        landed: Callable[[T | None], None],
    ) -> None:
        """Save a change to these cards as one undoable step. On a server the board
        shows them at once as `meanwhile` has them (none: gone from it), marked as
        saving, until the commit; if it fails they go back as they were, from memory
        (the server may be out of reach), and the person is told why."""
        was: list[BoardRow] = []
        chosen = [i for i in self.board.selected_ids() if i in ids]
        if self.ops.background is not None:
            was = self.board_rows(ids)
            self.place(meanwhile(), ids)
            self.board.set_saving(ids, True)

        def put_back(error: BaseException) -> None:
            self.board.set_saving(ids, False)
            if isinstance(error, StorageError):  # busy or out of reach: as they were,
                self.place(was, ids)  # and still chosen
                stage = next((r.stage_id for r in was if r.id in chosen), None)
                if stage is not None:
                    self.board.select(stage, [i for i in chosen if self.stage_of(i) == stage])
            else:  # the store answered (a card gone meanwhile, say): as it has them
                self.put_cards(ids)

        def after(result: T | None) -> None:
            self.board.set_saving(ids, False)
            landed(result)

        self.ops.perform_soon(label, work, after, asked=len(ids), put_back=put_back)

    def moved_rows(self, ids: list[int], stage_id: int, index: int) -> list[BoardRow]:
        """The cards as a move to `index` in the stage's column will have them."""
        rows = self.board_rows(ids)
        target = self.board.column_for(stage_id)
        if target is None:
            return []  # a column not shown: they leave the board for now
        now = self.window.now()
        places = target.model.places_at(index, [r.id for r in rows])
        return [
            row._replace(
                stage_id=stage_id,
                position=place,
                stage_entered_at=row.stage_entered_at if row.stage_id == stage_id else now,
            )
            for row, place in zip(rows, places, strict=True)
        ]

    def move_selected(self, step: int) -> None:
        column = self.board.current_column()
        ids = self.board.selected_ids()
        if column is None or not ids:
            return
        visible = self.board.columns
        at = visible.index(column) + step
        if 0 <= at < len(visible):
            self.move(ids, visible[at].stage_id, visible[at].model.total())

    def attach_files(self, ids: list[int], paths: list[Path]) -> None:
        """Keep the files on these cards, in one undoable step."""
        if not ids or not paths:
            return
        where = "this card" if len(ids) == 1 else f"{len(ids)} cards"
        status, saying = self.window.statusBar(), self.ops.background is not None
        if saying:
            status.showMessage(f"Saving {counted(len(paths), 'file')}…")

        def landed(done: object | None) -> None:
            if done is None:
                if saying:  # the Saving… line, not whatever was there before
                    status.clearMessage()
                return
            status.showMessage(
                f"Kept {counted(len(paths), 'file')} on {where}. Ctrl+Z takes them off.", 8000
            )

        self.ops.perform_soon(
            f"Attach {counted(len(paths), 'file')}",
            lambda s: s.attachments.attach_paths(ids, paths),
            landed,
            asked=len(ids),
        )

    def attach_to_selected(self) -> None:
        """Card > Attach files…: the same files on every selected card."""
        from PySide6.QtWidgets import QFileDialog

        ids = self.board.selected_ids()
        if not ids:
            return
        names, _ = QFileDialog.getOpenFileNames(self.window, "Files to keep on the selected cards")
        self.attach_files(ids, [Path(n) for n in names])

    def archive_selected(self) -> None:
        ids = self.board.selected_ids()
        if not ids:
            return
        label = "Archive card" if len(ids) == 1 else f"Archive {len(ids)} cards"

        def landed(done: Outcome[None] | None) -> None:
            if done is None:
                return
            gone = gone_message(done.changes.gone, len(ids))
            self.window.statusBar().showMessage(
                f"Archived {counted(len(ids) - done.changes.gone, 'card')}. "
                "Ctrl+Z brings them back." + (f" {gone}" if gone else ""),
                8000,
            )

        self.save_soon(
            label, lambda s: s.applications.set_archived_many(ids, True), ids, list, landed
        )

    def delete_selected(self) -> None:
        ids = self.board.selected_ids()
        if not ids:
            return
        column = self.board.current_column()
        rows = [column.model.board_row(i) for i in ids] if column is not None else []
        names = [f"{r.company} ({r.title})" for r in rows if r is not None]
        answer = QMessageBox.question(
            self.window,
            "Delete permanently?",
            delete_question(names, len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        label = "Delete card" if len(ids) == 1 else f"Delete {len(ids)} cards"
        self.save_soon(label, lambda s: s.applications.delete_many(ids), ids, list, _nothing)


def _nothing(_result: object) -> None:
    pass


NAMED_IN_QUESTION = 5


def delete_question(names: list[str], count: int) -> str:
    """Which cards a delete takes, by name (the first few, then how many more)."""
    shown = "\n".join(f"• {name}" for name in names[:NAMED_IN_QUESTION])
    more = count - min(len(names), NAMED_IN_QUESTION)
    if more:
        shown += f"\n…and {more} more"
    what = "this card" if count == 1 else f"these {count} cards"
    return (
        f"Delete {what} with their events, follow-ups and history?\n\n{shown}\n\n"
        "You can still undo it with Ctrl+Z until the window closes."
    )

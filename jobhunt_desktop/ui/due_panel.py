"""The Follow-ups panel: what to chase now, with snooze and dismiss at hand.

It reads through the services only and takes "now" from their injected clock, so what
it shows is what the CLI's `due` and the reminder service see at the same instant.
It writes through the window's `Operations`, and re-reads when an operation's
`Changes` touch follow-ups (its own, the board's, or another program's).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.reminders import snooze_choices
from jobhunt_desktop.domain.settings import Settings
from jobhunt_desktop.domain.wording import sentence
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.followups import DueCounts
from jobhunt_desktop.ui.due_model import DueColumn, DueModel, DueRole, short_time
from jobhunt_desktop.ui.due_reading import DueRead, merged, reading, summary_text
from jobhunt_desktop.ui.due_table import DueTable
from jobhunt_desktop.ui.operations import Operations, Work
from jobhunt_desktop.ui.snooze_dialog import SnoozeDialog

__all__ = ["EMPTY_TEXT", "DuePanel", "SnoozeDialog", "summary_text"]

EMPTY_TEXT = "Nothing to chase right now."


class DuePanel(QWidget):
    """Open follow-ups, late first; snooze or dismiss the selected ones."""

    openRequested = Signal(int)  # application id
    draftRequested = Signal(int, int)  # application id, follow-up id: write its message

    def __init__(self, ops: Operations, parent: QWidget | None = None, fill: bool = True) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        self._later = 0  # open follow-ups hidden by "Only due now"
        self._words: tuple[str, ...] = ()  # the board's search narrows the list too
        self._unmatched = 0  # follow-ups the search hides
        self._all_open: list[DueRow] | None = None  # every open follow-up, as last read
        self._settings: Settings | None = None  # the user's settings, read with them
        self._behind: set[int] | None = set()  # cards to read again (None: all)
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(0)
        self._catch_up.timeout.connect(self._read_behind)
        self.model = DueModel(self)

        title = QLabel("Follow-ups")
        font = QFont(title.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)

        self.due_only = QCheckBox("Only due &now")
        self.due_only.setChecked(True)
        self.due_only.setToolTip(
            "Show only follow-ups whose time has come; untick to see every open one"
        )
        self.due_only.toggled.connect(lambda _checked: self.refresh())

        self.snooze_menu = QMenu(self)
        self.snooze_menu.setToolTipsVisible(True)
        self.snooze_actions: list[QAction] = []
        for _ in range(3):
            action = QAction(self)
            action.triggered.connect(self._snooze_from_action)
            self.snooze_menu.addAction(action)
            self.snooze_actions.append(action)
        self.snooze_menu.addSeparator()
        self.pick_action = QAction("Pick a date and time…", self)
        self.pick_action.setToolTip("Choose exactly when it should come back")
        self.pick_action.triggered.connect(self.snooze_picked)
        self.snooze_menu.addAction(self.pick_action)
        self.snooze_menu.aboutToShow.connect(self._update_snooze_labels)

        self.snooze_button = QPushButton("Snoo&ze")
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_button.setToolTip(
            "Put the selected follow-ups off until later (Alt+Z); they come back by themselves"
        )
        self.dismiss_action = QAction("&Dismiss", self)
        self.dismiss_action.setToolTip("Drop the selected follow-ups: you will not be reminded")
        self.dismiss_action.triggered.connect(self.dismiss_selected)
        self.dismiss_button = QPushButton("&Dismiss")
        self.dismiss_button.setToolTip(
            "Drop the selected follow-ups (Alt+D): you will not be reminded of them again"
        )
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.draft_action = QAction("D&raft message…", self)
        self.draft_action.setToolTip("Write the message this follow-up asks for")
        self.draft_action.triggered.connect(self.draft_selected)
        self.draft_button = QPushButton("D&raft…")
        self.draft_button.setToolTip(
            "Write the message the selected follow-up asks for, ready to send from your "
            "mail program (Alt+R)"
        )
        self.draft_button.clicked.connect(self.draft_selected)

        self.view = DueTable(self.model, self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.snooze_menu.menuAction())
        self.snooze_menu.setTitle("Snooze")
        self.view.addAction(self.dismiss_action)
        self.view.addAction(self.draft_action)
        self.view.doubleClicked.connect(self._open)
        self.view.enterPressed.connect(self._open)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.due_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        if fill:
            self.refresh()
        ops.changed.connect(self._on_changes)

    # reading ---------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        """Re-read the follow-ups an operation touched: those of its cards, or all of
        them when it re-planned a rule across cards or touched the board's own. The
        list catches up once the event loop is back, after the board has painted the
        card where it was dropped; changes arriving meanwhile are read together."""
        if changes.settings or changes.everything:
            self._settings = None  # read again, with the rows or when next needed
        if not changes.changed_followups:
            return
        cards = changes.cards | changes.removed
        whole = changes.everything or bool(changes.replanned) or not cards
        if whole or self._behind is None:
            self._behind = None
        else:
            self._behind |= cards
        self._catch_up.start()

    def catch_up(self) -> None:
        """Read now what the last changes touched, if that is still to be done."""
        if self._catch_up.isActive():
            self._catch_up.stop()
            self._read_behind()

    def _read_behind(self) -> None:
        behind, self._behind = self._behind, set()
        self.refresh_soon(behind)

    def refresh(self, applications: Collection[int] | None = None) -> None:
        """Reload from the store, keeping the selection where the rows still exist.

        With `applications`, only their follow-ups and the board-wide ones are read
        again (all that a move between ordinary stages changes), which keeps a drop
        quick however long the list is.
        """
        self._show(self._reading(applications)(self.services), applications)

    def refresh_soon(self, applications: Collection[int] | None = None) -> None:
        """`refresh`, read off the window's thread when the cards are on a server."""
        self.ops.read_soon(self._reading(applications), lambda read: self._show(read, applications))

    def _reading(self, applications: Collection[int] | None) -> Work[DueRead]:
        return reading(applications, whole=applications is None or self._all_open is None)

    def _show(self, read: DueRead, applications: Collection[int] | None) -> None:
        keep = set(self.selected_followup_ids())
        first = min((i.row() for i in self.view.selectionModel().selectedRows()), default=-1)
        now, settings = read.now, read.settings
        self._settings = settings
        self._all_open = rows = merged(self._all_open, read, applications)
        shown = (
            [r for r in rows if r.followup.remind_at <= now] if self.due_only.isChecked() else rows
        )
        self._later = len(rows) - len(shown)
        matching = [r for r in shown if self._matches(r)]
        self._unmatched = len(shown) - len(matching)
        self.model.set_rows(matching, now, settings.time_zone)
        self._restore_selection(keep, first)
        self._update_empty()
        self._update_snooze_labels(now, settings)
        self._update_buttons()

    def set_search(self, text: str) -> None:
        """Narrow the list to the follow-ups of cards the board's search finds."""
        words = tuple(text.casefold().split())
        if words != self._words:
            self._words = words
            self.refresh(())  # the rows read last, shown again: nothing is read

    def _matches(self, row: DueRow) -> bool:
        if not self._words:
            return True
        text = " ".join((row.company or "", row.title or "", row.followup.reason or ""))
        folded = text.casefold()
        return all(word in folded for word in self._words)

    def counts(self) -> DueCounts:
        """Due today and overdue, for the status bar; see `summary_text`."""
        return self.services.followups.counts()

    def rows(self) -> list[DueRow]:
        """What the table shows, in its order."""
        return [self.model.due_row(r) for r in range(self.model.rowCount())]

    def selected_followup_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.due_row(r).followup.id for r in rows if r < self.model.rowCount()]

    def draftable(self) -> DueRow | None:
        """The one selected row, when it asks for a message to an employer (not a task
        for the user, nor R12, which belongs to no card)."""
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        if len(rows) != 1 or rows[0] >= self.model.rowCount():
            return None
        row = self.model.due_row(rows[0])
        if row.followup.application_id is None or not row.followup.kind.is_message:
            return None
        return row

    # acting ----------------------------------------------------------------------------

    def snooze_selected(self, until: datetime) -> None:
        """Put every selected follow-up off until `until` (UTC)."""
        ids = self.selected_followup_ids()
        text = "Snooze follow-up" if len(ids) == 1 else f"Snooze {len(ids)} follow-ups"
        self._apply(ids, text, lambda s: s.followups.snooze_many(ids, until))

    def snooze_picked(self) -> None:
        if not self.selected_followup_ids():
            return
        now = self.services.followups.now()
        settings = self._known_settings()
        suggested = snooze_choices(now, settings.time_zone, settings.reminder_time)[1].at
        until = self.ask_snooze_time(suggested, now, settings.time_zone)
        if until is not None:
            self.snooze_selected(until)

    def ask_snooze_time(
        self, suggested: datetime, now: datetime, zone_name: str
    ) -> datetime | None:
        """Ask for a moment, in a modal dialog; None when the user cancels."""
        dialog = SnoozeDialog(suggested, now, zone_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def draft_selected(self) -> None:
        """Ask the window for the composer on the selected follow-up."""
        row = self.draftable()
        if row is not None and row.followup.application_id is not None:
            self.draftRequested.emit(row.followup.application_id, row.followup.id)

    def dismiss_selected(self) -> None:
        ids = self.selected_followup_ids()
        text = "Dismiss follow-up" if len(ids) == 1 else f"Dismiss {len(ids)} follow-ups"
        self._apply(ids, text, lambda s: s.followups.dismiss_many(ids))

    def _apply(self, ids: Sequence[int], text: str, work: Work[object]) -> None:
        """One operation over every selected follow-up, one undoable step; those the
        reminder service or another window closed meanwhile are said to be gone."""
        if not ids:
            return

        def landed(done: object | None) -> None:
            if done is not None:
                self.message.hide()
                self.catch_up()  # the list acted on shows the result at once
            else:
                self.refresh()  # what stopped it may have been a change made elsewhere

        self.ops.perform_soon(text, work, landed, len(ids), parent=self, tell=self._tell)

    def _tell(self, problem: str) -> None:
        self.message.setText(sentence(problem))
        self.message.show()

    def _snooze_from_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            until = action.data()
            if isinstance(until, datetime):
                self.snooze_selected(until)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        application_id = self.model.data(index, DueRole.APPLICATION_ID)
        if isinstance(application_id, int):
            self.openRequested.emit(application_id)

    # keeping the widgets in step -------------------------------------------------------

    def _update_snooze_labels(
        self, now: datetime | None = None, settings: Settings | None = None
    ) -> None:
        """The menu shows the actual times, computed from the injected clock."""
        now = now or self.services.followups.now()
        settings = settings or self._known_settings()
        choices = snooze_choices(now, settings.time_zone, settings.reminder_time)
        for action, choice in zip(self.snooze_actions, choices, strict=True):
            when = short_time(choice.at, settings.time_zone, now)
            action.setText(f"{choice.label} ({when})")
            action.setToolTip(f"Bring it back {when}")
            action.setData(choice.at)

    def _known_settings(self) -> Settings:
        """The settings read with the rows (on a server a read costs round trips on the
        window's thread); read now only before the first rows came."""
        return self._settings if self._settings is not None else self.services.settings.get()

    def _update_buttons(self) -> None:
        selected = bool(self.view.selectionModel().selectedRows())
        self.snooze_button.setEnabled(selected)
        self.dismiss_button.setEnabled(selected)
        self.dismiss_action.setEnabled(selected)
        self.snooze_menu.menuAction().setEnabled(selected)
        draftable = self.draftable() is not None
        self.draft_button.setEnabled(draftable)
        self.draft_action.setEnabled(draftable)

    def _update_empty(self) -> None:
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.view)
            return
        text = EMPTY_TEXT
        if self._unmatched:
            text = f"No follow-up matches the search ({self._unmatched} hidden)."
        elif self._later:
            more = "1 more comes" if self._later == 1 else f"{self._later} more come"
            text += f"\n{more} up later: untick “Only due now” to see them."
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _restore_selection(self, keep: set[int], first: int) -> None:
        selection = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        found = False
        for row in range(self.model.rowCount()):
            if self.model.due_row(row).followup.id in keep:
                selection.select(self.model.index(row, DueColumn.WHAT), flags)
                found = True
        if not found and keep and self.model.rowCount():
            # What was selected is gone (dismissed, snoozed): select what took its place.
            row = min(max(first, 0), self.model.rowCount() - 1)
            index = self.model.index(row, DueColumn.WHAT)  # the column the panel shows
            selection.setCurrentIndex(
                index, flags | QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

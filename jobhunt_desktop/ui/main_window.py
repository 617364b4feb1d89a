"""The main window: it composes the board, the search bar, the Follow-ups panel, the
menus, undo and the remembered layout, each a part of its own.

Start-up paints the board from a `BoardStart` read straight from the file, before the
services (and SQLAlchemy under them) are loaded; `attach()` then brings them in. So
this module and the parts it imports at the top (layout memory) hold only what the
first paint needs; the actions table, the board's actions, the dialogs and the tray
come in with the services. Input that arrives before then (a drop, Enter on a card,
Ctrl+N) waits and is applied once they are here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from jobhunt_desktop.domain.readmodels import BoardRow, BoardStart
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.board.board_widget import BoardWidget
from jobhunt_desktop.ui.board.filtering import CardFilter
from jobhunt_desktop.ui.board_toolbar import build_bars
from jobhunt_desktop.ui.window_layout import (
    build_central,
    follow_board,
    restore_layout,
    rows_that_fit,
    save_collapsed,
    save_layout,
    starts_folded,
    stored_collapsed,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent
    from PySide6.QtWidgets import QDialog

    from jobhunt_desktop.domain.entities import FollowUpKind
    from jobhunt_desktop.notify.base import Notifier
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.ui.board_actions import BoardActions
    from jobhunt_desktop.ui.change_watch import ChangeWatcher
    from jobhunt_desktop.ui.data_actions import DataActions
    from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
    from jobhunt_desktop.ui.dialogs.composer import ComposerDialog
    from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog
    from jobhunt_desktop.ui.due_panel import DuePanel
    from jobhunt_desktop.ui.operations import Operations
    from jobhunt_desktop.ui.reminders import ReminderBanner, ReminderRunner, TrayIcon
    from jobhunt_desktop.ui.window_dialogs import DialogLauncher

__all__ = ["MainWindow", "rows_that_fit", "starts_folded"]


class MainWindow(QMainWindow):
    """Every action goes through the window's `Operations`; the window only shows."""

    refreshed = Signal()
    filled = Signal()  # the whole board and the Follow-ups panel are read

    qsettings: QSettings
    # made by `window_actions.build_actions` when the services arrive
    refresh_action: QAction
    quit_action: QAction
    find_action: QAction
    open_action: QAction
    prev_action: QAction
    next_action: QAction
    archive_action: QAction
    delete_action: QAction
    stages_action: QAction
    templates_action: QAction
    about_action: QAction
    shortcuts_action: QAction
    archived_action: QAction
    settings_action: QAction
    attach_action: QAction
    due_toggle: QAction
    tray_action: QAction
    undo_action: QAction
    redo_action: QAction
    operations: Operations
    watcher: ChangeWatcher
    data: DataActions

    def __init__(
        self,
        services: Services | None,
        settings: QSettings | None = None,
        title: str = "jobhunt-desktop",
        parent: QWidget | None = None,
        *,
        start: BoardStart | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """Give `services`, or `start` and `now` and call `attach()` once painted."""
        super().__init__(parent)
        if services is None and (start is None or now is None):
            raise ValueError("a window without services needs a start board and a clock")
        self._services = services
        self._start = start
        self._now = now or (services.followups.now if services else None)
        self.qsettings = settings or QSettings()  # the application's (the demo's own)
        self.setWindowTitle(title)
        self.stages: list[Stage] = []
        self.undo_stack = QUndoStack(self)
        self._board_actions: BoardActions | None = None
        self._dialogs: DialogLauncher | None = None
        self._waiting: list[Callable[[], object]] = []  # input before the services came
        self._quick_add_asked = False  # Ctrl+N before the services came

        self.zone = start.time_zone if start else self.services.settings.get().time_zone
        self.board = BoardWidget(self.now, lambda: self.zone, self)
        self.board.cardsDropped.connect(self.move_cards)
        self.board.openRequested.connect(self.open_card)
        self.board.collapsedChanged.connect(lambda: save_collapsed(self))

        self._due_panel: DuePanel | None = None
        self.splitter, self.central_layout = build_central(self, self.board)
        self.banner: ReminderBanner | None = None
        self.tray: TrayIcon | None = None
        self.reminders: ReminderRunner | None = None
        self.quitting = False

        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self.menus, self.toolbar = build_bars(self, self.board)
        self.addToolBar(self.toolbar)
        bar = self.toolbar
        self.new_action, self.search = bar.new_action, bar.search
        self.tag_filter, self.priority_filter = bar.tag_filter, bar.priority_filter
        if start is not None:
            self._show_board(list(start.stages), start.rows, start.totals)
        restore_layout(self)
        if services is not None:
            self.attach(services)

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the window's services are not attached yet")
        return self._services

    @property
    def due_panel(self) -> DuePanel:
        if self._due_panel is None:
            raise RuntimeError("the Due panel comes with the services")
        return self._due_panel

    @property
    def attached(self) -> bool:
        return self._services is not None

    def now(self) -> datetime:
        assert self._now is not None
        return self._now()

    def attach(self, services: Services) -> None:
        """Bring in the services: the actions, the Due panel, the status line; then
        apply what the person did while they were on their way."""
        from jobhunt_desktop.ui.background import Background
        from jobhunt_desktop.ui.board_actions import BoardActions
        from jobhunt_desktop.ui.change_watch import ChangeWatcher
        from jobhunt_desktop.ui.data_actions import DataActions
        from jobhunt_desktop.ui.due_panel import DuePanel
        from jobhunt_desktop.ui.operations import Operations
        from jobhunt_desktop.ui.window_actions import build_actions
        from jobhunt_desktop.ui.window_dialogs import DialogLauncher

        self._services = services
        # On a server a move waits on the network: it is saved off the window's thread.
        saving = Background(self, "saving") if services.on_server else None
        self.operations = Operations(services, self.undo_stack, self, saving)
        self.operations.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._board_actions = BoardActions(self)
        self._dialogs = DialogLauncher(self)
        self.data = DataActions(self)
        build_actions(self)
        self._now = services.followups.now
        # From a start-up board, the window takes input first and reads the rest (all
        # the cards, the follow-ups) in the next turn of the event loop.
        deferred = self._start is not None
        panel = DuePanel(self.operations, self, fill=not deferred)
        panel.openRequested.connect(self.open_card)
        panel.draftRequested.connect(lambda card, fid: self.open_composer(card, fid))
        sizes = self.splitter.sizes()
        old = self.splitter.replaceWidget(1, panel)
        if old is not None:
            old.deleteLater()
        self.splitter.setSizes(sizes)
        panel.setVisible(self.due_toggle.isChecked())
        follow_board(self, panel, read_now=not deferred)
        self._due_panel = panel
        self._start = None
        if deferred:
            QTimer.singleShot(0, lambda: self._fill(with_panel=True))
        else:
            self._fill(with_panel=False)  # the panel read its rows as it was built
        self.watcher = ChangeWatcher(self.operations)
        self.watcher.start()
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call()

    def _fill(self, with_panel: bool) -> None:
        self.refresh(with_panel)
        self.filled.emit()

    def _when_ready(self, action: Callable[..., object], *args: object) -> None:
        """Do it now, or as soon as the services are attached."""
        if self.attached:
            action(*args)
        else:
            self._waiting.append(lambda: action(*args))

    # reminders and the tray --------------------------------------------------------

    def start_reminders(self, backend: Notifier, icon: QIcon) -> None:
        """Notify while the window runs; a tray icon where the desktop has a tray."""
        from jobhunt_desktop.ui.window_tray import start_reminders

        start_reminders(self, backend, icon)

    def pause_reminders(self, span: timedelta | None) -> None:
        """Hold notifications for `span` (None resumes); the watcher honours it too."""
        from jobhunt_desktop.ui.window_tray import pause_reminders

        pause_reminders(self, span)

    def bring_back(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        self.quitting = True
        self.close()
        QCoreApplication.quit()

    # the board -----------------------------------------------------------------

    def refresh(self, with_panel: bool = True) -> None:
        """Reload stages and cards from the store (after a change to stages)."""
        self._refreshed(_board_read(self.services), with_panel, soon=False)

    def refresh_soon(self) -> None:
        """F5: the same, read off the window's thread when the cards are on a server."""
        self.operations.read_soon(_board_read, lambda read: self._refreshed(read, True, True))

    def _refreshed(self, read: BoardRead, with_panel: bool, soon: bool) -> None:
        self.zone, stages, rows = read
        self._show_board(stages, rows)
        self.update_status()
        if with_panel:
            self.due_panel.refresh_soon() if soon else self.due_panel.refresh()
        self.refreshed.emit()

    def _show_board(
        self, stages: list[Stage], rows: Sequence[BoardRow], totals: Mapping[int, int] | None = None
    ) -> None:
        self.stages = stages
        self.board.set_stages(self.stages, stored_collapsed(self))
        self.board.set_rows(rows, totals)
        self.toolbar.set_tags(sorted({tag for row in rows for tag in row.tags}))

    def update_status(self) -> None:
        from jobhunt_desktop.ui.due_reading import summary_text

        self.operations.read_soon(
            lambda s: s.followups.counts(), lambda counts: self.status.setText(summary_text(counts))
        )

    def current_filter(self) -> CardFilter:
        return self.toolbar.current_filter()

    # actions: on the board, through `BoardActions`; dialogs, through `DialogLauncher`

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "jobhunt-desktop", message)

    def move_cards(self, ids: list[int], stage_id: int, index: int) -> None:
        """A drop: saved at once, as one undoable step (once the services are here)."""
        self._when_ready(lambda: self.board_actions.move(ids, stage_id, index))

    def delete_selected(self) -> None:
        self.board_actions.delete_selected()

    def stage_of(self, application_id: int) -> int | None:
        """The column a card is shown in, if it is shown."""
        return self.board_actions.stage_of(application_id)

    @property
    def board_actions(self) -> BoardActions:
        assert self._board_actions is not None, "the board acts once the services are here"
        return self._board_actions

    @property
    def dialogs(self) -> DialogLauncher:
        assert self._dialogs is not None, "dialogs open once the services are here"
        return self._dialogs

    def open_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.open_card(ids[0])

    def open_card(self, application_id: int) -> CardDialog | None:
        """The card's dialog; before the services are here it opens once they are."""
        if not self.attached:
            self._when_ready(self.open_card, application_id)
            return None
        return self.dialogs.card(application_id)

    def open_composer(
        self,
        application_id: int,
        followup_id: int | None = None,
        kind: FollowUpKind | None = None,
        *,
        parent: QWidget | None = None,
    ) -> ComposerDialog | None:
        return self.dialogs.composer(application_id, followup_id, kind, parent)

    def offer_prompt(self, application_id: int, stage: Stage) -> QDialog | None:
        return self.dialogs.prompt_after_move(application_id, stage)

    def quick_add(self) -> QuickAddDialog:
        """A new card starts in the first stage unless the user picks another there
        (never silently in whichever column was clicked last)."""
        return self.dialogs.quick_add(None)

    def select_added(self, created: int | None) -> None:
        """After quick add: the new card on the board, selected (on a server once it
        is read, off the window's thread)."""
        self.board_actions.run_refresh()
        if created is None:
            return

        def show(rows: list[BoardRow]) -> None:
            self.board_actions.place(rows, [created])
            stage = self.stage_of(created)
            if stage is not None:
                self.board.select(stage, [created])

        self.operations.read_soon(lambda s: s.applications.board_cards([created]), show)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def toggle_due_panel(self, shown: bool) -> None:
        panel = self.splitter.widget(1)  # the Follow-ups panel, or its placeholder
        if panel is not None:
            panel.setVisible(shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+N before the services are here opens quick add once they are (once,
        however often pressed). The shortcuts come with the services, as setting the
        first makes PySide build dozens of Qt's enums; until then the key is a press."""
        from PySide6.QtGui import QKeySequence

        if not self.attached and event.matches(QKeySequence.StandardKey.New):
            event.accept()
            if not self._quick_add_asked:
                self._quick_add_asked = True
                self._when_ready(self.quick_add)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        from jobhunt_desktop.ui import window_tray

        if self.tray is not None and window_tray.keep_in_tray(self):
            event.ignore()
            window_tray.hide_to_tray(self)
            return
        window_tray.stop(self)
        if self.attached:
            self.operations.finish_saving()
            self.watcher.stop()
            self.data.stop()
            window_tray.forget_unused_files(self)
        save_layout(self)
        super().closeEvent(event)


BoardRead = tuple[str, list[Stage], list[BoardRow]]  # the zone, the stages, the cards


def _board_read(services: Services) -> BoardRead:
    return services.settings.get().time_zone, services.stages.all(), services.applications.board()

"""The main window: board, search bar, Due panel, menus, undo, remembered layout.

Start-up paints the board from a `BoardStart` read straight from the file, before the
services (and SQLAlchemy under them) are loaded; `attach()` then brings them in. So
this module imports the dialogs, the Due panel and the undo commands, which all need
the services, inside the methods that use them. Qt classes the first paint does not
need (message boxes, the tray, key sequences) are imported where they are used too:
PySide builds a class and its enums when it is first imported, and each costs start-up.
The actions, too, are made when the services arrive (see `_build_bars`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.readmodels import BoardRow, BoardStart
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.timeutil import zone
from jobhunt_desktop.ui.board.board_widget import BoardWidget
from jobhunt_desktop.ui.board.card_delegate import CARD_HEIGHT
from jobhunt_desktop.ui.board.filtering import CardFilter

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence
    from PySide6.QtWidgets import QDialog

    from jobhunt_desktop.domain.changes import Changes
    from jobhunt_desktop.domain.entities import FollowUpKind
    from jobhunt_desktop.domain.reminders import Notice
    from jobhunt_desktop.notify.base import Notifier
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.services.reminders import CheckResult
    from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
    from jobhunt_desktop.ui.dialogs.composer import ComposerDialog
    from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog
    from jobhunt_desktop.ui.dialogs.stage_prompts import OfferPrompt
    from jobhunt_desktop.ui.dialogs.stages_dialog import StagesDialog
    from jobhunt_desktop.ui.dialogs.template_editor import TemplateEditorDialog
    from jobhunt_desktop.ui.due_panel import DuePanel
    from jobhunt_desktop.ui.reminders import ReminderBanner, ReminderRunner, TrayIcon

TICK_MS = 60_000
DEFAULT_SIZE = (1280, 760)
PRIORITY_FILTERS: tuple[tuple[str, int | None], ...] = (
    ("Any priority", None),
    ("High and top", 1),
    ("Top only", 2),
)


class MainWindow(QMainWindow):
    """Every action goes through the services; the window only shows their results."""

    refreshed = Signal()

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
        self.qsettings = settings or QSettings("jobhunt-desktop", "jobhunt-desktop")
        self.setWindowTitle(title)
        self.stages: list[Stage] = []
        self.undo_stack = QUndoStack(self)
        self.last_prompt: QDialog | None = None
        self.last_card: QDialog | None = None
        self.last_quick_add: QDialog | None = None
        self.last_composer: ComposerDialog | None = None
        self.last_template_editor: TemplateEditorDialog | None = None

        self.zone = start.time_zone if start else self.services.settings.get().time_zone
        self.board = BoardWidget(self.now, lambda: self.zone, self)
        self.board.cardsDropped.connect(self.move_cards)
        self.board.openRequested.connect(self.open_card)
        self.board.collapsedChanged.connect(self._save_collapsed)

        self._due_panel: DuePanel | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.board)
        loading = QLabel("Loading follow-ups…", self)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading.setEnabled(False)
        self.splitter.addWidget(loading)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(4)
        self._central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.banner: ReminderBanner | None = None
        self.tray: TrayIcon | None = None
        self.reminders: ReminderRunner | None = None
        self._quitting = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search company, role, notes, tags")
        self.search.setToolTip("Narrow every column at once (Ctrl+F)")
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._filter_changed)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setToolTip("Show only cards with this tag")
        self.tag_filter.addItem("All tags", None)
        self.tag_filter.currentIndexChanged.connect(self._filter_changed)
        self.priority_filter = QComboBox(self)
        self.priority_filter.setToolTip("Show only cards of this priority or higher")
        for label, value in PRIORITY_FILTERS:
            self.priority_filter.addItem(label, value)
        self.priority_filter.currentIndexChanged.connect(self._filter_changed)

        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self._build_bars()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._run_refresh)
        self._pending_stages: set[int] | None = set()
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        if start is not None:
            self._show_board(list(start.stages), start.rows, start.totals)
        self._restore_layout()
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
        """Bring in the services: the actions, the Due panel, the status line."""
        from jobhunt_desktop.ui.change_watch import ChangeWatcher
        from jobhunt_desktop.ui.due_panel import DuePanel
        from jobhunt_desktop.ui.operations import Operations

        self._services = services
        self.operations = Operations(services, self.undo_stack, self)
        self.operations.changed.connect(self._on_changes)
        self.operations.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._build_actions()
        self._now = services.followups.now
        panel = DuePanel(self.operations, self)
        panel.openRequested.connect(self.open_card)
        panel.draftRequested.connect(self._draft_due)
        sizes = self.splitter.sizes()
        old = self.splitter.replaceWidget(1, panel)
        if old is not None:
            old.deleteLater()
        self.splitter.setSizes(sizes)
        panel.setVisible(self.due_toggle.isChecked())
        self._due_panel = panel
        # The panel read its rows as it was built; the board now gets all its cards.
        self._start = None
        self.refresh(with_panel=False)
        self._tick.start(TICK_MS)
        self.watcher = ChangeWatcher(self.operations)
        self.watcher.start()

    # reminders -------------------------------------------------------------------

    def start_reminders(self, backend: Notifier, icon: QIcon) -> None:
        """Notify while the window runs; a tray icon where the desktop has a tray."""
        from PySide6.QtWidgets import QSystemTrayIcon

        from jobhunt_desktop.ui.reminders import ReminderBanner, ReminderRunner, TrayIcon

        self.banner = ReminderBanner(self)
        self._central_layout.insertWidget(0, self.banner)
        self.reminders = ReminderRunner(self.services.reminders, backend, self)
        self.reminders.fallbackNotice.connect(self._show_in_window)
        self.reminders.checked.connect(self._reminders_checked)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = TrayIcon(icon, self)
            self.tray.openRequested.connect(self.bring_back)
            self.tray.dueRequested.connect(self.show_due)
            self.tray.cardRequested.connect(self._open_from_tray)
            self.tray.pauseRequested.connect(self.pause_reminders)
            self.tray.quitRequested.connect(self.quit_app)
            self.tray.show()
        self.reminders.start()

    def _show_in_window(self, notice: Notice, problem: str) -> None:
        assert self.banner is not None
        self.banner.show_notice(notice, problem)
        if self.tray is not None:
            self.tray.show_notice(notice)

    def _reminders_checked(self, result: CheckResult) -> None:
        if self.tray is not None:
            self.tray.set_paused(result.paused_until is not None)

    def pause_reminders(self, span: timedelta | None) -> None:
        """Hold notifications for `span` (None resumes); the watcher honours it too."""
        paused = self.operations.run(lambda s: s.settings.pause_reminders(span))
        if paused is None:
            return
        until = paused.value
        if until is None:
            self.statusBar().showMessage("Reminders are on again.", 5000)
        else:
            zone_name = self.services.settings.get().time_zone
            shown = until.astimezone(zone(zone_name)).strftime("%a %d %b, %H:%M")
            self.statusBar().showMessage(f"Reminders paused until {shown}.", 8000)
        if self.reminders is not None:
            self.reminders.check_now()

    def bring_back(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def show_due(self) -> None:
        self.bring_back()
        self.due_toggle.setChecked(True)
        self._toggle_due_panel(True)
        self.due_panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_from_tray(self, application_id: int) -> None:
        self.bring_back()
        self.open_card(application_id)

    def quit_app(self) -> None:
        self._quitting = True
        self.close()
        QCoreApplication.quit()

    def _keep_in_tray(self) -> bool:
        """Ask once whether closing keeps the app in the tray; remember the answer."""
        if self.tray is None or self._quitting:
            return False
        if not self.qsettings.contains("window/close_to_tray"):
            from jobhunt_desktop.ui.dialogs.forms import ask_yes_no

            keep = ask_yes_no(
                self,
                "Keep reminding you?",
                "Keep jobhunt-desktop running in the tray when you close the window, so "
                "reminders still arrive? You can quit from the tray icon's menu, and "
                "change this under View.",
            )
            self.qsettings.setValue("window/close_to_tray", keep)
            self.tray_action.setChecked(keep)
        return self.tray_action.isChecked()

    # building ------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        return self._arm(QAction(text, self), slot, shortcut, tip, context)

    def _arm(
        self,
        action: QAction,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        """Give `action` its behaviour: what it runs, its keys and its tip."""
        from PySide6.QtGui import QKeySequence

        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_bars(self) -> None:
        """The menu bar's titles and the toolbar, in place for the first paint.

        Their actions do something only with the services, so `_build_actions` makes
        them when the services arrive; until then the toolbar's one button stands
        disabled, and the board looks as it will once it works.
        """
        menus = self.menuBar()
        self._menus = {
            name: menus.addMenu(title)
            for name, title in (
                ("file", "&File"),
                ("edit", "&Edit"),
                ("card", "&Card"),
                ("view", "&View"),
                ("settings", "&Settings"),
                ("help", "&Help"),
            )
        }
        # By keyword: given positionally, PySide loads QIcon's class (and its enums) to
        # rule out QAction(QIcon, str), a millisecond before the first paint.
        self.new_action = QAction(text="&New application…", parent=self)
        self.new_action.setEnabled(False)
        toolbar = QToolBar("Board", self)
        toolbar.setObjectName("board-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        toolbar.addWidget(self.tag_filter)
        toolbar.addWidget(self.priority_filter)
        self.addToolBar(toolbar)

    def _build_actions(self) -> None:
        from PySide6.QtGui import QKeySequence

        # The clear button shows only over text, and its icon costs the first paint ~1 ms.
        self.search.setClearButtonEnabled(True)

        board_only = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self._arm(
            self.new_action,
            self.quick_add,
            QKeySequence.StandardKey.New,
            "Add an application (Ctrl+N)",
        )
        self.new_action.setEnabled(True)
        self.refresh_action = self._action(
            "&Refresh",
            lambda: self.refresh(),
            QKeySequence.StandardKey.Refresh,
            "Reload the board from the database (F5)",
        )
        quit_action = self._action("&Quit", self.quit_app, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action(
            "&Find…", self.focus_search, QKeySequence.StandardKey.Find, "Search the board"
        )
        self.open_action = self._action("&Open card", self.open_selected, None, "Open (Enter)")
        self.prev_action = self._action(
            "Move to &previous stage",
            lambda: self.move_selected(-1),
            "Ctrl+Left",
            "Move the selected cards one column to the left",
            board_only,
        )
        self.next_action = self._action(
            "Move to &next stage",
            lambda: self.move_selected(1),
            "Ctrl+Right",
            "Move the selected cards one column to the right",
            board_only,
        )
        self.archive_action = self._action(
            "&Archive",
            self.archive_selected,
            QKeySequence.StandardKey.Delete,
            "Archive the selected cards (Delete; undo with Ctrl+Z)",
            board_only,
        )
        self.delete_action = self._action(
            "&Delete permanently…",
            self.delete_selected,
            "Shift+Delete",
            "Delete the selected cards and their history",
            board_only,
        )
        for action in (self.prev_action, self.next_action, self.archive_action, self.delete_action):
            self.removeAction(action)
            self.board.addAction(action)
        self.stages_action = self._action(
            "&Stages…", self.edit_stages, None, "Add, rename, recolour, reorder or hide stages"
        )
        self.templates_action = self._action(
            "Message &templates…",
            self.edit_templates,
            None,
            "Change the wording of follow-up messages, or add your own",
        )
        about = self._action("&About", self.about)

        file_menu = self._menus["file"]
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self._menus["edit"]
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        card_menu = self._menus["card"]
        for action in (self.open_action, self.prev_action, self.next_action):
            card_menu.addAction(action)
        card_menu.addSeparator()
        card_menu.addAction(self.archive_action)
        card_menu.addAction(self.delete_action)
        view_menu = self._menus["view"]
        toggle = self._action(
            "&Follow-ups panel", self._toggle_due_panel, "Ctrl+D", "Show or hide follow-ups"
        )
        toggle.setCheckable(True)
        toggle.setChecked(True)
        self.due_toggle = toggle
        view_menu.addAction(toggle)
        self.tray_action = self._action(
            "Keep running in the &tray when closed",
            lambda on: self.qsettings.setValue("window/close_to_tray", on),
            None,
            "Closing the window leaves reminders running from the tray icon",
        )
        self.tray_action.setCheckable(True)
        self.tray_action.setChecked(
            self.qsettings.value("window/close_to_tray", False, type=bool)  # type: ignore[arg-type]
        )
        view_menu.addAction(self.tray_action)
        settings_menu = self._menus["settings"]
        settings_menu.addAction(self.stages_action)
        settings_menu.addAction(self.templates_action)
        help_menu = self._menus["help"]
        help_menu.addAction(about)

    # data ------------------------------------------------------------------------

    def refresh(self, with_panel: bool = True) -> None:
        """Reload stages and cards from the store (also after another process wrote)."""
        self.zone = self.services.settings.get().time_zone
        self._show_board(self.services.stages.all(), self.services.applications.board())
        self._update_status()
        if with_panel:
            self.due_panel.refresh()
        self.refreshed.emit()

    def _show_board(
        self,
        stages: list[Stage],
        rows: Sequence[BoardRow],
        totals: Mapping[int, int] | None = None,
    ) -> None:
        self.stages = stages
        self.board.set_stages(self.stages, self._stored_collapsed())
        self.board.set_rows(rows, totals)
        self._update_tags(sorted({tag for row in rows for tag in row.tags}))

    def _on_changes(self, changes: Changes) -> None:
        """Re-read what an operation (this window's or another program's) touched: the
        columns its cards were and are in, and the counts in the status line."""
        if changes.everything or changes.stages or changes.settings:
            self.schedule_refresh()
            return
        ids = changes.cards | changes.removed
        if not ids:
            if changes.followups:
                self._update_status()
            return
        stages: set[int | None] = {self._stage_of(i) for i in ids}
        if changes.cards:
            stages.update(self.services.applications.stages_of(sorted(changes.cards)).values())
        self.schedule_refresh(stages)

    def schedule_refresh(self, stages: Iterable[int | None] | None = None) -> None:
        """Coalesce board refreshes after changes; the store is already written by then.

        Only the named columns are read again (the ones an operation's cards were and
        are in), so a drop on a large board repaints quickly; no stages means all.
        """
        if stages is None or self._pending_stages is None:
            self._pending_stages = None
        else:
            self._pending_stages.update(s for s in stages if s is not None)
        self._refresh_timer.start(0)

    def _run_refresh(self) -> None:
        stages, self._pending_stages = self._pending_stages, set()
        if stages is None:
            self.refresh()
            return
        for stage_id in stages:
            column = self.board.column_for(stage_id)
            if column is not None:
                column.show_rows(self.services.applications.board(stage=stage_id))
        self._update_status()
        self.refreshed.emit()  # the Follow-ups panel follows the Changes itself

    def _update_status(self) -> None:
        from jobhunt_desktop.ui.due_panel import summary_text

        self.status.setText(summary_text(self.services.followups.counts()))

    def _update_tags(self, tags: Sequence[str]) -> None:
        current = self.tag_filter.currentData()
        known = [self.tag_filter.itemData(i) for i in range(1, self.tag_filter.count())]
        if known == list(tags):
            return
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        at = self.tag_filter.findData(current) if current is not None else 0
        self.tag_filter.setCurrentIndex(max(0, at))
        self.tag_filter.blockSignals(False)

    def current_filter(self) -> CardFilter:
        return CardFilter(
            text=self.search.text(),
            tag=self.tag_filter.currentData(),
            min_priority=self.priority_filter.currentData(),
        )

    def _filter_changed(self, *_: object) -> None:
        self.board.set_filter(self.current_filter())

    def _on_tick(self) -> None:
        if not self.attached:
            return
        self._update_status()
        for column in self.board.columns:
            column.view.viewport().update()
        self.due_panel.refresh()

    # actions -----------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "jobhunt-desktop", message)

    def move_cards(self, ids: list[int], stage_id: int, index: int) -> None:
        """A drop: saved at once in one transaction, as one undoable step."""
        stage = next((s for s in self.stages if s.id == stage_id), None)
        if stage is None or not ids or not self.attached:
            return
        sources = {self._stage_of(i) for i in ids}
        label = (
            f"Move to {stage.name}" if len(ids) == 1 else f"Move {len(ids)} cards to {stage.name}"
        )
        moved = self.operations.perform(
            label, lambda s: s.applications.move(ids, stage_id, index), asked=len(ids)
        )
        if moved is None:
            return
        QTimer.singleShot(0, lambda: self.board.select(stage_id, ids))
        if len(ids) == 1 and sources != {stage_id}:
            QTimer.singleShot(0, lambda: self.offer_prompt(ids[0], stage))

    def offer_prompt(self, application_id: int, stage: Stage) -> QDialog | None:
        """After a move into an interview, offer or rejected stage, offer to log it."""
        from jobhunt_desktop.ui.dialogs.stage_prompts import OfferPrompt, prompt_for

        prompt_class = prompt_for(stage)
        if prompt_class is None:
            return None
        dialog: QDialog = prompt_class(self.operations, application_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(dialog, OfferPrompt):
            prompt = dialog
            prompt.draftRequested.connect(lambda other: self._draft_offer_note(prompt, other))
        dialog.open()
        self.last_prompt = dialog
        return dialog

    def _stage_of(self, application_id: int) -> int | None:
        for column in self.board.columns:
            if column.model.row_of(application_id) is not None:
                return column.stage_id
        return None

    def move_selected(self, step: int) -> None:
        column = self.board.current_column()
        ids = self.board.selected_ids()
        if column is None or not ids:
            return
        visible = self.board.columns
        at = visible.index(column) + step
        if 0 <= at < len(visible):
            self.move_cards(ids, visible[at].stage_id, visible[at].model.total())

    def archive_selected(self) -> None:
        from jobhunt_desktop.domain.changes import gone_message

        ids = self.board.selected_ids()
        if not ids or not self.attached:
            return
        label = "Archive card" if len(ids) == 1 else f"Archive {len(ids)} cards"
        done = self.operations.perform(
            label, lambda s: s.applications.set_archived_many(ids, True), asked=len(ids)
        )
        if done is None:
            return
        count = len(done.changes.cards)
        gone = gone_message(done.changes.gone, len(ids))
        self.statusBar().showMessage(
            f"Archived {count} card(s). Ctrl+Z brings them back." + (f" {gone}" if gone else ""),
            8000,
        )

    def delete_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        ids = self.board.selected_ids()
        if not ids or not self.attached:
            return
        answer = QMessageBox.question(
            self,
            "Delete permanently?",
            f"Delete {len(ids)} card(s) with their events, follow-ups and history?\n"
            "You can still undo this until the window closes.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        label = "Delete card" if len(ids) == 1 else f"Delete {len(ids)} cards"
        self.operations.perform(label, lambda s: s.applications.delete_many(ids), asked=len(ids))

    def open_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.open_card(ids[0])

    def open_card(self, application_id: int) -> CardDialog | None:
        from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog

        if not self.attached:
            return None
        dialog = CardDialog(self.operations, application_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card = dialog
        dialog.draftRequested.connect(lambda app, fid: self._draft_from_card(card, app, fid))
        dialog.open()
        self.last_card = dialog
        return dialog

    def open_composer(
        self,
        application_id: int,
        followup_id: int | None = None,
        kind: FollowUpKind | None = None,
        *,
        parent: QWidget | None = None,
    ) -> ComposerDialog | None:
        """The message a follow-up asks for, written out, over `parent` (a dialog that
        asked for it stays usable behind it)."""
        from PySide6.QtWidgets import QMessageBox

        from jobhunt_desktop.domain.wording import sentence
        from jobhunt_desktop.ui.dialogs.composer import ComposerDialog

        if not self.attached:
            return None
        owner = parent or self
        try:
            composed = self.services.drafting.compose(
                application_id, followup_id=followup_id, kind=kind
            )
        except UserError as error:
            QMessageBox.warning(owner, "jobhunt-desktop", sentence(str(error)))
            return None

        dialog = ComposerDialog(self.operations, composed, owner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.markedSent.connect(self._message_sent)
        dialog.open()
        self.last_composer = dialog
        return dialog

    def _draft_due(self, application_id: int, followup_id: int) -> None:
        self.open_composer(application_id, followup_id)

    def _draft_from_card(self, card: CardDialog, application_id: int, followup_id: int) -> None:
        self.open_composer(application_id, followup_id, parent=card)

    def _draft_offer_note(self, prompt: OfferPrompt, application_id: int) -> None:
        """R8: the note telling another employer about the offer, on its own card."""
        from jobhunt_desktop.domain.entities import FollowUpKind

        composer = self.open_composer(application_id, kind=FollowUpKind.OFFER_NOTICE, parent=prompt)
        if composer is not None:
            composer.markedSent.connect(prompt.note_sent)

    def _message_sent(self, _application_id: int) -> None:
        self.statusBar().showMessage("Marked as sent. Ctrl+Z takes it back.", 8000)

    def edit_templates(self) -> TemplateEditorDialog | None:
        from jobhunt_desktop.ui.dialogs.template_editor import TemplateEditorDialog

        if not self.attached:
            return None
        dialog = TemplateEditorDialog(self.operations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_template_editor = dialog
        return dialog

    def quick_add(self) -> QuickAddDialog:
        from jobhunt_desktop.ui.dialogs.quick_add import QuickAddDialog

        column = self.board.current_column()
        dialog = QuickAddDialog(
            self.operations, self.stages, column.stage_id if column else None, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.open()
        self.last_quick_add = dialog
        return dialog

    def _added(self, dialog: QDialog) -> None:
        created = getattr(dialog, "created_id", None)
        self._run_refresh()  # the card's column is read now, so it can be selected
        if created is not None:
            stage = self._stage_of(created)
            if stage is not None:
                self.board.select(stage, [created])

    def edit_stages(self) -> StagesDialog:
        from jobhunt_desktop.ui.dialogs.stages_dialog import StagesDialog

        dialog = StagesDialog(self.operations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _toggle_due_panel(self, shown: bool) -> None:
        panel = self.splitter.widget(1)  # the Due panel, or its placeholder
        if panel is not None:
            panel.setVisible(shown)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About jobhunt-desktop",
            "jobhunt-desktop keeps your job hunt in one file on your computer and reminds "
            "you when a follow-up is due, without ever pestering an employer.",
        )

    # layout memory --------------------------------------------------------------

    def _stored_collapsed(self) -> list[int]:
        folded = starts_folded(self.qsettings)
        return [s.id for s in self.stages if folded(s)]

    def _save_collapsed(self) -> None:
        self.qsettings.setValue(
            "board/collapsed", [str(i) for i in self.board.collapsed_stage_ids()]
        )

    def _restore_layout(self) -> None:
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        state = self.qsettings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.qsettings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1000, 330])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._keep_in_tray():
            assert self.tray is not None
            event.ignore()
            self.hide()
            if not self.qsettings.value("window/tray_hint_shown", False, type=bool):
                self.tray.showMessage(
                    "Still running",
                    "jobhunt-desktop keeps reminding you from here. Quit from this menu.",
                    self.tray.icon(),
                    10_000,
                )
                self.qsettings.setValue("window/tray_hint_shown", True)
            return
        if self.reminders is not None:
            self.reminders.stop()
        if self.tray is not None:
            self.tray.hide()
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("window/state", self.saveState())
        self.qsettings.setValue("window/splitter", self.splitter.saveState())
        self._save_collapsed()
        self.qsettings.sync()
        super().closeEvent(event)


def starts_folded(settings: QSettings) -> Callable[[Stage], bool]:
    """Whether a stage's column starts folded: as the user left it, or on a first run
    folded for closed stages, so that the live ones get the room. The start-up read
    skips the cards of those columns (they show only their count)."""
    if not settings.contains("board/collapsed"):
        return lambda stage: stage.kind.is_closed
    value = settings.value("board/collapsed", [])
    items = value if isinstance(value, list) else [value] if value else []
    folded = set()
    for item in items:
        try:
            folded.add(int(str(item)))
        except (TypeError, ValueError):
            continue
    return lambda stage: stage.id in folded


def rows_that_fit() -> int:
    """How many cards a column can show at most, on the tallest screen or in a window of
    the default size (offscreen, screens can be smaller than windows)."""
    from PySide6.QtGui import QGuiApplication

    heights = [screen.availableGeometry().height() for screen in QGuiApplication.screens()]
    return max([DEFAULT_SIZE[1], *heights]) // CARD_HEIGHT + 2

"""The window's actions and menus, as one table: what each runs, its keys, its tip,
where it shows. Made when the services arrive (nothing could use them before)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from jobhunt_desktop.ui.undo import StepAction

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow

Key = QKeySequence.StandardKey | str | None
SEPARATOR = "-"


class ActionRow(NamedTuple):
    """One action: the window attribute it is kept in, and how it behaves."""

    name: str
    text: str
    slot: Callable[[MainWindow], Callable[..., object]]
    key: Key = None
    tip: str = ""
    board_only: bool = False  # its keys work only while the board has the focus
    checkable: bool = False


ACTIONS: tuple[ActionRow, ...] = (
    ActionRow(
        "refresh_action",
        "&Refresh",
        lambda w: w.refresh_soon,
        QKeySequence.StandardKey.Refresh,
        "Reload the board from the database (F5)",
    ),
    ActionRow("quit_action", "&Quit", lambda w: w.quit_app, QKeySequence.StandardKey.Quit),
    ActionRow(
        "export_action",
        "&Export…",
        lambda w: w.data.export,
        "Ctrl+Shift+E",
        "Write the cards to a spreadsheet, everything to JSON, or the calendar to .ics",
    ),
    ActionRow(
        "import_action",
        "&Import…",
        lambda w: w.data.import_file,
        "Ctrl+Shift+I",
        "Bring in a JSON export of jobhunt-desktop",
    ),
    ActionRow(
        "backup_action",
        "&Back up now",
        lambda w: w.data.back_up_now,
        None,
        "Make a checked copy of your data in the backups folder",
    ),
    ActionRow(
        "restore_action",
        "Res&tore…",
        lambda w: w.data.restore,
        None,
        "Put a backup back in place of the present cards",
    ),
    ActionRow(
        "shared_database_action",
        "Use a &shared database…",
        lambda w: lambda: _choose_shared_database(w),
        None,
        "Keep the cards on a PostgreSQL server, for several computers",
    ),
    ActionRow(
        "find_action",
        "&Find…",
        lambda w: w.focus_search,
        QKeySequence.StandardKey.Find,
        "Search the board",
    ),
    ActionRow("open_action", "&Open card", lambda w: w.open_selected, None, "Open (Enter)"),
    ActionRow(
        "prev_action",
        "Move to &previous stage",
        lambda w: lambda: w.board_actions.move_selected(-1),
        "Ctrl+Left",
        "Move the selected cards one column to the left",
        board_only=True,
    ),
    ActionRow(
        "next_action",
        "Move to &next stage",
        lambda w: lambda: w.board_actions.move_selected(1),
        "Ctrl+Right",
        "Move the selected cards one column to the right",
        board_only=True,
    ),
    ActionRow(
        "archive_action",
        "&Archive",
        lambda w: w.board_actions.archive_selected,
        QKeySequence.StandardKey.Delete,
        "Archive the selected cards (Delete; undo with Ctrl+Z)",
        board_only=True,
    ),
    ActionRow(
        "attach_action",
        "Attach &files…",
        lambda w: w.board_actions.attach_to_selected,
        "Ctrl+Shift+F",
        "Keep files on the selected cards: a CV, a letter, the job ad (or drop them on a card)",
        board_only=True,
    ),
    ActionRow(
        "delete_action",
        "&Delete permanently…",
        lambda w: w.board_actions.delete_selected,
        "Shift+Delete",
        "Delete the selected cards and their history",
        board_only=True,
    ),
    ActionRow(
        "settings_action",
        "S&ettings…",
        lambda w: w.dialogs.settings,
        "Ctrl+,",
        "Your name, time zone, reminder hours and when each follow-up comes (Ctrl+,)",
    ),
    ActionRow(
        "stages_action",
        "&Stages…",
        lambda w: w.dialogs.stages,
        None,
        "Add, rename, recolour, reorder or hide stages",
    ),
    ActionRow(
        "templates_action",
        "Message &templates…",
        lambda w: w.dialogs.templates,
        None,
        "Change the wording of follow-up messages, or add your own",
    ),
    ActionRow(
        "shortcuts_action",
        "&Keyboard shortcuts",
        lambda w: w.dialogs.shortcuts,
        QKeySequence.StandardKey.HelpContents,
        "Every key the window answers to (F1)",
    ),
    ActionRow("about_action", "&About", lambda w: w.dialogs.about),
    ActionRow(
        "due_toggle",
        "&Follow-ups panel",
        lambda w: w.toggle_due_panel,
        "Ctrl+D",
        "Show or hide follow-ups",
        checkable=True,
    ),
    ActionRow(
        "insights_action",
        "&Insights…",
        lambda w: w.dialogs.insights,
        "Ctrl+I",
        "Why the search goes the way it goes: the funnel, answers, companies, sources (Ctrl+I)",
    ),
    ActionRow(
        "archived_action",
        "&Archived…",
        lambda w: w.dialogs.archived,
        "Ctrl+Shift+A",
        "See the archived applications and bring them back",
    ),
    ActionRow(
        "tray_action",
        "Keep running in the &tray when closed",
        lambda w: lambda on: w.qsettings.setValue("window/close_to_tray", on),
        None,
        "Closing the window leaves reminders running from the tray icon",
        checkable=True,
    ),
)

# Menu name -> the attributes of its actions, in order; "-" is a separator.
MENUS: dict[str, tuple[str, ...]] = {
    "file": (
        "new_action",
        "refresh_action",
        SEPARATOR,
        "import_action",
        "export_action",
        SEPARATOR,
        "backup_action",
        "restore_action",
        SEPARATOR,
        "shared_database_action",
        SEPARATOR,
        "quit_action",
    ),
    "edit": ("undo_action", "redo_action", SEPARATOR, "find_action"),
    "card": (
        "open_action",
        "prev_action",
        "next_action",
        "attach_action",
        SEPARATOR,
        "archive_action",
        "delete_action",
    ),
    "view": ("due_toggle", "insights_action", "archived_action", SEPARATOR, "tray_action"),
    "settings": ("settings_action", SEPARATOR, "stages_action", "templates_action"),
    "help": ("shortcuts_action", "about_action"),
}


def _choose_shared_database(window: MainWindow) -> None:
    from jobhunt_desktop.ui.shared_database import choose_shared_database

    choose_shared_database(window)


def arm(
    window: MainWindow,
    action: QAction,
    slot: Callable[..., object],
    key: Key = None,
    tip: str = "",
    board_only: bool = False,
) -> QAction:
    """Give `action` its behaviour: what it runs, its keys and its tip."""
    if key is not None:
        action.setShortcut(QKeySequence(key))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        action.setShortcutContext(context if board_only else Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    # Keys that act on selected cards belong to the board, so they do not fire while
    # typing in the search field.
    (window.board if board_only else window).addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    """Make every action of the table, the undo pair, and fill the menus."""
    # The clear button shows only over text: its icon can wait for the services.
    window.search.setClearButtonEnabled(True)
    arm(
        window,
        window.new_action,
        window.quick_add,
        QKeySequence.StandardKey.New,
        "Add an application (Ctrl+N)",
    )
    window.new_action.setEnabled(True)
    for row in ACTIONS:
        action = arm(
            window, QAction(row.text, window), row.slot(window), row.key, row.tip, row.board_only
        )
        action.setCheckable(row.checkable)
        setattr(window, row.name, action)
    window.due_toggle.setChecked(True)
    window.tray_action.setChecked(
        window.qsettings.value("window/close_to_tray", False, type=bool)  # type: ignore[arg-type]
    )
    window.undo_action = StepAction(window.operations, window, True, "&Undo")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = StepAction(window.operations, window, False, "&Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for menu_name, names in MENUS.items():
        menu = window.menus[menu_name]
        for name in names:
            if name == SEPARATOR:
                menu.addSeparator()
            else:
                menu.addAction(getattr(window, name))

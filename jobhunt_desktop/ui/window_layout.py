"""Layout memory: the window's size and place, the splitter, folded columns.

On the start-up path (the first read asks which columns start folded), so it imports
only what the first paint needs anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.board.card_delegate import CARD_HEIGHT

if TYPE_CHECKING:
    from jobhunt_desktop.ui.due_panel import DuePanel
    from jobhunt_desktop.ui.main_window import MainWindow

DEFAULT_SIZE = (1280, 760)


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


def build_central(window: QMainWindow, board: QWidget) -> tuple[QSplitter, QVBoxLayout]:
    """The board beside the Follow-ups panel (a placeholder until the services come),
    in a column a reminder banner can be put above."""
    splitter = QSplitter(Qt.Orientation.Horizontal, window)
    splitter.addWidget(board)
    loading = QLabel("Loading follow-ups…", window)
    loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    loading.setEnabled(False)
    splitter.addWidget(loading)
    splitter.setStretchFactor(0, 4)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(central)
    return splitter, layout


def stored_collapsed(window: MainWindow) -> list[int]:
    folded = starts_folded(window.qsettings)
    return [s.id for s in window.stages if folded(s)]


def save_collapsed(window: MainWindow) -> None:
    window.qsettings.setValue(
        "board/collapsed", [str(i) for i in window.board.collapsed_stage_ids()]
    )


def restore_layout(window: MainWindow) -> None:
    settings = window.qsettings
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        place_first(window)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    splitter = settings.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    else:
        window.splitter.setSizes([1000, 330])


# Room for the title bar and borders a window manager adds around the window (its
# real size is known only once it is shown).
FRAME_ROOM = (16, 48)


def place_first(window: QWidget) -> None:
    """A first start: the default size, made to fit the screen's available area with
    its frame (a small screen gets all of it, a big one no more than the default), at
    the top left of that area when it had to shrink."""
    screen = window.screen()
    if screen is None:
        window.resize(*DEFAULT_SIZE)
        return
    room = screen.availableGeometry()
    width = min(DEFAULT_SIZE[0], room.width() - FRAME_ROOM[0])
    height = min(DEFAULT_SIZE[1], room.height() - FRAME_ROOM[1])
    window.resize(width, height)
    if (width, height) != DEFAULT_SIZE:
        window.move(room.topLeft())


def save_layout(window: MainWindow) -> None:
    settings = window.qsettings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", window.splitter.saveState())
    save_collapsed(window)
    settings.sync()


def follow_board(window: MainWindow, panel: DuePanel, read_now: bool) -> None:
    """The Follow-ups panel as the user left it ("Only due now" is remembered) and
    narrowed by the board's search. `read_now`: the panel has read its rows already,
    so a remembered choice that differs is shown at once."""
    remembered = bool(window.qsettings.value("due/only_due_now", True, type=bool))
    if remembered != panel.due_only.isChecked():
        panel.due_only.blockSignals(True)
        panel.due_only.setChecked(remembered)
        panel.due_only.blockSignals(False)
        if read_now:
            panel.refresh()
    panel.due_only.toggled.connect(lambda on: window.qsettings.setValue("due/only_due_now", on))
    panel.set_search(window.search.text())
    window.toolbar.filterChanged.connect(lambda f: panel.set_search(f.text))

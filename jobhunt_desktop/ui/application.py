"""Start the window: the QApplication, its icon and scheme, and the main loop."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.readmodels import BoardStart
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.ui.main_window import MainWindow, rows_that_fit, starts_folded
from jobhunt_desktop.ui.theme import DEMO_APP_NAME, apply_scheme, is_dark, stored_scheme

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from jobhunt_desktop.notify.base import Notifier
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.ui.connecting import Server
    from jobhunt_desktop.ui.error_hook import ErrorHook

# A source checkout keeps the icons in resources/; a wheel installs them into the
# hicolor theme under the installation prefix.
ICON_THEMES = (
    Path(__file__).resolve().parents[2] / "resources" / "hicolor",
    Path(sys.prefix) / "share" / "icons" / "hicolor",
)
ICON_SIZES = (256, 64, 32)

# (which columns start folded, how many cards a column shows) -> the board to paint
ReadStart = Callable[[Callable[[Stage], bool], int], BoardStart | None]


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon  # once the board is on screen: see run_window

    icon = QIcon.fromTheme("jobhunt-desktop")
    for theme in ICON_THEMES:
        for size in ICON_SIZES:
            for folder in (theme / f"{size}x{size}", theme / f"{size}x{size}" / "apps"):
                path = folder / "jobhunt-desktop.png"
                if path.exists():
                    icon.addFile(str(path))
    return icon


class StartupHooks(QObject):
    """Test and benchmark hooks, all off by default, switched on by the environment.

    - ``JOBHUNT_REPORT_PAINT=1`` prints on stdout ``PAINTED`` once the main window has
      painted for the first time, ``ATTACHED`` once its services are in and it takes
      input, ``FILLED`` once the whole board and the Follow-ups panel are read, and
      ``READY`` once the first reminder check is back (benchmarks time each);
    - ``JOBHUNT_GEOMETRY_FILE=path`` writes, once ready and after each refresh, the
      columns' list areas and first cards as JSON in global screen coordinates
      (device-independent pixels, see ``dpr``), so an end-to-end test can drag with a
      real pointer;
    - ``JOBHUNT_EXIT_AFTER_PAINT=1`` then quits the application.

    Beside them, read by `jobhunt_desktop.startup.tricks` before the window exists:
    ``JOBHUNT_STARTUP_TRICKS=-quick,-gc,-preload`` switches start-up tricks off, so that
    benchmarks/startup_benchmark.py can measure what each one saves.
    """

    def __init__(
        self, window: MainWindow, report: bool, geometry_file: str, exit_after: bool
    ) -> None:
        super().__init__(window)
        self._window = window
        self._report = report
        self._geometry_file = geometry_file
        self._exit_after = exit_after

    @classmethod
    def from_env(cls, window: MainWindow, env: Mapping[str, str]) -> StartupHooks | None:
        report = env.get("JOBHUNT_REPORT_PAINT") == "1"
        geometry_file = env.get("JOBHUNT_GEOMETRY_FILE", "")
        exit_after = env.get("JOBHUNT_EXIT_AFTER_PAINT") == "1"
        if not (report or geometry_file or exit_after):
            return None
        return cls(window, report, geometry_file, exit_after)

    def painted(self) -> None:
        self._say("PAINTED")

    def attached(self) -> None:
        self._say("ATTACHED")

    def filled(self) -> None:
        self._say("FILLED")

    def _say(self, word: str) -> None:
        if self._report:
            print(word, flush=True)

    def ready(self) -> None:
        if self._geometry_file:
            path = Path(self._geometry_file)
            write_geometry(self._window, path)
            # Again after each refresh (F5): a test that resized the window reads anew.
            self._window.refreshed.connect(lambda: write_geometry(self._window, path))
        if self._report:
            print("READY", flush=True)
        if self._exit_after:
            QCoreApplication.quit()


class FirstPaint(QObject):
    """Calls back once `widget` has painted for the first time, with its children."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._callback is not None
            and watched is self._widget
            and event.type() == QEvent.Type.Paint
        ):
            callback, self._callback = self._callback, None
            self._widget.removeEventFilter(self)
            # Children paint in the same pass; a zero timer runs once it is on screen.
            QTimer.singleShot(0, callback)
        return False


def _global_rect(widget: QWidget, x: int, y: int, w: int, h: int) -> list[int]:
    at = widget.mapToGlobal(QPoint(x, y))
    return [at.x(), at.y(), w, h]


def write_geometry(window: MainWindow, path: Path) -> None:
    """The window, each column (whole, folded or not) with its card list and first card,
    as JSON, written atomically."""
    import json  # only the end-to-end test asks for this

    columns = []
    for column in window.board.columns:
        view = column.view.viewport()
        first_id, first_rect = None, None
        if column.model.rowCount():
            first_id = column.model.card(0).id
            card = column.view.visualRect(column.model.index(0, 0))
            first_rect = _global_rect(view, card.x(), card.y(), card.width(), card.height())
        columns.append(
            {
                "stage": column.model.stage.name,
                "list": _global_rect(view, 0, 0, view.width(), view.height()),
                "column": _global_rect(column, 0, 0, column.width(), column.height()),
                "folded": column.collapsed,
                "first_card_id": first_id,
                "first_card": first_rect,
            }
        )
    data = {
        "window": _global_rect(window, 0, 0, window.width(), window.height()),
        "dpr": window.devicePixelRatio(),
        "dark": is_dark(window.palette()),
        "title": window.windowTitle(),
        "columns": columns,
    }
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(path)


def show_start_warning(window: QWidget, text: str) -> QMessageBox:
    """A warning over the window that leaves the board usable behind it."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Where the database is", text, parent=window)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


def run_window(
    load_services: Callable[[], Services],
    title: str,
    read_start: ReadStart | None = None,
    now: Callable[[], datetime] | None = None,
    argv: Sequence[str] | None = None,
    notifier: Callable[[], Notifier] | None = None,
    started: Callable[[], None] | None = None,
    demo: bool = False,
    warning: Callable[[], str | None] | None = None,
    server: Server | None = None,
    settled: Callable[[], None] | None = None,
) -> int:
    """Show the window and run the main loop.

    With a board from `read_start` (read without the ORM) the window paints it at once
    and loads the services right after its first paint; without one, it loads them
    first. `read_start` is asked for the cards of the columns that start open, as
    many as a screen shows.
    `notifier` makes the backend for reminders while the window runs (none: no
    reminders, as in tests); `started` runs once the window has painted and its
    services are in, `settled` once it is ready for input (its board read and the first
    reminder check back). `warning` is asked once the board is on screen (so what it reads
    waits for the first paint), and what it says (a database in a synced folder, say)
    is shown without holding the board. With a `server`, the frame is painted at once
    and the services open on a thread (ui.connecting); if the server is out of reach,
    the person may try again or open the file on this computer instead.
    """
    QCoreApplication.setOrganizationName("jobhunt-desktop")
    # The demo's window keeps its layout and choices apart from the user's own.
    QCoreApplication.setApplicationName(DEMO_APP_NAME if demo else "jobhunt-desktop")
    QGuiApplication.setDesktopFileName("jobhunt-desktop")
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    hook: list[ErrorHook] = []

    def catch_errors() -> None:
        """From the first paint on, unexpected errors are logged and shown (before it, an
        error ends the start and the command line reports it)."""
        from jobhunt_desktop.ui.error_hook import ErrorHook

        hook.append(ErrorHook(app))
        hook[0].install()

    try:
        return _run(
            app,
            load_services,
            title,
            read_start,
            now,
            notifier,
            started,
            catch_errors,
            warning,
            server,
            settled,
        )
    finally:
        for each in hook:
            each.uninstall()
            each.deleteLater()


def _run(
    app: QApplication,
    load_services: Callable[[], Services],
    title: str,
    read_start: ReadStart | None,
    now: Callable[[], datetime] | None,
    notifier: Callable[[], Notifier] | None,
    started: Callable[[], None] | None,
    catch_errors: Callable[[], None],
    warning: Callable[[], str | None] | None = None,
    server: Server | None = None,
    settled: Callable[[], None] | None = None,
) -> int:
    start = None
    remembered = QSettings()
    apply_scheme(app, stored_scheme(remembered))  # before the window: no light flash
    if read_start is not None and now is not None:
        start = read_start(starts_folded(remembered), rows_that_fit())
    if server is not None and now is not None:  # the frame now, the board once connected
        window = MainWindow(None, title=title, start=BoardStart((), (), {}, "UTC"), now=now)
        window.status.setText(server.connecting)
    elif start is None or now is None:
        window = MainWindow(load_services(), title=title)
    else:
        window = MainWindow(None, title=title, start=start, now=now)
    hooks = StartupHooks.from_env(window, os.environ)  # off unless asked for
    failure: list[str] = []
    if server is not None:
        from jobhunt_desktop.ui.connecting import ServerStart

        onto_server = ServerStart(window, server, load_services)

        def connected(services: Services) -> None:
            if hooks is not None:
                window.filled.connect(hooks.filled)
            window.attach(services)
            settle(built_with_services=False)

        def gave_up(message: str) -> None:
            failure.append(message)
            app.exit(1)

        onto_server.connected.connect(connected)
        onto_server.gave_up.connect(gave_up)

    def attach() -> None:
        if server is not None:
            onto_server.start()
            return
        built_with_services = window.attached  # a new file: no start-up board to show
        if not built_with_services:
            if hooks is not None:
                window.filled.connect(hooks.filled)
            try:
                window.attach(load_services())
            except UserError as error:
                from PySide6.QtWidgets import QMessageBox

                failure.append(str(error))
                QMessageBox.critical(window, "jobhunt-desktop", str(error))
                app.exit(1)
                return
        settle(built_with_services)

    def settle(built_with_services: bool) -> None:
        """Once the services are in: say so, start the reminders, report when ready."""
        if hooks is not None:
            hooks.attached()
            if built_with_services:
                hooks.filled()  # it read everything before it was shown
        if notifier is not None and window.reminders is None:
            window.start_reminders(notifier(), app.windowIcon())
        runner = window.reminders
        if runner is None or runner.last is not None:
            ready()
            return
        # A notice the desktop cannot show opens a banner above the board; the window
        # is settled (and its geometry final) once the first check has come back.
        reported: list[bool] = []

        def first_check(_result: object) -> None:
            if not reported:
                reported.append(True)
                QTimer.singleShot(0, ready)

        runner.checked.connect(first_check)

    def ready() -> None:
        if settled is not None:
            settled()
        if hooks is not None:
            hooks.ready()

    def painted() -> None:
        catch_errors()
        if hooks is not None:
            hooks.painted()
        # The icon lives in the title bar and the task switcher, not in the board:
        # looking it up can wait until the board is on screen.
        app.setWindowIcon(app_icon())
        attach()
        if started is not None:
            started()
        said = warning() if warning is not None else None
        if said:
            show_start_warning(window, said)

    FirstPaint(window, painted)
    window.show()
    app.styleHints().colorSchemeChanged.connect(lambda *_: window.update())
    code = app.exec()
    if failure:
        raise UserError(failure[0])
    return code

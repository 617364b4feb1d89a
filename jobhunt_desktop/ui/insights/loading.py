"""Loading matplotlib for Insights: its first import builds a font cache, which takes
seconds; it runs on a thread while a progress dialog says what is happening."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Loaded(QObject):
    done = Signal(str)  # "" or the problem


def _load(relay: _Loaded) -> None:
    try:
        import matplotlib.figure
        import matplotlib.font_manager  # noqa: F401
    except Exception as error:  # not installed, or broken: the window says so
        relay.done.emit(f"the charts could not be loaded ({error})")
        return
    relay.done.emit("")


def charts_ready(parent: QWidget) -> bool:
    """Whether matplotlib is loaded, loading it first (with progress) if need be."""
    if "matplotlib.font_manager" in sys.modules:
        return True
    relay = _Loaded()
    loop = QEventLoop()
    problems: list[str] = []

    def finished(problem: str) -> None:
        if problem:
            problems.append(problem)
        loop.quit()

    relay.done.connect(finished, Qt.ConnectionType.QueuedConnection)
    progress = QProgressDialog(
        "Preparing the charts (the first time takes a moment)…", "", 0, 0, parent
    )
    progress.setWindowTitle("Insights")
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.show()
    threading.Thread(target=_load, args=(relay,), name="charts", daemon=True).start()
    loop.exec()
    progress.reset()
    if problems:
        from jobhunt_desktop.ui.dialogs.forms import show_error

        show_error(parent, problems[0], "Insights")
        return False
    return True

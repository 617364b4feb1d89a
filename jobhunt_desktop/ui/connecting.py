"""Opening a database server from the window: the frame is on screen at once, saying
where it connects, while the services open on a thread of their own (a server may
take seconds to answer, and up to the connect timeout not to). If it cannot be
reached, the person chooses: try again, open the file on this computer, or quit."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from jobhunt_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services

log = logging.getLogger(__name__)


class AfterFailure(Enum):
    RETRY = "retry"
    LOCAL = "local"
    QUIT = "quit"


class Connector(QObject):
    """Opens the services off the window's thread; says `connected` or `failed`."""

    connected = Signal(object)  # Services
    failed = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.busy = False

    def start(self, load: Callable[[], Services]) -> None:
        self.busy = True
        threading.Thread(target=self._work, args=(load,), name="connect", daemon=True).start()

    def _work(self, load: Callable[[], Services]) -> None:
        try:
            services = load()
        except UserError as error:  # out of reach, refused, newer schema...
            self._say(self.failed, str(error))
            return
        except Exception:  # a bug: logged, and said as what it is
            log.exception("opening the database failed")
            self._say(self.failed, "The database could not be opened; the log has the details.")
            return
        self._say(self.connected, services)

    def _say(self, signal: object, value: object) -> None:
        self.busy = False
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            signal.emit(value)  # type: ignore[attr-defined]


def ask_after_failure(parent: QWidget, message: str) -> AfterFailure:
    box = QMessageBox(
        QMessageBox.Icon.Warning, "The database is out of reach", message, parent=parent
    )
    retry = box.addButton("&Retry", QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton("Open the &file on this computer", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    if box.clickedButton() is retry:
        return AfterFailure.RETRY
    if box.clickedButton() is local:
        return AfterFailure.LOCAL
    return AfterFailure.QUIT

"""Opening a database server from the window: the frame is on screen at once, saying
where it connects, while the services open on a thread of their own (a server may
take seconds to answer, and up to the connect timeout not to). If it cannot be
reached, the person chooses: try again, open the file on this computer, or quit. A
server that wants a password found nowhere (the address, ~/.pgpass, the keyring) is
asked for it: it goes to the connection and nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from jobhunt_desktop.domain.errors import StoragePasswordError, UserError
from jobhunt_desktop.ui.background import Background, Finished

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.ui.main_window import MainWindow

PASSWORD_TITLE = "The database server asks for a password"


class Server(NamedTuple):
    """A window on a database server: what its frame says while connecting, the file
    on this computer to open instead if the server is out of reach, and how to open
    the server with a password the person typed (for `login`, user@host)."""

    connecting: str
    local_title: str
    open_local: Callable[[], Services]
    open_with_password: Callable[[str], Services]
    login: str


class AfterFailure(Enum):
    RETRY = "retry"
    LOCAL = "local"
    QUIT = "quit"


class Connector(QObject):
    """Opens the services off the window's thread; says `connected` or `failed` (with
    the UserError, or a bug's exception, already logged)."""

    connected = Signal(object)  # Services
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread = Background(self, "connect")

    @property
    def busy(self) -> bool:
        return self._thread.busy

    def start(self, load: Callable[[], Services]) -> None:
        self._thread.submit(load, self._landed)

    def _landed(self, done: Finished[Services]) -> None:
        if done.error is None:
            self.connected.emit(done.value)
        else:
            self.failed.emit(done.error)


class ServerStart(QObject):
    """The window's way onto a server: connecting, asking for a password found nowhere
    else (kept for this start only), and the choice after a failure."""

    connected = Signal(object)  # Services
    gave_up = Signal(str)  # why the window quits

    def __init__(self, window: MainWindow, server: Server, load: Callable[[], Services]) -> None:
        super().__init__(window)
        self.window = window
        self.server = server
        self._load = load
        self._password: str | None = None  # typed, for this start only
        self._connector = Connector(self)
        self._connector.connected.connect(self._connected)
        self._connector.failed.connect(self._failed)

    def start(self) -> None:
        given, server = self._password, self.server
        load = self._load if given is None else lambda: server.open_with_password(given)
        self._connect(load, server.connecting)

    def _connect(self, load: Callable[[], Services], saying: str) -> None:
        self.window.status.setText(saying)
        self._connector.start(load)

    def _connected(self, services: Services) -> None:
        self.window.status.setText("")
        self.connected.emit(services)

    def _failed(self, error: BaseException) -> None:
        self.window.status.setText("Not connected")
        if isinstance(error, StoragePasswordError):
            refused = self._password is not None
            self._password = ask_password(self.window, self.server.login, refused)
            if self._password is not None:
                self.start()
                return
        message = failure_message(error)
        choice = ask_after_failure(self.window, message)
        if choice is AfterFailure.RETRY:
            self.start()
        elif choice is AfterFailure.LOCAL:
            self.window.setWindowTitle(self.server.local_title)
            self._connect(self.server.open_local, "Opening the file on this computer…")
        else:
            self.gave_up.emit(message)


def failure_message(error: BaseException) -> str:
    if isinstance(error, UserError):  # out of reach, refused, newer schema...
        return str(error)
    return "The database could not be opened; the log has the details."


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


def ask_password(parent: QWidget, login: str, refused: bool) -> str | None:
    """The password for `login` (user@host), typed; None if the person would rather
    not. It is used for this window's connections only: to be asked no more, it goes
    in ~/.pgpass or, with `use-database`, in the system's keyring."""
    said = "That password was refused. " if refused else ""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(PASSWORD_TITLE)
    dialog.setLabelText(
        f"{said}Password for {login}:\n\n"
        "It is used until the window closes and written nowhere. To be asked no more,\n"
        "keep it in ~/.pgpass, or in the system's keyring with `jobhunt-desktop\n"
        "use-database` and the address with the password."
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()

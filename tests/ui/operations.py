"""Dialogs built without a main window still write through an `Operations`."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.operations import Operations

_hosts: list[QWidget] = []  # kept alive as long as the dialogs that use them


def operations_for(services: Services, stack: QUndoStack | None = None) -> Operations:
    host = QWidget()
    _hosts.append(host)
    return Operations(services, stack or QUndoStack(host), host)

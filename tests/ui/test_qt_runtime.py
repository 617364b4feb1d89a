"""Guards against a Qt binding that corrupts Python's own objects (PySide6 6.12.0)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    if sys.version_info >= (3, 12):
        return  # None is immortal there; the check below would be meaningless
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
    assert sys.getrefcount(None) >= before - 10, "this PySide6 release loses None refs"


def test_the_application_icon_is_found(qtbot: QtBot) -> None:
    from jobhunt_desktop.ui.application import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes(), "no PNG sizes were loaded"

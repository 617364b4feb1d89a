"""Finding the dialogs a window opened, through Qt, as a person would see them."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDialog, QWidget

D = TypeVar("D", bound=QDialog)


def shown(window: QWidget, kind: type[D]) -> D | None:
    """The newest visible dialog of that kind the window (or one of its dialogs) opened."""
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    return found[-1] if found else None

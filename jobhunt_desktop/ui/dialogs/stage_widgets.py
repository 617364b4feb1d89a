"""The small widgets of the stages dialog: colour swatches and the button that picks
one, and the choice of what a column means to the reminders."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QComboBox, QPushButton, QWidget

from jobhunt_desktop.domain.stages import StageKind

KIND_LABELS: dict[StageKind, str] = {
    StageKind.OPEN: "Not talking yet (wishlist, applied)",
    StageKind.ACTIVE: "In conversation (screening, interviews)",
    StageKind.OFFER: "Offer",
    StageKind.CLOSED_WON: "Closed: accepted",
    StageKind.CLOSED_LOST: "Closed: not this time",
}
KIND_HELP = (
    "What this column means to your reminders: for example, cards in 'In conversation'"
    " columns are the ones to tell when an offer arrives."
)
KIND_SHORT: dict[StageKind, str] = {
    StageKind.OPEN: "Not talking yet",
    StageKind.ACTIVE: "In conversation",
    StageKind.OFFER: "Offer",
    StageKind.CLOSED_WON: "Accepted",
    StageKind.CLOSED_LOST: "Closed",
}


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def kind_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for kind, label in KIND_LABELS.items():
        combo.addItem(label, kind.value)
    combo.setToolTip(KIND_HELP)
    return combo


def pick_colour(parent: QWidget, current: str, title: str) -> str | None:
    """The system colour picker; None when the user cancels."""
    chosen = QColorDialog.getColor(QColor(current), parent, title)
    return chosen.name() if chosen.isValid() else None


class ColourButton(QPushButton):
    """Shows a colour and lets the user pick another."""

    colourChanged = Signal(str)

    def __init__(self, text: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.colour = colour
        self.setAutoDefault(False)
        self.setIcon(swatch(colour))
        self.clicked.connect(self._choose)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self.setIcon(swatch(colour))

    def _choose(self) -> None:
        chosen = pick_colour(self, self.colour, "Choose a colour")
        if chosen is not None:
            self.set_colour(chosen)
            self.colourChanged.emit(chosen)

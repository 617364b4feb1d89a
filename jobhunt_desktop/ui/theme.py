"""The colour scheme: the system's, or light or dark whatever the desktop says.

Light and dark are Qt's Fusion style with a palette built here, which every Qt from
the project's floor (6.7) draws the same; "system" leaves the platform's own style
and palette, which follow the desktop where Qt can tell its scheme. Chosen before the
window is made, so the first paint is already in it. Widgets take their colours from
the palette (style sheets say ``palette(...)``), so a switch repaints them all.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SCHEMES = ("system", "light", "dark")
SCHEME_NAMES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
_KEY = "window/colour_scheme"
_ORIGINAL = "jobhunt_original_style"

# The dark scheme, role by role (Disabled text is dimmer).
_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#2b2d31",
    QPalette.ColorRole.ToolTipBase: "#3a3d42",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#9a9da3",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4d53",
    QPalette.ColorRole.Midlight: "#3d4046",
    QPalette.ColorRole.Mid: "#55585e",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb2ff",
    QPalette.ColorRole.LinkVisited: "#b48cff",
}


def stored_scheme(settings: QSettings) -> str:
    value = str(settings.value(_KEY, "system"))
    return value if value in SCHEMES else "system"


def store_scheme(settings: QSettings, scheme: str) -> None:
    settings.setValue(_KEY, scheme if scheme in SCHEMES else "system")


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    dim = QColor("#7d8086")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return palette


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Switch the whole application to `scheme` (one of SCHEMES). "system" on a start
    touches nothing (the platform's style is made at the first paint anyway)."""
    original = app.property(_ORIGINAL)
    if scheme == "system":
        if original is not None:  # back from light or dark; else nothing to undo
            app.setStyle(str(original))
            app.setPalette(QPalette())  # nothing set: the platform's, and following it
        return
    if original is None:
        app.setProperty(_ORIGINAL, app.style().name())
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if scheme == "dark" else app.style().standardPalette())


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


DEMO_APP_NAME = "jobhunt-desktop-demo"


def is_demo() -> bool:
    """Whether this window shows the demo: its settings are its own (its application
    name), and it never starts at login nor raises desktop notifications."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.applicationName() == DEMO_APP_NAME

"""The History tab: every change the card went through, oldest first, in words."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtWidgets import QVBoxLayout, QWidget

from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.readmodels import HistoryEntry
from jobhunt_desktop.domain.wording import EVENT_NAMES, HISTORY_ACTIONS, RULE_ACTIONS, field_label
from jobhunt_desktop.ui.dialogs.card_common import CardView, local_text, row_item, table

EMPTY = "(empty)"
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)")


def _local_instants(text: str | None, zone_name: str) -> str | None:
    """History keeps instants as ISO text (often UTC); show them on the user's clock."""
    if not text:
        return text
    return _INSTANT.sub(lambda m: local_text(datetime.fromisoformat(m[0]), zone_name), text)


def _field(entry: HistoryEntry) -> str:
    name = entry.field or ""
    if entry.action in ("logged", "next_steps"):
        try:
            return EVENT_NAMES[EventKind(name)]
        except ValueError:
            return field_label(name)
    if entry.action == "followup":
        return RULE_ACTIONS.get(name, field_label(name))
    return field_label(name)


def _change(entry: HistoryEntry, zone_name: str) -> str:
    old = _local_instants(entry.old_value, zone_name)
    new = _local_instants(entry.new_value, zone_name)
    if entry.action == "created":
        return new or ""
    if entry.action in ("edited", "moved"):
        return f"{old or EMPTY} → {new or EMPTY}"
    if entry.action == "contact":
        return new or old or ""
    if old and new:
        return f"{old} → {new}"
    return new or old or ""


def history_row(entry: HistoryEntry, zone_name: str) -> tuple[str, str, str, str]:
    what = HISTORY_ACTIONS.get(entry.action, field_label(entry.action))
    if entry.undone:
        what = f"{what} (undone)"
    return (local_text(entry.at, zone_name), what, _field(entry), _change(entry, zone_name))


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = table(("When", "What", "Field", "Change"), "History", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def show_card(self, view: CardView) -> None:
        self.list.clear()
        entries = sorted(view.story.history, key=lambda h: h.at)
        for entry in entries:
            item = row_item(history_row(entry, view.zone))
            if entry.undone:  # kept in the story, but it no longer holds
                font = item.font(0)
                font.setStrikeOut(True)
                for column in range(item.columnCount()):
                    item.setFont(column, font)
                    item.setToolTip(column, "Undone: this change was taken back")
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.list.scrollToBottom()

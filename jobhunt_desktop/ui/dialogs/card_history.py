"""The History tab: every change the card went through, oldest first, in words."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from jobhunt_desktop.domain.entities import EventKind
from jobhunt_desktop.domain.readmodels import HistoryEntry
from jobhunt_desktop.domain.wording import EVENT_NAMES, HISTORY_ACTIONS, RULE_ACTIONS, field_label
from jobhunt_desktop.ui.dialogs.card_common import (
    CardHost,
    CardView,
    FormDialog,
    button,
    datetime_edit,
    from_wall_clock,
    local_text,
    row_item,
    table,
)

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


class EntryDateForm(FormDialog):
    """When the card really entered the stage it is in."""

    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__("Correct the stage date", "&Save", parent)
        self.zone_name = view.zone
        app = view.story.application
        entered = app.stage_entered_at or view.now
        self.when = datetime_edit(entered, view.zone, self)
        self.show_note(
            f"When did it really reach {app.stage.name}? The history keeps the time it "
            "showed until now; the days in the stage and the follow-ups follow the new one."
        )
        self.add_row("&Entered", self.when, f"Your local time ({view.zone})")

    def value(self) -> datetime:
        return from_wall_clock(self.when.dateTime(), self.zone_name)


class HistoryTab(QWidget):
    """Read-only, but for one thing: when the card entered its stage can be corrected
    (the history then shows both)."""

    def __init__(self, host: CardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.list = table(("When", "What", "Field", "Change"), "History", self)
        self.entry_button = button(
            "Correct the &stage date…",
            "Say when the card really entered the stage it is in",
            self.correct_entry,
            self,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.entry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def correct_entry(self) -> None:
        form = EntryDateForm(self.host.current(), self)
        if not self.host.ask(form):
            return
        when = form.value()
        card = self.host.application_id
        self.host.perform(
            "Correct the stage date",
            lambda s: s.applications.correct_stage_entry(card, when),
            lambda _done: "Corrected; the history keeps the old date.",
        )

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

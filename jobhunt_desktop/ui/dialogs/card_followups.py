"""The Follow-ups tab: the card's chain of reminders, late ones in red, with draft,
snooze, dismiss and reopen. "Now" is the services' clock, so tests and the app agree."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.lateness import followup_is_late
from jobhunt_desktop.domain.reminders import snooze_from_due
from jobhunt_desktop.domain.timeutil import day_at
from jobhunt_desktop.domain.wording import FOLLOWUP_KIND_NAMES, FOLLOWUP_STATE_NAMES, RULE_ACTIONS
from jobhunt_desktop.ui.dialogs.card_common import (
    CardHost,
    CardView,
    FormDialog,
    button,
    datetime_edit,
    from_wall_clock,
    local_text,
    paint_late,
    row_item,
    select_id,
    selected_id,
    table,
)


def is_late(f: FollowUp, view: CardView) -> bool:
    """Late as everywhere else (`domain.lateness`)."""
    return followup_is_late(f, view.now, view.zone)


def state_text(f: FollowUp, late: bool) -> str:
    text = FOLLOWUP_STATE_NAMES.get(f.state, f.state.value)
    return f"{text}, late" if late else text


class SnoozeForm(FormDialog):
    def __init__(self, default: datetime, zone_name: str, parent: QWidget | None = None) -> None:
        super().__init__("Snooze until…", "&Snooze", parent)
        self.zone_name = zone_name
        self.until = datetime_edit(default, zone_name, self)
        self.add_row("&Until", self.until, f"When to remind you again, your time ({zone_name})")

    def value(self) -> datetime:
        return from_wall_clock(self.until.dateTime(), self.zone_name)


class FollowUpsTab(QWidget):
    def __init__(self, host: CardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._chain: tuple[FollowUp, ...] = ()
        self.list = table(("Due", "State", "Kind", "What to do", "Why"), "Follow-ups", self)
        self.list.itemSelectionChanged.connect(self._enable)
        self.list.itemActivated.connect(lambda *_: self.draft())
        self.list.setToolTip("Double-click or press Enter on a message to write it")
        self.draft_button = button(
            "D&raft…",
            "Write the message the selected follow-up asks for, ready to send (Alt+R)",
            self.draft,
            self,
        )
        self.snooze_menu = QMenu(self)
        self.day_action = QAction("For a &day", self.snooze_menu)
        self.day_action.setToolTip("Remind me again a day later, at my usual reminder time")
        self.day_action.triggered.connect(lambda: self.snooze_days(1))
        self.week_action = QAction("For a &week", self.snooze_menu)
        self.week_action.setToolTip("Remind me again a week later, at my usual reminder time")
        self.week_action.triggered.connect(lambda: self.snooze_days(7))
        self.pick_action = QAction("&Pick a time…", self.snooze_menu)
        self.pick_action.setToolTip("Choose exactly when to be reminded")
        self.pick_action.triggered.connect(self.snooze_pick)
        for action in (self.day_action, self.week_action, self.pick_action):
            self.snooze_menu.addAction(action)
        self.snooze_menu.setToolTipsVisible(True)
        self.snooze_button = QPushButton("S&nooze", self)
        self.snooze_button.setToolTip("Put the selected reminder off for a while")
        self.snooze_button.setAutoDefault(False)
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = button(
            "&Dismiss", "Drop the selected reminder; Reopen brings it back", self.dismiss, self
        )
        self.reopen_button = button(
            "Re&open", "Bring back a snoozed or dismissed reminder", self.reopen, self
        )
        buttons = QHBoxLayout()
        for push in (
            self.draft_button,
            self.snooze_button,
            self.dismiss_button,
            self.reopen_button,
        ):
            buttons.addWidget(push)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._enable()

    def show_card(self, view: CardView) -> None:
        keep = selected_id(self.list)
        self._chain = view.chain
        self.list.clear()
        for f in view.chain:
            late = is_late(f, view)
            values = (
                local_text(f.remind_at, view.zone),
                state_text(f, late),
                FOLLOWUP_KIND_NAMES[f.kind].capitalize(),
                RULE_ACTIONS.get(f.kind.value, f.kind.value),
                f.reason or "",
            )
            item = row_item(values, f.id)
            if late:
                paint_late(item)
            self.list.addTopLevelItem(item)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        select_id(self.list, keep)
        self._enable()

    def selected(self) -> FollowUp | None:
        wanted = selected_id(self.list)
        return next((f for f in self._chain if f.id == wanted), None)

    def _enable(self) -> None:
        f = self.selected()
        is_open = f is not None and f.state.is_open
        self.draft_button.setEnabled(self.draftable() is not None)
        self.snooze_button.setEnabled(is_open)
        self.dismiss_button.setEnabled(is_open)
        self.reopen_button.setEnabled(
            f is not None and f.state in (FollowUpState.SNOOZED, FollowUpState.DISMISSED)
        )

    def draftable(self) -> FollowUp | None:
        """The selected follow-up when it is open and asks for a message to send."""
        f = self.selected()
        return f if f is not None and f.state.is_open and f.kind.is_message else None

    def draft(self) -> None:
        f = self.draftable()
        if f is not None:
            self.host.draft(f)

    def snooze_days(self, days: int) -> None:
        f = self.selected()
        if f is None:
            return
        view = self.host.current()
        reminder_time = view.settings.reminder_time
        self.snooze_until(snooze_from_due(view.now, f.remind_at, days, view.zone, reminder_time))

    def snooze_pick(self) -> None:
        if self.selected() is None:
            return
        view = self.host.current()
        default = day_at(view.now, 1, view.settings.reminder_time, view.zone)
        form = SnoozeForm(default, view.zone, self)
        if self.host.ask(form):
            self.snooze_until(form.value())

    def snooze_until(self, until: datetime) -> None:
        f = self.selected()
        if f is None:
            return
        zone_name = self.host.current().zone
        self.host.perform(
            "Snooze follow-up",
            lambda s: s.followups.snooze(f.id, until),
            lambda _: f"Snoozed until {local_text(until, zone_name)}.",
        )

    def dismiss(self) -> None:
        f = self.selected()
        if f is None:
            return
        self.host.perform(
            "Dismiss follow-up",
            lambda s: s.followups.dismiss(f.id),
            lambda _: "Dismissed. Reopen brings it back.",
        )

    def reopen(self) -> None:
        f = self.selected()
        if f is None:
            return
        self.host.perform(
            "Reopen follow-up",
            lambda s: s.followups.reopen(f.id),
            lambda _: "The reminder is back on your list.",
        )

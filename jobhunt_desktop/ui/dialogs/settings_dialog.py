"""Settings (Ctrl+,): who you are, your time zone and reminder hours, how the window
behaves, and when each kind of follow-up comes. What `config` holds is saved as one
undoable step; before a change that re-times follow-ups is made, the dialog says how
many it re-times. The window's own preferences (tray, start at login) apply at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import NamedTuple

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.messages import MAIL_PROGRAMS
from jobhunt_desktop.domain.reminders import parse_quiet_hours
from jobhunt_desktop.domain.settings import SPEC_BY_KEY, Settings, as_text
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.dialogs.forms import HeldButtons, show_error, to_time
from jobhunt_desktop.ui.operations import Operations
from jobhunt_desktop.ui.theme import SCHEME_NAMES, SCHEMES


class Timing(NamedTuple):
    """One rule's timing as the window words it: by the kind of follow-up, with its
    unit for one and for more ("1 day", "3 days")."""

    key: str
    label: str
    unit: str = ""
    units: str = ""


TIMINGS: tuple[Timing, ...] = (
    Timing("r1_delay_hours", "Thank-you note, after the interview ends", "hour", "hours"),
    Timing("r1_overdue_hours", "A thank-you note is late after", "hour", "hours"),
    Timing("r1_skip_after_days", "No thank-you for interviews logged later than", "day", "days"),
    Timing(
        "r3_business_days",
        "Status inquiry, after the promised date",
        "business day",
        "business days",
    ),
    Timing("r4_days", "Follow-up after a later round", "day", "days"),
    Timing("r5_days", "Status check, after applying", "day", "days"),
    Timing("r6_days", "Question about a moved interview, after the move", "day", "days"),
    Timing("r7_days", "Reply to a rejection, after it came", "day", "days"),
    Timing("r9_days_before", "Offer deadline reminder, before the deadline", "day", "days"),
    Timing("r10_gap_days", "Least time between two follow-ups", "day", "days"),
    Timing("r10_max_unanswered", "Unanswered follow-ups before suggesting to close"),
    Timing("r11_months", "A rejection counts as recent for", "month", "months"),
    Timing("r12_min_active", "Keep-applying nudge below this many active applications"),
)


# How many copies of each period the backups keep: the setting, its unit, their name.
KEEPING = (
    ("backup_days", "day", "days"),
    ("backup_weeks", "week", "weeks"),
    ("backup_months", "month", "months"),
)


def _unit(box: QSpinBox, timing: Timing, value: int) -> None:
    if timing.unit:
        box.setSuffix(f" {timing.unit if value == 1 else timing.units}")


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _zones() -> list[str]:
    import zoneinfo  # only when the dialog opens

    return sorted(zoneinfo.available_timezones())


class SettingsDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        window_prefs: WindowPrefs,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        """`settings` as read already (on a server off the window's thread); without
        them they are read here."""
        super().__init__(parent)
        self.ops = ops
        self.prefs = window_prefs
        self.setWindowTitle("Settings")
        if settings is None:
            settings = ops.services.settings.get()
        self.current = as_text(settings)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._you(settings), "&You")
        self.tabs.addTab(self._time(settings), "&Time")
        self.tabs.addTab(self._followups(settings), "&Follow-ups")
        self.tabs.addTab(self._window(), "&Window")
        self.tabs.addTab(self._data(settings), "&Data")
        self.tabs.addTab(self._insights(settings), "&Insights")
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Save")
        self.held = HeldButtons(buttons, self.ok_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 520)

    # the tabs ----------------------------------------------------------------------

    def _you(self, settings: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.your_name = QLineEdit(settings.your_name, page)
        self.your_name.setPlaceholderText("Jordan Ellis")
        self.your_name.setToolTip("Signs your drafts")
        self.signature = QPlainTextEdit(settings.signature, page)
        self.signature.setTabChangesFocus(True)
        self.signature.setPlaceholderText("The lines under your name: phone, profile link…")
        self.signature.setToolTip("Placed under every draft; your name alone when empty")
        form.addRow(self._label("&Name:", self.your_name, page), self.your_name)
        form.addRow(self._label("Si&gnature:", self.signature, page), self.signature)
        return page

    def _time(self, settings: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.zone = QComboBox(page)
        self.zone.setEditable(True)
        self.zone.addItems(_zones())
        self.zone.setCurrentText(settings.time_zone)
        self.zone.setToolTip("Dates and times are read and shown in this zone")
        self.reminder_time = QTimeEdit(_qtime(settings.reminder_time), page)
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setToolTip("When a follow-up that falls on a day is due")
        quiet = parse_quiet_hours(settings.quiet_hours)
        self.quiet = QCheckBox("Hold notifications from", page)
        self.quiet.setChecked(quiet is not None)
        self.quiet_from = QTimeEdit(_qtime(quiet[0] if quiet else time(22, 0)), page)
        self.quiet_to = QTimeEdit(_qtime(quiet[1] if quiet else time(8, 0)), page)
        for edit in (self.quiet_from, self.quiet_to):
            edit.setDisplayFormat("HH:mm")
            edit.setEnabled(self.quiet.isChecked())
            self.quiet.toggled.connect(edit.setEnabled)
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet)
        quiet_row.addWidget(self.quiet_from)
        quiet_row.addWidget(QLabel("to", page))
        quiet_row.addWidget(self.quiet_to)
        quiet_row.addStretch(1)
        form.addRow(self._label("Time &zone:", self.zone, page), self.zone)
        form.addRow(self._label("&Reminders at:", self.reminder_time, page), self.reminder_time)
        form.addRow("Quiet hours:", quiet_row)
        return page

    def _followups(self, settings: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.addRow(
            QLabel("When each kind of follow-up comes. Changing one re-plans every card.", page)
        )
        self.timings: dict[str, QSpinBox] = {}
        for timing in TIMINGS:
            spec = SPEC_BY_KEY[timing.key]
            box = QSpinBox(page)
            box.setRange(spec.low or 0, spec.high or 999)
            if timing.unit:
                box.valueChanged.connect(lambda n, b=box, t=timing: _unit(b, t, n))
            box.setValue(int(getattr(settings, timing.key)))
            _unit(box, timing, box.value())
            box.setToolTip(f"From {spec.low} to {spec.high}")
            box.setAccessibleName(timing.label)
            self.timings[timing.key] = box
            form.addRow(f"{timing.label}:", box)
        return page

    def _window(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.tray = QCheckBox("Keep running in the &tray when the window is closed", page)
        self.tray.setChecked(self.prefs.tray())
        self.login = QCheckBox("Start the reminder &watcher at login", page)
        self.login.setToolTip(
            "Reminders then arrive while the window is closed, from the moment you log in"
        )
        self.login.setChecked(self.prefs.at_login())
        if not self.prefs.login_allowed:
            self.login.setEnabled(False)
            self.login.setToolTip("The demo's sample data never starts at login")
        self.scheme = QComboBox(page)
        for key in SCHEMES:
            self.scheme.addItem(SCHEME_NAMES[key], key)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(self.prefs.scheme())))
        self.scheme.setToolTip("Light or dark; the system's follows your desktop")
        scheme_row = QHBoxLayout()
        scheme_label = self._label("Colour &scheme:", self.scheme, page)
        scheme_row.addWidget(scheme_label)
        scheme_row.addWidget(self.scheme)
        self.mail = QComboBox(page)
        for key, name in MAIL_PROGRAMS.items():
            self.mail.addItem(name, key)
        self.mail.setCurrentIndex(max(0, self.mail.findData(self.prefs.mail_program())))
        self.mail.setToolTip("Where Open in mail program puts a draft, filled in")
        scheme_row.addWidget(self._label("&Mail:", self.mail, page))
        scheme_row.addWidget(self.mail)
        layout.addWidget(self.tray)
        layout.addWidget(self.login)
        layout.addLayout(scheme_row)
        layout.addStretch(1)
        return page

    def _data(self, settings: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.addRow(
            QLabel(
                "A checked copy of your data is made once a day, and before an upgrade or "
                "a restore. Older copies are thinned out: the newest of each",
                page,
                wordWrap=True,
            )
        )
        self.keeping: dict[str, QSpinBox] = {}
        for key, unit, units in KEEPING:
            spec = SPEC_BY_KEY[key]
            box = QSpinBox(page)
            box.setRange(spec.low or 0, spec.high or 999)
            box.setValue(int(getattr(settings, key)))
            box.setSuffix(f" {units}")
            box.setAccessibleName(f"Keep copies of the last {units}")
            box.setToolTip(f"From {spec.low} to {spec.high}; 0 keeps none by the {unit}")
            self.keeping[key] = box
            form.addRow(f"of the last {units}:", box)
        where = self.ops.services.calendar.file_path()
        self.calendar_file = QCheckBox("Keep a &calendar file up to date for calendar apps", page)
        self.calendar_file.setChecked(settings.calendar_file)
        self.calendar_file.setToolTip(
            f"Interviews, offer deadlines and follow-ups in {where}; subscribe to it from "
            "a calendar app such as Thunderbird or Apple Calendar"
        )
        form.addRow(self.calendar_file)
        path = QLabel(str(where), page)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(path)
        return page

    def _insights(self, settings: Settings) -> QWidget:
        from jobhunt_desktop.domain.feedback_themes import LANGUAGES

        page = QWidget(self)
        form = QFormLayout(page)
        self.weekly_goal = QSpinBox(page)
        self.weekly_goal.setRange(1, 100)
        self.weekly_goal.setValue(settings.weekly_goal)
        self.weekly_goal.setSuffix(" a week")
        self.ghost_days = QSpinBox(page)
        self.ghost_days.setRange(7, 180)
        self.ghost_days.setValue(settings.ghost_after_days)
        self.ghost_days.setSuffix(" days")
        self.ghost_days.setToolTip("An application without an answer this long counts as ghosted")
        self.insights_archived = QCheckBox("Count &archived applications too", page)
        self.insights_archived.setChecked(settings.insights_archived)
        self.language = QComboBox(page)
        for name in LANGUAGES:
            self.language.addItem(name.capitalize(), name)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.feedback_language)))
        self.language.setToolTip("The language feedback is written in, to find its themes")
        form.addRow(self._label("Weekly &goal:", self.weekly_goal, page), self.weekly_goal)
        form.addRow(self._label("&Ghosted after:", self.ghost_days, page), self.ghost_days)
        form.addRow(self.insights_archived)
        form.addRow(self._label("&Feedback in:", self.language, page), self.language)
        return page

    @staticmethod
    def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label

    # saving ------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the fields say, in `config`'s words."""
        quiet = "off"
        if self.quiet.isChecked():
            start, end = to_time(self.quiet_from.time()), to_time(self.quiet_to.time())
            quiet = f"{start:%H:%M}-{end:%H:%M}"
        values = {
            "your_name": self.your_name.text().strip(),
            "signature": self.signature.toPlainText().strip(),
            "time_zone": self.zone.currentText().strip(),
            "reminder_time": f"{to_time(self.reminder_time.time()):%H:%M}",
            "quiet_hours": quiet,
        }
        values.update({key: str(box.value()) for key, box in self.timings.items()})
        values.update({key: str(box.value()) for key, box in self.keeping.items()})
        values["calendar_file"] = "on" if self.calendar_file.isChecked() else "off"
        values["weekly_goal"] = str(self.weekly_goal.value())
        values["ghost_after_days"] = str(self.ghost_days.value())
        values["insights_archived"] = "on" if self.insights_archived.isChecked() else "off"
        values["feedback_language"] = str(self.language.currentData())
        return values

    def changes(self) -> dict[str, str]:
        """The values that differ from what is stored."""
        return {k: v for k, v in self.values().items() if self.current.get(k) != v}

    def accept(self) -> None:
        """What `config` holds first (it may be declined or fail, and then nothing at
        all changes), then the window's own preferences."""
        changes = self.changes()
        if self.held.saving or (changes and not self._confirm(changes)):
            return
        if not changes:
            self._keep_preferences()
            return
        self.held.perform(
            self.ops,
            "Change settings",
            lambda s: s.settings.change(changes),
            lambda _done: self._keep_preferences(),
            "Couldn't save the settings",
        )

    def reject(self) -> None:
        if not self.held.saving:  # what is on its way is saved: the dialog waits for it
            super().reject()

    def _keep_preferences(self) -> None:
        """The window's own preferences, once the stored settings are saved."""
        if self.login.isChecked() != self.prefs.at_login():
            problem = self.prefs.set_at_login(self.login.isChecked())
            if problem:
                show_error(self, problem)
                return
        self.prefs.set_tray(self.tray.isChecked())
        self.prefs.set_scheme(str(self.scheme.currentData()))
        self.prefs.set_mail_program(str(self.mail.currentData()))
        super().accept()

    def _confirm(self, changes: dict[str, str]) -> bool:
        if not any(SPEC_BY_KEY[k].affects_plans for k in changes):
            return True
        count = self.ops.run(lambda s: s.settings.preview(changes), self)
        if count is None:  # the preview failed and said why
            return False
        if count == 0:
            return True
        answer = QMessageBox.question(
            self,
            "Re-time follow-ups?",
            f"This re-times {counted(count, 'open follow-up')}. Ctrl+Z puts them back.",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Ok,
        )
        return answer == QMessageBox.StandardButton.Ok


class WindowPrefs(NamedTuple):
    """The window's own preferences the dialog shows, as the window keeps them."""

    tray: Callable[[], bool]
    set_tray: Callable[[bool], None]
    at_login: Callable[[], bool]
    set_at_login: Callable[[bool], str | None]  # a message if it could not be done
    scheme: Callable[[], str]
    set_scheme: Callable[[str], None]
    mail_program: Callable[[], str]
    set_mail_program: Callable[[str], None]
    login_allowed: bool = True

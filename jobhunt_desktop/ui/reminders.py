"""Reminders while the window runs: the engine on a timer, the tray icon, the banner.

Each check runs on a thread of its own (it reads the database and may wait on the
notification program), and its result comes back to the GUI thread, so the window
never stalls. When the desktop cannot show a notification, the notice
goes to the tray icon's message and to a banner in the window instead, and the
banner says once what to install.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from jobhunt_desktop.domain.errors import StorageError
from jobhunt_desktop.domain.reminders import ClockWatch, Notice
from jobhunt_desktop.notify.base import Notifier, NotifyError
from jobhunt_desktop.services.reminders import CheckResult, ReminderService, process_token
from jobhunt_desktop.ui.background import Background, Finished

log = logging.getLogger(__name__)

JUMP_CHECK_MS = 5_000
LONGEST_WAIT_MS = 60_000


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker are queued to it."""

    fallback = Signal(object, str)  # Notice, why the desktop could not show it


class WindowNotifier:
    """The desktop's notifications first; when they fail, the window shows the notice."""

    def __init__(self, backend: Notifier, relay: _Relay) -> None:
        self.backend = backend
        self.relay = relay

    def problem(self) -> str | None:
        return None  # the window itself can always show a notice

    def send(self, notice: Notice) -> None:
        try:
            self.backend.send(notice)
        except NotifyError as error:
            self.relay.fallback.emit(notice, str(error))


class ReminderRunner(QObject):
    """Checks when the next reminder is due, at least once a minute, and at once after
    the clock jumps or the machine wakes up."""

    checked = Signal(object)  # CheckResult
    fallbackNotice = Signal(object, str)  # Notice, the reason

    def __init__(
        self,
        service: ReminderService,
        backend: Notifier,
        parent: QObject | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        device: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        # This computer's name on a shared database, asked for on the first check's
        # thread (it may read or write a small file); None: reminders of this process only.
        self._device_of = device
        self._device: str | None = None
        self._relay = _Relay(self)
        self._relay.fallback.connect(self.fallbackNotice)
        self._thread = Background(self, "the reminder check")
        self._notifier = WindowNotifier(backend, self._relay)
        self._token = process_token()
        self._again = False
        self._monotonic = monotonic
        self._clock = ClockWatch(service.now(), monotonic())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # on time, not within 5 %
        self._timer.timeout.connect(self.check_now)
        self._jumps = QTimer(self)
        self._jumps.timeout.connect(self._look_for_jump)
        self.last: CheckResult | None = None

    def start(self) -> None:
        self._jumps.start(JUMP_CHECK_MS)
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()
        self._jumps.stop()

    @property
    def busy(self) -> bool:
        return self._thread.busy

    def check_now(self) -> None:
        if self._thread.busy:
            self._again = True
            return
        self._thread.submit(self._check, self._finished)

    def _check(self) -> CheckResult:
        try:
            if self._device is None and self._device_of is not None:
                self._device = self._device_of()
            return self.service.check(self._notifier, self._token, self._device)
        except StorageError as error:  # busy, full, gone: the next check tries again
            log.warning("reminder check skipped: %s", error)
            return self._in_a_minute()

    def _in_a_minute(self) -> CheckResult:
        return CheckResult(next_check=self.service.now() + timedelta(minutes=1))

    def _finished(self, done: Finished[CheckResult]) -> None:
        # A bug (logged on its thread) must not end the reminders either.
        result = done.value if done.value is not None else self._in_a_minute()
        self.last = result
        self.checked.emit(result)
        if self._again:
            self._again = False
            self.check_now()
            return
        self._timer.start(self._wait_ms(result.next_check))

    def _wait_ms(self, when: datetime | None) -> int:
        if when is None:
            return LONGEST_WAIT_MS
        left = (when - self.service.now()).total_seconds() * 1000
        return int(min(LONGEST_WAIT_MS, max(0, left)))

    def _look_for_jump(self) -> None:
        if self._clock.jumped(self.service.now(), self._monotonic()):
            log.info("the clock jumped or the system resumed; checking reminders now")
            self.check_now()


class ReminderBanner(QFrame):
    """A strip above the board for notices the desktop could not show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminder-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#reminder-banner { background: palette(highlight); border-radius: 4px; }"
            "#reminder-banner QLabel { color: palette(highlighted-text); }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.problem: str | None = None
        self.notices: list[Notice] = []
        self.hide()

    def show_notice(self, notice: Notice, problem: str) -> None:
        self.notices = [*self.notices[-2:], notice]
        self.problem = problem
        lines = [f"{n.title}: {n.message}" for n in self.notices]
        lines.append(
            f"Desktop notifications are not working ({problem}). "
            "Reminders will show here while the window is open."
        )
        self.label.setText("\n".join(lines))
        self.show()


class TrayIcon(QSystemTrayIcon):
    """Open the window, see what is due, pause reminders, quit; clicks on its messages
    open the card they are about."""

    openRequested = Signal()
    dueRequested = Signal()
    cardRequested = Signal(int)
    pauseRequested = Signal(object)  # timedelta, or None to resume
    quitRequested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(icon, parent)
        self.setToolTip("jobhunt-desktop")
        menu = QMenu()
        self._menu = menu  # the tray does not own its menu
        self.open_action = self._add(menu, "&Open jobhunt-desktop", self.openRequested.emit)
        self.due_action = self._add(menu, "Show &due follow-ups", self.dueRequested.emit)
        menu.addSeparator()
        self.pause_hour = self._add(
            menu,
            "Pause reminders for 1 &hour",
            lambda: self.pauseRequested.emit(timedelta(hours=1)),
        )
        self.pause_day = self._add(
            menu,
            "Pause reminders until &tomorrow",
            lambda: self.pauseRequested.emit(timedelta(days=1)),
        )
        self.resume_action = self._add(
            menu, "&Resume reminders", lambda: self.pauseRequested.emit(None)
        )
        menu.addSeparator()
        self.quit_action = self._add(menu, "&Quit", self.quitRequested.emit)
        self.setContextMenu(menu)
        self.activated.connect(self._activated)
        self.messageClicked.connect(self._message_clicked)
        self.last_notice: Notice | None = None
        self.set_paused(False)

    @staticmethod
    def _add(menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def set_paused(self, paused: bool) -> None:
        self.resume_action.setVisible(paused)
        self.pause_hour.setVisible(not paused)
        self.pause_day.setVisible(not paused)

    def show_notice(self, notice: Notice) -> None:
        self.last_notice = notice
        self.showMessage(notice.title, notice.message, self.icon(), 15_000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()

    def _message_clicked(self) -> None:
        notice = self.last_notice
        if notice is not None and notice.application_id is not None:
            self.cardRequested.emit(notice.application_id)
        else:
            self.dueRequested.emit()

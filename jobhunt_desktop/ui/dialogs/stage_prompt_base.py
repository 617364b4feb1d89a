"""What every stage prompt shares, apart from the prompts themselves: the card, the
user's zone and today, the log-or-skip buttons, and logging as one undoable operation.

It lives apart so that `stage_prompts` holds only the three questions (interview,
offer, rejection) and the choice of which one a move calls for.
"""

from __future__ import annotations

from datetime import date, datetime, time

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from jobhunt_desktop.domain.timeutil import at_local, local_date
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import LogResult
from jobhunt_desktop.ui.dialogs.forms import hold_buttons, release_buttons, user_zone
from jobhunt_desktop.ui.operations import Operations, Work

_PAST_EVENT_TIME = time(12, 0)  # an event logged for an earlier day: midday, not midnight


class StagePrompt(QDialog):
    """What the prompts share: the card, the user's zone and today, log-or-skip buttons."""

    accept_text = "&Log it"

    undo_text = "Log it"

    def __init__(self, ops: Operations, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        services = ops.services
        self.application_id = application_id
        self.logged = False
        self.log_result: LogResult | None = None
        self.saving = ""  # the button's own text while it says Saving…
        self.zone = user_zone(services)
        self.now = services.applications.now()
        self.today = local_date(self.now, self.zone)
        self.story = services.applications.story(application_id)
        self.application = self.story.application
        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.accept_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.skip_button: QPushButton = self.buttons.addButton(
            "&Skip", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setToolTip("Close without writing anything down; the move stays.")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def moment(self, day: date) -> datetime:
        """Today means now; an earlier day means midday of it, in the user's zone."""
        return self.now if day >= self.today else at_local(day, _PAST_EVENT_TIME, self.zone)

    def accept(self) -> None:
        if self.logged:
            super().accept()
            return
        if self.saving:
            return
        work = self.logging()  # the form is read now; the write may run on a thread
        self.saving = hold_buttons(self.buttons, self.ok_button)
        self.ops.perform_soon(
            self.undo_text, work, self._logged, parent=self, title="Couldn't save that"
        )

    def _logged(self, result: LogResult | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = release_buttons(self.buttons, self.ok_button, self.saving)
        if result is None:  # the person was told why; the form is as they left it
            return
        self.log_result = result
        self.logged = True
        if self.after_logging():
            super().accept()

    def reject(self) -> None:
        if not self.saving:  # what is on its way is saved: the prompt waits for it
            super().reject()

    def logging(self) -> Work[LogResult]:
        """What the prompt writes, from the form as it stands: a function of the
        services to write through."""
        raise NotImplementedError

    def after_logging(self) -> bool:
        """Return False to keep the dialog open for a second step."""
        return True

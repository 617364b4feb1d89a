"""What every stage prompt shares, apart from the prompts themselves: the card, the
user's zone and today, the log-or-skip buttons, and logging as one undoable operation.

It lives apart so that `stage_prompts` holds only the three questions (interview,
offer, rejection) and the choice of which one a move calls for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from jobhunt_desktop.domain.placement import withdrawal_stage
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.timeutil import at_local, local_date
from jobhunt_desktop.services.applications import StillOpen, Story
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.events import LogResult
from jobhunt_desktop.ui.dialogs.forms import HeldButtons
from jobhunt_desktop.ui.operations import Operations, Work

ERROR = "Couldn't save that"
_PAST_EVENT_TIME = time(12, 0)  # an event logged for an earlier day: midday, not midnight


@dataclass(frozen=True, slots=True)
class PromptFacts:
    """What a prompt after a move shows, read in one go: on a server the window reads
    it off its thread before the prompt opens."""

    zone: str
    now: datetime
    story: Story
    others: tuple[StillOpen, ...] = ()  # the applications still under way elsewhere
    withdrawn_stage: Stage | None = None  # where withdrawing from one of them goes


def read_facts(services: Services, application_id: int, others: bool = False) -> PromptFacts:
    """The facts for a prompt about this card, in one read; `others` when it lists the
    rest."""
    now = services.applications.now()
    if not others:
        story, settings = services.applications.story_and_settings(application_id)
        return PromptFacts(settings.time_zone, now, story)
    story, settings, elsewhere, stages = services.applications.story_and_elsewhere(application_id)
    return PromptFacts(settings.time_zone, now, story, tuple(elsewhere), withdrawal_stage(stages))


class AfterMove(QDialog):
    """What every prompt after a move is made from: the window's operations, the card,
    and the facts read for it (read here when not given); `build` draws the form."""

    wants_others: ClassVar[bool] = False  # see `read_facts`

    def __init__(
        self,
        ops: Operations,
        application_id: int,
        parent: QWidget | None = None,
        facts: PromptFacts | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services: Services = ops.services
        self.application_id = application_id
        self.logged = False
        if facts is None:
            facts = read_facts(ops.services, application_id, self.wants_others)
        self.build(facts)

    def build(self, facts: PromptFacts) -> None:
        raise NotImplementedError


class StagePrompt(AfterMove):
    """What the prompts share: the card, the user's zone and today, log-or-skip buttons."""

    accept_text = "&Log it"

    undo_text = "Log it"

    def build(self, facts: PromptFacts) -> None:
        self.log_result: LogResult | None = None
        self.zone = facts.zone
        self.now = facts.now
        self.today = local_date(self.now, self.zone)
        self.story = facts.story
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
        self.held = HeldButtons(self.buttons, self.ok_button)

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
        elif not self.held.saving:  # the form is read now; the write may run on a thread
            self.held.perform(self.ops, self.undo_text, self.logging(), self._logged, ERROR)

    def _logged(self, result: LogResult) -> None:
        self.log_result = result
        self.logged = True
        if self.after_logging():
            super().accept()

    def reject(self) -> None:
        if not self.held.saving:  # what is on its way is saved: the prompt waits for it
            super().reject()

    def logging(self) -> Work[LogResult]:
        """What the prompt writes, from the form as it stands: a function of the
        services to write through."""
        raise NotImplementedError

    def after_logging(self) -> bool:
        """Return False to keep the dialog open for a second step."""
        return True

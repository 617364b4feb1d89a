"""Finding the dialogs a window opened, through Qt, as a person would see them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from jobhunt_desktop.domain.entities import FollowUpKind
    from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog
    from jobhunt_desktop.ui.dialogs.composer import ComposerDialog
    from jobhunt_desktop.ui.main_window import MainWindow

D = TypeVar("D", bound=QDialog)


def shown(window: QWidget, kind: type[D]) -> D | None:
    """The newest visible dialog of that kind the window (or one of its dialogs) opened."""
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    return found[-1] if found else None


def caught_up(window: MainWindow) -> None:
    """The window has heard of what was written elsewhere until now (its watcher looked
    and the look came back), so a dialog opened next takes none of it for news."""
    import time

    newest = window.operations.services.changes.version()
    window.watcher.poll()
    deadline = time.monotonic() + 10
    while window.watcher._seen < newest or window.watcher._thread.busy:
        assert time.monotonic() < deadline, "the window's watcher did not look"
        QApplication.processEvents()
        time.sleep(0.005)


def opened_card(window: MainWindow, card: int) -> CardDialog:
    """The card's dialog as the window opens it: on a server once its read lands."""
    from jobhunt_desktop.ui.dialogs.card_dialog import CardDialog

    window.open_card(card)
    assert window.operations.finish_saving()
    dialog = shown(window, CardDialog)
    assert dialog is not None and dialog.application_id == card
    return dialog


def opened_composer(
    window: MainWindow,
    card: int,
    followup_id: int | None = None,
    kind: FollowUpKind | None = None,
) -> ComposerDialog | None:
    """The composer as the window opens it (on a server once its read lands), or None
    when it did not open."""
    from jobhunt_desktop.ui.dialogs.composer import ComposerDialog

    before = set(window.findChildren(ComposerDialog))
    window.open_composer(card, followup_id, kind)
    assert window.operations.finish_saving()
    new = [d for d in window.findChildren(ComposerDialog) if d not in before and d.isVisible()]
    return new[-1] if new else None


class ModalAnswers:
    """Answers the modal forms a test's actions open, as a person would: each time a
    form (not a message box) is the active modal widget, `fill` fills it and it is
    accepted. Runs until `stop()`, or the end of the test (tests/ui/conftest.py): one
    left running would answer the next test's forms."""

    running: ClassVar[list[ModalAnswers]] = []

    def __init__(self, fill: Callable[[Any], None], kind: type[QDialog] = QDialog) -> None:
        self.fill = fill
        self.kind = kind  # only forms of this kind (not the card a form opens over)
        self.seen: list[QDialog] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._answer)
        self._timer.start()
        ModalAnswers.running.append(self)

    @classmethod
    def stop_all(cls) -> None:
        for answers in cls.running:
            answers.stop()
        cls.running.clear()

    def _answer(self) -> None:
        form = QApplication.activeModalWidget()
        if (
            isinstance(form, self.kind)
            and not isinstance(form, QMessageBox)
            and form.isVisible()
            and form not in self.seen
        ):
            self.seen.append(form)
            self.fill(form)
            form.accept()

    def stop(self) -> None:
        self._timer.stop()


class Boxes:
    """Answers the message boxes the window opens, recording what each said."""

    def __init__(
        self, *answers: QMessageBox.StandardButton, before: dict[int, object] | None = None
    ) -> None:
        self.answers = list(answers)
        self.seen: list[tuple[str, str]] = []
        self.before = before or {}
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.seen.append((box.windowTitle(), box.informativeText()))
            action = self.before.get(len(self.seen))
            if callable(action):
                action()
            box.button(self.answers.pop(0)).click()
        if self.answers:
            QTimer.singleShot(20, self._look)


def rows(tree: Any) -> list[list[str]]:
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def select_row(tree: Any, predicate: Callable[[list[str]], bool]) -> None:
    for index, values in enumerate(rows(tree)):
        if predicate(values):
            tree.setCurrentItem(tree.topLevelItem(index))
            return
    raise AssertionError(f"no row matches in {rows(tree)}")

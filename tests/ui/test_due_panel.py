"""The Follow-ups panel offscreen, over a real SQLite file with only the clock faked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import (
    QDate,
    QDateTime,
    QItemSelectionModel,
    QPoint,
    QRect,
    Qt,
    QTime,
    QTimeZone,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUp, FollowUpState
from jobhunt_desktop.domain.readmodels import DueRow
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.followups import DueCounts
from jobhunt_desktop.ui.due_model import DueColumn, DueModel, DueRole
from jobhunt_desktop.ui.due_panel import EMPTY_TEXT, DuePanel, SnoozeDialog, summary_text
from tests.ui.finding import ModalAnswers
from tests.ui.operations import operations_for

ZONE = "Europe/Berlin"


def t(text: str) -> datetime:
    return parse_datetime(text, ZONE)


@dataclass
class Hunt:
    acme: int  # interviewed two days ago: its thank-you (R1) is late
    globex: int  # applied a week ago: R5 is due now
    initech: int  # applied today: R5 comes up next week


@pytest.fixture
def hunt(services: Services, clock: FixedClock) -> Hunt:
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    globex = services.applications.add("Globex", "Engineer", stage="Applied").id
    clock.advance(timedelta(days=7))  # Mon 9 Mar 2026, 09:00 in Berlin
    services.events.interview(acme, t("2026-03-07T10:00"), t("2026-03-07T11:00"))
    initech = services.applications.add("Initech", "Analyst", stage="Applied").id
    return Hunt(acme, globex, initech)


@pytest.fixture
def panel(qtbot: QtBot, services: Services, hunt: Hunt) -> DuePanel:
    widget = DuePanel(operations_for(services))
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def table(panel: DuePanel) -> list[tuple[str, ...]]:
    """(When, What, Who, Rule) of every row shown, in order."""
    model = panel.model
    return [
        tuple(model.data(model.index(r, c)) for c in range(DueColumn.RULE + 1))
        for r in range(model.rowCount())
    ]


def row_of(panel: DuePanel, application_id: int | None, rule: str) -> int:
    for number, row in enumerate(panel.rows()):
        f = row.followup
        if f.application_id == application_id and f.rule == rule:
            return number
    raise AssertionError(f"no {rule} row for {application_id}")


def stored(services: Services, application_id: int, rule: str) -> FollowUp:
    return next(f for f in services.followups.chain(application_id) if f.rule == rule)


def click_row(qtbot: QtBot, panel: DuePanel, row: int, *, add: bool = False) -> None:
    rect = panel.view.visualRect(panel.model.index(row, DueColumn.WHAT))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def double_click(qtbot: QtBot, panel: DuePanel, point: QPoint) -> None:
    """As a real double-click arrives: a click, then the double-click on the same spot
    (the view only opens what the first press landed on)."""
    viewport = panel.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)


# the model ------------------------------------------------------------------------------


def test_model_passes_the_qt_model_tester(
    qtmodeltester: ModelTester, services: Services, hunt: Hunt
) -> None:
    model = DueModel()
    qtmodeltester.check(model)  # empty
    now = services.followups.now()
    model.set_rows(services.followups.pending(), now, ZONE)
    assert model.rowCount() == 5 and model.columnCount() == 5
    qtmodeltester.check(model)


def test_late_rows_come_first_then_by_time(panel: DuePanel, hunt: Hunt) -> None:
    rows = table(panel)
    assert rows[0] == (
        "Sat 7 Mar 13:00 · late",  # 2 h after the interview, late after a day
        "Send a thank-you note",
        "Acme — Data Analyst",
        "Thank-you note",
    )
    # Then soonest first, by id: the keep-applying nudge came with the first card, a
    # week ago, and is due at the same time as Globex's status check.
    kinds = ["Thank-you note", "Keep-applying nudge", "Status check", "Next steps to note"]
    assert [r[3] for r in rows] == kinds
    assert rows[2][1:3] == ("Check on the application", "Globex — Engineer")
    assert rows[2][0] == "Mon 9 Mar 09:00"
    assert rows[1][2] == "Your search"  # the nudge belongs to no application

    model = panel.model
    late = model.index(0, DueColumn.WHO)
    assert model.data(late, DueRole.OVERDUE) is True
    assert QColor(model.data(late, Qt.ItemDataRole.ForegroundRole).color()) == QColor("#d32f2f")
    font = model.data(late, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    on_time = model.index(1, DueColumn.WHO)
    assert model.data(on_time, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(on_time, Qt.ItemDataRole.FontRole) is None

    assert model.data(late, DueRole.APPLICATION_ID) == hunt.acme
    assert model.data(late, DueRole.FOLLOWUP_ID) == stored(panel.services, hunt.acme, "R1").id
    assert model.data(model.index(1, 0), DueRole.APPLICATION_ID) is None
    assert model.data(model.index(2, DueColumn.WHY)) == "No news since applying on Mon 2 Mar 2026"
    when_tip = model.data(model.index(0, DueColumn.WHEN), Qt.ItemDataRole.ToolTipRole)
    assert "Late since Sun 8 Mar 11:00" in when_tip
    rule_tip = model.data(model.index(0, DueColumn.RULE), Qt.ItemDataRole.ToolTipRole)
    assert rule_tip.startswith("Thank-you note: ") and "R1" not in rule_tip


def test_only_due_now_hides_what_comes_later(panel: DuePanel, hunt: Hunt) -> None:
    assert panel.due_only.isChecked()
    assert all(r.followup.application_id != hunt.initech for r in panel.rows())
    panel.due_only.setChecked(False)
    last = panel.rows()[-1].followup
    assert (last.application_id, last.rule) == (hunt.initech, "R5")
    model = panel.model
    later = model.index(model.rowCount() - 1, DueColumn.WHEN)
    assert model.data(later) == "Mon 16 Mar 09:00"
    assert QColor(model.data(later, Qt.ItemDataRole.ForegroundRole).color()) == QColor("#8a8a8a")
    assert "Not due yet" in model.data(later, Qt.ItemDataRole.ToolTipRole)


# acting on rows --------------------------------------------------------------------------


def test_snooze_an_hour_takes_it_off_due_now_and_saves_it(
    qtbot: QtBot, panel: DuePanel, services: Services, clock: FixedClock, hunt: Hunt
) -> None:
    click_row(qtbot, panel, row_of(panel, hunt.globex, "R5"))
    assert panel.snooze_button.isEnabled()
    hour = panel.snooze_actions[0]
    assert hour.text() == "In 1 hour (Mon 9 Mar 10:00)"
    with qtbot.waitSignal(panel.ops.changed, timeout=1000):
        hour.trigger()
    f = stored(services, hunt.globex, "R5")
    assert f.state is FollowUpState.SNOOZED
    assert f.snoozed_until == clock.now() + timedelta(hours=1)
    assert all(r.followup.id != f.id for r in panel.rows())
    assert f.id not in [d.followup.id for d in services.followups.due()]

    panel.due_only.setChecked(False)  # still open, greyed, marked as snoozed
    row = row_of(panel, hunt.globex, "R5")
    assert panel.model.data(panel.model.index(row, DueColumn.WHEN)) == "Mon 9 Mar 10:00 · snoozed"
    panel.due_only.setChecked(True)
    clock.advance(timedelta(hours=2))
    panel.refresh()
    assert row_of(panel, hunt.globex, "R5") >= 0  # back when the time comes


def test_tomorrow_morning_and_next_week_use_the_reminder_time(
    qtbot: QtBot, panel: DuePanel, services: Services, hunt: Hunt
) -> None:
    services.settings.set("reminder_time", "08:30")
    panel.refresh()
    tomorrow, week = panel.snooze_actions[1], panel.snooze_actions[2]
    assert tomorrow.text() == "Tomorrow morning (Tue 10 Mar 08:30)"
    assert week.text() == "Next week (Mon 16 Mar 08:30)"
    click_row(qtbot, panel, row_of(panel, hunt.acme, "R1"))
    with qtbot.waitSignal(panel.ops.changed, timeout=1000):
        tomorrow.trigger()
    assert stored(services, hunt.acme, "R1").snoozed_until == t("2026-03-10T08:30")


def test_snooze_to_a_picked_time_acts_on_every_selected_row(
    qtbot: QtBot, panel: DuePanel, services: Services, hunt: Hunt
) -> None:
    click_row(qtbot, panel, row_of(panel, hunt.acme, "R1"))
    click_row(qtbot, panel, row_of(panel, hunt.globex, "R5"), add=True)
    assert len(panel.selected_followup_ids()) == 2
    asked: list[datetime] = []

    def pick(form: QDialog) -> None:  # the real dialog, as a person fills it in
        assert isinstance(form, SnoozeDialog)
        asked.append(form.chosen())
        form.editor.setDateTime(QDateTime(QDate(2026, 3, 12), QTime(14, 15), QTimeZone.utc()))

    answers = ModalAnswers(pick)
    with qtbot.waitSignal(panel.ops.changed, timeout=1000):
        panel.pick_action.trigger()
    answers.stop()
    assert asked == [t("2026-03-10T09:00")]  # tomorrow morning is offered first
    for app_id, rule in ((hunt.acme, "R1"), (hunt.globex, "R5")):
        f = stored(services, app_id, rule)
        assert (f.state, f.snoozed_until) == (FollowUpState.SNOOZED, t("2026-03-12T14:15"))
    assert [r.followup.rule for r in panel.rows()] == ["R12", "R2"]


def test_snooze_dialog_reads_the_users_zone(qtbot: QtBot, services: Services) -> None:
    dialog = SnoozeDialog(t("2026-03-10T09:00"), t("2026-03-09T09:00"), ZONE)
    qtbot.addWidget(dialog)
    assert dialog.wall_time() == datetime(2026, 3, 10, 9, 0)
    assert dialog.chosen() == t("2026-03-10T09:00")  # 08:00 UTC, not 09:00 UTC


def test_dismiss_with_the_button_closes_every_selected_row(
    qtbot: QtBot, panel: DuePanel, services: Services, hunt: Hunt
) -> None:
    assert not panel.dismiss_button.isEnabled()  # nothing selected yet
    click_row(qtbot, panel, row_of(panel, hunt.acme, "R1"))
    click_row(qtbot, panel, row_of(panel, hunt.acme, "R2"), add=True)
    with qtbot.waitSignal(panel.ops.changed, timeout=1000):
        qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert stored(services, hunt.acme, "R1").state is FollowUpState.DISMISSED
    assert stored(services, hunt.acme, "R2").state is FollowUpState.DISMISSED
    assert stored(services, hunt.globex, "R5").state is FollowUpState.PENDING
    assert [r.followup.rule for r in panel.rows()] == ["R12", "R5"]
    assert services.followups.counts() == DueCounts(due_today=2, overdue=0)


def test_a_follow_up_closed_elsewhere_is_reported_not_written(
    qtbot: QtBot, panel: DuePanel, services: Services, hunt: Hunt
) -> None:
    click_row(qtbot, panel, row_of(panel, hunt.globex, "R5"))
    f = stored(services, hunt.globex, "R5")
    services.followups.dismiss(f.id)  # say, by the reminder service in the meantime
    with qtbot.assertNotEmitted(panel.ops.changed):
        panel.snooze_actions[0].trigger()
    assert panel.message.isVisible()
    assert "already dismissed" in panel.message.text()
    assert stored(services, hunt.globex, "R5").state is FollowUpState.DISMISSED
    assert all(r.followup.id != f.id for r in panel.rows())


def test_double_click_and_enter_ask_to_open_the_application(
    qtbot: QtBot, panel: DuePanel, hunt: Hunt
) -> None:
    index = panel.model.index(row_of(panel, hunt.globex, "R5"), DueColumn.WHAT)
    point = panel.view.visualRect(index).center()
    with qtbot.waitSignal(panel.openRequested, timeout=1000) as opened:
        double_click(qtbot, panel, point)
    assert opened.args == [hunt.globex]

    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row_of(panel, hunt.acme, "R1"), 0))
    with qtbot.waitSignal(panel.openRequested, timeout=1000) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [hunt.acme]

    search = panel.model.index(row_of(panel, None, "R12"), DueColumn.WHAT)
    with qtbot.assertNotEmitted(panel.openRequested):
        double_click(qtbot, panel, panel.view.visualRect(search).center())


# counts and the empty state ---------------------------------------------------------------


def test_summary_text() -> None:
    assert summary_text(DueCounts(0, 0)) == "Nothing due today"
    assert summary_text(DueCounts(3, 1)) == "3 due today · 1 overdue"
    assert summary_text(DueCounts(2, 0)) == "2 due today"
    assert summary_text(DueCounts(0, 4)) == "4 overdue"


def test_counts_come_from_the_store(panel: DuePanel, hunt: Hunt) -> None:
    assert panel.counts() == DueCounts(due_today=3, overdue=1)
    assert summary_text(panel.counts()) == "3 due today · 1 overdue"


def test_empty_state_says_nothing_to_chase(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    panel = DuePanel(operations_for(services))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    assert not panel.snooze_button.isEnabled() and not panel.dismiss_button.isEnabled()

    services.applications.add("Acme", "Analyst", stage="Applied")  # R5 and R12 next week
    panel.refresh()
    assert panel.stack.currentWidget() is panel.empty
    assert "2 more come up later" in panel.empty.text()
    clock.advance(timedelta(days=7))
    panel.refresh()
    assert panel.stack.currentWidget() is panel.view
    nudge = panel.rows()[row_of(panel, None, "R12")]
    panel.view.selectRow(row_of(panel, None, "R12"))
    panel.dismiss_selected()
    panel.view.selectRow(0)
    panel.dismiss_selected()
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text().startswith(EMPTY_TEXT)
    assert "1 more comes up later" in panel.empty.text()  # next week's nudge
    assert nudge.followup.id not in [d.followup.id for d in services.followups.pending()]


def test_buttons_explain_themselves_and_have_keys(panel: DuePanel) -> None:
    assert panel.snooze_button.text() == "Snoo&ze" and panel.snooze_button.toolTip()
    assert panel.dismiss_button.text() == "&Dismiss" and panel.dismiss_button.toolTip()
    assert panel.due_only.text() == "Only due &now" and panel.due_only.toolTip()
    assert not panel.view.isSortingEnabled()
    assert panel.view.selectionBehavior() == panel.view.SelectionBehavior.SelectRows
    assert panel.view.alternatingRowColors()


def test_selection_survives_a_refresh(panel: DuePanel, hunt: Hunt) -> None:
    keep = row_of(panel, hunt.globex, "R5")
    panel.view.selectionModel().select(
        panel.model.index(keep, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    before = panel.selected_followup_ids()
    panel.refresh()
    assert panel.selected_followup_ids() == before


def test_snooze_dialog_refuses_a_time_that_happens_twice(qtbot: QtBot) -> None:
    # Berlin's clocks go back at 03:00 on 25 Oct 2026: 02:30 happens twice.
    dialog = SnoozeDialog(t("2026-10-24T09:00"), t("2026-10-20T09:00"), ZONE)
    qtbot.addWidget(dialog)
    dialog.editor.setDateTime(
        QDateTime(QDate(2026, 10, 25), QTime(2, 30), QTimeZone.utc())  # wall-clock numbers
    )
    dialog.show()
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "twice" in dialog.problem.text()
    dialog.editor.setDateTime(QDateTime(QDate(2026, 10, 25), QTime(4, 0), QTimeZone.utc()))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == t("2026-10-25T04:00")


def test_refreshing_the_moved_cards_reads_only_theirs_and_matches_a_full_reload(
    panel: DuePanel, services: Services, hunt: Hunt
) -> None:
    panel.due_only.setChecked(False)

    def chains(rows: list[DueRow]) -> dict[int | None, set[int]]:
        found: dict[int | None, set[int]] = {}
        for row in rows:
            found.setdefault(row.followup.application_id, set()).add(row.followup.id)
        return found

    def matches_a_full_reload() -> bool:
        told = panel.rows()
        panel.refresh()
        return told == panel.rows()

    before = chains(panel.rows())
    moved = services.applications.move([hunt.acme], "Rejected")  # closes Acme's chain
    services.applications.move([hunt.globex], "Wishlist")  # the panel is not told of this
    panel.refresh([hunt.acme])
    after = chains(panel.rows())
    assert after.get(hunt.acme, set()) != before[hunt.acme]
    assert after[hunt.globex] == before[hunt.globex]  # not read again
    panel.refresh([hunt.globex])
    assert matches_a_full_reload()
    services.undo.put_back(moved.before, moved.changes.history)  # undo: Acme's chain is back
    panel.refresh([hunt.acme])
    assert chains(panel.rows())[hunt.acme] and matches_a_full_reload()


# how the panel reads --------------------------------------------------------------------


def test_each_follow_up_reads_in_two_lines_in_a_narrow_panel(
    qtbot: QtBot, panel: DuePanel, hunt: Hunt
) -> None:
    """What to do, then for whom and when: one painted column, however narrow."""
    panel.resize(300, 400)
    qtbot.waitExposed(panel)
    panel.refresh()  # a new read resets the model: still one column
    view = panel.view
    shown = [c for c in DueColumn if not view.isColumnHidden(c)]
    assert shown == [DueColumn.WHAT]
    assert view.horizontalHeader().isHidden()
    assert view.rowHeight(0) >= 2 * view.fontMetrics().height()
    assert view.columnWidth(DueColumn.WHAT) >= view.viewport().width() - 2  # no sideways scroll

    first = panel.model.index(0, DueColumn.WHAT)
    spoken = panel.model.data(first, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Send a thank-you note, Acme — Data Analyst, Sat 7 Mar 13:00 · late"
    tip = panel.model.data(first, Qt.ItemDataRole.ToolTipRole)
    for part in (
        "Send a thank-you note",
        "Acme — Data Analyst",
        "Late since",
        "Why: ",
        "Thank-you",
    ):
        assert part in tip

    image = view.viewport().grab().toImage()
    late_row = view.visualRect(first)
    later_row = view.visualRect(panel.model.index(1, DueColumn.WHAT))

    def reddish(rect: QRect) -> int:
        return sum(
            1
            for y in range(rect.top(), rect.bottom())
            for x in range(rect.left(), rect.right())
            if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 110 and c.blue() < 110
        )

    assert reddish(late_row) > 40  # the late one is written in the late colour
    assert reddish(later_row) == 0


def test_the_keyboard_walks_the_rows_of_the_one_column(qtbot: QtBot, panel: DuePanel) -> None:
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, DueColumn.WHAT))
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == 1
    assert panel.view.currentIndex().column() == DueColumn.WHAT
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)  # nowhere to go sideways
    assert panel.view.currentIndex().column() == DueColumn.WHAT
    assert panel.view.selectionModel().isRowSelected(1)


def test_the_panel_names_kinds_of_follow_up_never_rule_numbers(panel: DuePanel) -> None:
    import re

    model = panel.model
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
    said = [
        str(model.data(model.index(row, column), role) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        for role in roles
    ]
    said += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in DueColumn]
    assert said and not [text for text in said if re.search(r"\bR\d+\b", text)]
    assert "Keep-applying nudge" in said

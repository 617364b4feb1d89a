"""What a card looks like: read back from the pixels a real list view paints."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import Stage, StageKind
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.ui.board.card_delegate import CARD_HEIGHT, MARGIN, OVERDUE, PRIORITY_COLOURS
from jobhunt_desktop.ui.board.column_model import ColumnModel
from jobhunt_desktop.ui.board.column_widget import CardListView

ZONE = "Europe/Berlin"
NOW = parse_datetime("2026-03-10T12:00", ZONE)
STAGE = Stage(1, "Applied", 1, "#3b82f6", StageKind.OPEN)


def row(card_id: int, priority: int = 0, due_days: int | None = None) -> BoardRow:
    due = NOW + timedelta(days=due_days) if due_days is not None else None
    return BoardRow(
        card_id,
        f"Company {card_id}",
        "Data Analyst",
        STAGE.id,
        float(card_id),
        priority,
        (),
        None,
        None,
        NOW - timedelta(days=3),
        None,
        due,
        None,  # no follow-up with a late mark of its own
        due,  # the one due is late from the end of its day
    )


@pytest.fixture
def view(qtbot: QtBot) -> CardListView:
    model = ColumnModel(STAGE, lambda: NOW, lambda: ZONE)
    model.set_rows([row(1, priority=2), row(2, due_days=-3), row(3, due_days=4), row(4)])
    view = CardListView()
    view.setModel(model)
    view.resize(214, 4 * CARD_HEIGHT + 10)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def card_image(view: CardListView, number: int) -> QImage:
    """The painted pixels of one card, its margins trimmed off."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(number, 0))
    rect.setWidth(min(rect.width(), image.width()))  # cards are painted as wide as the view
    inner = rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
    return image.copy(QRect(inner.topLeft(), inner.size()))


def count(image: QImage, colour: str, box: QRect | None = None, slack: int = 40) -> int:
    """Pixels within `slack` of `colour` (antialiasing blends edges) in `box`."""
    want = QColor(colour)
    area = box or image.rect()
    found = 0
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            got = image.pixelColor(x, y)
            if (
                abs(got.red() - want.red())
                + abs(got.green() - want.green())
                + abs(got.blue() - want.blue())
                <= slack
            ):
                found += 1
    return found


def background(image: QImage) -> QColor:
    """A point inside the card's frame that no text reaches."""
    return image.pixelColor(image.width() // 2, image.height() // 2 + 4)


def test_the_priority_stripe_is_painted_only_on_prioritised_cards(view: CardListView) -> None:
    stripe = QRect(1, 10, 4, 20)
    assert count(card_image(view, 0), PRIORITY_COLOURS[2], stripe) >= 40
    assert count(card_image(view, 3), PRIORITY_COLOURS[2], stripe) == 0


def test_a_late_follow_up_is_written_in_red_and_a_coming_one_is_not(
    view: CardListView,
) -> None:
    bottom_right = QRect(100, CARD_HEIGHT - 30, 100, 24)
    assert count(card_image(view, 1), OVERDUE, bottom_right) > 10  # "Follow-up 3 d late"
    assert count(card_image(view, 2), OVERDUE, bottom_right) == 0  # "Follow-up in 4 d"


def test_a_card_being_saved_says_so_in_place_of_its_follow_up(
    view: CardListView, qtbot: QtBot
) -> None:
    model = view.model()
    assert isinstance(model, ColumnModel)
    bottom_right = QRect(100, CARD_HEIGHT - 30, 100, 24)
    late = card_image(view, 1)
    model.set_saving([2], True)  # the late card, moved, its move on its way to the server
    qtbot.waitUntil(lambda: count(card_image(view, 1), OVERDUE, bottom_right) == 0)
    saving = card_image(view, 1)
    assert saving != late and count(saving, OVERDUE) == 0  # "Saving…", not in red
    model.set_saving([2], False)
    qtbot.waitUntil(lambda: count(card_image(view, 1), OVERDUE, bottom_right) > 10)


def test_a_selected_card_is_highlighted_and_the_others_stay_plain(
    view: CardListView, qtbot: QtBot
) -> None:
    plain = background(card_image(view, 3))
    assert plain == view.palette().color(QPalette.ColorRole.Base)
    view.selectionModel().select(
        view.model().index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.waitUntil(lambda: background(card_image(view, 3)) != plain)
    assert background(card_image(view, 2)) == plain


def test_cards_follow_a_change_of_colour_scheme(view: CardListView, qtbot: QtBot) -> None:
    """Frames are cached by their colours: a new palette must not reuse old ones."""
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f1f1f1"))
    view.setPalette(palette)
    qtbot.waitUntil(lambda: background(card_image(view, 3)) == QColor("#202124"))
    assert count(card_image(view, 3), "#f1f1f1", slack=60) > 20  # light text on dark


def test_the_board_scrolls_with_slim_bars_that_follow_the_colour_scheme(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from jobhunt_desktop.ui.board.board_widget import BoardWidget

    board = BoardWidget(lambda: NOW, lambda: ZONE)
    board.set_stages([STAGE])
    board.set_rows([row(n) for n in range(1, 40)])
    board.resize(400, 500)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitExposed(board)
    bar = board.columns[0].view.verticalScrollBar()
    qtbot.waitUntil(bar.isVisible)
    assert bar.width() <= 12  # slim, not the style's own bar

    def handle() -> set[str]:
        image = bar.grab().toImage()
        return {image.pixelColor(image.width() // 2, y).name() for y in range(image.height())}

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    assert before.color(QPalette.ColorRole.Mid).name() in handle()
    try:
        scheme = QPalette(before)
        scheme.setColor(QPalette.ColorRole.Mid, QColor("#7c3aed"))
        app.setPalette(scheme)
        qtbot.waitUntil(lambda: "#7c3aed" in handle())
    finally:
        app.setPalette(before)


def test_the_follow_up_and_the_days_in_the_stage_never_overlap(qtbot: QtBot) -> None:
    """Side by side; when they do not fit, the days shorten ("218 d"), then give way."""
    model = ColumnModel(STAGE, lambda: NOW, lambda: ZONE)
    model.set_rows(
        [  # "218 d here" and "Follow-up 473 d late"; "12 d here" and "Follow-up 2 d late"
            row(1, due_days=-473)._replace(stage_entered_at=NOW - timedelta(days=218)),
            row(2, due_days=-2)._replace(stage_entered_at=NOW - timedelta(days=12)),
        ]
    )
    view = CardListView()
    view.setModel(model)
    view.resize(198, 2 * CARD_HEIGHT + 10)  # as wide as a column's cards
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)

    def columns(image: QImage, is_ink: Callable[[QColor], bool]) -> list[int]:
        """The x of every column of the bottom line with some ink of that kind."""
        line = QRect(4, CARD_HEIGHT - 24, image.width() - 8, 18)  # inside the frame
        return [
            x
            for x in range(line.left(), line.right() + 1)
            if any(is_ink(image.pixelColor(x, y)) for y in range(line.top(), line.bottom() + 1))
        ]

    def red(c: QColor) -> bool:
        return c.red() > 150 and c.green() < 120 and c.blue() < 120

    def grey(c: QColor) -> bool:  # the muted text; the frame's line is lighter
        return max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) < 12 and (
            c.red() < 200
        )

    for number in (0, 1):
        image = card_image(view, number)
        reds, greys = columns(image, red), columns(image, grey)
        assert reds, "the late follow-up is written"
        assert greys, "and the days in the stage, shortened if need be"
        assert max(greys) < min(reds)


def test_among_several_selected_cards_the_current_one_is_marked(view: CardListView) -> None:
    model = view.model()
    selection = view.selectionModel()
    view.setFocus()
    for number in (1, 2):
        selection.select(model.index(number, 0), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(model.index(2, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    current, other = card_image(view, 2), card_image(view, 1)
    ink = view.palette().color(QPalette.ColorRole.Text).name()
    ring = QRect(3, 3, current.width() - 7, 2)  # along the top, just inside the frame
    assert count(current, ink, ring) > 20  # Enter opens this one, and it shows
    assert count(other, ink, ring) < 5

"""A column of thousands: the view knows the first cards and fetches more on scrolling,
and a drop lands where the person saw it go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from jobhunt_desktop.ui.board.column_model import PAGE, ColumnModel, encode_ids
from jobhunt_desktop.ui.board.column_widget import CardListView
from tests.ui.test_card_painting import NOW, STAGE, ZONE, row

LONG = PAGE + 50


@pytest.fixture
def model() -> ColumnModel:
    model = ColumnModel(STAGE, lambda: NOW, lambda: ZONE)
    model.set_rows([row(number) for number in range(1, LONG + 1)])
    return model


def test_a_long_column_shows_a_page_and_fetches_the_rest_on_demand(model: ColumnModel) -> None:
    assert model.rowCount() == PAGE
    assert (model.shown(), model.total()) == (LONG, LONG)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == LONG
    assert not model.canFetchMore(QModelIndex())


def test_scrolling_to_the_end_of_the_view_brings_the_next_cards(
    qtbot: QtBot, model: ColumnModel
) -> None:
    view = CardListView()
    view.setModel(model)
    view.resize(214, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == LONG, timeout=2000)


def test_a_drop_below_the_last_card_shown_lands_right_after_it(model: ColumnModel) -> None:
    dropped: list[tuple[list[int], int, int]] = []
    model.cardsDropped.connect(lambda ids, stage, index: dropped.append((ids, stage, index)))
    model.dropMimeData(encode_ids([9999]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert dropped == [([9999], STAGE.id, PAGE)]  # before the first card not fetched yet


def test_a_card_arriving_among_the_cards_shown_becomes_a_row_and_one_beyond_does_not(
    model: ColumnModel,
) -> None:
    after_the_last_shown = row(9001)._replace(position=PAGE + 0.5)
    model.put_cards([after_the_last_shown], ())
    assert model.rowCount() == PAGE + 1
    assert model.row_of(9001) == PAGE
    far_down = row(9002)._replace(position=LONG - 0.5)
    model.put_cards([far_down], ())
    assert model.rowCount() == PAGE + 1
    assert model.row_of(9002) is None and model.holds(9002)
    assert model.shown() == LONG + 2
    model.expose([9002])  # a card the person is taken to is fetched with those before it
    assert model.row_of(9002) == LONG


def test_a_card_leaving_from_beyond_the_page_leaves_the_rows_shown_alone(
    model: ColumnModel,
) -> None:
    model.put_cards([], [LONG])
    assert model.rowCount() == PAGE and model.total() == LONG - 1
    model.put_cards([], [1])
    assert model.rowCount() == PAGE - 1 and model.card(0).id == 2

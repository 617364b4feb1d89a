"""Paints a card: no widget per card, so a column of thousands scrolls smoothly."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from jobhunt_desktop.domain.lateness import card_late_from, days_in_stage
from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.ui.board.column_model import ColumnModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

CARD_HEIGHT = 78
MARGIN = 4
PRIORITY_COLOURS = {2: "#dc2626", 1: "#f59e0b", -1: "#94a3b8"}
OVERDUE = "#dc2626"
SAVING = "Saving…"
PLAIN, SELECTED, FOCUSED = range(3)  # a card's look: focus alone thickens the border


def next_follow_up_text(card: BoardRow, now: datetime, zone_name: str) -> tuple[str, bool]:
    """(text, is_late) for the card's next reminder; late as everywhere else
    (`domain.lateness`): the card is late when any of its open follow-ups is."""
    due = card.next_remind_at
    if due is None:
        return "", False
    if due > now:
        delta = due - now
        if delta.days == 0:
            return f"Follow-up in {max(1, int(delta.total_seconds() // 3600))} h", False
        return f"Follow-up in {delta.days} d", False
    late_from = card_late_from(card.next_late_mark_at, card.next_unmarked_at, zone_name)
    if late_from is None or late_from > now:
        return "Follow-up due", False
    days = (local_date(now, zone_name) - local_date(due, zone_name)).days
    return ("Follow-up late" if days < 1 else f"Follow-up {days} d late"), True


class CardFonts(NamedTuple):
    """The four faces a card uses, made once per view font instead of once per card."""

    company: QFont
    company_metrics: QFontMetrics
    regular: QFont
    regular_metrics: QFontMetrics
    small: QFont
    small_metrics: QFontMetrics
    late: QFont
    late_metrics: QFontMetrics

    @classmethod
    def for_font(cls, font: QFont) -> CardFonts:
        company = QFont(font)
        company.setBold(True)
        regular = QFont(font)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        late = QFont(small)
        late.setBold(True)
        return cls(
            company,
            QFontMetrics(company),
            regular,
            QFontMetrics(regular),
            small,
            QFontMetrics(small),
            late,
            QFontMetrics(late),
        )


class CardColours(NamedTuple):
    """A palette's colours for cards, looked up once per palette."""

    base: QColor
    border: QColor
    selected_base: QColor
    selected_border: QColor
    text: QColor
    muted: QColor
    overdue: QColor

    def key(self) -> str:
        """Names the colours, for frames shared by every column's delegate."""
        return "".join(colour.name(QColor.NameFormat.HexArgb) for colour in self)

    @classmethod
    def for_palette(cls, palette: QPalette) -> CardColours:
        role = QPalette.ColorRole
        highlight = palette.color(role.Highlight)
        dark = palette.color(role.Window).lightness() < 128
        return cls(
            base=palette.color(role.Base),
            border=palette.color(role.Mid),
            selected_base=highlight.darker(160) if dark else highlight.lighter(185),
            selected_border=highlight,
            text=palette.color(role.Text),
            muted=palette.color(role.PlaceholderText),
            overdue=QColor(OVERDUE),
        )


class CardDelegate(QStyledItemDelegate):
    """Paints cards for one list view.

    Painting is the board's hot path: the first picture paints some fifty cards, and
    scrolling repaints a column at a time. So the fonts and colours are worked out
    once (again when the view's font or palette changes), and a card's frame (its
    antialiased rounded border and priority stripe, slow to draw) is drawn once per
    size, state and palette into a pixmap that each card then copies.

    Selection and focus come from the view, not from ``option.state``: reading that
    makes PySide build every ``QStyle`` enum before the first paint.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._fonts: tuple[str, CardFonts] | None = None
        self._colours: tuple[int, CardColours, str] | None = None

    def fonts(self, font: QFont) -> CardFonts:
        key = font.key()
        if self._fonts is None or self._fonts[0] != key:
            self._fonts = (key, CardFonts.for_font(font))
        return self._fonts[1]

    def colours(self, palette: QPalette) -> tuple[CardColours, str]:
        """The palette's card colours and their name (a scheme change renames them)."""
        key = palette.cacheKey()
        if self._colours is None or self._colours[0] != key:
            colours = CardColours.for_palette(palette)
            self._colours = (key, colours, colours.key())
        return self._colours[1], self._colours[2]

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(220, CARD_HEIGHT)

    @staticmethod
    def frame(
        colours: CardColours,
        colours_key: str,
        width: int,
        height: int,
        ratio: float,
        look: int,
        priority: int,
    ) -> QPixmap:
        """The card's border and priority stripe, drawn once and then copied.

        Frames live in Qt's pixmap cache, shared by every column's delegate; their key
        names the colours, so a frame of an old colour scheme is never reused.
        """
        key = f"jobhunt-card:{colours_key}:{width}x{height}@{ratio}:{look}:{priority}"
        pixmap = QPixmap()
        if QPixmapCache.find(key, pixmap):
            return pixmap
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen_width = 1 if look == PLAIN else 2
        border = colours.selected_border if look == SELECTED else colours.border
        painter.setPen(QPen(border, pen_width))
        painter.setBrush(colours.selected_base if look == SELECTED else colours.base)
        inset = pen_width / 2  # the pen straddles the outline: keep it inside the pixmap
        painter.drawRoundedRect(QRectF(inset, inset, width - pen_width, height - pen_width), 6, 6)
        accent = PRIORITY_COLOURS.get(priority)
        if accent is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(accent))
            painter.drawRoundedRect(QRectF(1, 6, 4, height - 12), 2, 2)
        painter.end()
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        if not isinstance(model, ColumnModel):
            return
        card = model.card(index.row())
        now = model.now()
        rect = option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
        view = self._view
        selection = view.selectionModel()
        selected = selection is not None and selection.isSelected(index)
        focused = view.hasFocus() and view.currentIndex() == index
        colours, colours_key = self.colours(option.palette)
        fonts = self.fonts(option.font)

        look = SELECTED if selected else FOCUSED if focused else PLAIN
        ratio = painter.device().devicePixelRatioF()
        frame = self.frame(
            colours, colours_key, rect.width(), rect.height(), ratio, look, card.priority
        )
        painter.save()
        painter.drawPixmap(rect.topLeft(), frame)
        if selected and focused and len(selection.selectedIndexes()) > 1:
            # Among several selected cards, the current one (what Enter opens) shows it.
            painter.setPen(QPen(colours.text, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(3.5, 3.5, -3.5, -3.5), 4, 4)

        inner = rect.adjusted(12, 6, -8, -6)
        left, top, width = inner.left(), inner.top(), inner.width()
        painter.setFont(fonts.company)
        painter.setPen(colours.text)
        metrics = fonts.company_metrics
        painter.drawText(
            left,
            top + metrics.ascent(),
            metrics.elidedText(card.company, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(fonts.regular)
        metrics = fonts.regular_metrics
        painter.drawText(
            left,
            top + metrics.height() + metrics.ascent(),
            metrics.elidedText(card.title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(fonts.small)
        metrics = fonts.small_metrics
        bottom = inner.bottom() - metrics.descent()
        days = days_in_stage(card.stage_entered_at, now, model.zone())
        room = width  # for the days in the stage, left of the follow-up
        if model.is_saving(card.id):  # where it was put, not yet in the store
            follow, late = SAVING, False
        else:
            follow, late = next_follow_up_text(card, now, model.zone())
        if follow:
            follow_metrics = fonts.late_metrics if late else metrics
            follow_x = left + width - follow_metrics.horizontalAdvance(follow)
            painter.setPen(colours.overdue if late else colours.muted)
            painter.setFont(fonts.late if late else fonts.small)
            painter.drawText(follow_x, bottom, follow)
            painter.setFont(fonts.small)
            room = follow_x - left - 6
        # The follow-up matters more: the days in the stage shorten, then give way.
        for age in (f"{days} d here" if days != 1 else "1 day here", f"{days} d"):
            if metrics.horizontalAdvance(age) <= room:
                painter.setPen(colours.muted)
                painter.drawText(left, bottom, age)
                break
        painter.restore()

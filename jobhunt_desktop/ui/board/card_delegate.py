"""Paints a card: no widget per card, so a column of thousands scrolls smoothly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.ui.board.column_model import CardRole, ColumnModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

CARD_HEIGHT = 78
MARGIN = 4
PRIORITY_COLOURS = {2: QColor("#dc2626"), 1: QColor("#f59e0b"), -1: QColor("#94a3b8")}
PRIORITY_NAMES = {2: "Top priority", 1: "High priority", -1: "Low priority"}
OVERDUE = QColor("#dc2626")


def days_in_stage(card: BoardRow, now: datetime) -> int:
    return max(0, (now - card.stage_entered_at).days)


def next_follow_up_text(card: BoardRow, now: datetime, zone_name: str) -> tuple[str, bool]:
    """(text, is_late) for the card's next reminder; late as in the Due panel: past its
    own late mark, or due before today began in the user's zone."""
    due = card.next_remind_at
    if due is None:
        return "", False
    if due > now:
        delta = due - now
        if delta.days == 0:
            return f"Follow-up in {max(1, int(delta.total_seconds() // 3600))} h", False
        return f"Follow-up in {delta.days} d", False
    today = local_date(now, zone_name)
    late_mark = card.next_overdue_at
    late = late_mark <= now if late_mark is not None else local_date(due, zone_name) < today
    if not late:
        return "Follow-up due", False
    days = (today - local_date(due, zone_name)).days
    return ("Follow-up late" if days < 1 else f"Follow-up {days} d late"), True


@dataclass(frozen=True)
class CardFonts:
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


class CardDelegate(QStyledItemDelegate):
    """Paints cards for one list view.

    Selection and focus come from the view, not from ``option.state``: reading that
    makes PySide build every ``QStyle`` enum, which costs the first paint ~6 ms.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._fonts: dict[str, CardFonts] = {}

    def fonts(self, font: QFont) -> CardFonts:
        key = font.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = CardFonts.for_font(font)
        return fonts

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(220, CARD_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CardRole.ROW)
        model = index.model()
        if not isinstance(card, BoardRow) or not isinstance(model, ColumnModel):
            return
        now = model.now()
        palette = option.palette
        rect: QRect = option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
        view = self._view
        selection = view.selectionModel()
        selected = selection is not None and selection.isSelected(index)
        focused = view.hasFocus() and view.currentIndex() == index

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Mid)
        if selected:
            base = palette.color(QPalette.ColorRole.Highlight).lighter(185)
            if palette.color(QPalette.ColorRole.Window).lightness() < 128:
                base = palette.color(QPalette.ColorRole.Highlight).darker(160)
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(border, 2 if focused or selected else 1))
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(rect), 6, 6)

        accent = PRIORITY_COLOURS.get(card.priority)
        if accent is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(
                QRectF(rect.left() + 1, rect.top() + 6, 4, rect.height() - 12), 2, 2
            )

        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        inner = rect.adjusted(12, 6, -8, -6)
        fonts = self.fonts(option.font)
        painter.setFont(fonts.company)
        painter.setPen(text)
        metrics = fonts.company_metrics
        painter.drawText(
            inner.left(),
            inner.top() + metrics.ascent(),
            metrics.elidedText(card.company, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setFont(fonts.regular)
        metrics = fonts.regular_metrics
        line = metrics.height()
        painter.drawText(
            inner.left(),
            inner.top() + line + metrics.ascent(),
            metrics.elidedText(card.title, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setFont(fonts.small)
        metrics = fonts.small_metrics
        bottom = inner.bottom() - metrics.descent()
        days = days_in_stage(card, now)
        painter.setPen(muted)
        age = f"{days} d here" if days != 1 else "1 day here"
        painter.drawText(inner.left(), bottom, age)
        follow, late = next_follow_up_text(card, now, model.zone())
        if follow:
            painter.setPen(OVERDUE if late else muted)
            if late:
                painter.setFont(fonts.late)
                metrics = fonts.late_metrics
            width = metrics.horizontalAdvance(follow)
            painter.drawText(inner.right() - width, bottom, follow)
        painter.restore()

"""A follow-up in the side panel, in two lines: what to do, then for whom and when.

The panel is narrow: its five columns side by side showed the time and half of the
action, and the application only after scrolling sideways. The table keeps every
column (they are in the tooltips and the accessible text too); the panel shows one,
painted by this delegate with the three things that matter at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jobhunt_desktop.ui.due_model import DueColumn

PADDING = 5
GAP = 10  # between whom and when, on the second line


class DueItemDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, row_height(option.fontMetrics.height()))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)  # the model's font and colour for the row
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)

        model, row = index.model(), index.row()
        what = str(index.data() or "")
        who = str(model.index(row, DueColumn.WHO).data() or "")
        when = str(model.index(row, DueColumn.WHEN).data() or "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            ink = muted = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)  # late, or not yet due
            ink = (
                QColor(foreground.color())
                if foreground is not None
                else palette.color(QPalette.ColorRole.Text)
            )
            muted = palette.color(QPalette.ColorRole.PlaceholderText)

        box = option.rect.adjusted(PADDING + 1, PADDING, -PADDING, -PADDING)
        painter.save()
        first = QFont(option.font)  # the action in bold; late ones stand out by colour
        first.setBold(True)
        painter.setFont(first)
        painter.setPen(ink)
        metrics = painter.fontMetrics()
        top = QRect(box.left(), box.top(), box.width(), metrics.height())
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(what, Qt.TextElideMode.ElideRight, box.width()),
        )

        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        bottom = QRect(box.left(), top.bottom() + 1, box.width(), metrics.height())
        when_width = metrics.horizontalAdvance(when)
        if when_width > box.width() * 2 // 3:  # the time wins, but not the whole line
            when_width = box.width() * 2 // 3
            when = metrics.elidedText(when, Qt.TextElideMode.ElideRight, when_width)
        painter.setPen(ink)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        painter.setPen(muted)
        room = box.width() - when_width - GAP
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(who, Qt.TextElideMode.ElideRight, max(0, room)),
        )
        painter.restore()


def row_height(line_height: int) -> int:
    """Two lines of text and the padding around them."""
    return 2 * line_height + 2 * PADDING + 2

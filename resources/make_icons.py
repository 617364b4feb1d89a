"""Draw the application icon and write it in the sizes the desktops want.

A rounded blue square holding a small kanban board (three columns of cards) and a green
check badge. Everything is drawn with QPainter at each size, so small sizes stay crisp.

Run from anywhere: python resources/make_icons.py
Writes hicolor/NxN/jobhunt-desktop.png (32, 64, 256) and icon.ico (16-256 px, PNG-compressed
entries, which Windows reads since Vista) beside this script.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

HERE = Path(__file__).resolve().parent
PNG_SIZES = (32, 64, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TOP = QColor("#3b82f6")
BOTTOM = QColor("#1d4ed8")
COLUMN = QColor(255, 255, 255, 56)
CARD = QColor("#ffffff")
BADGE = QColor("#22c55e")
BADGE_RING = QColor("#ffffff")

# Cards per column (top to bottom), in a 256-unit design grid.
COLUMNS = ((52, 3), (106, 2), (160, 1))
COLUMN_WIDTH = 44
CARD_HEIGHT = 26


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    small = size < 48

    # The tile: a rounded square with a soft vertical gradient.
    gradient = QLinearGradient(0, 8, 0, 248)
    gradient.setColorAt(0, TOP)
    gradient.setColorAt(1, BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)

    # The board: three columns, cards stacked from the top.
    top = 52 if small else 56
    for x, cards in COLUMNS:
        if not small:
            painter.setBrush(COLUMN)
            painter.drawRoundedRect(QRectF(x - 4, top - 6, COLUMN_WIDTH + 8, 156), 10, 10)
        painter.setBrush(CARD)
        height = CARD_HEIGHT + (10 if small else 0)
        gap = 12 if small else 10
        for number in range(cards):
            y = top + number * (height + gap)
            painter.drawRoundedRect(QRectF(x, y, COLUMN_WIDTH, height), 7, 7)

    # The badge: a green disc with a white check, bottom right.
    centre = QPointF(180, 180)
    radius = 46 if small else 42
    painter.setBrush(BADGE)
    painter.setPen(QPen(BADGE_RING, 10 if small else 8))
    painter.drawEllipse(centre, radius, radius)
    check = QPainterPath(QPointF(centre.x() - 20, centre.y() + 1))
    check.lineTo(centre.x() - 5, centre.y() + 16)
    check.lineTo(centre.x() + 21, centre.y() - 14)
    pen = QPen(BADGE_RING, 16 if small else 12)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(check)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG streams (ICONDIR, ICONDIRENTRYs, data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    blobs = b""
    for size, blob in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in PNG_SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "jobhunt-desktop.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png_bytes(draw(size)))
    (HERE / "icon.ico").write_bytes(ico_bytes({s: png_bytes(draw(s)) for s in ICO_SIZES}))
    del app
    print(f"wrote hicolor/{{{','.join(map(str, PNG_SIZES))}}} PNGs and icon.ico to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

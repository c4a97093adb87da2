"""One icon per network, shaped as the clerk knows it, shared by every view.

Drawn with QPainter (no logo files to ship): each network's colour and a
white mark after its own logo — Facebook's "f", Instagram's camera, X's "X",
LinkedIn's "in", Mastodon's speech bubble, Bluesky's butterfly, Telegram's
paper plane. Drawn large and shown small, so they stay sharp at 150 %.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from smalltown_social.core.accounts import Network

NETWORK_COLORS: dict[Network, str] = {
    Network.FACEBOOK: "#1877f2",
    Network.INSTAGRAM: "#c13584",
    Network.X: "#14171a",
    Network.LINKEDIN: "#0a66c2",
    Network.MASTODON: "#563acc",
    Network.BLUESKY: "#1185fe",
    Network.TELEGRAM: "#229ed9",
}

SIDE = 48  # drawn large, shown small: sharp at 150 % too
WHITE = QColor("white")


def _letters(text: str, size: int) -> Callable[[QPainter], None]:
    def draw(painter: QPainter) -> None:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(size)
        painter.setFont(font)
        painter.setPen(WHITE)
        painter.drawText(QRectF(0, 2, SIDE, SIDE), Qt.AlignmentFlag.AlignCenter, text)

    return draw


def _camera(painter: QPainter) -> None:
    painter.setPen(QPen(WHITE, 4.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(11, 11, 26, 26), 8, 8)
    painter.drawEllipse(QPointF(24, 24), 6.5, 6.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    painter.drawEllipse(QPointF(31.5, 16.5), 2.2, 2.2)


def _bubble(painter: QPainter) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(10, 9, 28, 25), 8, 8)
    bubble.moveTo(14, 31)
    bubble.lineTo(13, 40)
    bubble.lineTo(22, 33)
    painter.drawPath(bubble.simplified())
    font = QFont()
    font.setBold(True)
    font.setPixelSize(20)
    painter.setFont(font)
    painter.setPen(QColor(NETWORK_COLORS[Network.MASTODON]))
    painter.drawText(QRectF(10, 8, 28, 25), Qt.AlignmentFlag.AlignCenter, "m")


def _butterfly(painter: QPainter) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    wings = QPainterPath()
    for sign in (-1, 1):
        top = QPainterPath()
        top.moveTo(24, 25)
        top.cubicTo(24 + sign * 4, 14, 24 + sign * 16, 8, 24 + sign * 15, 18)
        top.cubicTo(24 + sign * 14, 25, 24 + sign * 8, 26, 24, 25)
        bottom = QPainterPath()
        bottom.moveTo(24, 25)
        bottom.cubicTo(24 + sign * 10, 26, 24 + sign * 13, 34, 24 + sign * 7, 37)
        bottom.cubicTo(24 + sign * 3, 38, 24 + sign * 1, 32, 24, 25)
        wings.addPath(top)
        wings.addPath(bottom)
    painter.drawPath(wings)


def _plane(painter: QPainter) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    plane = QPainterPath()
    plane.moveTo(9, 23)
    plane.lineTo(38, 11)
    plane.lineTo(33, 37)
    plane.lineTo(24, 30)
    plane.lineTo(20, 36)
    plane.lineTo(19, 28)
    plane.closeSubpath()
    painter.drawPath(plane)
    painter.setPen(QPen(QColor(NETWORK_COLORS[Network.TELEGRAM]), 2.5))
    painter.drawLine(QPointF(19, 28), QPointF(34, 15))


_MARKS: dict[Network, Callable[[QPainter], None]] = {
    Network.FACEBOOK: _letters("f", 34),
    Network.INSTAGRAM: _camera,
    Network.X: _letters("X", 28),
    Network.LINKEDIN: _letters("in", 26),
    Network.MASTODON: _bubble,
    Network.BLUESKY: _butterfly,
    Network.TELEGRAM: _plane,
}


@cache
def network_pixmap(network: Network) -> QPixmap:
    """The network's icon, SIDE px square (needs a running QGuiApplication)."""
    pixmap = QPixmap(SIDE, SIDE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(NETWORK_COLORS[network]))
    painter.drawRoundedRect(QRectF(1, 1, SIDE - 2, SIDE - 2), 11, 11)
    _MARKS[network](painter)
    painter.end()
    return pixmap


@cache
def network_icon(network: Network) -> QIcon:
    """The network's icon as a QIcon (lists, tables, the composer's accounts)."""
    return QIcon(network_pixmap(network))

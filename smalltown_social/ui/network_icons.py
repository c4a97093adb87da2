"""One small badge per network (letter on the network's colour), shared by the views."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from smalltown_social.core.accounts import Network

NETWORK_BADGES: dict[Network, tuple[str, str]] = {
    Network.FACEBOOK: ("f", "#1877f2"),
    Network.INSTAGRAM: ("Ig", "#c13584"),
    Network.X: ("X", "#14171a"),
    Network.LINKEDIN: ("in", "#0a66c2"),
    Network.MASTODON: ("M", "#563acc"),
    Network.BLUESKY: ("B", "#1185fe"),
    Network.TELEGRAM: ("T", "#229ed9"),
}

SIDE = 48  # drawn large, shown small: sharp at 150 % too


@cache
def network_icon(network: Network) -> QIcon:
    """The network's badge as an icon (needs a running QGuiApplication)."""
    letter, color = NETWORK_BADGES[network]
    pixmap = QPixmap(SIDE, SIDE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(QRectF(2, 2, SIDE - 4, SIDE - 4), 10, 10)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(26 if len(letter) == 1 else 20)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, SIDE, SIDE), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)

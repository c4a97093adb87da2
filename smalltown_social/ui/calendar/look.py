"""Colours and marks: content type by colour, state by a mark, networks by badges.

Everything is painted (no widget per post), sized from the font so 150 %
scaling stays readable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from smalltown_social.core.calendar import CalendarEntry
from smalltown_social.core.states import TargetState
from smalltown_social.ui.network_icons import NETWORK_BADGES

CONTENT_COLORS: dict[str, str] = {
    "urgent": "#d1242f",
    "procedure": "#1f6feb",
    "grant": "#8250df",
    "event": "#bc4c00",
    "health": "#1a7f37",
    "service": "#0a7b83",
    "participation": "#bf3989",
    "local_life": "#7d6608",
    "correction": "#57606a",
}
NO_TYPE_COLOR = "#6e7781"

# A mark per state, so the state reads without relying on colour alone.
STATE_MARKS: dict[TargetState, str] = {
    TargetState.DRAFT: "✎",
    TargetState.SCHEDULED: "◷",
    TargetState.PUBLISHING: "↑",
    TargetState.PUBLISHED: "✓",
    TargetState.FAILED: "!",
    TargetState.UNCONFIRMED: "?",
    TargetState.MISSED: "✗",
}
STATE_COLORS: dict[TargetState, str] = {
    TargetState.DRAFT: "#57606a",
    TargetState.SCHEDULED: "#1f6feb",
    TargetState.PUBLISHING: "#9a6700",
    TargetState.PUBLISHED: "#1a7f37",
    TargetState.FAILED: "#d1242f",
    TargetState.UNCONFIRMED: "#bc4c00",
    TargetState.MISSED: "#d1242f",
}


EMPTY_DAY = QColor("#fdf8e4")  # a hint, not a warning: most days have no post
OTHER_MONTH = QColor("#f6f8fa")
TODAY_BORDER = QColor("#1f6feb")
GRID = QColor("#d0d7de")
TEXT = QColor("#1c2430")
MUTED = QColor("#57606a")


def paper(palette: QPalette) -> QPalette:
    """`palette` with a white page and dark text: the calendar's colours are chosen
    for paper (a printed wall calendar), in a dark window too."""
    light = QPalette(palette)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        light.setColor(role, QColor("#ffffff"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        light.setColor(role, TEXT)
    return light


def day_text(widget: QWidget, day: date, fmt: str) -> str:
    """`day` in the widget's locale (Spanish day and month names in Spanish)."""
    return widget.locale().toString(QDate(day.year, day.month, day.day), fmt)


def content_color(content_type: str | None) -> QColor:
    return QColor(CONTENT_COLORS.get(content_type or "", NO_TYPE_COLOR))


def badge_widths(entry: CalendarEntry, metrics: QFontMetrics) -> list[int]:
    """The width of each network's letter badge, in the entry's order."""
    pad = max(2, metrics.height() // 6)
    return [metrics.horizontalAdvance(NETWORK_BADGES[n][0]) + 3 * pad for n in entry.networks]


def badges_that_fit(entry: CalendarEntry, metrics: QFontMetrics, room: int) -> tuple[int, int]:
    """(how many letter badges, their width with a "+N" for the rest) within `room`.

    Letters, never bare dots: four networks share near-identical blues.
    """
    widths = badge_widths(entry, metrics)
    pad = max(2, metrics.height() // 6)
    for count in range(len(widths), 0, -1):
        rest = len(widths) - count
        more = metrics.horizontalAdvance(f"+{rest}") + 2 * pad if rest else 0
        total = sum(widths[:count]) + more
        if total <= room:
            return count, total
    return 0, 0


def paint_badges(
    painter: QPainter, rect: QRect, entry: CalendarEntry, count: int, width: int
) -> None:
    """The first `count` network badges (letters), right-aligned, then "+N" for the others."""
    metrics = painter.fontMetrics()
    pad = max(2, metrics.height() // 6)
    x = rect.right() - width + pad
    painter.setPen(Qt.PenStyle.NoPen)
    for network in entry.networks[:count]:
        label, color = NETWORK_BADGES[network]
        painter.setBrush(QColor(color))
        badge_width = metrics.horizontalAdvance(label) + 2 * pad
        badge = QRectF(x, rect.top() + pad, badge_width, rect.height() - 2 * pad)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, pad, pad)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        x += badge_width + pad
    rest = len(entry.networks) - count
    if rest:
        painter.setPen(MUTED)
        more = QRectF(x, rect.top(), rect.right() - x, rect.height())
        painter.drawText(
            more, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"+{rest}"
        )


def paint_chip(
    painter: QPainter,
    rect: QRect,
    entry: CalendarEntry,
    label: str,
    *,
    selected: bool = False,
    dragging: bool = False,
) -> None:
    """One entry: a content-type stripe, the state mark, `label`, network badges."""
    painter.save()
    color = content_color(entry.content_type)
    background = QColor(color)
    background.setAlpha(40 if entry.preview else 70 if not dragging else 140)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    radius = max(2, rect.height() // 5)
    painter.drawRoundedRect(rect, radius, radius)
    stripe = QRect(rect.left(), rect.top(), max(3, rect.height() // 5), rect.height())
    painter.setBrush(color)
    painter.drawRect(stripe)
    if selected or entry.preview:
        pen = QPen(TEXT if selected else color, 2 if selected else 1)
        if entry.preview and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    metrics = painter.fontMetrics()
    state = entry.state
    inner = rect.adjusted(stripe.width() + 3, 0, -2, 0)
    mark = "↻" if entry.preview else STATE_MARKS[state]
    painter.setPen(QColor(STATE_COLORS[state]))
    bold = QFont(painter.font())
    bold.setBold(True)
    painter.setFont(bold)
    mark_width = painter.fontMetrics().horizontalAdvance(mark) + 3
    painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, mark)
    bold.setBold(False)
    painter.setFont(bold)
    # The networks may take a third of the chip, and only once the text has room to be read.
    text_room = inner.width() - mark_width
    room = min(text_room // 3, text_room - metrics.averageCharWidth() * 14)
    count, badge_room = badges_that_fit(entry, metrics, room)
    text_rect = inner.adjusted(mark_width, 0, -badge_room - 2, 0)
    painter.setPen(MUTED if entry.preview else TEXT)
    flat = " ".join(label.split())
    text = metrics.elidedText(flat, Qt.TextElideMode.ElideRight, max(0, text_rect.width()))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    if badge_room:
        paint_badges(painter, inner, entry, count, badge_room)
    painter.restore()

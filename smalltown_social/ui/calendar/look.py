"""Colours and marks: content type by colour, state by a mark, networks by their icons.

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
from smalltown_social.ui.network_icons import network_pixmap

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
    """The width of each network's icon (a square a line high), in the entry's order."""
    side, pad = _icon_side(metrics), _pad(metrics)
    return [side + pad for _network in entry.networks]


def _icon_side(metrics: QFontMetrics) -> int:
    return metrics.height() - 2


def _pad(metrics: QFontMetrics) -> int:
    return max(2, metrics.height() // 6)


def badges_that_fit(entry: CalendarEntry, metrics: QFontMetrics, room: int) -> tuple[int, int]:
    """(how many network icons, their width with a "+N" for the rest) within `room`.

    Icons, never bare dots: four networks share near-identical blues.
    """
    widths = badge_widths(entry, metrics)
    pad = _pad(metrics)
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
    """The first `count` network icons from `rect`'s left edge, then "+N" for the others."""
    metrics = painter.fontMetrics()
    side, pad = _icon_side(metrics), _pad(metrics)
    x = rect.left()
    top = rect.top() + (rect.height() - side) // 2
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for network in entry.networks[:count]:
        painter.drawPixmap(QRect(x, top, side, side), network_pixmap(network))
        x += side + pad
    rest = len(entry.networks) - count
    if rest:
        painter.setPen(MUTED)
        more = QRectF(x, rect.top(), max(0, rect.left() + width - x), rect.height())
        painter.drawText(
            more, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"+{rest}"
        )


def wrapped(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `width`, the last one cut with "…" if need be."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > width:  # one word wider than the chip
            words.insert(0, line)
            break
        out.append(line)
    if words:
        out.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return out


def two_lines(metrics: QFontMetrics) -> int:
    """The height of a chip with its title on a line of its own."""
    return 2 * metrics.height() + 6


STRIPE = 4  # the content type's colour down the chip's left edge


def _paint_frame(
    painter: QPainter, rect: QRect, entry: CalendarEntry, *, selected: bool, dragging: bool
) -> None:
    """The chip's tinted background, its content-type stripe, and its outline if any."""
    color = content_color(entry.content_type)
    background = QColor(color)
    background.setAlpha(40 if entry.preview else 60 if not dragging else 140)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    radius = 4
    painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(color)
    painter.drawRect(QRect(rect.left(), rect.top(), STRIPE, rect.height()))
    if selected or entry.preview:
        pen = QPen(TEXT if selected else color, 2 if selected else 1)
        if entry.preview and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)


def paint_chip(
    painter: QPainter,
    rect: QRect,
    entry: CalendarEntry,
    when: str,
    *,
    selected: bool = False,
    dragging: bool = False,
) -> None:
    """One entry: a content-type stripe, the state mark, the time, network icons, the title.

    A chip two lines high has the time and the networks on the first line and
    the title on the whole second one (a readable preview); a one-line chip
    gives the title the room the icons leave.
    """
    painter.save()
    _paint_frame(painter, rect, entry, selected=selected, dragging=dragging)
    metrics = painter.fontMetrics()
    line = metrics.height() + 2
    inner = rect.adjusted(STRIPE + 3, 1, -3, -1)
    first = QRect(inner.left(), inner.top(), inner.width(), min(line, inner.height()))
    two = rect.height() >= two_lines(metrics) - 2
    # The state's mark, then the time in bold.
    mark = "↻" if entry.preview else STATE_MARKS[entry.state]
    bold = QFont(painter.font())
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor(STATE_COLORS[entry.state]))
    left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    painter.drawText(first, left, mark)
    x = first.left() + painter.fontMetrics().horizontalAdvance(mark) + 3
    painter.setPen(MUTED if entry.preview else TEXT)
    painter.drawText(QRect(x, first.top(), first.right() - x, first.height()), left, when)
    x += painter.fontMetrics().horizontalAdvance(when) + 4
    bold.setBold(False)
    painter.setFont(bold)
    title = " ".join(entry.text.split())
    if two:
        count, width = badges_that_fit(entry, metrics, first.right() - x)
        if width:
            paint_badges(painter, QRect(x, first.top(), width, first.height()), entry, count, width)
        painter.setPen(MUTED if entry.preview else TEXT)
        lines = max(1, (inner.bottom() - first.bottom()) // metrics.height())
        for n, text in enumerate(wrapped(title, metrics, inner.width(), lines)):
            row = QRect(
                inner.left(), first.bottom() + 1 + n * metrics.height(), inner.width(), line
            )
            painter.drawText(row, left, text)
    else:
        # The networks may take a third of the chip, and only once the title has room.
        text_room = first.right() - x
        room = min(text_room // 3, text_room - metrics.averageCharWidth() * 12)
        count, width = badges_that_fit(entry, metrics, room)
        text_rect = QRect(x, first.top(), max(0, text_room - width - 2), first.height())
        text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.setPen(MUTED if entry.preview else TEXT)
        painter.drawText(text_rect, left, text)
        if width:
            badges = QRect(first.right() - width, first.top(), width, first.height())
            paint_badges(painter, badges, entry, count, width)
    painter.restore()

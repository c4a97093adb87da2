"""Week view: seven columns of hours; drop an entry on a quarter hour to move it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from smalltown_social.core.calendar import CalendarEntry
from smalltown_social.core.i18n import Language
from smalltown_social.ui.calendar import look
from smalltown_social.ui.calendar.canvas import EntryCanvas, Hit
from smalltown_social.ui.calendar.periods import (
    Period,
    at_local,
    local_date,
    local_time,
    week_of,
)

HOURS = 24
SNAP_MINUTES = 15


class WeekView(EntryCanvas):
    """Lives in a scroll area: its height is 24 hours at two text lines per hour."""

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.setObjectName("weekView")
        self.setAccessibleName(self.tr("Calendario semanal"))
        self.period: Period = week_of(date.today())  # noqa: DTZ011  (set_anchor)

    def set_anchor(self, anchor: date) -> None:
        self.period = week_of(anchor)
        self.relayout()
        self.update()

    # --- geometry ---------------------------------------------------------

    def hour_height(self) -> int:
        return 2 * (self.fontMetrics().height() + 4)

    def header_height(self) -> int:
        return self.fontMetrics().height() * 2 + 8

    def gutter(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 12

    def sizeHint(self) -> QSize:
        return QSize(
            self.gutter() + 7 * 12 * self.fontMetrics().height() // 2,
            self.header_height() + HOURS * self.hour_height(),
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.gutter() + 7 * 4 * self.fontMetrics().height(),
            self.header_height() + HOURS * self.hour_height(),
        )

    def column_rect(self, column: int) -> QRect:
        width = (self.width() - self.gutter()) / 7
        left = round(self.gutter() + column * width)
        right = round(self.gutter() + (column + 1) * width)
        return QRect(left, 0, right - left, self.height())

    def y_of(self, wall: time) -> int:
        return round(self.header_height() + (wall.hour + wall.minute / 60) * self.hour_height())

    def day_at(self, pos: QPoint) -> date | None:
        for column, day in enumerate(self.period.days()):
            if self.column_rect(column).contains(pos) and pos.y() > self.header_height():
                return day
        return None

    def relayout(self) -> None:
        self.hits = []
        line = look.two_lines(self.fontMetrics())  # the time and networks, then the title
        days = self.period.days()
        # Entries at the same time (or overlapping) stack downwards.
        bottoms: dict[date, int] = {}
        for entry in self.entries:
            day = local_date(entry.due_utc, self.time_zone)
            if day not in days:
                continue
            column = self.column_rect(days.index(day))
            top = max(self.y_of(local_time(entry.due_utc, self.time_zone)), bottoms.get(day, 0))
            rect = QRect(column.left() + 2, top, column.width() - 4, line)
            bottoms[day] = top + line + 1
            self.hits.append(Hit(rect, entry))

    def drop_time(self, pos: QPoint, entry: CalendarEntry) -> datetime | None:
        day = self.day_at(pos)
        if day is None:
            return None
        minutes = (pos.y() - self.header_height()) / self.hour_height() * 60
        snapped = int(max(0, min(minutes, HOURS * 60 - 1)) // SNAP_MINUTES * SNAP_MINUTES)
        wall = (datetime.combine(day, time()) + timedelta(minutes=snapped)).time()
        return at_local(day, wall, self.time_zone)

    # --- painting ---------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = event.rect()
        painter.fillRect(clip, Qt.GlobalColor.white)
        header = self.header_height()
        drop_day = self.day_at(self.drag_pos) if self.drag_pos is not None else None
        for column, day in enumerate(self.period.days()):
            rect = self.column_rect(column)
            body = rect.adjusted(0, header, 0, 0)
            if day == drop_day:
                painter.fillRect(body, look.TODAY_BORDER.lighter(185))
            painter.setPen(QPen(look.GRID, 1))
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
        for hour in range(HOURS):
            y = self.y_of(time(hour))
            if y < clip.top() - self.hour_height() or y > clip.bottom() + self.hour_height():
                continue
            painter.setPen(QPen(look.GRID, 1))
            painter.drawLine(self.gutter(), y, self.width(), y)
            painter.setPen(look.MUTED)
            painter.drawText(
                QRect(0, y, self.gutter() - 6, self.fontMetrics().height()),
                Qt.AlignmentFlag.AlignRight,
                f"{hour:02d}:00",
            )
        for hit in self.hits:
            if not hit.rect.intersects(clip):
                continue
            look.paint_chip(
                painter,
                hit.rect,
                hit.entry,
                f"{local_time(hit.entry.due_utc, self.time_zone):%H:%M}",
                selected=self.selected is not None and hit.entry == self.selected,
                dragging=hit.entry == self.dragging,
            )
        self._paint_header(painter)
        if self.dragging is not None and self.drag_pos is not None:
            target = self.drop_time(self.drag_pos, self.dragging)
            if target is not None:
                y = self.y_of(local_time(target, self.time_zone))
                painter.setPen(QPen(look.TODAY_BORDER, 2))
                painter.drawLine(self.gutter(), y, self.width(), y)
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        """Day titles pinned to the top of the visible part (the view scrolls under them)."""
        header = self.header_height()
        top = max(0, -self.y())
        painter.fillRect(QRect(0, top, self.width(), header), Qt.GlobalColor.white)
        for column, day in enumerate(self.period.days()):
            rect = self.column_rect(column)
            font = painter.font()
            font.setBold(day == self.today)
            painter.setFont(font)
            painter.setPen(look.TODAY_BORDER if day == self.today else look.TEXT)
            title = look.day_text(self, day, "ddd d")
            painter.drawText(
                QRect(rect.left(), top + 4, rect.width(), header - 8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                title,
            )
            font.setBold(False)
            painter.setFont(font)
        painter.setPen(QPen(look.GRID, 1))
        painter.drawLine(0, top + header, self.width(), top + header)

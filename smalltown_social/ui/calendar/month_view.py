"""Month view: six weeks of days, entries painted as chips (two lines where there is room)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QPoint, QRect, Qt
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
    month_grid,
)

WEEKS = 6  # at most; the minimum size is kept for a six-week month


class MonthView(EntryCanvas):
    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.setObjectName("monthView")
        self.setAccessibleName(self.tr("Calendario mensual"))
        self.anchor = date.today()  # noqa: DTZ011  (set_anchor sets the real one)
        self.period: Period = month_grid(self.anchor)
        self.hidden_counts: dict[date, int] = {}
        line = self.fontMetrics().height()
        self.setMinimumSize(7 * line * 4, WEEKS * line * 4)

    def set_anchor(self, anchor: date) -> None:
        self.anchor = anchor
        self.period = month_grid(anchor)
        self.relayout()
        self.update()

    # --- geometry ---------------------------------------------------------

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def cell_rect(self, index: int) -> QRect:
        top = self._header_height()
        width = self.width() / 7
        height = (self.height() - top) / self.weeks()
        row, column = divmod(index, 7)
        return QRect(
            round(column * width),
            round(top + row * height),
            round((column + 1) * width) - round(column * width),
            round(top + (row + 1) * height) - round(top + row * height),
        )

    def weeks(self) -> int:
        return len(self.period.days()) // 7

    def day_at(self, pos: QPoint) -> date | None:
        for index, day in enumerate(self.period.days()):
            if self.cell_rect(index).contains(pos):
                return day
        return None

    def line_height(self) -> int:
        return self.fontMetrics().height() + 4

    def relayout(self) -> None:
        by_day: dict[date, list[CalendarEntry]] = {}
        for entry in self.entries:
            by_day.setdefault(local_date(entry.due_utc, self.time_zone), []).append(entry)
        self.hits = []
        self.hidden_counts = {}
        line = self.line_height()
        tall = look.two_lines(self.fontMetrics()) + 2
        for index, day in enumerate(self.period.days()):
            cell = self.cell_rect(index)
            day_entries = by_day.get(day, [])
            space = cell.height() - line - 4
            # Two lines each (the title on its own line) when all of the day's posts fit so;
            # a post alone on its day takes the whole cell, its title over several lines.
            step = tall if day_entries and len(day_entries) * tall <= space else line
            if len(day_entries) == 1 and space >= tall:
                step = space
            room = max(0, space // step)
            shown = day_entries if len(day_entries) <= room else day_entries[: max(0, room - 1)]
            for n, entry in enumerate(shown):
                rect = QRect(
                    cell.left() + 3, cell.top() + line + 2 + n * step, cell.width() - 6, step - 2
                )
                self.hits.append(Hit(rect, entry))
            if len(shown) < len(day_entries):
                self.hidden_counts[day] = len(day_entries) - len(shown)

    def drop_time(self, pos: QPoint, entry: CalendarEntry) -> datetime | None:
        day = self.day_at(pos)
        if day is None:
            return None
        return at_local(day, local_time(entry.due_utc, self.time_zone), self.time_zone)

    # --- painting ---------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        metrics = self.fontMetrics()
        header = self._header_height()
        names = [
            self.locale().dayName(n, self.locale().FormatType.ShortFormat) for n in range(1, 8)
        ]
        for column, name in enumerate(names):
            rect = self.cell_rect(column)
            painter.setPen(look.MUTED)
            painter.drawText(
                QRect(rect.left(), 0, rect.width(), header), Qt.AlignmentFlag.AlignCenter, name
            )
        drop_day = self.day_at(self.drag_pos) if self.drag_pos is not None else None
        for index, day in enumerate(self.period.days()):
            cell = self.cell_rect(index)
            in_month = day.month == self.anchor.month
            if day == drop_day:
                painter.fillRect(cell, look.TODAY_BORDER.lighter(185))
            elif not in_month:
                painter.fillRect(cell, look.OTHER_MONTH)
            painter.setPen(QPen(look.GRID, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell.adjusted(0, 0, -1, -1))
            number = QRect(cell.left() + 4, cell.top() + 2, cell.width() - 8, metrics.height())
            font = painter.font()
            font.setBold(day == self.today)
            painter.setFont(font)
            painter.setPen(look.TEXT if in_month else look.MUTED)
            painter.drawText(number, Qt.AlignmentFlag.AlignLeft, str(day.day))
            if day == self.today:
                painter.setPen(QPen(look.TODAY_BORDER, 2))
                painter.drawRect(cell.adjusted(1, 1, -2, -2))
            font.setBold(False)
            painter.setFont(font)
            hidden = self.hidden_counts.get(day)
            if hidden:
                painter.setPen(look.MUTED)
                painter.drawText(
                    number, Qt.AlignmentFlag.AlignRight, self.tr("+{n} más").format(n=hidden)
                )
        for hit in self.hits:
            look.paint_chip(
                painter,
                hit.rect,
                hit.entry,
                f"{local_time(hit.entry.due_utc, self.time_zone):%H:%M}",
                selected=self.selected is not None and hit.entry == self.selected,
                dragging=hit.entry == self.dragging,
            )
        painter.end()

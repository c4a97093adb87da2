"""Agenda view: a list of days and their entries (a lazy model painted by a delegate).

Signals: open_requested(int post_id).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.calendar import CalendarEntry
from smalltown_social.core.i18n import Language
from smalltown_social.core.recurrence import BadRecurrence, Recurrence
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.states import LABELS
from smalltown_social.ui.calendar import look
from smalltown_social.ui.calendar.periods import Period, local_date, local_time

Row = date | CalendarEntry
Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 1


class AgendaModel(QAbstractListModel):
    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.time_zone = TIME_ZONE.default  # the town's, from set_entries
        self.rows: list[Row] = []
        self.today = date.today()  # noqa: DTZ011  (set_entries sets the town's today)
        self.describe: Callable[[CalendarEntry], str] | None = None

    def set_entries(
        self, entries: list[CalendarEntry], time_zone: str, period: Period, today: date
    ) -> None:
        """Every day of `period` gets a heading; an empty day from today on says so."""
        self.beginResetModel()
        self.time_zone = time_zone
        self.today = today
        by_day: dict[date, list[CalendarEntry]] = {}
        for entry in entries:
            by_day.setdefault(local_date(entry.due_utc, time_zone), []).append(entry)
        self.rows = []
        for day in period.days():
            day_entries = by_day.get(day, [])
            if day_entries or day >= today:
                self.rows.append(day)
                self.rows.extend(day_entries)
        self.endResetModel()

    def planned_label(self) -> str:
        return self.tr("Repetición prevista")

    def empty_label(self) -> str:
        return self.tr("sin publicaciones")

    def is_empty_day(self, row: int) -> bool:
        here = self.rows[row]
        following = self.rows[row + 1] if row + 1 < len(self.rows) else None
        return isinstance(here, date) and not isinstance(following, CalendarEntry)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == EntryRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, CalendarEntry):
            return self.describe(row) if self.describe is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if isinstance(row, date):
                empty = f" ({self.empty_label()})" if self.is_empty_day(index.row()) else ""
                return row.isoformat() + empty
            states = ", ".join(
                f"{NETWORK_NAMES[t.network]}: {LABELS[t.state](self.language)}" for t in row.targets
            )
            return f"{local_time(row.due_utc, self.time_zone):%H:%M} {row.text} ({states})"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], date):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AgendaDelegate(QStyledItemDelegate):
    def __init__(self, model: AgendaModel, view: QWidget) -> None:
        super().__init__(view)
        self.model = model
        self.view = view

    def day_title(self, day: date) -> str:
        """ "martes 1 de diciembre", "Tuesday 1 December": each language's own pattern.

        A Spanish "de" in the English window ("Wednesday 2 de December") was half a
        translation.
        """
        return look.day_text(self.view, day, self.tr("dddd d 'de' MMMM"))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        row = index.data(EntryRole)
        return QSize(200, line + (14 if isinstance(row, date) else 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(EntryRole)
        rect = option.rect
        painter.save()
        if isinstance(row, date):
            empty = self.model.is_empty_day(index.row())
            font = painter.font()
            font.setBold(not empty)  # a day without posts says so, quietly
            painter.setFont(font)
            painter.setPen(look.MUTED if empty else look.TEXT)
            text = self.day_title(row)
            if empty:
                text += "  ·  " + self.model.empty_label()
            painter.drawText(rect.adjusted(8, 4, -8, 0), Qt.AlignmentFlag.AlignVCenter, text)
        elif isinstance(row, CalendarEntry):
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            language = self.model.language
            state = self.model.planned_label() if row.preview else LABELS[row.state](language)
            if row.recurrence:
                with contextlib.suppress(BadRecurrence):
                    state += " · " + Recurrence.parse(row.recurrence).describe()(language)
            when = f"{local_time(row.due_utc, self.model.time_zone):%H:%M}"
            chip = rect.adjusted(24, 2, -8, -2)
            look.paint_chip(painter, chip, row, f"{when} · {state} —", selected=selected)
        painter.restore()


class AgendaView(QListView):
    open_requested = Signal(int)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.setPalette(look.paper(self.palette()))
        self.setAccessibleName(self.tr("Agenda"))
        self.agenda = AgendaModel(language, self)
        self.setModel(self.agenda)
        self.setItemDelegate(AgendaDelegate(self.agenda, self))
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.activated.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(EntryRole)
        if isinstance(row, CalendarEntry):
            self.open_requested.emit(row.post_id)

    def set_entries(
        self, entries: list[CalendarEntry], time_zone: str, period: Period, today: date
    ) -> None:
        self.agenda.set_entries(entries, time_zone, period, today)

"""The inbox list's item model: lazy, one keyset page at a time.

`rowCount` grows as the view asks for more (`canFetchMore`/`fetchMore`), so
opening an inbox of 100,000 items reads one page of `PAGE_SIZE` rows, not all
of them. A filter change resets the model and reads the first page again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.inbox import WAITING, InboxItem, InboxStatus, ItemKind
from smalltown_social.core.labels import NEEDS_ANSWER
from smalltown_social.storage.inbox_query import PAGE_SIZE, InboxFilter, InboxQuery
from smalltown_social.ui.colors import colors_for
from smalltown_social.ui.inbox.label_names import shown_label
from smalltown_social.ui.network_icons import network_icon

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("network", "author", "text", "post", "age", "label", "status")
ASKING = frozenset({ItemKind.MESSAGE, ItemKind.MENTION})


def waited(row: InboxItem, now: datetime) -> timedelta | None:
    """How long a question or complaint has waited for an answer (None: not waiting)."""
    if row.status not in WAITING or (row.label is not None and row.label not in NEEDS_ANSWER):
        return None
    if row.label is None and row.kind not in ASKING and "?" not in row.text:
        return None
    return now - row.received_utc


def age_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} d"


class InboxModel(QAbstractTableModel):
    def __init__(self, query: InboxQuery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = query
        self._filter = InboxFilter()
        self._rows: list[InboxItem] = []
        self._exhausted = False
        self.target_hours = 2
        self.now = datetime.now(UTC)
        self.status_names: dict[InboxStatus, str] = {}
        self.headers: tuple[str, ...] = COLUMNS
        self.page_size = PAGE_SIZE
        self.late_tip = ""
        self.hidden_mark = " (oculto)"
        self.private_mark = "Privado · "  # a direct message: it must never be answered in public

    # --- data ---------------------------------------------------------------

    @property
    def filter(self) -> InboxFilter:
        return self._filter

    def set_filter(self, flt: InboxFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._rows = []
        self._exhausted = False
        self.now = datetime.now(UTC)
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_filter(self._filter)

    def tick_clock(self) -> None:
        """Move the response clock on: ages and highlights are recomputed."""
        self.now = datetime.now(UTC)
        if self._rows:
            column = COLUMNS.index("age")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def row_at(self, row: int) -> InboxItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int | None:
        for n, row in enumerate(self._rows):
            if row.id == item_id:
                return n
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        after = self._rows[-1] if self._rows else None
        page = self._query.page(self._filter, after, self.page_size)
        if len(page) < self.page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- Qt model -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Other roles: None, as the base class answers (without a call into Qt per role).
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "network":
            return network_icon(row.network)
        if column == "network" and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return NETWORK_NAMES[row.network]  # the cell shows the badge (a letter) alone
        if role == Qt.ItemDataRole.ToolTipRole and column in ("text", "post"):
            return row.text if column == "text" else row.post_text
        if role == Qt.ItemDataRole.ForegroundRole and column == "age" and self.late(row):
            return QBrush(QColor(colors_for(QGuiApplication.palette())["error"]))
        if role == Qt.ItemDataRole.ToolTipRole and column == "age" and self.late(row):
            return self.late_tip
        if role == Qt.ItemDataRole.FontRole and (
            row.status == InboxStatus.NEW or (column == "age" and self.late(row))
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.kind == ItemKind.MESSAGE:
            # Direct messages: told by words and by colour.
            return QBrush(QColor(colors_for(QGuiApplication.palette())["private_row"]))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def late(self, row: InboxItem) -> bool:
        """A question or complaint waiting longer than the clerk's response target."""
        span = waited(row, self.now)
        return span is not None and span > timedelta(hours=self.target_hours)

    def _display(self, row: InboxItem, column: str) -> str:  # noqa: PLR0911
        if column == "network":
            return ""  # the badge says it, the tooltip and screen readers name it
        if column == "author":
            return row.author_name or row.author_handle
        if column == "text":
            private = self.private_mark if row.kind == ItemKind.MESSAGE else ""
            return private + " ".join(row.text.split())[:200]
        if column == "post":
            return " ".join((row.post_text or "").split())[:80]
        if column == "age":
            span = waited(row, self.now)
            return age_text(span if span is not None else self.now - row.received_utc)
        if column == "label":
            return shown_label(row.label)
        return self.status_names.get(row.status, row.status) + (
            self.hidden_mark if row.hidden else ""
        )

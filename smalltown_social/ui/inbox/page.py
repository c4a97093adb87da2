"""The inbox page: filters and search above one lazy list, the conversation beside it.

Keys: J / K next and previous message, R reply, E archive, Ctrl+F search.
"""

from __future__ import annotations

import html
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES, Network
from smalltown_social.core.inbox import InboxStatus
from smalltown_social.core.settings import RESPONSE_TARGET_HOURS
from smalltown_social.publishing.inbox_sync import SyncResult
from smalltown_social.storage import held_files
from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery, export_csv
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.export_folder import suggested
from smalltown_social.ui.inbox.conversation import ConversationView
from smalltown_social.ui.inbox.keys import InboxTable
from smalltown_social.ui.inbox.label_names import longest_label_width, shown_label
from smalltown_social.ui.inbox.model import COLUMNS, InboxModel
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import InboxServices

SEARCH_DELAY_MS = 250
CLOCK_MS = 60_000  # the response clock moves once a minute

log = logging.getLogger(__name__)


class InboxPage(QWidget):
    """Signals: count_changed(int) with the number of new items (for the navigation);
    new_items(int) when a background fetch stored new items (for the tray);
    sync_failed(str) with "account: what went wrong" when an account could not be read;
    reply_queued(int post id) when an answer was stored (for the outbox to send it now).

    The inbox poller is built and started by the application (`ui.application`), which
    hands the page its callbacks (`report_new_items`, `report_sync_error`) and a way to
    fetch now (`allow_fetch_now`).
    """

    count_changed = Signal(int)
    new_items = Signal(int)
    sync_failed = Signal(str)
    reply_queued = Signal(int)
    _account_failed = Signal(int, str)  # account id, error text: from the poller's thread

    def __init__(  # noqa: PLR0915 - one page of widgets
        self, inbox: InboxServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.tasks = tasks
        self.query: InboxQuery = inbox.query
        self.model = InboxModel(self.query, self)
        self.model.headers = (
            self.tr("Red"),
            self.tr("Autor"),
            self.tr("Mensaje"),
            self.tr("Publicación"),
            self.tr("Espera"),
            self.tr("Etiqueta"),
            self.tr("Estado"),
        )
        self.model.late_tip = self.tr("Espera más que el plazo de respuesta")
        self.model.hidden_mark = self.tr(" (oculto)")
        self.model.private_mark = self.tr("Privado · ")
        self.model.status_names = {
            InboxStatus.NEW: self.tr("Nuevo"),
            InboxStatus.PENDING: self.tr("Pendiente"),
            InboxStatus.ANSWERED: self.tr("Respondido"),
            InboxStatus.ARCHIVED: self.tr("Archivado"),
        }

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Buscar (sin importar tildes)…"))
        self.search.setAccessibleName(self.tr("Buscar"))
        self.search.setClearButtonEnabled(True)
        self.network_box = self._combo(self.tr("Red"))
        self.account_box = self._combo(self.tr("Cuenta"))
        self.status_box = self._combo(self.tr("Estado"))
        self.label_box = self._combo(self.tr("Etiqueta"))
        self.date_box = self._combo(self.tr("Fecha"))
        self.fetch_button = QPushButton(self.tr("&Traer ahora"))
        self.fetch_button.setToolTip(
            self.tr("Traer ahora los mensajes nuevos de todas las cuentas")
        )
        self.fetch_button.setEnabled(False)
        self.fetch_button.clicked.connect(self.fetch_now)
        self.export_button = QPushButton(self.tr("Exportar CSV…"))
        self.export_button.clicked.connect(self._ask_export)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.fetch_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        for box in (
            self.network_box,
            self.account_box,
            self.status_box,
            self.label_box,
            self.date_box,
        ):
            filters.addWidget(box, 1)
        layout.addLayout(filters)
        self.problem = QLabel()
        self.problem.setObjectName("inboxProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.problem.hide()
        layout.addWidget(self.problem)

        self.table = InboxTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Mensajes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, chars in ((1, 14), (3, 16), (4, 10)):
            self.table.setColumnWidth(column, self.fontMetrics().averageCharWidth() * chars)
        self._fit_closed_columns()
        self.table.optional_column = COLUMNS.index("post")
        self.table.label_column = COLUMNS.index("label")
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.conversation = ConversationView(inbox, tasks)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.conversation)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([650, 350])
        layout.addWidget(splitter, 1)

        self._fill_filters()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for box in (
            self.network_box,
            self.account_box,
            self.status_box,
            self.label_box,
            self.date_box,
        ):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.conversation.changed.connect(self._item_changed)
        self.conversation.reply_queued.connect(self.reply_queued)

        actions = {
            "next": self.next_item,
            "previous": self.previous_item,
            "reply": self.reply,
            "archive": self.archive,
        }
        self.table.command.connect(lambda name: actions[name]())
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search.setFocus)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self.model.tick_clock)
        self._clock.start()
        self._fetch_now: Callable[[], None] | None = None
        self.new_items.connect(lambda _n: self._fetched())
        self._account_failed.connect(self._name_failure)
        self.sync_failed.connect(self.show_problem)
        self.apply_filters(select=False)
        # The first message (and the reply checks it loads) after the first paint.
        QTimer.singleShot(0, lambda: self.select_row(0) if self.current_row() < 0 else None)

    # --- background fetching ------------------------------------------------------

    def _fit_closed_columns(self) -> None:
        """The network is its badge; the state a few known words, never cut."""
        metrics = self.table.fontMetrics()
        padding = 3 * metrics.averageCharWidth()
        header = metrics.horizontalAdvance(self.model.headers[COLUMNS.index("network")])
        badge = self.table.iconSize().width() + 16
        states = max(metrics.horizontalAdvance(name) for name in self.model.status_names.values())
        self.table.setColumnWidth(COLUMNS.index("network"), max(badge, header) + padding)
        self.table.setColumnWidth(COLUMNS.index("status"), states + padding)
        # The label column as wide as the longest built-in label, in bold (unread rows).
        bold = QFont(self.table.font())
        bold.setBold(True)
        widest = longest_label_width(QFontMetrics(bold).horizontalAdvance)
        self.table.setColumnWidth(COLUMNS.index("label"), widest + padding)

    def report_new_items(self, new: int) -> None:
        """The poller stored `new` items (called on the poller's thread: only emits)."""
        self.new_items.emit(new)

    def report_sync_error(self, result: SyncResult) -> None:
        """An account could not be read (called on the poller's thread: only emits)."""
        if result.error is not None:
            self._account_failed.emit(result.account_id, result.error.text(self.inbox.language))

    def allow_fetch_now(self, fetch_now: Callable[[], None]) -> None:
        """Enable "Traer ahora": `fetch_now` wakes the running poller."""
        self._fetch_now = fetch_now
        self.fetch_button.setEnabled(True)

    def _name_failure(self, account_id: int, error: str) -> None:
        account = self.inbox.accounts.get(account_id)
        self.sync_failed.emit(f"{account.name if account is not None else '?'}: {error}")

    def show_problem(self, text: str) -> None:
        """One account could not be read (the others go on); cleared by the next good fetch."""
        message = self.tr("No se pudieron traer mensajes de {what}").format(what=text)
        self.problem.setText(f"<b>{html.escape(message)}</b>")
        self.problem.show()

    def fetch_now(self) -> None:
        if self._fetch_now is not None:
            self._fetch_now()

    def _fetched(self) -> None:
        self.problem.hide()
        if self.table.currentIndex().row() <= 0:
            self.apply_filters()
        else:
            self.refresh_count()

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        return box

    def _fill_filters(self) -> None:
        self.network_box.addItem(self.tr("Todas las redes"), None)
        accounts = self.inbox.accounts.all()
        for account in accounts:
            if self.network_box.findData(account.network.value) < 0:  # Qt keeps plain text
                self.network_box.addItem(NETWORK_NAMES[account.network], account.network.value)
        self.account_box.addItem(self.tr("Todas las cuentas"), None)
        for account in accounts:
            self.account_box.addItem(account.name, account.id)
        self.status_box.addItem(self.tr("Todos los estados"), None)
        for status, name in self.model.status_names.items():
            self.status_box.addItem(name, status.value)
        self.fill_label_filter()
        for text, days in (
            (self.tr("Cualquier fecha"), None),
            (self.tr("Hoy"), 1),
            (self.tr("Últimos 7 días"), 7),
            (self.tr("Últimos 30 días"), 30),
        ):
            self.date_box.addItem(text, days)

    def fill_label_filter(self) -> None:
        """The label filter's choices (again after the clerk adds a label of their own)."""
        chosen = self.label_box.currentData()
        self.label_box.blockSignals(True)
        self.label_box.clear()
        self.label_box.addItem(self.tr("Todas las etiquetas"), None)
        for label_id, name, _colour, _builtin in self.query.labels():
            self.label_box.addItem(shown_label(name), label_id)
        self.label_box.setCurrentIndex(max(self.label_box.findData(chosen), 0))
        self.label_box.blockSignals(False)

    # --- filtering ------------------------------------------------------------

    def current_filter(self) -> InboxFilter:
        days = self.date_box.currentData()
        network = self.network_box.currentData()
        status = self.status_box.currentData()
        return InboxFilter(
            network=Network(network) if network else None,
            account_id=self.account_box.currentData(),
            status=InboxStatus(status) if status else None,
            label_id=self.label_box.currentData(),
            since_utc=datetime.now(UTC) - timedelta(days=days) if days else None,
            search=self.search.text(),
        )

    def apply_filters(self, *, select: bool = True) -> None:
        self.model.target_hours = self.inbox.settings.get(RESPONSE_TARGET_HOURS)
        self.model.set_filter(self.current_filter())
        self.refresh_count()
        if select:
            self.select_row(0)  # the newest message is shown at once

    def refresh_count(self) -> None:
        self.count_changed.emit(self.query.count_new())

    # --- moving and acting ------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.conversation.show_item(row.id if row else None)

    def select_row(self, row: int) -> None:
        while row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 2)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def next_item(self) -> None:
        self.select_row(self.current_row() + 1)

    def previous_item(self) -> None:
        self.select_row(max(self.current_row() - 1, 0))

    def reply(self) -> None:
        if self.conversation.item is not None:
            self.conversation.reply_box.setFocus()

    def archive(self) -> None:
        self.conversation.archive()

    def _item_changed(self) -> None:
        if self.label_box.count() != len(self.query.labels()) + 1:
            self.fill_label_filter()
        row = self.current_row()
        item = self.conversation.item
        self.model.reload()
        self.refresh_count()
        if item is not None and item.id is not None:
            found = self.model.row_of(item.id)
            self.select_row(found if found is not None else min(row, self.model.rowCount() - 1))

    # --- export -----------------------------------------------------------------

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exportar bandeja de entrada"), suggested("bandeja.csv"), "CSV (*.csv)"
        )
        if not path:
            return
        try:
            self.export_to(Path(path))
        except OSError as error:
            log.warning("inbox export refused: %s", error)
            QMessageBox.warning(
                self,
                self.tr("Exportar bandeja de entrada"),
                self.tr(
                    "No se pudo guardar {path}: {error}. Si el archivo está abierto en otro "
                    "programa (Excel, por ejemplo), ciérrelo y vuelva a intentarlo."
                ).format(path=path, error=clerk_reason(error, self.inbox.language)),
            )

    def export_to(self, path: Path) -> int:
        """The filtered list as CSV (UTF-8 with BOM, so Excel reads the accents)."""
        out = io.StringIO(newline="")
        count = export_csv(self.query, self.current_filter(), out)
        held_files.write_bytes(path, out.getvalue().encode("utf-8-sig"))
        return count

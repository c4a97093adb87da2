"""Cuentas: the connected accounts, their state, add (wizard) and remove.

Remove asks first, then deletes the account and its keyring entry in the
background (the keyring can be slow or ask to be unlocked).

Signals: accounts_changed().
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES, Account, describe_status
from smalltown_social.ui.accounts.wizard import AddAccountDialog
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.network_icons import network_icon
from smalltown_social.ui.system_words import password_store
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import AccountServices


class AccountsPage(QWidget):
    accounts_changed = Signal()
    unreachable = Signal(str)  # the wizard could not reach that network at all

    def __init__(
        self, services: AccountServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.accounts: list[Account] = []
        self.dialog: AddAccountDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        title = QLabel(self.tr("Cuentas"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "Las redes en las que publica el ayuntamiento. Las claves de acceso se guardan "
                "solo en {store}."
            ).format(store=password_store())
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Nombre"), self.tr("Red"), self.tr("Usuario o canal"), self.tr("Estado")]
        )
        self.table.setAccessibleName(self.tr("Cuentas conectadas"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("Todavía no hay cuentas. Pulse «Añadir cuenta» para conectar la primera.")
        )
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Añadir cuenta…"))
        self.add_button.clicked.connect(self.open_wizard)
        self.remove_button = QPushButton(self.tr("Quitar cuenta"))
        self.remove_button.clicked.connect(self.ask_remove)
        self.remove_button.setEnabled(False)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # an account added from the command line meanwhile

    def refresh(self) -> None:
        self.accounts = self.services.accounts.all()
        self.table.setRowCount(len(self.accounts))
        now = datetime.now(UTC)
        for row, account in enumerate(self.accounts):
            where = account.handle or account.channel or account.server_url or ""
            cells = (
                account.name,
                NETWORK_NAMES[account.network],
                where,
                self.status_text(account, now),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 1:  # the network by its icon too, as everywhere else
                    item.setIcon(network_icon(account.network))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.accounts)
        self._selection_changed()

    def status_text(self, account: Account, now: datetime) -> str:
        return describe_status(account, now)(self.services.language)

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None)

    def open_wizard(self) -> AddAccountDialog:
        self.dialog = AddAccountDialog(self.services, self.tasks, self)
        self.dialog.account_added.connect(self._added)
        self.dialog.unreachable.connect(self.unreachable)
        self.dialog.open()
        return self.dialog

    def _added(self, account: object) -> None:
        if isinstance(account, Account):
            self.message.setText(self.tr("Cuenta «%1» conectada.").replace("%1", account.name))
        self.refresh()
        self.accounts_changed.emit()

    def ask_remove(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Quitar cuenta"),
            self.tr(
                "¿Quitar la cuenta «%1»? La aplicación dejará de publicar en ella y olvidará "
                "su clave de acceso. En la red no se borra nada."
            ).replace("%1", account.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(account)

    def remove(self, account: Account) -> None:
        services = self.services
        self.remove_button.setEnabled(False)
        self.tasks.run_in_background(
            lambda: services.remove(account),
            lambda _result: self._removed(account),
            self._remove_failed,
        )

    def _removed(self, account: Account) -> None:
        self.message.setText(self.tr("Cuenta «%1» quitada.").replace("%1", account.name))
        self.refresh()
        self.accounts_changed.emit()

    def _remove_failed(self, error: Exception) -> None:
        reason = clerk_reason(error, self.services.language)
        self.message.setText(self.tr("No se ha podido quitar: {reason}").format(reason=reason))
        self.refresh()

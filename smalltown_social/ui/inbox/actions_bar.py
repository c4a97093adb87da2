"""The row of actions on one inbox item: label (built-in or the clerk's own),
pending, archive, hide and delete.

Hiding and deleting go to the network in the background where the adapter's
capabilities allow it; otherwise the item is hidden in the app only and the
clerk is told so. Every action is written to the event log (who and when).
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.core.labels import Label, suggest_label
from smalltown_social.networks.base import NetworkError, PermanentError
from smalltown_social.publishing.inbox_actions import HIDDEN_HERE, moderate, record_local
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.inbox.label_names import shown_label
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import InboxServices

NEW_LABEL = -1


class ActionsBar(QWidget):
    """Signals: changed() after a change to the item; told(str) with a note for the clerk."""

    changed = Signal()
    told = Signal(str)

    def __init__(
        self, inbox: InboxServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.tasks = tasks
        self.who = getpass.getuser()
        self.item: InboxItem | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = QHBoxLayout()
        buttons = QHBoxLayout()
        layout.addLayout(labels)
        layout.addLayout(buttons)
        self.label_box = QComboBox()
        self.label_box.setAccessibleName(self.tr("Etiqueta"))
        self.label_box.activated.connect(self._label_chosen)
        self.pending_button = QPushButton(self.tr("Marcar &pendiente"))
        self.pending_button.clicked.connect(lambda: self.set_status(InboxStatus.PENDING))
        self.archive_button = QPushButton(self.tr("&Archivar"))
        self.archive_button.clicked.connect(lambda: self.set_status(InboxStatus.ARCHIVED))
        self.hide_button = QPushButton(self.tr("&Ocultar"))
        self.hide_button.setToolTip(
            self.tr("Ocultar un comentario ofensivo (queda registrado quién y cuándo).")
        )
        self.hide_button.clicked.connect(lambda: self.moderate("hide"))
        self.delete_button = QPushButton(self.tr("Eli&minar"))
        self.delete_button.setToolTip(
            self.tr("Eliminar el comentario en la red, si la red lo permite (queda registrado).")
        )
        self.delete_button.clicked.connect(self.ask_delete)
        self.suggest_button = QPushButton()
        self.suggest_button.setAccessibleName(self.tr("Poner la etiqueta sugerida"))
        self.suggest_button.setToolTip(self.tr("Etiqueta sugerida a partir del texto del mensaje"))
        self.suggest_button.clicked.connect(self._apply_suggestion)
        self.suggested: Label | None = None
        labels.addWidget(QLabel(self.tr("Etiqueta:")))
        labels.addWidget(self.label_box, 1)
        labels.addWidget(self.suggest_button)
        for button in (
            self.pending_button,
            self.archive_button,
            self.hide_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.reload_labels()

    def reload_labels(self) -> None:
        self.label_box.clear()
        self.label_box.addItem(self.tr("(sin etiqueta)"), None)
        for label_id, name, _colour, _builtin in self.inbox.query.labels():
            self.label_box.addItem(shown_label(name), label_id)
        self.label_box.addItem(self.tr("Nueva etiqueta…"), NEW_LABEL)

    def show_item(self, item: InboxItem | None) -> None:
        self.item = item
        for widget in (
            self.label_box,
            self.pending_button,
            self.archive_button,
            self.hide_button,
            self.delete_button,
        ):
            widget.setEnabled(item is not None)
        if item is not None:
            self.label_box.setCurrentIndex(max(self.label_box.findData(item.label_id), 0))
        self.suggested = (
            suggest_label(item.text) if item is not None and item.label_id is None else None
        )
        self.suggest_button.setVisible(self.suggested is not None)
        if self.suggested is not None:
            # Built-in label names are Spanish data; the clerk sees them as stored.
            self.suggest_button.setText(
                self.tr("Sugerida: {label}").format(label=shown_label(self.suggested))
            )

    # --- status and labels ---------------------------------------------------------

    def set_status(self, status: InboxStatus) -> None:
        if self.item is None or self.item.id is None:
            return
        self.inbox.items.set_status([self.item.id], status)
        record_local(self.inbox.events, self.item, status, who=self.who)
        self.changed.emit()

    def set_label(self, label_id: int | None) -> None:
        if self.item is None or self.item.id is None:
            return
        self.inbox.items.set_label([self.item.id], label_id)
        record_local(self.inbox.events, self.item, "label", who=self.who)
        self.changed.emit()

    def add_own_label(self, name: str) -> int | None:
        """The clerk's own label, applied to the item; None for an empty name."""
        if not name.strip():
            return None
        label_id = self.inbox.items.add_label(name)
        self.reload_labels()
        self.set_label(label_id)
        return label_id

    def _apply_suggestion(self) -> None:
        if self.suggested is not None:
            self.set_label(self.inbox.items.label_ids().get(self.suggested))

    def _label_chosen(self, index: int) -> None:
        data = self.label_box.itemData(index)
        if data == NEW_LABEL:
            name, ok = QInputDialog.getText(
                self, self.tr("Nueva etiqueta"), self.tr("Nombre de la etiqueta:")
            )
            if not ok or self.add_own_label(name) is None:
                self.show_item(self.item)
            return
        self.set_label(data)

    # --- moderation ------------------------------------------------------------------

    def ask_delete(self) -> None:
        """Deleting on the network cannot be undone: the clerk confirms first."""
        item = self.item
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Eliminar el mensaje"),
            self.tr(
                "¿Eliminar el mensaje de {author} en {network}? No se puede deshacer; "
                "queda anotado quién lo eliminó y cuándo."
            ).format(
                author=item.author_name or item.author_handle, network=NETWORK_NAMES[item.network]
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.moderate("delete")

    def moderate(self, action: str) -> None:
        """Hide or delete on the network in the background; hide here where it cannot."""
        item = self.item
        if item is None or item.id is None:
            return
        inbox = self.inbox
        account = inbox.accounts.get(item.account_id)
        if account is None or account.demo:
            self._hide_here(item)
            return

        def work() -> None:
            adapter = inbox.adapters(account)
            try:
                moderate(adapter, inbox.items, inbox.events, item, action, who=self.who)
            finally:
                adapter.close()

        def failed(error: Exception) -> None:
            if isinstance(error, PermanentError) and action == "hide":
                self._hide_here(item)
            elif isinstance(error, NetworkError):
                self.told.emit(error.text(inbox.language))
            else:
                reason = clerk_reason(error, inbox.language)
                self.told.emit(self.tr("No se pudo completar: {error}").format(error=reason))

        self.tasks.run_in_background(work, lambda _r: self.changed.emit(), failed)

    def _hide_here(self, item: InboxItem) -> None:
        if item.id is None:
            return
        self.inbox.items.set_hidden(item.id, True)
        self.inbox.items.set_status([item.id], InboxStatus.ARCHIVED)
        record_local(self.inbox.events, item, "hidden_here", who=self.who)
        self.changed.emit()  # the list reloads first, then the note stays visible
        self.told.emit(HIDDEN_HERE(self.inbox.language))

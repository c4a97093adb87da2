"""Every saved draft in one list: found, opened and deleted from here.

A draft typed before any account was ticked has no target, so the calendar
cannot show it; this list is where it is never lost.

Signals: open_requested(int post id).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.i18n import Language
from smalltown_social.core.states import IllegalTransition
from smalltown_social.storage.posts_repo import DraftRow
from smalltown_social.ui.formatting import local_text, shorten

_POST_ID = Qt.ItemDataRole.UserRole


class DraftsDialog(QDialog):
    open_requested = Signal(int)

    def __init__(
        self,
        read: Callable[[], list[DraftRow]],
        delete: Callable[[int], None],
        time_zone: str,
        language: Language,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draftsDialog")
        self.setWindowTitle(self.tr("Borradores"))
        self._read, self._delete = read, delete
        self.time_zone, self.language = time_zone, language
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Borradores guardados"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Abrir"))
        self.delete_button = QPushButton(self.tr("&Eliminar…"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        drafts = self._read()
        for draft in drafts:
            first = shorten(" ".join(draft.text.split()), 90) or self.tr("(sin texto)")
            where = draft.accounts or self.tr("ninguna cuenta elegida todavía")
            when = local_text(draft.updated_utc, self.time_zone)
            item = QListWidgetItem(
                self.tr("{text}\n{when} · {where}").format(text=first, when=when, where=where)
            )
            item.setData(_POST_ID, draft.post_id)
            self.list.addItem(item)
        self.summary.setText(
            self.tr("No hay borradores guardados.")
            if not drafts
            else self.tr("1 borrador guardado.")
            if len(drafts) == 1
            else self.tr("{n} borradores guardados.").format(n=len(drafts))
        )
        self.list.setCurrentRow(0 if drafts else -1)
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(_POST_ID)) if item is not None else None

    def open_selected(self) -> None:
        post_id = self._selected()
        if post_id is not None:
            self.open_requested.emit(post_id)
            self.accept()

    def delete_selected(self) -> None:
        post_id = self._selected()
        if post_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Eliminar el borrador"),
            self.tr("¿Eliminar este borrador? No se puede deshacer."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._delete(post_id)
        except IllegalTransition as refused:  # it went to the outbox meanwhile
            QMessageBox.information(self, self.windowTitle(), refused.text(self.language))
        self.reload()

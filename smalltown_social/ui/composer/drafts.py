"""Every saved draft in one list: found, opened and deleted from here.

A draft typed before any account was ticked has no target, so the calendar
cannot show it; this list is where it is never lost.

The list is read, and a draft deleted, off the GUI thread (through `runner`,
the composer's write queue: after the writes before it).

Signals: open_requested(int post id); deleted(int post id) once a draft is
deleted; listed() each time the list has been read and shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

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
from smalltown_social.core.oneline import shorten
from smalltown_social.core.states import IllegalTransition
from smalltown_social.storage.posts_repo import DraftRow
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.formatting import local_text

log = logging.getLogger(__name__)

_POST_ID = Qt.ItemDataRole.UserRole


class Runner(Protocol):
    """Runs `fn` off the GUI thread and hands its result or error back on it."""

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None: ...


class DraftsDialog(QDialog):
    open_requested = Signal(int)
    deleted = Signal(int)
    listed = Signal()

    def __init__(
        self,
        read: Callable[[], list[DraftRow]],
        delete: Callable[[int], None],
        runner: Runner,
        time_zone: str,
        language: Language,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draftsDialog")
        self.setWindowTitle(self.tr("Borradores"))
        self._read, self._delete, self._runner = read, delete, runner
        self.loading = False
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
        """Read the list again (off the GUI thread); `listed` when it is shown."""
        self.loading = True
        self._enable()
        self._runner.run_in_background(self._read, self._show, self._read_failed)

    def _show(self, drafts: list[DraftRow]) -> None:
        self.loading = False
        self.list.clear()
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
        self.listed.emit()

    def _read_failed(self, error: Exception) -> None:
        self.loading = False
        log.warning("drafts not read: %s", error)
        self.list.clear()
        self.summary.setText(
            self.tr("No se han podido leer los borradores: {m}").format(m=self._words(error))
        )
        self._enable()
        self.listed.emit()

    def _words(self, error: Exception) -> str:
        """What a storage error or a refusal says to the clerk (ui/clerk_reason.py)."""
        return clerk_reason(error, self.language)

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None and not self.loading
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
        self.loading = True
        self._enable()
        self._runner.run_in_background(
            lambda: self._delete(post_id),
            lambda _none: self._deleted(post_id),
            self._delete_failed,
        )

    def _deleted(self, post_id: int) -> None:
        self.deleted.emit(post_id)
        self.reload()

    def _delete_failed(self, error: Exception) -> None:
        if isinstance(error, IllegalTransition):  # it went to the outbox meanwhile
            QMessageBox.information(self, self.windowTitle(), error.text(self.language))
        else:
            log.warning("draft not deleted: %s", error)
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("No se ha eliminado el borrador: {m}").format(m=self._words(error)),
            )
        self.reload()

"""Dialogs for what went wrong before or outside the main window.

Signals of `CrashRelay`: crashed(str path, str summary), emitted from any
thread and shown on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from smalltown_social.core.i18n import Language, Text
from smalltown_social.storage.errors import DatabaseCorrupt, DatabaseMissing, StorageError


def offer_restore(error: StorageError, language: Language, parent: QWidget | None = None) -> bool:
    """Show a storage error; True if the clerk chose to restore the last backup."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(
        Text("No se puede abrir la base de datos", "Cannot open the database")(language)
    )
    box.setText(error.text(language))
    restore = None
    backup: Path | None = None
    if isinstance(error, (DatabaseCorrupt, DatabaseMissing)):
        backup = error.last_backup
    if backup is not None:
        restore = box.addButton(
            Text("Restaurar la última copia", "Restore the last backup")(language),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setInformativeText(
            Text(
                "Los archivos actuales no se borran: se guardan aparte, en la carpeta «damaged».",
                "The current files are not deleted: they are kept aside, in the “damaged” folder.",
            )(language)
        )
    box.addButton(Text("Salir", "Quit")(language), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def show_problem(text: Text, language: Language, parent: QWidget | None = None) -> None:
    """Why the app cannot start (the data folder is unusable), with a button to quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(Text("No se puede abrir la aplicación", "Cannot open the app")(language))
    box.setText(text(language))
    box.addButton(Text("Salir", "Quit")(language), QMessageBox.ButtonRole.RejectRole)
    box.exec()


class CrashRelay(QObject):
    crashed = Signal(str, str)

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.crashed.connect(self._show)

    def report(self, path: Path, summary: str) -> None:
        """Callable from any thread (the crash hook)."""
        self.crashed.emit(str(path), summary)

    def _show(self, path: str, summary: str) -> None:
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(Text("Error inesperado", "Unexpected error")(self._language))
        box.setText(summary)
        box.setDetailedText(path)
        box.exec()

"""Why the database cannot be used, in words the clerk can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smalltown_social.core.i18n import Text


class StorageError(Exception):
    """Base of every storage failure; `text` is what the clerk reads."""

    def __init__(self, text: Text, *, path: Path | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.path = path


class DatabaseCorrupt(StorageError):
    """The file exists but is not a healthy SQLite database. Never overwritten."""

    def __init__(self, path: Path, detail: str, last_backup: Path | None) -> None:
        self.detail = detail
        self.last_backup = last_backup
        offer_es = (
            f" Puede restaurar la última copia de seguridad ({last_backup.name})."
            if last_backup
            else " No hay copias de seguridad para restaurar."
        )
        offer_en = (
            f" You can restore the last backup ({last_backup.name})."
            if last_backup
            else " There is no backup to restore."
        )
        super().__init__(
            Text(
                f"La base de datos {path} está dañada y no se puede abrir. "
                "No se ha modificado ni borrado nada." + offer_es,
                f"The database {path} is damaged and cannot be opened. "
                "Nothing was changed or deleted." + offer_en,
            ),
            path=path,
        )


class DatabaseMissing(StorageError):
    """The database file is gone but backups exist: do not start from empty."""

    def __init__(self, path: Path, last_backup: Path) -> None:
        self.last_backup = last_backup
        super().__init__(
            Text(
                f"No se encuentra la base de datos {path}, pero hay copias de seguridad. "
                f"Puede restaurar la última ({last_backup.name}) o empezar de cero.",
                f"The database {path} is missing, but backups exist. "
                f"You can restore the last one ({last_backup.name}) or start from scratch.",
            ),
            path=path,
        )


class DatabaseUnavailable(StorageError):
    """The folder or file cannot be read or written (permissions, disk full, locked)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.detail = detail
        super().__init__(
            Text(
                f"No se puede usar la base de datos {path}: {detail}. "
                "Compruebe que la carpeta existe, que tiene permiso de escritura "
                "y que queda espacio en el disco.",
                f"Cannot use the database {path}: {detail}. Check that the folder exists, "
                "is writable and that the disk has free space.",
            ),
            path=path,
        )


class WriteFailed(StorageError, sqlite3.OperationalError):
    """A write could not be saved (disk full, read-only file, I/O error); nothing changed.

    Still a `sqlite3.OperationalError`, so code that handles SQLite errors keeps working.
    """

    def __init__(self, path: Path, cause: sqlite3.Error) -> None:
        self.detail = str(cause)
        reason = _reason(self.detail)
        super().__init__(
            Text(
                f"No se ha podido guardar: {reason.es}. Lo guardado antes sigue intacto; "
                "vuelva a intentarlo cuando lo haya resuelto.",
                f"Could not save: {reason.en}. What was saved before is intact; "
                "try again once it is solved.",
            ),
            path=path,
        )


def _reason(detail: str) -> Text:
    lowered = detail.lower()
    if "full" in lowered:
        return Text("el disco está lleno", "the disk is full")
    if "readonly" in lowered or "read-only" in lowered:
        return Text(
            "el archivo o la carpeta son de solo lectura", "the file or folder is read-only"
        )
    return Text(
        "el disco no responde bien (error de lectura o escritura)",
        "the disk is not responding properly (read or write error)",
    )


def is_write_failure(error: sqlite3.Error) -> bool:
    """Errors of the disk rather than of our SQL: full, read-only, I/O."""
    lowered = str(error).lower()
    return any(
        needle in lowered
        for needle in ("disk is full", "database or disk is full", "readonly", "disk i/o error")
    )


class DatabaseTooNew(StorageError):
    """The file was written by a newer version of the app."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            Text(
                f"La base de datos {path} es de una versión más nueva de la aplicación "
                f"(esquema {found}; esta versión entiende hasta el {supported}). "
                "Actualice la aplicación.",
                f"The database {path} comes from a newer version of the app (schema "
                f"{found}; this version understands up to {supported}). Update the app.",
            ),
            path=path,
        )

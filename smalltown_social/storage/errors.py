"""Why the database cannot be used, in words the clerk can act on."""

from __future__ import annotations

import errno
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
    """The file exists but is not a healthy SQLite database. Never overwritten.

    `kept_in` is the folder holding a copy of the files as they were found, when
    one was made (the empty file beside a log with data: `DatabaseLogWithoutFile`).
    """

    def __init__(
        self, path: Path, detail: str, last_backup: Path | None, *, kept_in: Path | None = None
    ) -> None:
        self.detail = detail
        self.last_backup = last_backup
        self.kept_in = kept_in
        super().__init__(
            Text(
                f"La base de datos {path} está dañada y no se puede abrir. "
                "No se ha modificado ni borrado nada.",
                f"The database {path} is damaged and cannot be opened. "
                "Nothing was changed or deleted.",
            )
            + _kept(kept_in)
            + _offer(last_backup),
            path=path,
        )


class DatabaseLogWithoutFile(DatabaseCorrupt):
    """The database file is empty or missing, but the `-wal`/`-shm` beside it hold data.

    Not a new database: opening it would let SQLite delete the log (and the
    posts in it) and start an empty file. The files are copied aside and left.
    """

    def __init__(
        self, path: Path, logs: list[Path], last_backup: Path | None, kept_in: Path | None
    ) -> None:
        names = ", ".join(log.name for log in logs)
        super().__init__(
            path, f"empty or missing file beside {names}", last_backup, kept_in=kept_in
        )
        empty = path.exists()
        self.text = Text(
            f"La base de datos {path} {'está vacía' if empty else 'no existe'}, pero a su lado "
            f"hay archivos de cambios con datos ({names}): no es una base de datos nueva, así "
            "que no se ha abierto. No se ha modificado ni borrado nada.",
            f"The database {path} {'is empty' if empty else 'is missing'}, but beside it there "
            f"are change files holding data ({names}): it is not a new database, so it was not "
            "opened. Nothing was changed or deleted.",
        ) + _kept(kept_in)
        if last_backup is not None:
            self.text += _offer(last_backup)
        else:
            self.text += Text(
                " No hay copias de seguridad para restaurar. Si prefiere empezar de cero, "
                f"quite esos archivos de {path.parent} (la copia guardada se conserva).",
                " There is no backup to restore. To start from scratch, move those files "
                f"out of {path.parent} (the copy kept aside stays).",
            )
        self.args = (self.text.en,)


def _kept(kept_in: Path | None) -> Text:
    if kept_in is None:
        return Text("", "")
    return Text(
        f" Se ha guardado una copia de los archivos tal como estaban en {kept_in}.",
        f" A copy of the files as they were is kept in {kept_in}.",
    )


def _offer(last_backup: Path | None) -> Text:
    if last_backup is None:
        return Text(
            " No hay copias de seguridad para restaurar.", " There is no backup to restore."
        )
    return Text(
        f" Puede restaurar la última copia de seguridad ({last_backup.name}).",
        f" You can restore the last backup ({last_backup.name}).",
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

    def __init__(self, path: Path, detail: str, reason: Text | None = None) -> None:
        self.detail = detail
        lowered = detail.lower()
        known = any(word in lowered for word in ("full", "readonly", "read-only", "disk i/o"))
        if reason is None:
            reason = _reason(detail) if known else Text(detail, detail)
        super().__init__(
            Text(
                f"No se puede usar la base de datos {path}: {reason.es}. "
                "Compruebe que la carpeta existe, que tiene permiso de escritura "
                "y que queda espacio en el disco.",
                f"Cannot use the database {path}: {reason.en}. Check that the folder exists, "
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


class DataFolderUnusable(StorageError):
    """The data folder cannot be created or written (a file in its place, read-only, full)."""

    def __init__(self, folder: Path, cause: OSError) -> None:
        reason = os_reason(cause) or Text(
            cause.strerror or str(cause), cause.strerror or str(cause)
        )
        super().__init__(
            Text(
                f"No se puede usar la carpeta de datos {folder}: {reason.es}. "
                "Elija otra carpeta (--basedir) o compruebe los permisos y el espacio en el disco.",
                f"Cannot use the data folder {folder}: {reason.en}. "
                "Choose another folder (--basedir) or check the permissions and the disk space.",
            ),
            path=folder,
        )


# errno values that mean "this disk or folder cannot take it", not "our code is wrong".
_OS_REASONS: dict[int, Text] = {
    errno.ENOSPC: Text("el disco está lleno", "the disk is full"),
    errno.EDQUOT: Text("se ha agotado el espacio permitido", "the disk quota is used up"),
    errno.EROFS: Text("el disco es de solo lectura", "the disk is read-only"),
    errno.EACCES: Text("no hay permiso de escritura", "there is no permission to write"),
    errno.EPERM: Text("no hay permiso de escritura", "there is no permission to write"),
    errno.EEXIST: Text(
        "hay un archivo donde debería haber una carpeta", "a file is where a folder should be"
    ),
    errno.ENOTDIR: Text(
        "hay un archivo donde debería haber una carpeta", "a file is where a folder should be"
    ),
    errno.EISDIR: Text(
        "hay una carpeta donde debería haber un archivo", "a folder is where a file should be"
    ),
    errno.ENOENT: Text("la carpeta no existe", "the folder does not exist"),
    errno.EIO: Text(
        "el disco no responde bien (error de lectura o escritura)",
        "the disk is not responding properly (read or write error)",
    ),
    errno.ENAMETOOLONG: Text(
        "la ruta es demasiado larga para Windows (más de 260 caracteres; Windows solo "
        "admite rutas más largas si un administrador activa las rutas largas, "
        "LongPathsEnabled): use una carpeta de ruta más corta",
        "the path is too long for Windows (over 260 characters; Windows takes longer "
        "paths only if an administrator turns on long paths, LongPathsEnabled): use a "
        "folder with a shorter path",
    ),
}
ERROR_FILENAME_EXCED_RANGE = 206  # Windows' "the file name or extension is too long"


def os_reason(error: OSError) -> Text | None:
    """Why the disk refused, for the clerk; None when the error is not about the disk."""
    if getattr(error, "winerror", None) == ERROR_FILENAME_EXCED_RANGE:
        return _OS_REASONS[errno.ENAMETOOLONG]  # Python calls it ENOENT: "does not exist"
    return _OS_REASONS.get(error.errno) if error.errno is not None else None


def disk_reason(error: BaseException) -> Text | None:
    """Why the disk refused (an OSError or an SQLite write failure); None if it did not."""
    if isinstance(error, OSError):
        return os_reason(error)
    if isinstance(error, sqlite3.Error) and is_write_failure(error):
        return _reason(str(error))
    return None


def clerk_message(error: BaseException) -> Text | None:
    """What to tell the clerk about a failure of the disk or the database, else None.

    None means the error is not an expected trouble of the machine: it is a bug,
    and goes to the crash reporter instead of being explained away.
    """
    if isinstance(error, StorageError):
        return error.text
    reason = disk_reason(error)
    if reason is None:
        return None
    filename = error.filename if isinstance(error, OSError) else None
    where_es = f" en {filename}" if filename else ""
    where_en = f" to {filename}" if filename else ""
    return Text(
        f"No se puede escribir{where_es}: {reason.es}. Compruebe el espacio en el disco y los "
        "permisos; lo guardado antes sigue intacto.",
        f"Cannot write{where_en}: {reason.en}. Check the disk space and the permissions; "
        "what was saved before is intact.",
    )


class BackupRefused(StorageError):
    """A backup would be written over the database itself or over another one in use."""

    def __init__(self, destination: Path, *, same: bool) -> None:
        what = (
            Text("es la propia base de datos", "is the database itself")
            if same
            else Text(
                "es una base de datos en uso (tiene un archivo -wal al lado)",
                "is a database in use (it has a -wal file beside it)",
            )
        )
        super().__init__(
            Text(
                f"No se hace la copia: {destination} {what.es}, y escribir encima la dañaría. "
                "Elija otro archivo o una carpeta.",
                f"No backup made: {destination} {what.en}, and writing over it would damage "
                "it. Choose another file or a folder.",
            ),
            path=destination,
        )

"""Open the app's database safely, or say plainly why not.

A damaged or unreadable file is reported and left exactly as found: the app
never creates an empty database over data it could not read. The clerk is
offered the newest backup instead.

An empty or missing database file with a `-wal` or `-shm` holding data beside
it is not a new database: SQLite itself would delete that log (and the posts in
it) on opening. Those files are copied, as found, into `damaged/<time>/` next to
the database and the opening is refused.
"""

from __future__ import annotations

import filecmp
import shutil
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from smalltown_social.storage import backup as backups
from smalltown_social.storage.database import SQLITE_HEADER, Database
from smalltown_social.storage.errors import (
    DatabaseCorrupt,
    DatabaseLogWithoutFile,
    DatabaseMissing,
    DatabaseTooNew,
    DatabaseUnavailable,
    os_reason,
)
from smalltown_social.storage.migrations import LATEST, migrate

DAILY_PREFIX = "daily"
KEPT_ASIDE_DIR = "damaged"
SIDE_FILES = ("-wal", "-shm", "-journal")


def open_database(path: Path, backup_dir: Path, *, check_beside: bool = False) -> Database:
    """Check, migrate and return the database at `path`.

    Raises `DatabaseCorrupt`, `DatabaseMissing`, `DatabaseUnavailable` or
    `DatabaseTooNew`; each carries a Spanish/English `text` for the clerk.

    `check_beside`: an existing file at the current schema version gets its
    `PRAGMA quick_check` (106 ms on 100,000 inbox items) beside the start, not
    before it: it runs on the first thread that needs its verdict (the window asks
    from a worker thread once the clerk can type; issue #13), so it neither delays
    the window nor competes with it for the CPU and the disk while it is built.
    Every write, and `Database.checked()`, waits for that verdict and raises
    `DatabaseCorrupt` if it found damage. A file to migrate is checked first, here.
    """
    logs = _side_files_with_data(path)
    existed = path.is_file() and path.stat().st_size > 0
    if not existed and logs:
        raise DatabaseLogWithoutFile(
            path, logs, backups.latest_backup(backup_dir), _copy_aside(path)
        )
    if not existed and not path.is_dir():
        newest = backups.latest_backup(backup_dir)
        if newest is not None:
            raise DatabaseMissing(path, newest)
    else:
        _check_header(path, backup_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        database = Database(path, create=not existed)
        if check_beside and existed and database.user_version() == LATEST:
            _check_beside(database, path, backup_dir)
            return database
        problems = database.quick_check()
    except sqlite3.DatabaseError as error:
        if _is_unavailable(error):
            raise DatabaseUnavailable(path, str(error)) from error
        raise DatabaseCorrupt(path, str(error), backups.latest_backup(backup_dir)) from error
    except OSError as error:
        raise DatabaseUnavailable(path, error.strerror or str(error), os_reason(error)) from error
    if problems:
        database.close()
        raise DatabaseCorrupt(path, "; ".join(problems[:5]), backups.latest_backup(backup_dir))
    found = database.user_version()
    if found > LATEST:
        database.close()
        raise DatabaseTooNew(path, found, LATEST)
    try:
        migrate(database, backup=lambda reason: backup_now(database, backup_dir, reason))
    except sqlite3.OperationalError as error:
        database.close()
        raise DatabaseUnavailable(path, str(error)) from error
    return database


def _check_beside(database: Database, path: Path, backup_dir: Path) -> None:
    """Hold the writes until `quick_check` has run, on the first thread that asks."""
    lock = threading.Lock()
    found: list[str] = []
    failed: list[sqlite3.DatabaseError] = []
    done: list[bool] = []

    def verdict() -> None:
        with lock:  # one check; whoever asks meanwhile waits for it
            if not done:
                try:
                    found.extend(database.quick_check())
                except sqlite3.DatabaseError as error:
                    failed.append(error)
                done.append(True)
        if failed and _is_unavailable(failed[0]):
            raise DatabaseUnavailable(path, str(failed[0]))
        if failed or found:
            detail = str(failed[0]) if failed else "; ".join(found[:5])
            raise DatabaseCorrupt(path, detail, backups.latest_backup(backup_dir))

    database.hold_writes_until(verdict)


def backup_now(database: Database, backup_dir: Path, reason: str = "manual") -> Path:
    return backups.backup_to(database.conn, backup_dir / backups.timestamped_name(reason))


def daily_backup(database: Database, backup_dir: Path, now: datetime | None = None) -> Path | None:
    """Take today's automatic backup unless one exists; keep the last ten."""
    today = (now or datetime.now(UTC)).strftime("%Y%m%d")
    if any(p.name.startswith(f"{DAILY_PREFIX}-{today}") for p in backups.list_backups(backup_dir)):
        return None
    made = backup_now(database, backup_dir, DAILY_PREFIX)
    backups.prune(backup_dir, DAILY_PREFIX)
    return made


def restore_backup(path: Path, backup: Path) -> Path | None:
    """Put `backup` in place of `path`; the files it replaces are kept aside, never deleted.

    They move, with their `-wal`/`-shm`, into a new `damaged/<time>/` folder;
    returns where the replaced (damaged) database file went, if there was one.
    """
    found = [file for file in _trio(path) if file.exists()]
    moved: Path | None = None
    if found:
        folder = _new_aside_folder(path)
        for file in found:
            file.replace(folder / file.name)
        moved = folder / path.name if path in found else None
    shutil.copy2(backup, path)
    return moved


def _trio(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]


def _side_files_with_data(path: Path) -> list[Path]:
    return [side for side in _trio(path)[1:] if side.is_file() and side.stat().st_size > 0]


def _new_aside_folder(path: Path) -> Path:
    """A new `damaged/<UTC time>[-n]` folder beside the database."""
    parent = path.parent / KEPT_ASIDE_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        folder = parent / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"too many folders in {parent} for {stamp}")


def _copy_aside(path: Path) -> Path | None:
    """Copy the database's files as found into a dated folder; None if that is impossible.

    A copy identical to the newest one already kept is not made again (the clerk
    may start the app several times before solving it): that folder is returned.
    """
    found = [file for file in _trio(path) if file.is_file()]
    previous = _newest_aside(path)
    if previous is not None and _same_files(found, previous):
        return previous
    try:
        folder = _new_aside_folder(path)
        for file in found:
            shutil.copy2(file, folder / file.name)
    except OSError:
        return None
    return folder


def _newest_aside(path: Path) -> Path | None:
    parent = path.parent / KEPT_ASIDE_DIR
    if not parent.is_dir():
        return None
    folders = sorted(p for p in parent.iterdir() if p.is_dir())
    return folders[-1] if folders else None


def _same_files(files: list[Path], folder: Path) -> bool:
    kept = sorted(p.name for p in folder.iterdir())
    if kept != sorted(f.name for f in files):
        return False
    return all(filecmp.cmp(f, folder / f.name, shallow=False) for f in files)


def _check_header(path: Path, backup_dir: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailable(path, error.strerror or str(error), os_reason(error)) from error
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            path, "not an SQLite database (bad header)", backups.latest_backup(backup_dir)
        )


def _is_unavailable(error: sqlite3.DatabaseError) -> bool:
    message = str(error).lower()
    return any(
        hint in message
        for hint in (
            "unable to open",
            "readonly",
            "read-only",
            "disk is full",
            "locked",
            "disk i/o",
        )
    )

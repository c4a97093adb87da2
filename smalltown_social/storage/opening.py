"""Open the app's database safely, or say plainly why not.

A damaged or unreadable file is reported and left exactly as found: the app
never creates an empty database over data it could not read. The clerk is
offered the newest backup instead.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from smalltown_social.storage import backup as backups
from smalltown_social.storage.database import SQLITE_HEADER, Database
from smalltown_social.storage.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseTooNew,
    DatabaseUnavailable,
)
from smalltown_social.storage.migrations import LATEST, migrate

DAILY_PREFIX = "daily"


def open_database(path: Path, backup_dir: Path) -> Database:
    """Check, migrate and return the database at `path`.

    Raises `DatabaseCorrupt`, `DatabaseMissing`, `DatabaseUnavailable` or
    `DatabaseTooNew`; each carries a Spanish/English `text` for the clerk.
    """
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        newest = backups.latest_backup(backup_dir)
        if newest is not None:
            raise DatabaseMissing(path, newest)
    if existed:
        _check_header(path, backup_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        database = Database(path)
        problems = database.quick_check()
    except sqlite3.DatabaseError as error:
        if _is_unavailable(error):
            raise DatabaseUnavailable(path, str(error)) from error
        raise DatabaseCorrupt(path, str(error), backups.latest_backup(backup_dir)) from error
    except OSError as error:
        raise DatabaseUnavailable(path, error.strerror or str(error)) from error
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
    """Put `backup` in place of `path`; the file it replaces is kept aside, never deleted.

    Returns where the replaced (damaged) file was moved, if there was one.
    """
    moved: Path | None = None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if path.exists():
        moved = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
        path.replace(moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(side.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}{suffix}"))
    shutil.copy2(backup, path)
    return moved


def _check_header(path: Path, backup_dir: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailable(path, error.strerror or str(error)) from error
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

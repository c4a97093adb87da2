"""Online backups with SQLite's backup API.

Copying the `.db` file alone loses whatever still sits in the `-wal` file;
`Connection.backup()` copies a consistent snapshot while the app runs. Putting
the copy in place and deleting old ones wait a moment for a file an antivirus
holds (held_files.py).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from smalltown_social.storage import held_files
from smalltown_social.storage.errors import BackupRefused

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".db"
KEEP_AUTOMATIC = 10


def backup_to(source: sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent copy of `source` to `destination` (atomically replaced).

    On failure (disk full, read-only) nothing is left behind: no `.partial` file.
    `BackupRefused` if `destination` is the database itself or a database in use
    (a `-wal` beside it): replacing it would lose what its connections write next.
    """
    _refuse_live_database(source, destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    leftovers = (partial, partial.with_name(partial.name + "-journal"))
    for leftover in leftovers:
        held_files.unlink(leftover)
    try:
        target = sqlite3.connect(str(partial))
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        held_files.replace(partial, destination)
    except BaseException:
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    return destination


def _refuse_live_database(source: sqlite3.Connection, destination: Path) -> None:
    main = next((row[2] for row in source.execute("PRAGMA database_list") if row[1] == "main"), "")
    target = destination.resolve()
    if main and target == Path(main).resolve():
        raise BackupRefused(destination, same=True)
    for suffix in ("-wal", "-shm"):
        if target.with_name(target.name + suffix).exists():
            raise BackupRefused(destination, same=False)


def timestamped_name(reason: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{reason}-{moment}{BACKUP_SUFFIX}"


def list_backups(folder: Path) -> list[Path]:
    """Backups in `folder`, newest first (by modification time, then name)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix == BACKUP_SUFFIX]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def latest_backup(folder: Path) -> Path | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def prune(folder: Path, prefix: str, keep: int = KEEP_AUTOMATIC) -> None:
    """Delete automatic backups with `prefix` beyond the newest `keep`."""
    mine = [p for p in list_backups(folder) if p.name.startswith(prefix)]
    for old in mine[keep:]:
        try:
            held_files.unlink(old)
        except PermissionError as error:
            if not held_files.held_by_another_program(error):
                raise
            log.warning("old backup %s still held by another program; deleted next time", old.name)

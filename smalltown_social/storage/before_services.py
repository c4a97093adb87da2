"""What the window's shell needs before the services exist (issue #13).

The window paints its shell (navigation, status bar, the composer's editor) before the
composition root is imported: for that it needs the data folder (the instance lock lives
there) and the clerk's language. Both are read here with nothing but `sqlite3` and the
paths; everything else waits for `app.build_services`, which checks and migrates the
database as always.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smalltown_social.core.i18n import Language, parse_language
from smalltown_social.paths import DataPaths, too_long_for_windows
from smalltown_social.storage.database import connect
from smalltown_social.storage.errors import DataFolderUnusable

LANGUAGE_KEY = "language"  # core.settings.LANGUAGE: a test holds the two together


def prepare_data_folder(paths: DataPaths) -> None:
    """Create the data folders; `DataFolderUnusable` if the disk refuses (or, on Windows,
    if their files would pass the 260-character limit)."""
    if too_long_for_windows(paths.base):
        import errno  # noqa: PLC0415 - only for the refusal

        too_long = OSError(errno.ENAMETOOLONG, "path too long for Windows", str(paths.base))
        raise DataFolderUnusable(paths.base, too_long)
    try:
        paths.ensure()
    except OSError as error:
        raise DataFolderUnusable(paths.base, error) from error


def stored_language(database: Path) -> Language | None:
    """The language the clerk chose in Ajustes, read from the file; None if there is no
    file yet, no settings table (an older or new file) or no choice.

    `sqlite3.DatabaseError` (or `OSError`) if the file cannot be read (damage, not a
    database, no permission): the caller opens the services at once, which tell the
    clerk what is wrong.
    """
    if not database.is_file() or database.stat().st_size == 0:
        return None
    conn = connect(database, create=False)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (LANGUAGE_KEY,)).fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    finally:
        conn.close()
    if row is None:
        return None
    import json  # noqa: PLC0415 - only when the clerk chose (Spanish, the default, is no row)

    try:
        value = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    return parse_language(value) if isinstance(value, str) else None

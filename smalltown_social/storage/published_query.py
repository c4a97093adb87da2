"""Targets published since a moment, by whichever process published them.

The window reads this to tell the clerk what `publish-due` (started by the
Task Scheduler) sent while the program was closed, or beside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smalltown_social.storage.timefmt import from_db_required, to_db


@dataclass(frozen=True)
class Published:
    target_id: int
    post_id: int
    published_utc: datetime


def published_since(conn: sqlite3.Connection, since: datetime) -> list[Published]:
    """Published targets whose publication time is `since` or later, oldest first."""
    rows = conn.execute(
        "SELECT id, post_id, published_utc FROM targets "
        "WHERE state = 'published' AND published_utc >= ? ORDER BY published_utc, id",
        (to_db(since),),
    ).fetchall()
    return [Published(row[0], row[1], from_db_required(row[2])) for row in rows]

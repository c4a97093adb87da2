"""The event log: what was published, failed or overridden, and when."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, now_db, to_db


@dataclass(frozen=True)
class Event:
    id: int
    at_utc: datetime
    kind: str
    post_id: int | None
    target_id: int | None
    account_id: int | None
    detail: str


class EventLog:
    def __init__(self, database: Database) -> None:
        self._database = database

    def record(
        self,
        kind: str,
        detail: str = "",
        *,
        post_id: int | None = None,
        target_id: int | None = None,
        account_id: int | None = None,
        conn: sqlite3.Connection | None = None,
        at_utc: datetime | None = None,
    ) -> None:
        """Append an event; pass `conn` to write inside the caller's transaction.

        `at_utc` is when it happened, if not now (an import, the demo).
        """
        sql = (
            "INSERT INTO events (at_utc, kind, post_id, target_id, account_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)"
        )
        at = now_db() if at_utc is None else to_db(at_utc)
        params = (at, kind, post_id, target_id, account_id, detail)
        if conn is not None:
            conn.execute(sql, params)
            return
        with self._database.write() as own:
            own.execute(sql, params)

    def recent(self, limit: int = 100) -> list[Event]:
        rows = self._database.query("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))
        return [
            Event(
                id=row["id"],
                at_utc=from_db_required(row["at_utc"]),
                kind=row["kind"],
                post_id=row["post_id"],
                target_id=row["target_id"],
                account_id=row["account_id"],
                detail=row["detail"],
            )
            for row in rows
        ]

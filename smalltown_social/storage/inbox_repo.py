"""Inbox items: upserted by (network, remote id), searched with FTS5."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, to_db


@dataclass(frozen=True)
class InboxItem:
    account_id: int
    network: str
    remote_id: str
    kind: str
    text: str
    received_utc: datetime
    author_name: str = ""
    author_handle: str = ""
    url: str | None = None
    parent_remote_id: str | None = None
    target_id: int | None = None
    status: str = "new"
    label_id: int | None = None
    id: int | None = None


class InboxRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def upsert(self, items: list[InboxItem]) -> int:
        """Store items; one already stored (same network and remote id) keeps its status.

        Returns how many were new.
        """
        with self._database.write() as conn:
            cursor = conn.executemany(
                "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, "
                "author_handle, text, url, parent_remote_id, target_id, received_utc, status, "
                "label_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(network, remote_id) DO NOTHING",
                [
                    (
                        i.account_id,
                        i.network,
                        i.remote_id,
                        i.kind,
                        i.author_name,
                        i.author_handle,
                        i.text,
                        i.url,
                        i.parent_remote_id,
                        i.target_id,
                        to_db(i.received_utc),
                        i.status,
                        i.label_id,
                    )
                    for i in items
                ],
            )
        # rowcount sums direct inserts only (not the FTS trigger's); ignored duplicates add 0.
        return max(cursor.rowcount, 0)

    def count(self, status: str | None = None) -> int:
        if status is None:
            return int(self._database.scalar("SELECT count(*) FROM inbox_items"))
        return int(
            self._database.scalar("SELECT count(*) FROM inbox_items WHERE status = ?", (status,))
        )

    def label_ids(self) -> dict[str, int]:
        """Label name -> id, for the built-in labels and the clerk's own."""
        rows = self._database.query("SELECT id, name FROM labels ORDER BY id")
        return {str(r["name"]): int(r["id"]) for r in rows}

    def search(self, words: str, limit: int = 200) -> list[InboxItem]:
        """Accent- and case-insensitive search; each word must appear (prefix match)."""
        query = fts_query(words)
        if not query:
            return []
        rows = self._database.query(
            "SELECT i.* FROM inbox_fts f JOIN inbox_items i ON i.id = f.rowid "
            "WHERE inbox_fts MATCH ? ORDER BY i.received_utc DESC LIMIT ?",
            (query, limit),
        )
        return [_item(r) for r in rows]


def fts_query(words: str) -> str:
    """Turn what the clerk typed into a safe FTS5 query: quoted terms, prefix-matched."""
    terms = [t.replace('"', "") for t in words.split()]
    return " ".join(f'"{t}"*' for t in terms if t)


def _item(row: sqlite3.Row) -> InboxItem:
    return InboxItem(
        id=row["id"],
        account_id=row["account_id"],
        network=row["network"],
        remote_id=row["remote_id"],
        kind=row["kind"],
        text=row["text"],
        received_utc=from_db_required(row["received_utc"]),
        author_name=row["author_name"],
        author_handle=row["author_handle"],
        url=row["url"],
        parent_remote_id=row["parent_remote_id"],
        target_id=row["target_id"],
        status=row["status"],
        label_id=row["label_id"],
    )

"""Inbox items: upserted by (network, remote id), searched with FTS5."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from smalltown_social.core.untrusted_text import storable
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, now_db, to_db

log = logging.getLogger(__name__)

_INSERT = (
    "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, "
    "author_handle, text, url, parent_remote_id, root_remote_id, target_id, "
    "received_utc, status, label_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "coalesce(?, (SELECT t.id FROM targets t WHERE t.account_id = ? "
    "AND t.remote_id IS NOT NULL AND t.remote_id IN (?, ?) ORDER BY t.id LIMIT 1)), "
    "?, ?, ?) ON CONFLICT(network, remote_id) DO NOTHING"
)


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
    root_remote_id: str | None = None
    target_id: int | None = None
    status: str = "new"
    label_id: int | None = None
    hidden: bool = False
    id: int | None = None


class InboxRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def upsert(self, items: list[InboxItem]) -> int:
        """Store items; one already stored (same network and remote id) keeps its status.

        Text from the network is stored cleaned (a lone surrogate, which SQLite
        refuses, becomes U+FFFD). An item the database still refuses is skipped
        with a log line: the rest of the page is kept, so one bad item never
        blocks an account's inbox. Returns how many were new.
        """
        # An item answering one of our published posts is linked to that target
        # (its root or, for a direct answer, its parent is the post's remote id).
        fresh = 0
        with self._database.write() as conn:
            for item in items:
                cleaned = _storable(item)
                try:
                    fresh += max(conn.execute(_INSERT, _row(cleaned)).rowcount, 0)
                except (sqlite3.Error, UnicodeError, ValueError, OverflowError) as error:
                    log.warning(
                        "inbox item %r of account %s skipped: %s: %s",
                        cleaned.remote_id,
                        cleaned.account_id,
                        type(error).__name__,
                        storable(str(error)),
                    )
        return fresh

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

    def get(self, item_id: int) -> InboxItem | None:
        rows = self._database.query("SELECT * FROM inbox_items WHERE id = ?", (item_id,))
        return _item(rows[0]) if rows else None

    def by_remote_id(self, network: str, remote_id: str) -> InboxItem | None:
        rows = self._database.query(
            "SELECT * FROM inbox_items WHERE network = ? AND remote_id = ?", (network, remote_id)
        )
        return _item(rows[0]) if rows else None

    def thread(self, item: InboxItem) -> list[InboxItem]:
        """The stored items of `item`'s conversation, oldest first (the item included)."""
        root = item.root_remote_id or item.parent_remote_id or item.remote_id
        rows = self._database.query(
            "SELECT * FROM inbox_items WHERE network = ? AND account_id = ? AND ("
            "root_remote_id = ? OR remote_id = ? OR parent_remote_id = ? OR id = ?) "
            "ORDER BY received_utc, id LIMIT 200",
            (item.network, item.account_id, root, root, root, item.id),
        )
        return [_item(r) for r in rows]

    def post_text(self, item: InboxItem) -> str | None:
        """The text of our post that `item` answers (None: it answers none of ours)."""
        if item.target_id is None:
            return None
        value = self._database.scalar(
            "SELECT p.text FROM targets t JOIN posts p ON p.id = t.post_id WHERE t.id = ?",
            (item.target_id,),
        )
        return None if value is None else str(value)

    def set_status(self, item_ids: list[int], status: str) -> None:
        answered = "answered_utc = CASE WHEN ? = 'answered' THEN ? ELSE answered_utc END"
        with self._database.write() as conn:
            conn.executemany(
                f"UPDATE inbox_items SET status = ?, {answered} WHERE id = ?",  # noqa: S608
                [(status, status, now_db(), i) for i in item_ids],
            )

    def set_label(self, item_ids: list[int], label_id: int | None) -> None:
        with self._database.write() as conn:
            conn.executemany(
                "UPDATE inbox_items SET label_id = ? WHERE id = ?",
                [(label_id, i) for i in item_ids],
            )

    def set_hidden(self, item_id: int, hidden: bool) -> None:
        with self._database.write() as conn:
            conn.execute("UPDATE inbox_items SET hidden = ? WHERE id = ?", (int(hidden), item_id))

    def add_label(self, name: str, color: str | None = None) -> int:
        """The clerk's own label (or the existing one of that name); returns its id."""
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO labels (name, builtin, color) VALUES (?, 0, ?) "
                "ON CONFLICT(name) DO NOTHING",
                (name.strip(), color),
            )
            row = conn.execute("SELECT id FROM labels WHERE name = ?", (name.strip(),)).fetchone()
        return int(row[0])

    def delete_older_than(self, cutoff: datetime) -> int:
        """Retention: delete items received before `cutoff`; returns how many."""
        with self._database.write() as conn:
            cursor = conn.execute(
                "DELETE FROM inbox_items WHERE received_utc < ?", (to_db(cutoff),)
            )
        return max(cursor.rowcount, 0)

    def cursor(self, account_id: int) -> str | None:
        value = self._database.scalar(
            "SELECT cursor FROM inbox_cursors WHERE account_id = ?", (account_id,)
        )
        return None if value is None else str(value)

    def save_batch(self, account_id: int, items: list[InboxItem], cursor: str | None) -> int:
        """Upsert a fetched page, then store its cursor; returns how many items were new.

        The items go in first: a crash between the two steps fetches the page again,
        and the upsert ignores what is already stored.
        """
        fresh = self.upsert(items) if items else 0
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO inbox_cursors (account_id, cursor, synced_utc) VALUES (?, ?, ?) "
                "ON CONFLICT(account_id) DO UPDATE SET "
                "cursor = coalesce(excluded.cursor, inbox_cursors.cursor), "
                "synced_utc = excluded.synced_utc",
                (account_id, None if cursor is None else storable(cursor), now_db()),
            )
        return fresh

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
        root_remote_id=row["root_remote_id"],
        hidden=bool(row["hidden"]),
        target_id=row["target_id"],
        status=row["status"],
        label_id=row["label_id"],
    )


def _storable(item: InboxItem) -> InboxItem:
    """The item with every text field cleaned of what SQLite cannot store."""

    def clean(value: str | None) -> str | None:
        return None if value is None else storable(value)

    return replace(
        item,
        network=storable(item.network),
        remote_id=storable(item.remote_id),
        kind=storable(item.kind),
        text=storable(item.text),
        author_name=storable(item.author_name),
        author_handle=storable(item.author_handle),
        url=clean(item.url),
        parent_remote_id=clean(item.parent_remote_id),
        root_remote_id=clean(item.root_remote_id),
        status=storable(item.status),
    )


def _row(i: InboxItem) -> tuple[object, ...]:
    return (
        i.account_id,
        i.network,
        i.remote_id,
        i.kind,
        i.author_name,
        i.author_handle,
        i.text,
        i.url,
        i.parent_remote_id,
        i.root_remote_id,
        i.target_id,
        i.account_id,
        i.root_remote_id,
        i.parent_remote_id,
        to_db(i.received_utc),
        i.status,
        i.label_id,
    )

"""Inbox items: upserted by (network, remote id), their status, label and hiding changed.

Reads of one item or one thread map rows through `storage.inbox_query`, the one
place that reads the inbox; the list and the search are there too.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.core.states import TargetState
from smalltown_social.core.untrusted_text import storable
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_query import SELECT_ITEMS, item_from_row
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


_OUR_REPLIES = (
    "SELECT p.reply_to_item_id AS item_id, p.text, p.created_utc, t.state, t.error, "
    "t.remote_url FROM posts p JOIN targets t ON t.post_id = p.id"
)


@dataclass(frozen=True)
class OurReply:
    """An answer the town wrote to an inbox item, and where it stands."""

    item_id: int
    text: str
    written_utc: datetime
    state: TargetState
    error: str | None
    url: str | None


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

    def count(self, status: InboxStatus | None = None) -> int:
        if status is None:
            return int(self._database.scalar("SELECT count(*) FROM inbox_items"))
        return int(
            self._database.scalar(
                "SELECT count(*) FROM inbox_items WHERE status = ?", (status.value,)
            )
        )

    def label_ids(self) -> dict[str, int]:
        """Label name -> id, for the built-in labels and the clerk's own."""
        rows = self._database.query("SELECT id, name FROM labels ORDER BY id")
        return {str(r["name"]): int(r["id"]) for r in rows}

    def get(self, item_id: int) -> InboxItem | None:
        rows = self._database.query(f"{SELECT_ITEMS} WHERE i.id = ?", (item_id,))
        return item_from_row(rows[0]) if rows else None

    def by_remote_id(self, network: str, remote_id: str) -> InboxItem | None:
        rows = self._database.query(
            f"{SELECT_ITEMS} WHERE i.network = ? AND i.remote_id = ?", (network, remote_id)
        )
        return item_from_row(rows[0]) if rows else None

    def thread(self, item: InboxItem) -> list[InboxItem]:
        """The stored items of `item`'s conversation, oldest first (the item included)."""
        root = item.root_remote_id or item.parent_remote_id or item.remote_id
        rows = self._database.query(
            f"{SELECT_ITEMS} WHERE i.network = ? AND i.account_id = ? AND ("
            "i.root_remote_id = ? OR i.remote_id = ? OR i.parent_remote_id = ? OR i.id = ?) "
            "ORDER BY i.received_utc, i.id LIMIT 200",
            (item.network.value, item.account_id, root, root, root, item.id),
        )
        return [item_from_row(r) for r in rows]

    def our_replies(self, item_ids: list[int]) -> list[OurReply]:
        """The town's answers to these items, oldest first, with how far each has got."""
        if not item_ids:
            return []
        marks = ",".join("?" * len(item_ids))
        query = f"{_OUR_REPLIES} WHERE p.reply_to_item_id IN ({marks}) ORDER BY p.created_utc, p.id"
        rows = self._database.query(query, tuple(item_ids))
        return [
            OurReply(
                int(r["item_id"]),
                r["text"],
                from_db_required(r["created_utc"]),
                TargetState(r["state"]),
                r["error"],
                r["remote_url"],
            )
            for r in rows
        ]

    def set_status(self, item_ids: list[int], status: InboxStatus) -> None:
        answered = "answered_utc = CASE WHEN ? = 'answered' THEN ? ELSE answered_utc END"
        with self._database.write() as conn:
            conn.executemany(
                f"UPDATE inbox_items SET status = ?, {answered} WHERE id = ?",  # noqa: S608
                [(status.value, status.value, now_db(), i) for i in item_ids],
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


def _storable(item: InboxItem) -> InboxItem:
    """The item with every text field cleaned of what SQLite cannot store."""

    def clean(value: str | None) -> str | None:
        return None if value is None else storable(value)

    return replace(
        item,
        remote_id=storable(item.remote_id),
        text=storable(item.text),
        author_name=storable(item.author_name),
        author_handle=storable(item.author_handle),
        url=clean(item.url),
        parent_remote_id=clean(item.parent_remote_id),
        root_remote_id=clean(item.root_remote_id),
    )


def _row(i: InboxItem) -> tuple[object, ...]:
    return (
        i.account_id,
        i.network.value,
        i.remote_id,
        i.kind.value,
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
        i.status.value,
        i.label_id,
    )

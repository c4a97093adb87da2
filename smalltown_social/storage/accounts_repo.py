"""Accounts table. Holds names and server addresses, never a credential.

A removed account whose posts went out stays as a row marked `removed_utc`
(and renamed, which frees its name): its published history keeps its account.
Such a row is left out of `all()`, `by_name()` and `count()`; `get()` still
finds it, for the history.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from enum import StrEnum

from smalltown_social.core.accounts import Account, Network
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db, now_db, to_db


class Removal(StrEnum):
    DELETED = "deleted"  # nothing published: the row is gone
    ARCHIVED = "archived"  # published history: the row stays, marked removed


class AccountInUse(Exception):
    """The account still has posts that did not go out; nothing was changed."""

    def __init__(self, unfinished: int) -> None:
        super().__init__(f"{unfinished} unfinished targets")
        self.unfinished = unfinished


class AccountsRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def add(
        self,
        network: Network,
        name: str,
        *,
        handle: str | None = None,
        server_url: str | None = None,
        channel: str | None = None,
        demo: bool = False,
    ) -> Account:
        with self._database.write() as conn:
            cursor = conn.execute(
                "INSERT INTO accounts (network, name, handle, server_url, channel, demo, "
                "created_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (network.value, name, handle, server_url, channel, int(demo), now_db()),
            )
            account_id = cursor.lastrowid
        found = self.get(int(account_id or 0))
        assert found is not None
        return found

    def get(self, account_id: int) -> Account | None:
        rows = self._database.query("SELECT * FROM accounts WHERE id = ?", (account_id,))
        return _account(rows[0]) if rows else None

    def by_name(self, name: str) -> Account | None:
        rows = self._database.query(
            "SELECT * FROM accounts WHERE name = ? AND removed_utc IS NULL", (name,)
        )
        return _account(rows[0]) if rows else None

    def all(self) -> list[Account]:
        rows = self._database.query(
            "SELECT * FROM accounts WHERE removed_utc IS NULL ORDER BY name"
        )
        return [_account(r) for r in rows]

    def count(self, *, include_demo: bool = True) -> int:
        sql = "SELECT count(*) FROM accounts WHERE removed_utc IS NULL AND (? OR demo = 0)"
        return int(self._database.scalar(sql, (include_demo,)))

    def set_status(self, account_id: int, status: str, detail: str | None = None) -> None:
        with self._database.write() as conn:
            conn.execute(
                "UPDATE accounts SET status = ?, status_detail = ? WHERE id = ?",
                (status, detail, account_id),
            )

    def set_expires(self, account_id: int, expires_utc: datetime | None) -> None:
        """When the credential stops working, where the network says (None: it does not expire)."""
        with self._database.write() as conn:
            conn.execute(
                "UPDATE accounts SET expires_utc = ? WHERE id = ?", (to_db(expires_utc), account_id)
            )

    def set_limits(self, account_id: int, max_length: int | None, url_length: int | None) -> None:
        """The length rule the account's server announced (read when connecting)."""
        with self._database.write() as conn:
            conn.execute(
                "UPDATE accounts SET max_length = ?, url_length = ? WHERE id = ?",
                (max_length, url_length, account_id),
            )

    def remove(self, account_id: int) -> Removal:
        """Remove an account; one with published posts is archived, not deleted.

        Its inbox (comments, private messages) and inbox cursor go either way.
        Raises `AccountInUse` if it has posts that did not go out yet
        (drafts, scheduled, failed, unconfirmed…, or handed to the network's
        scheduler for later): the clerk deals with those first.
        """
        with self._database.write() as conn:
            unfinished = conn.execute(
                # Every state but published would be stranded; so would a post handed to
                # the network's scheduler and not out yet (only the account can withdraw it).
                "SELECT count(*) FROM targets WHERE account_id = ? AND (state <> 'published' "
                "OR (on_server = 1 AND due_utc > ?))",
                (account_id, now_db()),
            ).fetchone()[0]
            if unfinished:
                raise AccountInUse(int(unfinished))
            published = conn.execute(
                "SELECT count(*) FROM targets WHERE account_id = ?", (account_id,)
            ).fetchone()[0]
            if not published:
                conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
                return Removal.DELETED
            conn.execute("DELETE FROM inbox_items WHERE account_id = ?", (account_id,))
            conn.execute("DELETE FROM inbox_cursors WHERE account_id = ?", (account_id,))
            conn.execute(
                "UPDATE accounts SET removed_utc = ?, status = 'removed', status_detail = NULL, "
                "name = name || ' (quitada ' || id || ')' WHERE id = ?",
                (now_db(), account_id),
            )
            return Removal.ARCHIVED


def _account(row: sqlite3.Row) -> Account:
    return Account(
        id=row["id"],
        network=Network(row["network"]),
        name=row["name"],
        handle=row["handle"],
        server_url=row["server_url"],
        channel=row["channel"],
        status=row["status"],
        status_detail=row["status_detail"],
        expires_utc=from_db(row["expires_utc"]),
        demo=bool(row["demo"]),
        max_length=row["max_length"],
        url_length=row["url_length"],
        removed=row["removed_utc"] is not None,
    )

"""Accounts table. Holds names and server addresses, never a credential."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from smalltown_social.core.accounts import Account, Network
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db, now_db, to_db


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
        rows = self._database.query("SELECT * FROM accounts WHERE name = ?", (name,))
        return _account(rows[0]) if rows else None

    def all(self) -> list[Account]:
        return [_account(r) for r in self._database.query("SELECT * FROM accounts ORDER BY name")]

    def count(self, *, include_demo: bool = True) -> int:
        if include_demo:
            return int(self._database.scalar("SELECT count(*) FROM accounts"))
        return int(self._database.scalar("SELECT count(*) FROM accounts WHERE demo = 0"))

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

    def remove(self, account_id: int) -> None:
        with self._database.write() as conn:
            conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


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
    )

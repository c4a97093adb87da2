"""Containers a network made before publishing (Instagram), remembered per idempotency key.

Instagram publishes in two steps: a container, then `media_publish`. The
container's id is written here the moment Instagram returns it, so a retry
with the same key (after a crash, a timeout, a restart) checks and publishes
that container instead of creating a second one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from smalltown_social.storage.database import Database


class ContainersRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, account_id: int, key: str) -> str | None:
        found = self._database.scalar(
            "SELECT container_id FROM remote_containers WHERE account_id = ? AND "
            "idempotency_key = ?",
            (account_id, key),
        )
        return str(found) if found is not None else None

    def put(self, account_id: int, key: str, container_id: str) -> None:
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO remote_containers (account_id, idempotency_key, container_id, "
                "created_utc) VALUES (?, ?, ?, ?) ON CONFLICT(account_id, idempotency_key) "
                "DO UPDATE SET container_id = excluded.container_id, "
                "created_utc = excluded.created_utc",
                (account_id, key, container_id, datetime.now(UTC).isoformat()),
            )

    def forget(self, account_id: int, key: str) -> None:
        with self._database.write() as conn:
            conn.execute(
                "DELETE FROM remote_containers WHERE account_id = ? AND idempotency_key = ?",
                (account_id, key),
            )

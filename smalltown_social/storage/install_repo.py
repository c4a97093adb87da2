"""What identifies this data folder: its install id (see migration 8)."""

from __future__ import annotations

from smalltown_social.storage.database import Database


class InstallRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def install_id(self) -> str:
        """The random id created with this data folder's database; never changes."""
        return str(self._database.scalar("SELECT install_id FROM install WHERE id = 1"))

    def legacy_secrets_adopted(self) -> bool:
        """True once the entries of older versions were copied to this folder's names."""
        found = self._database.scalar("SELECT legacy_secrets_adopted FROM install WHERE id = 1")
        return bool(found)

    def mark_legacy_secrets_adopted(self) -> None:
        with self._database.write() as conn:
            conn.execute("UPDATE install SET legacy_secrets_adopted = 1 WHERE id = 1")

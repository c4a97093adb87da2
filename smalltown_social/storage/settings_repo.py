"""Setting values, stored as JSON text under the key declared in `core.settings`."""

from __future__ import annotations

import json
from typing import TypeVar

from smalltown_social.core.settings import Setting
from smalltown_social.storage.database import Database

T = TypeVar("T", str, int, bool)


class SettingsRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, setting: Setting[T]) -> T:
        raw = self._database.scalar("SELECT value FROM settings WHERE key = ?", (setting.key,))
        if raw is None:
            return setting.default
        value = json.loads(raw)
        # A value of the wrong type (hand-edited file, older version) falls back to the default.
        if isinstance(value, setting.kind) and (setting.kind is bool) == isinstance(value, bool):
            return value
        return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.kind):
            raise TypeError(f"setting {setting.key} takes {setting.kind.__name__}")
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (setting.key, json.dumps(value)),
            )

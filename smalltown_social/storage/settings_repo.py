"""Setting values, stored as JSON text under the key declared in `core.settings`."""

from __future__ import annotations

import json
from datetime import date
from typing import TypeVar

from smalltown_social.core.settings import (
    ELECTION_CALLED,
    ELECTION_DAY,
    Setting,
    check,
    electoral_period,
)
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

    def get_any(self, setting: Setting[str] | Setting[int] | Setting[bool]) -> str | int | bool:
        """The value of a setting whose type is only known at run time (the settings page)."""
        value: str | int | bool = self.get(setting)  # type: ignore[misc]
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        self.set_checked(setting, value)

    def set_checked(
        self, setting: Setting[str] | Setting[int] | Setting[bool], value: object
    ) -> None:
        """Store a value that comes untyped (Ajustes, the command line), checked by the table.

        TypeError for a value of the wrong type; `InvalidSetting` for one the
        setting does not accept (outside its limits or choices, not a date).
        """
        check(setting, value)
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (setting.key, json.dumps(value)),
            )

    def electoral_period(self) -> tuple[date, date] | None:
        """The electoral period the clerk set, if any (the guidance blocks propaganda in it)."""
        return electoral_period(self.get(ELECTION_CALLED), self.get(ELECTION_DAY))

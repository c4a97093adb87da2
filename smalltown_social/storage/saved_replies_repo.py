"""Saved replies: the clerk's answer templates, with variables such as {nombre}."""

from __future__ import annotations

from dataclasses import dataclass

from smalltown_social.storage.database import Database


@dataclass(frozen=True)
class SavedReply:
    id: int
    name: str
    text: str


class SavedRepliesRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def all(self) -> list[SavedReply]:
        rows = self._database.query("SELECT id, name, text FROM saved_replies ORDER BY name")
        return [SavedReply(r["id"], r["name"], r["text"]) for r in rows]

    def save(self, name: str, text: str) -> SavedReply:
        """Add a template, or replace the text of the one with this name."""
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO saved_replies (name, text) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET text = excluded.text",
                (name.strip(), text),
            )
            row = conn.execute(
                "SELECT id, name, text FROM saved_replies WHERE name = ?", (name.strip(),)
            ).fetchone()
        return SavedReply(row["id"], row["name"], row["text"])

    def delete(self, reply_id: int) -> None:
        with self._database.write() as conn:
            conn.execute("DELETE FROM saved_replies WHERE id = ?", (reply_id,))

"""Posts, their images and their targets.

Targets are read here; every change of a target's state is written by
`targets_store.TargetStore`. A post is locked (no edit, no delete) while any
of its targets is being sent or already out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from smalltown_social.core.posts import Image, Post, Target
from smalltown_social.core.states import FROZEN, IllegalTransition, TargetState
from smalltown_social.storage.database import Database
from smalltown_social.storage.targets_store import TargetStore
from smalltown_social.storage.timefmt import from_db, from_db_required, now_db, to_db


@dataclass(frozen=True)
class Upcoming:
    """The next scheduled publication, for the status bar."""

    due_utc: datetime
    time_zone: str
    text: str
    account_name: str


@dataclass(frozen=True)
class DraftRow:
    """A saved draft as the drafts list shows it."""

    post_id: int
    text: str
    updated_utc: datetime
    accounts: str | None  # the chosen accounts' names, or None when none is chosen yet


class PostsRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    # --- posts -------------------------------------------------------------

    def save(self, post: Post) -> Post:
        """Insert or update a post and its images in one transaction.

        Refused (IllegalTransition) while any of its targets is publishing or published.
        """
        with self._database.write() as conn:
            return _save_in(conn, post, now_db())

    def save_all(self, posts: Sequence[Post]) -> list[Post]:
        """`save` for many posts in one transaction (imports, the demo): all or nothing."""
        now = now_db()
        with self._database.write() as conn:
            return [_save_in(conn, post, now) for post in posts]

    def get(self, post_id: int) -> Post | None:
        rows = self._database.query("SELECT * FROM posts WHERE id = ?", (post_id,))
        if not rows:
            return None
        images = tuple(
            Image(path=r["path"], alt_text=r["alt_text"])
            for r in self._database.query(
                "SELECT path, alt_text FROM images WHERE post_id = ? ORDER BY position", (post_id,)
            )
        )
        return _post(rows[0], images)

    def delete(self, post_id: int) -> None:
        with self._database.write() as conn:
            _refuse_if_locked(conn, post_id)
            conn.execute("DELETE FROM posts WHERE id = ?", (post_id,))

    def drafts(self) -> list[DraftRow]:
        """Every post not yet handed to the outbox (no target, or drafts only), newest first.

        Replies are left out: they are answered from the inbox.
        """
        rows = self._database.query(
            "SELECT p.id, p.text, p.updated_utc, "
            "(SELECT group_concat(a.name, ', ') FROM targets t JOIN accounts a "
            " ON a.id = t.account_id WHERE t.post_id = p.id) AS accounts "
            "FROM posts p WHERE p.is_reply = 0 AND NOT EXISTS "
            "(SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state != 'draft') "
            "ORDER BY p.updated_utc DESC, p.id DESC"
        )
        return [
            DraftRow(int(r["id"]), r["text"], from_db_required(r["updated_utc"]), r["accounts"])
            for r in rows
        ]

    def count(self) -> int:
        return int(self._database.scalar("SELECT count(*) FROM posts"))

    # --- targets -----------------------------------------------------------

    def add_target(self, target: Target) -> Target:
        return self.add_targets([target])[0]

    def add_targets(self, targets: Sequence[Target]) -> list[Target]:
        """See `TargetStore.add` (all or nothing)."""
        return TargetStore(self._database).add(targets)

    def target(self, target_id: int) -> Target | None:
        rows = self._database.query("SELECT * FROM targets WHERE id = ?", (target_id,))
        return _target(rows[0]) if rows else None

    def targets_of(self, post_id: int) -> list[Target]:
        rows = self._database.query(
            "SELECT * FROM targets WHERE post_id = ? ORDER BY id", (post_id,)
        )
        return [_target(r) for r in rows]

    def counts_by_state(self) -> dict[TargetState, int]:
        rows = self._database.query("SELECT state, count(*) AS n FROM targets GROUP BY state")
        return {TargetState(r["state"]): int(r["n"]) for r in rows}

    def upcoming(self, limit: int = 5, *, after: datetime | None = None) -> list[Upcoming]:
        """The next scheduled publications, soonest first (from `after` on, if given).

        Replies to citizens are not announced: they go out as soon as they can.
        """
        rows = self._database.query(
            "SELECT t.due_utc, t.time_zone, p.text, a.name FROM targets t "
            "JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id "
            "WHERE t.state = 'scheduled' AND t.due_utc IS NOT NULL AND p.is_reply = 0 "
            "AND (:after IS NULL OR t.due_utc >= :after) "
            "ORDER BY t.due_utc LIMIT :limit",
            {"after": to_db(after) if after is not None else None, "limit": limit},
        )
        return [
            Upcoming(from_db_required(r["due_utc"]), r["time_zone"], r["text"], r["name"])
            for r in rows
        ]

    def next_scheduled(self) -> Upcoming | None:
        found = self.upcoming(1)
        return found[0] if found else None


def _columns(post: Post) -> tuple[Any, ...]:
    """The post's own columns, in the order the INSERT and the UPDATE of `_save_in` name them."""
    return (
        post.text,
        post.content_type,
        post.time_zone,
        to_db(post.due_utc),
        post.recurrence,
        post.block_override,
        post.reply_to_item_id,
        int(post.server_scheduling),
    )


def _save_in(conn: sqlite3.Connection, post: Post, now: str) -> Post:
    """Insert or update one post and its images inside the caller's transaction."""
    if post.id is None:
        cursor = conn.execute(
            "INSERT INTO posts (text, content_type, time_zone, due_utc, recurrence, "
            "block_override, reply_to_item_id, server_scheduling, created_utc, updated_utc) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*_columns(post), now, now),
        )
        post_id = int(cursor.lastrowid or 0)
    else:
        post_id = post.id
        _refuse_if_locked(conn, post_id)
        conn.execute(
            "UPDATE posts SET text = ?, content_type = ?, time_zone = ?, due_utc = ?, "
            "recurrence = ?, block_override = ?, reply_to_item_id = ?, server_scheduling = ?, "
            "updated_utc = ? WHERE id = ?",
            (*_columns(post), now, post_id),
        )
        conn.execute("DELETE FROM images WHERE post_id = ?", (post_id,))
    conn.executemany(
        "INSERT INTO images (post_id, position, path, alt_text) VALUES (?, ?, ?, ?)",
        [(post_id, i, img.path, img.alt_text) for i, img in enumerate(post.images)],
    )
    return replace(post, id=post_id)


def _refuse_if_locked(conn: sqlite3.Connection, post_id: int) -> None:
    """Refuse to edit or delete a post being sent, already out or maybe out on any account.

    What went out stays as it was; a mistake gets a correction post instead.
    """
    for row in conn.execute("SELECT state FROM targets WHERE post_id = ?", (post_id,)):
        state = TargetState(row["state"])
        if state in FROZEN:
            raise IllegalTransition(state, state)


def _post(row: sqlite3.Row, images: tuple[Image, ...]) -> Post:
    return Post(
        id=row["id"],
        text=row["text"],
        content_type=row["content_type"],
        time_zone=row["time_zone"],
        due_utc=from_db(row["due_utc"]),
        images=images,
        recurrence=row["recurrence"],
        block_override=row["block_override"],
        reply_to_item_id=row["reply_to_item_id"],
        server_scheduling=bool(row["server_scheduling"]),
        created_utc=from_db_required(row["created_utc"]),
        updated_utc=from_db_required(row["updated_utc"]),
    )


def _target(row: sqlite3.Row) -> Target:
    return Target(
        id=row["id"],
        post_id=row["post_id"],
        account_id=row["account_id"],
        state=TargetState(row["state"]),
        due_utc=from_db(row["due_utc"]),
        time_zone=row["time_zone"],
        idempotency_key=row["idempotency_key"],
        remote_id=row["remote_id"],
        remote_url=row["remote_url"],
        error=row["error"],
        attempts=row["attempts"],
        on_server=bool(row["on_server"]),
    )

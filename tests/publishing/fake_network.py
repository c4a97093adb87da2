"""A fake network for outbox tests: remote posts kept in their own SQLite file.

It survives a SIGKILL of the process that called it (the child-process
tests count remote posts afterwards) and behaves like Mastodon with an
`Idempotency-Key`: a second call with the same key within one hour returns
the first post instead of making another. What each call does next is
scripted in the same file (a queue of actions, "accept" when empty), so a
child process can be scripted by its parent.

Actions: accept, offline, temporary, rate_limited, reconnect, permanent,
timeout_after_accept (the post is made, the caller gets OutcomeUnknown),
temporary_after_accept (the post is made, the caller gets a 502),
timeout_before (OutcomeUnknown, nothing made), crash_before and crash_after
(raise `SimulatedCrash`, a BaseException the outbox does not catch, before or
after the post is made: the same as a kill at that point). `find` actions
(queued with `script_find`): answer, offline, unknown.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import LengthUnit
from smalltown_social.networks.base import (
    Capabilities,
    Content,
    Identity,
    InboxBatch,
    Media,
    Metrics,
    NeedsReconnect,
    Offline,
    OutcomeUnknown,
    PermanentError,
    Published,
    RateLimited,
    ReplyTo,
    TemporaryError,
)

IDEMPOTENCY_WINDOW = timedelta(hours=1)
T = Text("fallo de prueba", "test failure")


class SimulatedCrash(BaseException):
    """The process "dies" here: nothing after this line runs."""


class FakeNetwork:
    """The remote side, shared by every adapter (and process) using the same file."""

    def __init__(self, path: Path, now: Callable[[], datetime]) -> None:
        self.path = path
        self.now = now
        with self._conn() as conn:
            conn.executescript(
                """
                CREATE TABLE IF NOT EXISTS remote_posts (
                    id INTEGER PRIMARY KEY, account_id INTEGER, key TEXT, text TEXT,
                    reply_to TEXT, scheduled_utc TEXT, images INTEGER, created_utc TEXT);
                CREATE TABLE IF NOT EXISTS script (
                    seq INTEGER PRIMARY KEY, kind TEXT, action TEXT);
                CREATE TABLE IF NOT EXISTS calls (seq INTEGER PRIMARY KEY, kind TEXT, key TEXT);
                """
            )

    def _conn(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        # A SIGKILL keeps what the OS was given; only a power cut needs FULL.
        conn.execute("PRAGMA synchronous = OFF")
        return conn

    # --- scripting ------------------------------------------------------------------

    def script(self, *actions: str) -> None:
        self._queue("publish", actions)

    def script_find(self, *actions: str) -> None:
        self._queue("find", actions)

    def script_cancel(self, *actions: str) -> None:
        self._queue("cancel", actions)

    def _queue(self, kind: str, actions: Sequence[str]) -> None:
        with self._conn() as conn:
            conn.executemany(
                "INSERT INTO script (kind, action) VALUES (?, ?)", [(kind, a) for a in actions]
            )

    def clear_script(self) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM script")

    def next_action(self, kind: str) -> str:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(
                "SELECT seq, action FROM script WHERE kind = ? ORDER BY seq LIMIT 1", (kind,)
            ).fetchone()
            if row is None:
                conn.execute("COMMIT")
                return "accept" if kind == "publish" else "answer"
            conn.execute("DELETE FROM script WHERE seq = ?", (row[0],))
            conn.execute("COMMIT")
            return str(row[1])
        finally:
            conn.close()

    # --- what the "server" holds ----------------------------------------------------

    def create(self, account_id: int, key: str, content: Content, images: int) -> Published:
        """Make the post, or return the one made with this key within the hour."""
        now = self.now()
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO calls (kind, key) VALUES ('publish', ?)", (key,))
            row = conn.execute(
                "SELECT id, created_utc FROM remote_posts WHERE key = ? ORDER BY id DESC LIMIT 1",
                (key,),
            ).fetchone()
            if row is not None and now - datetime.fromisoformat(row[1]) < IDEMPOTENCY_WINDOW:
                conn.execute("COMMIT")
                return self._published(int(row[0]), datetime.fromisoformat(row[1]), content)
            reply = content.reply_to.remote_id if content.reply_to else None
            scheduled = content.scheduled_utc.isoformat() if content.scheduled_utc else None
            cursor = conn.execute(
                "INSERT INTO remote_posts (account_id, key, text, reply_to, scheduled_utc, images, "
                "created_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (account_id, key, content.text, reply, scheduled, images, now.isoformat()),
            )
            conn.execute("COMMIT")
            return self._published(int(cursor.lastrowid or 0), now, content)
        finally:
            conn.close()

    def _published(self, remote_id: int, created: datetime, content: Content) -> Published:
        return Published(
            remote_id=str(remote_id),
            url=f"https://fake.example/@town/{remote_id}",
            created_utc=created,
            scheduled_on_server=content.scheduled_utc is not None,
        )

    def lookup(self, key: str) -> Published | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT id, created_utc, scheduled_utc FROM remote_posts WHERE key = ? "
                "ORDER BY id LIMIT 1",
                (key,),
            ).fetchone()
        if row is None:
            return None
        return Published(
            str(row[0]),
            f"https://fake.example/@town/{row[0]}",
            datetime.fromisoformat(row[1]),
            scheduled_on_server=row[2] is not None,
        )

    def cancel(self, remote_id: str) -> bool:
        """Delete a post still waiting in the server's scheduler; False if none (it went out)."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            cursor = conn.execute(
                "DELETE FROM remote_posts WHERE id = ? AND scheduled_utc IS NOT NULL "
                "AND scheduled_utc > ?",
                (int(remote_id), self.now().isoformat()),
            )
            conn.execute("COMMIT")
            return cursor.rowcount == 1
        finally:
            conn.close()

    def posts_per_key(self) -> dict[str, int]:
        with self._conn() as conn:
            rows = conn.execute("SELECT key, count(*) FROM remote_posts GROUP BY key").fetchall()
        return {str(k): int(n) for k, n in rows}

    def rows(self) -> list[tuple[str, str, str | None, str | None, int]]:
        """(key, text, reply_to, scheduled_utc, images) of every remote post."""
        with self._conn() as conn:
            return [
                (str(r[0]), str(r[1]), r[2], r[3], int(r[4]))
                for r in conn.execute(
                    "SELECT key, text, reply_to, scheduled_utc, images "
                    "FROM remote_posts ORDER BY id"
                )
            ]

    def publish_calls(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])


class FakeAdapter:
    """`networks.base.Adapter` over a `FakeNetwork`."""

    def __init__(
        self,
        account: Account,
        network: FakeNetwork,
        *,
        server_scheduling: bool = False,
        idempotent: bool = True,
    ) -> None:
        self.account = account
        self.network = network
        self.server_scheduling = server_scheduling
        self.idempotent = idempotent  # False: like X, no key, but `find` can tell
        self.closed = False
        self.looked_for: list[Content] = []

    def capabilities(self) -> Capabilities:
        return Capabilities(
            LengthUnit.CHARACTERS,
            500,
            server_scheduling=self.server_scheduling,
            idempotent_publish=self.idempotent,
            idempotency_memory_s=int(IDEMPOTENCY_WINDOW.total_seconds()),
            min_schedule_ahead_s=300 if self.server_scheduling else 0,
        )

    def verify(self) -> Identity:
        return Identity(name=self.account.name)

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        return self._send(content, len(media), idempotency_key)

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        return self._send(Content(text=text, reply_to=to), 0, idempotency_key)

    def _send(self, content: Content, images: int, key: str) -> Published:
        action = self.network.next_action("publish")
        if action == "crash_before":
            raise SimulatedCrash
        if action in _REFUSALS:
            raise _REFUSALS[action](self.network.now())
        if action == "timeout_before":
            raise OutcomeUnknown(T, "read timeout (nothing made)")
        made = self.network.create(self.account.id, key, content, images)
        if action == "crash_after":
            raise SimulatedCrash
        if action == "timeout_after_accept":
            raise OutcomeUnknown(T, "read timeout (made)")
        if action == "temporary_after_accept":
            raise TemporaryError(T, "502 from the proxy (made)")
        assert action == "accept", action
        return made

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        self.looked_for.append(content)
        action = self.network.next_action("find")
        if action == "offline":
            raise Offline(T, "connection refused")
        if action == "unknown":
            raise TemporaryError(T, "502 while looking")
        return self.network.lookup(idempotency_key)

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        return InboxBatch((), cursor)

    def cancel_scheduled(self, remote_id: str) -> None:
        action = self.network.next_action("cancel")
        if action != "answer":
            raise _REFUSALS[action](self.network.now())
        if not self.network.cancel(remote_id):
            raise PermanentError(T, "scheduled status not found")

    def hide(self, item: ReplyTo) -> None:
        pass

    def delete(self, item: ReplyTo) -> None:
        pass

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        return {}

    def close(self) -> None:
        self.closed = True


_REFUSALS: dict[str, Callable[[datetime], Exception]] = {
    "offline": lambda now: Offline(T, "connection refused"),
    "temporary": lambda now: TemporaryError(T, "503"),
    "rate_limited": lambda now: RateLimited(T, now + timedelta(minutes=5), "429"),
    "reconnect": lambda now: NeedsReconnect(T, "401"),
    "permanent": lambda now: PermanentError(T, "Validation failed: Text too long", "422"),
}

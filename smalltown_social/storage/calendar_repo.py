"""What the calendar reads and changes: entries in a time range, moves, recurring posts.

The range query walks the `targets_due (state, due_utc)` index once per state
(an `IN` on the leading column), so a month of a large database costs a few
milliseconds; only the first characters of each text are read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from smalltown_social.core.accounts import Network
from smalltown_social.core.calendar import CalendarEntry, EntryTarget
from smalltown_social.core.recurrence import BadRecurrence, Recurrence
from smalltown_social.core.states import TargetState
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.targets_store import (
    ON_SERVER_REFUSAL,
    UNCONFIRMED_REFUSAL,
    TargetStore,
    insert_target,
)
from smalltown_social.storage.timefmt import from_db_required, now_db, to_db

ALL_STATES = tuple(s.value for s in TargetState)
_STATE_LIST = ", ".join(f"'{s}'" for s in ALL_STATES)
TEXT_CHARS = 240
# Still waiting to go out: a recurring post rolls on only once none is left like this.
_OPEN = ("draft", "scheduled", "publishing")

_ENTRIES_SQL = (
    "SELECT t.id, t.post_id, t.account_id, t.state, t.due_utc, t.time_zone, t.error, "  # noqa: S608
    f"t.remote_url, substr(p.text, 1, {TEXT_CHARS}) AS text, p.content_type, p.recurrence, "
    "a.network, a.name AS account_name "
    "FROM targets t JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id "
    # Replies (answers in the inbox, private ones too) are not calendar posts: never
    # shown here nor exported in the .ics.
    f"WHERE t.state IN ({_STATE_LIST}) AND t.due_utc >= ? AND t.due_utc < ? AND p.is_reply = 0 "
    "ORDER BY t.due_utc, t.post_id, t.id"
)


class CalendarRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def entries(
        self, start_utc: datetime, end_utc: datetime, *, previews: bool = True
    ) -> list[CalendarEntry]:
        """Entries due in [start_utc, end_utc), soonest first; with later recurring occurrences."""
        rows = self._database.query(_ENTRIES_SQL, (to_db(start_utc), to_db(end_utc)))
        entries = _group(rows)
        if previews:
            entries.extend(self._previews(start_utc, end_utc))
            entries.sort(key=lambda e: (e.due_utc, e.post_id))
        return entries

    def _previews(self, start_utc: datetime, end_utc: datetime) -> list[CalendarEntry]:
        """Later occurrences of each recurring post, drawn from its rule (not real targets)."""
        found: list[CalendarEntry] = []
        rows = self._database.query(
            "SELECT p.id, p.recurrence, p.time_zone, p.content_type, "  # noqa: S608
            f"substr(p.text, 1, {TEXT_CHARS}) AS text, "
            "(SELECT max(t.due_utc) FROM targets t WHERE t.post_id = p.id) AS last_due "
            "FROM posts p WHERE p.recurrence IS NOT NULL AND p.is_reply = 0"
        )
        for row in rows:
            if row["last_due"] is None:
                continue
            try:
                rule = Recurrence.parse(row["recurrence"])
            except BadRecurrence:
                continue
            last_due = from_db_required(row["last_due"])
            targets = tuple(
                EntryTarget(0, t.account_id, t.account_name, t.network, TargetState.SCHEDULED)
                for t in self._entry_targets(int(row["id"]))
            )
            for moment in rule.between(row["time_zone"], max(start_utc, last_due), end_utc):
                if moment > last_due:
                    found.append(
                        CalendarEntry(
                            post_id=int(row["id"]),
                            due_utc=moment,
                            time_zone=row["time_zone"],
                            text=row["text"],
                            content_type=row["content_type"],
                            targets=targets,
                            recurrence=row["recurrence"],
                            preview=True,
                        )
                    )
        return found

    def _entry_targets(self, post_id: int) -> list[EntryTarget]:
        rows = self._database.query(
            "SELECT t.id, t.account_id, a.name, a.network, t.state FROM targets t "
            "JOIN accounts a ON a.id = t.account_id WHERE t.post_id = ? ORDER BY t.id",
            (post_id,),
        )
        return [
            EntryTarget(
                r["id"], r["account_id"], r["name"], Network(r["network"]), TargetState(r["state"])
            )
            for r in rows
        ]

    def due_between(self, start_utc: datetime, end_utc: datetime) -> int:
        """How many targets are scheduled in [start_utc, end_utc) (the "quit now?" question)."""
        return int(
            self._database.scalar(
                "SELECT count(*) FROM targets WHERE state = 'scheduled' "
                "AND due_utc >= ? AND due_utc < ?",
                (to_db(start_utc), to_db(end_utc)),
            )
        )

    def reschedule(self, post_id: int, old_due_utc: datetime, new_due_utc: datetime) -> int:
        """See `TargetStore.reschedule` (the calendar's drag and its date dialog)."""
        return TargetStore(self._database).reschedule(post_id, old_due_utc, new_due_utc)

    def set_recurrence(self, post_id: int, stored: str | None) -> None:
        """Start (a rule's text, see `core.recurrence`) or stop repeating a post.

        Only the rule changes, never what went out, so this is allowed on a
        published post too: its next occurrence is created by `roll_recurring`.
        """
        if stored is not None:
            Recurrence.parse(stored)  # BadRecurrence before anything is written
        with self._database.write() as conn:
            found = conn.execute(
                "UPDATE posts SET recurrence = ?, updated_utc = ? WHERE id = ?",
                (stored, now_db(), post_id),
            ).rowcount
            if not found:
                raise KeyError(post_id)
            EventLog(self._database).record(
                "recurrence_set" if stored else "recurrence_stopped",
                stored or "",
                post_id=post_id,
                conn=conn,
            )

    def roll_recurring(self, now_utc: datetime) -> list[int]:
        """Create the next occurrence of every recurring post whose current one is done.

        Idempotent and safe between processes: each roll happens in one IMMEDIATE
        transaction that also clears the rule on the old post. Returns the new post ids.
        """
        created: list[int] = []
        candidates = self._database.query(
            "SELECT id FROM posts WHERE recurrence IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM targets t WHERE t.post_id = posts.id)"
        )
        for row in candidates:
            with self._database.write() as conn:
                new_id = _roll_one(conn, int(row["id"]), now_utc)
            if new_id is not None:
                created.append(new_id)
        return created


def _roll_one(conn: sqlite3.Connection, post_id: int, now_utc: datetime) -> int | None:
    post = conn.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
    if post is None or post["recurrence"] is None:
        return None  # another process rolled it first
    targets = conn.execute(
        "SELECT account_id, state, due_utc, time_zone FROM targets WHERE post_id = ?", (post_id,)
    ).fetchall()
    if not targets or any(t["state"] in _OPEN for t in targets):
        return None
    try:
        rule = Recurrence.parse(post["recurrence"])
    except BadRecurrence:
        return None
    last_due = max(from_db_required(t["due_utc"]) for t in targets if t["due_utc"] is not None)
    following = rule.next_after(post["time_zone"], max(last_due, now_utc))
    now = now_db()
    conn.execute("UPDATE posts SET recurrence = NULL, updated_utc = ? WHERE id = ?", (now, post_id))
    if following is None:
        return None  # the rule has ended
    cursor = conn.execute(
        "INSERT INTO posts (text, content_type, time_zone, due_utc, recurrence, block_override, "
        "server_scheduling, created_utc, updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            post["text"],
            post["content_type"],
            post["time_zone"],
            to_db(following),
            post["recurrence"],
            post["block_override"],
            post["server_scheduling"],
            now,
            now,
        ),
    )
    new_id = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO images (post_id, position, path, alt_text) "
        "SELECT ?, position, path, alt_text FROM images WHERE post_id = ?",
        (new_id, post_id),
    )
    for t in targets:
        insert_target(
            conn, new_id, t["account_id"], TargetState.SCHEDULED, to_db(following), t["time_zone"]
        )
    conn.execute(
        "INSERT INTO events (at_utc, kind, post_id, detail) VALUES (?, 'recurrence_rolled', ?, ?)",
        (now, new_id, f"from post {post_id}"),
    )
    return new_id


def _group(rows: Sequence[sqlite3.Row]) -> list[CalendarEntry]:
    """Rows (one per target, ordered by due then post) into entries (one per post and time)."""
    entries: list[CalendarEntry] = []
    key: tuple[int, str] | None = None
    targets: list[EntryTarget] = []
    first: sqlite3.Row | None = None
    for row in rows:
        row_key = (int(row["post_id"]), str(row["due_utc"]))
        if row_key != key:
            if first is not None:
                entries.append(_entry(first, targets))
            key, first, targets = row_key, row, []
        targets.append(
            EntryTarget(
                target_id=row["id"],
                account_id=row["account_id"],
                account_name=row["account_name"],
                network=Network(row["network"]),
                state=TargetState(row["state"]),
                error=row["error"],
                remote_url=row["remote_url"],
            )
        )
    if first is not None:
        entries.append(_entry(first, targets))
    return entries


def _entry(row: sqlite3.Row, targets: list[EntryTarget]) -> CalendarEntry:
    return CalendarEntry(
        post_id=row["post_id"],
        due_utc=from_db_required(row["due_utc"]),
        time_zone=row["time_zone"],
        text=row["text"],
        content_type=row["content_type"],
        targets=tuple(targets),
        recurrence=row["recurrence"],
    )


__all__ = ["ON_SERVER_REFUSAL", "UNCONFIRMED_REFUSAL", "CalendarRepository"]

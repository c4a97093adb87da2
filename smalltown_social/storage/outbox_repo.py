"""The outbox's reads and writes on `targets`: claim, record, find what is due.

Every state change is one conditional UPDATE inside `Database.write()` (BEGIN
IMMEDIATE), guarded by the state the caller expects, so two threads or two
processes cannot both move the same target: the loser sees `False` / `None`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from smalltown_social.core.states import TargetState
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.timefmt import from_db, now_db, to_db

S = TargetState
# Demo accounts are never published to (nor marked missed): the demo town stays as seeded.
# Every query below says so with "account_id IN (SELECT id FROM accounts WHERE demo = 0)".


@dataclass(frozen=True)
class Claimed:
    """A target this process now owns in `publishing`, with what the call needs."""

    target_id: int
    post_id: int
    account_id: int
    idempotency_key: str
    due_utc: datetime | None
    claimed_utc: datetime
    attempts: int


@dataclass(frozen=True)
class StatusRow:
    target_id: int
    post_id: int
    account_name: str
    network: str
    state: TargetState
    due_utc: datetime | None
    remote_id: str | None
    remote_url: str | None
    error: str | None
    attempts: int
    text: str


class OutboxRepository:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._events = EventLog(database)

    # --- what is due ---------------------------------------------------------------

    def due_ids(self, now: datetime, *, handover_until: datetime | None = None) -> list[int]:
        """Scheduled targets due by `now` and not backing off, oldest first.

        With `handover_until`, also targets of posts marked for server-side
        scheduling due before that moment (the outbox decides if they can be handed over).
        """
        at = to_db(now)
        rows = self._database.query(
            "SELECT t.id FROM targets t JOIN posts p ON p.id = t.post_id "
            "WHERE t.state = 'scheduled' AND t.due_utc IS NOT NULL "
            "AND t.account_id IN (SELECT id FROM accounts WHERE demo = 0) "
            "AND (t.next_attempt_utc IS NULL OR t.next_attempt_utc <= :at) "
            "AND (t.due_utc <= :at OR (p.server_scheduling = 1 AND t.due_utc <= :until)) "
            "ORDER BY t.due_utc, t.id",
            {"at": at, "until": to_db(handover_until) if handover_until else at},
        )
        return [int(r["id"]) for r in rows]

    def upcoming(self, now: datetime, until: datetime) -> list[tuple[int, datetime]]:
        """(target id, due) of scheduled targets due after `now` up to `until`: the wake-ups."""
        rows = self._database.query(
            "SELECT id, due_utc FROM targets WHERE state = 'scheduled' "
            "AND account_id IN (SELECT id FROM accounts WHERE demo = 0) "
            "AND due_utc > ? AND due_utc <= ? ORDER BY due_utc",
            (to_db(now), to_db(until)),
        )
        out: list[tuple[int, datetime]] = []
        for r in rows:
            due = from_db(r["due_utc"])
            if due is not None:
                out.append((int(r["id"]), due))
        return out

    def publishing(self) -> list[tuple[int, datetime | None]]:
        """(target id, claimed at) of every target left in `publishing`."""
        rows = self._database.query(
            "SELECT id, claimed_utc FROM targets WHERE state = 'publishing' "
            "AND account_id IN (SELECT id FROM accounts WHERE demo = 0)"
        )
        return [(int(r["id"]), from_db(r["claimed_utc"])) for r in rows]

    def claimed(self, target_id: int) -> Claimed | None:
        """The claim details of a target in `publishing` (for recovery)."""
        rows = self._database.query(
            "SELECT * FROM targets WHERE id = ? AND state = 'publishing'", (target_id,)
        )
        return _claimed(rows[0]) if rows else None

    # --- moves -----------------------------------------------------------------------

    def mark_missed_older_than(self, cutoff: datetime, reason: str) -> list[int]:
        """Scheduled targets due before `cutoff` → missed: the clerk decides.

        Measured from the due time whatever kept the target back (the PC off,
        publishing paused, no connection, a server backing off): a post about
        tonight's meeting must not go out days later without asking.
        """
        at = to_db(cutoff)
        with self._database.write() as conn:
            rows = conn.execute(
                "SELECT id, post_id, account_id FROM targets WHERE state = 'scheduled' "
                "AND account_id IN (SELECT id FROM accounts WHERE demo = 0) "
                "AND due_utc IS NOT NULL AND due_utc < ?",
                (at,),
            ).fetchall()
            for r in rows:
                conn.execute(
                    "UPDATE targets SET state = 'missed', error = ?, next_attempt_utc = NULL, "
                    "updated_utc = ? WHERE id = ? AND state = 'scheduled'",
                    (reason, now_db(), r["id"]),
                )
                self._event(conn, "missed", r, reason)
        return [int(r["id"]) for r in rows]

    def claim(self, target_id: int, now: datetime) -> Claimed | None:
        """scheduled → publishing, committed before any network call; None if someone else won."""
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE targets SET state = 'publishing', claimed_utc = ?, error = NULL, "
                "updated_utc = ? WHERE id = ? AND state = 'scheduled'",
                (claim_stamp(now), now_db(), target_id),
            )
            if cursor.rowcount != 1:
                return None
            row = conn.execute("SELECT * FROM targets WHERE id = ?", (target_id,)).fetchone()
        return _claimed(row)

    def record_published(
        self,
        target_id: int,
        remote_id: str,
        url: str | None,
        published_utc: datetime,
        *,
        detail: str = "",
        answered_item_id: int | None = None,
        claim: datetime,
        on_server: bool = False,
    ) -> bool:
        """publishing → published, with the event (and the inbox item answered), at once.

        `claim` guards every record: only the holder of that claim may record.
        """
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE targets SET state = 'published', remote_id = ?, remote_url = ?, "
                "published_utc = ?, error = NULL, next_attempt_utc = NULL, "
                "attempts = attempts + 1, on_server = ?, updated_utc = ? "
                "WHERE id = ? AND state = 'publishing' AND claimed_utc = ?",
                (
                    remote_id,
                    url,
                    to_db(published_utc),
                    int(on_server),
                    now_db(),
                    target_id,
                    claim_stamp(claim),
                ),
            )
            if cursor.rowcount != 1:
                return False
            row = _ids(conn, target_id)
            self._event(conn, "published", row, detail or f"{remote_id} {url or ''}".strip())
            if answered_item_id is not None:
                conn.execute(
                    "UPDATE inbox_items SET status = 'answered', answered_utc = ? WHERE id = ?",
                    (to_db(published_utc), answered_item_id),
                )
        return True

    def reopen_withdrawn(self, target_id: int, remote_id: str, new_key: str) -> bool:
        """A handed-over target whose scheduled copy the network has deleted → draft.

        The one way out of `published`: it never went out, and the network
        confirmed the cancellation first. A new idempotency key, so handing it
        over again cannot be taken for the cancelled one.
        """
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE targets SET state = 'draft', remote_id = NULL, remote_url = NULL, "
                "published_utc = NULL, on_server = 0, idempotency_key = ?, attempts = 0, "
                "error = NULL, next_attempt_utc = NULL, claimed_utc = NULL, updated_utc = ? "
                "WHERE id = ? AND state = 'published' AND on_server = 1 AND remote_id = ?",
                (new_key, now_db(), target_id, remote_id),
            )
            if cursor.rowcount != 1:
                return False
            row = _ids(conn, target_id)
            self._event(conn, "withdrawn", row, f"scheduled copy {remote_id} cancelled")
        return True

    def record_failed(self, target_id: int, claim: datetime, reason: str) -> bool:
        """publishing → failed with the reason the clerk reads."""
        return self._move(target_id, claim, S.FAILED, reason, None, count=True, kind="failed")

    def record_unconfirmed(self, target_id: int, claim: datetime, reason: str) -> bool:
        return self._move(
            target_id, claim, S.UNCONFIRMED, reason, None, count=False, kind="unconfirmed"
        )

    def record_retry(
        self,
        target_id: int,
        claim: datetime,
        next_attempt: datetime,
        note: str,
        *,
        count_attempt: bool,
    ) -> bool:
        """publishing → scheduled again, same idempotency key, not before `next_attempt`."""
        return self._move(
            target_id,
            claim,
            S.SCHEDULED,
            note or None,
            next_attempt,
            count=count_attempt,
            kind="retry",
        )

    def _move(
        self,
        target_id: int,
        claim: datetime,
        new: TargetState,
        error: str | None,
        next_attempt: datetime | None,
        *,
        count: bool,
        kind: str,
    ) -> bool:
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE targets SET state = ?, error = ?, next_attempt_utc = ?, "
                "attempts = attempts + ?, updated_utc = ? "
                "WHERE id = ? AND state = 'publishing' AND claimed_utc = ?",
                (
                    new.value,
                    error,
                    to_db(next_attempt),
                    int(count),
                    now_db(),
                    target_id,
                    claim_stamp(claim),
                ),
            )
            if cursor.rowcount != 1:
                return False
            self._event(conn, kind, _ids(conn, target_id), error or "")
        return True

    def _event(self, conn: sqlite3.Connection, kind: str, row: sqlite3.Row, detail: str) -> None:
        self._events.record(
            kind,
            detail,
            post_id=row["post_id"],
            target_id=row["id"],
            account_id=row["account_id"],
            conn=conn,
        )

    # --- the status command ------------------------------------------------------------

    def status_rows(self) -> list[StatusRow]:
        rows = self._database.query(
            "SELECT t.*, a.name AS account_name, a.network, p.text FROM targets t "
            "JOIN accounts a ON a.id = t.account_id JOIN posts p ON p.id = t.post_id "
            "ORDER BY t.due_utc IS NULL, t.due_utc, t.id"
        )
        return [
            StatusRow(
                target_id=r["id"],
                post_id=r["post_id"],
                account_name=r["account_name"],
                network=r["network"],
                state=TargetState(r["state"]),
                due_utc=from_db(r["due_utc"]),
                remote_id=r["remote_id"],
                remote_url=r["remote_url"],
                error=r["error"],
                attempts=r["attempts"],
                text=r["text"],
            )
            for r in rows
        ]


def claim_stamp(moment: datetime) -> str:
    """A claim's time to the microsecond: it names the claim, so only its holder records."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _ids(conn: sqlite3.Connection, target_id: int) -> sqlite3.Row:
    row: sqlite3.Row = conn.execute(
        "SELECT id, post_id, account_id FROM targets WHERE id = ?", (target_id,)
    ).fetchone()
    return row


def _claimed(row: sqlite3.Row) -> Claimed:
    claimed = from_db(row["claimed_utc"])
    assert claimed is not None
    return Claimed(
        target_id=row["id"],
        post_id=row["post_id"],
        account_id=row["account_id"],
        idempotency_key=row["idempotency_key"],
        due_utc=from_db(row["due_utc"]),
        claimed_utc=claimed,
        attempts=row["attempts"],
    )

"""The outbox's reads on `targets`: what is due, what is left in `publishing`, the status.

Every state change is written by `targets_store.TargetStore`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smalltown_social.core.states import TargetState
from smalltown_social.storage.database import Database
from smalltown_social.storage.targets_store import Claimed, claimed_from_row
from smalltown_social.storage.timefmt import from_db, to_db

# Demo accounts are never published to (nor marked missed): the demo town stays as seeded.
# Every query below says so with "account_id IN (SELECT id FROM accounts WHERE demo = 0)".

__all__ = ["Claimed", "Left", "OutboxRepository", "StatusRow"]


@dataclass(frozen=True)
class Left:
    """A target left in `publishing`."""

    target_id: int
    claimed_utc: datetime | None
    owner: str | None


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

    def publishing(self) -> list[Left]:
        """Every target left in `publishing`: its claim's time and owner."""
        rows = self._database.query(
            "SELECT id, claimed_utc, claim_owner FROM targets WHERE state = 'publishing' "
            "AND account_id IN (SELECT id FROM accounts WHERE demo = 0)"
        )
        return [Left(int(r["id"]), from_db(r["claimed_utc"]), r["claim_owner"]) for r in rows]

    def claimed(self, target_id: int) -> Claimed | None:
        """The claim details of a target in `publishing` (for recovery)."""
        rows = self._database.query(
            "SELECT * FROM targets WHERE id = ? AND state = 'publishing'", (target_id,)
        )
        return claimed_from_row(rows[0]) if rows else None

    def recorded_remote_ids(self, account_id: int, *, other_than: int) -> frozenset[str]:
        """Remote ids already recorded for the account's other targets.

        None of them can prove that `other_than` went out: the same text
        posted twice is two posts.
        """
        rows = self._database.query(
            "SELECT remote_id FROM targets WHERE account_id = ? AND id != ? "
            "AND remote_id IS NOT NULL",
            (account_id, other_than),
        )
        return frozenset(str(r["remote_id"]) for r in rows)

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

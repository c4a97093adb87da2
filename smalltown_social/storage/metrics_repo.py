"""Metric snapshots per published target, and when to read each one next.

Writes are short transactions of their own (one per account batch), so a
reading never holds the database while the outbox wants to record a post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from smalltown_social.core.results import Counts, Slot, Theme, next_reading, slots_due
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, to_db

CLOCK_SLACK = timedelta(days=1)  # a next reading further ahead than this: the clock went back
# A reading recorded later than the clock says now (beyond what two processes
# reading at once could explain) was taken while the clock ran ahead.
TAKEN_SLACK = timedelta(minutes=10)


@dataclass(frozen=True)
class DueTarget:
    target_id: int
    account_id: int
    remote_id: str
    published_utc: datetime
    text: str
    content_type: str | None
    known: bool  # has a metric_state row already
    idempotency_key: str = ""
    # Handed to the network's scheduler and its post not found yet: `remote_id`
    # is the scheduled copy's id, which only some networks keep for the post.
    handed_over: bool = False


@dataclass(frozen=True)
class Reading:
    target_id: int
    published_utc: datetime
    counts: Counts
    missing_permissions: tuple[str, ...] = ()


class MetricsRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    def due(self, now: datetime, max_age: timedelta, *, force: bool = False) -> list[DueTarget]:
        """Published targets worth reading now: out, not gone, younger than `max_age`.

        A target is out from its publication time on, by our clock: a target
        handed to the network's own scheduler is `published` from the hand-over,
        but its scheduled id is no post to read (nor a deleted one) before its
        time; and a clock behind the network's stores no reading older than the
        post. With `force` every target out is due (the `results sync` command).
        The clock set back since the last reading (that reading is later than
        now, or the next one is planned more than `CLOCK_SLACK` ahead) makes a
        target due too, so no slot is skipped for the hours the clock ran ahead.
        """
        rows = self._database.query(
            """
            SELECT t.id, t.account_id, t.remote_id, t.published_utc, p.text, p.content_type,
                   m.target_id IS NOT NULL AS known, t.idempotency_key,
                   t.on_server = 1 AND t.remote_url IS NULL AS handed_over
            FROM targets t
            JOIN posts p ON p.id = t.post_id
            JOIN accounts a ON a.id = t.account_id
            LEFT JOIN metric_state m ON m.target_id = t.id
            WHERE t.state = 'published' AND t.remote_id IS NOT NULL
              AND t.published_utc IS NOT NULL AND t.published_utc >= :oldest
              AND t.published_utc <= :now
              AND a.demo = 0 AND a.removed_utc IS NULL AND p.is_reply = 0
              AND m.gone_utc IS NULL
              AND (:force OR m.next_fetch_utc IS NULL OR m.next_fetch_utc <= :now
                   OR m.next_fetch_utc > :ahead OR m.last_fetch_utc > :went_back)
            ORDER BY t.account_id, t.published_utc
            """,
            {
                "oldest": to_db(now - max_age),
                "now": to_db(now),
                "ahead": to_db(now + CLOCK_SLACK),
                "went_back": to_db(now + TAKEN_SLACK),
                "force": int(force),
            },
        )
        return [
            DueTarget(
                target_id=int(row["id"]),
                account_id=int(row["account_id"]),
                remote_id=str(row["remote_id"]),
                published_utc=from_db_required(row["published_utc"]),
                text=str(row["text"]),
                content_type=row["content_type"],
                known=bool(row["known"]),
                idempotency_key=str(row["idempotency_key"] or ""),
                handed_over=bool(row["handed_over"]),
            )
            for row in rows
        ]

    def ensure_state(self, targets: list[tuple[int, Theme]]) -> None:
        """A state row per target, with its theme (computed once, when first seen)."""
        with self._database.write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO metric_state (target_id, theme) VALUES (?, ?)",
                [(target_id, theme.value) for target_id, theme in targets],
            )

    def record(self, readings: list[Reading], now: datetime, max_age: timedelta) -> None:
        """Store each reading in the slots it fills and plan the next one.

        A slot filled by a reading taken later than `now` (the clock ran ahead
        then) holds a figure under the wrong age: it is emptied, to be filled
        again when the post really reaches that age.
        """
        with self._database.write() as conn:
            for reading in readings:
                counts = reading.counts
                conn.execute(
                    "DELETE FROM metric_snapshots WHERE target_id = ? AND slot != 'latest' "
                    "AND taken_utc > ?",
                    (reading.target_id, to_db(now + TAKEN_SLACK)),
                )
                for slot in slots_due(reading.published_utc, now):
                    verb = "INSERT OR REPLACE" if slot is Slot.LATEST else "INSERT OR IGNORE"
                    conn.execute(
                        f"{verb} INTO metric_snapshots (target_id, slot, taken_utc, likes, "
                        "reposts, replies, quotes, views) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            reading.target_id,
                            slot.value,
                            to_db(now),
                            counts.likes,
                            counts.reposts,
                            counts.replies,
                            counts.quotes,
                            counts.views,
                        ),
                    )
                following = next_reading(reading.published_utc, now, max_age)
                conn.execute(
                    "UPDATE metric_state SET next_fetch_utc = ?, last_fetch_utc = ?, failures = 0, "
                    "missing_permissions = ?, last_error = NULL, unavailable = NULL "
                    "WHERE target_id = ?",
                    (
                        to_db(following) if following else to_db(now + max_age),
                        to_db(now),
                        ",".join(reading.missing_permissions) or None,
                        reading.target_id,
                    ),
                )

    def mark_gone(self, target_ids: list[int], now: datetime) -> None:
        """The network no longer has these posts: stop reading them, keep their history."""
        with self._database.write() as conn:
            for target_id in target_ids:
                conn.execute(
                    "UPDATE metric_state SET gone_utc = ?, next_fetch_utc = NULL, failures = 0, "
                    "last_error = NULL WHERE target_id = ? AND gone_utc IS NULL",
                    (to_db(now), target_id),
                )
                conn.execute(
                    "INSERT INTO events (at_utc, kind, target_id, detail) "
                    "VALUES (?, 'metrics_post_gone', ?, '')",
                    (to_db(now), target_id),
                )

    def mark_unavailable(self, target_ids: list[int], reason: str, until: datetime) -> None:
        """The network gives no counts to this app (Telegram's Bot API, X without paid reads)."""
        with self._database.write() as conn:
            conn.executemany(
                "UPDATE metric_state SET unavailable = ?, next_fetch_utc = ? WHERE target_id = ?",
                [(reason, to_db(until), target_id) for target_id in target_ids],
            )

    def mark_failed(self, target_ids: list[int], error: str, retry_at: datetime) -> None:
        with self._database.write() as conn:
            conn.executemany(
                "UPDATE metric_state SET failures = failures + 1, last_error = ?, "
                "next_fetch_utc = ? WHERE target_id = ?",
                [(error, to_db(retry_at), target_id) for target_id in target_ids],
            )

    def failures(self, target_id: int) -> int:
        value = self._database.scalar(
            "SELECT failures FROM metric_state WHERE target_id = ?", (target_id,)
        )
        return int(value or 0)

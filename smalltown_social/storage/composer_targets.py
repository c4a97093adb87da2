"""The composer's writes to a post's targets: keep drafts in step, schedule.

One IMMEDIATE transaction per call, so a crash leaves either the old or the
new set of targets. Targets already with the outbox (publishing, published,
unconfirmed) are never touched: what went out stays as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from smalltown_social.core.posts import new_idempotency_key
from smalltown_social.core.states import IllegalTransition, TargetState, transition
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.timefmt import now_db, to_db

S = TargetState
# States in which an account may be dropped from a post (its row deleted).
_REMOVABLE = frozenset({S.DRAFT, S.SCHEDULED, S.FAILED, S.MISSED})
# States only the outbox (or the clerk's look at the network) may move on from.
_WITH_OUTBOX = frozenset({S.PUBLISHING, S.PUBLISHED, S.UNCONFIRMED})


def _existing(conn: sqlite3.Connection, post_id: int) -> dict[int, TargetState]:
    rows = conn.execute("SELECT account_id, state FROM targets WHERE post_id = ?", (post_id,))
    return {int(r["account_id"]): TargetState(r["state"]) for r in rows}


def _insert(  # noqa: PLR0917 - one row's columns
    conn: sqlite3.Connection,
    post_id: int,
    account_id: int,
    state: TargetState,
    due: str | None,
    time_zone: str,
) -> None:
    conn.execute(
        "INSERT INTO targets (post_id, account_id, state, due_utc, time_zone, idempotency_key, "
        "updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (post_id, account_id, state.value, due, time_zone, new_idempotency_key(), now_db()),
    )


def _drop_unselected(
    conn: sqlite3.Connection, post_id: int, existing: dict[int, TargetState], keep: set[int]
) -> None:
    for account_id, state in existing.items():
        if account_id not in keep and state in _REMOVABLE:
            conn.execute(
                "DELETE FROM targets WHERE post_id = ? AND account_id = ?", (post_id, account_id)
            )


def sync_draft_targets(database: Database, post_id: int, account_ids: Iterable[int]) -> None:
    """Make the post's draft targets match the chosen accounts (autosave).

    New accounts get a draft target; unchosen accounts lose a target that is
    still a draft, scheduled, failed or missed. States are not changed.
    """
    chosen = set(account_ids)
    with database.write() as conn:
        existing = _existing(conn, post_id)
        _drop_unselected(conn, post_id, existing, chosen)
        for account_id in sorted(chosen - set(existing)):
            _insert(conn, post_id, account_id, S.DRAFT, None, "Europe/Madrid")


def schedule_targets(
    database: Database,
    post_id: int,
    account_ids: Iterable[int],
    due_utc: datetime,
    time_zone: str,
    *,
    override_reason: str | None = None,
    overridden_rules: Iterable[str] = (),
) -> int:
    """Schedule the post on exactly the chosen accounts at `due_utc`; returns how many.

    A block override is written to the event log in the same transaction.
    Raises `IllegalTransition` (nothing written) when a chosen account's
    target is being published or was already published.
    """
    chosen = set(account_ids)
    due = to_db(due_utc)
    events = EventLog(database)
    with database.write() as conn:
        existing = _existing(conn, post_id)
        for account_id in sorted(chosen):
            state = existing.get(account_id)
            if state is None:
                _insert(conn, post_id, account_id, S.SCHEDULED, due, time_zone)
                continue
            if state in _WITH_OUTBOX:
                raise IllegalTransition(state, S.SCHEDULED)
            if state is not S.SCHEDULED:
                transition(state, S.SCHEDULED)
            conn.execute(
                "UPDATE targets SET state = ?, due_utc = ?, time_zone = ?, error = NULL, "
                "next_attempt_utc = NULL, updated_utc = ? WHERE post_id = ? AND account_id = ?",
                (S.SCHEDULED.value, due, time_zone, now_db(), post_id, account_id),
            )
        _drop_unselected(conn, post_id, existing, chosen)
        conn.execute(
            "UPDATE posts SET due_utc = ?, time_zone = ?, updated_utc = ? WHERE id = ?",
            (due, time_zone, now_db(), post_id),
        )
        if override_reason is not None:
            rules = ", ".join(sorted(set(overridden_rules)))
            events.record(
                "block_override", f"[{rules}] {override_reason}", post_id=post_id, conn=conn
            )
        events.record("scheduled", f"{len(chosen)} accounts at {due}", post_id=post_id, conn=conn)
    return len(chosen)


def unschedule_for_block(database: Database, post_id: int, rules: Iterable[str]) -> int:
    """Move the post's scheduled targets back to draft; returns how many.

    Used when an edit gives a scheduled post a `block` finding with no
    override: it must not go out until the clerk schedules it again (and
    overrides, if it must). Logged.
    """
    with database.write() as conn:
        cursor = conn.execute(
            "UPDATE targets SET state = ?, updated_utc = ? WHERE post_id = ? AND state = ?",
            (S.DRAFT.value, now_db(), post_id, S.SCHEDULED.value),
        )
        moved = cursor.rowcount
        if moved:
            detail = ", ".join(sorted(set(rules)))
            EventLog(database).record("unscheduled_block", detail, post_id=post_id, conn=conn)
    return moved


__all__ = ["IllegalTransition", "schedule_targets", "sync_draft_targets", "unschedule_for_block"]

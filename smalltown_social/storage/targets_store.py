"""The one place where a target changes state.

Every move is a named method: the outbox's (claim, record_*, mark_missed),
the clerk's (schedule, unschedule, reschedule, resolve, withdraw) and the
composer's autosave (sync_drafts, which adds and drops drafts but moves no
state). Each one, inside one `Database.write()` (BEGIN IMMEDIATE):

1. reads the target's current state;
2. checks the move against `core.states.ALLOWED` (`transition` raises
   `IllegalTransition` with a text for the clerk); the outbox's own moves
   also check that the target is still where they left it (their claim);
3. writes one conditional UPDATE guarded by that state (and by the claim,
   or by `on_server = 1` where `core.states.ONLY_IF` says so), so two
   threads or processes cannot both move it;
4. appends its event to the log in the same transaction.

So a state change that the table does not allow is never written, whoever asks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from smalltown_social.core.i18n import both
from smalltown_social.core.posts import Target
from smalltown_social.core.states import ONLY_IF, IllegalTransition, TargetState, transition
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.target_rows import (
    ABANDONED,
    ON_SERVER_REFUSAL,
    RESOLVED,
    UNCONFIRMED_REFUSAL,
    Claimed,
    Resolution,
    claim_stamp,
    claimed_from_row,
    drop_unselected,
    existing_targets,
    insert_target,
    refuse,
)
from smalltown_social.storage.timefmt import now_db, to_db

S = TargetState

__all__ = [
    "ON_SERVER_REFUSAL",
    "UNCONFIRMED_REFUSAL",
    "Claimed",
    "Resolution",
    "TargetStore",
    "claim_stamp",
    "claimed_from_row",
    "insert_target",
]


class TargetStore:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._events = EventLog(database)

    # --- new targets ----------------------------------------------------------------------

    def add(self, targets: Sequence[Target]) -> list[Target]:
        """Insert targets, each in the state it is given, in one transaction.

        Creating is no move: a new target starts as a draft or scheduled (the
        composer, `post`, a reply), or as it already is elsewhere (the demo,
        an import). One stored directly as published gets its due time as
        its publication time, the best moment known for it.
        """
        now = now_db()
        added: list[Target] = []
        with self._database.write() as conn:
            for target in targets:
                published = target.state is S.PUBLISHED
                cursor = conn.execute(
                    "INSERT INTO targets (post_id, account_id, state, due_utc, time_zone, "
                    "idempotency_key, remote_id, remote_url, error, attempts, published_utc, "
                    "updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        target.post_id,
                        target.account_id,
                        target.state.value,
                        to_db(target.due_utc),
                        target.time_zone,
                        target.idempotency_key,
                        target.remote_id,
                        target.remote_url,
                        target.error,
                        target.attempts,
                        to_db(target.due_utc) if published else None,
                        now,
                    ),
                )
                added.append(replace(target, id=int(cursor.lastrowid or 0)))
        return added

    # --- the outbox's moves ---------------------------------------------------------------

    def claim(self, target_id: int, now: datetime, *, owner: str | None = None) -> Claimed | None:
        """scheduled → publishing, committed before any network call; None if someone else won.

        `owner` names the claiming process: a claim whose process is gone is
        recovered at once, one whose process lives is left to it.
        """
        stamp = claim_stamp(now)
        with self._database.write() as conn:
            first = conn.execute(
                "SELECT first_claim_utc FROM targets WHERE id = ?", (target_id,)
            ).fetchone()
            moved = self._move(
                conn,
                target_id,
                S.PUBLISHING,
                source={S.SCHEDULED},
                sets={
                    "claimed_utc": stamp,
                    "claim_owner": owner,
                    "first_claim_utc": (first[0] if first else None) or to_db(now),
                    "error": None,
                },
                event=("claimed", owner or ""),
            )
            if not moved:
                return None
            row = conn.execute("SELECT * FROM targets WHERE id = ?", (target_id,)).fetchone()
        return claimed_from_row(row)

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
            moved = self._move(
                conn,
                target_id,
                S.PUBLISHED,
                source={S.PUBLISHING},
                claim=claim,
                sets={
                    "remote_id": remote_id,
                    "remote_url": url,
                    "published_utc": to_db(published_utc),
                    "error": None,
                    "next_attempt_utc": None,
                    "on_server": int(on_server),
                },
                count=True,
                event=("published", detail or f"{remote_id} {url or ''}".strip()),
            )
            if moved and answered_item_id is not None:
                conn.execute(
                    "UPDATE inbox_items SET status = 'answered', answered_utc = ? WHERE id = ?",
                    (to_db(published_utc), answered_item_id),
                )
        return moved

    def record_failed(self, target_id: int, claim: datetime, reason: str) -> bool:
        """publishing → failed with the reason the clerk reads."""
        return self._record(target_id, claim, S.FAILED, reason, None, count=True, kind="failed")

    def record_unconfirmed(self, target_id: int, claim: datetime, reason: str) -> bool:
        """publishing → unconfirmed: nobody can tell whether it went out; the clerk looks."""
        return self._record(
            target_id, claim, S.UNCONFIRMED, reason, None, count=False, kind="unconfirmed"
        )

    def record_missed(self, target_id: int, claim: datetime, reason: str) -> bool:
        """publishing → missed: surely not out, and now too late to send without asking."""
        return self._record(target_id, claim, S.MISSED, reason, None, count=False, kind="missed")

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
        return self._record(
            target_id,
            claim,
            S.SCHEDULED,
            note or None,
            next_attempt,
            count=count_attempt,
            kind="retry",
        )

    def mark_missed(self, cutoff: datetime, reason: str) -> list[int]:
        """Scheduled targets due before `cutoff` → missed: the clerk decides.

        Measured from the due time whatever kept the target back (the PC off,
        publishing paused, no connection, a server backing off): a post about
        tonight's meeting must not go out days later without asking.
        Demo accounts are left as seeded.
        """
        missed: list[int] = []
        with self._database.write() as conn:
            rows = conn.execute(
                "SELECT id FROM targets WHERE state = 'scheduled' "
                "AND account_id IN (SELECT id FROM accounts WHERE demo = 0) "
                "AND due_utc IS NOT NULL AND due_utc < ?",
                (to_db(cutoff),),
            ).fetchall()
            for row in rows:
                if self._move(
                    conn,
                    int(row["id"]),
                    S.MISSED,
                    source={S.SCHEDULED},
                    sets={"error": reason, "next_attempt_utc": None},
                    event=("missed", reason),
                ):
                    missed.append(int(row["id"]))
        return missed

    def withdraw(self, target_id: int, remote_id: str, new_key: str) -> bool:
        """A handed-over target whose scheduled copy the network has deleted → draft.

        The one way out of `published` (`ONLY_IF` guards it with `on_server = 1`):
        it never went out, and the network confirmed the cancellation first.
        A new idempotency key, so handing it over again cannot be taken for the
        cancelled one.
        """
        with self._database.write() as conn:
            return self._move(
                conn,
                target_id,
                S.DRAFT,
                source={S.PUBLISHED},
                guard=("remote_id = :guard_remote_id", {"guard_remote_id": remote_id}),
                sets={
                    "remote_id": None,
                    "remote_url": None,
                    "published_utc": None,
                    "on_server": 0,
                    "idempotency_key": new_key,
                    "attempts": 0,
                    "error": None,
                    "next_attempt_utc": None,
                    "claimed_utc": None,
                    "claim_owner": None,
                    "first_claim_utc": None,
                },
                event=("withdrawn", f"scheduled copy {remote_id} cancelled"),
            )

    def record_gone_out(
        self, target_id: int, scheduled_id: str, remote_id: str, url: str | None
    ) -> bool:
        """A handed-over target's post went out: its id on the network replaces the scheduled one.

        No state change (it is `published` since the hand-over) and its time
        stays the due time it was recorded with; guarded by the scheduled id,
        so only the first to find it records it.
        """
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE targets SET remote_id = ?, remote_url = ?, updated_utc = ? "
                "WHERE id = ? AND state = 'published' AND on_server = 1 AND remote_id = ?",
                (remote_id, url, now_db(), target_id, scheduled_id),
            )
            if cursor.rowcount != 1:
                return False
            self._event(conn, target_id, "went_out", f"{scheduled_id} -> {remote_id} {url or ''}")
        return True

    # --- the clerk's moves ----------------------------------------------------------------

    def sync_drafts(self, post_id: int, account_ids: Iterable[int]) -> None:
        """Make the post's draft targets match the chosen accounts (autosave).

        New accounts get a draft target in the post's time zone; unchosen
        accounts lose a target that is still a draft, scheduled, failed or
        missed. No state changes.
        """
        chosen = set(account_ids)
        with self._database.write() as conn:
            existing = existing_targets(conn, post_id)
            drop_unselected(conn, post_id, existing, chosen)
            zone = conn.execute("SELECT time_zone FROM posts WHERE id = ?", (post_id,)).fetchone()
            for account_id in sorted(chosen - set(existing)):
                insert_target(conn, post_id, account_id, S.DRAFT, None, zone["time_zone"])

    def schedule(
        self,
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
        target may not be scheduled (being published, published, unconfirmed).
        """
        chosen = set(account_ids)
        due = to_db(due_utc)
        with self._database.write() as conn:
            existing = existing_targets(conn, post_id)
            for account_id in sorted(chosen):
                target_id = existing.get(account_id)
                if target_id is None:
                    insert_target(conn, post_id, account_id, S.SCHEDULED, due, time_zone)
                    continue
                self._set_time_or_move(
                    conn,
                    target_id,
                    S.SCHEDULED,
                    {"due_utc": due, "time_zone": time_zone, "error": None},
                    refuse_unconfirmed=True,
                )
            drop_unselected(conn, post_id, existing, chosen)
            conn.execute(
                "UPDATE posts SET due_utc = ?, time_zone = ?, updated_utc = ? WHERE id = ?",
                (due, time_zone, now_db(), post_id),
            )
            if override_reason is not None:
                rules = ", ".join(sorted(set(overridden_rules)))
                self._events.record(
                    "block_override", f"[{rules}] {override_reason}", post_id=post_id, conn=conn
                )
            self._events.record(
                "scheduled", f"{len(chosen)} accounts at {due}", post_id=post_id, conn=conn
            )
        return len(chosen)

    def unschedule(self, post_id: int, rules: Iterable[str]) -> int:
        """Move the post's scheduled targets back to draft; returns how many.

        Used when an edit gives a scheduled post a `block` finding with no
        override: it must not go out until the clerk schedules it again (and
        overrides, if it must). Logged with the rules.
        """
        detail = ", ".join(sorted(set(rules)))
        moved = 0
        with self._database.write() as conn:
            rows = conn.execute(
                "SELECT id FROM targets WHERE post_id = ? AND state = 'scheduled'", (post_id,)
            ).fetchall()
            for row in rows:
                if self._move(conn, int(row["id"]), S.DRAFT, source={S.SCHEDULED}, event=None):
                    moved += 1
            if moved:
                self._events.record("unscheduled_block", detail, post_id=post_id, conn=conn)
        return moved

    def reschedule(self, post_id: int, old_due_utc: datetime, new_due_utc: datetime) -> int:
        """Move a post's targets due at `old_due_utc` to `new_due_utc`; returns how many.

        All or nothing: if any of them is publishing, published or unconfirmed,
        nothing moves and `IllegalTransition` (with `.text` for the clerk) is raised.
        A failed or missed target moved to a new time is scheduled again; a
        draft or scheduled one keeps its state.
        """
        old, new = to_db(old_due_utc), to_db(new_due_utc)
        with self._database.write() as conn:
            rows = conn.execute(
                "SELECT id FROM targets WHERE post_id = ? AND due_utc = ?", (post_id, old)
            ).fetchall()
            for row in rows:
                self._set_time_or_move(
                    conn,
                    int(row["id"]),
                    None,
                    {"due_utc": new},
                    refuse_unconfirmed=True,
                )
            conn.execute(
                "UPDATE posts SET due_utc = ?, updated_utc = ? WHERE id = ? AND due_utc = ?",
                (new, now_db(), post_id, old),
            )
            self._events.record("rescheduled", f"{old} -> {new}", post_id=post_id, conn=conn)
        return len(rows)

    def resolve(
        self,
        target_id: int,
        resolution: Resolution,
        *,
        url: str | None = None,
        late: bool = False,
        now: datetime | None = None,
    ) -> TargetState:
        """The clerk's answer for an unconfirmed or failed target; returns its new state.

        - `published`: it is on the network (with its URL if the clerk gives one);
        - `not-published`: scheduled again with the same key, to go out at the
          next sweep; or a draft when `late` (past the lateness rule: the
          clerk picks a new time rather than the app sending a stale post);
        - `abandon`: failed, marked as abandoned by the clerk.
        Raises `IllegalTransition` for any other state, `KeyError` for no target.
        """
        when = now or datetime.now(UTC)
        with self._database.write() as conn:
            row = conn.execute("SELECT state FROM targets WHERE id = ?", (target_id,)).fetchone()
            if row is None:
                raise KeyError(target_id)
            current = TargetState(row["state"])
            if current not in (S.UNCONFIRMED, S.FAILED):
                raise IllegalTransition(current, RESOLVED[resolution])
            if resolution is Resolution.PUBLISHED:
                new = S.PUBLISHED
                sets: dict[str, Any] = {
                    "remote_url": url,
                    "published_utc": to_db(when),
                    "error": None,
                    "next_attempt_utc": None,
                }
                detail = f"marked published by the clerk {url or ''}".strip()
            elif resolution is Resolution.NOT_PUBLISHED:
                new = S.DRAFT if late else S.SCHEDULED
                # The clerk saw nothing went out: earlier tries made nothing to match.
                sets = {
                    "error": None,
                    "next_attempt_utc": None,
                    "attempts": 0,
                    "first_claim_utc": None,
                }
                detail = "the clerk saw it is not on the network" + (" (too late)" if late else "")
            else:
                new = S.FAILED
                sets = {"error": both(ABANDONED), "next_attempt_utc": None}
                detail = "abandoned by the clerk"
            if new is current:  # abandoning a failed target: only the note and the event
                conn.execute(
                    "UPDATE targets SET error = ?, updated_utc = ? WHERE id = ? AND state = ?",
                    (sets["error"], now_db(), target_id, current.value),
                )
                self._event(conn, target_id, "abandoned", detail)
                return current
            self._move(
                conn,
                target_id,
                new,
                source={current},
                sets=sets,
                event=("abandoned" if resolution is Resolution.ABANDON else "resolved", detail),
                strict=True,
            )
        return new

    # --- the one guarded write --------------------------------------------------------------

    def _record(
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
            return self._move(
                conn,
                target_id,
                new,
                source={S.PUBLISHING},
                claim=claim,
                sets={"error": error, "next_attempt_utc": to_db(next_attempt)},
                count=count,
                event=(kind, error or ""),
            )

    def _set_time_or_move(
        self,
        conn: sqlite3.Connection,
        target_id: int,
        new: TargetState | None,
        sets: dict[str, Any],
        *,
        refuse_unconfirmed: bool,
    ) -> None:
        """Give a target a new time; failed and missed ones (or any, with `new`) change state.

        Draft and scheduled targets keep their state when `new` is None (a
        time change is no transition). Raises `IllegalTransition` with the
        clerk's text otherwise.
        """
        row = conn.execute(
            "SELECT t.state, t.on_server, a.network FROM targets t "
            "JOIN accounts a ON a.id = t.account_id WHERE t.id = ?",
            (target_id,),
        ).fetchone()
        current = TargetState(row["state"])
        refuse(
            current,
            on_server=bool(row["on_server"]),
            network=row["network"],
            unconfirmed=refuse_unconfirmed,
        )
        target = new or (S.SCHEDULED if current in (S.FAILED, S.MISSED) else current)
        if target is current:
            assignments = ", ".join(f"{k} = :{k}" for k in sets)
            conn.execute(
                f"UPDATE targets SET {assignments}, next_attempt_utc = NULL, "  # noqa: S608
                "updated_utc = :now WHERE id = :id AND state = :state",
                {**sets, "now": now_db(), "id": target_id, "state": current.value},
            )
            return
        again = {**sets, "error": None, "next_attempt_utc": None}
        if current in (S.FAILED, S.MISSED):
            again["attempts"] = 0
        self._move(conn, target_id, target, source={current}, sets=again, event=None, strict=True)

    def _move(
        self,
        conn: sqlite3.Connection,
        target_id: int,
        new: TargetState,
        *,
        source: set[TargetState],
        sets: dict[str, Any] | None = None,
        claim: datetime | None = None,
        guard: tuple[str, dict[str, Any]] | None = None,
        count: bool = False,
        event: tuple[str, str] | None,
        strict: bool = False,
    ) -> bool:
        """Move one target to `new` if it is in `source` and the table allows it.

        False when the target is gone or no longer where the caller expects
        (someone else moved it: the caller lost). With `strict`, or when the
        table forbids the move, `IllegalTransition` is raised; nothing is written.
        """
        row = conn.execute("SELECT state FROM targets WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            return False
        current = TargetState(row["state"])
        if current not in source:
            if strict:
                raise IllegalTransition(current, new)
            return False
        transition(current, new)
        values = dict(sets or {})
        where = "id = :id AND state = :current"
        params: dict[str, Any] = {"id": target_id, "current": current.value}
        if claim is not None:
            where += " AND claimed_utc = :claim"
            params["claim"] = claim_stamp(claim)
        if ONLY_IF.get((current, new)) == "on_server":
            where += " AND on_server = 1"
        if guard is not None:
            where += " AND " + guard[0]
            params.update(guard[1])
        assignments = "".join(f", {k} = :set_{k}" for k in values)
        sql = (
            f"UPDATE targets SET state = :new, attempts = attempts + :count, "  # noqa: S608
            f"updated_utc = :now{assignments} WHERE {where}"
        )
        named = {
            **params,
            **{f"set_{k}": v for k, v in values.items()},
            "new": new.value,
            "count": int(count),
            "now": now_db(),
        }
        cursor = conn.execute(sql, named)
        if cursor.rowcount != 1:
            if strict:
                raise IllegalTransition(current, new)
            return False
        if event is not None:
            self._event(conn, target_id, *event)
        return True

    def _event(self, conn: sqlite3.Connection, target_id: int, kind: str, detail: str) -> None:
        row = conn.execute(
            "SELECT post_id, account_id FROM targets WHERE id = ?", (target_id,)
        ).fetchone()
        self._events.record(
            kind,
            detail,
            post_id=row["post_id"],
            target_id=target_id,
            account_id=row["account_id"],
            conn=conn,
        )

"""The row-level pieces of the target store: claims, new rows, the clerk's refusals.

Kept apart so `targets_store.py` reads as the list of moves; nothing here
changes a target's state.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import rules_for
from smalltown_social.core.posts import new_idempotency_key
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.storage.timefmt import from_db, now_db

S = TargetState
# States in which an account may be dropped from a post (its row deleted).
REMOVABLE = frozenset({S.DRAFT, S.SCHEDULED, S.FAILED, S.MISSED})

UNCONFIRMED_REFUSAL = Text(
    "No se sabe si esta publicación salió. Compruébelo en la red antes de cambiar la fecha.",
    "It is not known whether this post went out. Check on the network before moving it.",
)
# {network}: the account's network as the clerk reads it; the button is the
# composer's (ui/composer/handover.py), named exactly as it reads.
ON_SERVER_REFUSAL = Text(
    "Está programada en {network}. Ábrala en Redactar y pulse «Retirar de la red para "
    "cambiarla»; después podrá cambiar la fecha.",
    "It is scheduled on {network}. Open it in Compose and press “Withdraw from the network to "
    "change it”; then you can move it.",
)


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
    owner: str | None = None  # the claiming process's token (see publishing/claim_owner.py)
    # The first claim made with this idempotency key (this one, or an earlier try).
    first_claim_utc: datetime | None = None


class Resolution(StrEnum):
    """What the clerk found when looking at the network for an unconfirmed or failed target."""

    PUBLISHED = "published"  # it is there
    NOT_PUBLISHED = "not-published"  # it is not: send it (or keep it as a draft if too late)
    ABANDON = "abandon"  # it is not, and it should not go out any more


ABANDONED = Text(
    "Abandonada: el personal decidió no publicarla.",
    "Abandoned: the staff decided not to publish it.",
)

RESOLVED = {
    Resolution.PUBLISHED: S.PUBLISHED,
    Resolution.NOT_PUBLISHED: S.SCHEDULED,
    Resolution.ABANDON: S.FAILED,
}


def refuse(
    current: TargetState, *, on_server: bool, network: str = "", unconfirmed: bool = True
) -> None:
    """Raise the clerk's refusal for a target whose time may not change now.

    `network`: the target account's network id, named in the on-server refusal.
    """
    if current is S.PUBLISHED and on_server:
        refusal = IllegalTransition(current, current)
        name = rules_for(network).name if network else "la red"
        refusal.text = ON_SERVER_REFUSAL.format(network=name)
        raise refusal
    if current in (S.PUBLISHING, S.PUBLISHED):
        raise IllegalTransition(current, current)
    if current is S.UNCONFIRMED and unconfirmed:
        refusal = IllegalTransition(current, current)
        refusal.text = UNCONFIRMED_REFUSAL
        raise refusal


def insert_target(  # noqa: PLR0917 - one row's columns
    conn: sqlite3.Connection,
    post_id: int,
    account_id: int,
    state: TargetState,
    due: str | None,
    time_zone: str,
) -> None:
    """A new target (a draft, or scheduled) with its own idempotency key."""
    if state not in (S.DRAFT, S.SCHEDULED):
        raise IllegalTransition(S.DRAFT, state)
    conn.execute(
        "INSERT INTO targets (post_id, account_id, state, due_utc, time_zone, idempotency_key, "
        "updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (post_id, account_id, state.value, due, time_zone, new_idempotency_key(), now_db()),
    )


def claim_stamp(moment: datetime) -> str:
    """A claim's time to the microsecond: it names the claim, so only its holder records."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def claimed_from_row(row: sqlite3.Row) -> Claimed:
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
        owner=row["claim_owner"],
        first_claim_utc=from_db(row["first_claim_utc"]),
    )


def existing_targets(conn: sqlite3.Connection, post_id: int) -> dict[int, int]:
    rows = conn.execute("SELECT account_id, id FROM targets WHERE post_id = ?", (post_id,))
    return {int(r["account_id"]): int(r["id"]) for r in rows}


def drop_unselected(
    conn: sqlite3.Connection, post_id: int, existing: dict[int, int], keep: set[int]
) -> None:
    removable = tuple(s.value for s in REMOVABLE)
    for account_id, target_id in existing.items():
        if account_id not in keep:
            conn.execute(
                "DELETE FROM targets WHERE id = ? AND state IN (?, ?, ?, ?)",
                (target_id, *removable),
            )

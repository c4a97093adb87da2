"""Put a test's target in a state through the store's own moves (no hand-written SQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from smalltown_social.core.states import TargetState
from smalltown_social.storage.database import Database
from smalltown_social.storage.targets_store import TargetStore
from smalltown_social.storage.timefmt import from_db

S = TargetState


def drive(
    database: Database,
    target_id: int,
    state: TargetState,
    *,
    error: str = "error",
    remote_id: str | None = None,
    url: str | None = None,
    attempts: int = 1,
) -> None:
    """Move a scheduled (or publishing) target to `state` as the outbox would.

    `attempts` failed attempts are recorded before a `failed` one.
    """
    store = TargetStore(database)
    row = database.query("SELECT state, claimed_utc FROM targets WHERE id = ?", (target_id,))[0]
    current = TargetState(row["state"])
    if current is S.SCHEDULED:
        for _ in range(attempts - 1 if state is S.FAILED else 0):
            claimed = store.claim(target_id, datetime.now(UTC))
            assert claimed is not None
            store.record_retry(
                target_id, claimed.claimed_utc, claimed.claimed_utc, error, count_attempt=True
            )
        claimed = store.claim(target_id, datetime.now(UTC))
        assert claimed is not None, "someone else holds the claim"
        claim = claimed.claimed_utc
    elif current is S.PUBLISHING:
        found = from_db(row["claimed_utc"])
        assert found is not None
        claim = found
    else:
        raise AssertionError(f"drive() starts from scheduled or publishing, not {current}")
    if state is S.PUBLISHING:
        return
    done = {
        S.PUBLISHED: lambda: store.record_published(
            target_id, remote_id or f"remote-{target_id}", url, datetime.now(UTC), claim=claim
        ),
        S.FAILED: lambda: store.record_failed(target_id, claim, error),
        S.UNCONFIRMED: lambda: store.record_unconfirmed(target_id, claim, error),
        S.MISSED: lambda: store.record_missed(target_id, claim, error),
        S.SCHEDULED: lambda: store.record_retry(
            target_id, claim, datetime.now(UTC), "", count_attempt=False
        ),
    }[state]()
    assert done, f"the store refused {current} -> {state}"

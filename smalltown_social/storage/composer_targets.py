"""The composer's writes to a post's targets, as module functions over `TargetStore`.

Kept as plain functions because the composer and the save-or-schedule use
case call them by these names; every state change is the store's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from smalltown_social.core.states import IllegalTransition
from smalltown_social.storage.database import Database
from smalltown_social.storage.targets_store import TargetStore


def sync_draft_targets(database: Database, post_id: int, account_ids: Iterable[int]) -> None:
    """See `TargetStore.sync_drafts`."""
    TargetStore(database).sync_drafts(post_id, account_ids)


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
    """See `TargetStore.schedule`."""
    return TargetStore(database).schedule(
        post_id,
        account_ids,
        due_utc,
        time_zone,
        override_reason=override_reason,
        overridden_rules=overridden_rules,
    )


def unschedule_for_block(database: Database, post_id: int, rules: Iterable[str]) -> int:
    """See `TargetStore.unschedule`."""
    return TargetStore(database).unschedule(post_id, rules)


__all__ = ["IllegalTransition", "schedule_targets", "sync_draft_targets", "unschedule_for_block"]

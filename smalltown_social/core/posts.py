"""Posts, their images and their targets, as plain values.

A post is what the clerk writes once; a target is that post on one account,
with its own state, remote id, error and attempts, so one network failing
never marks the others. Times are stored in UTC with the IANA zone the clerk
chose, so a post keeps its wall-clock meaning across DST changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.states import TargetState


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_idempotency_key() -> str:
    """One key per target, kept across retries so a retried call cannot duplicate."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Image:
    path: str
    alt_text: str = ""


@dataclass(frozen=True)
class Post:
    text: str
    content_type: str | None = None
    time_zone: str = TIME_ZONE.default  # callers pass the town's setting
    due_utc: datetime | None = None
    images: tuple[Image, ...] = ()
    recurrence: str | None = None
    block_override: str | None = None
    reply_to_item_id: int | None = None  # an answer to this inbox item
    server_scheduling: bool = False  # hand over to the network's own scheduler where it can
    id: int | None = None
    created_utc: datetime = field(default_factory=utc_now)
    updated_utc: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class Target:
    post_id: int
    account_id: int
    state: TargetState = TargetState.DRAFT
    due_utc: datetime | None = None
    time_zone: str = TIME_ZONE.default  # callers pass the town's setting
    idempotency_key: str = field(default_factory=new_idempotency_key)
    remote_id: str | None = None
    remote_url: str | None = None
    error: str | None = None
    attempts: int = 0
    id: int | None = None
    on_server: bool = False  # handed to the network's own scheduler (Mastodon scheduled_at)

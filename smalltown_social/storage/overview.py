"""A few counts for the status bar and the start pages, read in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from smalltown_social.core.accounts import Account
from smalltown_social.core.settings import PAUSED
from smalltown_social.core.states import TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository, Upcoming
from smalltown_social.storage.settings_repo import SettingsRepository


@dataclass(frozen=True)
class Overview:
    targets_by_state: dict[TargetState, int]
    upcoming: list[Upcoming]
    drafts: int
    inbox_by_status: dict[str, int]
    accounts: list[Account]
    paused: bool = False  # publishing paused from the calendar: nothing goes out


def read_overview(database: Database, upcoming_limit: int = 5) -> Overview:
    """What the status bar and the start pages show; only what is still ahead counts."""
    posts = PostsRepository(database)
    drafts = int(
        database.scalar(
            "SELECT count(*) FROM posts p WHERE NOT EXISTS "
            "(SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state != 'draft')"
        )
    )
    inbox = {
        str(r["status"]): int(r["n"])
        for r in database.query("SELECT status, count(*) AS n FROM inbox_items GROUP BY status")
    }
    return Overview(
        targets_by_state=posts.counts_by_state(),
        upcoming=posts.upcoming(upcoming_limit, after=datetime.now(UTC)),
        drafts=drafts,
        inbox_by_status=inbox,
        accounts=AccountsRepository(database).all(),
        paused=SettingsRepository(database).get(PAUSED),
    )

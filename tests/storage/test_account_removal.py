"""Removing an account (issue #9, hole 12): published history stays readable.

Before, `DELETE FROM accounts` was refused by the targets' foreign key, so an
account with only published history could never be removed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.storage.accounts_repo import AccountInUse, AccountsRepository, Removal
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.outbox_repo import OutboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.timefmt import to_db

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def account_with(database: Database, *states: TargetState) -> int:
    account = AccountsRepository(database).add(Network.MASTODON, "Ayto")
    posts = PostsRepository(database)
    for number, state in enumerate(states):
        post = posts.save(Post(text=f"Bando {number}", due_utc=NOW))
        assert post.id is not None
        posts.add_target(Target(post.id, account.id, state, NOW))
    InboxRepository(database).upsert(
        [
            InboxItem(
                account.id, Network.MASTODON, "m-1", ItemKind.MESSAGE, "Mi DNI es 12345678Z", NOW
            )
        ]
    )
    return account.id


def test_an_account_with_only_published_posts_is_archived(database: Database) -> None:
    accounts = AccountsRepository(database)
    account_id = account_with(database, TargetState.PUBLISHED, TargetState.PUBLISHED)

    assert accounts.remove(account_id) is Removal.ARCHIVED

    assert accounts.all() == [] and accounts.count() == 0 and accounts.by_name("Ayto") is None
    kept = accounts.get(account_id)
    assert kept is not None and kept.removed and kept.name.startswith("Ayto")
    # The published history still shows, with its account.
    rows = OutboxRepository(database).status_rows()
    assert [(r.state, r.account_name) for r in rows] == [(TargetState.PUBLISHED, kept.name)] * 2
    # Its private messages go with it.
    assert database.scalar("SELECT count(*) FROM inbox_items") == 0
    # The name is free again.
    assert accounts.add(Network.MASTODON, "Ayto").id != account_id


@pytest.mark.parametrize(
    "pending",
    [
        TargetState.DRAFT,
        TargetState.SCHEDULED,
        TargetState.PUBLISHING,
        TargetState.FAILED,
        TargetState.UNCONFIRMED,
        TargetState.MISSED,
    ],
)
def test_an_account_with_posts_still_in_play_is_kept(
    database: Database, pending: TargetState
) -> None:
    accounts = AccountsRepository(database)
    account_id = account_with(database, TargetState.PUBLISHED, pending)
    with pytest.raises(AccountInUse) as refused:
        accounts.remove(account_id)
    assert refused.value.unfinished == 1
    assert [a.id for a in accounts.all()] == [account_id]
    assert database.scalar("SELECT count(*) FROM inbox_items") == 1


def test_an_account_without_posts_is_deleted(database: Database) -> None:
    accounts = AccountsRepository(database)
    account_id = account_with(database)
    assert accounts.remove(account_id) is Removal.DELETED
    assert accounts.get(account_id) is None
    assert database.scalar("SELECT count(*) FROM inbox_items") == 0


def test_an_account_with_a_post_waiting_on_the_networks_scheduler_is_kept(
    database: Database,
) -> None:
    """Handed over to Mastodon's scheduler, recorded published, not out yet: withdrawable only
    through the account, so the account stays."""
    accounts = AccountsRepository(database)
    account_id = account_with(database, TargetState.PUBLISHED)
    later = datetime.now(UTC) + timedelta(days=2)
    with database.write() as conn:
        conn.execute("UPDATE targets SET on_server = 1, due_utc = ?", (to_db(later),))
    with pytest.raises(AccountInUse):
        accounts.remove(account_id)
    with database.write() as conn:  # once its time has passed it is history like the rest
        conn.execute("UPDATE targets SET due_utc = ?", (to_db(later - timedelta(days=3)),))
    assert accounts.remove(account_id) is Removal.ARCHIVED

"""Telegram's counts end to end: the inbox hears reactions and comments, Resultados reads them.

The real InboxSync, ResultsSync and ResultsQuery on a SQLite file, the real
Telegram adapter built as the registry builds it (`Extras.inbox_cursor` is the
inbox's stored cursor, as in app.py) against a local Bot API server whose
updates are checked against the Bot API spec subset.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.networks import telegram
from smalltown_social.networks.base import Adapter, Extras
from smalltown_social.publishing.inbox_sync import InboxSync
from smalltown_social.publishing.results_sync import ResultsSync
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.results_query import ResultsQuery
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.timefmt import to_db
from tests.networks.fake_server import FakeServer
from tests.networks.test_telegram import (
    CHANNEL_ID,
    EMOJI,
    HEART,
    TOKEN,
    _updates,
    ok,
    path,
    reaction_count,
)

NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def test_reactions_and_comments_heard_by_the_inbox_reach_resultados(
    server: FakeServer, redactor: Redactor, database: Database
) -> None:
    accounts = AccountsRepository(database)
    inbox = InboxRepository(database)
    account = accounts.add(
        Network.TELEGRAM, "Canal", server_url=server.url, channel="@aytovaldelomar"
    )

    def adapters(of: Account) -> Adapter:
        return telegram.build(of, TOKEN, redactor, Extras(inbox_cursor=inbox.cursor))

    posts = PostsRepository(database)
    post = posts.save(Post(text="Corte de agua mañana de 8:00 a 12:00.", content_type="urgent"))
    assert post.id is not None
    target = posts.add_target(Target(post.id, account.id))
    with database.write() as conn:
        conn.execute(
            "UPDATE targets SET state = 'published', remote_id = ?, published_utc = ? WHERE id = ?",
            (f"{CHANNEL_ID}:42", to_db(NOW - timedelta(hours=2)), target.id),
        )
    server.route(
        "POST",
        path("getUpdates"),
        ok([*_updates(), reaction_count(1010, 42, (EMOJI, 4), (HEART, 2))]),
        ok([]),
    )
    assert InboxSync(inbox, accounts, adapters).sync_account(account).error is None
    report = ResultsSync(database, accounts, adapters, SettingsRepository(database)).sync(NOW)
    assert report.read == 1 and report.accounts[0].no_counts == 0
    [row] = ResultsQuery(database).rows(*EVER)
    assert row.network == "telegram" and row.counts is not None and row.gone_utc is None
    assert (row.counts.likes, row.counts.replies, row.counts.shares) == (6, 2, 0)
    assert row.counts.views is None

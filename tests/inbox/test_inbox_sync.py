"""Fetching: de-duplication, cursors, offline catch-up, per-account errors, retention."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import InboxStatus
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import INBOX_POLL_MINUTES
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter, NeedsReconnect, Offline
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.publishing.inbox_sync import InboxPoller, InboxSync
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from tests.inbox.conftest import T0, remote
from tests.inbox.fake_adapter import FakeInboxAdapter
from tests.networks.fake_server import FakeServer, Reply, load_cassette


def make_sync(
    database: Database, adapters: dict[int, FakeInboxAdapter]
) -> tuple[InboxSync, InboxRepository]:
    inbox = InboxRepository(database)

    def factory(account: Account) -> Adapter:
        return adapters[account.id]

    sync = InboxSync(inbox, AccountsRepository(database), factory, events=EventLog(database))
    return sync, inbox


def test_pages_are_followed_and_nothing_is_stored_twice(
    database: Database, accounts: list[Account]
) -> None:
    mastodon = accounts[0]
    fake = FakeInboxAdapter(mastodon, [remote(n) for n in range(7)], page_size=3)
    sync, inbox = make_sync(
        database, {mastodon.id: fake, accounts[1].id: FakeInboxAdapter(accounts[1], [])}
    )

    first = sync.sync_account(mastodon)
    assert (first.new, first.pages, first.error) == (7, 3, None)
    assert fake.fetches == [None, "3", "6"]
    assert inbox.cursor(mastodon.id) == "7"

    # The server sends the same items again (a cursor reset): nothing is duplicated.
    stored = InboxQuery(database).page(InboxFilter(search="Comentario"))
    inbox.set_status([i.id for i in stored if i.id], InboxStatus.ANSWERED)
    fake.fetches.clear()
    with database.write() as conn:
        conn.execute("UPDATE inbox_cursors SET cursor = NULL")
    again = sync.sync_account(mastodon)
    assert again.new == 0
    assert inbox.count() == 7
    assert inbox.count(InboxStatus.ANSWERED) == 7  # the clerk's work is kept


def test_next_sync_starts_from_the_stored_cursor(
    database: Database, accounts: list[Account]
) -> None:
    mastodon = accounts[0]
    fake = FakeInboxAdapter(mastodon, [remote(n) for n in range(2)])
    sync, inbox = make_sync(database, {mastodon.id: fake})
    sync.sync_account(mastodon)
    fake.items.append(remote(2, "¿A qué hora abre la piscina?"))
    fake.fetches.clear()
    result = sync.sync_account(mastodon)
    assert fake.fetches == ["2"]
    assert result.new == 1
    item = inbox.by_remote_id("mastodon", "r2")
    assert item is not None and item.status == "new"
    assert inbox.label_ids()["Consulta"] == item.label_id  # the suggested label


def test_thread_is_kept_and_linked_to_our_post(database: Database, accounts: list[Account]) -> None:
    mastodon = accounts[0]
    posts = PostsRepository(database)
    post = posts.save(Post(text="Corte de agua el martes"))
    assert post.id is not None
    target = posts.add_target(
        Target(post.id, mastodon.id, TargetState.PUBLISHED, due_utc=T0, remote_id="p1")
    )
    items = [
        remote(1, parent_remote_id="p1", root_remote_id="p1"),
        remote(2, parent_remote_id="r1", root_remote_id="p1"),
        remote(3, parent_remote_id="elsewhere", root_remote_id="elsewhere"),
    ]
    sync, inbox = make_sync(database, {mastodon.id: FakeInboxAdapter(mastodon, items)})
    sync.sync_account(mastodon)
    first, second, third = (inbox.by_remote_id("mastodon", f"r{n}") for n in (1, 2, 3))
    assert first is not None and second is not None and third is not None
    assert first.target_id == target.id and second.target_id == target.id
    assert third.target_id is None
    assert (second.parent_remote_id, second.root_remote_id) == ("r1", "p1")
    assert [i.remote_id for i in inbox.thread(second)] == ["r1", "r2"]


def test_offline_backs_off_then_catches_up_without_stopping_others(
    database: Database, accounts: list[Account]
) -> None:
    mastodon, bluesky = accounts
    down = FakeInboxAdapter(mastodon, [remote(n) for n in range(5)], page_size=2)
    up = FakeInboxAdapter(bluesky, [remote(n + 100) for n in range(2)])
    down.offline = True
    sync, inbox = make_sync(database, {mastodon.id: down, bluesky.id: up})
    settings = SettingsRepository(database)
    settings.set(INBOX_POLL_MINUTES, 10)
    seen: list[int] = []
    errors: list[int] = []
    poller = InboxPoller(
        sync, settings, on_new=seen.append, on_error=lambda r: errors.append(r.account_id)
    )

    report = poller.tick(T0)
    assert isinstance(next(r.error for r in report.results if r.account_id == mastodon.id), Offline)
    assert seen == [2] and errors == [mastodon.id]  # the other account went on
    assert poller.next_due(bluesky.id) == T0 + timedelta(minutes=10)
    assert poller.next_due(mastodon.id) == T0 + timedelta(minutes=1)

    poller.tick(T0 + timedelta(minutes=1))  # still offline: the wait doubles
    assert poller.next_due(mastodon.id) == T0 + timedelta(minutes=3)
    assert len(up.fetches) == 1  # not due, not asked

    down.offline = False
    report = poller.tick(T0 + timedelta(minutes=3))
    assert report.new == 5  # every page waiting was fetched
    assert inbox.count() == 7
    assert poller.next_due(mastodon.id) == T0 + timedelta(minutes=13)


def test_the_clerk_can_change_the_interval(database: Database, accounts: list[Account]) -> None:
    mastodon = accounts[0]
    sync, _ = make_sync(
        database,
        {
            mastodon.id: FakeInboxAdapter(mastodon, []),
            accounts[1].id: FakeInboxAdapter(accounts[1], []),
        },
    )
    settings = SettingsRepository(database)
    settings.set(INBOX_POLL_MINUTES, 30)
    poller = InboxPoller(sync, settings)
    poller.tick(T0)
    assert poller.next_due(mastodon.id) == T0 + timedelta(minutes=30)


def test_retention_deletes_old_items_and_their_search_entries(
    database: Database, accounts: list[Account]
) -> None:
    mastodon = accounts[0]
    old = remote(1, "Vehículo abandonado", created_utc=T0 - timedelta(days=400))
    recent = remote(2, "Otro vehículo", created_utc=T0 - timedelta(days=10))
    sync, _ = make_sync(database, {mastodon.id: FakeInboxAdapter(mastodon, [old, recent])})
    sync.sync_account(mastodon)
    assert sync.apply_retention(12, now=T0) == 1
    found = InboxQuery(database).page(InboxFilter(search="vehiculo"))
    assert [i.remote_id for i in found] == ["r2"]
    assert EventLog(database).recent()[0].kind == "inbox_retention"


def test_a_credential_that_no_longer_works_marks_the_account(
    database: Database, accounts: list[Account]
) -> None:
    mastodon = accounts[0]

    def factory(account: Account) -> Adapter:
        raise NeedsReconnect(Text("Vuelva a conectar la cuenta", "Reconnect"), "401")

    sync = InboxSync(InboxRepository(database), AccountsRepository(database), factory)
    result = sync.sync_account(mastodon)
    assert isinstance(result.error, NeedsReconnect)
    marked = AccountsRepository(database).get(mastodon.id)
    assert marked is not None and marked.status == "needs_reconnect"


def test_an_item_with_a_lone_surrogate_is_stored_cleaned_and_the_cursor_moves(
    database: Database, accounts: list[Account]
) -> None:
    """Issue #9, hole 7: one `\\udfff` in a reply crashed every `inbox sync` of that account.

    The real Mastodon adapter reads it from a local server, escaped in JSON as
    a server sends it; SQLite cannot store a lone surrogate.
    """
    notification = json.loads(
        load_cassette("test_notifications_mentions_only")[1]["response"]["body"]
    )[0]
    bad = copy.deepcopy(notification)
    bad["id"] = "30"
    bad["status"]["id"] = "117020577157699999"
    bad["status"]["content"] = "<p>Hola \udfff vecinos</p>"
    bad["status"]["account"]["display_name"] = "Vecina \ud800"
    server = FakeServer().start()
    try:
        server.route("GET", "/api/v1/notifications", Reply.json([bad, notification]))
        server.route("GET", "/api/v1/conversations", Reply.json([]))
        mastodon = replace(accounts[0], server_url=server.url)
        inbox = InboxRepository(database)
        adapter = MastodonAdapter(mastodon, "token-de-prueba-1234", Redactor())
        sync = InboxSync(inbox, AccountsRepository(database), lambda account: adapter)

        result = sync.sync_account(mastodon)

        assert result.error is None and result.new == 2
        cleaned = inbox.by_remote_id("mastodon", "117020577157699999")
        assert cleaned is not None
        assert cleaned.text == "Hola \ufffd vecinos" and cleaned.author_name == "Vecina \ufffd"
        assert inbox.by_remote_id("mastodon", "117020577157693549") is not None  # the rest kept
        cursor = inbox.cursor(mastodon.id)
        assert cursor is not None and json.loads(cursor)["n"] == "30"  # the cursor moved on
        found = InboxQuery(database).page(InboxFilter(search="vecinos"))
        assert [i.remote_id for i in found] == ["117020577157699999"]
    finally:
        server.stop()


@pytest.mark.expected_logs(r"inbox_repo: inbox item 'r1' of account 1 skipped: IntegrityError")
def test_an_item_the_database_refuses_is_skipped_and_the_rest_is_kept(
    database: Database, accounts: list[Account]
) -> None:
    mastodon = accounts[0]
    broken = remote(1, kind=SimpleNamespace(value="poll"))  # a kind the table's CHECK refuses
    fake = FakeInboxAdapter(mastodon, [remote(0), broken, remote(2)])
    sync, inbox = make_sync(database, {mastodon.id: fake})
    result = sync.sync_account(mastodon)
    assert result.error is None and result.new == 2
    assert inbox.by_remote_id("mastodon", "r1") is None
    assert inbox.cursor(mastodon.id) == "3"

"""Facebook and Instagram comments in the inbox: answered via the outbox, hidden, deleted, logged.

The real adapters, the real database, the checking Graph server.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.publishing.inbox_actions import moderate
from smalltown_social.publishing.outbox import Outbox, Outcome
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, recorded
from tests.publishing.world import FakeClock

PAGE = "104593022431585"
POST = f"{PAGE}_122110000000000001"
COMMENT = "122110000000000001_900000000000001"


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake()
    fake.start()
    fake.node(PAGE, "Page")
    fake.node(COMMENT, "Comment")
    yield fake
    fake.stop()
    assert fake.violations == []


def adapters(account: Account) -> Adapter:
    return FacebookAdapter(account, CANARY, Redactor(), read_timeout_s=2)


def stored_comment(database: Database, graph: GraphFake) -> tuple[Account, InboxItem]:
    account = AccountsRepository(database).add(
        Network.FACEBOOK, "Ayto FB", server_url=graph.url, channel=PAGE
    )
    inbox = InboxRepository(database)
    item = InboxItem(
        account_id=account.id,
        network=Network.FACEBOOK,
        remote_id=COMMENT,
        kind=ItemKind.COMMENT,
        text="¿A qué hora empieza la verbena?",
        received_utc=datetime.now(UTC) - timedelta(hours=1),
        author_name="Vecina 01",
        parent_remote_id=POST,
        root_remote_id=POST,
    )
    inbox.save_batch(account.id, [item], None)
    found = inbox.by_remote_id("facebook", COMMENT)
    assert found is not None
    return account, found


def test_a_reply_goes_out_once_through_the_outbox(database: Database, graph: GraphFake) -> None:
    account, item = stored_comment(database, graph)
    graph.on(
        "POST",
        f"/{COMMENT}/comments",
        Reply.json(recorded("facebook/apidata/comments/create_resp.json")),
    )
    graph.on("GET", f"/{COMMENT}", Reply.json({"id": COMMENT}))  # a top-level comment
    clock = FakeClock(wall=datetime.now(UTC))
    posts = PostsRepository(database)
    post = posts.save(
        Post(text="A las 22 h, en la plaza.", due_utc=clock.now(), reply_to_item_id=item.id)
    )
    assert post.id is not None
    posts.add_targets([Target(post.id, account.id, TargetState.SCHEDULED, clock.now())])
    assert Outbox(database, adapters, clock).sweep().count(Outcome.PUBLISHED) == 1
    (sent,) = graph.calls("POST", f"/{COMMENT}/comments")
    assert sent.form_dict() == {"message": "A las 22 h, en la plaza."}
    assert Outbox(database, adapters, clock).sweep().count(Outcome.PUBLISHED) == 0


def test_hide_then_delete_are_recorded(database: Database, graph: GraphFake) -> None:
    account, item = stored_comment(database, graph)
    graph.on("POST", f"/{COMMENT}", Reply.json({"success": True}))
    graph.on("DELETE", f"/{COMMENT}", Reply.json({"success": True}))
    inbox, events = InboxRepository(database), EventLog(database)
    moderate(adapters(account), inbox, events, item, "hide", who="secretaria")
    moderate(adapters(account), inbox, events, item, "delete", who="secretaria")
    assert graph.calls("POST", f"/{COMMENT}")[0].form_dict() == {"is_hidden": "true"}
    assert len(graph.calls("DELETE", f"/{COMMENT}")) == 1
    kinds = [e.kind for e in events.recent()]
    assert "inbox_hide" in kinds and "inbox_delete" in kinds
    again = inbox.get(item.id or 0)
    assert again is not None and again.hidden


def test_an_instagram_comment_answered_hidden_and_deleted(database: Database) -> None:
    from tests.networks.test_instagram import COMMENT as IG_COMMENT
    from tests.networks.test_instagram import IG, MEDIA, instagram_graph

    for graph in instagram_graph():
        account = AccountsRepository(database).add(
            Network.INSTAGRAM, "Ayto IG", server_url=graph.url, channel=IG
        )
        inbox, events = InboxRepository(database), EventLog(database)
        comment = InboxItem(
            account_id=account.id,
            network=Network.INSTAGRAM,
            remote_id=IG_COMMENT,
            kind=ItemKind.COMMENT,
            text="¿Hay que apuntarse?",
            received_utc=datetime.now(UTC) - timedelta(hours=1),
            author_handle="@vecina_una",
            parent_remote_id=MEDIA,
            root_remote_id=MEDIA,
        )
        inbox.save_batch(account.id, [comment], None)
        item = inbox.by_remote_id("instagram", IG_COMMENT)
        assert item is not None
        graph.on("GET", f"/{IG_COMMENT}", Reply.json({"id": IG_COMMENT}))
        graph.on("POST", f"/{IG_COMMENT}/replies", Reply.json({"id": "17800000000000079"}))
        graph.on("POST", f"/{IG_COMMENT}", Reply.json({"success": True}))
        graph.on("DELETE", f"/{IG_COMMENT}", Reply.json({"success": True}))
        clock = FakeClock(wall=datetime.now(UTC))
        posts = PostsRepository(database)
        post = posts.save(Post(text="No, es libre.", due_utc=clock.now(), reply_to_item_id=item.id))
        assert post.id is not None
        posts.add_targets([Target(post.id, account.id, TargetState.SCHEDULED, clock.now())])

        def instagram(found: Account) -> Adapter:
            from smalltown_social.networks.instagram import InstagramAdapter

            return InstagramAdapter(found, CANARY, Redactor(), read_timeout_s=2)

        assert Outbox(database, instagram, clock).sweep().count(Outcome.PUBLISHED) == 1
        assert graph.calls("POST", f"/{IG_COMMENT}/replies")[0].form_dict() == {
            "message": "No, es libre."
        }
        moderate(instagram(account), inbox, events, item, "hide", who="secretaria")
        moderate(instagram(account), inbox, events, item, "delete", who="secretaria")
        assert graph.calls("POST", f"/{IG_COMMENT}")[0].form_dict() == {"hide": "true"}
        assert len(graph.calls("DELETE", f"/{IG_COMMENT}")) == 1
        kinds = [e.kind for e in events.recent()]
        assert "inbox_hide" in kinds and "inbox_delete" in kinds

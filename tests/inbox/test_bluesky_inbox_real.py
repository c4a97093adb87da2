"""End to end on the real Bluesky reference servers (PLC + PDS + AppView from npm).

A neighbour's reply to the town's post appears in the inbox after a sync, once,
linked to our post with its thread; answering it from the inbox page queues a
reply post that the outbox sends, exactly once, as a real reply record whose
root is our post and whose parent is the neighbour's reply.

Nothing is skipped: if the servers cannot start, this fails (see bluesky_server).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.logs import shutdown_logging
from smalltown_social.networks.base import Content, ReplyTo
from smalltown_social.networks.bluesky import BlueskyAdapter
from smalltown_social.paths import DataPaths
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.tasks import TaskRunner
from tests.networks import bluesky_server
from tests.networks.bluesky_server import BlueskyServer, PeerAccount

pytestmark = [pytest.mark.keyring_real, pytest.mark.slow]


@pytest.fixture(scope="module")
def network() -> Iterator[BlueskyServer]:
    server = bluesky_server.start()
    yield server
    server.stop()


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = build_services(Runtime.start(DataPaths(base=tmp_path / "data")))
    yield built
    for account in built.accounts.all():
        for key in (account.secret_key, f"{account.secret_key}-session"):
            if built.secrets.get(key) is not None:
                built.secrets.delete(key)
    built.close()
    shutdown_logging()


def record(network: BlueskyServer, uri: str) -> dict[str, object]:
    repo, collection, rkey = uri.removeprefix("at://").split("/")
    response = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.repo.getRecord",
        params={"repo": repo, "collection": collection, "rkey": rkey},
        timeout=30,
    )
    response.raise_for_status()
    value: dict[str, object] = response.json()["value"]
    return value


def test_neighbour_reply_appears_once_and_is_answered_from_the_inbox(
    qtbot: QtBot, network: BlueskyServer, services: Services
) -> None:
    town: PeerAccount = network.create_account("aytoinbox")
    neighbour: PeerAccount = network.create_account("vecinainbox")
    account = services.accounts.add(
        Network.BLUESKY, "Ayto en Bluesky", handle=town.handle, server_url=network.pds_url
    )
    services.secrets.set(account.secret_key, town.app_password)

    # Our post, published and recorded as the app records it.
    ours = services.adapters(account)
    post = services.posts.save(Post(text="¿Qué actividades os gustaría para el verano?"))
    assert post.id is not None
    target = services.posts.add_target(Target(post.id, account.id))
    published = ours.publish(Content(post.text), [], target.idempotency_key)
    ours.close()
    with services.database.write() as conn:
        conn.execute(
            "UPDATE targets SET state = 'published', remote_id = ? WHERE id = ?",
            (published.remote_id, target.id),
        )

    # The neighbour answers from their own account.
    redactor = Redactor()
    store = SecretStore("smalltown-social-inbox-e2e", redactor)
    theirs = BlueskyAdapter(
        Account(99, Network.BLUESKY, neighbour.handle, neighbour.handle, network.pds_url),
        neighbour.app_password,
        redactor,
        store,
    )
    answer = theirs.reply(
        ReplyTo(published.remote_id), "¿Habrá cine de verano en la plaza?", uuid.uuid4().hex
    )
    theirs.close()
    for key in ("account-99", "account-99-session"):
        if store.get(key) is not None:
            store.delete(key)

    sync = services.inbox_sync()
    deadline = time.monotonic() + 20  # the AppView indexes from the firehose
    while services.inbox.by_remote_id("bluesky", answer.remote_id) is None:
        result = sync.sync_account(account)
        assert result.error is None, result.error
        assert time.monotonic() < deadline, "the reply never reached the inbox"
        time.sleep(0.3)
    assert sync.sync_account(account).new == 0  # a second sync adds nothing
    stored = services.database.query(
        "SELECT count(*) AS n FROM inbox_items WHERE remote_id = ?", (answer.remote_id,)
    )
    assert stored[0]["n"] == 1
    item = services.inbox.by_remote_id("bluesky", answer.remote_id)
    assert item is not None and item.id is not None
    assert (item.parent_remote_id, item.root_remote_id) == (
        published.remote_id,
        published.remote_id,
    )
    assert item.target_id == target.id  # linked to our post
    assert item.text == "¿Habrá cine de verano en la plaza?"

    # Answer it from the inbox page.
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    row = page.model.row_of(item.id)
    assert row is not None
    page.select_row(row)
    assert "Nuestra publicación" in page.conversation.thread_view.toPlainText()
    page.conversation.reply_box.setPlainText("Sí: habrá cine de verano en la plaza los viernes.")
    assert page.conversation.send_button.isEnabled()
    with qtbot.waitSignal(page.conversation.reply_queued, timeout=5000):
        qtbot.mouseClick(page.conversation.send_button, Qt.MouseButton.LeftButton)
    [reply_post] = services.database.query(
        "SELECT id, text FROM posts WHERE reply_to_item_id = ?", (item.id,)
    )
    [queued] = services.posts.targets_of(int(reply_post["id"]))
    assert (queued.state, queued.account_id) == (TargetState.SCHEDULED, account.id)

    # The outbox sends it, exactly once, and marks the item answered.
    swept = services.outbox().sweep()
    assert swept.outcomes is not None and queued.id in swept.outcomes
    services.outbox().sweep()  # a second sweep sends nothing more
    sent = services.posts.target(queued.id or 0)
    assert sent is not None and sent.state is TargetState.PUBLISHED and sent.remote_id
    answered = services.inbox.get(item.id)
    assert answered is not None and answered.status == "answered"
    made = record(network, sent.remote_id)
    assert made["text"] == "Sí: habrá cine de verano en la plaza los viernes."
    reply = made["reply"]
    assert isinstance(reply, dict)
    assert reply["root"]["uri"] == published.remote_id
    assert reply["parent"]["uri"] == answer.remote_id
    mine = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.repo.listRecords",
        params={"repo": town.did, "collection": "app.bsky.feed.post", "limit": "100"},
        timeout=30,
    ).json()["records"]
    replies = [r for r in mine if r["value"]["text"] == made["text"]]
    assert len(replies) == 1  # one reply record, not two

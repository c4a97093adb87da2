"""Answering from the inbox: stored off the GUI thread, told when it fails, sent at once.

Real parts: the SQLite file, the inbox page and its conversation view, the
thread pool, the outbox with the Mastodon adapter and its HTTP layer, the
publisher (APScheduler's thread). The only fake is the Mastodon server,
replaying recorded replies (tests/fixtures). A database that refuses writes is
the app's own gate: damage found by the integrity check holds every write.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.states import TargetState
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.publishing.clock import SystemClock
from smalltown_social.publishing.outbox import Outbox
from smalltown_social.publishing.scheduler import Publisher
from smalltown_social.redaction import Redactor
from smalltown_social.storage.errors import DatabaseCorrupt
from smalltown_social.ui.background import wake_publisher
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.fake_server import FakeServer

QUESTION = "¿A qué hora abre mañana la piscina municipal?"
ANSWER = "La piscina municipal abre mañana a las 11:00."


def question(services: Services, account: Account, remote_id: str = "q-1") -> int:
    services.inbox.upsert(
        [
            InboxItem(
                account_id=account.id,
                network=account.network,
                remote_id=remote_id,
                kind=ItemKind.MENTION,
                text=QUESTION,
                received_utc=datetime.now(UTC),
                author_name="Lucía",
                author_handle="lucia@example.social",
            )
        ]
    )
    found = services.inbox.by_remote_id(account.network.value, remote_id)
    assert found is not None and found.id is not None
    return found.id


def replies(services: Services) -> list[int]:
    rows = services.database.query("SELECT id FROM posts WHERE reply_to_item_id IS NOT NULL")
    return [int(r["id"]) for r in rows]


def damaged(services: Services) -> None:
    """What the integrity check beside the window says when it finds damage: no write passes."""

    def verdict() -> None:
        raise DatabaseCorrupt(services.database.path, "page 7: btree damaged", None)

    services.database.hold_writes_until(verdict)


@pytest.mark.expected_logs(r"conversation: reply to inbox item \d+ not stored")
def test_a_reply_the_database_refuses_is_told_in_spanish_and_kept(
    qtbot: QtBot, services: Services
) -> None:
    account = services.accounts.add(Network.MASTODON, "Ayto", handle="@ayto@example.social")
    question(services, account)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.select_row(0)
    view = page.conversation
    damaged(services)
    view.reply_box.setPlainText(ANSWER)
    with qtbot.assertNotEmitted(view.reply_queued, wait=200):
        view.send()
        assert view.sending and view.reply_box.isReadOnly()  # stored off the GUI thread
        qtbot.waitUntil(lambda: not view.sending, timeout=5000)
    advice = view.advice.text()
    assert "La respuesta no se ha enviado." in advice
    assert "está dañada" in advice  # the storage error's own words
    assert "Su texto sigue aquí." in advice
    assert view.reply_box.toPlainText() == ANSWER and not view.reply_box.isReadOnly()
    assert view.send_button.isEnabled()  # it can be sent again
    assert replies(services) == []

    services.database.hold_writes_until(lambda: None)  # restored: writes go through again
    with qtbot.waitSignal(view.reply_queued, timeout=5000) as queued:
        view.send_button.click()
    assert replies(services) == [queued.args[0]]
    assert view.reply_box.toPlainText() == ""
    assert "en la cola de envío" in view.thread_view.toPlainText()


def test_a_reply_to_an_account_removed_meanwhile_is_refused_and_kept(
    qtbot: QtBot, services: Services
) -> None:
    account = services.accounts.add(Network.MASTODON, "Ayto", handle="@ayto@example.social")
    question(services, account)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.select_row(0)
    view = page.conversation
    services.accounts.remove(account.id)  # from the accounts page, or the command line
    view.reply_box.setPlainText(ANSWER)
    view.send()
    qtbot.waitUntil(lambda: not view.sending, timeout=5000)
    assert "Elija al menos una cuenta" in view.advice.text()
    assert view.reply_box.toPlainText() == ANSWER
    assert replies(services) == []


@pytest.mark.expected_logs(r"conversation: reply to inbox item \d+ not stored")
def test_a_reply_that_fails_after_the_clerk_moved_on_waits_for_its_message(
    qtbot: QtBot, services: Services
) -> None:
    account = services.accounts.add(Network.MASTODON, "Ayto", handle="@ayto@example.social")
    first = question(services, account, "q-1")
    question(services, account, "q-2")
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    view = page.conversation
    view.show_item(first)
    damaged(services)
    view.reply_box.setPlainText(ANSWER)
    view.send()
    row = page.model.row_of(first)
    page.select_row(1 if row == 0 else 0)  # the clerk goes to the other message at once
    qtbot.waitUntil(lambda: not view.sending, timeout=5000)
    assert view.item is not None and view.item.id != first
    assert view.reply_box.toPlainText() == ""
    assert "vuelva a ese mensaje para enviarlo" in view.advice.text()
    view.show_item(first)
    assert view.reply_box.toPlainText() == ANSWER  # nothing the clerk wrote is lost


@pytest.fixture
def mastodon() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    fake.replay("test_instance", 0)
    fake.replay("test_status_reply", 2)  # a status in reply to another
    yield fake
    fake.stop()


def test_a_reply_goes_out_at_once_without_waiting_for_the_sweep(
    qtbot: QtBot, services: Services, mastodon: FakeServer
) -> None:
    account = services.accounts.add(
        Network.MASTODON, "Ayto", handle="@ayto@example.social", server_url=mastodon.url
    )
    item_id = question(services, account)

    def adapter(found: Account) -> MastodonAdapter:
        return MastodonAdapter(found, "token-for-the-test", Redactor())

    outbox = Outbox(services.database, adapter, SystemClock())
    swept: list[datetime] = []

    class Watched(Publisher):
        def sweep(self) -> None:
            super().sweep()
            swept.append(datetime.now(UTC))

    publisher = Watched(outbox, sweep_seconds=3600)  # the next sweep is an hour away
    tasks = TaskRunner()
    window = MainWindow(services, tasks, QIcon())
    qtbot.addWidget(window)
    wake_publisher(window, Holder(publisher), tasks)
    publisher.start()
    try:
        qtbot.waitUntil(lambda: bool(swept), timeout=5000)  # the start-up sweep is done
        page = window.inbox_page
        page.conversation.show_item(item_id)
        page.conversation.reply_box.setPlainText(ANSWER)
        with qtbot.waitSignal(window.reply_queued, timeout=5000) as queued:
            page.conversation.send_button.click()
        [target] = services.posts.targets_of(queued.args[0])

        def sent() -> bool:
            found = services.posts.target(target.id or 0)
            return found is not None and found.state is TargetState.PUBLISHED

        qtbot.waitUntil(sent, timeout=5000)
    finally:
        publisher.stop()
        tasks.shutdown()
    posted = mastodon.requests_to("POST", "/api/v1/statuses")
    assert len(posted) == 1 and posted[0].form_dict()["in_reply_to_id"] == "q-1"
    answered = services.inbox.get(item_id)
    assert answered is not None and answered.status == "answered"


@dataclass
class Holder:
    """Holds the started publisher, as the application's Background does."""

    publisher: Publisher | None

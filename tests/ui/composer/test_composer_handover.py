"""Handing a post to Mastodon's scheduler from the composer, and taking it back to change it.

Real parts: the composer, the SQLite file, the keyring, the Mastodon adapter
and its HTTP layer. The only fake is the Mastodon server (a local HTTP server).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.fake_server import FakeServer, Reply
from tests.ui.composer.conftest import make_page, settle

pytestmark = pytest.mark.keyring_real


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    yield fake
    fake.stop()


def handed_over_post(services: Services, server: FakeServer) -> tuple[int, int]:
    account = services.accounts.add(Network.MASTODON, "Ayto", server_url=server.url)
    services.secrets.set(account.secret_key, "token-de-prueba-1234")
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    post = services.posts.save(
        Post(text="Mañana corte de agua en la calle Mayor.", due_utc=due, server_scheduling=True)
    )
    assert post.id is not None
    (target,) = services.posts.add_targets(
        [Target(post.id, account.id, TargetState.SCHEDULED, due)]
    )
    with services.database.write() as conn:  # as the outbox records a hand-over
        conn.execute(
            "UPDATE targets SET state = 'published', on_server = 1, remote_id = '7' WHERE id = ?",
            (target.id,),
        )
    assert target.id is not None
    return post.id, target.id


def test_the_box_is_offered_for_mastodon_and_saved_with_the_post(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    telegram = services.accounts.add(Network.TELEGRAM, "Canal", channel="@canal")
    mastodon = services.accounts.add(Network.MASTODON, "Ayto", server_url="https://m.example")
    page = make_page(qtbot, services, tasks)
    page.refresh_accounts()
    page.schedule.choose({telegram.id})
    assert not page.handover.checkbox.isEnabled()
    page.schedule.choose({telegram.id, mastodon.id})
    assert page.handover.checkbox.isEnabled()
    page.editor.setPlainText("Mañana corte de agua en la calle Mayor de 9:00 a 13:00.")
    page.handover.checkbox.setChecked(True)
    page.save_draft()
    settle(qtbot, page)
    assert page.post_id is not None
    saved = services.posts.get(page.post_id)
    assert saved is not None and saved.server_scheduling


def test_a_handed_over_post_is_withdrawn_then_editable(
    qtbot: QtBot, services: Services, tasks: TaskRunner, server: FakeServer
) -> None:
    server.route("DELETE", "/api/v1/scheduled_statuses/7", Reply.json({}))
    post_id, target_id = handed_over_post(services, server)
    page = make_page(qtbot, services, tasks)
    assert page.open_post(post_id)
    assert page.locked and page.editor.isReadOnly()
    assert page.handover.handed_over()
    page.handover.withdraw_button.click()
    qtbot.waitUntil(lambda: "Retirada de la red" in page.actions_bar.message.text(), timeout=10_000)
    assert len(server.requests_to("DELETE", "/api/v1/scheduled_statuses/7")) == 1
    target = services.posts.target(target_id)
    assert target is not None and target.state is TargetState.DRAFT and not target.on_server
    assert not page.editor.isReadOnly()
    assert not page.handover.handed_over()


@pytest.mark.expected_logs(r"handover: target \d+: withdrawal refused")
def test_a_refused_withdrawal_changes_nothing_and_says_why(
    qtbot: QtBot, services: Services, tasks: TaskRunner, server: FakeServer
) -> None:
    server.route(
        "DELETE", "/api/v1/scheduled_statuses/7", Reply.json({"error": "Record not found"}, 404)
    )
    post_id, target_id = handed_over_post(services, server)
    page = make_page(qtbot, services, tasks)
    assert page.open_post(post_id)
    page.withdraw_from_server()
    qtbot.waitUntil(lambda: "No se ha retirado" in page.actions_bar.message.text(), timeout=10_000)
    assert "ya ha salido" in page.actions_bar.message.text()
    target = services.posts.target(target_id)
    assert target is not None and target.state is TargetState.PUBLISHED and target.on_server
    assert page.handover.withdraw_button.isEnabled()

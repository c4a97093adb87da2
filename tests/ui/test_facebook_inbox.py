"""A Facebook Page's comments fetched through the real adapter into the inbox, and their thread."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.publishing.inbox_sync import InboxSync
from smalltown_social.redaction import Redactor
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, recorded
from tests.networks.test_facebook import PAGE, POST

OUR_POST = "Este sábado cortamos la calle Mayor de 18 a 23 h por las fiestas. ¿Dudas? Aquí."
VOICES = [
    "¿El autobús de las 19 h pasa por la plaza o se desvía?",
    "Gracias por avisar con tiempo.",
    "¿Se puede aparcar en el mercado esa tarde?",
]


def comments_of(post_time: datetime) -> dict[str, Any]:
    """The recorded comments page's shape, with the town's own conversation."""
    page: dict[str, Any] = recorded("facebook/apidata/comments/comments_p1.json")
    template = page["data"][0]
    made = []
    for index, text in enumerate(VOICES):
        when = post_time + timedelta(minutes=30 * (len(VOICES) - index))
        made.append(
            template
            | {
                "id": f"{POST.split('_')[1]}_90{index}",
                "message": text,
                "created_time": when.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                "from": {"id": f"77{index}", "name": f"Vecino {index + 1:02d}"},
            }
        )
    made[0]["parent"] = {"id": made[2]["id"]}  # an answer to the parking question
    page["data"] = made
    del page["paging"]["next"]
    return page


def test_facebook_comments_reach_the_inbox_with_their_post(
    qtbot: QtBot, services: Services, screenshots: Path
) -> None:
    graph = GraphFake()
    graph.start()
    try:
        graph.node(PAGE, "Page")
        graph.node(POST, "PagePost")
        account = services.accounts.add(
            Network.FACEBOOK, "Ayto. en Facebook", server_url=graph.url, channel=PAGE
        )
        posted = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
        post = services.posts.save(Post(text=OUR_POST, due_utc=posted))
        assert post.id is not None
        services.posts.add_targets(
            [Target(post.id, account.id, TargetState.PUBLISHED, posted, remote_id=POST)]
        )
        stamp = (posted + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+0000")
        feed = {"data": [{"id": POST, "updated_time": stamp}]}
        graph.on("GET", f"/{PAGE}/published_posts", Reply.json(feed))
        graph.on("GET", f"/{POST}/comments", Reply.json(comments_of(posted)))

        def adapters(found: Account) -> Adapter:
            return FacebookAdapter(found, CANARY, Redactor(), read_timeout_s=2)

        sync = InboxSync(services.inbox, services.accounts, adapters)
        result = sync.sync_account(account)
        assert result.error is None and result.new == 3
        cursor = json.loads(services.inbox.cursor(account.id) or "{}")
        assert cursor["t"] > int(posted.timestamp())
        assert graph.violations == []
    finally:
        graph.stop()
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    try:
        page = InboxPage(services.inbox_services, TaskRunner())
        qtbot.addWidget(page)
        page.resize(1280, 720)
        page.show()
        assert page.model.rowCount() == 3
        page.select_row(0)
        item = page.conversation.item
        assert item is not None and item.network is Network.FACEBOOK
        thread = page.conversation.thread_view.toPlainText()
        assert OUR_POST in thread  # the post the comment belongs to
        page.conversation.reply_box.setPlainText("Se desvía por la avenida; la parada es la 3.")
        page.grab().save(str(screenshots / "inbox-facebook-thread-es.png"))
    finally:
        QLocale.setDefault(previous)

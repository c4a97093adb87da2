"""Answering on X from the inbox is paid too: the price is told under the reply."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.tasks import TaskRunner


def test_a_reply_on_x_says_what_it_costs(qtbot: QtBot, services: Services) -> None:
    account = services.accounts.add(Network.X, "X Ayto", handle="@ayto")
    with services.database.write() as conn:
        conn.execute(
            "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, text, "
            "received_utc) VALUES (?, 'x', '1863000000000000050', 'mention', 'Lucía', "
            "'@ayto ¿A qué hora es el pleno?', ?)",
            (account.id, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.select_row(0)
    conversation = page.conversation
    conversation.reply_box.setPlainText("@lucia A las 20:00 en el salón de plenos.")
    conversation.check()
    assert "Responder en X cuesta 0,015 US$." in conversation.advice.text()
    conversation.reply_box.setPlainText("@lucia Orden del día: https://sede.valdelomar.es/pleno")
    conversation.check()
    assert "Responder en X cuesta 0,20 US$." in conversation.advice.text()

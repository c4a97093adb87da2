"""The inbox page inside the main window: the count of new items in the navigation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.inbox import InboxItem, InboxStatus, ItemKind
from smalltown_social.ui.inbox.page import InboxPage
from tests.ui.conftest import OpenWindow


def test_navigation_counts_new_items_and_follows_new_ones(
    qtbot: QtBot, open_window: OpenWindow, demo_services: Services, screenshots: Path
) -> None:
    window = open_window(demo_services)
    assert isinstance(window.inbox_page, InboxPage)
    new = demo_services.inbox.count(InboxStatus.NEW)
    assert new > 0
    [entry] = window.navigation.findItems("Bandeja de entrada", Qt.MatchFlag.MatchStartsWith)
    assert entry.text() == f"Bandeja de entrada ({new})"

    account = demo_services.accounts.all()[0]
    demo_services.inbox.upsert(
        [
            InboxItem(
                account_id=account.id,
                network=account.network,
                remote_id="nuevo-1",
                kind=ItemKind.COMMENT,
                text="¿Hay bando nuevo?",
                received_utc=datetime.now(UTC),
            )
        ]
    )
    window.inbox_page.new_items.emit(1)  # what the poller's thread sends
    qtbot.waitUntil(lambda: entry.text() == f"Bandeja de entrada ({new + 1})")
    first = window.inbox_page.model.row_at(0)
    assert first is not None and first.text == "¿Hay bando nuevo?"
    window.navigation.setCurrentRow(window.navigation.row(entry))
    assert window.grab().save(str(screenshots / "main-inbox-es.png"))

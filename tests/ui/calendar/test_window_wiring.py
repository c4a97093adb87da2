"""The calendar inside the main window: it replaces the placeholder and opens posts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.ui.calendar.page import CalendarPage
from tests.ui.conftest import OpenWindow


def test_double_click_in_the_calendar_opens_the_composer(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    due = datetime.now(UTC) + timedelta(hours=2)
    account = services.accounts.add(Network.TELEGRAM, "Canal")
    post = services.posts.save(Post(text="Bando: fiestas patronales", due_utc=due))
    assert post.id is not None
    services.posts.add_target(Target(post.id, account.id, TargetState.SCHEDULED, due_utc=due))
    window = open_window(services)
    assert isinstance(window.calendar_page, CalendarPage)
    window.navigation.setCurrentRow(window.pages.indexOf(window.calendar_page))
    page = window.calendar_page
    qtbot.waitUntil(lambda: bool(page.month.hits), timeout=5000)
    (hit,) = page.month.hits
    qtbot.mouseDClick(page.month, Qt.MouseButton.LeftButton, pos=hit.rect.center())
    assert window.pages.currentWidget() is window.compose_page
    qtbot.waitUntil(lambda: window.compose_page.post_id == post.id, timeout=5000)
    assert window.compose_page.editor.toPlainText() == "Bando: fiestas patronales"

"""Composer fixtures: a page over real services, with two accounts to publish to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner


@pytest.fixture
def accounts(services: Services) -> list[Account]:
    return [
        services.accounts.add(Network.BLUESKY, "Ayto. Valdelomar", handle="valdelomar.bsky.social"),
        services.accounts.add(
            Network.MASTODON, "Valdelomar", handle="@ayto", server_url="https://mastodon.example"
        ),
    ]


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def make_page(qtbot: QtBot, services: Services, tasks: TaskRunner) -> ComposerPage:
    page = ComposerPage(services.composer_services, tasks)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    qtbot.waitUntil(lambda: page.restored, timeout=5000)
    return page


def settle(qtbot: QtBot, page: ComposerPage) -> None:
    """Wait for the guidance timer and every queued write."""
    qtbot.waitUntil(lambda: not page.guidance_timer.isActive(), timeout=3000)
    page.autosave_timer.stop()
    qtbot.waitUntil(lambda: page.writes.idle, timeout=5000)

"""Windows is named only on Windows (the keys' store, the task that publishes)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.ui.accounts.page import AccountsPage
from smalltown_social.ui.accounts.wizard import AddAccountDialog
from smalltown_social.ui.system_words import background_task, password_store
from smalltown_social.ui.tasks import TaskRunner


def test_windows_is_named_only_on_windows(qtbot: QtBot) -> None:
    assert "Windows" in password_store("win32")
    assert "Windows" in background_task("win32")
    for platform in ("linux", "darwin"):
        assert "Windows" not in password_store(platform)
        assert "Windows" not in background_task(platform)
    assert "systemd" in background_task("linux")


@pytest.mark.skipif(sys.platform == "win32", reason="the wording for other systems")
def test_the_accounts_page_and_the_wizard_name_no_windows_off_it(
    qtbot: QtBot, services: Services
) -> None:
    tasks = TaskRunner()
    page = AccountsPage(services.account_services, tasks)
    qtbot.addWidget(page)
    dialog = AddAccountDialog(services.account_services, tasks)
    qtbot.addWidget(dialog)
    texts = [label.text() for w in (page, dialog) for label in w.findChildren(QLabel)]
    assert any("almacén de contraseñas del sistema" in text for text in texts)
    assert not [text for text in texts if "Windows" in text]
    tasks.shutdown()

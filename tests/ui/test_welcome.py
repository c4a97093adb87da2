"""A first run without accounts says where to begin; the demo leads to the town's own window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.ui.accounts.wizard import AddAccountDialog
from tests.ui.conftest import OpenWindow


def test_a_first_run_without_accounts_says_where_to_begin(
    qtbot: QtBot, open_window: OpenWindow, services: Services, screenshots: Path
) -> None:
    window = open_window(services)
    tasks = window.tasks
    assert window.welcome.isVisible()
    assert [b.text() for b in window.welcome.buttons] == [
        "Conectar la primera cuenta",
        "Datos del municipio",
        "Ver un municipio de ejemplo",
    ]
    assert window.grab().save(str(screenshots / "main-first-run-es.png"))
    window.welcome.buttons[1].click()
    assert window.pages.currentWidget() is window.settings_page
    window.welcome.buttons[0].click()
    assert window.pages.currentWidget() is window.accounts_page
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AddAccountDialog)]
    assert dialogs and dialogs[0].isVisible()
    dialogs[0].reject()
    services.accounts.add(Network.TELEGRAM, "Canal del Ayuntamiento")
    window.refresh()
    tasks.wait()
    qtbot.waitUntil(lambda: not window.welcome.isVisible())


def test_the_demo_has_no_welcome_and_leads_to_the_towns_own_window(
    qtbot: QtBot, open_window: OpenWindow, demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, arguments))
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", start)
    window = open_window(demo_services)
    assert not window.welcome.isVisible()
    leave = window.findChild(QPushButton, "leaveDemo")
    assert leave is not None and leave.text() == "Trabajar con mi ayuntamiento"
    leave.click()
    _program, arguments = started[0]
    assert arguments[-4:] == ["--basedir", str(demo_services.paths.base), "--lang", "es"]
    assert "--demo" not in arguments
    assert not window.isVisible()  # the demo window gives way to the town's own

"""A window whose keyring cannot keep keys says so at the top, in Spanish, with what it means."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from smalltown_social.app import Runtime, build_services
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner


@pytest.mark.expected_logs(r"secrets: Keyring backend refused", r"app: keyring not usable")
def test_no_keyring_is_said_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    runtime = Runtime.start(DataPaths(base=tmp_path / "data"))
    services = build_services(runtime, keyring_backend=fail.Keyring())
    try:
        problem = services.keyring_problem()
        assert problem is not None and "almacén de contraseñas" in problem.es
        tasks = TaskRunner()
        window = MainWindow(services, tasks, QIcon())
        qtbot.addWidget(window)
        window.show()
        window.show_keyring_problem(problem.es)
        banner = window.keyring_banner
        qtbot.waitUntil(banner.isVisible)
        assert (
            "lo programado espera y no se pierde nada"
            in banner.findChildren(type(window.status.next_label))[0].text()
        )
        tasks.wait()
    finally:
        services.close()
        shutdown_logging()

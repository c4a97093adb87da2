"""The daily key check tells the window (status bar) and the tray, off the GUI thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.publishing.credentials_check import CredentialWarning
from smalltown_social.redaction import Redactor
from smalltown_social.ui.background import start_credentials_watch
from smalltown_social.ui.credentials_watch import CredentialsWatch
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.status_bar import StatusBar
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, graph_error
from tests.networks.test_facebook import PAGE

SOON = Text("La clave de «Ayto FB» caduca pronto.", "The key of “Ayto FB” expires soon.")
BROKEN = Text("La cuenta «Ayto IG» ya no puede publicar.", "“Ayto IG” can no longer publish.")


def test_warnings_reach_the_status_bar_and_the_tray(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = TaskRunner()
    tray = Tray(QIcon())
    notices: list[tuple[str, str]] = []
    monkeypatch.setattr(tray, "notify", lambda title, text: notices.append((title, text)))
    bar = StatusBar()
    qtbot.addWidget(bar)
    expires = datetime.now(UTC) + timedelta(days=5)
    found = [
        CredentialWarning(1, "Ayto FB", SOON, expires),
        CredentialWarning(2, "Ayto IG", BROKEN),
    ]
    watch = CredentialsWatch(lambda: found, tasks, lambda: "es", tray)
    watch.warned.connect(bar.show_credential_warnings)
    with qtbot.waitSignal(watch.warned, timeout=5000):
        watch.check_now()
    assert notices == [("Revise las cuentas", f"{SOON.es}\n{BROKEN.es}")]  # one notice
    assert bar.credentials_label.text().startswith("⚠ La clave de «Ayto FB»")
    assert "(y 1 más)" in bar.credentials_label.text()
    assert BROKEN.es in bar.credentials_label.toolTip()
    assert watch.timer.interval() == 24 * 3600 * 1000
    # The next check finds nothing (the key renewed): the window's warning goes, no notice.
    found.clear()
    with qtbot.waitSignal(watch.warned, timeout=5000):
        watch.check_now()
    assert bar.credentials_label.isHidden()
    assert len(notices) == 1
    tasks.shutdown()


def test_nothing_to_say_shows_nothing(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    bar = StatusBar()
    qtbot.addWidget(bar)
    watch = CredentialsWatch(list, tasks, lambda: "es")
    watch.warned.connect(bar.show_credential_warnings)
    watch.check_now()
    qtbot.waitUntil(lambda: not watch.running, timeout=5000)
    assert bar.credentials_label.isHidden()
    tasks.shutdown()


@pytest.mark.expected_logs(r"key refused by the network")
def test_the_window_checks_the_keys_and_shows_a_withdrawn_one(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, screenshots: Path
) -> None:
    graph = GraphFake()
    graph.start()
    try:
        graph.node(PAGE, "Page")
        body = graph_error(190, "Error validating access token: session invalidated", 460)
        graph.on("GET", "/debug_token", Reply.json(body, 400))
        account = services.accounts.add(
            Network.FACEBOOK, "Ayto FB", server_url=graph.url, channel=PAGE
        )

        def adapters(account: Account) -> Adapter:
            return FacebookAdapter(account, CANARY, Redactor(), read_timeout_s=2)

        monkeypatch.setattr(services, "adapters", adapters)
        tasks = TaskRunner()
        tray = Tray(QIcon())
        window = MainWindow(services, tasks, QIcon(), tray)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        watch = start_credentials_watch(services, tasks, tray, window)
        assert watch is not None
        with qtbot.waitSignal(watch.warned, timeout=10_000):
            watch.check_now()
        label = window.status.credentials_label
        assert not label.isHidden() and "Ayto FB" in label.text()
        assert window.grab().save(str(screenshots / "window-key-withdrawn-es.png"))
        # The cause gone (the account removed in Cuentas): the warning goes with it.
        services.accounts.remove(account.id)
        with qtbot.waitSignal(watch.warned, timeout=10_000) as cleared:
            window.accounts_changed.emit()
        assert cleared.args == [[]]
        assert label.isHidden()
        tasks.shutdown()
    finally:
        graph.stop()

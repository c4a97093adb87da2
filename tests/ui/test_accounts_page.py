"""Cuentas: the list, the add-account wizard against a local Mastodon fake, remove."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smalltown_social.app import KEYRING_SERVICE, Services
from smalltown_social.core.accounts import Network
from smalltown_social.networks.registry import AVAILABLE
from smalltown_social.ui.accounts.page import AccountsPage
from smalltown_social.ui.accounts.wizard import AddAccountDialog
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.fake_server import FakeServer, Reply, free_port

TOKEN = "WizardTok3nQx9ZvWm2Lp7Rt"

pytestmark = pytest.mark.keyring_real


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    yield fake
    fake.stop()


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> Iterator[AccountsPage]:
    tasks = TaskRunner()
    built = AccountsPage(services.account_services, tasks)
    qtbot.addWidget(built)
    built.resize(900, 560)
    built.show()
    yield built
    tasks.wait()
    for account in services.accounts.all():
        services.secrets.delete(account.secret_key)


def choose(dialog: AddAccountDialog, network: Network) -> None:
    for row in range(dialog.networks.count()):
        if dialog.networks.item(row).data(0x0100) == network.value:
            dialog.networks.setCurrentRow(row)
    dialog.next_button.click()


def test_empty_page(page: AccountsPage, screenshots: Path) -> None:
    assert not page.empty.isHidden() and page.table.rowCount() == 0
    assert not page.remove_button.isEnabled()
    assert page.grab().save(str(screenshots / "accounts-empty-es.png"))


@pytest.mark.expected_logs(r"connect: could not read the server's limits: HTTP 404")
def test_wizard_verifies_then_saves(
    qtbot: QtBot, page: AccountsPage, services: Services, server: FakeServer, screenshots: Path
) -> None:
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    for row in range(dialog.networks.count()):
        item = dialog.networks.item(row)
        available = Network(item.data(0x0100)) in AVAILABLE
        assert ("todavía no disponible" in item.text()) is not available
    assert dialog.grab().save(str(screenshots / "accounts-wizard-choose-es.png"))
    choose(dialog, Network.MASTODON)
    assert dialog.stack.currentIndex() == 1 and "Desarrollo" in dialog.steps.text()
    assert dialog.channel_edit.isHidden() and not dialog.server_edit.isHidden()
    dialog.name_edit.setText("Ayuntamiento en Mastodon")
    dialog.server_edit.setText(server.url)
    dialog.secret_edit.setText(TOKEN)
    assert dialog.grab().save(str(screenshots / "accounts-wizard-mastodon-es.png"))
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.next_button.click()
    account = services.accounts.by_name("Ayuntamiento en Mastodon")
    assert account is not None and account.status == "connected"
    assert (
        keyring.get_password(KEYRING_SERVICE, services.secrets.entry_name(account.secret_key))
        == TOKEN
    )
    assert page.cell_text(0, 3) == "Conectada"
    assert page.cell_text(0, 2).startswith("@mastodonpy_test@")
    assert page.grab().save(str(screenshots / "accounts-list-es.png"))


def test_refused_key_saves_nothing(
    qtbot: QtBot, page: AccountsPage, services: Services, server: FakeServer
) -> None:
    server.route(
        "GET",
        "/api/v1/accounts/verify_credentials",
        Reply.json({"error": "The access token is invalid"}, 401),
    )
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.MASTODON)
    dialog.server_edit.setText(server.url)
    dialog.secret_edit.setText(TOKEN)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "Vuelva a conectarla" in dialog.message.text()
    assert TOKEN not in dialog.message.text()
    assert services.accounts.all() == []
    assert dialog.isVisible()


def test_missing_fields_are_named(qtbot: QtBot, page: AccountsPage) -> None:
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.TELEGRAM)
    assert "BotFather" in dialog.steps.text() and not dialog.channel_edit.isHidden()
    dialog.next_button.click()
    assert dialog.message.text() == "Escriba el canal de Telegram."


def test_telegram_instructions_screenshot(
    qtbot: QtBot, page: AccountsPage, screenshots: Path
) -> None:
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.TELEGRAM)
    assert dialog.grab().save(str(screenshots / "accounts-wizard-telegram-es.png"))


def test_remove_deletes_the_keyring_entry(
    qtbot: QtBot, page: AccountsPage, services: Services
) -> None:
    account = services.accounts.add(Network.TELEGRAM, "Canal", channel="@canal")
    services.secrets.set(account.secret_key, "7000000001:AA" + "c" * 33)
    page.refresh()
    page.table.selectRow(0)
    assert page.remove_button.isEnabled()
    page.remove(account)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=10_000)
    assert (
        keyring.get_password(KEYRING_SERVICE, services.secrets.entry_name(account.secret_key))
        is None
    )
    assert "quitada" in page.message.text()


def test_status_texts(page: AccountsPage, services: Services) -> None:
    account = services.accounts.add(Network.MASTODON, "M", server_url="https://m.example")
    now = datetime.now(UTC)
    soon = replace(account, status="connected", expires_utc=now + timedelta(days=5, hours=1))
    assert page.status_text(soon, now) == "Conectada; la clave caduca en 5 días"
    tomorrow = replace(soon, expires_utc=now + timedelta(days=1, hours=1))
    assert page.status_text(tomorrow, now) == "Conectada; la clave caduca en 1 día"
    gone = replace(account, expires_utc=now - timedelta(days=1))
    assert "caducado" in page.status_text(gone, now)
    broken = replace(account, status="error", status_detail="HTTP 401")
    assert page.status_text(broken, now) == "Error: HTTP 401"
    assert page.status_text(account, now) == "Sin comprobar"


def test_wizard_by_keyboard(qtbot: QtBot, page: AccountsPage) -> None:
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    dialog.networks.setFocus()
    qtbot.keyClick(dialog.networks, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.networks, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.networks, Qt.Key.Key_Return)
    assert dialog.stack.currentIndex() == 1
    assert dialog.network == Network.TELEGRAM
    assert dialog.name_edit.hasFocus() or dialog.focusWidget() is dialog.name_edit


def test_back_to_another_network_carries_nothing_over(qtbot: QtBot, page: AccountsPage) -> None:
    dialog = page.open_wizard()
    choose(dialog, Network.MASTODON)
    assert dialog.name_edit.text() == "Ayuntamiento en Mastodon"
    dialog.name_edit.setText("Ayto. en Mastodon")
    dialog.server_edit.setText("https://mastodon.example")
    dialog.secret_edit.setText("token-de-mastodon")
    dialog.back_button.click()
    choose(dialog, Network.MASTODON)  # the same network again: what was typed stays
    assert dialog.secret_edit.text() == "token-de-mastodon"
    dialog.back_button.click()
    choose(dialog, Network.TELEGRAM)
    assert dialog.name_edit.text() == "Ayuntamiento en Telegram"
    assert dialog.secret_edit.text() == "" and dialog.server_edit.text() == ""
    dialog.reject()


def test_a_server_out_of_reach_is_not_called_connected(
    qtbot: QtBot, page: AccountsPage, services: Services
) -> None:
    from smalltown_social.ui.status_bar import StatusBar

    status = StatusBar()
    qtbot.addWidget(status)
    page.unreachable.connect(status.note_unreachable)
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.MASTODON)
    dialog.server_edit.setText(f"http://127.0.0.1:{free_port()}")  # nobody listens there
    dialog.secret_edit.setText(TOKEN)
    with qtbot.waitSignal(page.unreachable, timeout=10_000):
        dialog.next_button.click()
    assert "Sin conexión con Mastodon" in status.connection_label.text()
    assert "Con conexión" not in status.connection_label.text()
    assert services.accounts.all() == []

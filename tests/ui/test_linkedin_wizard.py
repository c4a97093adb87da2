"""The wizard's LinkedIn page: what LinkedIn requires, the page number, the token."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import KEYRING_SERVICE, Services
from smalltown_social.core.accounts import Network
from smalltown_social.networks.connect import Draft
from smalltown_social.ui.accounts.page import AccountsPage
from tests.networks.conftest import CANARY
from tests.networks.fake_server import FakeServer, Reply
from tests.ui.test_accounts_page import choose
from tests.ui.test_x_wizard import page, server

pytestmark = pytest.mark.keyring_real
__all__ = ["page", "server"]  # fixtures shared with the X page's test


def test_linkedin_page_says_what_linkedin_requires(
    qtbot: QtBot,
    page: AccountsPage,
    services: Services,
    server: FakeServer,
    *,
    screenshots: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = {"id": 2414183, "localizedName": "Ayuntamiento de Valdelomar"}
    server.route("GET", "/rest/organizations/2414183", Reply.json(body))
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.LINKEDIN)
    steps = dialog.steps.text()
    assert "Community Management API" in steps and "diputación" in steps
    assert "caduca a los 60 días" in steps
    assert not dialog.channel_edit.isHidden() and dialog.x_keys.isHidden()
    assert dialog.channel_label.text() == "Número de la página:"
    dialog.secret_edit.setText(CANARY)
    dialog.next_button.click()
    assert dialog.message.text() == "Escriba el número de la página de LinkedIn."
    dialog.channel_edit.setText("2414183")
    dialog.name_edit.setText("Ayuntamiento en LinkedIn")
    dialog.message.clear()
    dialog.resize(1280, 720)
    assert dialog.grab().save(str(screenshots / "accounts-wizard-linkedin-es.png"))
    draft = Draft(
        Network.LINKEDIN, "Ayuntamiento en LinkedIn", server_url=server.url, channel="2414183"
    )
    monkeypatch.setattr(dialog, "draft", lambda: draft)
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.next_button.click()
    account = services.accounts.by_name("Ayuntamiento en LinkedIn")
    assert account is not None and account.channel == "2414183"
    assert account.expires_utc is not None
    entry = services.secrets.entry_name(account.secret_key)
    assert keyring.get_password(KEYRING_SERVICE, entry) == CANARY

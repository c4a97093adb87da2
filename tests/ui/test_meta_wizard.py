"""The add-account wizard for a Facebook Page: Spanish steps, the Page id field, check and save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import KEYRING_SERVICE, Services
from smalltown_social.core.accounts import Network
from smalltown_social.ui.accounts.page import AccountsPage
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, recorded
from tests.networks.test_facebook import PAGE, page_token_info
from tests.networks.test_instagram import IG
from tests.networks.test_instagram import token_info as instagram_token_info
from tests.ui.test_accounts_page import choose

TOKEN = "MetaWizardTok3nQx9ZvWm2"

pytestmark = pytest.mark.keyring_real


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphFake]:
    fake = GraphFake()
    fake.start()
    fake.node(PAGE, "Page")
    monkeypatch.setattr("smalltown_social.networks.graph.DEFAULT_GRAPH_SERVER", fake.url)
    yield fake
    fake.stop()
    assert fake.violations == []


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> Iterator[AccountsPage]:
    tasks = TaskRunner()
    built = AccountsPage(services.account_services, tasks)
    qtbot.addWidget(built)
    built.show()
    yield built
    tasks.wait()
    for account in services.accounts.all():
        services.secrets.delete(account.secret_key)


def test_facebook_steps_page_id_and_save(
    qtbot: QtBot, page: AccountsPage, services: Services, graph: GraphFake, screenshots: Path
) -> None:
    graph.on("GET", "/debug_token", Reply.json(page_token_info()))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento de Valdelomar"}))
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    choose(dialog, Network.FACEBOOK)
    steps = dialog.steps.text()
    assert "me/accounts" in steps and "Diputación" in steps and "pages_manage_posts" in steps
    assert not dialog.channel_edit.isHidden() and dialog.server_edit.isHidden()
    assert dialog.channel_label.text() == "Página (id):"
    dialog.secret_edit.setText(TOKEN)
    dialog.next_button.click()  # no Page id yet
    assert "identificador de la página" in dialog.message.text()
    assert services.accounts.all() == []
    dialog.name_edit.setText("Ayuntamiento en Facebook")
    dialog.channel_edit.setText(PAGE)
    dialog.message.clear()
    assert dialog.grab().save(str(screenshots / "accounts-wizard-facebook-es.png"))
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.next_button.click()
    account = services.accounts.by_name("Ayuntamiento en Facebook")
    assert account is not None and account.channel == PAGE and account.status == "connected"
    stored = keyring.get_password(KEYRING_SERVICE, services.secrets.entry_name(account.secret_key))
    assert stored == TOKEN


def test_back_to_telegram_the_channel_label_is_its_own_again(
    qtbot: QtBot, page: AccountsPage
) -> None:
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    choose(dialog, Network.FACEBOOK)
    dialog.back_button.click()
    choose(dialog, Network.TELEGRAM)
    assert dialog.channel_label.text() == "Canal:"


def test_instagram_steps_and_its_account_id(
    qtbot: QtBot, page: AccountsPage, services: Services, screenshots: Path
) -> None:
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    choose(dialog, Network.INSTAGRAM)
    steps = dialog.steps.text()
    assert "instagram_business_account" in steps and "instagram_content_publish" in steps
    assert dialog.channel_label.text() == "Cuenta de Instagram (id):"
    dialog.secret_edit.setText(TOKEN)
    dialog.next_button.click()
    assert "cuenta de Instagram" in dialog.message.text()
    assert services.accounts.all() == []
    dialog.message.clear()
    dialog.channel_edit.setText("17841407673135339")
    assert dialog.grab().save(str(screenshots / "accounts-wizard-instagram-es.png"))


def test_instagram_without_insights_is_saved_and_the_wizard_names_the_permission(
    qtbot: QtBot, page: AccountsPage, services: Services, graph: GraphFake, screenshots: Path
) -> None:
    graph.node(IG, "IGUser")
    graph.node("me", "Page")
    graph.on("GET", "/debug_token", Reply.json(instagram_token_info()))  # no insights
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "instagram_business_account": {"id": IG}}))
    graph.on("GET", f"/{IG}", Reply.json(recorded("instagram/apidata/users/user_fields.json")))
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    choose(dialog, Network.INSTAGRAM)
    assert "instagram_manage_insights" in dialog.steps.text()  # the steps ask for it
    dialog.name_edit.setText("Ayuntamiento en Instagram")
    dialog.channel_edit.setText(IG)
    dialog.secret_edit.setText(TOKEN)
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.next_button.click()
    account = services.accounts.by_name("Ayuntamiento en Instagram")
    assert account is not None and account.status == "connected"  # the rest keeps working
    message = dialog.message.text()
    assert "instagram_manage_insights" in message and "Lo demás funciona" in message
    assert dialog.isVisible() and dialog.next_button.text() == "Cerrar"
    assert not dialog.name_edit.isEnabled() and dialog.cancel_button.isHidden()
    message_label = dialog.message
    qtbot.waitUntil(  # the whole note, wrapped, not clipped at the right
        lambda: message_label.height() >= message_label.heightForWidth(message_label.width())
    )
    assert dialog.grab().save(str(screenshots / "accounts-wizard-instagram-insights-es.png"))
    dialog.next_button.click()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted

"""The wizard's X page: the costs first, the four keys in four fields, verified then saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import KEYRING_SERVICE, Services
from smalltown_social.core.accounts import Network
from smalltown_social.networks.connect import Draft
from smalltown_social.ui.accounts.page import AccountsPage
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_x import KEYS, ME, SECRET
from tests.ui.test_accounts_page import choose

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
    built.show()
    yield built
    tasks.wait()
    for account in services.accounts.all():
        services.secrets.delete(account.secret_key)


def test_x_page_tells_the_costs_and_takes_four_keys(
    qtbot: QtBot,
    page: AccountsPage,
    services: Services,
    server: FakeServer,
    *,
    screenshots: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    me = Reply.json({"data": ME})
    me.headers["x-access-level"] = "read-write"
    server.route("GET", "/2/users/me", me)
    dialog = page.open_wizard()
    qtbot.addWidget(dialog)
    item = next(
        dialog.networks.item(r)
        for r in range(dialog.networks.count())
        if dialog.networks.item(r).data(0x0100) == "x"
    )
    assert item.text() == "X (de pago: cada publicación cuesta)"
    linkedin = next(
        dialog.networks.item(r)
        for r in range(dialog.networks.count())
        if dialog.networks.item(r).data(0x0100) == "linkedin"
    )
    assert linkedin.text() == "LinkedIn (hace falta una aplicación aprobada por LinkedIn)"
    dialog.resize(1280, 720)
    assert dialog.grab().save(str(screenshots / "accounts-wizard-choose-paid-es.png"))
    choose(dialog, Network.X)
    steps = dialog.steps.text()
    assert "X cobra por usar su API" in steps
    assert "0,015 US$" in steps and "0,20 US$" in steps and "0,001 US$" in steps
    assert "Read and write" in steps
    assert dialog.secret_edit.isHidden() and not dialog.x_keys.isHidden()
    dialog.next_button.click()  # nothing pasted yet
    assert "clave" in dialog.message.text()
    for edit, value in zip(dialog.x_keys.edits, KEYS[:3], strict=False):
        edit.setText(value)
    dialog.next_button.click()
    assert dialog.message.text() == "Pegue las cuatro claves de X (falta Access Token Secret)."
    dialog.x_keys.edits[3].setText(KEYS[3])
    dialog.name_edit.setText("Ayuntamiento en X")
    dialog.message.clear()
    dialog.resize(1280, 720)
    assert dialog.grab().save(str(screenshots / "accounts-wizard-x-es.png"))
    # The tests' fake X stands in for api.x.com: the draft carries its address.
    draft = Draft(Network.X, "Ayuntamiento en X", server_url=server.url)
    monkeypatch.setattr(dialog, "draft", lambda: draft)
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.next_button.click()
    account = services.accounts.by_name("Ayuntamiento en X")
    assert account is not None and account.handle == "@aytovaldelomar"
    entry = services.secrets.entry_name(account.secret_key)
    assert keyring.get_password(KEYRING_SERVICE, entry) == SECRET
    assert all(not edit.text() for edit in dialog.x_keys.edits)

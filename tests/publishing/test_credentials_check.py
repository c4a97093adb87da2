"""The daily key check: a Facebook key expiring within 7 days, a withdrawn one, one offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.publishing.credentials_check import check_credentials
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply, free_port
from tests.networks.graph_fake import GraphFake, graph_error
from tests.networks.test_facebook import PAGE, page_token_info

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake()
    fake.start()
    fake.node(PAGE, "Page")
    fake.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
    yield fake
    fake.stop()
    assert fake.violations == []


def adapters(account: Account) -> Adapter:
    return FacebookAdapter(account, CANARY, Redactor(), read_timeout_s=2)


def add(database: Database, server: str) -> AccountsRepository:
    accounts = AccountsRepository(database)
    accounts.add(Network.FACEBOOK, "Ayto FB", server_url=server, channel=PAGE)
    accounts.add(Network.FACEBOOK, "Demo FB", server_url=server, channel=PAGE, demo=True)
    return accounts


def expiring(days: float) -> Reply:
    moment = int((NOW + timedelta(days=days)).timestamp())
    return Reply.json(page_token_info(expires_at=moment, data_access_expires_at=0))


def test_a_key_expiring_within_seven_days_is_told_with_its_date(
    database: Database, graph: GraphFake
) -> None:
    accounts = add(database, graph.url)
    graph.on("GET", "/debug_token", expiring(5.5))
    (warning,) = check_credentials(accounts, adapters, NOW)
    assert warning.account_name == "Ayto FB" and "dentro de 5 días" in warning.text.es
    assert "Vuelva a conectarla" in warning.text.es
    stored = accounts.by_name("Ayto FB")
    assert stored is not None and stored.expires_utc == NOW + timedelta(days=5.5)
    assert len(graph.calls("GET", "/debug_token")) == 1  # the demo account is never asked


def test_a_key_expiring_later_says_nothing(database: Database, graph: GraphFake) -> None:
    accounts = add(database, graph.url)
    graph.on("GET", "/debug_token", expiring(20))
    assert check_credentials(accounts, adapters, NOW) == []
    graph.on("GET", "/debug_token", Reply.json(page_token_info()))  # never expires
    assert check_credentials(accounts, adapters, NOW) == []
    stored = accounts.by_name("Ayto FB")
    assert stored is not None and stored.expires_utc is None


@pytest.mark.expected_logs(r"key refused by the network")
def test_a_withdrawn_key_is_told_and_the_account_marked(
    database: Database, graph: GraphFake
) -> None:
    accounts = add(database, graph.url)
    body = graph_error(190, "Error validating access token: session invalidated", 460)
    graph.on("GET", "/debug_token", Reply.json(body, 400))
    (warning,) = check_credentials(accounts, adapters, NOW)
    assert "ya no puede publicar" in warning.text.es and "Vuelva a conectar" in warning.text.es
    stored = accounts.by_name("Ayto FB")
    assert stored is not None and stored.status == "needs_reconnect"


@pytest.mark.expected_logs(r"key refused by the network")
def test_a_permission_removed_since_is_told(database: Database, graph: GraphFake) -> None:
    accounts = add(database, graph.url)
    info = page_token_info(scopes=["pages_show_list", "pages_read_engagement"])
    graph.on("GET", "/debug_token", Reply.json(info))
    warnings = check_credentials(accounts, adapters, NOW)
    assert len(warnings) == 1 and "pages_manage_posts" in warnings[0].text.es


def test_offline_the_stored_expiry_still_warns(database: Database) -> None:
    accounts = add(database, f"http://127.0.0.1:{free_port()}")
    found = accounts.by_name("Ayto FB")
    assert found is not None
    accounts.set_expires(found.id, NOW + timedelta(days=3))
    (warning,) = check_credentials(accounts, adapters, NOW)
    assert "dentro de 3 días" in warning.text.es
    stored = accounts.by_name("Ayto FB")
    assert stored is not None and stored.status != "needs_reconnect"


def test_a_paid_network_is_not_asked_only_its_stored_expiry_compared(database: Database) -> None:
    accounts = AccountsRepository(database)
    x = accounts.add(Network.X, "Ayto X")
    asked: list[str] = []

    def adapters(account: Account) -> Adapter:
        asked.append(account.name)
        raise AssertionError("a paid API must not be asked every day")

    assert check_credentials(accounts, adapters, NOW) == []
    accounts.set_expires(x.id, NOW + timedelta(days=2))
    (warning,) = check_credentials(accounts, adapters, NOW)
    assert "Ayto X" in warning.text.es and asked == []

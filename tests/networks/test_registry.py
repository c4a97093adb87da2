"""build_adapter: the credential from the real keyring, not-yet networks refused in Spanish."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import Identity, NeedsReconnect, PermanentError
from smalltown_social.networks.connect import (
    AccountSetupError,
    Draft,
    check_credential,
    normalize_server,
    remove_account,
    save_account,
)
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.networks.registry import build_adapter
from smalltown_social.networks.telegram import TelegramAdapter
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import FakeServer, Reply, load_cassette

pytestmark = pytest.mark.keyring_real


@pytest.fixture
def store(redactor: Redactor) -> Iterator[SecretStore]:
    built = SecretStore(f"smalltown-test-{uuid.uuid4().hex[:8]}", redactor)
    yield built
    for key in ("account-1", "account-2"):
        built.delete(key)


def test_a_network_without_its_module_is_not_available_yet(
    store: SecretStore, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every network has its module now; one without (a new row) is refused in Spanish."""
    from smalltown_social.networks import registry

    monkeypatch.setattr(registry, "AVAILABLE", registry.AVAILABLE - {Network.LINKEDIN})
    with pytest.raises(PermanentError) as caught:
        build_adapter(Account(1, Network.LINKEDIN, "A"), store, redactor)
    assert "todavía no está disponible" in caught.value.text.es


def test_adapters_get_their_secret_from_the_keyring(store: SecretStore, redactor: Redactor) -> None:
    mastodon = Account(1, Network.MASTODON, "M", server_url="https://mastodon.example")
    telegram = Account(2, Network.TELEGRAM, "T", channel="@canal")
    store.set(mastodon.secret_key, CANARY)
    store.set(telegram.secret_key, "7000000001:AA" + "b" * 33)
    built = build_adapter(mastodon, store, redactor)
    assert isinstance(built, MastodonAdapter)
    assert isinstance(build_adapter(telegram, store, redactor), TelegramAdapter)
    assert CANARY not in repr(built)
    assert redactor.redact(f"x {CANARY} y") == "x «oculto» y"


def test_missing_secret_needs_reconnect(store: SecretStore, redactor: Redactor) -> None:
    account = Account(2, Network.TELEGRAM, "Canal del pueblo", channel="@c")
    with pytest.raises(NeedsReconnect) as caught:
        build_adapter(account, store, redactor)
    assert "Canal del pueblo" in caught.value.text.es


def test_save_account_keeps_the_expiry_and_remove_forgets_the_key(
    store: SecretStore, database: Database
) -> None:
    accounts = AccountsRepository(database)
    expires = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
    identity = Identity(name="Ayto", handle="@ayto.bsky.social", expires_utc=expires)
    draft = Draft(Network.BLUESKY, " Ayto en Bluesky ", handle="ayto.bsky.social")
    saved = save_account(draft, " secret-value-1 \n", identity, accounts, store)
    assert saved.name == "Ayto en Bluesky" and saved.expires_utc == expires
    stored = accounts.get(saved.id)
    assert stored is not None and stored.expires_utc == expires and stored.status == "connected"
    assert store.get(saved.secret_key) == "secret-value-1"
    with pytest.raises(AccountSetupError):
        save_account(draft, "x" * 10, identity, accounts, store)  # the name is taken
    remove_account(saved, accounts, store)
    assert accounts.get(saved.id) is None and store.get(saved.secret_key) is None


def test_normalize_server() -> None:
    assert normalize_server(" mastodon.social/ ") == "https://mastodon.social"
    assert normalize_server("http://127.0.0.1:3000") == "http://127.0.0.1:3000"
    assert normalize_server("  ") is None


def test_connecting_keeps_the_instance_own_length_rule(
    server: FakeServer, store: SecretStore, database: Database, redactor: Redactor
) -> None:
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    instance = json.loads(load_cassette("test_instance")[0]["response"]["body"])
    instance["configuration"]["statuses"]["max_characters"] = 1000
    instance["configuration"]["statuses"]["characters_reserved_per_url"] = 30
    server.route("GET", "/api/v2/instance", Reply.json(instance))
    draft = Draft(Network.MASTODON, "Ayto en su instancia", server_url=server.url)
    identity = check_credential(draft, CANARY, redactor)
    assert (identity.max_length, identity.url_length) == (1000, 30)
    accounts = AccountsRepository(database)
    saved = save_account(draft, CANARY, identity, accounts, store)
    stored = accounts.get(saved.id)
    assert stored is not None and (stored.max_length, stored.url_length) == (1000, 30)
    remove_account(saved, accounts, store)


@pytest.mark.expected_logs(r"connect: could not read the server's limits: HTTP 503")
def test_an_instance_that_hides_its_limits_keeps_the_default(
    server: FakeServer, redactor: Redactor
) -> None:
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    server.route("GET", "/api/v2/instance", Reply(503, b"<html>maintenance</html>"))
    draft = Draft(Network.MASTODON, "Ayto", server_url=server.url)
    identity = check_credential(draft, CANARY, redactor)
    assert identity.max_length is None  # the composer then counts 500, Mastodon's default


def test_a_network_has_an_adapter_when_its_module_exists() -> None:
    """Adding a network: one row in core/networks.py and one module with `build`."""
    import importlib

    from smalltown_social.core.networks import RULES
    from smalltown_social.networks.registry import AVAILABLE

    expected = {Network.MASTODON, Network.BLUESKY, Network.TELEGRAM, Network.FACEBOOK, Network.X}
    assert expected | {Network.LINKEDIN} <= AVAILABLE
    assert set(RULES) >= AVAILABLE
    for network in AVAILABLE:
        assert callable(importlib.import_module(f"smalltown_social.networks.{network}").build)

"""Builds the adapter for an account, from the module named after its network.

A network has an adapter when `smalltown_social/networks/<id>.py` exists
(mastodon.py, bluesky.py, telegram.py) with a `build(account, secret,
redactor, extras)` function: adding a network is one row in core/networks.py
and one such module, nothing here. The credential is read from the keyring
here and handed to the adapter, which registers it with the `Redactor` before
its first request. The adapter modules (and `requests` under them) are
imported on first use, not when the window starts: the clerk sees the window
sooner.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from smalltown_social.core.accounts import NETWORK_NAMES, Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import (
    Adapter,
    ContainerMemory,
    Extras,
    NeedsReconnect,
    PermanentError,
)
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore

AdapterFactory = Callable[[Account], Adapter]
"""Builds the adapter of an account; the composition root makes the one the app uses."""


def _module_name(network: Network) -> str:
    return f"{__package__}.{network.value}"


AVAILABLE = frozenset(n for n in Network if importlib.util.find_spec(_module_name(n)) is not None)
"""The networks with an adapter module (found without importing it)."""

TEXT_NOT_YET = Text(
    "La conexión con {network} todavía no está disponible en esta versión.",
    "Connecting to {network} is not available yet in this version.",
)
TEXT_NO_SECRET = Text(
    "No se encuentra la clave de acceso de la cuenta «{name}». Vuelva a conectarla en Cuentas.",
    "The access key of the account “{name}” cannot be found. Reconnect it under Accounts.",
)


def _refuse_unavailable(account: Account) -> None:
    if account.network not in AVAILABLE:
        raise PermanentError(
            TEXT_NOT_YET.format(network=NETWORK_NAMES[account.network]), "not implemented"
        )


def build_adapter(
    account: Account,
    secrets: SecretStore,
    redactor: Redactor,
    *,
    on_chat_migrated: Callable[[str, str], None] | None = None,
    containers: ContainerMemory | None = None,
    read_paid: bool = False,
    inbox_cursor: Callable[[int], str | None] | None = None,
) -> Adapter:
    """The adapter for `account`, with its credential from the keyring.

    Raises `PermanentError` for networks not implemented yet, `NeedsReconnect`
    when the keyring has no credential for the account, and the keyring's own
    `SecretsError` when the keyring cannot be used.
    """
    _refuse_unavailable(account)
    secret = secrets.get(account.secret_key)
    if not secret:
        raise NeedsReconnect(TEXT_NO_SECRET.format(name=account.name), "no secret in keyring")
    extras = Extras(
        secrets=secrets,
        on_chat_migrated=on_chat_migrated,
        containers=containers,
        read_paid=read_paid,
        inbox_cursor=inbox_cursor,
    )
    return adapter_for(account, secret, redactor, extras)


def adapter_factory(
    secrets: SecretStore,
    redactor: Redactor,
    containers: ContainerMemory | None = None,
    read_paid: Callable[[], bool] = lambda: False,
    inbox_cursor: Callable[[int], str | None] | None = None,
) -> AdapterFactory:
    """Adapters built from the keyring's credentials: the one factory the app hands around.

    `read_paid` says, when each adapter is built, whether the clerk opted in to
    paid reading (Ajustes), so a change applies from the next inbox poll on.
    `inbox_cursor` reads an account's stored inbox cursor (Telegram's counts).
    """
    return lambda account: build_adapter(
        account,
        secrets,
        redactor,
        containers=containers,
        read_paid=read_paid(),
        inbox_cursor=inbox_cursor,
    )


def adapter_for(
    account: Account, secret: str, redactor: Redactor, extras: Extras | None = None
) -> Adapter:
    """The adapter for `account` with a credential in hand (the add-account check)."""
    _refuse_unavailable(account)
    redactor.add(secret)
    module = importlib.import_module(_module_name(account.network))
    adapter: Adapter = module.build(account, secret, redactor, extras or Extras())
    return adapter

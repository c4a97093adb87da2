"""Builds the adapter for an account: the only place that branches on the network.

The credential is read from the keyring here and handed to the adapter,
which registers it with the `Redactor` before its first request. The adapter
modules (and `requests` under them) are imported on first use, not when the
window starts: the clerk sees the window sooner.
"""

from __future__ import annotations

from collections.abc import Callable

from smalltown_social.core.accounts import NETWORK_NAMES, Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import Adapter, NeedsReconnect, PermanentError
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore

AdapterFactory = Callable[[Account], Adapter]
"""Builds the adapter of an account; the composition root makes the one the app uses."""

AVAILABLE = frozenset({Network.MASTODON, Network.TELEGRAM, Network.BLUESKY})

TEXT_NOT_YET = Text(
    "La conexión con {network} todavía no está disponible en esta versión.",
    "Connecting to {network} is not available yet in this version.",
)
TEXT_NO_SECRET = Text(
    "No se encuentra la clave de acceso de la cuenta «{name}». Vuelva a conectarla en Cuentas.",
    "The access key of the account “{name}” cannot be found. Reconnect it under Accounts.",
)


def build_adapter(
    account: Account,
    secrets: SecretStore,
    redactor: Redactor,
    *,
    on_chat_migrated: Callable[[str, str], None] | None = None,
) -> Adapter:
    """The adapter for `account`, with its credential from the keyring.

    Raises `PermanentError` for networks not implemented yet, `NeedsReconnect`
    when the keyring has no credential for the account, and the keyring's own
    `SecretsError` when the keyring cannot be used.
    """
    if account.network not in AVAILABLE:
        raise PermanentError(
            TEXT_NOT_YET.format(network=NETWORK_NAMES[account.network]), "not implemented"
        )
    secret = secrets.get(account.secret_key)
    if not secret:
        raise NeedsReconnect(TEXT_NO_SECRET.format(name=account.name), "no secret in keyring")
    if account.network == Network.BLUESKY:  # keeps its session next to the app password
        from smalltown_social.networks.bluesky import BlueskyAdapter  # noqa: PLC0415 - start-up time

        return BlueskyAdapter(account, secret, redactor, secrets)
    return adapter_for(account, secret, redactor, on_chat_migrated=on_chat_migrated)


def adapter_factory(secrets: SecretStore, redactor: Redactor) -> AdapterFactory:
    """Adapters built from the keyring's credentials: the one factory the app hands around."""
    return lambda account: build_adapter(account, secrets, redactor)


def adapter_for(
    account: Account,
    secret: str,
    redactor: Redactor,
    *,
    on_chat_migrated: Callable[[str, str], None] | None = None,
) -> Adapter:
    """The adapter for `account` with a credential in hand (the add-account check)."""
    redactor.add(secret)
    # Imported on first use (start-up time); the noqa below is for that.
    if account.network == Network.MASTODON:
        from smalltown_social.networks.mastodon import MastodonAdapter  # noqa: PLC0415

        return MastodonAdapter(account, secret, redactor)
    if account.network == Network.BLUESKY:  # the session stays in memory until saved
        from smalltown_social.networks.bluesky import BlueskyAdapter  # noqa: PLC0415

        return BlueskyAdapter(account, secret, redactor)
    if account.network == Network.TELEGRAM:
        from smalltown_social.networks.telegram import TelegramAdapter  # noqa: PLC0415

        return TelegramAdapter(account, secret, redactor, on_chat_migrated=on_chat_migrated)
    raise PermanentError(
        TEXT_NOT_YET.format(network=NETWORK_NAMES[account.network]), "not implemented"
    )

"""Connecting and removing accounts: verify first, then save; secrets only in the keyring.

Shared by the command line (`account add/remove`) and the Cuentas page, so
both follow the same order:

1. the credential is checked against the network (`adapter.verify()`) with a
   throw-away account value — nothing is saved if the network refuses it;
2. the account row is written (names and addresses only);
3. the credential goes into the keyring under `account.secret_key`. If the
   keyring refuses it, the row is removed again: no account without its key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import LengthUnit
from smalltown_social.networks.base import Identity, NetworkError
from smalltown_social.networks.registry import adapter_for
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretsError, SecretStore
from smalltown_social.storage.accounts_repo import AccountInUse, AccountsRepository
from smalltown_social.storage.install_repo import InstallRepository

log = logging.getLogger(__name__)

STATUS_CONNECTED = "connected"

TEXT_NAME_TAKEN = Text(
    "Ya hay una cuenta llamada «{name}». Elija otro nombre.",
    "There is already an account called “{name}”. Choose another name.",
)
TEXT_IN_USE = Text(
    "La cuenta «{name}» tiene {count} publicaciones que todavía no han salido (borradores, "
    "programadas, con error o sin confirmar). Publíquelas o bórrelas antes de quitarla.",
    "The account “{name}” has {count} posts that have not gone out yet (drafts, scheduled, "
    "failed or unconfirmed). Publish or delete them before removing it.",
)
TEXT_EMPTY = Text(
    "Falta la clave de acceso (el token o la contraseña de aplicación).",
    "The access key (the token or app password) is missing.",
)

TEXT_BLANK_NAME = Text(
    "Falta el nombre de la cuenta (el que verá en la aplicación). No se ha guardado nada.",
    "The account's name (the one shown in the application) is missing. Nothing was saved.",
)
TEXT_UNUSABLE_KEY = Text(
    "La clave de acceso contiene caracteres que no pueden formar parte de ella (por ejemplo "
    "«€», letras con tilde o caracteres invisibles). Cópiela otra vez desde la red social. "
    "No se ha guardado nada.",
    "The access key contains characters that cannot be part of it (for example “€”, "
    "accented letters or invisible characters). Copy it again from the social network. "
    "Nothing was saved.",
)


class AccountSetupError(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True)
class Draft:
    """What the clerk typed, before anything is saved."""

    network: Network
    name: str
    server_url: str | None = None
    handle: str | None = None
    channel: str | None = None

    def account(self) -> Account:
        return Account(
            id=0,
            network=self.network,
            name=self.name.strip(),
            handle=self.handle or None,
            server_url=normalize_server(self.server_url),
            channel=(self.channel or "").strip() or None,
        )


@dataclass(frozen=True)
class Connected:
    """An account just saved, and what the clerk must hear although it works (`Identity.note`)."""

    account: Account
    note: Text | None = None


def normalize_server(url: str | None) -> str | None:
    """`mastodon.social` → `https://mastodon.social`; blank → None."""
    url = (url or "").strip().rstrip("/")
    if not url:
        return None
    return url if "://" in url else f"https://{url}"


def usable_secret(secret: str) -> bool:
    """True if every character can travel in an HTTP header or URL: printable ASCII.

    Every token, bot token and app password the networks hand out is; a "€"
    would make `requests` fail with a traceback while encoding the header.
    """
    return all(" " <= character <= "~" for character in secret)


def check_draft(draft: Draft) -> None:
    """Refuse what must not be saved whatever the network says (a blank name)."""
    if not draft.name.strip():
        raise AccountSetupError(TEXT_BLANK_NAME)


def check_credential(draft: Draft, secret: str, redactor: Redactor) -> Identity:
    """Ask the network whether the credential works. Raises `NetworkError` if not."""
    check_draft(draft)
    secret = secret.strip()
    if not secret:
        raise AccountSetupError(TEXT_EMPTY)
    redactor.add(secret)
    if not usable_secret(secret):
        raise AccountSetupError(TEXT_UNUSABLE_KEY)
    adapter = adapter_for(draft.account(), secret, redactor)
    try:
        identity = adapter.verify()
        try:
            limits = adapter.capabilities()
        except NetworkError as error:  # the defaults still work; say so in the log only
            log.warning("could not read the server's limits: %s", error.detail)
            return identity
        if limits.length_unit is not LengthUnit.MASTODON:
            return identity  # only servers with their own character limit (Mastodon)
        return replace(identity, max_length=limits.max_length, url_length=limits.url_length)
    finally:
        adapter.close()


def save_account(
    draft: Draft,
    secret: str,
    identity: Identity,
    accounts: AccountsRepository,
    secrets: SecretStore,
) -> Account:
    """Write the account row and its secret (verified beforehand with `check_credential`)."""
    check_draft(draft)
    if accounts.by_name(draft.name.strip()) is not None:
        raise AccountSetupError(TEXT_NAME_TAKEN.format(name=draft.name.strip()))
    value = draft.account()
    handle = value.handle or identity.handle or None
    saved = accounts.add(
        value.network,
        value.name,
        handle=handle,
        server_url=value.server_url,
        channel=value.channel,
    )
    try:
        secrets.set(saved.secret_key, secret.strip())
    except Exception:
        accounts.remove(saved.id)
        raise
    accounts.set_status(saved.id, STATUS_CONNECTED, identity.name or None)
    if identity.expires_utc is not None:
        accounts.set_expires(saved.id, identity.expires_utc)
    if identity.max_length is not None:
        accounts.set_limits(saved.id, identity.max_length, identity.url_length)
    log.info("account %s (%s) connected", saved.id, saved.network.value)
    return replace(
        saved,
        status=STATUS_CONNECTED,
        status_detail=identity.name or None,
        expires_utc=identity.expires_utc,
        max_length=identity.max_length,
        url_length=identity.url_length,
    )


def remove_account(account: Account, accounts: AccountsRepository, secrets: SecretStore) -> None:
    """Remove the row (or archive it, if posts went out through it), then the keyring entries.

    The row goes first because the database may refuse (posts still planned
    for the account); then nothing has changed. A keyring failure afterwards
    is raised (`SecretsError`) so the clerk hears of it.
    """
    refused = 0
    try:
        accounts.remove(account.id)
    except AccountInUse as error:
        refused = error.unfinished
    if refused:
        raise AccountSetupError(TEXT_IN_USE.format(name=account.name, count=refused))
    secrets.delete(account.secret_key)
    secrets.delete(account.session_key)  # a refresh token must not outlive its account
    log.info("account %s removed", account.id)


def adopt_legacy_secrets(
    accounts: AccountsRepository, secrets: SecretStore, install: InstallRepository
) -> int:
    """Once per data folder: copy the keyring entries older versions kept as `account-<id>`.

    Those names were shared by every data folder of the user, so the copy may
    be another folder's token; then the network refuses it and the clerk is
    asked to reconnect, as before. The old entries stay (another data folder
    may still read them). A keyring that cannot be used now is tried again at
    the next start; nothing else waits for it. Returns how many were copied.
    """
    if install.legacy_secrets_adopted():
        return 0
    copied = 0
    try:
        for account in accounts.all():
            if account.demo:
                continue
            for key in (account.secret_key, account.session_key):
                copied += secrets.adopt_legacy(key)
    except SecretsError as error:
        log.warning("old keyring entries not copied yet: %s", error.detail or error.text.en)
        return copied
    install.mark_legacy_secrets_adopted()
    if copied:
        log.info("copied %d keyring entries of an older version to this folder's names", copied)
    return copied

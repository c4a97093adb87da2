"""The daily look at every account's key: still valid, until when, with every permission.

A key that stops working must be told to the clerk before a post fails, not
at publication time. Once a day (and at start) every real account's adapter
is asked `verify()` — for Meta that is `debug_token`: validity, expiry,
permissions. The account row gets the expiry it reports and its status; a
warning is returned for each key that no longer works or stops working within
`WARN_AHEAD`. A network that cannot be reached now says nothing new: the
expiry already stored is still compared with today, so a key about to expire
is told even offline. A paid API (X charges per request) is not asked: only
its stored expiry is compared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import rules_for
from smalltown_social.networks.base import Adapter, NeedsReconnect, NetworkError
from smalltown_social.storage.accounts_repo import AccountsRepository

log = logging.getLogger(__name__)

WARN_AHEAD = timedelta(days=7)
CHECK_EVERY = timedelta(days=1)
STATUS_CONNECTED = "connected"
STATUS_RECONNECT = "needs_reconnect"

TEXT_EXPIRES = Text(
    "La clave de acceso de la cuenta «{name}» deja de funcionar el {date} (dentro de {days} "
    "días). Vuelva a conectarla en Cuentas antes de esa fecha para que no se pare nada.",
    "The access key of the account “{name}” stops working on {date} (in {days} days). "
    "Reconnect it under Accounts before that date so that nothing stops.",
)
TEXT_BROKEN = Text(
    "La cuenta «{name}» ya no puede publicar: {reason}",
    "The account “{name}” can no longer publish: {reason}",
)


@dataclass(frozen=True)
class CredentialWarning:
    account_id: int
    account_name: str
    text: Text
    expires_utc: datetime | None = None


def check_credentials(
    accounts: AccountsRepository,
    adapters: Callable[[Account], Adapter],
    now: datetime,
) -> list[CredentialWarning]:
    """Verify every real account's key; the warnings for the clerk (empty when all is well)."""
    warnings: list[CredentialWarning] = []
    for account in accounts.all():
        if account.demo or account.removed:
            continue
        expires = account.expires_utc
        if rules_for(account.network).cost is not None:
            # A paid API (X) would charge for the look: only the stored expiry is compared.
            _warn_expiry(warnings, account, expires, now)
            continue
        try:
            adapter = adapters(account)
            try:
                identity = adapter.verify()
            finally:
                adapter.close()
        except NeedsReconnect as error:
            accounts.set_status(account.id, STATUS_RECONNECT, error.text.es)
            log.warning("account %s: key refused by the network (%s)", account.id, error.detail)
            warnings.append(
                CredentialWarning(
                    account.id,
                    account.name,
                    TEXT_BROKEN.format(name=account.name, reason="") + error.text,
                )
            )
            continue
        except NetworkError as error:  # offline, 5xx, a network not built yet: ask tomorrow
            log.info("account %s: key not checked now (%s)", account.id, error.detail)
        except Exception as error:  # the keyring locked, say: ask tomorrow
            log.info("account %s: key not checked now (%s)", account.id, type(error).__name__)
        else:
            expires = identity.expires_utc
            accounts.set_expires(account.id, expires)
            accounts.set_status(account.id, STATUS_CONNECTED, identity.name or None)
        _warn_expiry(warnings, account, expires, now)
    return warnings


def _warn_expiry(
    warnings: list[CredentialWarning], account: Account, expires: datetime | None, now: datetime
) -> None:
    if expires is not None and expires - now <= WARN_AHEAD:
        days = max(0, (expires - now).days)
        date = expires.strftime("%d/%m/%Y")
        warnings.append(
            CredentialWarning(
                account.id,
                account.name,
                TEXT_EXPIRES.format(name=account.name, date=date, days=days),
                expires,
            )
        )

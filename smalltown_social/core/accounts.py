"""Connected accounts as plain values. Secrets are never part of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import NETWORK_NAMES, Network

__all__ = [
    "NETWORK_NAMES",
    "Account",
    "Network",
    "describe_status",
]  # the network table lives in core/networks.py


@dataclass(frozen=True)
class Account:
    id: int
    network: Network
    name: str
    handle: str | None = None
    server_url: str | None = None
    channel: str | None = None
    status: str = "unknown"
    status_detail: str | None = None
    expires_utc: datetime | None = None
    demo: bool = False
    max_length: int | None = None  # the server's own limit (a Mastodon instance), if it has one
    url_length: int | None = None  # what one link counts on that server
    removed: bool = False  # removed by the clerk; kept only to show its published history

    @property
    def secret_key(self) -> str:
        """The keyring entry name of this account's credential."""
        return f"account-{self.id}"

    @property
    def session_key(self) -> str:
        """The keyring entry of a session kept beside the credential (Bluesky's tokens)."""
        return f"account-{self.id}-session"


# A key that stops working within this many days is said in the accounts list.
EXPIRY_WARNING_DAYS = 14


def describe_status(account: Account, now: datetime) -> Text:  # noqa: PLR0911 - one per state
    """How an account stands, as the clerk reads it (the window and the command line)."""
    if account.demo:
        return Text("Demostración (no publica)", "Demo (does not publish)")
    if account.expires_utc is not None:
        days = (account.expires_utc - now).days
        if days < 0:
            return Text(
                "La clave ha caducado: vuelva a conectarla", "The key has expired: reconnect it"
            )
        if days <= EXPIRY_WARNING_DAYS:
            if days == 1:
                return Text(
                    "Conectada; la clave caduca en 1 día", "Connected; the key expires in 1 day"
                )
            return Text(
                f"Conectada; la clave caduca en {days} días",
                f"Connected; the key expires in {days} days",
            )
    if account.status == "connected":
        return Text("Conectada", "Connected")
    if account.status in ("error", "needs_reconnect"):
        detail = f": {account.status_detail}" if account.status_detail else ""
        return Text(f"Error{detail}", f"Error{detail}")
    return Text("Sin comprobar", "Not checked yet")
